// Copyright 2026 The pith Authors.

#include "pith/lsh.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "pith/minhash.h"

namespace pith {
namespace {

TEST(LshTest, DefaultLayoutKeepsRecallAtTheThreshold) {
  LshParams p = LshParams::ForThreshold(0.8, 128);
  EXPECT_EQ(p.bands, 18);
  EXPECT_EQ(p.rows, 7);
  EXPECT_LE(p.bands * p.rows, 128);
  EXPECT_GE(p.CandidateProbability(0.8), 0.98);
  EXPECT_GE(p.CandidateProbability(0.9), 0.9999);
  EXPECT_LT(p.CandidateProbability(0.3), 0.01);
  EXPECT_LT(p.CandidateProbability(0.5), 0.15);
  LshParams defaults;
  EXPECT_EQ(defaults.bands, p.bands);
  EXPECT_EQ(defaults.rows, p.rows);
  // The equal-weight layout would miss half the pairs at 0.8.
  LshParams nine_by_13{9, 13};
  EXPECT_LT(nine_by_13.CandidateProbability(0.8), 0.5);
}

TEST(LshTest, ForThresholdFitsAndReachesRecall) {
  for (int k : {16, 64, 128, 256, 512}) {
    for (double t : {0.5, 0.6, 0.7, 0.8, 0.9, 0.95}) {
      LshParams p = LshParams::ForThreshold(t, k);
      EXPECT_TRUE(p.Validate(k).ok()) << k << " " << t;
      EXPECT_LE(p.bands * p.rows, k);
      if (k >= 128) {
        EXPECT_GE(p.CandidateProbability(t), 0.98) << k << " " << t;
        EXPECT_LT(p.CandidateProbability(t - 0.4), 0.1) << k << " " << t;
      }
    }
  }
  // A higher recall target costs more false candidates.
  LshParams strict = LshParams::ForThreshold(0.8, 128, 0.999);
  EXPECT_GE(strict.CandidateProbability(0.8), 0.999);
  // Out-of-range arguments are clamped, not errors.
  EXPECT_TRUE(LshParams::ForThreshold(-1, 128).Validate(128).ok());
  EXPECT_TRUE(LshParams::ForThreshold(2, 128).Validate(128).ok());
  EXPECT_TRUE(LshParams::ForThreshold(0.8, 0).Validate(1).ok());
  EXPECT_TRUE(LshParams::ForThreshold(0.8, 4).Validate(4).ok());
}

TEST(LshTest, CandidateProbabilityIsTheSCurve) {
  LshParams p{20, 5};
  EXPECT_DOUBLE_EQ(p.CandidateProbability(0), 0);
  EXPECT_DOUBLE_EQ(p.CandidateProbability(1), 1);
  EXPECT_NEAR(p.CandidateProbability(0.5),
              1 - std::pow(1 - std::pow(0.5, 5), 20), 1e-12);
  EXPECT_NEAR(p.ApproximateThreshold(), std::pow(1.0 / 20, 1.0 / 5), 1e-12);
}

TEST(LshTest, InvalidParamsAreErrors) {
  EXPECT_EQ(LshIndex::Create(LshParams{0, 5}, 128).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(LshIndex::Create(LshParams{5, 0}, 128).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(LshIndex::Create(LshParams{20, 7}, 128).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((LshParams{-1, 7}).Validate(128).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(LshIndex::Create(LshParams{16, 8}, 128).ok());
}

class LshIndexTest : public ::testing::Test {
 protected:
  LshIndexTest()
      : hasher_(*MinHasher::Create(MinHashOptions())),
        index_(*LshIndex::Create(LshParams::ForThreshold(0.8, 128), 128)) {}

  Signature RandomSignature(int n) {
    std::vector<uint64_t> set(n);
    for (uint64_t& x : set) x = rng_();
    return hasher_.Sign(set);
  }

  std::mt19937_64 rng_{11};
  MinHasher hasher_;
  LshIndex index_;
};

TEST_F(LshIndexTest, FindsIdenticalAndNotUnrelated) {
  std::vector<uint32_t> ids;
  Signature a = RandomSignature(30);
  index_.Query(a, &ids);
  EXPECT_TRUE(ids.empty());
  index_.Insert(7, a);
  index_.Insert(3, RandomSignature(30));
  index_.Query(a, &ids);
  EXPECT_EQ(ids, std::vector<uint32_t>{7});
  index_.Query(RandomSignature(30), &ids);
  EXPECT_TRUE(ids.empty());
  EXPECT_EQ(index_.size(), 2u);
}

TEST_F(LshIndexTest, QueryReturnsDistinctSortedIds) {
  Signature a = RandomSignature(40);
  for (uint32_t id : {9u, 2u, 5u, 2u, 0xFFFFFFFFu, 0u}) index_.Insert(id, a);
  std::vector<uint32_t> ids = {42};
  index_.Query(a, &ids);
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 2, 5, 9, 0xFFFFFFFFu}));
}

TEST_F(LshIndexTest, ManyInsertsSurviveRehashing) {
  std::vector<Signature> sigs;
  for (uint32_t i = 0; i < 5000; ++i) {
    sigs.push_back(RandomSignature(20));
    index_.Insert(i, sigs.back());
  }
  std::vector<uint32_t> ids;
  size_t extra = 0;
  for (uint32_t i = 0; i < sigs.size(); ++i) {
    index_.Query(sigs[i], &ids);
    ASSERT_TRUE(std::binary_search(ids.begin(), ids.end(), i)) << i;
    extra += ids.size() - 1;
  }
  EXPECT_LT(extra, 50u);  // 32-bit band keys rarely collide.
  double per_sig = static_cast<double>(index_.MemoryUsage()) / index_.size();
  EXPECT_LT(per_sig, 18 * 8 / 0.4 + 1);
  EXPECT_GT(per_sig, 18 * 8);
}

TEST_F(LshIndexTest, ReservePresizesTables) {
  index_.Reserve(10000);
  size_t before = index_.MemoryUsage();
  for (uint32_t i = 0; i < 10000; ++i) index_.Insert(i, RandomSignature(5));
  EXPECT_EQ(index_.MemoryUsage(), before);
  double per_sig = static_cast<double>(before) / index_.size();
  EXPECT_LT(per_sig, 18 * 8 / 0.6);
}

TEST_F(LshIndexTest, NearDuplicatesAreCandidates) {
  // Two 40-shingle sets differing in 2 elements: J = 38 / 42 = 0.905.
  int found = 0;
  for (uint32_t i = 0; i < 200; ++i) {
    std::vector<uint64_t> a(40);
    for (uint64_t& x : a) x = rng_();
    std::vector<uint64_t> b = a;
    b[0] = rng_();
    b[1] = rng_();
    index_.Insert(i, hasher_.Sign(a));
    std::vector<uint32_t> ids;
    index_.Query(hasher_.Sign(b), &ids);
    found += std::binary_search(ids.begin(), ids.end(), i);
  }
  EXPECT_GE(found, 196);
}

}  // namespace
}  // namespace pith
