// Copyright 2026 The pith Authors.
//
// MaxLineSize is a recursive-descent reader of RE2's syntax that computes,
// for every sub-expression, the most ASCII letters and digits it can take,
// the most runs of whitespace that can begin inside it, and whether each of
// its matches must start (end) at the text's start (end). Whenever it meets
// what it does not understand, it answers kUnboundedWeight, which only
// costs speed.

#include "lib/clean/pattern_bounds.h"

#include <emmintrin.h>

#include <algorithm>
#include <cstddef>

#include "absl/strings/ascii.h"

namespace pith {
namespace internal {
namespace {

constexpr int64_t kInf = kUnboundedWeight;

int64_t Add(int64_t a, int64_t b) { return a >= kInf - b ? kInf : a + b; }

int64_t Mul(int64_t a, int64_t n) {
  if (a == 0 || n == 0) return 0;
  return a >= kInf / n ? kInf : a * n;
}

// The bytes of RE2's \s, which LineSize::gaps counts runs of, as a mask
// over SpaceBit().
constexpr int kAllSpaces = 0x1F;

// The bit of byte "b" in a mask of \s bytes, or 0 if it is not one.
int SpaceBit(uint32_t b) {
  switch (b) {
    case '\t':
      return 1;
    case '\n':
      return 2;
    case '\f':
      return 4;
    case '\r':
      return 8;
    case ' ':
      return 16;
    default:
      return 0;
  }
}

// What a set of characters (one step of a match) can take: which \s bytes,
// and whether anything else.
struct CharSet {
  int spaces = 0;      // Mask of \s bytes.
  bool other = false;  // Some character that is not one of them.
};

// What a sub-expression can do.
struct Piece {
  int64_t weight = 0;  // Most ASCII letters and digits it takes.
  // Most runs of \s bytes that can begin inside one match of it: a byte of
  // \s not preceded by another. If "blank", every character it takes is a
  // \s byte, so that what it takes is one run at most and gaps <= 1.
  int64_t gaps = 0;
  bool blank = true;
  bool start = false;    // Every match begins at the text's start.
  bool end = false;      // Every match ends at the text's end.
  bool nothing = false;  // Matches only the empty string anywhere: "(?i)".
};

class Reader {
 public:
  explicit Reader(absl::string_view p) : p_(p) {}

  // Reads the whole pattern; false if it gave up.
  bool Read(Piece* out) {
    if (!Alternation(out)) return false;
    return i_ == p_.size();
  }

 private:
  bool AtEnd() const { return i_ >= p_.size(); }

  // alternation := concatenation ('|' concatenation)*
  bool Alternation(Piece* out) {
    Piece first;
    if (!Concatenation(&first)) return false;
    *out = first;
    while (!AtEnd() && p_[i_] == '|') {
      ++i_;
      Piece next;
      if (!Concatenation(&next)) return false;
      out->weight = std::max(out->weight, next.weight);
      out->gaps = std::max(out->gaps, next.gaps);
      out->blank = out->blank && next.blank;
      out->start = out->start && next.start;
      out->end = out->end && next.end;
      out->nothing = out->nothing && next.nothing;
    }
    return true;
  }

  // concatenation := repeat*, up to '|', ')' or the end.
  bool Concatenation(Piece* out) {
    *out = Piece();
    out->nothing = true;
    bool seen_first = false;
    bool last_end = false;
    while (!AtEnd() && p_[i_] != '|' && p_[i_] != ')') {
      Piece piece;
      if (!Repeat(&piece)) return false;
      if (piece.nothing) continue;  // Flags: neither anchors nor takes.
      if (!seen_first) {
        out->start = piece.start;
        seen_first = true;
      }
      last_end = piece.end;
      out->weight = Add(out->weight, piece.weight);
      out->gaps = Add(out->gaps, piece.gaps);
      out->blank = out->blank && piece.blank;
      out->nothing = false;
    }
    if (out->blank) out->gaps = std::min<int64_t>(out->gaps, 1);
    out->end = last_end;
    return true;
  }

