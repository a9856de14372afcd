// Copyright 2026 The pith Authors.
//
// MaxLineWeight is a recursive-descent reader of RE2's syntax that computes,
// for every sub-expression, the most ASCII letters and digits it can take
// and whether each of its matches must start (end) at the text's start
// (end). Whenever it meets what it does not understand, it answers
// kUnboundedWeight, which only costs speed.

#include "lib/pattern_bounds.h"

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

// What a sub-expression can do.
struct Piece {
  int64_t weight = 0;    // Most ASCII letters and digits it takes.
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
      out->nothing = false;
    }
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
    switch (c) {
      case '(':
        return Group(out);
      case '[':
        return Class(out);
      case '\\':
        return Escape(out);
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
        return true;
      case '*':
      case '+':
      case '?':
        return false;  // A repeat of nothing: RE2 rejects it.
      default:
        break;
    }
    out->weight = Literal();
    return true;
  }

  // Reads the literal character (one UTF-8 sequence) at i_ and returns its
  // weight: 1 if it or a character it folds to under (?i) is an ASCII letter
  // or digit.
  int64_t Literal() {
    const size_t begin = i_;
    const unsigned char b = static_cast<unsigned char>(p_[i_++]);
    if (b < 0x80) return absl::ascii_isalnum(b) ? 1 : 0;
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
  // and lists only members of weight 0 (no ranges).
  bool Class(Piece* out) {
    ++i_;
    bool light = true;
    if (!AtEnd() && p_[i_] == '^') {
      light = false;
      ++i_;
    }
    bool first = true;
    while (!AtEnd() && (p_[i_] != ']' || first)) {
      first = false;
      const char c = p_[i_];
      if (c == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {
        const size_t close = p_.find(":]", i_ + 2);
        if (close == absl::string_view::npos) return false;
        i_ = close + 2;
        light = false;
      } else if (c == '-' && i_ + 1 < p_.size() && p_[i_ + 1] != ']') {
        ++i_;  // A range: its ends were or will be read as members.
        light = false;
      } else if (c == '\\') {
        const char e = i_ + 1 < p_.size() ? p_[i_ + 1] : 0;
        if (e == 'Q' || e == 'A' || e == 'z' || e == 'b' || e == 'B') {
          return false;  // Not a class member.
        }
        Piece escaped;
        if (!Escape(&escaped)) return false;
        if (escaped.weight != 0) light = false;
      } else {
        if (Literal() != 0) light = false;
      }
    }
    if (AtEnd()) return false;
    ++i_;  // ']'
    out->weight = light ? 0 : 1;
    return true;
  }

  // "\" at i_.
  bool Escape(Piece* out) {
    if (i_ + 1 >= p_.size()) return false;
    const char c = p_[i_ + 1];
    i_ += 2;
    out->weight = 1;
    switch (c) {
      case 's':  // [\t\n\f\r ]
      case 'W':  // [^0-9A-Za-z_]
      case 't':
      case 'n':
      case 'r':
      case 'f':
      case 'v':
      case 'a':
        out->weight = 0;
        return true;
      case 'b':
      case 'B':
        out->weight = 0;
        return true;
      case 'A':
        out->weight = 0;
        out->start = true;
        return true;
      case 'z':
        out->weight = 0;
        out->end = true;
        return true;
      case 'S':
      case 'd':
      case 'D':
      case 'w':
      case 'C':
        return true;
      case 'p':
      case 'P':
      case 'x':
        if (!AtEnd() && p_[i_] == '{') {
          const size_t close = p_.find('}', i_);
          if (close == absl::string_view::npos) return false;
          i_ = close + 1;
        } else if (c == 'x') {
          if (i_ + 2 > p_.size()) return false;
          i_ += 2;
        } else {
          if (AtEnd()) return false;
          ++i_;  // One-letter class name: \pL.
        }
        return true;
      case 'Q': {
        const size_t close = p_.find("\\E", i_);
        const size_t stop =
            close == absl::string_view::npos ? p_.size() : close;
        int64_t weight = 0;
        for (size_t k = i_; k < stop; ++k) {
          const unsigned char b = static_cast<unsigned char>(p_[k]);
          if (absl::ascii_isalnum(b) || b >= 0xC0) ++weight;
        }
        i_ = close == absl::string_view::npos ? p_.size() : close + 2;
        out->weight = weight;
        return true;
      }
      default:
        break;
    }
    if (c >= '0' && c <= '7') {  // Octal: up to three digits.
      for (int k = 0; k < 2 && !AtEnd() && p_[i_] >= '0' && p_[i_] <= '7';
           ++k) {
        ++i_;
      }
      return true;
    }
    // Escaped punctuation is that character; an unknown letter is an error
    // in RE2, and a non-ASCII byte is not something to guess about.
    const unsigned char b = static_cast<unsigned char>(c);
    out->weight = 0;
    return b < 0x80 && !absl::ascii_isalnum(b);
  }

  absl::string_view p_;
  size_t i_ = 0;
};

}  // namespace

int64_t MaxLineWeight(absl::string_view pattern) {
  Piece piece;
  Reader reader(pattern);
  if (!reader.Read(&piece)) return kUnboundedWeight;
  if (!piece.start || !piece.end) return kUnboundedWeight;
  return piece.weight;
}

int64_t LineWeight(absl::string_view line) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(line.data());
  const size_t n = line.size();
  size_t i = 0;
  int64_t weight = 0;
  // A letter has (b | 0x20) - 'a' < 26 and a digit b - '0' < 10, unsigned;
  // SSE2 compares signed bytes, so both sides are flipped by 0x80.
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i lower = _mm_set1_epi8(0x20);
  const __m128i a = _mm_set1_epi8('a');
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i letters = _mm_set1_epi8(static_cast<char>(26 ^ 0x80));
  const __m128i digits = _mm_set1_epi8(static_cast<char>(10 ^ 0x80));
  // Per-byte counts (a hit is -1, subtracted), summed every 255 blocks at
  // most, before a byte could overflow.
  while (i + 16 <= n) {
    __m128i counts = _mm_setzero_si128();
    for (int blocks = 0; blocks < 255 && i + 16 <= n; ++blocks, i += 16) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i l =
          _mm_xor_si128(_mm_sub_epi8(_mm_or_si128(v, lower), a), flip);
      const __m128i d = _mm_xor_si128(_mm_sub_epi8(v, zero), flip);
      const __m128i hits =
          _mm_or_si128(_mm_cmplt_epi8(l, letters), _mm_cmplt_epi8(d, digits));
      counts = _mm_sub_epi8(counts, hits);
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    weight += _mm_cvtsi128_si32(sums) +
              _mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
  }
  for (; i < n; ++i) weight += absl::ascii_isalnum(p[i]) ? 1 : 0;
  return weight;
}

}  // namespace internal
}  // namespace pith
