// Copyright 2026 The pith Authors.
//
// The "comments" block detector: a reader-comment thread under an article.
// Each comment is prose like the article's, so no line-local test sees it;
// what gives a thread away is its recurring frame. Three kinds of short
// lines make that frame (comment_frame.h has their exact shapes):
//
//   header  "12 Comments", "3 responses to “Title”", "Comments (4)",
//           "Reader comments", "Kommentare"
//   author  "Jane says:", "by jdoe (123) writes: ...", "Reply",
//           "Reply to This", "Report abuse", "Permalink", "Antworten"
//   time    a short line holding a clock time ("July 3, 2012 at 4:15 pm",
//           "13:23 JST")
//
// A thread starts at a header or author line that is followed, within
// "window" non-blank lines, by at least two more frame lines (or, from an
// author line, by one more author line; from a header, by two names alone
// on a line over a comment's text), and only after "min_prose_before"
// characters of prose: the article comes first, and a "Comments" link in
// the page head starts nothing. Lines removed by rules still count as frame
// lines ("Reply" is a rule hit). Time lines alone never start a thread: a
// live blog's time stamps are its article.
//
// Everything from the start of the thread to the end of the document is
// removed: what follows a thread is the page footer.

#ifndef PITH_LIB_CLEAN_COMMENTS_H_
#define PITH_LIB_CLEAN_COMMENTS_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/clean/line_features.h"
#include "lib/clean/line_state.h"

namespace pith {
namespace internal {

struct CommentParams {
  // Characters of prose lines (LooksLikeProse) that must come before a
  // thread's first line.
  int min_prose_before = 300;
  // Non-blank lines, from a candidate first line, in which the rest of the
  // frame must show.
  int window = 25;
  // A name line counts as frame when a line of this many words follows it
  // (the comment's text).
  int min_comment_words = 5;
};

// Per-document scratch space, reused between calls.
struct CommentScratch {
  std::vector<uint8_t> kind;   // FrameKind per non-blank line.
  std::vector<int32_t> index;  // Non-blank line indices.
};

// Sets "verdicts[i]" to kComments for every non-blank line from the first
// line of a comment thread on that is kept or that only a heuristic
// (classifier, repeated-line, edge-run) removed; rule removals keep their
// rule. Returns that first line's index, or lines.size() if the document
// has no thread.
// REQUIRES: verdicts.size() == lines.size()
size_t MarkComments(const CommentParams& params, absl::string_view document,
                    absl::Span<const LineFeatures> lines,
                    CommentScratch* scratch, absl::Span<LineVerdict> verdicts);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_COMMENTS_H_
