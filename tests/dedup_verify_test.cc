// Copyright 2026 The pith Authors.
//
// Verification that honours the threshold (pith/dedup.h): exact
// verification, short units verified exactly by default, the threshold's
// guarantee, -t 1 as identical after normalization, and invalid options.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "pith/dedup.h"
#include "tests/dedup_test_util.h"

namespace pith {
namespace {

using testing_dedup::kA;
using testing_dedup::kAEdited;
using testing_dedup::kB;
using testing_dedup::kC;
using testing_dedup::Make;
using testing_dedup::Options;

// Adds kA, then kAEdited with options "o": expects kAEdited's one unit to
// be a duplicate whose similarity is the exact J of the two, 36 / 42 (41
// tokens, 39 shingles; one word changed: 3 differ on each side).
void ExpectEditedCopyHasExactSimilarity(const DedupOptions& o) {
  Deduplicator d = Make(o);
  ASSERT_TRUE(d.Add("a", kA).ok());
  absl::StatusOr<DocumentVerdict> v = d.Add("b", kAEdited);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->units.size(), 1u);
  EXPECT_TRUE(v->units[0].duplicate);
  EXPECT_DOUBLE_EQ(v->units[0].similarity, 36.0 / 42.0);
}

TEST(DedupTest, ExactVerificationUsesShingleSets) {
  DedupOptions o = Options();
  o.verify = DedupVerify::kExact;
  ExpectEditedCopyHasExactSimilarity(o);
}

TEST(DedupTest, ShortUnitsAreVerifiedExactlyByDefault) {
  // 39 distinct shingles: the default verification keeps them (as 16-bit
  // fingerprints) and computes the same J as kExact.
  ExpectEditedCopyHasExactSimilarity(Options());
}

// A unit whose J with an earlier one is just below the threshold stays;
// just above, it goes: for short units (fingerprints, exact) and long ones
// (odd sketch, within ~0.01), each by a margin of ~0.03.
TEST(DedupTest, TheThresholdMeansWhatItSays) {
  auto words = [](int n, int seed) {
    std::vector<std::string> w;
    for (int i = 0; i < n; ++i) w.push_back(absl::StrCat("w", seed, "x", i));
    return w;
  };
  for (int n : {30, 200}) {
    const std::vector<std::string> base = words(n, n);
    std::vector<std::string> near = base, far = base;
    // Changing k spread words of n changes ~3k of the n - 2 shingles.
    const int k_near = n == 30 ? 1 : 5, k_far = n == 30 ? 2 : 9;
    for (int i = 0; i < k_near; ++i)
      near[(2 * i + 1) * n / (2 * k_near)] = "zz";
    for (int i = 0; i < k_far; ++i) far[(2 * i + 1) * n / (2 * k_far)] = "yy";
    DedupOptions o = Options();
    o.unit = DedupUnit::kLine;
    std::vector<uint64_t> sa, sn, sf;
    Shingler sh = *Shingler::Create(o.shingle);
    sh.Shingle(absl::StrJoin(base, " "), &sa);
    sh.Shingle(absl::StrJoin(near, " "), &sn);
    sh.Shingle(absl::StrJoin(far, " "), &sf);
    const double j_near = ExactJaccard(sa, sn), j_far = ExactJaccard(sa, sf);
    ASSERT_GT(j_near, j_far + 0.05);
    o.threshold = (j_near + j_far) / 2;
    for (int seed : {1, 2, 3}) {
      o.minhash.seed = seed;
      Deduplicator d = Make(o);
      ASSERT_TRUE(d.Add("base", absl::StrJoin(base, " ")).ok());
      absl::StatusOr<DocumentVerdict> vf =
          d.Add("far", absl::StrJoin(far, " "));
      absl::StatusOr<DocumentVerdict> vn =
          d.Add("near", absl::StrJoin(near, " "));
      ASSERT_TRUE(vf.ok() && vn.ok());
      EXPECT_EQ(vf->duplicates, 0)
          << n << " J " << j_far << " < " << o.threshold;
      ASSERT_EQ(vn->duplicates, 1) << n << " J " << j_near;
      EXPECT_EQ(vn->units[0].duplicate_of_id, "base");
      EXPECT_NEAR(vn->units[0].similarity, j_near, n == 30 ? 1e-12 : 0.03);
    }
  }
}

TEST(DedupTest, ThresholdOneMeansIdenticalAfterNormalization) {
  DedupOptions o = Options();
  o.threshold = 1;
  Deduplicator d = Make(o);
  ASSERT_TRUE(d.Add("a", absl::StrCat(kA, "\n", kB, "\n")).ok());
  // Case, punctuation and spacing fold; one word does not.
  std::string folded = absl::AsciiStrToUpper(kA);
  absl::StrReplaceAll({{",", " ;"}, {".", "!"}}, &folded);
  absl::StatusOr<DocumentVerdict> v =
      d.Add("b", absl::StrCat(folded, "\n", kAEdited, "\n", kC, "\n"));
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->units.size(), 3u);
  EXPECT_TRUE(v->units[0].duplicate);
  EXPECT_TRUE(v->units[0].exact);
  EXPECT_EQ(v->units[0].similarity, 1.0);
  EXPECT_FALSE(v->units[1].duplicate);  // J 0.86.
  EXPECT_FALSE(v->units[2].duplicate);
  // The same shingle set in another order is not identical.
  ASSERT_TRUE(d.Add("c", "one two three one two three four\n").ok());
  EXPECT_EQ(d.Add("d", "one two three four one two three\n")->duplicates, 0);
  // Nothing but exact hashes is kept.
  EXPECT_LT(d.stats().bytes_per_indexed_unit(), 2000);
  EXPECT_EQ(d.stats().candidates, 0u);
}

TEST(DedupTest, InvalidOptionsAreRejected) {
  auto code = [](const DedupOptions& o) {
    return Deduplicator::Create(o).status().code();
  };
  DedupOptions o;
  o.threshold = 0;
  EXPECT_EQ(code(o), absl::StatusCode::kInvalidArgument);
  o = DedupOptions();
  o.threshold = 1.5;
  EXPECT_EQ(code(o), absl::StatusCode::kInvalidArgument);
  o = DedupOptions();
  o.min_words = 0;
  EXPECT_EQ(code(o), absl::StatusCode::kInvalidArgument);
  o = DedupOptions();
  o.bands = 4;
  EXPECT_EQ(code(o), absl::StatusCode::kInvalidArgument);
  o.rows = 100;
  EXPECT_EQ(code(o), absl::StatusCode::kInvalidArgument);
  o = DedupOptions();
  o.signature_margin = 0.9;
  EXPECT_EQ(code(o), absl::StatusCode::kInvalidArgument);
  o = DedupOptions();
  o.shingle.ngram = 0;
  EXPECT_EQ(code(o), absl::StatusCode::kInvalidArgument);
  DedupUnit unit;
  EXPECT_TRUE(ParseDedupUnit("paragraph", &unit));
  EXPECT_EQ(unit, DedupUnit::kParagraph);
  EXPECT_FALSE(ParseDedupUnit("sentence", &unit));
  DedupVerify verify;
  EXPECT_TRUE(ParseDedupVerify("exact", &verify));
  EXPECT_EQ(verify, DedupVerify::kExact);
  EXPECT_FALSE(ParseDedupVerify("fuzzy", &verify));
}

// The near-duplicate pairs hand-labelled in the seed pages (labels.json):
// the later line of each pair is removed as a duplicate of the earlier one.

}  // namespace
}  // namespace pith
