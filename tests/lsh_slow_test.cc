// Copyright 2026 The pith Authors.
//
// Empirical LSH candidate rate against the S-curve 1 - (1 - J^r)^b (ctest
// label "slow"). Prints the table.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "pith/lsh.h"
#include "pith/minhash.h"

namespace pith {
namespace {

TEST(LshSlowTest, CandidateRateFollowsTheSCurve) {
  const int k = 128;
  MinHasher hasher = *MinHasher::Create(MinHashOptions{k, 3});
  LshParams params = LshParams::ForThreshold(0.8, k);
  const int pairs = 3000;
  std::printf("%5s %7s %9s %9s\n", "n", "J", "observed", "S-curve");
  for (int n : {30, 100, 400}) {
    for (double target : {0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9}) {
      int common = static_cast<int>(std::lround(2 * n * target / (1 + target)));
      double j = static_cast<double>(common) / (2 * n - common);
      LshIndex index = *LshIndex::Create(params, k);
      index.Reserve(pairs);
      std::mt19937_64 rng(n * 100 + common);
      std::vector<uint64_t> a(n), b(n);
      std::vector<Signature> queries;
      for (int i = 0; i < pairs; ++i) {
        for (uint64_t& x : a) x = rng();
        for (uint64_t& x : b) x = rng();
        for (int c = 0; c < common; ++c) b[c] = a[c];
        index.Insert(static_cast<uint32_t>(i), hasher.Sign(a));
        queries.push_back(hasher.Sign(b));
      }
      int hits = 0, others = 0;
      std::vector<uint32_t> ids;
      for (int i = 0; i < pairs; ++i) {
        index.Query(queries[i], &ids);
        bool hit = std::binary_search(ids.begin(), ids.end(),
                                      static_cast<uint32_t>(i));
        hits += hit;
        others += static_cast<int>(ids.size()) - hit;
      }
      double observed = static_cast<double>(hits) / pairs;
      double p = params.CandidateProbability(j);
      std::printf("%5d %7.4f %9.4f %9.4f\n", n, j, observed, p);
      double se = std::sqrt(p * (1 - p) / pairs);
      EXPECT_NEAR(observed, p, 4 * se + 0.02) << "n=" << n << " J=" << j;
      EXPECT_LE(others, pairs / 100) << "unrelated candidates";
    }
  }
}

}  // namespace
}  // namespace pith
