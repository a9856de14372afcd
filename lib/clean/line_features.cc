// Copyright 2026 The pith Authors.
//
// The scan classifies 64 bytes at a time into bit masks (SSE2), so that
// tokens, characters, digits and separators are popcounts, and the loop runs
// once per word (for the stopword lookup), not once per byte. The few bytes
// whose meaning depends on the bytes before them (UTF-8 punctuation and
// NBSP, which swallow the next one or two bytes whatever they are) are
// settled by a sequential walk over the non-ASCII bytes only.
//
// A build for CPUs with POPCNT, BMI1 and BMI2 is chosen at run time; both
// builds compute the same thing (ComputeLineFeaturesPortable runs the other).

#include "lib/clean/line_features.h"

#include <cstring>

#include "absl/base/attributes.h"
#include "absl/base/config.h"
#include "pith/segment.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if !defined(ABSL_IS_LITTLE_ENDIAN)
#error "line_features.cc packs words assuming a little-endian CPU"
#endif

namespace pith {
namespace internal {
namespace {

inline bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

// Strips white space (pith/segment.h's definition) from both ends.
// Strips white space (pith/segment.h's definition) from both ends, and a
// list bullet with the space after it from the start: "* ", "• " anywhere,
// "+ ", "o ", "# ", "- " after indentation (how lynx and similar dumps mark
// list items), so that "  * Home" reads as "Home".
absl::string_view Trim(absl::string_view s, size_t* skipped) {
  absl::string_view t = TrimLine(s);
  if (t.size() > 2) {
    const char c = t[0];
    const bool indented = t.data() != s.data();
    size_t marker = 0;
    if (c == '*' ||
        (indented && (c == '+' || c == 'o' || c == '#' || c == '-'))) {
      marker = 1;
    } else if (t.size() > 4 && static_cast<unsigned char>(c) == 0xE2 &&
               static_cast<unsigned char>(t[1]) == 0x80 &&
               static_cast<unsigned char>(t[2]) == 0xA2) {  // •
      marker = 3;
    }
    if (marker > 0 && (t[marker] == ' ' || t[marker] == '\t')) {
      t = TrimLine(t.substr(marker));
    }
  }
  *skipped = static_cast<size_t>(t.data() - s.data());
  return t;
}

// Looks at the end of "s", skipping closing quotes, brackets and emphasis.
bool EndsSentence(absl::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t e = s.size();
  while (e > 0) {
    unsigned char c = p[e - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_' ||
        c == ' ') {
      --e;
      continue;
    }
    // ” ’ » and « (U+201D, U+2019, U+00BB, U+00AB).
    if (e >= 3 && p[e - 3] == 0xE2 && p[e - 2] == 0x80 &&
        (c == 0x9D || c == 0x99 || c == 0x9C)) {
      e -= 3;
      continue;
    }
    if (e >= 2 && p[e - 2] == 0xC2 && (c == 0xBB || c == 0xAB)) {
      e -= 2;
      continue;
    }
    // 」 』 (U+300D, U+300F).
    if (e >= 3 && p[e - 3] == 0xE3 && p[e - 2] == 0x80 &&
        (c == 0x8D || c == 0x8F)) {
      e -= 3;
      continue;
    }
    break;
  }
  if (e == 0) return false;
  unsigned char c = p[e - 1];
  if (c == '.' || c == '!' || c == '?') return true;
  if (e < 3) return false;
  // … (U+2026), 。 (U+3002), ！ (U+FF01), ？ (U+FF1F).
  return (p[e - 3] == 0xE2 && p[e - 2] == 0x80 && c == 0xA6) ||
         (p[e - 3] == 0xE3 && p[e - 2] == 0x80 && c == 0x82) ||
         (p[e - 3] == 0xEF && p[e - 2] == 0xBC && (c == 0x81 || c == 0x9F));
}

// Bit i of each mask describes byte i of a 64-byte block of the trimmed line.
// Bits past the end of the line are 0 in every mask.
struct Block {
  uint64_t token = 0;  // Not white space: part of a white-space token.
  // Part of a word for stopwords: an ASCII letter, or a non-ASCII byte that
  // is not UTF-8 punctuation or NBSP.
  uint64_t word = 0;
  uint64_t high = 0;       // >= 0x80: settled by SettleNonAscii().
  uint64_t uncounted = 0;  // In a token but adds no character.
  uint64_t digit = 0;
  uint64_t pipe = 0;   // "|" (always a separator).
  uint64_t lone = 0;   // "|", "/", "-" (a separator as a token by itself).
  uint64_t paren = 0;  // "(" (maybe "(c)").
  uint64_t taken = 0;  // Swallowed by a sequence before it (see Swallow).
  // Lowered as the second byte of a Latin-1 capital ("Ä" is C3 84), which
  // is wrong at the start of a word (the C3 before it is not in the word).
  uint64_t latin = 0;
};

#if defined(__SSE2__)
// Bytes of "v" that are <= "hi" as unsigned numbers.
inline __m128i LessEqual(__m128i v, __m128i hi) {
  return _mm_cmpeq_epi8(_mm_min_epu8(v, hi), v);
}

inline uint64_t Bits(__m128i m, int shift) {
  return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(m)))
         << shift;
}

// Classifies the 64 bytes at "p" (ASCII meaning only), and writes them to
// "lower" with ASCII and Latin-1 capitals lowercased. "*prev" holds the 16
// bytes before "p" (zero at the start of the line), and then the last 16.
// Only the 16-byte pieces that hold the first "bytes" bytes are looked at:
// the bits of the others are 1 in "token", 0 elsewhere, and their "lower"
// bytes are not written.
inline void ClassifyAscii(const unsigned char* p, int bytes, Block* b,
                          unsigned char* lower, __m128i* prev) {
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i four = _mm_set1_epi8(4);
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i a = _mm_set1_epi8('a');
  const __m128i twenty_five = _mm_set1_epi8(25);
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i nine = _mm_set1_epi8(9);
  const __m128i pipe = _mm_set1_epi8('|');
  const __m128i slash = _mm_set1_epi8('/');
  const __m128i dash = _mm_set1_epi8('-');
  const __m128i paren = _mm_set1_epi8('(');
  const __m128i lead_min = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i c3 = _mm_set1_epi8(static_cast<char>(0xC3));
  const __m128i top3 = _mm_set1_epi8(static_cast<char>(0xE0));
  const __m128i x80 = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i x08 = _mm_set1_epi8(0x08);
  const __m128i x9f = _mm_set1_epi8(static_cast<char>(0x9F));
  for (int i = 0; i < bytes; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // ' ', and \t \v \f \r (9..13 but \n).
    const __m128i is_space =
        _mm_or_si128(_mm_cmpeq_epi8(v, space),
                     _mm_andnot_si128(_mm_cmpeq_epi8(v, newline),
                                      LessEqual(_mm_sub_epi8(v, tab), four)));
    const __m128i is_letter =
        LessEqual(_mm_sub_epi8(_mm_or_si128(v, case_bit), a), twenty_five);
    const __m128i is_pipe = _mm_cmpeq_epi8(v, pipe);
    // C3 80..C3 9E but C3 97 (×): test 0x80..0x9F but 0x97 and 0x9F.
    const __m128i before =
        _mm_or_si128(_mm_slli_si128(v, 1), _mm_srli_si128(*prev, 15));
    const __m128i is_latin = _mm_andnot_si128(
        _mm_cmpeq_epi8(_mm_or_si128(v, x08), x9f),
        _mm_and_si128(_mm_cmpeq_epi8(before, c3),
                      _mm_cmpeq_epi8(_mm_and_si128(v, top3), x80)));
    *prev = v;
    _mm_storeu_si128(
        reinterpret_cast<__m128i*>(lower + i),
        _mm_or_si128(
            v, _mm_and_si128(_mm_or_si128(is_letter, is_latin), case_bit)));
    b->token |= Bits(is_space, i);  // Inverted below.
    b->word |= Bits(is_letter, i);
    b->high |= Bits(v, i);
    // 0x80..0xBF: UTF-8 continuation bytes.
    b->uncounted |= Bits(_mm_cmplt_epi8(v, lead_min), i);
    b->digit |= Bits(LessEqual(_mm_sub_epi8(v, zero), nine), i);
    b->pipe |= Bits(is_pipe, i);
    b->lone |=
        Bits(_mm_or_si128(is_pipe, _mm_or_si128(_mm_cmpeq_epi8(v, slash),
                                                _mm_cmpeq_epi8(v, dash))),
             i);
    b->paren |= Bits(_mm_cmpeq_epi8(v, paren), i);
    b->latin |= Bits(is_latin, i);
  }
  b->token = ~b->token;
  b->word |= b->high;
}

using Prev = __m128i;

#else
inline void ClassifyAscii(const unsigned char* p, int bytes, Block* b,
                          unsigned char* lower, unsigned char* prev) {
  uint64_t space = 0;
  for (int i = 0; i < bytes; ++i) {
    const unsigned char c = p[i];
    const uint64_t bit = uint64_t{1} << i;
    const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    const bool latin = *prev == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97;
    *prev = c;
    lower[i] = letter || latin ? c | 0x20 : c;
    if (IsSpace(c)) space |= bit;
    if (letter || c >= 0x80) b->word |= bit;
    if (c >= 0x80) b->high |= bit;
    if (c >= 0x80 && c < 0xC0) b->uncounted |= bit;
    if (c >= '0' && c <= '9') b->digit |= bit;
    if (c == '|') b->pipe |= bit;
    if (c == '|' || c == '/' || c == '-') b->lone |= bit;
    if (c == '(') b->paren |= bit;
    if (latin) b->latin |= bit;
  }
  b->token = ~space;
}

using Prev = unsigned char;
#endif

// Fills "*b" and "lower" (see ClassifyAscii) for the bytes of "t" from
// "base" on (up to 64 of them).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline void ClassifyBlock(const unsigned char* t,
                                                       size_t n, size_t base,
                                                       Block* b,
                                                       unsigned char* lower,
                                                       Prev* prev) {
  *b = Block();
  const size_t left = n - base;
  if (left >= 64) {
    ClassifyAscii(t + base, 64, b, lower, prev);
    return;
  }
  alignas(16) unsigned char buf[64] = {};
  std::memcpy(buf, t + base, left);
  ClassifyAscii(buf, static_cast<int>(left), b, lower, prev);
  const uint64_t valid = (uint64_t{1} << left) - 1;
  b->token &= valid;
  b->word &= valid;
  b->high &= valid;
  b->uncounted &= valid;
  b->digit &= valid;
  b->pipe &= valid;
  b->lone &= valid;
  b->paren &= valid;
  b->latin &= valid;
}

