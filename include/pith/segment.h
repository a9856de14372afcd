// Copyright 2026 The pith Authors.
//
// Lines, blank lines and paragraphs: the one definition that every part of
// pith uses (the readers, the Cleaner, the Deduplicator, pith explain), as
// spans into the text, without copies.
//
// A line ends at "\n"; a "\r" right before that "\n" belongs to the
// terminator, so "\r\n" files split like "\n" files. A last line without a
// terminator is still a line; an empty text has no lines, and a text that
// ends with "\n" has no empty line after it. Bytes are not interpreted
// otherwise: invalid UTF-8 and NUL bytes are ordinary line content.
//
// White space inside a line is " ", "\t", "\v", "\f", "\r" (a lone CR, not
// part of a "\r\n" terminator) and U+00A0 NO-BREAK SPACE (bytes C2 A0). A
// blank line holds nothing else. A paragraph is a maximal run of non-blank
// lines: blank lines separate paragraphs.
//
// Example:
//
//   for (pith::LineIterator it(text); !it.done(); it.Next()) {
//     absl::string_view line = it.line();        // Without "\n" / "\r\n".
//     absl::string_view full = it.with_terminator();
//   }
//
//   std::vector<pith::LineSpan> spans = pith::SplitLines(text);
//   absl::string_view third = spans[2].Line(text);

#ifndef PITH_SEGMENT_H_
#define PITH_SEGMENT_H_

#include <cstddef>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/strings/string_view.h"

namespace pith {

// One line of a text, as byte offsets into it.
struct LineSpan {
  size_t offset = 0;             // First byte of the line.
  size_t length = 0;             // Bytes of content, terminator excluded.
  size_t terminator_length = 0;  // 0 (last line), 1 ("\n") or 2 ("\r\n").

  // The line without its terminator. REQUIRES: "text" is the text this span
  // was made from. The result points into "text".
  absl::string_view Line(absl::string_view text) const {
    return text.substr(offset, length);
  }
  // The line with its terminator, as it appears in "text".
  absl::string_view WithTerminator(absl::string_view text) const {
    return text.substr(offset, length + terminator_length);
  }
  // One past the last byte of the terminator.
  size_t end() const { return offset + length + terminator_length; }
};

// Iterates over the lines of a text. Cheap to construct and copy; it holds
// only a view, so the text must outlive it.
class LineIterator {
 public:
  // Positions the iterator on the first line of "text" (done() if empty).
  explicit LineIterator(absl::string_view text ABSL_ATTRIBUTE_LIFETIME_BOUND)
      : text_(text) {
    Find(0);
  }

  // True once every line has been visited.
  bool done() const { return done_; }

  // Moves to the next line. REQUIRES: !done()
  void Next() { Find(span_.end()); }

  // The current line. REQUIRES: !done()
  const LineSpan& span() const { return span_; }
  absl::string_view line() const { return span_.Line(text_); }
  absl::string_view with_terminator() const {
    return span_.WithTerminator(text_);
  }

 private:
  void Find(size_t start);

  absl::string_view text_;
  LineSpan span_;
  bool done_ = false;
};

// Returns the lines of "text" in order.
std::vector<LineSpan> SplitLines(absl::string_view text);

// As above, but replaces the contents of "*lines" (reusing its capacity).
void SplitLines(absl::string_view text, std::vector<LineSpan>* lines);

// Returns "line" without white space at either end (see the top of this
// file). The result points into "line".
absl::string_view TrimLine(
    absl::string_view line ABSL_ATTRIBUTE_LIFETIME_BOUND);

// True if "line" holds nothing but white space (or nothing).
bool IsBlankLine(absl::string_view line);

// One paragraph: lines [first_line, last_line] of the spans it was made
// from (0-based), none of them blank.
struct ParagraphSpan {
  size_t first_line = 0;
  size_t last_line = 0;
};

// Sets "*paragraphs" to the paragraphs of "text", already split into
// "lines", in order.
void SplitParagraphs(absl::string_view text, const std::vector<LineSpan>& lines,
                     std::vector<ParagraphSpan>* paragraphs);

}  // namespace pith

#endif  // PITH_SEGMENT_H_
