// Copyright 2026 The pith Authors.
//
// The pipeline through its public API: the same results in input order for
// any thread count, errors in input order, sinks that fail, warnings, and
// documents in memory.

#include "pith/pipeline.h"

#include <stdlib.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "pith/cleaner.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/rules.h"

namespace pith {
namespace {

// Keeps what a run passes on: one string per document.
class Collect : public PipelineSink {
 public:
  absl::Status Consume(const PipelineDocument& d) override {
    std::string line = absl::StrCat(d.document->id, "|", d.document->line, "|",
                                    d.rejected, d.unchanged, "|");
    if (d.clean != nullptr) {
      for (const Removal& r : d.clean->removals) {
        absl::StrAppend(&line, r.line, ":", r.reason, ",");
      }
    }
    if (d.dedup != nullptr) {
      absl::StrAppend(&line, "#", d.dedup->doc, ",", d.dedup->duplicates);
      for (const UnitVerdict& u : d.dedup->units) {
        if (u.duplicate) {
          absl::StrAppend(&line, " ", u.line, "~", u.duplicate_of_doc, ":",
                          u.duplicate_of_line);
        }
      }
    }
    absl::StrAppend(&line, "|", d.text);
    results.push_back(std::move(line));
    if (fail_at >= 0 && static_cast<int>(results.size()) == fail_at) {
      return absl::InternalError("sink failed");
    }
    return absl::OkStatus();
  }
  void Warn(absl::string_view message) override {
    results.push_back(absl::StrCat("warning: ", message));
  }
  absl::Status StartInput(const std::string& path) override {
    if (inputs) results.push_back(absl::StrCat("start ", Base(path)));
    return absl::OkStatus();
  }
  absl::Status EndInput(const std::string& path) override {
    if (inputs) results.push_back(absl::StrCat("end ", Base(path)));
    return absl::OkStatus();
  }
  static std::string Base(const std::string& path) {
    return path.substr(path.rfind('/') + 1);
  }
  bool inputs = false;  // Record input boundaries.
  std::vector<std::string> results;
  int fail_at = -1;  // Fail on this document (1-based), if >= 0.
};

std::string TempDir() {
  std::string t = ::testing::TempDir() + "/pipeline_test.XXXXXX";
  EXPECT_NE(mkdtemp(&t[0]), nullptr);
  return t;
}

std::string WriteFile(const std::string& dir, const std::string& name,
                      const std::string& data) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << data;
  return path;
}

// A JSONL corpus of pages with boilerplate and repeated paragraphs.
std::string Corpus(int docs) {
  const char* kParagraphs[] = {
      "The committee approved the budget after a long debate about the "
      "costs of the new bridge and the schools that will be built.",
      "Heavy rain flooded roads across the north of the country and forced "
      "schools to close, while forecasters warned of more storms to come.",
      "The new phone has a larger screen and a faster chip, but reviewers "
      "said the battery life was disappointing for the price.",
      "Shares rose in early trading after the company said profits for the "
      "quarter had beaten what analysts had expected by a wide margin.",
  };
  std::string out;
  for (int i = 0; i < docs; ++i) {
    std::string text = "Home\\nNews\\nSport\\nWeather\\nContact\\n";
    for (int p = 0; p < 3; ++p) {
      absl::StrAppend(&text, kParagraphs[(i * 7 + p * 3) % 4], " Item ", i % 5,
                      ".\\n\\n");
    }
    absl::StrAppend(&text, "Share this article\\nCookie settings\\n");
    absl::StrAppend(&out, "{\"id\": \"d", i, "\", \"text\": \"", text, "\"}\n");
  }
  return out;
}

Cleaner MakeCleaner() {
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  EXPECT_TRUE(rules.ok()) << rules.status();
  absl::StatusOr<Cleaner> c =
      Cleaner::Create(*std::move(rules), CleanerOptions());
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

Deduplicator MakeDedup() {
  DedupOptions o;
  o.unit = DedupUnit::kParagraph;
  o.min_words = 3;
  absl::StatusOr<Deduplicator> d = Deduplicator::Create(o);
  EXPECT_TRUE(d.ok()) << d.status();
  return *std::move(d);
}

PipelineOptions Jsonl(int threads) {
  PipelineOptions o;
  o.reader.format = DocumentFormat::kJsonl;
  o.threads = threads;
  // Small batches, so that a few hundred documents make many batches.
  o.batch_documents = 7;
  o.batch_bytes = 4096;
  return o;
}

// Runs "inputs" through a new pipeline with the given stages.
std::vector<std::string> RunOnce(const std::vector<std::string>& inputs,
                                 const PipelineOptions& options, bool clean,
                                 bool dedup, absl::Status* status,
                                 PipelineStats* stats = nullptr) {
  Cleaner cleaner = MakeCleaner();
  Deduplicator d = MakeDedup();
  absl::StatusOr<Pipeline> p = Pipeline::Create(
      options, clean ? &cleaner : nullptr, dedup ? &d : nullptr);
  EXPECT_TRUE(p.ok()) << p.status();
  Collect sink;
  *status = p->Run(inputs, &sink);
  if (stats != nullptr) *stats = p->stats();
  return sink.results;
}

TEST(PipelineTest, ResultsDoNotDependOnTheThreadCount) {
  const std::string dir = TempDir();
  const std::string a = WriteFile(dir, "a.jsonl", Corpus(150));
  const std::string b = WriteFile(dir, "b.jsonl", Corpus(90));
  for (bool clean : {false, true}) {
    for (bool dedup : {false, true}) {
      absl::Status s;
      const std::vector<std::string> one =
          RunOnce({a, b}, Jsonl(1), clean, dedup, &s);
      ASSERT_TRUE(s.ok()) << s;
      ASSERT_EQ(one.size(), 240u);
      for (int threads : {2, 3, 5}) {
        EXPECT_EQ(RunOnce({a, b}, Jsonl(threads), clean, dedup, &s), one)
            << "threads " << threads << " clean " << clean << " dedup "
            << dedup;
        EXPECT_TRUE(s.ok()) << s;
      }
    }
  }
}

TEST(PipelineTest, CleansThenDeduplicatesInInputOrder) {
  const std::string dir = TempDir();
  const std::string a = WriteFile(dir, "a.jsonl", Corpus(20));
  absl::Status s;
  PipelineStats stats;
  const std::vector<std::string> r =
      RunOnce({a}, Jsonl(2), /*clean=*/true, /*dedup=*/true, &s, &stats);
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(r.size(), 20u);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(r[i].substr(0, r[i].find('|')), absl::StrCat("d", i));
    // The menu and the share row are cleaned away before dedup.
    EXPECT_EQ(r[i].find("Cookie settings"), std::string::npos) << r[i];
  }
  // Four paragraphs and five item numbers make 20 distinct paragraphs:
  // later documents repeat earlier ones.
  EXPECT_GT(stats.units_removed, 0);
  EXPECT_EQ(stats.documents, 20);
  EXPECT_GT(stats.lines_removed, 0);
  EXPECT_GT(stats.removed_by.size(), 0u);
}

TEST(PipelineTest, StopsAtTheFirstErrorInInputOrder) {
  const std::string dir = TempDir();
  std::string data = Corpus(30);
  // Line 23 is malformed.
  size_t at = 0;
  for (int i = 0; i < 22; ++i) at = data.find('\n', at) + 1;
  data.insert(at, "{\"text\": oops}\n");
  const std::string a = WriteFile(dir, "a.jsonl", data);
  for (int threads : {1, 2, 4}) {
    absl::Status s;
    const std::vector<std::string> r =
        RunOnce({a}, Jsonl(threads), true, true, &s);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
    EXPECT_NE(s.message().find("a.jsonl:23:"), absl::string_view::npos) << s;
    EXPECT_EQ(r.size(), 22u) << "threads " << threads;
  }
}

TEST(PipelineTest, AMissingInputFailsAfterTheInputsBeforeIt) {
  const std::string dir = TempDir();
  const std::string a = WriteFile(dir, "a.jsonl", Corpus(12));
  for (int threads : {1, 2}) {
    absl::Status s;
    const std::vector<std::string> r = RunOnce({a, dir + "/missing.jsonl", a},
                                               Jsonl(threads), true, false, &s);
    EXPECT_EQ(s.code(), absl::StatusCode::kNotFound) << s;
    EXPECT_EQ(r.size(), 12u);
  }
}

TEST(PipelineTest, ASinkErrorStopsTheRun) {
  const std::string dir = TempDir();
  const std::string a = WriteFile(dir, "a.jsonl", Corpus(100));
  for (int threads : {1, 3}) {
    Cleaner cleaner = MakeCleaner();
    absl::StatusOr<Pipeline> p =
        Pipeline::Create(Jsonl(threads), &cleaner, nullptr);
    ASSERT_TRUE(p.ok());
    Collect sink;
    sink.fail_at = 40;
    absl::Status s = p->Run({a}, &sink);
    EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
    EXPECT_EQ(sink.results.size(), 40u);
  }
}

TEST(PipelineTest, WarningsComeAfterTheDocumentsOfTheirInput) {
  const std::string dir = TempDir();
  const std::string a = WriteFile(
      dir, "a.jsonl", "{\"text\": \"one\"}\nnot json\n{\"text\": \"two\"}\n");
  const std::string b = WriteFile(dir, "b.jsonl", "{\"text\": \"three\"}\n");
  PipelineOptions o = Jsonl(2);
  o.reader.on_error = OnError::kSkip;
  absl::Status s;
  PipelineStats stats;
  const std::vector<std::string> r =
      RunOnce({a, b}, o, false, false, &s, &stats);
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0], a + ":1|1|01||one");
  EXPECT_EQ(r[1], a + ":3|3|01||two");
  EXPECT_EQ(r[2].substr(0, 9), "warning: ");
  EXPECT_NE(r[2].find("a.jsonl:2:"), std::string::npos) << r[2];
  EXPECT_NE(r[2].find("(skipped)"), std::string::npos) << r[2];
  EXPECT_EQ(r[3], b + ":1|1|01||three");
  EXPECT_EQ(stats.skipped_lines, 1);
  EXPECT_EQ(stats.documents, 3);
}

