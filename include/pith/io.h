// Copyright 2026 The pith Authors.
//
// Document input and output: plain text files, JSON Lines, zstd streams,
// and output files that appear atomically or not at all.
//
// Example: clean a JSONL file into another one.
//
//   pith::ReaderOptions ropts;
//   ropts.format = pith::DocumentFormat::kJsonl;
//   absl::StatusOr<pith::DocumentReader> reader =
//       pith::DocumentReader::Open("pages.jsonl.zst", ropts);
//   if (!reader.ok()) return reader.status();
//   absl::StatusOr<pith::OutputFile> out =
//       pith::OutputFile::Open("clean.jsonl", pith::OutputOptions());
//   if (!out.ok()) return out.status();
//   pith::DocumentWriter writer(&*out, pith::DocumentFormat::kJsonl);
//   pith::Document doc;
//   while (reader->Next(&doc)) {
//     absl::Status s = writer.Write(doc, Clean(doc.text));
//     if (!s.ok()) return s;  // ~OutputFile removes the temporary file.
//   }
//   if (!reader->status().ok()) return reader->status();
//   return out->Commit();  // fsync + rename: clean.jsonl appears now.
//
// Input formats (ReaderOptions::format):
//
//   kText   Each input is one document whose id is the path ("stdin" for
//           standard input). To keep memory bounded on endless streams, an
//           input longer than ReaderOptions::max_document_bytes is read as
//           consecutive pieces cut after the last "\n" that fits (a single
//           line longer than the limit is cut at the limit, moved back to a
//           UTF-8 character boundary), and each piece is its own Document
//           with the same id, an increasing Document::part and the input
//           line number it starts at in Document::line.
//
//   kJsonl  One JSON object per line. The member named ReaderOptions::field
//           ("text") must be a string: it is decoded (all JSON escapes,
//           \uXXXX surrogate pairs included; a lone surrogate becomes
//           U+FFFD) into Document::text. Bytes that are not valid UTF-8 pass
//           through unchanged. The id is the "id" member if it is a string
//           (decoded) or a number (as written), else the line number. Lines
//           that are empty or only white space are skipped; "\r\n" line ends
//           are accepted. A malformed line, a missing field or a field that
//           is not a string is an error "FILE:LINE: message", or, with
//           OnError::kSkip, is counted in ReaderStats and skipped.
//
// Any input that starts with the zstd magic number (whatever its name) is
// decompressed as it is read; corrupt or truncated zstd data is an error.
//
// Errors are absl::Status values that name the file (and line): NotFound
// for a missing input, InvalidArgument for malformed data, and the errno
// mapping (absl::ErrnoToStatus) for failing system calls. Nothing in this
// header prints.

#ifndef PITH_IO_H_
#define PITH_IO_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace pith {

enum class DocumentFormat {
  kText,   // "text": one document per input.
  kJsonl,  // "jsonl": one JSON object per line.
};

// What a reader does with a malformed JSONL line.
enum class OnError {
  kFail,  // "fail": stop with an error naming the file and line.
  kSkip,  // "skip": count it in ReaderStats::skipped and go on.
};

// Parse the command-line spellings above. Return false on anything else.
bool ParseDocumentFormat(absl::string_view name, DocumentFormat* format);
bool ParseOnError(absl::string_view name, OnError* on_error);

// The command-line spellings: "text", "jsonl"; "fail", "skip".
absl::string_view DocumentFormatName(DocumentFormat format);
absl::string_view OnErrorName(OnError on_error);

struct ReaderOptions {
  // Behaviour.

  // How the input is split into documents. (kText)
  DocumentFormat format = DocumentFormat::kText;

  // JSONL: the member holding the document text. ("text")
  std::string field = "text";

  // JSONL: the member holding the document id. ("id")
  std::string id_field = "id";

  // JSONL: what to do with a line that cannot be read. (kFail)
  OnError on_error = OnError::kFail;

  // Text: the largest document; longer inputs are read in pieces (see
  // above). Bounds the reader's memory at about twice this. (64 MiB)
  size_t max_document_bytes = size_t{64} << 20;

  // JSONL: a longer line is an error (ResourceExhausted) even with kSkip.
  // The line buffer grows up to this size. (1 GiB)
  size_t max_line_bytes = size_t{1} << 30;

  // Performance.

  // Size of each read from the input. (1 MiB)
  size_t read_bytes = size_t{1} << 20;
};

// One document. A reader fills the same Document again and again, reusing
// its buffers.
struct Document {
  std::string id;      // See DocumentFormat.
  std::string text;    // The decoded text.
  std::string source;  // The input's name for messages: the path or "stdin".
  int64_t line = 0;    // JSONL: the 1-based line number. Text: the input
                       // line this document starts at (1 unless it is a
                       // later piece of a long input).
  int64_t part = 0;    // Text: 0-based piece number within the input.

  // JSONL only: the input line without its terminator, and the byte range
  // [value_begin, value_end) of the text member's value in it, quotes
  // included. DocumentWriter replaces that range and keeps the rest.
  std::string raw;
  size_t value_begin = 0;
  size_t value_end = 0;
};

