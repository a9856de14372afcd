// Copyright 2026 The pith Authors.

#include "lib/clean/edge_runs.h"

#include <cassert>
#include <cstddef>

namespace pith {
namespace internal {
namespace {

bool IsRunLine(const EdgeRunParams& params, const LineFeatures& f) {
  return f.words <= params.max_words && !f.ends_sentence;
}

// Walks from "begin" in steps of "step" (+1 or -1) over "n" lines and marks
// the run found there.
void MarkRun(const EdgeRunParams& params, absl::Span<const LineFeatures> lines,
             absl::Span<LineVerdict> verdicts, bool from_head, int margin) {
  const ptrdiff_t n = static_cast<ptrdiff_t>(lines.size());
  const ptrdiff_t step = from_head ? 1 : -1;
  ptrdiff_t i = from_head ? 0 : n - 1;
  ptrdiff_t end = i;  // One past the run (in walking direction).
  int kept = 0;
  for (; i >= 0 && i < n; i += step) {
    const LineFeatures& f = lines[i];
    if (f.blank()) continue;
    if (!IsKept(verdicts[i])) continue;  // Rule hits extend the run.
    if (!IsRunLine(params, f)) break;
    ++kept;
  }
  end = i;
  if (kept < params.min_run) return;
  // Spare the last "margin" kept lines before "end".
  int spare = margin;
  int to_mark = kept - spare;
  if (to_mark <= 0) return;
  for (ptrdiff_t j = from_head ? 0 : n - 1; j != end && to_mark > 0;
       j += step) {
    if (lines[j].blank() || !IsKept(verdicts[j])) continue;
    verdicts[j] = kEdgeRun;
    --to_mark;
  }
}

}  // namespace

void MarkEdgeRuns(const EdgeRunParams& params,
                  absl::Span<const LineFeatures> lines,
                  absl::Span<LineVerdict> verdicts) {
  assert(verdicts.size() == lines.size());
  MarkRun(params, lines, verdicts, /*from_head=*/true, params.head_margin);
  MarkRun(params, lines, verdicts, /*from_head=*/false, params.tail_margin);
}

}  // namespace internal
}  // namespace pith
