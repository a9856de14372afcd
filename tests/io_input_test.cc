// Copyright 2026 The pith Authors.
//
// Bad input to the readers of pith/io.h (issue 15): text pieces that never
// split a line, bounded by lines as well as bytes; lines over the hard cap,
// failed or skipped; gzip input, and compressed formats pith does not read;
// a byte order mark at the start of JSONL.

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "pith/io.h"
#include "tests/file_test_util.h"

namespace pith {
namespace {

// Reads every document of "data"; "*status" gets the reader's final status.
std::vector<Document> ReadAll(const std::string& data,
                              const ReaderOptions& options,
                              absl::Status* status,
                              ReaderStats* stats = nullptr) {
  std::vector<Document> docs;
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString(data, "in", options);
  if (!r.ok()) {
    *status = r.status();
    return docs;
  }
  Document doc;
  while (r->Next(&doc)) docs.push_back(doc);
  *status = r->status();
  if (stats != nullptr) *stats = r->stats();
  return docs;
}

std::string Joined(const std::vector<Document>& docs) {
  std::string all;
  for (const Document& d : docs) all += d.text;
  return all;
}

std::string TempDir() { return testing_files::MakeTempDir("pith_input"); }

using testing_files::ReadFile;

// Writes "data" through an OutputFile at "path" with "options".
void WriteOutput(const std::string& path, const std::string& data,
                 const OutputOptions& options = OutputOptions()) {
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, options);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->Write(data).ok());
  ASSERT_TRUE(out->Commit().ok());
}

TEST(IoInputTest, PiecesAreWholeLinesWhateverTheReadSize) {
  std::string text;
  for (int i = 1; i <= 300; ++i) {
    absl::StrAppend(&text, std::string(i % 23, 'x'), " line ", i, "\n");
  }
  for (size_t read : {1, 3, 64, 4096}) {
    ReaderOptions o;
    o.max_document_bytes = 40;
    o.read_bytes = read;
    absl::Status s;
    std::vector<Document> docs = ReadAll(text, o, &s);
    ASSERT_TRUE(s.ok()) << s;
    EXPECT_EQ(Joined(docs), text);
    int64_t line = 1;
    for (const Document& d : docs) {
      ASSERT_FALSE(d.text.empty());
      EXPECT_EQ(d.text.back(), '\n') << "cut inside a line: " << d.text;
      EXPECT_LE(d.text.size(), 40u);
      EXPECT_EQ(d.line, line);
      line += std::count(d.text.begin(), d.text.end(), '\n');
    }
  }
}

TEST(IoInputTest, LastLineWithoutNewlineStaysInTheLimit) {
  ReaderOptions o;
  o.max_document_bytes = 10;
  absl::Status s;
  std::vector<Document> docs = ReadAll("aaaa\nbbbbbbbbbb", o, &s);
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text, "aaaa\n");
  EXPECT_EQ(docs[1].text, "bbbbbbbbbb");
  EXPECT_EQ(docs[1].line, 2);
  docs = ReadAll("aaaa\nbbbbb", o, &s);  // Exactly 10 bytes: one piece.
  ASSERT_EQ(docs.size(), 1u);
}

TEST(IoInputTest, PiecesAreBoundedByLineCount) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "a\n";
  ReaderOptions o;
  o.max_document_lines = 64;
  absl::Status s;
  std::vector<Document> docs = ReadAll(text, o, &s);
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(docs.size(), 16u);  // 15 x 64 + 40.
  for (size_t i = 0; i + 1 < docs.size(); ++i) {
    EXPECT_EQ(std::count(docs[i].text.begin(), docs[i].text.end(), '\n'), 64);
    EXPECT_EQ(docs[i].line, static_cast<int64_t>(1 + 64 * i));
  }
  EXPECT_EQ(Joined(docs), text);
  o.max_document_lines = 0;
  EXPECT_FALSE(DocumentReader::FromString(text, "in", o).ok());
}

TEST(IoInputTest, TextLineOverTheCapIsAnErrorNamingTheLine) {
  const std::string text = "one\ntwo\n" + std::string(100, 'x') + "\nfour\n";
  ReaderOptions o;
  o.max_line_bytes = 50;
  o.read_bytes = 7;
  absl::Status s;
  std::vector<Document> docs = ReadAll(text, o, &s);
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(s.message(), "in:3: line longer than 50 bytes");
  EXPECT_EQ(Joined(docs), "one\ntwo\n");  // What came before it.
}

