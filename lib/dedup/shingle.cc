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
// (TokenHash() of each token, appended to "out" in order).
class TokenHashSink {
 public:
  TokenHashSink(const internal::TokenKeys& keys, std::vector<uint64_t>* out)
      : keys_(keys), out_(out) {}
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
      out_->push_back(internal::TokenHashUnpadded(data, size, keys_));
      return;
    }
    std::memcpy(buf_ + used_, data, size);
    EndToken(used_ + size);
  }
  void Flush() {
    if (count_ == 0) return;
    const size_t old = out_->size();
    out_->resize(old + count_);
    internal::HashTokens(buf_, ends_, count_, keys_, out_->data() + old);
    count_ = 0;
    used_ = 0;
  }

 private:
  static constexpr size_t kBufferBytes = 4096;
  static constexpr int kMaxTokens = 512;
  const internal::TokenKeys& keys_;
  std::vector<uint64_t>* const out_;
  size_t used_ = 0;
  int count_ = 0;
  uint32_t ends_[kMaxTokens];
  // TokenHash() reads up to kTokenHashSlack bytes past a token.
  char buf_[kBufferBytes + internal::kTokenHashSlack] = {};
};

// Appends the TokenHash() of each token of "text" to "*out"; returns the token
// count. The same tokens as ForEachToken(), faster: runs of ASCII are
// lowercased by table straight into the batch buffer, and only a stretch
// around non-ASCII bytes (from the start of its token to the next ASCII
// separator, where ForEachToken()'s state is fresh again) goes through the
// Unicode path.
int WordHashes(absl::string_view text, const internal::TokenKeys& keys,
               std::vector<uint64_t>* out) {
  TokenHashSink sink(keys, out);
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
// The word bytes of the 64 bytes at "p" as a bit mask (bit i: p[i]), with
// their lowercase copy written to "lower"; sets "*non_ascii" if one of them
// is >= 0x80.
inline uint64_t ClassifyBlock(const char* p, char* lower, bool* non_ascii) {
  const __m128i below_a = _mm_set1_epi8('a' - 1);
  const __m128i above_z = _mm_set1_epi8('z' + 1);
  const __m128i below_0 = _mm_set1_epi8('0' - 1);
  const __m128i above_9 = _mm_set1_epi8('9' + 1);
  const __m128i underscore = _mm_set1_epi8('_');
  const __m128i case_bit = _mm_set1_epi8(0x20);
  uint64_t words = 0;
  __m128i high = _mm_setzero_si128();
  for (int k = 0; k < 4; ++k) {
    const __m128i x =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    high = _mm_or_si128(high, x);
    const __m128i folded = _mm_or_si128(x, case_bit);
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, below_a),
                                         _mm_cmplt_epi8(folded, above_z));
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(x, below_0), _mm_cmplt_epi8(x, above_9));
    const __m128i word = _mm_or_si128(_mm_or_si128(letter, digit),
                                      _mm_cmpeq_epi8(x, underscore));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(lower + 16 * k),
                     _mm_or_si128(x, _mm_and_si128(letter, case_bit)));
    words |= static_cast<uint64_t>(static_cast<uint32_t>(
                 _mm_movemask_epi8(word)))
             << (16 * k);
  }
  *non_ascii = _mm_movemask_epi8(high) != 0;
  return words;
}