// Bytes of the next block that a punctuation sequence or NBSP at the end of
// a block swallows.
struct Spill {
  uint64_t taken = 0;  // Swallowed: in the token, but nothing of their own.
  uint64_t space = 0;  // The second byte of an NBSP: white space.
};

// Marks the bytes in "s" of "*b" as swallowed by a sequence before them.
inline void Swallow(const Spill& s, Block* b) {
  const uint64_t m = s.taken | s.space;
  b->token = (b->token | s.taken) & ~s.space;  // C2 + " " is one token.
  b->word &= ~m;
  b->high &= ~m;
  b->uncounted |= m;
  b->digit &= ~m;
  b->pipe &= ~m;
  b->lone &= ~m;
  b->paren &= ~m;
  b->taken |= m;
}

// Settles the non-ASCII bytes of block "*b" (at "base" in "t"), exactly as
// a byte-by-byte scan would: C2 A0 is white space; C2 xx and E2 80|81 xx
// are punctuation (one character that ends words, whatever xx is); other
// non-ASCII bytes are letters. Bytes of the next block that a sequence
// swallows are added to "*spill".
inline void SettleNonAscii(const unsigned char* t, size_t n, size_t base,
                           Block* b, Spill* spill, LineFeatures* f) {
  uint64_t h = b->high & ~b->taken;
  Spill here;
  while (h != 0) {
    const int bit = __builtin_ctzll(h);
    h &= h - 1;
    const size_t i = base + static_cast<size_t>(bit);
    const unsigned char c = t[i];
    // "bit + 1" and "bit + 2" as masks of this block and of the next.
    const uint64_t b1 = bit < 63 ? uint64_t{2} << bit : 0;
    const uint64_t n1 = bit < 63 ? 0 : 1;
    uint64_t swallow = 0, spilled = 0;
    if (c == 0xC2 && i + 1 < n) {
      const unsigned char c1 = t[i + 1];
      b->word &= ~(uint64_t{1} << bit);
      if (c1 == 0xA0) {  // NBSP.
        b->token &= ~(uint64_t{1} << bit);
        here.space |= b1;
        spill->space |= n1;
        h &= ~b1;
        continue;
      }
      if (c1 == 0xA9) f->copyright = true;
      if (c1 == 0xB7 || c1 == 0xBB) ++f->separators;
      swallow = b1;
      spilled = n1;
    } else if (c == 0xE2 && i + 2 < n &&
               (t[i + 1] == 0x80 || t[i + 1] == 0x81)) {
      b->word &= ~(uint64_t{1} << bit);
      if (t[i + 1] == 0x80 && t[i + 2] == 0xA2) ++f->separators;  // •
      const uint64_t b2 = bit < 62 ? uint64_t{4} << bit : 0;
      const uint64_t n2 = bit < 62 ? 0 : uint64_t{1} << (bit - 62);
      swallow = b1 | b2;
      spilled = n1 | n2;
    } else {
      // A letter byte, as classified. Lead bytes E3..E9 start U+3000..U+9FFF
      // (CJK punctuation, kana, ideographs); E0 B8 and E0 B9, Thai.
      if ((c >= 0xE3 && c <= 0xE9) ||
          (c == 0xE0 && i + 1 < n && (t[i + 1] == 0xB8 || t[i + 1] == 0xB9))) {
        ++f->cjk;
      }
      continue;
    }
    here.taken |= swallow;
    spill->taken |= spilled;
    h &= ~swallow;
  }
  if ((here.taken | here.space) != 0) Swallow(here, b);
}

