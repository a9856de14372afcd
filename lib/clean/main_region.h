// Copyright 2026 The pith Authors.
//
// The page-level stage ("outside-main"): after the line pass, decide where
// the article is and remove what the line pass kept outside it.
//
// Each non-blank line gets a score, in characters of prose:
//
//   kept, prose          its characters (LooksLikeProse, or a sentence of
//                        six words or more)
//   kept, other          0 (a heading, a list item, a table cell: neutral)
//   classifier-removed   half its characters if it is prose, else
//                        -soft_gap: the classifier judges a line by its
//                        neighbours and fails where code, lists or tables
//                        break up an article, so for the page a line it
//                        removed counts by its own shape, at a discount
//   removed otherwise    -gap_penalty; the first line of a gap costs only
//                        -gap_first_penalty (one caption, credit or
//                        advertisement label interrupts many articles)
//
// The document splits greedily into regions of positive score (Kadane's
// scan: a region ends where its running score falls to zero, and reaches to
// where the score peaked). The best region is main, and so is every region
// that scores at least "min_score": an article cut in two by a block of
// removed lines keeps both halves, while a lone teaser summary or an author
// box goes. What the line pass kept between the first and the last main
// region stays; kept lines before the first and after the last are removed.
//
// A region's edges are widened: kept lines over its first line that look
// like a headline, a dateline or a standfirst join it (across removed lines
// such as a byline, up to "lead_lines" lines apart), and so do kept
// sentences right after its last line (a closing short sentence).
//
// Inside a main region, lines that only the classifier removed and that
// look like structured content (not a link row, not a copyright line) are
// kept again: list items, table cells, short sentences and subheadings.
//
// One pass to score, two to segment, one to mark: O(lines).

#ifndef PITH_LIB_CLEAN_MAIN_REGION_H_
#define PITH_LIB_CLEAN_MAIN_REGION_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "lib/clean/line_features.h"
#include "lib/clean/line_state.h"
#include "pith/cleaner.h"

namespace pith {
namespace internal {

struct MainRegionParams {
  // What a removed line costs, in characters of prose: one paragraph of
  // 300 characters or more carries a region over a removed line.
  int gap_penalty = 300;
  // What the first removed line of a gap costs.
  int gap_first_penalty = 100;
  // A classifier-removed prose line scores this percentage of its
  // characters; another classifier-removed line costs "soft_gap".
  int soft_classifier_percent = 50;
  int soft_gap = 20;
  // Any region scoring at least this much is main, besides the best one.
  int64_t min_score = 400;
  // Headline and tail lines join a region up to this many lines away.
  int lead_lines = 4;
  // Restore classifier removals inside main regions.
  bool restore_inside = true;
};

// Per-document scratch space, reused between calls.
struct MainRegionScratch {
  std::vector<int32_t> index;  // Non-blank line indices.
  std::vector<int64_t> score;  // Per non-blank line.
  // Main regions as [first, last] positions in "index".
  std::vector<std::pair<int32_t, int32_t>> regions;
};

// Sets "verdicts[i]" to kOutsideMain for each kept non-blank line outside
// the main regions, and back to kKept for restored lines inside them.
// Appends the main regions to "*ranges" (if not null), in line order. A
// document without a line of positive score is left as it is.
// REQUIRES: verdicts.size() == lines.size()
void MarkOutsideMain(const MainRegionParams& params,
                     absl::Span<const LineFeatures> lines,
                     MainRegionScratch* scratch,
                     absl::Span<LineVerdict> verdicts,
                     std::vector<LineRange>* ranges);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_MAIN_REGION_H_
