// Copyright 2026 The pith Authors.
//
// The verification sketch of DedupVerify::kSignature (lib/dedup/
// unit_sketch.h): exact for units of at most kFingerprints shingles, an
// unbiased odd-sketch estimate with the standard deviation dedup.h states
// otherwise, and a SketchPlan that always gives a unit what its candidates'
// forms need.

#include "lib/dedup/unit_sketch.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "pith/minhash.h"

namespace pith {
namespace internal {
namespace {

// Two sets of "n" values each sharing "common".
void Pair(std::mt19937_64* rng, int n, int common, std::vector<uint64_t>* a,
          std::vector<uint64_t>* b) {
  a->clear();
  b->clear();
  for (int i = 0; i < common; ++i) {
    const uint64_t x = (*rng)();
    a->push_back(x);
    b->push_back(x);
  }
  for (int i = common; i < n; ++i) {
    a->push_back((*rng)());
    b->push_back((*rng)());
  }
}

TEST(UnitSketchTest, ShortUnitsAreComparedExactly) {
  std::mt19937_64 rng(1);
  std::vector<uint64_t> a, b;
  int cases = 0, near = 0, collisions = 0;
  for (int n = 1; n <= static_cast<int>(kFingerprints); ++n) {
    for (int common = 0; common <= n; ++common) {
      Pair(&rng, n, common, &a, &b);
      uint8_t sketch[kSketchBytes];
      MakeSketch(b, nullptr, sketch);
      bool exact = false;
      const double j = SketchSimilarity(a, sketch, n, &exact);
      const double truth = ExactJaccard(a, b);
      EXPECT_TRUE(exact);
      ++cases;
      if (truth >= 0.5) ++near;
      if (j == truth) continue;
      // Two different shingles with equal 16-bit fingerprints count as
      // one more in common: probability ~|A \ B| * |B \ A| / 65536, so
      // rare among near-duplicates.
      ++collisions;
      EXPECT_GT(j, truth);
      EXPECT_LT(truth, 0.5) << n << " " << common;
    }
  }
  EXPECT_GT(near, 200);
  EXPECT_LE(collisions, cases / 100) << cases;
  // The FingerprintTable of Decide() counts the same.
  FingerprintTable table;
  Pair(&rng, 30, 24, &a, &b);
  std::vector<uint16_t> fa;
  for (uint64_t x : a) fa.push_back(Fingerprint(x));
  uint8_t sketch[kSketchBytes];
  MakeSketch(b, nullptr, sketch);
  table.Add(fa.data(), fa.size());
  EXPECT_EQ(table.Count(sketch, 30), 24u);
  table.Clear(fa.data(), fa.size());
  EXPECT_EQ(table.Count(sketch, 30), 0u);
}

TEST(UnitSketchTest, OddSketchesAreUnbiasedWithTheStatedDeviation) {
  std::mt19937_64 rng(2);
  std::vector<uint64_t> a, b;
  struct Case {
    int n;
    double j;
    double max_sd;  // dedup.h: 0.010 at J = 0.8 up to ~500 shingles...
  };
  for (const Case& c :
       {Case{60, 0.8, 0.013}, Case{200, 0.8, 0.013}, Case{400, 0.8, 0.014},
        Case{1000, 0.8, 0.021}, Case{20000, 0.8, 0.028}, Case{200, 0.9, 0.008},
        Case{200, 0.7, 0.02}}) {
    const int common =
        static_cast<int>(std::lround(2.0 * c.n * c.j / (1 + c.j)));
    double sum = 0, sum2 = 0, truth = 0;
    constexpr int kTrials = 300;
    for (int t = 0; t < kTrials; ++t) {
      Pair(&rng, c.n, common, &a, &b);
      truth = ExactJaccard(a, b);
      uint8_t sa[kSketchBytes], sb[kSketchBytes];
      MakeSketch(a, nullptr, sa);
      MakeSketch(b, nullptr, sb);
      bool exact = true;
      const double e = SketchSimilarity(a, sb, c.n, &exact) - truth;
      EXPECT_FALSE(exact);
      EXPECT_DOUBLE_EQ(e + truth, OddSimilarity(sa, sb));
      sum += e;
      sum2 += e * e;
    }
    const double bias = sum / kTrials;
    const double sd = std::sqrt(sum2 / kTrials - bias * bias);
    EXPECT_LT(std::abs(bias), 3 * sd / std::sqrt(kTrials) + 0.001)
        << "n " << c.n << " J " << truth;
    EXPECT_LT(sd, c.max_sd) << "n " << c.n << " J " << truth;
  }
}

TEST(UnitSketchTest, LargeUnitsAreSampledByLevel) {
  EXPECT_EQ(SampleLevel(1), 0);
  EXPECT_EQ(SampleLevel(kOddSample), 0);
  EXPECT_EQ(SampleLevel(kOddSample + 1), 1);
  EXPECT_EQ(SampleLevel(2 * kOddSample), 1);
  EXPECT_EQ(SampleLevel(2 * kOddSample + 1), 2);
  EXPECT_GE(SampleLevel(0xFFFFFFFFu), 23);
  // The sample of level L is about n / 2^L shingles.
  std::mt19937_64 rng(3);
  std::vector<uint64_t> a(100000);
  for (uint64_t& x : a) x = rng();
  uint8_t s[kSketchBytes];
  MakeOddSketch(a, SampleLevel(100000), s);
  const int count = s[kSketchBytes - 2] | (s[kSketchBytes - 1] << 8);
  EXPECT_GT(count, 200);
  EXPECT_LE(count, 600);
}

TEST(UnitSketchTest, PlanGivesWhatEveryCandidateFormNeeds) {
  for (double accept : {0.3, 0.5, 0.75, 0.8, 0.9, 0.999}) {
    SketchPlan plan(accept);
    for (uint32_t n : {1u, 5u, 30u, 39u, 40u, 41u, 50u, 53u, 54u, 100u, 400u,
                       511u, 512u, 513u, 700u, 1000u, 5000u, 100000u}) {
      const QueryNeeds q = plan.Needs(n);
      // Every candidate size that passes the size filter of Verify().
      const uint32_t lo = static_cast<uint32_t>(std::ceil(n * accept));
      const uint32_t hi = static_cast<uint32_t>(std::floor(n / accept));
      for (uint32_t m = std::max(1u, lo); m <= std::min(hi, 200000u);
           m += 1 + m / 64) {
        if (std::min(m, n) < accept * std::max(m, n)) continue;
        if (IsFingerprintForm(m)) {
          EXPECT_TRUE(q.fingerprints) << accept << " " << n << " " << m;
        } else {
          const int level = SampleLevel(m);
          EXPECT_GE(level, q.first_level) << accept << " " << n << " " << m;
          EXPECT_LT(level, q.first_level + q.levels)
              << accept << " " << n << " " << m;
        }
      }
    }
  }
}

}  // namespace
}  // namespace internal
}  // namespace pith
