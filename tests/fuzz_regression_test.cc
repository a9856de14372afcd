// Copyright 2026 The pith Authors.
//
// Regression tests for what the fuzzers found (fuzz/corpus/<target>/
// regression-*). Run them under tools/ci/sanitize.sh too: some of these
// bugs are undefined behaviour that only UBSan reports.

#include <cmath>

#include "gtest/gtest.h"
#include "pith/lsh.h"

namespace pith {
namespace {

// minhash_fuzzer, dedup_fuzzer (regression-lsh-forthreshold-overflow):
// ForThreshold() cast log(1 - recall) / log(1 - t^rows), ~1e9 or more for
// many rows, to int: undefined behaviour (UBSan: "outside the range of
// representable values of type 'int'") on every call with num_perm >= ~60.
TEST(FuzzRegressionTest, ForThresholdWithManyRowsStaysDefined) {
  for (int num_perm : {1, 2, 7, 64, 128, 130, 256, 1024}) {
    for (double t : {0.01, 0.3, 0.5, 0.79, 0.8, 0.95, 0.99}) {
      const LshParams p = LshParams::ForThreshold(t, num_perm);
      EXPECT_TRUE(p.Validate(num_perm).ok())
          << t << " " << num_perm << ": " << p.bands << "x" << p.rows;
      const double prob = p.CandidateProbability(t);
      EXPECT_TRUE(prob >= 0.0 && prob <= 1.0) << prob;
    }
  }
}

}  // namespace
}  // namespace pith
