// Copyright 2026 The pith Authors.
//
// Fuzzes the document readers and the JSONL writer (pith/io.h).
//
// Input: the first bytes pick the options; the rest is the input stream
// (JSONL, text, or gzip- or zstd-compressed either). Properties:
//   * Reading never crashes; a failure is a Status with a message.
//   * JSONL: every accepted line is valid UTF-8 (invalid sequences became
//     U+FFFD), and so is its text; written back by DocumentWriter with its
//     own text, it is the identical line, byte for byte.
//   * Any text, written with AppendJsonString() into a line and read back,
//     is the same bytes with invalid UTF-8 replaced by U+FFFD, and the
//     literal is valid UTF-8.
//   * Text format: the pieces of an uncompressed input are whole lines,
//     each within the byte and line limits unless it is one long line; they
//     concatenate to the input less the lines over max_line_bytes (skipped
//     with OnError::kSkip, an error otherwise), with increasing part
//     numbers and the right start lines.
//   * gzip round trip: the input written to NAME.gz by OutputFile and read
//     back is the input.

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
#include "lib/io/codec.h"
#include "lib/io/utf8.h"
#include "pith/io.h"

namespace {

constexpr size_t kMaxInput = 64 << 10;

// True if "s" is read as compressed data (or refused as a compressed format
// pith does not read): the checks on plain input do not apply.
bool MaybeCompressed(absl::string_view s) {
  absl::StatusOr<pith::internal::Codec> codec = pith::internal::DetectCodec(
      s.substr(0, pith::internal::kCodecMagicBytes), "fuzz");
  return !codec.ok() || *codec != pith::internal::Codec::kNone;
}

bool ValidUtf8(absl::string_view s) {
  return pith::internal::ValidUtf8Prefix(s) == s.size();
}

std::string Repaired(absl::string_view s) {
  std::string out;
  pith::internal::AppendRepairedUtf8(s, &out);
  return out;
}

const std::string& OutputPath(const char* suffix = ".jsonl") {
  static std::string paths[2];
  std::string& path = paths[suffix[1] == 'g' ? 1 : 0];
  if (path.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    path = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/pith_jsonl_fuzzer.",
                        getpid(), suffix);
  }
  return path;
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
    PITH_FUZZ_CHECK(ValidUtf8(doc.raw), "a JSONL line is not valid UTF-8");
    PITH_FUZZ_CHECK(ValidUtf8(doc.text), "a JSONL text is not valid UTF-8");
    PITH_FUZZ_CHECK(ValidUtf8(doc.id), "a JSONL id is not valid UTF-8");
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
  PITH_FUZZ_CHECK(reader->stats().utf8_replacements >= 0, "");
}

// The lines of "input", each with its "\n" (the last may have none).
std::vector<absl::string_view> Lines(absl::string_view input) {
  std::vector<absl::string_view> lines;
  while (!input.empty()) {
    const size_t nl = input.find('\n');
    const size_t end = nl == absl::string_view::npos ? input.size() : nl + 1;
    lines.push_back(input.substr(0, end));
    input.remove_prefix(end);
  }
  return lines;
}

void CheckText(const std::string& input, pith::ReaderOptions options) {
  options.format = pith::DocumentFormat::kText;
  absl::StatusOr<pith::DocumentReader> reader =
      pith::DocumentReader::FromString(input, "fuzz.txt", options);
  if (!reader.ok()) return;
  const bool plain = !MaybeCompressed(input);
  const std::vector<absl::string_view> lines = Lines(input);
  size_t next = 0;  // The next line of "lines" a piece should start with.
  int64_t skipped = 0;
  pith::Document doc;
  int64_t part = 0;
  while (reader->Next(&doc)) {
    PITH_FUZZ_CHECK(doc.part == part, absl::StrCat("part ", doc.part));
    ++part;
    if (part > (1 << 16)) break;
    if (!plain) continue;
    // The lines over the limit before this piece were skipped.
    while (next < lines.size() &&
           lines[next].size() - (lines[next].back() == '\n') >
               options.max_line_bytes) {
      ++next;
      ++skipped;
    }
    PITH_FUZZ_CHECK(doc.line == static_cast<int64_t>(next) + 1,
                    absl::StrCat("line ", doc.line, " expected ", next + 1));
    // The piece is whole lines, in the limits unless it is one long line.
    absl::string_view rest = doc.text;
    size_t count = 0;
    while (!rest.empty()) {
      PITH_FUZZ_CHECK(
          next < lines.size() && absl::StartsWith(rest, lines[next]),
          "a piece is not whole input lines");
      rest.remove_prefix(lines[next].size());
      ++next;
      ++count;
    }
    PITH_FUZZ_CHECK(count <= options.max_document_lines, "too many lines");
    PITH_FUZZ_CHECK(count <= 1 || doc.text.size() <= options.max_document_bytes,
                    "a piece of several lines over max_document_bytes");
  }
  if (!reader->status().ok()) {
    PITH_FUZZ_CHECK(!plain || options.on_error == pith::OnError::kFail,
                    reader->status().ToString());
    return;
  }
  PITH_FUZZ_CHECK(part >= 1, "a text input yields at least one document");
  if (!plain) return;
  while (next < lines.size() &&
         lines[next].size() - (lines[next].back() == '\n') >
             options.max_line_bytes) {
    ++next;
    ++skipped;
  }
  PITH_FUZZ_CHECK(next == lines.size(), "the pieces miss input lines");
  PITH_FUZZ_CHECK(
      reader->stats().skipped == skipped,
      absl::StrCat("skipped ", reader->stats().skipped, " expected ", skipped));
}

