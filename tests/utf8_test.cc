// Copyright 2026 The pith Authors.
//
// Invalid UTF-8 in JSON (issue 15, item 8): the private helpers of
// lib/io/utf8.h, and what the JSONL reader and writer of pith/io.h make of
// it: every line they write is valid UTF-8, the replacements are counted.

#include "lib/io/utf8.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "pith/io.h"
#include "tests/file_test_util.h"

namespace pith {
namespace {

using internal::AppendRepairedUtf8;
using internal::ValidUtf8Prefix;

constexpr char kFffd[] = "\xEF\xBF\xBD";

std::string Repaired(const std::string& s, size_t* count = nullptr) {
  std::string out;
  const size_t n = AppendRepairedUtf8(s, &out);
  if (count != nullptr) *count = n;
  return out;
}

TEST(Utf8Test, ValidTextIsValid) {
  for (const std::string& s : std::vector<std::string>{
           "", "plain ascii", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
           "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "\xEE\x80\x80",
           std::string(40, 'a') + "\xC3\xA9" + std::string(40, 'b')}) {
    EXPECT_EQ(ValidUtf8Prefix(s), s.size()) << s;
    size_t count = 99;
    EXPECT_EQ(Repaired(s, &count), s);
    EXPECT_EQ(count, 0u);
  }
}

// The maximal-subpart rule (Unicode 15, table 3-8 and its neighbours).
TEST(Utf8Test, EachMaximalSubpartBecomesOneReplacement) {
  const struct {
    std::string in;
    std::string out;
    size_t count;
  } kCases[] = {
      {"a\xC3(", "a\xEF\xBF\xBD(", 1},  // Lead without tail.
      {"\xF0\x9F\x98", kFffd, 1},       // Cut-short 4-byte.
      {"\xF0\x9F\x98x", std::string(kFffd) + "x", 1},
      {"\xC0\xAF", std::string(kFffd) + kFffd, 2},  // C0 never leads.
      {"\xE0\x80\xAF", std::string(kFffd) + kFffd + kFffd, 3},  // Overlong.
      {"\xED\xA0\x80", std::string(kFffd) + kFffd + kFffd, 3},  // Surrogate.
      {"\xF4\x90\x80\x80", std::string(kFffd) + kFffd + kFffd + kFffd, 4},
      {"\xF5", kFffd, 1},
      {"\x80\xBF", std::string(kFffd) + kFffd, 2},  // Lone continuations.
      {"\xE2\x82", kFffd, 1},                       // Cut at the end.
      {"\xFF\xFE\xC3", std::string(kFffd) + kFffd + kFffd, 3},
  };
  for (const auto& c : kCases) {
    size_t count = 0;
    EXPECT_EQ(Repaired(c.in, &count), c.out) << c.in;
    EXPECT_EQ(count, c.count) << c.in;
    EXPECT_EQ(ValidUtf8Prefix(c.out), c.out.size());
  }
  // At every offset of a 16-byte block (the ASCII scan's stride).
  for (size_t at = 0; at < 40; ++at) {
    std::string s(48, 'a');
    s[at] = '\xC3';
    EXPECT_EQ(ValidUtf8Prefix(s), at);
    std::string want = s;
    want.replace(at, 1, kFffd);
    EXPECT_EQ(Repaired(s), want);
  }
}

// Valid sequences of every length at every offset of a 16-byte block (the
// ASCII scan's stride), and cut short at the end.
TEST(Utf8Test, SequencesAfterAsciiBlocksAreChecked) {
  for (const std::string seq :
       {"\xC3\xA9", "\xE2\x82\xAC", "\xEF\xBF\xBD", "\xED\x9F\xBF",
        "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF"}) {
    for (size_t at = 0; at < 40; ++at) {
      std::string s(48, 'a');
      s.replace(at, 1, seq);
      EXPECT_EQ(ValidUtf8Prefix(s), s.size()) << at;
      EXPECT_EQ(Repaired(s), s) << at;
      const std::string cut = s.substr(0, at + seq.size() - 1);
      EXPECT_EQ(ValidUtf8Prefix(cut), at) << at;
      EXPECT_EQ(Repaired(cut), cut.substr(0, at) + kFffd) << at;
    }
  }
}

ReaderOptions Jsonl() {
  ReaderOptions o;
  o.format = DocumentFormat::kJsonl;
  return o;
}

std::string TempDir() { return testing_files::MakeTempDir("pith_utf8"); }

using testing_files::ReadFile;

// Reads "data" as JSONL and writes each document back, its text unchanged
// ("keep") or with "!" appended; returns the output, and the stats in
// "*stats".
std::string Rewrite(const std::string& data, bool keep, ReaderStats* stats) {
  const std::string path = TempDir() + "/out.jsonl";
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
  EXPECT_TRUE(out.ok()) << out.status();
  DocumentWriter writer(&*out, DocumentFormat::kJsonl);
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString(data, "in.jsonl", Jsonl());
  EXPECT_TRUE(r.ok());
  Document doc;
  while (r->Next(&doc)) {
    EXPECT_TRUE(
        (keep ? writer.WriteUnchanged(doc) : writer.Write(doc, doc.text + "!"))
            .ok());
  }
  EXPECT_TRUE(r->status().ok()) << r->status();
  *stats = r->stats();
  EXPECT_TRUE(out->Commit().ok());
  return ReadFile(path);
}

// Invalid bytes anywhere in a line, in the text or in other members, come
// out as U+FFFD whether the line is copied or its text replaced.
TEST(Utf8Test, JsonlOutputIsAlwaysValidUtf8) {
  const std::string data =
      "{\"id\":\"a\xFF\",\"text\":\"bad \xC3( here\",\"title\":\"\xE2\x82\"}\n"
      "{\"text\":\"fine caf\xC3\xA9\"}\n";
  for (bool keep : {true, false}) {
    ReaderStats stats;
    const std::string out = Rewrite(data, keep, &stats);
    EXPECT_EQ(ValidUtf8Prefix(out), out.size()) << out;
    EXPECT_EQ(stats.utf8_replacements, 3);
    const std::string first = out.substr(0, out.find('\n'));
    EXPECT_EQ(first, absl::StrCat("{\"id\":\"a", kFffd, "\",\"text\":\"bad ",
                                  kFffd, "( here", keep ? "" : "!",
                                  "\",\"title\":\"", kFffd, "\"}"));
  }
}

// A lone surrogate escape decodes to U+FFFD; copying the line keeps the
// text member consistent with that (it is written again), and other
// members keep their escapes (valid JSON).
TEST(Utf8Test, LoneSurrogateEscapesAreReplacedConsistently) {
  const std::string data =
      "{\"text\":\"x\\ud800y \\u00e9\",\"other\":\"\\udc00\"}\n";
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString(data, "in.jsonl", Jsonl());
  ASSERT_TRUE(r.ok());
  Document doc;
  ASSERT_TRUE(r->Next(&doc));
  EXPECT_EQ(doc.text, absl::StrCat("x", kFffd, "y \xC3\xA9"));
  EXPECT_EQ(doc.raw, absl::StrCat("{\"text\":\"x", kFffd,
                                  "y \xC3\xA9\",\"other\":\"\\udc00\"}"));
  EXPECT_EQ(doc.raw.substr(doc.value_begin, doc.value_end - doc.value_begin),
            absl::StrCat("\"x", kFffd, "y \xC3\xA9\""));
  EXPECT_EQ(r->stats().utf8_replacements, 1);
  ReaderStats stats;
  EXPECT_EQ(Rewrite(data, true, &stats), absl::StrCat(doc.raw, "\n"));
  EXPECT_EQ(Rewrite(data, false, &stats),
            absl::StrCat("{\"text\":\"x", kFffd,
                         "y \xC3\xA9!\",\"other\":\"\\udc00\"}\n"));
}

TEST(Utf8Test, TextInputKeepsItsBytes) {
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString("a\xFF\n", "in.txt", ReaderOptions());
  ASSERT_TRUE(r.ok());
  Document doc;
  ASSERT_TRUE(r->Next(&doc));
  EXPECT_EQ(doc.text, "a\xFF\n");
  EXPECT_EQ(r->stats().utf8_replacements, 0);
}

}  // namespace
}  // namespace pith
