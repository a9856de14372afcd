// Copyright 2026 The pith Authors.
//
// The "recirculation" block detector: lists of links to other articles
// ("Related", "More from", "Read next", "Most popular", teaser tiles),
// before or after the article. Each teaser may read like prose (a
// headline, a one-sentence summary), so no line-local test sees it; what
// gives the block away is one shape repeated, as a template repeats it:
//
//   title    a headline: at least "min_title_words" words with letters, at
//            most "max_title_words" words, starting with a capital letter
//            or a digit (not with a dash or a quotation mark), with no
//            final sentence punctuation or colon and at most one separator
//   summary  a sentence or two of at most "max_summary_chars" characters,
//            ending in . ! ? or an ellipsis
//   meta     a line a rule removed (a date, a byline, "Read more"), or a
//            short line of at most "max_meta_words" words (a category, an
//            author, "3 comments")
//   text     anything else: a paragraph, a line that introduces a list
//
// A teaser is a title and the lines after it up to the next title: at most
// one summary and at most "max_meta_lines" meta lines. The teasers from a
// title on run until a text line, a second summary or a fourth meta line;
// when text or a summary ends them, the last title heads that text (the
// article's headline over its first paragraph) and is no teaser. Among
// them, a run of teasers with the same number of summaries and meta lines
// is a block if it has
//   - at least "min_items" teasers, or "min_items_after_rule" when a rule
//     other than a metadata rule removed the line right over the first
//     title (the "Related" or "Most read" heading), and
//   - summaries or meta lines, or that heading, or at least
//     "min_bare_titles" titles: a list inside an article is also a run of
//     short capitalised lines, but seldom a long one, and its items carry
//     no dates or bylines.
// A run right under a kept line that ends in ":" is a list the text
// introduces, and a run with a kept paragraph of prose within
// "shelter_lines" non-blank lines on both sides is inside the article: both
// stay (an embedded "Read also" list costs a few lines; taking a list of
// the article's own points would cost its content). Up to
// "max_heading_lines" meta lines over the first title join the block.
//
// Lines of a block that nothing else removed, or that the classifier,
// repeated-line or edge-run removed, get the reason "recirculation"; rule
// removals keep their rule's name. One pass over the lines: O(lines).

#ifndef PITH_LIB_CLEAN_RECIRCULATION_H_
#define PITH_LIB_CLEAN_RECIRCULATION_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/clean/line_features.h"
#include "lib/clean/line_state.h"

namespace pith {
namespace internal {

struct RecirculationParams {
  // Teasers in a block: three of one shape are a template, two could be a
  // headline and a subheading; under a "Related" heading two suffice.
  int min_items = 3;
  int min_items_after_rule = 2;
  // Titles in a block of bare titles with no heading: an article's own
  // bullet lists are mostly shorter.
  int min_bare_titles = 5;
  // A title: from a short headline ("Chilli Fishcake Balls") to a long one;
  // fewer words are menu items, more are sentences without a period.
  int min_title_words = 3;
  int max_title_words = 25;
  // A summary: one or two sentences (a paragraph of an article's own runs
  // longer).
  int max_summary_chars = 320;
  // A meta line: a date, an author, a category, a count.
  int max_meta_words = 6;
  int max_meta_lines = 3;
  // Meta lines over the first title that join the block ("Most popular").
  int max_heading_lines = 2;
  // Prose this close on both sides puts a run inside the article.
  int shelter_lines = 2;
};

// One teaser: a title at position "first" (in RecirculationScratch::index)
// and the lines after it up to "last", of which "summaries" are summaries
// and "metas" meta lines.
struct Item {
  size_t first, last;
  int summaries, metas;
};

// Per-document scratch space, reused between calls.
struct RecirculationScratch {
  std::vector<int32_t> index;  // Non-blank line indices.
  std::vector<uint8_t> role;   // Per non-blank line (see recirculation.cc).
  std::vector<Item> items;
};

// Marks the lines of recirculation blocks (see above) in "verdicts".
// "metadata" holds a flag per line: a metadata rule matched it (or is
// empty). REQUIRES: verdicts.size() == lines.size()
void MarkRecirculation(const RecirculationParams& params,
                       absl::string_view document,
                       absl::Span<const LineFeatures> lines,
                       absl::Span<const uint8_t> metadata,
                       RecirculationScratch* scratch,
                       absl::Span<LineVerdict> verdicts);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_RECIRCULATION_H_