  // repeat := atom quantifier*
  bool Repeat(Piece* out) {
    if (!Atom(out)) return false;
    for (;;) {
      if (AtEnd()) return true;
      const char c = p_[i_];
      int64_t times = -1;  // -1: unbounded.
      if (c == '*' || c == '+') {
        ++i_;
      } else if (c == '?') {
        ++i_;
        times = 1;
      } else if (c == '{') {
        int64_t lo = 0, hi = 0;
        bool has_hi = false;
        if (!Counted(&lo, &hi, &has_hi)) return true;  // A literal "{".
        times = has_hi ? hi : -1;
      } else {
        return true;
      }
      if (!AtEnd() && p_[i_] == '?') ++i_;  // Non-greedy.
      if (out->nothing) return false;       // "(?i)*": not worth reading.
      out->weight =
          times < 0 ? (out->weight == 0 ? 0 : kInf) : Mul(out->weight, times);
      if (out->blank) {
        out->gaps = std::min<int64_t>(out->gaps, 1);  // Still one run.
      } else {
        out->gaps =
            times < 0 ? (out->gaps == 0 ? 0 : kInf) : Mul(out->gaps, times);
      }
      out->start = false;
      out->end = false;
    }
  }

  // Reads "{n}", "{n,}" or "{n,m}" at i_; false (i_ unchanged) if what is
  // there is not one, which RE2 takes as a literal "{".
  bool Counted(int64_t* lo, int64_t* hi, bool* has_hi) {
    size_t j = i_ + 1;
    auto number = [&](int64_t* value) {
      const size_t begin = j;
      *value = 0;
      while (j < p_.size() && absl::ascii_isdigit(p_[j])) {
        *value = std::min<int64_t>(*value * 10 + (p_[j] - '0'), 1 << 20);
        ++j;
      }
      return j > begin;
    };
    if (!number(lo)) return false;
    if (j < p_.size() && p_[j] == '}') {
      *hi = *lo;
      *has_hi = true;
    } else if (j < p_.size() && p_[j] == ',') {
      ++j;
      *has_hi = number(hi);
      if (j >= p_.size() || p_[j] != '}') return false;
    } else {
      return false;
    }
    i_ = j + 1;
    return true;
  }

  bool Atom(Piece* out) {
    *out = Piece();
    const char c = p_[i_];
    CharSet chars;
    switch (c) {
      case '(':
        return Group(out);
      case '[':
        return Class(out);
      case '\\':
        return Escape(out, &chars);
      case '^':
        ++i_;
        out->start = true;
        return true;
      case '$':
        ++i_;
        out->end = true;
        return true;
      case '.':
        ++i_;
        out->weight = 1;
        TakeOne(CharSet{kAllSpaces, true}, out);
        return true;
      case '*':
      case '+':
      case '?':
        return false;  // A repeat of nothing: RE2 rejects it.
      default:
        break;
    }
    out->weight = Literal(&chars);
    TakeOne(chars, out);
    return true;
  }

  // Sets what "*out" takes to one character of "chars".
  static void TakeOne(const CharSet& chars, Piece* out) {
    out->gaps = chars.spaces != 0 ? 1 : 0;
    out->blank = !chars.other;
  }

  // Reads the literal character (one UTF-8 sequence) at i_, adds it to
  // "*chars" and returns its weight: 1 if it or a character it folds to
  // under (?i) is an ASCII letter or digit.
  int64_t Literal(CharSet* chars) {
    const size_t begin = i_;
    const unsigned char b = static_cast<unsigned char>(p_[i_++]);
    if (b < 0x80) {
      const int bit = SpaceBit(b);
      chars->spaces |= bit;
      chars->other = chars->other || bit == 0;
      return absl::ascii_isalnum(b) ? 1 : 0;
    }
    chars->other = true;
    while (!AtEnd() && (static_cast<unsigned char>(p_[i_]) & 0xC0) == 0x80) {
      ++i_;
    }
    const absl::string_view rune = p_.substr(begin, i_ - begin);
    // KELVIN SIGN (k) and LATIN SMALL LETTER LONG S (s): the only runes
    // outside ASCII that (?i) folds to an ASCII letter.
    return rune == "\xe2\x84\xaa" || rune == "\xc5\xbf" ? 1 : 0;
  }

