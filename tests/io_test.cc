// Copyright 2026 The pith Authors.
//
// Text documents, zstd input and output, and atomic output files.

#include "pith/io.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
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

namespace pith {
namespace {

std::string TempDir() {
  std::string t = testing::TempDir() + "/pith_io_XXXXXX";
  EXPECT_NE(mkdtemp(&t[0]), nullptr);
  return t;
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  closedir(d);
  return names;
}

std::vector<Document> ReadAllDocs(DocumentReader& reader) {
  std::vector<Document> docs;
  Document doc;
  while (reader.Next(&doc)) docs.push_back(doc);
  EXPECT_TRUE(reader.status().ok()) << reader.status();
  return docs;
}

// zstd-compresses "data" through OutputFile.
std::string Compress(const std::string& data) {
  const std::string path = TempDir() + "/c.zst";
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
  EXPECT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE(out->Write(data).ok());
  EXPECT_TRUE(out->Commit().ok());
  return ReadFile(path);
}

TEST(IoTest, ParsesFormatAndOnErrorNames) {
  DocumentFormat f;
  EXPECT_TRUE(ParseDocumentFormat("jsonl", &f));
  EXPECT_EQ(f, DocumentFormat::kJsonl);
  EXPECT_TRUE(ParseDocumentFormat("text", &f));
  EXPECT_EQ(f, DocumentFormat::kText);
  EXPECT_FALSE(ParseDocumentFormat("json", &f));
  OnError e;
  EXPECT_TRUE(ParseOnError("skip", &e));
  EXPECT_EQ(e, OnError::kSkip);
  EXPECT_FALSE(ParseOnError("ignore", &e));
}

TEST(IoTest, TextFileIsOneDocumentNamedByItsPath) {
  const std::string path = TempDir() + "/page.txt";
  const std::string text = "Title\r\nBody with \0 NUL\nlast line";
  WriteFile(path, std::string(text.data(), text.size() + 0));
  absl::StatusOr<DocumentReader> r =
      DocumentReader::Open(path, ReaderOptions());
  ASSERT_TRUE(r.ok()) << r.status();
  std::vector<Document> docs = ReadAllDocs(*r);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id, path);
  EXPECT_EQ(docs[0].source, path);
  EXPECT_EQ(docs[0].text, text);
  EXPECT_EQ(docs[0].line, 1);
  EXPECT_EQ(r->stats().bytes, static_cast<int64_t>(text.size()));
}

TEST(IoTest, NulBytesPassThrough) {
  const std::string text("a\0b\n\0\0\n", 7);
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString(text, "nul", ReaderOptions());
  ASSERT_TRUE(r.ok());
  std::vector<Document> docs = ReadAllDocs(*r);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, text);
}

TEST(IoTest, EmptyFileIsOneEmptyDocument) {
  const std::string path = TempDir() + "/empty.txt";
  WriteFile(path, "");
  absl::StatusOr<DocumentReader> r =
      DocumentReader::Open(path, ReaderOptions());
  ASSERT_TRUE(r.ok());
  std::vector<Document> docs = ReadAllDocs(*r);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, "");
}

TEST(IoTest, MissingFileIsNotFound) {
  absl::StatusOr<DocumentReader> r =
      DocumentReader::Open("/nonexistent/pith/x.txt", ReaderOptions());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StartsWith(r.status().message(), "/nonexistent/pith/x.txt"))
      << r.status();
}

TEST(IoTest, LongTextIsReadInPiecesCutAtLineEnds) {
  std::string text;
  for (int i = 1; i <= 100; ++i) absl::StrAppend(&text, "line ", i, "\n");
  text += "no newline at the end";
  ReaderOptions o;
  o.max_document_bytes = 50;
  o.read_bytes = 13;
  absl::StatusOr<DocumentReader> r = DocumentReader::FromString(text, "t", o);
  ASSERT_TRUE(r.ok());
  std::vector<Document> docs = ReadAllDocs(*r);
  ASSERT_GT(docs.size(), 10u);
  std::string joined;
  int64_t line = 1;
  for (size_t i = 0; i < docs.size(); ++i) {
    const Document& d = docs[i];
    EXPECT_LE(d.text.size(), 50u);
    EXPECT_EQ(d.part, static_cast<int64_t>(i));
    EXPECT_EQ(d.line, line);
    EXPECT_EQ(d.id, "t");
    if (i + 1 < docs.size()) EXPECT_EQ(d.text.back(), '\n') << i;
    line += std::count(d.text.begin(), d.text.end(), '\n');
    joined += d.text;
  }
  EXPECT_EQ(joined, text);
}

