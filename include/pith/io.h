// Copyright 2026 The pith Authors.
//
// Document input and output: plain text files, JSON Lines, gzip and zstd
// streams, and output files that appear atomically or not at all.
//
// Example: clean a JSONL file into another one.
//
//   pith::ReaderOptions ropts;
//   ropts.format = pith::DocumentFormat::kJsonl;
//   absl::StatusOr<pith::DocumentReader> reader =
//       pith::DocumentReader::Open("pages.jsonl.zst", ropts);
//   if (!reader.ok()) return reader.status();
//   absl::StatusOr<pith::OutputFile> out =
//       pith::OutputFile::Open("clean.jsonl.gz", pith::OutputOptions());
//   if (!out.ok()) return out.status();
//   pith::DocumentWriter writer(&*out, pith::DocumentFormat::kJsonl);
//   pith::Document doc;
//   while (reader->Next(&doc)) {
//     absl::Status s = writer.Write(doc, Clean(doc.text));
//     if (!s.ok()) return s;  // ~OutputFile removes the temporary file.
//   }
//   if (!reader->status().ok()) return reader->status();
//   return out->Commit();  // fsync + rename: clean.jsonl.gz appears now.
//
// Input formats (ReaderOptions::format):
//
//   kText   Each input is one document whose id is the path ("stdin" for
//           standard input). To keep memory bounded on endless streams, an
//           input longer than ReaderOptions::max_document_bytes or
//           max_document_lines is read as consecutive pieces, each cut at a
//           line end: as many whole lines as fit in both limits. A line is
//           never split: one longer than max_document_bytes is a piece of
//           its own, read whole up to ReaderOptions::max_line_bytes; a
//           longer one is an error "FILE:LINE: line longer than N bytes"
//           (ResourceExhausted), or with OnError::kSkip is left out and
//           counted in ReaderStats::skipped. Each piece is its own Document
//           with the same id, an increasing Document::part and the input
//           line number it starts at in Document::line. The bytes are kept
//           as they are (invalid UTF-8 included).
//
//   kJsonl  One JSON object per line. A UTF-8 byte order mark at the start
//           of the input is skipped. The member named ReaderOptions::field
//           ("text") must be a string: it is decoded (all JSON escapes,
//           \uXXXX surrogate pairs included) into Document::text. JSON text
//           is UTF-8: each invalid UTF-8 sequence in a line (in any member)
//           and each lone surrogate escape in the text member becomes U+FFFD
//           (the Unicode "maximal subpart" rule), and is counted in
//           ReaderStats::utf8_replacements, so that what the reader returns
//           and the writer writes is always valid UTF-8 and valid JSON. The
//           id is the "id" member if it is a string (decoded) or a number
//           (as written), else the line number. Lines that are empty or only
//           white space are skipped; "\r\n" line ends are accepted. A
//           malformed line, a missing field, a field that is not a string or
//           a line longer than ReaderOptions::max_line_bytes is an error
//           "FILE:LINE: message", or, with OnError::kSkip, is counted in
//           ReaderStats and skipped.
//
// Compression: an input that starts with the gzip or the zstd magic number
// (whatever its name) is decompressed as it is read, concatenated members or
// frames included; corrupt or truncated data is an error. An input in
// another compressed format (xz, bzip2, lz4, zip, 7z, lzip, compress) is an
// InvalidArgument error that names the format. Outputs are compressed by
// name (OutputOptions::compression): gzip for ".gz", zstd for ".zst".
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