TEST(PipelineTest, InputBoundariesComeInOrderAmongTheDocuments) {
  const std::string dir = TempDir();
  const std::string a = WriteFile(dir, "a.jsonl", Corpus(9));
  const std::string e = WriteFile(dir, "e.jsonl", "");
  const std::string b = WriteFile(dir, "b.jsonl", Corpus(4));
  for (int threads : {1, 2}) {
    absl::StatusOr<Pipeline> p =
        Pipeline::Create(Jsonl(threads), nullptr, nullptr);
    ASSERT_TRUE(p.ok());
    Collect sink;
    sink.inputs = true;
    ASSERT_TRUE(p->Run({a, e, b}, &sink).ok());
    ASSERT_EQ(sink.results.size(), 13u + 6u);
    EXPECT_EQ(sink.results[0], "start a.jsonl");
    EXPECT_EQ(sink.results[10], "end a.jsonl");
    EXPECT_EQ(sink.results[11], "start e.jsonl");
    EXPECT_EQ(sink.results[12], "end e.jsonl");
    EXPECT_EQ(sink.results[13], "start b.jsonl");
    EXPECT_EQ(sink.results[18], "end b.jsonl");
  }
}

TEST(PipelineTest, ReportsProgressAndEndsWithDone) {
  const std::string dir = TempDir();
  const std::string data = Corpus(50);
  const std::string a = WriteFile(dir, "a.jsonl", data);
  PipelineOptions o = Jsonl(2);
  std::vector<PipelineProgress> calls;
  o.progress = [&calls](const PipelineProgress& p) { calls.push_back(p); };
  o.progress_interval = 0;
  Cleaner cleaner = MakeCleaner();
  absl::StatusOr<Pipeline> p = Pipeline::Create(o, &cleaner, nullptr);
  ASSERT_TRUE(p.ok());
  Collect sink;
  ASSERT_TRUE(p->Run({a}, &sink).ok());
  ASSERT_GE(calls.size(), 2u);
  for (size_t i = 1; i < calls.size(); ++i) {
    EXPECT_GE(calls[i].input_bytes, calls[i - 1].input_bytes);
    EXPECT_FALSE(calls[i - 1].done);
  }
  EXPECT_TRUE(calls.back().done);
  EXPECT_EQ(calls.back().documents, 50);
  EXPECT_EQ(calls.back().input_bytes, static_cast<int64_t>(data.size()));
  EXPECT_EQ(calls.back().total_bytes, data.size());
  EXPECT_GT(calls.back().lines_removed, 0);
}