TEST(IoTest, InputOfExactlyTheLimitIsOneDocument) {
  ReaderOptions o;
  o.max_document_bytes = 8;
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString("1234567\n", "t", o);
  ASSERT_TRUE(r.ok());
  std::vector<Document> docs = ReadAllDocs(*r);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, "1234567\n");
}

TEST(IoTest, LineLongerThanAPieceIsAPieceOfItsOwn) {
  // The middle line is longer than a piece: it is read whole, never cut.
  const std::string longest = "\xC3\xA9" + std::string(30, 'w') + " end\n";
  const std::string text = "short one\n" + longest + "short two\nlast";
  ReaderOptions o;
  o.max_document_bytes = 12;
  o.read_bytes = 5;
  absl::StatusOr<DocumentReader> r = DocumentReader::FromString(text, "t", o);
  ASSERT_TRUE(r.ok());
  std::vector<Document> docs = ReadAllDocs(*r);
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0].text, "short one\n");
  EXPECT_EQ(docs[1].text, longest);
  EXPECT_EQ(docs[2].text, "short two\n");
  EXPECT_EQ(docs[3].text, "last");
  EXPECT_EQ(docs[1].line, 2);
  EXPECT_EQ(docs[3].line, 4);
  EXPECT_EQ(r->stats().skipped, 0);
}

TEST(IoTest, ZstdInputIsDetectedByItsMagicNumber) {
  std::string text;
  for (int i = 0; i < 50000; ++i) absl::StrAppend(&text, "line ", i, "\n");
  const std::string path = TempDir() + "/no_extension";
  WriteFile(path, Compress(text));
  absl::StatusOr<DocumentReader> r =
      DocumentReader::Open(path, ReaderOptions());
  ASSERT_TRUE(r.ok());
  std::vector<Document> docs = ReadAllDocs(*r);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, text);
}

TEST(IoTest, ZstdJsonlIsRead) {
  ReaderOptions o;
  o.format = DocumentFormat::kJsonl;
  o.read_bytes = 16;
  absl::StatusOr<DocumentReader> r = DocumentReader::FromString(
      Compress("{\"text\":\"a\"}\n{\"text\":\"b\"}\n") +
          Compress("{\"text\":\"c\"}\n"),
      "x.jsonl.zst", o);
  ASSERT_TRUE(r.ok());
  std::vector<Document> docs = ReadAllDocs(*r);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[2].text, "c");
}

TEST(IoTest, CorruptZstdIsAnError) {
  std::string text;
  for (int i = 0; i < 10000; ++i)
    absl::StrAppend(&text, "line ", i * 7919, "\n");
  std::string z = Compress(text);
  z[z.size() / 2] ^= 0x55;
  z[z.size() / 2 + 1] ^= 0x55;
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString(z, "bad.zst", ReaderOptions());
  ASSERT_TRUE(r.ok());
  Document doc;
  while (r->Next(&doc)) {
  }
  EXPECT_EQ(r->status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(r->status().message(), "bad.zst: corrupt zstd"))
      << r->status();
}

TEST(IoTest, TruncatedZstdIsAnError) {
  std::string z = Compress(std::string(100000, 'x') + "end\n");
  z.resize(z.size() - 3);
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString(z, "cut.zst", ReaderOptions());
  ASSERT_TRUE(r.ok());
  Document doc;
  while (r->Next(&doc)) {
  }
  EXPECT_EQ(r->status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(r->status().message(), "zstd")) << r->status();
}

TEST(IoTest, OutputAppearsOnlyOnCommit) {
  const std::string dir = TempDir();
  const std::string path = dir + "/out.txt";
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->Write("hello ").ok());
  ASSERT_TRUE(out->Write(std::string(3 << 20, 'x')).ok());  // > the buffer.
  ASSERT_TRUE(out->Write("\n").ok());
  EXPECT_FALSE(Exists(path));
  ASSERT_TRUE(out->Commit().ok());
  EXPECT_EQ(ReadFile(path), "hello " + std::string(3 << 20, 'x') + "\n");
  EXPECT_EQ(ListDir(dir), std::vector<std::string>{"out.txt"});
}

