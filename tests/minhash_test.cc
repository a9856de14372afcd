// Copyright 2026 The pith Authors.

#include "pith/minhash.h"

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace pith {
namespace {

MinHasher Make(int num_perm = 128, uint64_t seed = 1) {
  MinHashOptions o;
  o.num_perm = num_perm;
  o.seed = seed;
  absl::StatusOr<MinHasher> m = MinHasher::Create(o);
  EXPECT_TRUE(m.ok()) << m.status();
  return *m;
}

std::vector<uint64_t> RandomSet(std::mt19937_64* rng, int n) {
  std::vector<uint64_t> v(n);
  for (uint64_t& x : v) x = (*rng)();
  return v;
}

// Two sets of "n" random elements each sharing "common" of them.
void RandomPair(std::mt19937_64* rng, int n, int common,
                std::vector<uint64_t>* a, std::vector<uint64_t>* b) {
  *a = RandomSet(rng, n);
  *b = RandomSet(rng, n);
  for (int i = 0; i < common; ++i) (*b)[i] = (*a)[i];
}

struct Stats {
  double mean, var, theory_var, j;
};

Stats Measure(const MinHasher& m, int n, int common, int trials,
              uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> a, b;
  Signature sa, sb;
  double sum = 0, sum2 = 0;
  for (int t = 0; t < trials; ++t) {
    RandomPair(&rng, n, common, &a, &b);
    m.Sign(a, &sa);
    m.Sign(b, &sb);
    double e = EstimateJaccard(sa, sb);
    sum += e;
    sum2 += e * e;
  }
  Stats s;
  s.j = static_cast<double>(common) / (2 * n - common);
  s.mean = sum / trials;
  s.var = sum2 / trials - s.mean * s.mean;
  s.theory_var = s.j * (1 - s.j) / m.num_perm();
  return s;
}

TEST(MinHashTest, IdenticalSetsHaveIdenticalSignatures) {
  MinHasher m = Make();
  std::mt19937_64 rng(3);
  for (int n : {1, 2, 5, 30, 1000}) {
    std::vector<uint64_t> a = RandomSet(&rng, n);
    Signature sa = m.Sign(a);
    EXPECT_EQ(sa.size(), 128u);
    EXPECT_EQ(sa, m.Sign(a));
    EXPECT_DOUBLE_EQ(EstimateJaccard(sa, m.Sign(a)), 1.0);
    EXPECT_FALSE(IsEmptySignature(sa));
  }
}

TEST(MinHashTest, OrderAndRepeatsDoNotMatter) {
  MinHasher m = Make();
  std::vector<uint64_t> a = {5, 9, 1, 1000, 77};
  std::vector<uint64_t> b = {77, 1000, 5, 5, 9, 1, 9};
  EXPECT_EQ(m.Sign(a), m.Sign(b));
}

TEST(MinHashTest, DeterministicForASeed) {
  std::mt19937_64 rng(4);
  std::vector<uint64_t> a = RandomSet(&rng, 40);
  EXPECT_EQ(Make(128, 9).Sign(a), Make(128, 9).Sign(a));
  EXPECT_LT(EstimateJaccard(Make(128, 9).Sign(a), Make(128, 10).Sign(a)), 0.1);
  // Copies share tables and agree.
  MinHasher m = Make(64, 5);
  MinHasher copy = m;
  EXPECT_EQ(copy.Sign(a), m.Sign(a));
}

TEST(MinHashTest, DisjointSetsEstimateNearZero) {
  MinHasher m = Make();
  std::mt19937_64 rng(5);
  for (int n : {1, 5, 30, 500}) {
    std::vector<uint64_t> a = RandomSet(&rng, n);
    std::vector<uint64_t> b = RandomSet(&rng, n);
    EXPECT_LE(EstimateJaccard(m.Sign(a), m.Sign(b)), 0.03) << n;
  }
}

TEST(MinHashTest, EmptySet) {
  MinHasher m = Make();
  Signature e = m.Sign({});
  ASSERT_EQ(e.size(), 128u);
  EXPECT_TRUE(IsEmptySignature(e));
  for (uint32_t v : e) EXPECT_EQ(v, kEmptySlot);
  EXPECT_DOUBLE_EQ(EstimateJaccard(e, m.Sign({})), 1.0);
  std::vector<uint64_t> one = {42};
  EXPECT_DOUBLE_EQ(EstimateJaccard(e, m.Sign(one)), 0.0);
}

TEST(MinHashTest, InvalidOptionsAreErrors) {
  MinHashOptions o;
  o.num_perm = 0;
  EXPECT_EQ(MinHasher::Create(o).status().code(),
            absl::StatusCode::kInvalidArgument);
  o.num_perm = 65537;
  EXPECT_EQ(MinHasher::Create(o).status().code(),
            absl::StatusCode::kInvalidArgument);
  o.num_perm = 1;
  EXPECT_TRUE(MinHasher::Create(o).ok());
}

TEST(MinHashTest, SignReusesOutput) {
  MinHasher m = Make(32);
  Signature s(500, 7);
  std::vector<uint64_t> a = {1, 2, 3};
  m.Sign(a, &s);
  EXPECT_EQ(s, m.Sign(a));
}

TEST(MinHashTest, ExactJaccard) {
  std::vector<uint64_t> a = {1, 2, 3, 4};
  std::vector<uint64_t> b = {3, 4, 5, 6, 4, 3};
  EXPECT_DOUBLE_EQ(ExactJaccard(a, b), 2.0 / 6);
  EXPECT_DOUBLE_EQ(ExactJaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(ExactJaccard({}, {}), 1.0);
  EXPECT_DOUBLE_EQ(ExactJaccard(a, {}), 0.0);
}

// Bias within 4 standard errors; variance within 25% of J(1-J)/num_perm
// for sets smaller than num_perm (short paragraphs). Larger sets get LESS
// variance than classic MinHash (one-permutation hashing samples without
// replacement), so only the upper bound applies there. The slow test does
// more trials, J values and num_perm values.
TEST(MinHashTest, EstimateIsUnbiasedWithMinHashVariance) {
  for (int k : {64, 128}) {
    MinHasher m = Make(k);
    for (int n : {5, 30, 200}) {
      for (double target : {0.2, 0.5, 0.8}) {
        int common =
            static_cast<int>(std::lround(2 * n * target / (1 + target)));
        const int trials = 1500;
        Stats s = Measure(m, n, common, trials, 100 + n);
        double se = std::sqrt(s.theory_var / trials);
        EXPECT_NEAR(s.mean, s.j, 4 * se + 1e-9)
            << "k=" << k << " n=" << n << " J=" << s.j;
        double ratio = s.var / s.theory_var;
        EXPECT_LE(ratio, 1.25) << "k=" << k << " n=" << n << " J=" << s.j;
        if (2 * (2 * n - common) <= k) {  // Union at most k/2.
          EXPECT_GE(ratio, 0.75) << "k=" << k << " n=" << n << " J=" << s.j;
        }
      }
    }
  }
}

TEST(MinHashTest, WorksForAnyNumPerm) {
  std::mt19937_64 rng(6);
  std::vector<uint64_t> a = RandomSet(&rng, 50), b = a;
  for (int i = 0; i < 25; ++i) b[i] = rng();  // J = 25 / 75.
  for (int k : {1, 2, 17, 64, 255, 256, 257, 1024, 1025, 4096}) {
    MinHasher m = Make(k);
    Signature sa = m.Sign(a);
    ASSERT_EQ(static_cast<int>(sa.size()), k);
    EXPECT_FALSE(IsEmptySignature(sa));
    if (k >= 256) {
      EXPECT_NEAR(EstimateJaccard(sa, m.Sign(b)), 1.0 / 3, 0.12) << k;
    }
  }
}

TEST(MinHashTest, APrefixOfSlotsIsThatOfTheFullSignature) {
  std::mt19937_64 rng(11);
  for (int k : {16, 64, 128, 200, 2000}) {
    MinHashOptions o;
    o.num_perm = k;
    MinHasher h = *MinHasher::Create(o);
    for (int n : {1, 3, 10, 40, 150, 600, 5000}) {
      std::vector<uint64_t> set(n);
      for (uint64_t& x : set) x = rng();
      const Signature full = h.Sign(set);
      for (int slots : {1, 20, 60, 64, 65, 127, k}) {
        if (slots > k) continue;
        Signature part;
        h.Sign(set, slots, &part);
        ASSERT_EQ(part.size(), full.size());
        for (int i = 0; i < slots; ++i) {
          ASSERT_EQ(part[i], full[i]) << k << " " << n << " " << slots;
        }
      }
    }
  }
}

}  // namespace
}  // namespace pith