TEST(PipelineTest, RunsDocumentsInMemory) {
  std::vector<Document> docs(3);
  const char* kTexts[] = {
      "A long enough sentence that is repeated word for word here.\n",
      "Something else entirely, about the weather and the roads today.\n",
      "A long enough sentence that is repeated word for word here.\n"};
  for (int i = 0; i < 3; ++i) {
    docs[i].id = absl::StrCat("m", i);
    docs[i].text = kTexts[i];
  }
  Deduplicator d = MakeDedup();
  PipelineOptions o;
  o.threads = 2;
  absl::StatusOr<Pipeline> p = Pipeline::Create(o, nullptr, &d);
  ASSERT_TRUE(p.ok());
  Collect sink;
  ASSERT_TRUE(p->Run(std::move(docs), &sink).ok());
  ASSERT_EQ(sink.results.size(), 3u);
  EXPECT_EQ(sink.results[2], "m2|0|00|#2,1 1~0:1|");
  EXPECT_EQ(d.stats().documents, 3u);
}

TEST(PipelineTest, WriterWritesTheOutputReportAndRemovals) {
  const std::string dir = TempDir();
  const std::string a = WriteFile(dir, "a.jsonl", Corpus(10));
  Cleaner cleaner = MakeCleaner();
  Deduplicator d = MakeDedup();
  absl::StatusOr<Pipeline> p = Pipeline::Create(Jsonl(2), &cleaner, &d);
  ASSERT_TRUE(p.ok());
  absl::StatusOr<OutputFile> out =
      OutputFile::Open(dir + "/out.jsonl", OutputOptions());
  absl::StatusOr<OutputFile> report =
      OutputFile::Open(dir + "/report.jsonl", OutputOptions());
  ASSERT_TRUE(out.ok() && report.ok());
  PipelineWriter writer(&*out, DocumentFormat::kJsonl);
  writer.set_report(&*report);
  ASSERT_TRUE(p->Run({a}, &writer).ok());
  ASSERT_TRUE(report->Commit().ok());
  ASSERT_TRUE(out->Commit().ok());
  EXPECT_EQ(writer.documents_written(), 10);
  std::ifstream in(dir + "/report.jsonl");
  std::string first;
  ASSERT_TRUE(std::getline(in, first));
  EXPECT_EQ(first.rfind("{\"doc\": \"d", 0), 0u) << first;
  EXPECT_NE(first.find("\"duplicate_of\": {\"doc\": \"d"), std::string::npos);
}

TEST(PipelineTest, BadOptionsAreErrors) {
  PipelineOptions o;
  o.threads = -1;
  EXPECT_EQ(Pipeline::Create(o, nullptr, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  o.threads = 0;
  o.batch_bytes = 0;
  EXPECT_EQ(Pipeline::Create(o, nullptr, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace pith
