// Copyright 2026 The pith Authors.

#include "lib/clean/comments.h"

#include <algorithm>
#include <cassert>
#include <cstddef>

#include "lib/clean/comment_frame.h"

namespace pith {
namespace internal {

size_t MarkComments(const CommentParams& params, absl::string_view document,
                    absl::Span<const LineFeatures> lines, CommentScratch* s,
                    absl::Span<LineVerdict> verdicts) {
  assert(verdicts.size() == lines.size());
  std::vector<int32_t>& index = s->index;
  std::vector<uint8_t>& kind = s->kind;
  index.clear();
  kind.clear();
  // Lines count as frame only once enough prose came before them.
  int64_t prose = 0;
  size_t first = 0;  // In "index": the first line after enough prose.
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineFeatures& f = lines[i];
    if (f.blank()) continue;
    if (prose < params.min_prose_before) first = index.size() + 1;
    index.push_back(static_cast<int32_t>(i));
    if (LooksLikeProse(f)) prose += f.chars;
  }
  const size_t n = index.size();
  const size_t window = static_cast<size_t>(params.window);
  // Lines are classified as the scan reaches them (each once), and the scan
  // stops at the first thread: no line after its window is looked at.
  kind.assign(n, static_cast<uint8_t>(FrameKind::kNone));
  size_t classified = first;
  size_t start = n;
  for (size_t k = first; k < n && start == n; ++k) {
    for (; classified < n && classified < k + window; ++classified) {
      const LineFeatures& f = lines[index[classified]];
      kind[classified] = static_cast<uint8_t>(
          ClassifyFrameLine(document.substr(f.trim_offset, f.trim_length), f));
    }
    const FrameKind at = static_cast<FrameKind>(kind[k]);
    if (at != FrameKind::kHeader && at != FrameKind::kAuthor) continue;
    int authors = 0, frames = 0, names = 0;
    for (size_t j = k; j < n && j < k + window; ++j) {
      const FrameKind kj = static_cast<FrameKind>(kind[j]);
      if (kj == FrameKind::kAuthor) ++authors;
      if (kj == FrameKind::kAuthor || kj == FrameKind::kTime) ++frames;
      // A name over a comment's text (neither of them a rule's hit: a
      // byline over an article, a credit under a photo).
      if (kj == FrameKind::kName && j + 1 < n &&
          static_cast<FrameKind>(kind[j + 1]) == FrameKind::kNone &&
          lines[index[j + 1]].words >= params.min_comment_words &&
          verdicts[index[j]] < 0 && verdicts[index[j + 1]] < 0) {
        ++names;
      }
    }
    // From a header: two frame lines, or two names over text, follow. From
    // an author line: another author line, or two more frame lines of
    // which one is an author line.
    if (authors >= 2 ||
        (at == FrameKind::kHeader && (frames >= 2 || names >= 2)) ||
        (frames >= 3 && authors >= 1)) {
      start = k;
    }
  }
  if (start == n) return lines.size();
  for (size_t k = start; k < n; ++k) {
    LineVerdict& v = verdicts[index[k]];
    if (IsKept(v) || v == kClassifier || v == kRepeatedLine || v == kEdgeRun) {
      v = kComments;
    }
  }
  return static_cast<size_t>(index[start]);
}

}  // namespace internal
}  // namespace pith
