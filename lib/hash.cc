// Copyright 2026 The pith Authors.

#include "lib/hash.h"

#include <cstring>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace pith {
namespace internal {

uint64_t Hash64(const void* data, size_t len, uint64_t seed) {
  return XXH3_64bits_withSeed(data, len, seed);
}

TokenKeys::TokenKeys(uint64_t s) : seed(s) {
  uint64_t state = s ^ 0x746f6b656e686173ULL;
  // Odd keys with the high bit set: "len ^ k3" is never 0, nor is "b ^ k1"
  // for a word of ASCII bytes (below 0x80).
  k0 = SplitMix64(&state);
  k1 = SplitMix64(&state) | (uint64_t{1} << 63) | 1;
  k2 = SplitMix64(&state);
  k3 = SplitMix64(&state) | (uint64_t{1} << 63) | 1;
}

uint64_t LongTokenHash(const char* p, size_t len, const TokenKeys& keys) {
  return XXH3_64bits_withSeed(p, len, keys.seed);
}

uint64_t TokenHashUnpadded(const char* p, size_t len, const TokenKeys& keys) {
  if (len > kShortToken) return LongTokenHash(p, len, keys);
  char padded[kTokenHashSlack] = {};
  std::memcpy(padded, p, len);
  return TokenHash(padded, len, keys);
}

void HashTokens(const char* buf, const uint32_t* ends, int n,
                const TokenKeys& keys, uint64_t* out) {
  uint32_t begin = 0;
  for (int i = 0; i < n; ++i) {
    out[i] = TokenHash(buf + begin, ends[i] - begin, keys);
    begin = ends[i];
  }
}

}  // namespace internal
}  // namespace pith
