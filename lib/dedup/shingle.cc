// Copyright 2026 The pith Authors.

#include "pith/shingle.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/normalize.h"
#include "lib/hash.h"

namespace pith {
namespace {

constexpr int kMaxNgram = 64;

// Replaces the unit hashes in "*h" (T of them) by the hashes of their
// n-grams: T - n + 1 of them, or 1 if 0 < T < n, or none if T == 0.
void CombineNgrams(int n, uint64_t seed, std::vector<uint64_t>* h) {
  const size_t t = h->size();
  if (t == 0) return;
  uint64_t* v = h->data();
  const uint64_t start = internal::CombineStart(seed);
  if (t < static_cast<size_t>(n)) {
    uint64_t x = start;
    for (size_t i = 0; i < t; ++i) x = internal::Combine(x, v[i]);
    v[0] = internal::CombineFinal(x, t);
    h->resize(1);
    return;
  }
  const size_t out = t - n + 1;
  if (n == 3) {  // The default: unrolled.
    for (size_t i = 0; i < out; ++i) {
      uint64_t x = internal::Combine(
          internal::Combine(internal::Combine(start, v[i]), v[i + 1]),
          v[i + 2]);
      v[i] = internal::CombineFinal(x, 3);
    }
  } else {
    for (size_t i = 0; i < out; ++i) {
      uint64_t x = start;
      for (int j = 0; j < n; ++j) x = internal::Combine(x, v[i + j]);
      v[i] = internal::CombineFinal(x, n);
    }
  }
  h->resize(out);
}

// kByteClass[c]: the lowercased byte for an ASCII word byte
// ([0-9A-Za-z_]), kSeparatorByte for any other ASCII byte, kNonAscii for a
// byte >= 0x80.
constexpr uint8_t kSeparatorByte = 0;
constexpr uint8_t kNonAscii = 0x80;
struct ByteClassTable {
  uint8_t v[256];
};
constexpr ByteClassTable MakeByteClass() {
  ByteClassTable t{};
  for (int c = 0x80; c < 256; ++c) t.v[c] = kNonAscii;
  for (int c = '0'; c <= '9'; ++c) t.v[c] = static_cast<uint8_t>(c);
  for (int c = 'a'; c <= 'z'; ++c) t.v[c] = static_cast<uint8_t>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t.v[c] = static_cast<uint8_t>(c | 0x20);
  t.v['_'] = '_';
  return t;
}
constexpr ByteClassTable kByteClass = MakeByteClass();

// True for a kByteClass value of an ASCII word byte.
inline bool IsAsciiWord(uint8_t c) {
  return static_cast<uint8_t>(c - 1) < kNonAscii - 1;
}

// ASCII tokens up to at least this long take the fast path.
constexpr size_t kFastTokenBytes = 256;

// Collects normalized tokens in a stack buffer and hashes them in batches
// (Hash64 of each token, appended to "out" in order).
class TokenHashSink {
 public:
  TokenHashSink(uint64_t seed, std::vector<uint64_t>* out)
      : seed_(seed), out_(out) {}
  ~TokenHashSink() { Flush(); }

  // Room for "size" more bytes and one more token, flushing if needed.
  // Returns false if "size" can never fit (then hash it alone).
  bool Reserve(size_t size) {
    if (used_ + size <= kBufferBytes && count_ < kMaxTokens) return true;
    Flush();
    return size <= kBufferBytes;
  }
  char* buffer() { return buf_; }
  size_t used() const { return used_; }
  size_t room() const { return kBufferBytes - used_; }
  // Ends a token whose bytes were written at buffer()[used() ... new_used).
  void EndToken(size_t new_used) {
    used_ = new_used;
    ends_[count_++] = static_cast<uint32_t>(new_used);
  }
  void Add(const char* data, size_t size) {
    if (!Reserve(size)) {
      out_->push_back(internal::Hash64(data, size, seed_));
      return;
    }
    std::memcpy(buf_ + used_, data, size);
    EndToken(used_ + size);
  }
  void Flush() {
    if (count_ == 0) return;
    const size_t old = out_->size();
    out_->resize(old + count_);
    internal::HashTokens(buf_, ends_, count_, seed_, out_->data() + old);
    count_ = 0;
    used_ = 0;
  }

