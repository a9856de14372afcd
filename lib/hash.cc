// Copyright 2026 The pith Authors.

#include "lib/hash.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace pith {

uint64_t Hash64(const void* data, size_t len, uint64_t seed) {
  return XXH3_64bits_withSeed(data, len, seed);
}

void HashTokens(const char* buf, const uint32_t* ends, int n, uint64_t seed,
                uint64_t* out) {
  uint32_t begin = 0;
  for (int i = 0; i < n; ++i) {
    out[i] = XXH3_64bits_withSeed(buf + begin, ends[i] - begin, seed);
    begin = ends[i];
  }
}

void HashSpans(const char* buf, const uint32_t* begins, const uint32_t* ends,
               size_t n, uint64_t seed, uint64_t* out) {
  for (size_t i = 0; i < n; ++i) {
    out[i] = XXH3_64bits_withSeed(buf + begins[i], ends[i] - begins[i], seed);
  }
}

}  // namespace pith
