// Copyright 2026 The pith Authors.
//
// DocumentReader::Rep, shared by document_reader.cc (opening, JSONL) and
// text_reader.cc (text inputs read in pieces).

#ifndef PITH_LIB_IO_DOCUMENT_READER_REP_H_
#define PITH_LIB_IO_DOCUMENT_READER_REP_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/io/input_stream.h"
#include "pith/io.h"

namespace pith {

struct DocumentReader::Rep {
  ReaderOptions options;
  std::unique_ptr<internal::InputStream> in;
  absl::Status status;
  ReaderStats stats;
  bool eof = false;  // The stream returned 0.
  bool done = false;

  // Text mode.
  std::string carry;  // Bytes read past the end of the previous piece.
  // Each read lands here and is appended to the document: reading straight
  // into the document would mean resizing it first, which zero-fills
  // read_bytes (1 MiB) per read, however small the file.
  std::unique_ptr<char[]> chunk;
  int64_t next_part = 0;
  int64_t next_line = 1;
  // With ReaderOptions::separator: the documents the separators ended so
  // far, and whether the last piece was ended by one.
  int64_t separated = 0;
  bool at_separator = false;

  // JSONL mode: buf[begin, end) holds unread bytes, and [begin, scan) is
  // known to hold no '\n'.
  std::unique_ptr<char[]> buf;
  size_t cap = 0;
  size_t begin = 0;
  size_t scan = 0;
  size_t end = 0;
  int64_t line_number = 0;
  bool first_line = true;   // No line was consumed yet (for the BOM).
  bool discarding = false;  // Skipping the rest of a line over the limit.
  std::string repaired;     // A line with its invalid UTF-8 replaced.

  bool Fail(absl::Status s) {
    status = std::move(s);
    done = true;
    return false;
  }

  // Counts a skipped line and keeps the first messages.
  void Skip(std::string message) {
    ++stats.skipped;
    if (stats.skip_messages.size() < ReaderStats::kMaxSkipMessages) {
      stats.skip_messages.push_back(std::move(message));
    }
  }

  // "NAME:LINE: line longer than N bytes".
  std::string TooLong(int64_t line) const {
    return absl::StrCat(in->name(), ":", line, ": line longer than ",
                        options.max_line_bytes, " bytes");
  }

  bool NextText(Document* doc);
  bool NextJsonl(Document* doc);
  // Appends the next read to "*text". False (after Fail()) on an error.
  bool ReadMore(std::string* text);
  // Text: "*text" starts with line next_line, longer than max_line_bytes.
  // Fails, or with kSkip drops it (reading on to its end) and counts it.
  bool SkipLongLine(std::string* text);
  // Sets "*line" to the next line without its terminator. False at the end
  // or on an error.
  bool NextLine(absl::string_view* line);
  // Fills "doc" from a JSONL line. Errors have no file:line prefix.
  absl::Status ParseLine(absl::string_view line, Document* doc);
};

}  // namespace pith

#endif  // PITH_LIB_IO_DOCUMENT_READER_REP_H_
