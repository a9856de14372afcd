// Copyright 2026 The pith Authors.
//
// The "edge-run" heuristic: a page dump starts with its menus and ends with
// its footer. A run of short lines without sentence punctuation at the head
// or the tail of a document (navigation, tag lists, link rows) is removed.
// The lines of a head run nearest the body are spared for the classifier to
// judge, since a title and a date look like menu items.

#ifndef PITH_LIB_CLEAN_EDGE_RUNS_H_
#define PITH_LIB_CLEAN_EDGE_RUNS_H_

#include "absl/types/span.h"
#include "lib/clean/line_features.h"
#include "lib/clean/line_state.h"

namespace pith {
namespace internal {

struct EdgeRunParams {
  int max_words = 6;    // A run line has at most this many words
  int min_run = 3;      // and the run at least this many kept lines.
  int head_margin = 3;  // Kept lines at the inner end of a head run spared.
  int tail_margin = 1;  // Kept lines at the inner end of a tail run spared.
};

// Sets "verdicts[i]" to kEdgeRun for the lines of the head and tail runs.
// Lines already removed (by rules) extend a run without counting in it.
// REQUIRES: verdicts.size() == lines.size()
void MarkEdgeRuns(const EdgeRunParams& params,
                  absl::Span<const LineFeatures> lines,
                  absl::Span<LineVerdict> verdicts);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_EDGE_RUNS_H_