// What a reader does with a malformed JSONL line, or a line longer than
// ReaderOptions::max_line_bytes in either format.
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

  // Text: if not empty, a line that is exactly this (without its line end)
  // separates documents: "a\n\f\nb" with "\f" is two documents, named
  // "NAME#1" and "NAME#2" (NAME the input's name), and the separator line
  // belongs to neither. Empty documents (two separators in a row, one at
  // the start or the end) are not returned. ("")
  std::string separator;

  // What to do with a JSONL line that cannot be read, or a line (either
  // format) longer than max_line_bytes. (kFail)
  OnError on_error = OnError::kFail;

  // Text: the largest piece of an input in bytes, unless a single line is
  // longer; longer inputs are read in pieces cut at line ends (see above).
  // (64 MiB)
  size_t max_document_bytes = size_t{64} << 20;

  // Text: the most lines in one piece. Bounds what a consumer keeps per
  // line of a piece (a file of short lines has many per byte). (1 Mi)
  size_t max_document_lines = size_t{1} << 20;

  // The longest line (JSONL line, or text line), terminator excluded: a
  // longer one is an error (ResourceExhausted), or skipped and counted with
  // OnError::kSkip. The reader's memory is about max(max_document_bytes,
  // max_line_bytes) + 2 * read_bytes. (1 GiB)
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
  int64_t part = 0;    // Text: 0-based piece number within the document.
  bool id_is_number = false;  // JSONL: the id member is a JSON number
                              // (written back as one in reports).

  // JSONL only: the input line without its terminator (and with invalid
  // UTF-8 replaced, see kJsonl above; a text member that held a lone
  // surrogate escape is re-encoded from "text"), and the byte range
  // [value_begin, value_end) of the text member's value in it, quotes
  // included. DocumentWriter replaces that range and keeps the rest.
  std::string raw;
  size_t value_begin = 0;
  size_t value_end = 0;
};

struct ReaderStats {
  int64_t documents = 0;  // Documents returned by Next().
  int64_t lines = 0;      // JSONL: lines read, blank and skipped included.
  int64_t skipped = 0;    // Lines skipped under OnError::kSkip: malformed
                          // JSONL lines, and lines over max_line_bytes.
  int64_t bytes = 0;      // Bytes read, after decompression.
  // JSONL: invalid UTF-8 sequences and lone surrogate escapes replaced by
  // U+FFFD.
  int64_t utf8_replacements = 0;
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
  // NotFound if the file does not exist. Compressed data is detected on the
  // first Next().
  static absl::StatusOr<DocumentReader> Open(const std::string& path,
                                             const ReaderOptions& options);

  // Opens the JSONL lines in bytes [begin, end) of the file "path" (not
  // compressed), for reading a big file in parts on several machines:
  // "first_line" is the line number of byte "begin" in the file (the number
  // of "\n" before it, plus one), so that ids taken from line numbers and
  // messages are those of the whole file. Only the part at byte 0 may
  // start with a byte order mark. InvalidArgument for the text format,
  // whose inputs are read whole.
  // REQUIRES: "begin" is 0 or follows a "\n"; "end" is the file's size or
  // follows a "\n".
  static absl::StatusOr<DocumentReader> OpenRange(const std::string& path,
                                                  uint64_t begin, uint64_t end,
                                                  int64_t first_line,
                                                  const ReaderOptions& options);

  // Reads the documents in "data" (which may be compressed), named "name"
  // in messages.
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

  // How the output is compressed. kAuto: by the path's name, gzip for
  // ".gz", zstd for ".zst", none otherwise (and for "-" and descriptors).
  enum class Compression { kAuto, kNone, kZstd, kGzip };
  Compression compression = Compression::kAuto;

  // Compression level; 0 means the format's default. zstd: 1 (fast) to 22
  // (small; 20 and up need much more memory), default 3; gzip: 1 to 9,
  // default 6. Open() rejects others (InvalidArgument). (0)
  int level = 0;

  // fsync the temporary file before renaming it, so that the output is
  // complete after a crash too. (true)
  bool sync = true;

  // Performance.

  // Bytes buffered before each write(2). (1 MiB)
  size_t buffer_bytes = size_t{1} << 20;
};

