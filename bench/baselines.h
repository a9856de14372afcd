// Copyright 2026 The pith Authors.
//
// Reference points for the benchmarks, in one header so that every binary
// measures the same thing:
//
//   HashOnlyFloor()  the least work any shingle-based sketch can do: split
//                    ASCII text into words (no normalization) and hash each
//                    word n-gram once with XXH3, nothing else.
//   NaiveMinHash()   classic MinHash: K independent hashes per shingle
//                    (K seeded multiply-xorshift hashes, or XXH3 with K
//                    seeds), O(n * K), as datasketch and most Python tools do.

#ifndef PITH_BENCH_BASELINES_H_
#define PITH_BENCH_BASELINES_H_

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "lib/hash.h"

namespace pith_bench {

inline bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
         c >= 0x80 || c == '_';
}

// Appends to "*out" one XXH3 hash per word "ngram"-gram of "text" (the bytes
// from the first word's start to the last word's end). Returns the number of
// words. Clears "*out" first.
inline int HashOnlyFloor(const std::string& text, int ngram,
                         std::vector<uint64_t>* out,
                         std::vector<uint32_t>* starts,
                         std::vector<uint32_t>* ends) {
  out->clear();
  starts->clear();
  ends->clear();
  const size_t n = text.size();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < n) {
    while (i < n && !IsWordByte(p[i])) ++i;
    if (i == n) break;
    size_t start = i;
    while (i < n && IsWordByte(p[i])) ++i;
    starts->push_back(static_cast<uint32_t>(start));
    ends->push_back(static_cast<uint32_t>(i));
  }
  const int words = static_cast<int>(starts->size());
  if (words == 0) return 0;
  const int shingles = std::max(1, words - ngram + 1);
  for (int s = 0; s < shingles; ++s) {
    int last = std::min(words, s + ngram) - 1;
    size_t b = (*starts)[s], e = (*ends)[last];
    out->push_back(pith::internal::Hash64(p + b, e - b, 0));
  }
  return words;
}

// Classic MinHash with K seeded multiply-xorshift hashes per shingle.
inline void NaiveMinHashMix(const std::vector<uint64_t>& shingles,
                            const std::vector<uint64_t>& seeds,
                            std::vector<uint32_t>* sig) {
  const size_t k = seeds.size();
  sig->assign(k, std::numeric_limits<uint32_t>::max());
  uint32_t* out = sig->data();
  for (uint64_t s : shingles) {
    for (size_t j = 0; j < k; ++j) {
      uint64_t h = (s ^ seeds[j]) * 0x9e3779b97f4a7c15ULL;
      h ^= h >> 29;
      h *= 0xbf58476d1ce4e5b9ULL;
      h ^= h >> 32;
      uint32_t v = static_cast<uint32_t>(h);
      if (v < out[j]) out[j] = v;
    }
  }
}

// Classic MinHash with XXH3 and K seeds per shingle.
inline void NaiveMinHashXxh3(const std::vector<uint64_t>& shingles,
                             const std::vector<uint64_t>& seeds,
                             std::vector<uint32_t>* sig) {
  const size_t k = seeds.size();
  sig->assign(k, std::numeric_limits<uint32_t>::max());
  uint32_t* out = sig->data();
  for (uint64_t s : shingles) {
    for (size_t j = 0; j < k; ++j) {
      uint32_t v = static_cast<uint32_t>(
          pith::internal::Hash64(&s, sizeof(s), seeds[j]));
      if (v < out[j]) out[j] = v;
    }
  }
}

inline std::vector<uint64_t> NaiveSeeds(int k) {
  std::vector<uint64_t> seeds(k);
  uint64_t state = 12345;
  for (uint64_t& s : seeds) s = pith::internal::SplitMix64(&state);
  return seeds;
}

}  // namespace pith_bench

#endif  // PITH_BENCH_BASELINES_H_
