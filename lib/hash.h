// Copyright 2026 The pith Authors.
//
// Private hashing helpers. lib/hash.cc is the only file that includes
// xxhash.h.

#ifndef PITH_LIB_HASH_H_
#define PITH_LIB_HASH_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace pith {
namespace internal {

// XXH3 64-bit hash of "len" bytes at "data" with "seed".
uint64_t Hash64(const void* data, size_t len, uint64_t seed);

// The 128-bit product of a and b, its halves XORed (wyhash's mum).
inline uint64_t Mum(uint64_t a, uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

// The hash of one token (a word of word shingling), TokenHash(): for up to
// kShortToken bytes two 64-bit multiplications of the bytes, loaded as two
// words and masked to the token's length (no branch on the length, where
// XXH3 takes one of three paths for words, which vary at random); for longer
// tokens XXH3 with the seed. A storage format: shingles, signatures and the
// index files depend on it.
inline constexpr size_t kShortToken = 16;
// Bytes from a token's start that TokenHash() may read (and ignores past
// the token).
inline constexpr size_t kTokenHashSlack = kShortToken;

// The keys of TokenHash() for one seed.
struct TokenKeys {
  explicit TokenKeys(uint64_t seed);
  uint64_t seed;
  uint64_t k0, k1, k2, k3;
};

// low[len] and high[len]: the bytes of a token of "len" <= kShortToken bytes
// in its first and second little-endian word.
struct TokenMasks {
  uint64_t low[kShortToken + 1];
  uint64_t high[kShortToken + 1];
  constexpr TokenMasks() : low(), high() {
    for (size_t len = 0; len <= kShortToken; ++len) {
      const size_t a = len < 8 ? len : 8;
      const size_t b = len < 8 ? 0 : len - 8;
      low[len] = a == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * a)) - 1;
      high[len] = b == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * b)) - 1;
    }
  }
};
inline constexpr TokenMasks kTokenMasks;

// TokenHash() of a token of more than kShortToken bytes.
uint64_t LongTokenHash(const char* p, size_t len, const TokenKeys& keys);

// The hash of the "len" bytes at "p" under "keys". REQUIRES: the
// kTokenHashSlack bytes from "p" are readable (the bytes past the token do
// not change the hash). The words are read little-endian on any host.
inline uint64_t TokenHash(const char* p, size_t len, const TokenKeys& keys) {
  if (len > kShortToken) return LongTokenHash(p, len, keys);
  uint64_t a, b;
  std::memcpy(&a, p, sizeof(a));
  std::memcpy(&b, p + 8, sizeof(b));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  a = __builtin_bswap64(a);
  b = __builtin_bswap64(b);
#endif
  a &= kTokenMasks.low[len];
  b &= kTokenMasks.high[len];
  return Mum(Mum(a ^ keys.k0, b ^ keys.k1) ^ keys.k2, len ^ keys.k3);
}

// TokenHash() of a token that may end its buffer (copies a short one).
uint64_t TokenHashUnpadded(const char* p, size_t len, const TokenKeys& keys);

// out[i] = TokenHash(token i) for the "n" tokens packed in "buf": token i is
// bytes [ends[i - 1], ends[i]) (token 0 starts at 0). REQUIRES: "buf" has
// kTokenHashSlack readable bytes from the start of the last token.
void HashTokens(const char* buf, const uint32_t* ends, int n,
                const TokenKeys& keys, uint64_t* out);

// A bijective 64-bit finalizer with full avalanche (Pelle Evensen's
// rrmxmx-style constants, as used by splitmix64/moremur).
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}

// One step of an order-sensitive combination of 64-bit hashes:
//   h = Final(Combine(Combine(Start(seed), a), b), n)
// differs for (a, b) and (b, a), and for sequences of different lengths.
inline uint64_t CombineStart(uint64_t seed) {
  return seed ^ 0x9e3779b97f4a7c15ULL;
}
inline uint64_t Combine(uint64_t h, uint64_t v) {
  // Rotation keeps earlier values from cancelling later equal ones; the
  // multiply spreads them. Final() avalanches the result.
  h = (h << 23 | h >> 41) ^ v;
  return h * 0x9fb21c651e98df25ULL;
}
inline uint64_t CombineFinal(uint64_t h, uint64_t n) { return Mix64(h ^ n); }

// splitmix64: a small deterministic generator for tables.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_HASH_H_