// An OutputFile writes an output without ever leaving a partial or mixed
// result. What "path" names decides how:
//
//   A regular file, or nothing yet: replaced atomically. The data goes to a
//     temporary file in the same directory (".NAME.tmp.XXXXXX"), and
//     Commit() flushes, fsyncs and renames it over "path". If Commit() is
//     not reached (an error, an early return), the destructor or Abort()
//     removes the temporary file, so a failed run leaves the previous file
//     as it was. A replaced file keeps its permission bits, and its owner
//     and group where the process may set them; a new one gets 0666 less
//     the umask. A symlink is kept: the file it points to is replaced.
//
//   A descriptor: "-" (standard output), /dev/stdout, /dev/stderr,
//     /dev/stdin, /dev/fd/N, /proc/self/fd/N (or a symlink to one): written
//     in place through a duplicate of that open descriptor, never reopened,
//     so that a shell's "pith ... -o /dev/stdout >> log" appends, and
//     "2>> log" with /dev/stderr too. Not atomic: a failed run may have
//     written part of its output there.
//
//   Anything else that exists and is not a regular file (a FIFO, a
//     terminal, /dev/null): opened and written in place, not atomic.
//
// Signals: a process that is killed leaves its temporary files behind unless
// it calls InstallOutputCleanupOnSignals() (below) once at start-up.
//
// Not thread-safe. Movable, not copyable.
class OutputFile {
 public:
  // Opens "path" as described above. Errors name "path": the errno mapping
  // when it cannot be created or opened (EBADF for a descriptor that is not
  // open), InvalidArgument for a bad level.
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

  // Flushes, ends the compressed stream, and for a replaced file syncs and
  // renames the temporary file to "path". On failure the temporary file is
  // removed.
  // REQUIRES: neither Commit() nor Abort() was called.
  absl::Status Commit();

  // Removes the temporary file (in place: drops what is still buffered).
  // Idempotent.
  void Abort();

  // The path given to Open(), "-" for stdout.
  const std::string& path() const;

 private:
  struct Rep;
  explicit OutputFile(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Returns true if outputs opened at "a" and "b" would write to the same
// place, so that one would overwrite or interleave with the other: the same
// file once "." and ".." and symlinks are resolved (whether or not it exists
// yet), or the same descriptor ("-" and "/dev/stdout" are both standard
// output). Character devices opened by path, such as /dev/null, may be
// shared. Use it to refuse two outputs on one path before opening either.
bool SameOutputFile(const std::string& a, const std::string& b);

// Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE that remove the
// temporary files of every OutputFile not yet committed or aborted (as
// RemoveTemporaryOutputFiles() does), then restore the default action and
// re-raise the signal, so that the process dies of it as it would have
// (a shell sees exit status 128 + the signal number). A signal that is
// ignored when this is called (nohup's SIGHUP) stays ignored. Replaces any
// handler installed before for those signals: a program with its own
// handlers should call RemoveTemporaryOutputFiles() from them instead.
// Nothing in the library installs handlers by itself; call this once, from
// main(), before opening outputs. Errors are the errno mapping of
// sigaction(2).
absl::Status InstallOutputCleanupOnSignals();

// Removes the temporary file of every OutputFile that is open and neither
// committed nor aborted. Async-signal-safe (only unlink(2) on paths held in
// a fixed table): meant for signal handlers. The table holds 64 paths of up
// to 4095 bytes; the temporary files of outputs beyond that are not removed
// here (the OutputFile itself still removes them on Abort()).
void RemoveTemporaryOutputFiles();

// A DocumentWriter writes documents in a DocumentFormat:
//
//   kText   the text, followed by "\n" if it is not empty and does not end
//           with one (so that consecutive documents never run together).
//   kJsonl  the document's input line (Document::raw) with only the text
//           member's value replaced by "text", JSON-escaped (invalid UTF-8
//           in "text" becomes U+FFFD), then "\n". Either way the line is
//           valid JSON and valid UTF-8.
//
// A document whose text did not change is written with WriteUnchanged(),
// which copies a JSONL line as it was read, byte for byte (the reader has
// already repaired it).
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

  // kText: writes the line "separator" (ReaderOptions::separator) between
  // documents, before the first piece (Document::part 0) of each but the
  // first written, so that a stream split by it is written as one again,
  // with one document per document written (an emptied one included).
  void set_separator(absl::string_view separator) {
    separator_ = std::string(separator);
  }

 private:
  OutputFile* out_;
  DocumentFormat format_;
  std::string scratch_;
  std::string separator_;
  bool wrote_document_ = false;
};

// Appends "text" to "*out" as a JSON string literal, quotes included.
// Escapes '"', '\\' and control characters, replaces each invalid UTF-8
// sequence by U+FFFD (so the literal is always valid JSON), and copies every
// other byte as it is. Returns the number of replacements.
size_t AppendJsonString(absl::string_view text, std::string* out);

}  // namespace pith

#endif  // PITH_IO_H_