// With a separator line: the documents are the input's lines but the
// separators, in order, none empty, named fuzz.txt#1, #2, ... in turn.
void CheckSeparated(const std::string& input, pith::ReaderOptions options) {
  if (MaybeCompressed(input)) return;
  options.format = pith::DocumentFormat::kText;
  options.separator = input.size() % 2 ? "\f" : "--";
  options.max_line_bytes = size_t{1} << 20;
  absl::StatusOr<pith::DocumentReader> reader =
      pith::DocumentReader::FromString(input, "fuzz.txt", options);
  if (!reader.ok()) return;
  std::string want;  // The input without its separator lines.
  for (absl::string_view line : Lines(input)) {
    absl::string_view bare = line;
    if (!bare.empty() && bare.back() == '\n') bare.remove_suffix(1);
    if (!bare.empty() && bare.back() == '\r') bare.remove_suffix(1);
    if (bare != options.separator) absl::StrAppend(&want, line);
  }
  std::string got;
  int64_t number = 0;
  pith::Document doc;
  while (reader->Next(&doc)) {
    if (doc.part == 0) ++number;
    PITH_FUZZ_CHECK(!doc.text.empty() || (number == 1 && want.empty()),
                    "an empty separated document");
    PITH_FUZZ_CHECK(doc.id == absl::StrCat("fuzz.txt#", number), doc.id);
    got += doc.text;
  }
  PITH_FUZZ_CHECK(reader->status().ok(), reader->status().ToString());
  PITH_FUZZ_CHECK(got == want, "separated documents lose or add bytes");
}

// Writes "input" to a .gz file and reads it back.
void CheckGzipRoundTrip(const std::string& input) {
  pith::OutputOptions oo;
  oo.sync = false;
  oo.level = 1;
  const std::string& path = OutputPath(".gz");
  {
    absl::StatusOr<pith::OutputFile> out = pith::OutputFile::Open(path, oo);
    PITH_FUZZ_CHECK(out.ok(), out.status().ToString());
    PITH_FUZZ_CHECK(out->Write(input).ok(), "");
    absl::Status s = out->Commit();
    PITH_FUZZ_CHECK(s.ok(), s.ToString());
  }
  pith::ReaderOptions ro;
  ro.read_bytes = 4096;
  absl::StatusOr<pith::DocumentReader> reader =
      pith::DocumentReader::Open(path, ro);
  PITH_FUZZ_CHECK(reader.ok(), reader.status().ToString());
  std::string all;
  pith::Document doc;
  while (reader->Next(&doc)) all += doc.text;
  PITH_FUZZ_CHECK(reader->status().ok(), reader->status().ToString());
  std::remove(path.c_str());
  PITH_FUZZ_CHECK(all == input, "gzip round trip differs");
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
  PITH_FUZZ_CHECK(ValidUtf8(line), "AppendJsonString wrote invalid UTF-8");
  PITH_FUZZ_CHECK(doc.text == Repaired(text),
                  "AppendJsonString did not round-trip");
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
  static constexpr size_t kLines[] = {1, 2, 5, size_t{1} << 20};
  options.max_document_lines = provider.PickValueInArray(kLines);
  const bool gzip_round_trip = provider.ConsumeBool();
  const std::string input = provider.ConsumeRemainingBytesAsString();

  CheckJsonl(input, options);
  CheckText(input, options);
  CheckSeparated(input, options);
  // Nested member paths read the same bytes as a flat one would.
  if (input.size() % 3 == 0) {
    options.field = "a.text";
    options.id_field = "m.id";
    CheckJsonl(input, options);
  }
  CheckEscapeRoundTrip(input);
  if (gzip_round_trip) CheckGzipRoundTrip(input);
  return 0;
}
