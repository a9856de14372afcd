// Copyright 2026 The pith Authors.
//
// Private hashing helpers. lib/hash.cc is the only file that includes
// xxhash.h.

#ifndef PITH_LIB_HASH_H_
#define PITH_LIB_HASH_H_

#include <cstddef>
#include <cstdint>

namespace pith {
namespace internal {

// XXH3 64-bit hash of "len" bytes at "data" with "seed".
uint64_t Hash64(const void* data, size_t len, uint64_t seed);

// out[i] = Hash64(token i, seed) for the "n" tokens packed in "buf": token i
// is bytes [ends[i - 1], ends[i]) (token 0 starts at 0). One call per batch
// keeps XXH3 inlined in the loop.
void HashTokens(const char* buf, const uint32_t* ends, int n, uint64_t seed,
                uint64_t* out);

// out[i] = Hash64(buf + begins[i], ends[i] - begins[i], seed) for i < n.
void HashSpans(const char* buf, const uint32_t* begins, const uint32_t* ends,
               size_t n, uint64_t seed, uint64_t* out);

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