// The all-ASCII case of WordHashes(), 64 bytes at a time: SSE2 classifies
// and lowercases each block into a copy of the text, and each token's start
// and end come out of the block's word-byte bit mask (the k-th start of a
// block pairs with its k-th end, after the end of a token that began in an
// earlier block); each token is hashed as soon as it ends. Returns -1,
// having appended nothing, if "text" has a byte >= 0x80; appends nothing
// either (and returns the count) if it has fewer than "min_tokens" tokens.
int AsciiWordHashes(absl::string_view text, const internal::TokenKeys& keys,
                    size_t min_tokens, std::vector<uint64_t>* out) {
  constexpr size_t kBlock = 64;
  constexpr size_t kStackBytes = 4096;
  const size_t n = text.size();
  if (n > uint64_t{0xFFFFFFFF}) return -1;
  // The lowercase copy, whole blocks, plus TokenHash()'s slack; the hashes,
  // at most a token per two bytes.
  const size_t blocks = (n + kBlock - 1) / kBlock;
  const size_t lower_bytes = blocks * kBlock + internal::kTokenHashSlack;
  const size_t max_tokens = n / 2 + 1;
  alignas(16) char stack_lower[kStackBytes + internal::kTokenHashSlack];
  uint64_t stack_hashes[kStackBytes / 2 + 1];
  std::unique_ptr<char[]> heap_lower;
  std::unique_ptr<uint64_t[]> heap_hashes;
  char* lower = stack_lower;
  uint64_t* hashes = stack_hashes;
  if (lower_bytes > sizeof(stack_lower)) {
    heap_lower.reset(new char[lower_bytes]);
    heap_hashes.reset(new uint64_t[max_tokens]);
    lower = heap_lower.get();
    hashes = heap_hashes.get();
  }
  std::memset(lower + blocks * kBlock, 0, internal::kTokenHashSlack);
  const char* p = text.data();
  size_t tokens = 0;
  uint64_t carry = 0;     // 1 if the byte before the block is a word byte.
  size_t open_begin = 0;  // 1 + the start of a token not ended yet, or 0.
  for (size_t base = 0; base < n; base += kBlock) {
    bool non_ascii;
    uint64_t words;
    if (base + kBlock <= n) {
      words = ClassifyBlock(p + base, lower + base, &non_ascii);
    } else {  // The last, partial block: from a zero-padded copy.
      alignas(16) char tail[kBlock] = {};
      std::memcpy(tail, p + base, n - base);
      words = ClassifyBlock(tail, lower + base, &non_ascii);
    }
    if (non_ascii) return -1;
    const uint64_t shifted = (words << 1) | carry;
    uint64_t starts = words & ~shifted;
    uint64_t ends = ~words & shifted;  // Bit i: a token ended before byte i.
    carry = words >> 63;
    if (open_begin != 0) {
      // A token from an earlier block is open: its end comes first.
      if (ends == 0) continue;  // It goes on through this whole block.
      const size_t end = base + static_cast<size_t>(__builtin_ctzll(ends));
      ends &= ends - 1;
      const size_t begin = open_begin - 1;
      hashes[tokens++] = internal::TokenHash(lower + begin, end - begin, keys);
      open_begin = 0;
    }
    while (starts != 0) {
      const size_t begin = base + static_cast<size_t>(__builtin_ctzll(starts));
      starts &= starts - 1;
      if (ends == 0) {  // Open at the end of the block.
        open_begin = begin + 1;
        break;
      }
      const size_t end = base + static_cast<size_t>(__builtin_ctzll(ends));
      ends &= ends - 1;
      hashes[tokens++] = internal::TokenHash(lower + begin, end - begin, keys);
    }
  }
  if (open_begin != 0) {
    const size_t begin = open_begin - 1;
    hashes[tokens++] = internal::TokenHash(lower + begin, n - begin, keys);
  }
  if (tokens < min_tokens) return static_cast<int>(tokens);
  out->insert(out->end(), hashes, hashes + tokens);
  return static_cast<int>(tokens);
}
#endif

// Appends the unit hashes of "text" to "*out"; returns the unit count. May
// append nothing if the count is below "min_units".
int UnitHashes(const ShingleOptions& o, absl::string_view text, int min_units,
               std::vector<uint64_t>* out) {
  if (o.unit == ShingleUnit::kWord) {
    const internal::TokenKeys keys(o.seed);
#if defined(__SSE2__)
    int count = AsciiWordHashes(
        text, keys, static_cast<size_t>(std::max(min_units, 0)), out);
    if (count >= 0) return count;
#endif
    return WordHashes(text, keys, out);
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