TEST(IoInputTest, TextLineOverTheCapIsSkippedAndCounted) {
  const std::string text =
      "one\n" + std::string(100, 'x') + "\nthree\n" + std::string(60, 'y');
  for (size_t read : {1, 7, 4096}) {
    ReaderOptions o;
    o.max_line_bytes = 50;
    o.read_bytes = read;
    o.on_error = OnError::kSkip;
    absl::Status s;
    ReaderStats stats;
    std::vector<Document> docs = ReadAll(text, o, &s, &stats);
    ASSERT_TRUE(s.ok()) << s;
    EXPECT_EQ(Joined(docs), "one\nthree\n");
    EXPECT_EQ(stats.skipped, 2);
    ASSERT_EQ(stats.skip_messages.size(), 2u);
    EXPECT_EQ(stats.skip_messages[0], "in:2: line longer than 50 bytes");
    EXPECT_EQ(stats.skip_messages[1], "in:4: line longer than 50 bytes");
    // Line numbers count the skipped lines.
    for (const Document& d : docs) {
      if (absl::StartsWith(d.text, "three")) EXPECT_EQ(d.line, 3);
    }
  }
}

TEST(IoInputTest, JsonlLineOverTheCapIsSkippedAndCounted) {
  const std::string data =
      absl::StrCat("{\"text\":\"a\"}\n{\"text\":\"", std::string(5000, 'x'),
                   "\"}\n{\"text\":\"b\"}\n");
  for (size_t read : {3, 64, 100000}) {
    ReaderOptions o;
    o.format = DocumentFormat::kJsonl;
    o.max_line_bytes = 1000;
    o.read_bytes = read;
    o.on_error = OnError::kSkip;
    absl::Status s;
    ReaderStats stats;
    std::vector<Document> docs = ReadAll(data, o, &s, &stats);
    ASSERT_TRUE(s.ok()) << s;
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_EQ(docs[0].text, "a");
    EXPECT_EQ(docs[1].text, "b");
    EXPECT_EQ(docs[1].line, 3);
    EXPECT_EQ(docs[1].id, "in:3");
    EXPECT_EQ(stats.skipped, 1);
    EXPECT_EQ(stats.lines, 3);
    ASSERT_EQ(stats.skip_messages.size(), 1u);
    EXPECT_EQ(stats.skip_messages[0], "in:2: line longer than 1000 bytes");
  }
}

TEST(IoInputTest, JsonlByteOrderMarkIsSkipped) {
  ReaderOptions o;
  o.format = DocumentFormat::kJsonl;
  absl::Status s;
  std::vector<Document> docs =
      ReadAll("\xEF\xBB\xBF{\"text\":\"a\"}\n{\"text\":\"b\"}\n", o, &s);
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].raw, "{\"text\":\"a\"}");
  // Only at the start of the input: elsewhere it is not JSON.
  docs = ReadAll("{\"text\":\"a\"}\n\xEF\xBB\xBF{\"text\":\"b\"}\n", o, &s);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
}

// {"id":"a","text":"hello gzip"}\n, from gzip -9 -n.
const unsigned char kGzipMember[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03,
    0xab, 0x56, 0xca, 0x4c, 0x51, 0xb2, 0x52, 0x4a, 0x54, 0xd2,
    0x51, 0x2a, 0x49, 0xad, 0x28, 0x01, 0x32, 0x33, 0x52, 0x73,
    0x72, 0xf2, 0x15, 0xd2, 0xab, 0x32, 0x0b, 0x94, 0x6a, 0xb9,
    0x00, 0xd3, 0xd3, 0x11, 0x91, 0x1f, 0x00, 0x00, 0x00};
// second member\n, from gzip -n.
const unsigned char kGzipSecond[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x2b, 0x4e,
    0x4d, 0xce, 0xcf, 0x4b, 0x51, 0xc8, 0x4d, 0xcd, 0x4d, 0x4a, 0x2d, 0xe2,
    0x02, 0x00, 0x36, 0x18, 0x4b, 0x0e, 0x0e, 0x00, 0x00, 0x00};

std::string Bytes(const unsigned char* p, size_t n) {
  return std::string(reinterpret_cast<const char*>(p), n);
}

TEST(IoInputTest, GzipInputIsDetectedByItsMagicNumber) {
  ReaderOptions o;
  o.format = DocumentFormat::kJsonl;
  absl::Status s;
  std::vector<Document> docs =
      ReadAll(Bytes(kGzipMember, sizeof(kGzipMember)), o, &s);
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, "hello gzip");
  // Concatenated members are one stream, as gzip -dc reads them.
  o.format = DocumentFormat::kText;
  docs = ReadAll(Bytes(kGzipMember, sizeof(kGzipMember)) +
                     Bytes(kGzipSecond, sizeof(kGzipSecond)),
                 o, &s);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Joined(docs),
            "{\"id\":\"a\",\"text\":\"hello gzip\"}\nsecond member\n");
}

