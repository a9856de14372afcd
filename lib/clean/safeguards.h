// Copyright 2026 The pith Authors.
//
// The cleaner's safeguards, applied after every stage has had its say:
//
//   clean text stays clean  a document in which nothing but the shape of its
//                           lines suggested boilerplate (no rule, no menu
//                           run at its edges, no repeated line, no comment
//                           thread) is clean text, such as a news story:
//                           the classifier's, the recirculation detector's
//                           and the page stage's removals there are lines
//                           of the article (a headline, a dateline, table
//                           cells, a list of fixtures), so they are undone.
//   a sentence survives     no document that holds a sentence is emptied
//                           by the heuristics: if they removed every line,
//                           the lines from the first to the last sentence
//                           that only heuristics removed come back; failing
//                           that (rules removed them), the sentences
//                           themselves. Only a reject rule empties a
//                           document.

#ifndef PITH_LIB_CLEAN_SAFEGUARDS_H_
#define PITH_LIB_CLEAN_SAFEGUARDS_H_

#include "absl/types/span.h"
#include "lib/clean/line_features.h"
#include "lib/clean/line_state.h"

namespace pith {
namespace internal {

// Undoes the shape-based removals of a clean document (see above).
// REQUIRES: verdicts.size() == features.size()
void KeepCleanDocument(absl::Span<const LineFeatures> features,
                       absl::Span<LineVerdict> verdicts);

// Keeps some sentence of a document that would otherwise be emptied (see
// above). REQUIRES: verdicts.size() == features.size()
void KeepSomeSentence(absl::Span<const LineFeatures> features,
                      absl::Span<LineVerdict> verdicts);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_SAFEGUARDS_H_