 private:
  static constexpr size_t kBufferBytes = 4096;
  static constexpr int kMaxTokens = 512;
  const uint64_t seed_;
  std::vector<uint64_t>* const out_;
  size_t used_ = 0;
  int count_ = 0;
  uint32_t ends_[kMaxTokens];
  char buf_[kBufferBytes];
};

// Appends the Hash64 of each token of "text" to "*out"; returns the token
// count. The same tokens as ForEachToken(), faster: runs of ASCII are
// lowercased by table straight into the batch buffer, and only a stretch
// around non-ASCII bytes (from the start of its token to the next ASCII
// separator, where ForEachToken()'s state is fresh again) goes through the
// Unicode path.
int WordHashes(absl::string_view text, uint64_t seed,
               std::vector<uint64_t>* out) {
  TokenHashSink sink(seed, out);
  const uint8_t* const begin = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* const end = begin + text.size();
  const uint8_t* p = begin;
  int count = 0;
  while (p < end) {
    uint8_t c = kByteClass.v[*p];
    if (c == kSeparatorByte) {
      ++p;
      continue;
    }
    const uint8_t* token_start = p;
    if (c != kNonAscii) {
      // An ASCII token, lowercased into the buffer as it is scanned, unless
      // a non-ASCII byte continues it (or it outgrows the buffer).
      sink.Reserve(kFastTokenBytes);
      char* const dst = sink.buffer() + sink.used();
      const size_t room = std::min(sink.room(), static_cast<size_t>(end - p));
      size_t i = 0;
      while (i < room && IsAsciiWord(c = kByteClass.v[p[i]])) {
        dst[i++] = static_cast<char>(c);
      }
      if (i < room ? c == kSeparatorByte : p + i == end) {
        sink.EndToken(sink.used() + i);
        ++count;
        p += i;
        continue;
      }
      p += i;  // At a non-ASCII byte, or a token too long for the buffer.
    }
    // Unicode path from token_start to the next ASCII separator after the
    // non-ASCII run.
    const uint8_t* q = p;
    while (q < end && kByteClass.v[*q] != kSeparatorByte) ++q;
    count += internal::ForEachToken(
        absl::string_view(reinterpret_cast<const char*>(token_start),
                          static_cast<size_t>(q - token_start)),
        [&](const char* data, size_t size) { sink.Add(data, size); });
    p = q;
  }
  sink.Flush();
  return count;
}

#if defined(__SSE2__)
// AppendBitPositions() writes this many entries whatever the bit count.
constexpr size_t kAlwaysWritten = 4;

// The number of set bits of each byte value (x86-64 has no popcnt before
// SSE4.2, and a 16-bit count does not need it).
struct BitCountTable {
  uint8_t v[256];
  constexpr BitCountTable() : v() {
    for (int i = 1; i < 256; ++i) v[i] = static_cast<uint8_t>(v[i / 2] + i % 2);
  }
};
constexpr BitCountTable kBitCount;

// Writes base + the index of each set bit of the 16-bit "bits" to out[0],
// out[1]... and returns their number. Branch-free up to kAlwaysWritten bits
// (a block of text usually starts two or three tokens, in a pattern a loop's
// exit branch would mispredict), so out[0 .. kAlwaysWritten) must be
// writable whatever the count.
inline size_t AppendBitPositions(uint32_t bits, uint32_t base, uint32_t* out) {
  const size_t count = kBitCount.v[bits & 0xFF] + kBitCount.v[bits >> 8];
  // Bit 16 stops __builtin_ctz at 16 once "bits" runs out (ctz of 0 is
  // undefined); clearing the lowest bit of 0 leaves 0.
  uint32_t b = bits;
  for (size_t k = 0; k < kAlwaysWritten; ++k) {
    out[k] = base + static_cast<uint32_t>(__builtin_ctz(b | 0x10000));
    b &= b - 1;
  }
  for (size_t k = kAlwaysWritten; k < count; ++k) {
    out[k] = base + static_cast<uint32_t>(__builtin_ctz(b));
    b &= b - 1;
  }
  return count;
}

// The all-ASCII case of WordHashes(), 16 bytes at a time: SSE2 classifies
// and lowercases each block into a copy of the text, and the token starts
// and ends come out of the word-byte bit masks. Returns -1, having appended
// nothing, if "text" has a byte >= 0x80; appends nothing either (and
// returns the count) if it has fewer than "min_tokens" tokens.
int AsciiWordHashes(absl::string_view text, uint64_t seed, size_t min_tokens,
                    std::vector<uint64_t>* out) {
  constexpr size_t kStackBytes = 4096;
  const size_t n = text.size();
  // Room for a token per two bytes, plus the slack of AppendBitPositions().
  constexpr size_t kSlack = kAlwaysWritten;
  char stack_lower[kStackBytes];
  uint32_t stack_begins[kStackBytes / 2 + 1 + kSlack];
  uint32_t stack_ends[kStackBytes / 2 + 1 + kSlack];
  std::unique_ptr<char[]> heap_lower;
  std::unique_ptr<uint32_t[]> heap_spans;
  char* lower = stack_lower;
  uint32_t* begins = stack_begins;
  uint32_t* ends = stack_ends;
  if (n > kStackBytes) {
    if (n > uint64_t{0xFFFFFFFF}) return -1;
    heap_lower.reset(new char[n]);
    heap_spans.reset(new uint32_t[2 * (n / 2 + 1 + kSlack)]);
    lower = heap_lower.get();
    begins = heap_spans.get();
    ends = begins + (n / 2 + 1 + kSlack);
  }
  const char* p = text.data();
  size_t tokens = 0;
  size_t closed = 0;
  uint32_t prev = 0;  // 1 if the byte before the block is a word byte.
  size_t i = 0;
  const __m128i below_a = _mm_set1_epi8('a' - 1);
  const __m128i above_z = _mm_set1_epi8('z' + 1);
  const __m128i below_0 = _mm_set1_epi8('0' - 1);
  const __m128i above_9 = _mm_set1_epi8('9' + 1);
  const __m128i underscore = _mm_set1_epi8('_');
  const __m128i case_bit = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (_mm_movemask_epi8(x) != 0) return -1;
    const __m128i folded = _mm_or_si128(x, case_bit);
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, below_a),
                                         _mm_cmplt_epi8(folded, above_z));
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(x, below_0), _mm_cmplt_epi8(x, above_9));
    const __m128i word = _mm_or_si128(_mm_or_si128(letter, digit),
                                      _mm_cmpeq_epi8(x, underscore));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(lower + i),
                     _mm_or_si128(x, _mm_and_si128(letter, case_bit)));
    const uint32_t m = static_cast<uint32_t>(_mm_movemask_epi8(word));
    const uint32_t shifted = (m << 1) | prev;
    uint32_t starts = m & ~shifted;
    uint32_t stops = ~m & shifted & 0xFFFF;
    prev = m >> 15;
    tokens +=
        AppendBitPositions(starts, static_cast<uint32_t>(i), begins + tokens);
    closed +=
        AppendBitPositions(stops, static_cast<uint32_t>(i), ends + closed);
  }
  for (; i < n; ++i) {
    const uint8_t c = kByteClass.v[static_cast<uint8_t>(p[i])];
    if (c == kNonAscii) return -1;
    const uint32_t w = IsAsciiWord(c) ? 1 : 0;
    lower[i] = w ? static_cast<char>(c) : p[i];
    if (w && !prev) begins[tokens++] = static_cast<uint32_t>(i);
    if (!w && prev) ends[closed++] = static_cast<uint32_t>(i);
    prev = w;
  }
  if (prev) ends[closed++] = static_cast<uint32_t>(n);
  if (tokens < min_tokens) return static_cast<int>(tokens);
  const size_t old = out->size();
  out->resize(old + tokens);
  internal::HashSpans(lower, begins, ends, tokens, seed, out->data() + old);
  return static_cast<int>(tokens);
}
#endif