// Adds the per-language byte counters in "*acc" to "f->stopwords" and
// clears them.
inline void FlushStopwords(uint64_t* acc, LineFeatures* f) {
  for (int l = 0; l < kNumLanguages; ++l) {
    f->stopwords[l] =
        static_cast<uint16_t>(f->stopwords[l] + ((*acc >> (8 * l)) & 0xFF));
  }
  *acc = 0;
}

// Running state of the scan between blocks.
struct Carry {
  uint64_t token = 0;  // Bit 0: the byte before the block is in a token.
  uint64_t word = 0;   // Bit 0: the byte before the block is a word byte.
  uint64_t letter_carry = 0;  // Carry of the letter-token addition.
};

template <bool kFast>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline int Popcount(uint64_t x) {
  if (kFast) return __builtin_popcountll(x);
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return static_cast<int>((x * 0x0101010101010101ull) >> 56);
}

// Adds the features of the settled block "b" (at "base"), given the settled
// block "next" after it (empty at the end of the line), but for stopwords:
// returns the sum of StopwordTable::Lanes() over the words that start in it.
// "lower" holds the lowercased bytes of both blocks (ClassifyAscii) and 8
// more.
template <bool kFast>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline uint64_t ScanBlock(
    const unsigned char* t, size_t n, size_t base, const Block& b,
    const Block& next, unsigned char* lower, const StopwordTable& table,
    Carry* carry, LineFeatures* f) {
  const uint64_t token = b.token;
  const uint64_t starts = token & ~((token << 1) | carry->token);
  const uint64_t ends = token & ~((token >> 1) | (next.token << 63));
  f->words += Popcount<kFast>(starts);
  // Tokens holding a word byte: adding each token's start bit to its
  // non-word bytes carries to the token's first word byte, or past the
  // token if it has none.
  const uint64_t other = token & ~b.word;
  uint64_t sum = other + starts;
  uint64_t out = sum < other;
  const uint64_t sum2 = sum + carry->letter_carry;
  out |= sum2 < sum;
  f->letter_words += Popcount<kFast>(sum2 & ~other & b.word);
  carry->letter_carry = out;
  f->chars += Popcount<kFast>(token & ~b.uncounted);
  f->digits += Popcount<kFast>(b.digit);
  f->separators +=
      Popcount<kFast>(b.pipe) + Popcount<kFast>(starts & ends & b.lone);
  for (uint64_t m = b.paren; m != 0; m &= m - 1) {
    const size_t i = base + static_cast<size_t>(__builtin_ctzll(m));
    if (i + 2 < n && (t[i + 1] | 0x20) == 'c' && t[i + 2] == ')') {
      f->copyright = true;
    }
  }
  // Words: look up each one of at most kMaxStopwordBytes bytes.
  const uint64_t word = b.word;
  const uint64_t word_starts = word & ~((word << 1) | carry->word);
  // A Latin-1 capital's second byte that starts a word follows a C3 that
  // some punctuation swallowed: it stays as it is.
  for (uint64_t m = word_starts & b.latin; m != 0; m &= m - 1) {
    lower[__builtin_ctzll(m)] ^= 0x20;
  }
  uint64_t lanes = 0;
  for (uint64_t m = word_starts; m != 0; m &= m - 1) {
    const int s = __builtin_ctzll(m);
    // Bytes after the start that are not word bytes, this block and the
    // next (none for s == 0); lengths above kMaxStopwordBytes + 1 need not
    // be exact.
    const uint64_t stop = (~word >> s) | ((~next.word << 1) << (63 - s)) |
                          (uint64_t{1} << (kMaxStopwordBytes + 1));
    const int len = __builtin_ctzll(stop);
    uint64_t key;
    std::memcpy(&key, lower + s, sizeof(key));
    // No branch on the length or on the lookup: a longer word looks up
    // key 0, which is no word.
    key &= (~uint64_t{0} >> ((64 - 8 * len) & 63)) &
           (0 - static_cast<uint64_t>(len <= kMaxStopwordBytes));
    lanes += table.Lanes(key);
  }
  carry->token = token >> 63;
  carry->word = word >> 63;
  return lanes;
}

