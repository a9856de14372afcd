// Copyright 2026 The pith Authors.
//
// A small, strict JSON scanner for JSON Lines: it validates one top-level
// object (nested values are validated while they are skipped), and reports
// the byte spans of two members so that a writer can replace one value and
// keep every other byte of the line.

#ifndef PITH_LIB_IO_JSONL_H_
#define PITH_LIB_IO_JSONL_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

// Where the members of interest are in a scanned line. A span is
// [begin, end) in the line and holds the whole value (quotes included).
struct JsonMembers {
  bool has_field = false;
  bool field_is_string = false;
  size_t field_begin = 0;
  size_t field_end = 0;

  bool has_id = false;
  bool id_is_string = false;  // Else a number (other types are ignored).
  size_t id_begin = 0;
  size_t id_end = 0;
};

// Scans "line", which must hold one JSON object and nothing else but white
// space. Finds the members at the paths "field" and "id_field": a name, or
// names joined by '.' for a member inside objects ("meta.body" is the member
// "body" of the top-level member "meta", which must then be an object).
// Errors are InvalidArgument, with a message such as "column 17: expected
// ':'" (the caller adds the file and line). A repeated "field" is an error.
absl::Status ScanJsonObject(absl::string_view line, absl::string_view field,
                            absl::string_view id_field, JsonMembers* members);

// Decodes a JSON string literal "literal" (quotes included, already
// validated by ScanJsonObject) and appends the result to "*out". A lone
// surrogate escape decodes to U+FFFD. Returns the number of lone surrogate
// escapes. Other bytes are copied as they are (the reader repairs invalid
// UTF-8 in the whole line before scanning it; see lib/io/utf8.h).
size_t DecodeJsonString(absl::string_view literal, std::string* out);

// Appends "text" as a JSON string literal, quotes included, with every
// invalid UTF-8 sequence replaced by U+FFFD, so that the literal is always
// valid JSON. Returns the number of replacements.
size_t AppendJsonEscaped(absl::string_view text, std::string* out);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_IO_JSONL_H_
