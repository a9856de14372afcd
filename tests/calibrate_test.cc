// Copyright 2026 The pith Authors.
//
// Calibrator: the candidate pairs' exact J against brute force, the
// verification's similarity beside it, the removal counts against a
// Deduplicator, the index mode, and the report's structure.

#include "pith/calibrate.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "pith/dedup.h"
#include "pith/minhash.h"
#include "pith/shingle.h"

namespace pith {
namespace {

// Paragraph "i" of words w<i>_<k>; "edits" words replaced.
std::string Paragraph(int i, int words, int edits, int salt) {
  std::vector<std::string> w;
  for (int k = 0; k < words; ++k) w.push_back(absl::StrCat("w", i, "_", k));
  for (int e = 0; e < edits; ++e) {
    w[(e * 7 + 3 + salt) % words] = absl::StrCat("edit", salt, "_", e);
  }
  return absl::StrJoin(w, " ");
}

// 60 documents of 3 paragraphs: originals, copies, light and heavier
// edits, short and long paragraphs.
std::vector<std::string> Corpus() {
  std::vector<std::string> docs;
  for (int d = 0; d < 60; ++d) {
    std::vector<std::string> paras;
    for (int p = 0; p < 3; ++p) {
      const int source = (d * 3 + p) % 40;
      const int words = source % 2 == 0 ? 25 : 120;
      const int edits = d < 20 ? 0 : (d + p) % 6;
      paras.push_back(Paragraph(source, words, edits, d));
    }
    docs.push_back(absl::StrJoin(paras, "\n\n"));
  }
  return docs;
}

CalibrateOptions Options() {
  CalibrateOptions o;
  o.dedup.unit = DedupUnit::kParagraph;
  o.dedup.min_words = 1;
  o.low = 0.3;
  o.sample_pairs = 100000;
  return o;
}

TEST(CalibrateTest, PairsCarryTheirExactJaccardBesideTheVerification) {
  absl::StatusOr<Calibrator> c = Calibrator::Create(Options());
  ASSERT_TRUE(c.ok()) << c.status();
  const std::vector<std::string> docs = Corpus();
  for (size_t d = 0; d < docs.size(); ++d) {
    ASSERT_TRUE(c->Add(absl::StrCat("d", d), docs[d]).ok());
  }
  const Calibration r = c->Finish();
  EXPECT_EQ(r.documents, 60u);
  EXPECT_EQ(r.units, 180u);
  EXPECT_GE(r.identical_units, 20u);
  EXPECT_GT(r.candidate_pairs, 50u);
  uint64_t total = 0;
  for (uint64_t n : r.histogram) total += n;
  EXPECT_EQ(total, r.candidate_pairs);
  ASSERT_EQ(r.sample.size(), r.candidate_pairs);  // All kept.
  Shingler shingler = *Shingler::Create(r.dedup.shingle);
  for (const CalibrationPair& p : r.sample) {
    std::vector<uint64_t> a, b;
    shingler.Shingle(p.text, &a);
    shingler.Shingle(p.other_text, &b);
    EXPECT_DOUBLE_EQ(p.jaccard, static_cast<float>(ExactJaccard(a, b)));
    EXPECT_TRUE(p.other_doc < p.doc ||
                (p.other_doc == p.doc && p.other_line < p.line));
    // Short units are verified exactly; long ones within a few hundredths.
    if (p.verified_exact) {
      EXPECT_NEAR(p.verified, p.jaccard, 1e-6);
    } else {
      EXPECT_NEAR(p.verified, p.jaccard, 0.06);
    }
  }
  // What a run removes is what a Deduplicator removes.
  Deduplicator d = *Deduplicator::Create(r.dedup);
  uint64_t removed = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    removed += d.Add("x", docs[i])->duplicates;
  }
  EXPECT_EQ(r.removed_units, removed);
  EXPECT_GE(r.exact_removals, r.identical_units);
  EXPECT_GE(r.suggested_threshold, 0.5);
  EXPECT_LE(r.suggested_threshold, 0.95);
  EXPECT_LE(r.below_accepted, r.below / 50);
  EXPECT_GE(r.above_accepted, r.above * 9 / 10);
  EXPECT_FALSE(r.borderline.empty());
}

TEST(CalibrateTest, ReportsAreSelfContained) {
  absl::StatusOr<Calibrator> c = Calibrator::Create(Options());
  ASSERT_TRUE(c.ok());
  for (const std::string& d : Corpus()) ASSERT_TRUE(c->Add("doc<&>", d).ok());
  const Calibration r = c->Finish();
  const std::string text = CalibrationSummary(r);
  EXPECT_NE(text.find("suggested threshold"), std::string::npos) << text;
  EXPECT_NE(text.find("pith dedup removes"), std::string::npos);
  const std::string html = CalibrationHtml(r);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("class=\"bar\""), std::string::npos);
  EXPECT_NE(html.find("<polyline class=\"curve\""), std::string::npos);
  EXPECT_NE(html.find("class=\"threshold\""), std::string::npos);
  EXPECT_NE(html.find("<mark"), std::string::npos);
  // No external resource, no script; ids are escaped.
  for (const char* bad :
       {"http", "src=", "href=", "url(", "<script", "@import", "doc<&>"}) {
    EXPECT_EQ(html.find(bad), std::string::npos) << bad;
  }
  EXPECT_NE(html.find("doc&lt;&amp;&gt;"), std::string::npos);
}

