// Copyright 2026 The pith Authors.
//
// The lines that frame a reader-comment thread (see comments.h), recognised
// by a hand-written scanner over the line's bytes: the comment detector
// looks at every short line under an article, so this runs no regular
// expression and allocates nothing. Letters compare ASCII case-insensitively;
// "white space" is space, tab, CR and FF; a "word character" is an ASCII
// letter, digit or "_"; lengths are counted in code points.
//
//   header  a count and a comment word, then up to 80 more characters:
//             "12 Comments", "1,024 responses to “Title”", "3 Kommentare"
//           a count (digits, "one" or "no"), a comment word and "to", "on"
//           or "for", then up to 100 more characters:
//             "One thought on “Title”", "No responses for this post"
//           a bare comment heading with an optional count in brackets and
//           colon: "Comments", "Reader comments (4):", "Kommentare",
//           "Discussion:"
//           a count header in brackets: "{ 167 comments }"; a bare
//           heading with a "»" after it
//   author  up to 60 characters, white space, then a verb ("says", "said",
//           "wrote", "writes", "sagt", "schreibt") that ends the line (or
//           a comma does), or is followed by ":" and up to 80 characters:
//           "Jane says:", "Dan said,",
//           "by jdoe (123) writes: Re: the point"
//           an action: "Reply", "Reply to this", "Antworten", "Report
//           abuse", "Permalink", "Flag as inappropriate", "Log in to reply",
//           "Reply | 3 likes"
//   time    a clock time that starts within 60 characters of the line's
//           start and ends within 40 of its end: "July 3, 2012 at 4:15 pm",
//           "13:23 JST", "9:30am"; "H:MM" or "HH:MM", optionally followed
//           by am, pm, a.m., p.m. or Uhr, or "H" / "HH" followed by am or pm
//           (on a line of three digits or more); or a date with a year
//           from 1900 to 2099, "August 8, 2012", "8. August 2012",
//           "08.08.2012" (five digits or more): "1. Jane - August 8, 2012".
//   name    a name alone: one to four words of letters, the first
//           starting with a capital A-Z, no digits, no final punctuation,
//           at most 40 characters ("Jason Manheim"); a frame only where a
//           comment's text follows it (see comments.h).
//
// Lines of 140 non-space characters or more, or of more than 16 words, are
// text, never frame.

#ifndef PITH_LIB_CLEAN_COMMENT_FRAME_H_
#define PITH_LIB_CLEAN_COMMENT_FRAME_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "lib/clean/line_features.h"

namespace pith {
namespace internal {

enum class FrameKind : uint8_t { kNone, kHeader, kAuthor, kTime, kName };

// Returns what "text" is in a comment thread's frame. "text" is a trimmed
// line and "features" its LineFeatures.
FrameKind ClassifyFrameLine(absl::string_view text,
                            const LineFeatures& features);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_COMMENT_FRAME_H_
