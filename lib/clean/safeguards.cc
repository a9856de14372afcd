// Copyright 2026 The pith Authors.

#include "lib/clean/safeguards.h"

#include <cassert>
#include <cstddef>

namespace pith {
namespace internal {
namespace {

// A line that holds a sentence: it ends like one and has a few words, or is
// a paragraph of prose.
bool HoldsSentence(const LineFeatures& f) {
  return (f.ends_sentence && f.letter_words >= 3) || LooksLikeProse(f);
}

// Removals that judge a line by its shape and place alone.
bool ShapeRemoval(LineVerdict v) {
  return v == kClassifier || v == kRecirculation || v == kOutsideMain;
}

}  // namespace

// A document in which nothing but the shape of its lines suggested
// boilerplate (no rule, no menu run at its edges, no repeated line, no
// comment thread) is clean text, such as a news story: the classifier's,
// the recirculation detector's and the page stage's removals there are
// lines of the article (a headline, a dateline, table cells, a list of
// fixtures), so they are undone.
void KeepCleanDocument(absl::Span<const LineFeatures> features,
                       absl::Span<LineVerdict> verdicts) {
  assert(verdicts.size() == features.size());
  for (size_t i = 0; i < features.size(); ++i) {
    if (!features[i].blank() && !IsKept(verdicts[i]) &&
        !ShapeRemoval(verdicts[i])) {
      return;
    }
  }
  for (size_t i = 0; i < features.size(); ++i) {
    if (ShapeRemoval(verdicts[i])) verdicts[i] = kKept;
  }
}

// No document that holds a sentence is emptied by the heuristics: if they
// removed every line, the lines from the first to the last sentence that
// only heuristics removed come back; failing that (rules removed them),
// the sentences themselves.
void KeepSomeSentence(absl::Span<const LineFeatures> features,
                      absl::Span<LineVerdict> verdicts) {
  assert(verdicts.size() == features.size());
  size_t first = features.size(), last = 0;
  for (size_t i = 0; i < features.size(); ++i) {
    if (features[i].blank()) continue;
    if (IsKept(verdicts[i])) return;
    if (HoldsSentence(features[i])) {
      if (first == features.size()) first = i;
      last = i;
    }
  }
  if (first == features.size()) return;
  bool restored = false;
  for (size_t i = first; i <= last; ++i) {
    if (!features[i].blank() && verdicts[i] < 0) {
      verdicts[i] = kKept;
      restored = true;
    }
  }
  if (restored) return;
  for (size_t i = first; i <= last; ++i) {
    if (!features[i].blank() && HoldsSentence(features[i])) {
      verdicts[i] = kKept;
    }
  }
}

}  // namespace internal
}  // namespace pith
