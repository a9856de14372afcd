// Copyright 2026 The pith Authors.
//
// Dedup units: the lines, blank-line-separated paragraphs or whole document
// of a text, as line ranges into it; and the text that remains when some of
// them are removed.

#ifndef PITH_LIB_DEDUP_UNITS_H_
#define PITH_LIB_DEDUP_UNITS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "pith/dedup.h"
#include "pith/segment.h"

namespace pith {
namespace internal {

// One unit: lines [first_line, last_line] (0-based indices into the line
// spans it was made from) and its bytes, from the start of the first line to
// the end of the last line's content (terminator excluded).
struct UnitSpan {
  size_t first_line = 0;
  size_t last_line = 0;
  size_t offset = 0;
  size_t length = 0;
};

// Splits "text", already split into "lines", into units of kind "unit".
// Blank lines (pith/segment.h) are never part of a unit's edges: a line unit
// is a non-blank line, a paragraph unit a paragraph (SplitParagraphs()), and
// the document unit runs from the first to the last non-blank line. A text
// without a non-blank line has no units.
void SplitUnits(absl::string_view text, const std::vector<LineSpan>& lines,
                DedupUnit unit, std::vector<UnitSpan>* units);

// Appends to "*out" the lines of "text" whose entry in "removed" is false,
// byte-exact with their terminators. With "tidy", blank lines that the
// removals left at the head or tail of the text, or doubled between two kept
// lines, are dropped too; runs of blank lines in the input are kept as they
// are. If "text" does not end with a line terminator, neither does what is
// appended. REQUIRES: removed.size() == lines.size()
void AppendKeptLines(absl::string_view text, const std::vector<LineSpan>& lines,
                     const std::vector<bool>& removed, bool tidy,
                     std::string* out);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_UNITS_H_