// Appends the unit hashes of "text" to "*out"; returns the unit count. May
// append nothing if the count is below "min_units".
int UnitHashes(const ShingleOptions& o, absl::string_view text, int min_units,
               std::vector<uint64_t>* out) {
  if (o.unit == ShingleUnit::kWord) {
#if defined(__SSE2__)
    int count = AsciiWordHashes(
        text, o.seed, static_cast<size_t>(std::max(min_units, 0)), out);
    if (count >= 0) return count;
#endif
    return WordHashes(text, o.seed, out);
  }
  // kChar: code points of the tokens joined by one space.
  const uint64_t key = internal::Mix64(o.seed ^ 0x6c62272e07bb0142ULL);
  internal::ForEachToken(text, [&](const char* data, size_t size) {
    if (!out->empty()) out->push_back(internal::Mix64(key + ' '));
    const unsigned char* p = reinterpret_cast<const unsigned char*>(data);
    const unsigned char* end = p + size;
    while (p < end) {
      int32_t cp = *p;
      if (cp < 0x80) {
        ++p;
      } else {
        p += internal::DecodeUtf8(p, end, &cp);  // Valid: we encoded it.
      }
      out->push_back(internal::Mix64(key + static_cast<uint64_t>(cp)));
    }
  });
  return static_cast<int>(out->size());
}

}  // namespace

absl::StatusOr<Shingler> Shingler::Create(const ShingleOptions& options) {
  if (options.ngram < 1 || options.ngram > kMaxNgram) {
    return absl::InvalidArgumentError(absl::StrCat(
        "shingle ngram must be in [1, ", kMaxNgram, "], got ", options.ngram));
  }
  if (options.unit != ShingleUnit::kWord &&
      options.unit != ShingleUnit::kChar) {
    return absl::InvalidArgumentError("unknown shingle unit");
  }
  return Shingler(options);
}

int Shingler::Shingle(absl::string_view text,
                      std::vector<uint64_t>* out) const {
  return Shingle(text, 0, out);
}

int Shingler::Shingle(absl::string_view text, int min_units,
                      std::vector<uint64_t>* out) const {
  out->clear();
  int units = UnitHashes(options_, text, min_units, out);
  if (units < min_units) {
    out->clear();
    return units;
  }
  CombineNgrams(options_.ngram, options_.seed, out);
  return units;
}

int Shingler::CountTokens(absl::string_view text) const {
  if (options_.unit == ShingleUnit::kWord) {
    return internal::ForEachToken(text, [](const char*, size_t) {});
  }
  std::vector<uint64_t> units;
  return UnitHashes(options_, text, 0, &units);
}

std::vector<std::string> Shingler::Tokenize(absl::string_view text) const {
  std::vector<std::string> tokens;
  internal::ForEachToken(text, [&](const char* data, size_t size) {
    tokens.emplace_back(data, size);
  });
  return tokens;
}

}  // namespace pith