template <bool kFast>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline void ScanWords(const unsigned char* t,
                                                   size_t n, LineFeatures* f) {
  const StopwordTable& table = StopwordTable::Get();
  Block cur, next;
  Spill spill;
  Carry carry;
  Prev prev = {};
  // The current block lowercased, then the next one, then padding.
  alignas(16) unsigned char lower[128 + 16];
  uint64_t stop_acc = 0;  // Fewer than 256 words between flushes.
  ClassifyBlock(t, n, 0, &cur, lower, &prev);
  SettleNonAscii(t, n, 0, &cur, &spill, f);
  for (size_t base = 0; base < n; base += 64) {
    // The next block's first bytes decide where this block's tokens and
    // words end, so it is settled first.
    const size_t next_base = base + 64;
    if (next_base < n) {
      ClassifyBlock(t, n, next_base, &next, lower + 64, &prev);
      Swallow(spill, &next);
      spill = Spill();
      SettleNonAscii(t, n, next_base, &next, &spill, f);
    } else {
      next = Block();
    }
    stop_acc +=
        ScanBlock<kFast>(t, n, base, cur, next, lower, table, &carry, f);
    if ((base & (3 * 64)) == 3 * 64) FlushStopwords(&stop_acc, f);
    cur = next;
    std::memcpy(lower, lower + 64, 64);
  }
  FlushStopwords(&stop_acc, f);
}

