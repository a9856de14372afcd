// Copyright 2026 The pith Authors.
//
// The "repeated-line" heuristic: a non-blank line whose trimmed text already
// occurred earlier in the document is boilerplate (a title repeated over the
// article, a caption shown twice, "Share" rows above and below). A line
// directly followed by itself with a few bytes glued on without a space
// (an image caption, then the caption with its credit: "...Rutte.AP") is an
// image caption: both copies go.

#ifndef PITH_LIB_CLEAN_REPEATED_LINES_H_
#define PITH_LIB_CLEAN_REPEATED_LINES_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/clean/line_features.h"
#include "lib/clean/line_state.h"

namespace pith {
namespace internal {

// Sets "verdicts[i]" to kRepeatedLine for each kept non-blank line i whose
// trimmed text equals that of an earlier kept non-blank line: the first
// kept copy stays, even if copies before it were removed by rules.
// "table" is scratch space, reused between calls. "*first" is set to one
// entry per line: for a repeated line, the index of its first kept copy;
// else the line's own index.
// REQUIRES: verdicts.size() == lines.size()
void MarkRepeatedLines(absl::string_view document,
                       absl::Span<const LineFeatures> lines,
                       std::vector<uint32_t>* table,
                       std::vector<int32_t>* first,
                       absl::Span<LineVerdict> verdicts);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_REPEATED_LINES_H_