TEST(CalibrateTest, AnIndexGivesItsOptionsAndItsUnits) {
  const std::string path =
      absl::StrCat("/tmp/pith_calibrate_test_", getpid(), ".pidx");
  const std::vector<std::string> docs = Corpus();
  DedupOptions o = Options().dedup;
  o.threshold = 0.7;
  uint64_t indexed = 0;
  {
    Deduplicator d = *Deduplicator::Create(o);
    for (int i = 0; i < 30; ++i) ASSERT_TRUE(d.Add("old", docs[i]).ok());
    ASSERT_TRUE(d.Save(path).ok());
    indexed = d.stats().indexed_units;
  }
  std::ifstream before_in(path, std::ios::binary);
  std::stringstream before;
  before << before_in.rdbuf();
  CalibrateOptions options = Options();
  options.index = path;
  options.dedup.threshold = 0.9;  // Ignored: the index's are used.
  absl::StatusOr<Calibrator> c = Calibrator::Create(options);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->options().dedup.threshold, 0.7);
  for (int i = 30; i < 60; ++i) ASSERT_TRUE(c->Add("new", docs[i]).ok());
  const Calibration r = c->Finish();
  EXPECT_EQ(r.index, path);
  EXPECT_EQ(r.index_units, indexed);
  uint64_t index_pairs = 0;
  for (uint64_t n : r.index_histogram) index_pairs += n;
  EXPECT_GT(index_pairs + r.identical_units, 0u);
  for (const CalibrationPair& p : r.sample) {
    if (!p.other_in_index) continue;
    EXPECT_EQ(p.other_id, "old");
    EXPECT_TRUE(p.other_text.empty());
  }
  // Removals count against the index, which is left as it was.
  Deduplicator d = *Deduplicator::Load(path, o);
  uint64_t removed = 0;
  for (int i = 30; i < 60; ++i) removed += d.Add("new", docs[i])->duplicates;
  EXPECT_EQ(r.removed_units, removed);
  std::ifstream after_in(path, std::ios::binary);
  std::stringstream after;
  after << after_in.rdbuf();
  EXPECT_EQ(before.str(), after.str());
  std::remove(path.c_str());
  options.index = "/nonexistent/index";
  EXPECT_EQ(Calibrator::Create(options).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(CalibrateTest, BadOptionsAreRejected) {
  CalibrateOptions o = Options();
  o.low = 0;
  EXPECT_EQ(Calibrator::Create(o).status().code(),
            absl::StatusCode::kInvalidArgument);
  o = Options();
  o.low = 1;
  EXPECT_EQ(Calibrator::Create(o).status().code(),
            absl::StatusCode::kInvalidArgument);
  o = Options();
  o.low = 0.95;  // Above the threshold: lowered to it.
  absl::StatusOr<Calibrator> c = Calibrator::Create(o);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->options().low, 0.8);
  o = Options();
  o.dedup.threshold = 2;
  EXPECT_EQ(Calibrator::Create(o).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace pith