struct ReaderStats {
  int64_t documents = 0;  // Documents returned by Next().
  int64_t lines = 0;      // JSONL: lines read, blank ones included.
  int64_t skipped = 0;    // JSONL: lines skipped under OnError::kSkip.
  int64_t bytes = 0;      // Bytes read, after decompression.
  // The messages of the first kMaxSkipMessages skipped lines.
  static constexpr int kMaxSkipMessages = 20;
  std::vector<std::string> skip_messages;
};

// A DocumentReader reads the documents of one input (a file or stdin).
//
// Not thread-safe. Movable, not copyable (it owns the file descriptor and
// its buffers).
class DocumentReader {
 public:
  // Opens "path" for reading; "-" is standard input (named "stdin").
  // NotFound if the file does not exist.
  static absl::StatusOr<DocumentReader> Open(const std::string& path,
                                             const ReaderOptions& options);

  // Reads the documents in "data" (which may be zstd-compressed), named
  // "name" in messages.
  static absl::StatusOr<DocumentReader> FromString(
      std::string data, std::string name, const ReaderOptions& options);

  DocumentReader(DocumentReader&&) noexcept;
  DocumentReader& operator=(DocumentReader&&) noexcept;
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;
  ~DocumentReader();

  // Reads the next document into "*doc" and returns true. Returns false at
  // the end of the input or on an error; status() tells which. A text input
  // always yields at least one document (an empty file gives an empty one).
  bool Next(Document* doc);

  // OK unless Next() stopped on an error.
  const absl::Status& status() const;

  const ReaderStats& stats() const;

  // The input's name: the path, or "stdin".
  const std::string& name() const;

 private:
  struct Rep;
  explicit DocumentReader(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

struct OutputOptions {
  // Behaviour.

  // Compress with zstd. By default, iff the path ends in ".zst".
  enum class Compression { kAuto, kNone, kZstd };
  Compression compression = Compression::kAuto;

  // zstd compression level, 1 (fast) to 19 (small). (3)
  int zstd_level = 3;

  // fsync the temporary file before renaming it, so that the output is
  // complete after a crash too. (true)
  bool sync = true;

  // Performance.

  // Bytes buffered before each write(2). (1 MiB)
  size_t buffer_bytes = size_t{1} << 20;
};

// An OutputFile writes a file atomically: the data goes to a temporary file
// in the same directory (".NAME.tmp.XXXXXX"), and Commit() flushes, fsyncs
// and renames it over "path". If Commit() is not reached (an error, an early
// return), the destructor or Abort() removes the temporary file, so a failed
// run never leaves a partial output. The path "-" writes to stdout instead
// (buffered, not atomic), and so does a path that exists and is not a
// regular file ("/dev/stderr", a FIFO), which is written in place. A symlink
// to a regular file is kept: the file it points to is replaced.
//
// Not thread-safe. Movable, not copyable.
class OutputFile {
 public:
  static absl::StatusOr<OutputFile> Open(const std::string& path,
                                         const OutputOptions& options);

  OutputFile(OutputFile&&) noexcept;
  OutputFile& operator=(OutputFile&&) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();  // Calls Abort() unless committed.

  // Appends "data". Errors name the path.
  // REQUIRES: neither Commit() nor Abort() was called.
  absl::Status Write(absl::string_view data);

  // Flushes, syncs and renames the temporary file to "path". On failure the
  // temporary file is removed.
  // REQUIRES: neither Commit() nor Abort() was called.
  absl::Status Commit();

  // Removes the temporary file (for stdout: drops what is still buffered).
  // Idempotent.
  void Abort();

  // The path given to Open(), "-" for stdout.
  const std::string& path() const;

 private:
  struct Rep;
  explicit OutputFile(std::unique_ptr<Rep> rep);
  // Sets up compression and buffers once the file descriptor is open.
  static absl::StatusOr<OutputFile> FinishOpen(std::unique_ptr<Rep> rep,
                                               bool compress,
                                               const OutputOptions& options);
  std::unique_ptr<Rep> rep_;
};

// A DocumentWriter writes documents in a DocumentFormat:
//
//   kText   the text, followed by "\n" if it is not empty and does not end
//           with one (so that consecutive documents never run together).
//   kJsonl  the document's input line (Document::raw) with only the text
//           member's value replaced by "text", JSON-escaped, then "\n".
//
// A document whose text did not change is written with WriteUnchanged(),
// which copies a JSONL line as it was read, byte for byte.
//
// Not thread-safe. Does not own "out", which must outlive it.
class DocumentWriter {
 public:
  DocumentWriter(OutputFile* out, DocumentFormat format);

  // Writes "doc" with its text replaced by "text".
  // REQUIRES: for kJsonl, "doc" was filled by a kJsonl DocumentReader.
  absl::Status Write(const Document& doc, absl::string_view text);

  // Writes "doc" as it was read: Document::raw in kJsonl, Document::text in
  // kText.
  absl::Status WriteUnchanged(const Document& doc);

 private:
  OutputFile* out_;
  DocumentFormat format_;
  std::string scratch_;
};

// Appends "text" to "*out" as a JSON string literal, quotes included.
// Escapes '"', '\\' and control characters; copies every other byte,
// including bytes that are not valid UTF-8, as it is.
void AppendJsonString(absl::string_view text, std::string* out);

}  // namespace pith

#endif  // PITH_IO_H_