using ScanWordsFn = void (*)(const unsigned char*, size_t, LineFeatures*);

void ScanWordsPortable(const unsigned char* t, size_t n, LineFeatures* f) {
  ScanWords<false>(t, n, f);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PITH_LINE_FEATURES_BMI 1
__attribute__((target("popcnt,bmi,bmi2"))) void ScanWordsBmi(
    const unsigned char* t, size_t n, LineFeatures* f) {
  ScanWords<true>(t, n, f);
}
#endif

ScanWordsFn ChooseScanWords() {
#if defined(PITH_LINE_FEATURES_BMI)
  if (__builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi") &&
      __builtin_cpu_supports("bmi2")) {
    return ScanWordsBmi;
  }
#endif
  return ScanWordsPortable;
}

void ComputeFeatures(absl::string_view line, size_t offset,
                     ScanWordsFn scan_words, LineFeatures* f) {
  *f = LineFeatures();
  size_t skipped = 0;
  absl::string_view t = Trim(line, &skipped);
  f->trim_offset = offset + skipped;
  f->trim_length = t.size();
  if (t.empty()) return;

  const unsigned char* p = reinterpret_cast<const unsigned char*>(t.data());
  {
    unsigned char c = p[0];
    f->starts_upper =
        (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        (c == 0xC3 && t.size() > 1 && p[1] >= 0x80 && p[1] <= 0x9E) ||
        (c >= 0xC4 && c < 0xF0);
    f->starts_lower =
        (c >= 'a' && c <= 'z') || (c == 0xC3 && t.size() > 1 && p[1] >= 0x9F &&
                                   p[1] <= 0xBF && p[1] != 0xB7);
  }
  f->ends_sentence = EndsSentence(t);
  f->ends_colon = t.back() == ':';
  scan_words(p, t.size(), f);
  // A run of ideographs is one token: count a word per two characters.
  f->words += f->cjk / 2;
  f->letter_words += f->cjk / 2;
}

}  // namespace

void ComputeLineTrim(absl::string_view line, size_t offset, LineFeatures* f) {
  *f = LineFeatures();
  size_t skipped = 0;
  absl::string_view t = Trim(line, &skipped);
  f->trim_offset = offset + skipped;
  f->trim_length = t.size();
}

void ComputeLineFeatures(absl::string_view line, size_t offset,
                         LineFeatures* f) {
  static const ScanWordsFn scan_words = ChooseScanWords();
  ComputeFeatures(line, offset, scan_words, f);
}

void ComputeLineFeaturesPortable(absl::string_view line, size_t offset,
                                 LineFeatures* f) {
  ComputeFeatures(line, offset, ScanWordsPortable, f);
}

}  // namespace internal
}  // namespace pith