// A synced file has its writeback started every few megabytes as it is
// written; what appears is still every byte, in order, with or without sync.
TEST(IoTest, LargeOutputIsWholeWithAndWithoutSync) {
  for (bool sync : {true, false}) {
    const std::string dir = TempDir();
    const std::string path = dir + "/big.txt";
    OutputOptions options;
    options.sync = sync;
    absl::StatusOr<OutputFile> out = OutputFile::Open(path, options);
    ASSERT_TRUE(out.ok()) << out.status();
    std::string want;
    for (int i = 0; want.size() < (size_t{21} << 20); ++i) {
      // Pieces from a few bytes to a few megabytes, some past the buffer.
      const std::string piece =
          absl::StrCat(i, ":") +
          std::string(static_cast<size_t>(i % 7 == 0 ? (3 << 20) + i : i * 97),
                      static_cast<char>('a' + i % 26));
      ASSERT_TRUE(out->Write(piece).ok());
      want += piece;
    }
    ASSERT_TRUE(out->Commit().ok());
    EXPECT_TRUE(ReadFile(path) == want) << "sync " << sync;
    EXPECT_EQ(ListDir(dir), std::vector<std::string>{"big.txt"});
  }
}

TEST(IoTest, AbortedOutputLeavesNoFile) {
  const std::string dir = TempDir();
  const std::string path = dir + "/out.txt";
  {
    absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE(out->Write(std::string(5 << 20, 'x')).ok());
    EXPECT_EQ(ListDir(dir).size(), 1u);  // The temporary file.
  }                                      // Destroyed without Commit().
  EXPECT_TRUE(ListDir(dir).empty());
  {
    absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE(out->Write("x").ok());
    out->Abort();
    out->Abort();
  }
  EXPECT_TRUE(ListDir(dir).empty());
}

TEST(IoTest, AbortedOutputKeepsAnExistingFile) {
  const std::string dir = TempDir();
  const std::string path = dir + "/out.txt";
  WriteFile(path, "previous");
  {
    absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE(out->Write("new").ok());
  }
  EXPECT_EQ(ReadFile(path), "previous");
  EXPECT_EQ(ListDir(dir), std::vector<std::string>{"out.txt"});
}

TEST(IoTest, OutputToAFifoIsWrittenInPlace) {
  const std::string dir = TempDir();
  const std::string fifo = dir + "/pipe";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // A reader on the other end, so that opening the FIFO for writing returns.
  const int rd = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(rd, 0);
  absl::StatusOr<OutputFile> out = OutputFile::Open(fifo, OutputOptions());
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->Write("through the pipe\n").ok());
  ASSERT_TRUE(out->Commit().ok());
  char buf[64];
  const ssize_t n = read(rd, buf, sizeof(buf));
  close(rd);
  EXPECT_EQ(std::string(buf, n > 0 ? n : 0), "through the pipe\n");
  struct stat st;
  ASSERT_EQ(lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));  // Not replaced by a regular file.
  EXPECT_EQ(ListDir(dir), std::vector<std::string>{"pipe"});
}

TEST(IoTest, OutputThroughASymlinkReplacesItsTarget) {
  const std::string dir = TempDir();
  WriteFile(dir + "/real.txt", "old");
  ASSERT_EQ(symlink("real.txt", (dir + "/link.txt").c_str()), 0);
  absl::StatusOr<OutputFile> out =
      OutputFile::Open(dir + "/link.txt", OutputOptions());
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->Write("new").ok());
  ASSERT_TRUE(out->Commit().ok());
  struct stat st;
  ASSERT_EQ(lstat((dir + "/link.txt").c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
  EXPECT_EQ(ReadFile(dir + "/real.txt"), "new");
}

TEST(IoTest, OutputInAMissingDirectoryFails) {
  absl::StatusOr<OutputFile> out =
      OutputFile::Open("/nonexistent/pith/out.txt", OutputOptions());
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(
      absl::StartsWith(out.status().message(), "/nonexistent/pith/out.txt"))
      << out.status();
}

TEST(IoTest, ZstdOutputRoundTrips) {
  std::string text;
  for (int i = 0; i < 300000; ++i) absl::StrAppend(&text, i, " words\n");
  const std::string z = Compress(text);
  EXPECT_LT(z.size(), text.size() / 3);
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString(z, "z", ReaderOptions());
  ASSERT_TRUE(r.ok());
  std::vector<Document> docs = ReadAllDocs(*r);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, text);
}

TEST(IoTest, TextWriterEndsEachDocumentWithANewline) {
  const std::string path = TempDir() + "/out.txt";
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
  ASSERT_TRUE(out.ok());
  DocumentWriter w(&*out, DocumentFormat::kText);
  Document d;
  ASSERT_TRUE(w.Write(d, "a\n").ok());
  ASSERT_TRUE(w.Write(d, "").ok());
  ASSERT_TRUE(w.Write(d, "b").ok());
  ASSERT_TRUE(out->Commit().ok());
  EXPECT_EQ(ReadFile(path), "a\nb\n");
}

}  // namespace
}  // namespace pith
