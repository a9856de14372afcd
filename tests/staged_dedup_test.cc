// Copyright 2026 The pith Authors.
//
// StagedDedup (pith/staged_dedup.h): the plan cuts plain JSONL at line
// ends; the stages give the verdicts and counters of one Deduplicator
// (capped queries included); other options and damaged files are refused.

#include "pith/staged_dedup.h"

#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/dedup/staged_files.h"
#include "pith/dedup.h"
#include "pith/pipeline.h"

namespace pith {
namespace {

std::string TempDir() {
  std::string t = testing::TempDir() + "/pith_staged_XXXXXX";
  EXPECT_NE(mkdtemp(&t[0]), nullptr);
  return t;
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary) << data;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// JSONL: near and exact copies of a few paragraphs across documents.
std::string Corpus(int docs) {
  const char* paragraphs[] = {
      "the central bank raised interest rates by a quarter of a point citing "
      "stubborn inflation and strong wages across the economy",
      "heavy rain flooded roads across the north of the country and forced "
      "schools to close while forecasters warned of more storms",
      "the new phone has a larger screen and a faster chip but reviewers "
      "said the battery life was disappointing for the price",
      "local farmers gathered at the market on saturday morning to sell "
      "fresh vegetables honey and bread baked in wood fired ovens",
  };
  std::string out;
  for (int d = 0; d < docs; ++d) {
    std::string text;
    for (int k = 0; k < 3; ++k) {
      std::string p = paragraphs[(d * 7 + k * 3) % 4];
      if ((d + k) % 3 == 0) absl::StrAppend(&p, " variant ", d % 5);
      if ((d + k) % 5 == 1)
        p = absl::StrCat("unique words for document ", d, " part ", k,
                         " only here");
      absl::StrAppend(&text, k ? "\\n\\n" : "", p);
    }
    absl::StrAppend(&out, "{\"id\": \"d", d, "\", \"text\": \"", text, "\"}\n");
  }
  return out;
}

// Collects what a run hands its sink.
class Collect : public PipelineSink {
 public:
  absl::Status Consume(const PipelineDocument& d) override {
    absl::StrAppend(&text, d.document->id, "\t", d.text, "\n");
    for (const UnitVerdict& u : d.dedup->units) {
      if (!u.duplicate) continue;
      absl::StrAppend(&text, "  ", d.dedup->doc, ":", u.line, " of ",
                      u.duplicate_of_doc, "/", u.duplicate_of_id, ":",
                      u.duplicate_of_line, " ", u.exact, " ", u.similarity,
                      "\n");
    }
    return absl::OkStatus();
  }
  std::string text;
};

std::string Counters(const DedupStats& s) {
  return absl::StrCat(s.documents, " ", s.units, " ", s.short_units, " ",
                      s.indexed_units, " ", s.exact_duplicates, " ",
                      s.near_duplicates, " ", s.candidates, " ",
                      s.capped_queries, " ", s.removed_bytes);
}

PipelineOptions JsonlPipeline() {
  PipelineOptions o;
  o.reader.format = DocumentFormat::kJsonl;
  o.threads = 2;
  o.batch_documents = 16;  // Several batches per shard.
  return o;
}

// Runs every stage; returns the shards' sinks' text and the summed counters.
void RunStaged(const std::vector<std::string>& inputs,
               const DedupOptions& options, int shards, int partitions,
               std::string* text, std::string* counters) {
  const std::string dir = TempDir() + "/work";
  StagedDedupOptions staged;
  staged.shards = shards;
  staged.partitions = partitions;
  ASSERT_TRUE(StagedDedup::Plan(inputs, options, staged, "", dir).ok());
  absl::StatusOr<StagedDedup> st = StagedDedup::Open(dir, options, "");
  ASSERT_TRUE(st.ok()) << st.status();
  for (int i = 0; i < shards; ++i) {
    EXPECT_FALSE(st->Done(DedupStage::kSign, i));
    ASSERT_TRUE(st->Sign(i, JsonlPipeline(), nullptr).ok());
    EXPECT_TRUE(st->Done(DedupStage::kSign, i));
  }
  for (int p = 0; p < partitions; ++p) {
    absl::Status s = st->Bucket(p);
    ASSERT_TRUE(s.ok()) << s;
  }
  for (int i = 0; i < shards; ++i) ASSERT_TRUE(st->Decide(i).ok());
  ASSERT_TRUE(st->Resolve().ok());
  DedupStats total;
  for (int i = 0; i < shards; ++i) {
    absl::StatusOr<Deduplicator> dedup = st->ApplyDeduplicator(i);
    ASSERT_TRUE(dedup.ok()) << dedup.status();
    absl::StatusOr<Pipeline> pipeline =
        Pipeline::Create(JsonlPipeline(), nullptr, &*dedup);
    ASSERT_TRUE(pipeline.ok());
    Collect sink;
    ASSERT_TRUE(pipeline->Run(st->ShardInputs(i), &sink).ok());
    *text += sink.text;
    const DedupStats s = dedup->stats();
    total.documents += s.documents;
    total.units += s.units;
    total.short_units += s.short_units;
    total.indexed_units += s.indexed_units;
    total.exact_duplicates += s.exact_duplicates;
    total.near_duplicates += s.near_duplicates;
    total.candidates += s.candidates;
    total.capped_queries += s.capped_queries;
    total.removed_bytes += s.removed_bytes;
  }
  *counters = Counters(total);
}

void RunOne(const std::vector<std::string>& inputs, const DedupOptions& options,
            std::string* text, std::string* counters,
            uint64_t* capped = nullptr) {
  absl::StatusOr<Deduplicator> dedup = Deduplicator::Create(options);
  ASSERT_TRUE(dedup.ok());
  absl::StatusOr<Pipeline> pipeline =
      Pipeline::Create(JsonlPipeline(), nullptr, &*dedup);
  ASSERT_TRUE(pipeline.ok());
  Collect sink;
  ASSERT_TRUE(pipeline->Run(inputs, &sink).ok());
  *text = sink.text;
  *counters = Counters(dedup->stats());
  if (capped != nullptr) *capped = dedup->stats().capped_queries;
}

TEST(StagedDedupTest, PlanCutsPlainJsonlAtLineEnds) {
  const std::string dir = TempDir();
  const std::string path = dir + "/a.jsonl";
  const std::string data = Corpus(100);
  WriteFile(path, data);
  StagedDedupOptions staged;
  staged.shards = 4;
  ASSERT_TRUE(
      StagedDedup::Plan({path}, DedupOptions(), staged, "", dir + "/w").ok());
  absl::StatusOr<StagedDedup> st =
      StagedDedup::Open(dir + "/w", DedupOptions(), "");
  ASSERT_TRUE(st.ok());
  uint64_t next = 0;
  for (int i = 0; i < 4; ++i) {
    const std::vector<PipelineInput> pieces = st->ShardInputs(i);
    ASSERT_EQ(pieces.size(), 1u);
    const PipelineInput& p = pieces[0];
    EXPECT_FALSE(p.whole);
    EXPECT_EQ(p.begin, next);
    EXPECT_TRUE(p.begin == 0 || data[p.begin - 1] == '\n');
    EXPECT_EQ(data[p.end - 1], '\n');
    int64_t lines = 1;
    for (uint64_t b = 0; b < p.begin; ++b) lines += data[b] == '\n';
    EXPECT_EQ(p.first_line, lines);
    next = p.end;
  }
  EXPECT_EQ(next, data.size());
}

TEST(StagedDedupTest, StagesDecideAsOneDeduplicator) {
  const std::string dir = TempDir();
  const std::vector<std::string> inputs = {dir + "/a.jsonl", dir + "/b.jsonl"};
  WriteFile(inputs[0], Corpus(300));
  WriteFile(inputs[1], Corpus(40));
  DedupOptions options;
  options.unit = DedupUnit::kParagraph;
  options.threshold = 0.5;
  std::string want, want_counters;
  RunOne(inputs, options, &want, &want_counters);
  ASSERT_NE(want.find(" 1 1\n"), std::string::npos) << "no exact duplicate";
  ASSERT_NE(want.find(" 0 0."), std::string::npos) << "no near duplicate";
  for (int shards : {1, 3, 7}) {
    for (int partitions : {1, 4}) {
      std::string got, counters;
      RunStaged(inputs, options, shards, partitions, &got, &counters);
      EXPECT_EQ(got, want) << shards << " shards, " << partitions;
      EXPECT_EQ(counters, want_counters) << shards << " shards, " << partitions;
    }
  }
}

TEST(StagedDedupTest, CappedQueriesAreReplayed) {
  const std::string dir = TempDir();
  const std::vector<std::string> inputs = {dir + "/a.jsonl"};
  WriteFile(inputs[0], Corpus(200));
  DedupOptions options;
  options.unit = DedupUnit::kParagraph;
  options.threshold = 0.5;
  options.max_candidates = 2;
  std::string want, want_counters;
  uint64_t capped = 0;
  RunOne(inputs, options, &want, &want_counters, &capped);
  ASSERT_GT(capped, 0u) << "the corpus hits no cap";
  std::string got, counters;
  RunStaged(inputs, options, 3, 2, &got, &counters);
  EXPECT_EQ(got, want);
  EXPECT_EQ(counters, want_counters);
}

TEST(StagedDedupTest, OtherOptionsAndDamagedFilesAreRefused) {
  const std::string dir = TempDir();
  const std::string path = dir + "/a.jsonl";
  WriteFile(path, Corpus(50));
  DedupOptions options;
  StagedDedupOptions staged;
  staged.shards = 2;
  ASSERT_TRUE(
      StagedDedup::Plan({path}, options, staged, "ctx", dir + "/w").ok());
  DedupOptions other = options;
  other.threshold = 0.6;
  EXPECT_EQ(StagedDedup::Open(dir + "/w", other, "ctx").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(StagedDedup::Open(dir + "/w", options, "other").status().code(),
            absl::StatusCode::kFailedPrecondition);
  absl::StatusOr<StagedDedup> st =
      StagedDedup::Open(dir + "/w", options, "ctx");
  ASSERT_TRUE(st.ok());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(st->Sign(i, JsonlPipeline(), nullptr).ok());
  }
  const std::string file = dir + "/w/sign-1-0";
  std::string bytes = ReadFile(file);
  ASSERT_GT(bytes.size(), 100u);
  bytes[90] ^= 1;
  WriteFile(file, bytes);
  EXPECT_FALSE(st->Done(DedupStage::kSign, 1));
  EXPECT_EQ(st->Bucket(0).code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(StagedDedup::Plan({"-"}, options, staged, "", dir + "/x").code(),
            absl::StatusCode::kInvalidArgument);
}

// Counts in a file whose checksums are valid (found by
// fuzz/stage_fuzzer.cc): they are refused, never used to size memory.
TEST(StagedDedupTest, HugeCountsWithValidChecksumsAreRefused) {
  const std::string dir = TempDir();
  const std::string path = dir + "/a.jsonl";
  WriteFile(path, Corpus(4));
  DedupOptions options;
  ASSERT_TRUE(
      StagedDedup::Plan({path}, options, StagedDedupOptions(), "", dir + "/w")
          .ok());
  // The plan, with 2^32 - 1 shards: HEAD's fingerprint is at byte 40.
  const std::string plan = dir + "/w/plan";
  const std::string bytes = ReadFile(plan);
  ASSERT_GT(bytes.size(), 48u);
  uint64_t fingerprint = 0;
  std::memcpy(&fingerprint, bytes.data() + 40, 8);
  std::string data;
  std::vector<absl::string_view> sections;
  const uint32_t tag = internal::IndexTag("PLAN");
  ASSERT_TRUE(internal::ReadStageFile(plan, fingerprint,
                                      internal::StageKind::kPlan, 0, 0, {tag},
                                      &data, &sections)
                  .ok());
  std::string payload(sections[0]);
  std::memset(&payload[0], 0xff, 4);
  ASSERT_TRUE(internal::WriteStageFile(plan, fingerprint,
                                       internal::StageKind::kPlan, 0, 0,
                                       {{tag, payload}})
                  .ok());
  EXPECT_EQ(StagedDedup::Open(dir + "/w", options, "").status().code(),
            absl::StatusCode::kDataLoss);

  // An exact-set record (24 bytes + 4 of no keys) of 2^32 - 1 values.
  std::string record(28, '\0');
  record += std::string(4, '\xff');
  std::vector<internal::UnitRecord> records;
  EXPECT_FALSE(internal::DecodeRecords(record, 0, false, true, &records));
}

// The indexed count of a decide file (CNTS) does not size the Apply
// stage's index (found by fuzz/stage_fuzzer.cc: std::bad_alloc).
TEST(StagedDedupTest, ApplyDoesNotReserveTheIndexedCount) {
  const std::string dir = TempDir();
  const std::string path = dir + "/a.jsonl";
  WriteFile(path, Corpus(50));
  DedupOptions options;
  ASSERT_TRUE(StagedDedup::Plan({path}, options, StagedDedupOptions(), "",
                                dir + "/w")
                  .ok());
  absl::StatusOr<StagedDedup> st = StagedDedup::Open(dir + "/w", options, "");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->Sign(0, JsonlPipeline(), nullptr).ok());
  ASSERT_TRUE(st->Bucket(0).ok());
  ASSERT_TRUE(st->Decide(0).ok());
  ASSERT_TRUE(st->Resolve().ok());
  const std::string decide = dir + "/w/decide-0";
  const std::string bytes = ReadFile(decide);
  ASSERT_GT(bytes.size(), 48u);
  uint64_t fingerprint = 0;
  std::memcpy(&fingerprint, bytes.data() + 40, 8);
  std::string data;
  std::vector<absl::string_view> sections;
  const uint32_t counts = internal::IndexTag("CNTS");
  const uint32_t decisions = internal::IndexTag("DECS");
  ASSERT_TRUE(internal::ReadStageFile(decide, fingerprint,
                                      internal::StageKind::kDecide, 0, 0,
                                      {counts, decisions}, &data, &sections)
                  .ok());
  std::string payload(sections[0]);
  ASSERT_EQ(payload.size(), 16u);
  const uint64_t huge = uint64_t{1} << 40;
  std::memcpy(&payload[8], &huge, 8);
  ASSERT_TRUE(internal::WriteStageFile(
                  decide, fingerprint, internal::StageKind::kDecide, 0, 0,
                  {{counts, payload}, {decisions, std::string(sections[1])}})
                  .ok());
  absl::StatusOr<Deduplicator> dedup = st->ApplyDeduplicator(0);
  ASSERT_TRUE(dedup.ok()) << dedup.status();
  absl::StatusOr<Pipeline> pipeline =
      Pipeline::Create(JsonlPipeline(), nullptr, &*dedup);
  ASSERT_TRUE(pipeline.ok());
  Collect sink;
  EXPECT_TRUE(pipeline->Run(st->ShardInputs(0), &sink).ok());
  EXPECT_EQ(dedup->stats().indexed_units, huge);
}

}  // namespace
}  // namespace pith