  // "(" already at i_: a capture, "(?:", "(?P<name>", "(?<name>",
  // "(?flags:" or "(?flags)".
  bool Group(Piece* out) {
    ++i_;
    if (!AtEnd() && p_[i_] == '?') {
      ++i_;
      if (!AtEnd() && (p_[i_] == '<' || (p_[i_] == 'P' && i_ + 1 < p_.size() &&
                                         p_[i_ + 1] == '<'))) {
        const size_t close = p_.find('>', i_);
        if (close == absl::string_view::npos) return false;
        i_ = close + 1;
      } else {
        // Flags: give up on multi-line mode, where ^ and $ match at "\n".
        while (!AtEnd() && p_[i_] != ':' && p_[i_] != ')') {
          const char f = p_[i_];
          if (f != 'i' && f != 's' && f != 'U' && f != '-') return false;
          ++i_;
        }
        if (AtEnd()) return false;
        if (p_[i_] == ')') {
          ++i_;
          out->nothing = true;
          return true;
        }
        ++i_;  // ':'
      }
    }
    if (!Alternation(out)) return false;
    if (AtEnd() || p_[i_] != ')') return false;
    ++i_;
    return true;
  }

  // "[" at i_. Takes one character, of weight 0 if the class is not negated
  // and lists only members of weight 0 (no ranges), and a \s byte if the
  // class holds one.
  bool Class(Piece* out) {
    ++i_;
    bool light = true;
    bool negated = false;
    if (!AtEnd() && p_[i_] == '^') {
      negated = true;
      light = false;
      ++i_;
    }
    CharSet members;
    bool first = true;
    int last = -1;          // The last member if one ASCII byte, else -1.
    bool in_range = false;  // The member read next ends a range from "last".
    while (!AtEnd() && (p_[i_] != ']' || first)) {
      first = false;
      const char c = p_[i_];
      int single = -1;
      if (c == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {
        const size_t close = p_.find(":]", i_ + 2);
        if (close == absl::string_view::npos) return false;
        i_ = close + 2;
        light = false;
        members = CharSet{kAllSpaces, true};
      } else if (c == '-' && i_ + 1 < p_.size() && p_[i_ + 1] != ']') {
        ++i_;  // A range: its ends were or will be read as members.
        light = false;
        in_range = true;
        continue;
      } else if (c == '\\') {
        const char e = i_ + 1 < p_.size() ? p_[i_ + 1] : 0;
        if (e == 'Q' || e == 'A' || e == 'z' || e == 'b' || e == 'B') {
          return false;  // Not a class member.
        }
        Piece escaped;
        CharSet chars;
        if (!Escape(&escaped, &chars)) return false;
        if (escaped.weight != 0) light = false;
        members.spaces |= chars.spaces;
        members.other = members.other || chars.other;
      } else {
        const unsigned char b = static_cast<unsigned char>(c);
        if (b < 0x80) single = b;
        if (Literal(&members) != 0) light = false;
      }
      if (in_range) {
        in_range = false;
        if (last >= 0 && single >= last) {
          for (int b = last; b <= single; ++b) {
            members.spaces |= SpaceBit(b);
            members.other = members.other || SpaceBit(b) == 0;
          }
        } else {
          members = CharSet{kAllSpaces, true};  // Not worth reading.
        }
      }
      last = single;
    }
    if (AtEnd()) return false;
    ++i_;  // ']'
    out->weight = light ? 0 : 1;
    if (negated) members = CharSet{kAllSpaces & ~members.spaces, true};
    TakeOne(members, out);
    return true;
  }

  // "\" at i_. Adds the characters the escape takes to "*chars" (none for
  // an assertion such as \b) and sets "*out" to what it does as an atom.
  bool Escape(Piece* out, CharSet* chars) {
    if (i_ + 1 >= p_.size()) return false;
    const char c = p_[i_ + 1];
    i_ += 2;
    out->weight = 1;
    bool ok = true;
    switch (c) {
      case 's':  // [\t\n\f\r ]
        out->weight = 0;
        chars->spaces = kAllSpaces;
        break;
      case 'W':  // [^0-9A-Za-z_]
        out->weight = 0;
        *chars = CharSet{kAllSpaces, true};
        break;
      case 't':
      case 'n':
      case 'r':
      case 'f':
        out->weight = 0;
        chars->spaces |= SpaceBit(c == 't'   ? '\t'
                                  : c == 'n' ? '\n'
                                  : c == 'r' ? '\r'
                                             : '\f');
        break;
      case 'v':
      case 'a':
        out->weight = 0;
        chars->other = true;
        break;
      case 'b':
      case 'B':
        out->weight = 0;
        break;
      case 'A':
        out->weight = 0;
        out->start = true;
        break;
      case 'z':
        out->weight = 0;
        out->end = true;
        break;
      case 'S':
      case 'd':
      case 'w':
        chars->other = true;
        break;
      case 'D':
      case 'C':
        *chars = CharSet{kAllSpaces, true};
        break;
      case 'p':
      case 'P':
      case 'x': {
        size_t name = i_;
        size_t name_end = i_;
        if (!AtEnd() && p_[i_] == '{') {
          const size_t close = p_.find('}', i_);
          if (close == absl::string_view::npos) return false;
          name = i_ + 1;
          name_end = close;
          i_ = close + 1;
        } else if (c == 'x') {
          if (i_ + 2 > p_.size()) return false;
          i_ += 2;
        } else {
          if (AtEnd()) return false;
          name = i_;
          name_end = ++i_;  // One-letter class name: \pL.
        }
        // Letters and numbers (\pL, \p{Lu}, \p{N}, ...) hold no space;
        // anything else might.
        const bool letters_or_numbers = c == 'p' && name_end > name &&
                                        (p_[name] == 'L' || p_[name] == 'N') &&
                                        name_end - name <= 2;
        *chars =
            letters_or_numbers ? CharSet{0, true} : CharSet{kAllSpaces, true};
        break;
      }
      case 'Q': {
        const size_t close = p_.find("\\E", i_);
        const size_t stop =
            close == absl::string_view::npos ? p_.size() : close;
        int64_t weight = 0;
        int64_t gaps = 0;
        bool blank = true;
        bool after_space = false;
        for (size_t k = i_; k < stop; ++k) {
          const unsigned char b = static_cast<unsigned char>(p_[k]);
          if (absl::ascii_isalnum(b) || b >= 0xC0) ++weight;
          const bool space = SpaceBit(b) != 0;
          if (space && !after_space) ++gaps;
          after_space = space;
          blank = blank && space;
        }
        i_ = close == absl::string_view::npos ? p_.size() : close + 2;
        out->weight = weight;
        out->gaps = gaps;
        out->blank = blank;
        return true;
      }
      default:
        if (c >= '0' && c <= '7') {  // Octal: up to three digits.
          for (int k = 0; k < 2 && !AtEnd() && p_[i_] >= '0' && p_[i_] <= '7';
               ++k) {
            ++i_;
          }
          *chars = CharSet{kAllSpaces, true};
          break;
        }
        // Escaped punctuation is that character; an unknown letter is an
        // error in RE2, and a non-ASCII byte is not something to guess
        // about.
        {
          const unsigned char b = static_cast<unsigned char>(c);
          out->weight = 0;
          ok = b < 0x80 && !absl::ascii_isalnum(b);
          const int bit = SpaceBit(b);
          chars->spaces |= bit;
          chars->other = chars->other || bit == 0;
        }
        break;
    }
    if (chars->spaces != 0 || chars->other) TakeOne(*chars, out);
    return ok;
  }

  absl::string_view p_;
  size_t i_ = 0;
};

}  // namespace

LineSize MaxLineSize(absl::string_view pattern) {
  const LineSize unbounded{kUnboundedWeight, kUnboundedWeight};
  Piece piece;
  Reader reader(pattern);
  if (!reader.Read(&piece)) return unbounded;
  if (!piece.start || !piece.end) return unbounded;
  return LineSize{piece.weight, piece.gaps};
}

LineSize MeasureLine(absl::string_view line) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(line.data());
  const size_t n = line.size();
  size_t i = 0;
  LineSize size;
  // A letter has (b | 0x20) - 'a' < 26, a digit b - '0' < 10 and a \s byte
  // other than the space b - '\t' < 5 but for '\v', all unsigned; SSE2
  // compares signed bytes, so both sides are flipped by 0x80.
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i lower = _mm_set1_epi8(0x20);
  const __m128i a = _mm_set1_epi8('a');
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i vtab = _mm_set1_epi8('\v');
  const __m128i letters = _mm_set1_epi8(static_cast<char>(26 ^ 0x80));
  const __m128i digits = _mm_set1_epi8(static_cast<char>(10 ^ 0x80));
  const __m128i controls = _mm_set1_epi8(static_cast<char>(5 ^ 0x80));
  // The \s mask of the block before, for runs that cross blocks.
  __m128i before = _mm_setzero_si128();
  // Per-byte counts (a hit is -1, subtracted), summed every 255 blocks at
  // most, before a byte could overflow.
  while (i + 16 <= n) {
    __m128i weights = _mm_setzero_si128();
    __m128i starts = _mm_setzero_si128();
    for (int blocks = 0; blocks < 255 && i + 16 <= n; ++blocks, i += 16) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i l =
          _mm_xor_si128(_mm_sub_epi8(_mm_or_si128(v, lower), a), flip);
      const __m128i d = _mm_xor_si128(_mm_sub_epi8(v, zero), flip);
      const __m128i c = _mm_xor_si128(_mm_sub_epi8(v, tab), flip);
      const __m128i hits =
          _mm_or_si128(_mm_cmplt_epi8(l, letters), _mm_cmplt_epi8(d, digits));
      const __m128i spaces =
          _mm_or_si128(_mm_cmpeq_epi8(v, space),
                       _mm_andnot_si128(_mm_cmpeq_epi8(v, vtab),
                                        _mm_cmplt_epi8(c, controls)));
      // A run starts at a \s byte whose byte before is not one.
      const __m128i previous =
          _mm_or_si128(_mm_slli_si128(spaces, 1), _mm_srli_si128(before, 15));
      before = spaces;
      weights = _mm_sub_epi8(weights, hits);
      starts = _mm_sub_epi8(starts, _mm_andnot_si128(previous, spaces));
    }
    const __m128i w = _mm_sad_epu8(weights, _mm_setzero_si128());
    const __m128i g = _mm_sad_epu8(starts, _mm_setzero_si128());
    size.weight +=
        _mm_cvtsi128_si32(w) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(w, w));
    size.gaps +=
        _mm_cvtsi128_si32(g) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(g, g));
  }
  bool after_space = i > 0 && SpaceBit(p[i - 1]) != 0;
  for (; i < n; ++i) {
    size.weight += absl::ascii_isalnum(p[i]) ? 1 : 0;
    const bool is_space = SpaceBit(p[i]) != 0;
    size.gaps += is_space && !after_space ? 1 : 0;
    after_space = is_space;
  }
  return size;
}

}  // namespace internal
}  // namespace pith
