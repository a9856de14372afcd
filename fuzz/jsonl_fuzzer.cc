// Copyright 2026 The pith Authors.
//
// Fuzzes the document readers and the JSONL writer (pith/io.h).
//
// Input: the last bytes pick the options; the rest is the input stream
// (JSONL, text, or zstd-compressed either). Properties:
//   * Reading never crashes; a failure is a Status with a message.
//   * JSONL round trip: every accepted line, written back by DocumentWriter
//     with its own text, is the identical line, byte for byte.
//   * Any text, written with AppendJsonString() into a line and read back,
//     is the same bytes (escaping is lossless, invalid UTF-8 included).
//   * Text format: the pieces of an uncompressed input concatenate to the
//     input, with increasing part numbers and correct start lines.

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzzed_data_provider.h"
#include "pith/io.h"

namespace {

constexpr size_t kMaxInput = 64 << 10;

bool IsZstd(absl::string_view s) {
  return s.size() >= 4 && static_cast<unsigned char>(s[0]) == 0x28 &&
         static_cast<unsigned char>(s[1]) == 0xB5 &&
         static_cast<unsigned char>(s[2]) == 0x2F &&
         static_cast<unsigned char>(s[3]) == 0xFD;
}

const std::string& OutputPath() {
  static const std::string* path = [] {
    const char* tmp = std::getenv("TMPDIR");
    return new std::string(absl::StrCat(tmp != nullptr ? tmp : "/tmp",
                                        "/pith_jsonl_fuzzer.", getpid(),
                                        ".jsonl"));
  }();
  return *path;
}

// Writes each document unchanged through an OutputFile and returns the
// file's bytes.
std::string WriteBack(const std::vector<pith::Document>& docs) {
  pith::OutputOptions options;
  options.sync = false;
  options.compression = pith::OutputOptions::Compression::kNone;
  absl::StatusOr<pith::OutputFile> out =
      pith::OutputFile::Open(OutputPath(), options);
  PITH_FUZZ_CHECK(out.ok(), out.status().ToString());
  {
    pith::DocumentWriter writer(&*out, pith::DocumentFormat::kJsonl);
    for (const pith::Document& doc : docs) {
      absl::Status s = writer.WriteUnchanged(doc);
      PITH_FUZZ_CHECK(s.ok(), s.ToString());
    }
  }
  absl::Status s = out->Commit();
  PITH_FUZZ_CHECK(s.ok(), s.ToString());
  std::ifstream in(OutputPath(), std::ios::binary);
  std::string written((std::istreambuf_iterator<char>(in)),
                      std::istreambuf_iterator<char>());
  std::remove(OutputPath().c_str());
  return written;
}

void CheckJsonl(const std::string& input, pith::ReaderOptions options) {
  options.format = pith::DocumentFormat::kJsonl;
  absl::StatusOr<pith::DocumentReader> reader =
      pith::DocumentReader::FromString(input, "fuzz.jsonl", options);
  if (!reader.ok()) {
    PITH_FUZZ_CHECK(!reader.status().message().empty(), "");
    return;
  }
  std::vector<pith::Document> docs;
  pith::Document doc;
  int64_t previous_line = 0;
  while (reader->Next(&doc)) {
    PITH_FUZZ_CHECK(doc.line > previous_line, "line numbers must increase");
    previous_line = doc.line;
    PITH_FUZZ_CHECK(
        doc.value_begin < doc.value_end && doc.value_end <= doc.raw.size(),
        absl::StrCat("value range ", doc.value_begin, "..", doc.value_end,
                     " of ", doc.raw.size()));
    PITH_FUZZ_CHECK(
        doc.raw[doc.value_begin] == '"' && doc.raw[doc.value_end - 1] == '"',
        doc.raw);
    docs.push_back(doc);
    if (docs.size() > 256) break;
  }
  if (!reader->status().ok()) {
    PITH_FUZZ_CHECK(!reader->status().message().empty(), "");
    PITH_FUZZ_CHECK(absl::StrContains(reader->status().message(), "fuzz.jsonl"),
                    reader->status().ToString());
  }
  PITH_FUZZ_CHECK(
      reader->stats().documents >= static_cast<int64_t>(docs.size()), "");
  if (docs.empty()) return;
  std::string expected;
  for (const pith::Document& d : docs) absl::StrAppend(&expected, d.raw, "\n");
  const std::string written = WriteBack(docs);
  PITH_FUZZ_CHECK(written == expected, "written line differs from the input");
}

void CheckText(const std::string& input, pith::ReaderOptions options) {
  options.format = pith::DocumentFormat::kText;
  absl::StatusOr<pith::DocumentReader> reader =
      pith::DocumentReader::FromString(input, "fuzz.txt", options);
  if (!reader.ok()) return;
  std::string joined;
  pith::Document doc;
  int64_t part = 0;
  int64_t lines_before = 0;  // "\n" seen in earlier pieces.
  while (reader->Next(&doc)) {
    PITH_FUZZ_CHECK(doc.part == part, absl::StrCat("part ", doc.part));
    PITH_FUZZ_CHECK(
        doc.line == lines_before + 1,
        absl::StrCat("line ", doc.line, " expected ", lines_before + 1));
    PITH_FUZZ_CHECK(doc.text.size() <= options.max_document_bytes + 3, "");
    lines_before += std::count(doc.text.begin(), doc.text.end(), '\n');
    joined += doc.text;
    ++part;
    if (part > (1 << 16)) break;
  }
  if (!reader->status().ok()) return;  // Corrupt zstd.
  PITH_FUZZ_CHECK(part >= 1, "a text input yields at least one document");
  if (!IsZstd(input)) {
    PITH_FUZZ_CHECK(joined == input, "pieces do not concatenate to the input");
  }
}

void CheckEscapeRoundTrip(const std::string& text) {
  std::string line = "{\"id\": \"x\", \"text\": ";
  pith::AppendJsonString(text, &line);
  line += ", \"n\": 1}\n";
  pith::ReaderOptions options;
  options.format = pith::DocumentFormat::kJsonl;
  absl::StatusOr<pith::DocumentReader> reader =
      pith::DocumentReader::FromString(line, "escape.jsonl", options);
  PITH_FUZZ_CHECK(reader.ok(), reader.status().ToString());
  pith::Document doc;
  PITH_FUZZ_CHECK(reader->Next(&doc), reader->status().ToString());
  PITH_FUZZ_CHECK(doc.text == text, "AppendJsonString did not round-trip");
  PITH_FUZZ_CHECK(doc.id == "x", doc.id);
  PITH_FUZZ_CHECK(!reader->Next(&doc) && reader->status().ok(), "");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  FuzzedDataProvider provider(data, size);
  pith::ReaderOptions options;
  options.on_error =
      provider.ConsumeBool() ? pith::OnError::kSkip : pith::OnError::kFail;
  static constexpr size_t kSizes[] = {1, 7, 64, 4096, size_t{1} << 20};
  options.max_document_bytes = provider.PickValueInArray(kSizes);
  options.max_line_bytes = provider.PickValueInArray(kSizes);
  options.read_bytes = provider.PickValueInArray(kSizes);
  const std::string input = provider.ConsumeRemainingBytesAsString();

  CheckJsonl(input, options);
  CheckText(input, options);
  CheckEscapeRoundTrip(input);
  return 0;
}