TEST(IoInputTest, CorruptOrTruncatedGzipIsAnError) {
  std::string data = Bytes(kGzipMember, sizeof(kGzipMember));
  absl::Status s;
  ReadAll(data.substr(0, data.size() - 5), ReaderOptions(), &s);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "in: truncated gzip data");
  data[20] ^= 0x5A;
  ReadAll(data, ReaderOptions(), &s);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(s.message(), "in: corrupt gzip data")) << s;
}

TEST(IoInputTest, GzipAndZstdOutputsRoundTripByName) {
  std::string big;
  for (int i = 0; i < 200000; ++i) absl::StrAppend(&big, "line ", i, "\n");
  const std::string dir = TempDir();
  for (const char* name : {"/out.txt.gz", "/out.txt.zst"}) {
    for (int level : {0, 1, 9}) {
      OutputOptions oo;
      oo.level = level;
      WriteOutput(dir + name, big, oo);
      const std::string written = ReadFile(dir + name);
      EXPECT_LT(written.size(), big.size() / 3) << name;
      const bool gz = absl::EndsWith(name, ".gz");
      EXPECT_EQ(written.substr(0, 2), gz ? "\x1F\x8B" : "\x28\xB5") << name;
      absl::StatusOr<DocumentReader> r =
          DocumentReader::Open(dir + name, ReaderOptions());
      ASSERT_TRUE(r.ok()) << r.status();
      Document doc;
      std::string all;
      while (r->Next(&doc)) all += doc.text;
      ASSERT_TRUE(r->status().ok()) << r->status();
      EXPECT_EQ(all, big) << name << " level " << level;
    }
  }
}

TEST(IoInputTest, BadCompressionLevelIsRefused) {
  const std::string dir = TempDir();
  OutputOptions oo;
  oo.level = 10;
  absl::StatusOr<OutputFile> out = OutputFile::Open(dir + "/x.gz", oo);
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(out.status().message(), "1 to 9"))
      << out.status();
  oo.level = 23;
  out = OutputFile::Open(dir + "/x.zst", oo);
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  oo.level = 10;
  EXPECT_TRUE(OutputFile::Open(dir + "/x.zst", oo).ok());
  EXPECT_TRUE(OutputFile::Open(dir + "/x.txt", oo).ok());  // Not compressed.
}

TEST(IoInputTest, OtherCompressedFormatsAreNamed) {
  const struct {
    std::string head;
    const char* format;
  } kCases[] = {
      {std::string("\xFD"
                   "7zXZ\0\0\x04",
                   8),
       "xz"},
      {"BZh91AY&SYwK\xb0\x14", "bzip2"},
      {std::string("\x04\x22\x4D\x18\x64\x40", 6), "lz4"},
      {std::string("PK\x03\x04\x14\0", 6), "zip"},
      {"7z\xBC\xAF\x27\x1C\0\x04", "7z"},
      {"LZIP\x01", "lzip"},
      {"\x1F\x9D\x90", "compress"},
  };
  for (const auto& c : kCases) {
    for (DocumentFormat f : {DocumentFormat::kText, DocumentFormat::kJsonl}) {
      ReaderOptions o;
      o.format = f;
      absl::Status s;
      ReadAll(c.head + "more bytes", o, &s);
      EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.format;
      EXPECT_TRUE(absl::StartsWith(s.message(), absl::StrCat("in: ", c.format)))
          << s;
      EXPECT_TRUE(absl::StrContains(s.message(), "gzip and zstd")) << s;
    }
  }
  // Text that merely starts like one is text.
  absl::Status s;
  std::vector<Document> docs = ReadAll("BZh9 is a note\n", ReaderOptions(), &s);
  EXPECT_TRUE(s.ok()) << s;
}

// A reader decides whether the input is compressed from as few bytes as it
// takes: a pipe that sends one short line is not kept waiting.
TEST(IoInputTest, ShortLineOnAPipeIsReadWithoutWaitingForMore) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "{\"text\":\"a\"}\n", 13), 13);
  const std::string path = absl::StrCat("/dev/fd/", fds[0]);
  ReaderOptions o;
  o.format = DocumentFormat::kJsonl;
  o.read_bytes = 13;
  absl::StatusOr<DocumentReader> r = DocumentReader::Open(path, o);
  ASSERT_TRUE(r.ok()) << r.status();
  Document doc;
  ASSERT_TRUE(r->Next(&doc));  // Would block if it waited for 16 bytes.
  EXPECT_EQ(doc.text, "a");
  close(fds[1]);
  EXPECT_FALSE(r->Next(&doc));
  EXPECT_TRUE(r->status().ok()) << r->status();
  close(fds[0]);
}

}  // namespace
}  // namespace pith
