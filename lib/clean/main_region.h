// Copyright 2026 The pith Authors.
//
// The page-level stage ("outside-main"): after the line pass, decide where
// the article is and remove what the line pass kept outside it.
//
// Each non-blank line gets a score, in characters of prose:
//
//   kept, prose          its characters (LooksLikeProse, or a sentence of
//                        six words or more; the lines of a hard-wrapped
//                        paragraph are prose if the paragraph is)
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
// The document splits greedily into segments of positive score (Kadane's
// scan: a segment ends where its running score falls to zero, and reaches
// to where the score peaked). The best segment is the one that peaks
// highest, or an earlier one that reaches "early_percent" of that peak:
// the article comes before the comments, the sidebars and the teasers
// under it. Every segment that peaks at "min_score" or more is a main
// region too, and so is the best one whatever its score.
//
// Main regions next to each other are bridged when the lines between them
// cost less than "join_factor" times the smaller side's score (the best
// region's side counting everything bridged so far): an article cut by an
// advertisement, a gallery or a code listing is one span, and what the
// line pass kept between its regions stays. A main region further away
// (a second half of the article after a long gallery, a sidebar of prose)
// stands alone: its own lines stay, not what lies between.
//
// A region's edges are widened:
//   lead   kept lines over its first line that look like a headline, a
//          dateline or a standfirst join it: up to "lead_lines" of them,
//          across removed lines (a byline, a share row), within
//          4 * "lead_lines" lines;
//   tail   kept sentences right after its last line; then a list that a
//          line ending in ":" introduces within 3 lines of the end (kept or
//          classifier-removed items, up to "list_lines" of them, up to the
//          next line removed otherwise); then up to "tail_lines" kept lines
//          with nothing removed between (a closing remark, a note) when a
//          removed line follows them.
//
// Inside the spans, lines that only the classifier removed and that look
// like structured content (not a link row, not a copyright line) are kept
// again: list items, table cells, short sentences and subheadings. Kept
// lines outside every span are removed.
//
// A few passes over the lines: O(lines).

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
  // Any segment peaking at this much is a main region, besides the best.
  int64_t min_score = 400;
  // The best segment: the first that reaches this percentage of the
  // highest peak. Preferring the earlier of comparable segments (the
  // article over the advertisement box, sidebar or comment thread below
  // it) gained 0.005 F1 on dev-extract and 0.011 content kept on
  // dev-pages when it was introduced; 50 and 90 did slightly worse.
  int early_percent = 75;
  // Neighbouring main regions are one span if the lines between them cost
  // less than this many times the smaller side's score: 2 bridges a code
  // listing or a gallery of captions between two paragraphs of a few
  // hundred characters, where 1 split such articles (1% less content kept
  // on dev-pages); 4 and 8 let more sidebars in (0.001 and 0.003 less F1
  // on dev-extract).
  int join_factor = 2;
  // Lead lines join a region, up to this many (see above).
  int lead_lines = 4;
  // A list introduced after the region's end: at most this many items (a
  // bound only: a ranking of a hundred lines is one list; the list must
  // end at a removed line).
  int list_lines = 200;
  // Kept lines after the region's end that join it: at most this many (a
  // closing remark or an editor's note; a longer run of kept lines there
  // is more often a sidebar).
  int tail_lines = 5;
  // Restore classifier removals inside the spans.
  bool restore_inside = true;
};

// A stretch of positive score: non-blank lines [first, last] (positions in
// MainRegionScratch::index) and the score it peaks at.
struct Segment {
  int64_t peak;
  int32_t first, last;
};

// Per-document scratch space, reused between calls.
struct MainRegionScratch {
  std::vector<int32_t> index;   // Non-blank line indices.
  std::vector<int64_t> score;   // Per non-blank line.
  std::vector<int64_t> prefix;  // Prefix sums of "score".
  std::vector<Segment> segments;
  // Per line: in a hard-wrapped paragraph of prose.
  std::vector<uint8_t> wrapped_prose;
  // Main regions as [first, last] positions in "index", in line order.
  std::vector<std::pair<int32_t, int32_t>> regions;
  // Per region: 1 if it starts a new span (it is not bridged to the
  // region before it).
  std::vector<uint8_t> span_start;
  std::vector<uint8_t> in_span;  // Per position in "index".
};

// Sets "verdicts[i]" to kOutsideMain for each kept non-blank line outside
// the main spans, and back to kKept for restored lines inside them.
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
