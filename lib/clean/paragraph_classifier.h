// Copyright 2026 The pith Authors.
//
// The "classifier" heuristic: a jusText-style paragraph classifier that uses
// only the text. Each non-blank line is a paragraph. A first pass labels it
// from its own features:
//
//   bad        copyright lines, link rows ("a | b | c"), or text with few
//              stopwords for the document's language
//   short      fewer than "length_low" characters
//   near-good  enough stopwords, but shorter than "length_high"
//   good       long, with the stopword density of running prose
//
// Lines of one hard-wrapped paragraph (a line that does not end a sentence,
// followed by one that starts in lower case) are first classified together,
// as one paragraph.
//
// A second pass settles short and near-good paragraphs by their nearest
// good/bad neighbours (the document edges count as bad): a short paragraph
// between two good ones is good, between two bad ones bad. Heading-like
// lines (short, no final period) followed closely by a good paragraph are
// kept, so titles and subheadings survive.
//
// A good line ending in ":" (or one right after good text) introduces what
// follows: the short lines after it, up to "max_list_lines" and the next
// paragraph or removed line, are kept (list items, table cells, code).
//
// Last, an orphan tail heading is dropped: a heading-like last kept line
// right after the final paragraph and followed only by removed lines (a
// related-article teaser left over from a block whose rest was removed).
//
// Stopword densities are those of each paragraph's own language: the
// document's (the one whose stopwords occur most often in it), unless
// another built-in list has clearly more hits in the paragraph (an English
// quote on a German page). If neither has enough hits, stopword density is
// not used for that paragraph.

#ifndef PITH_LIB_CLEAN_PARAGRAPH_CLASSIFIER_H_
#define PITH_LIB_CLEAN_PARAGRAPH_CLASSIFIER_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "lib/clean/line_features.h"
#include "lib/clean/line_state.h"

namespace pith {
namespace internal {

struct ClassifierParams {
  int length_low = 70;           // Characters: below this a paragraph is short.
  int length_high = 200;         // Characters: good needs at least this.
  double stopwords_low = 0.30;   // Density for near-good.
  double stopwords_high = 0.32;  // Density for good.
  int max_heading_lines = 4;     // A heading's good paragraph is this close
  int max_heading_distance = 400;  // (lines, and characters in between).
  int heading_max_words = 20;      // Longer lines are not headings.
  // Minimum share of a document's words that must be stopwords of its best
  // language for densities to be used at all.
  double min_language_share = 0.08;
  int near_repeat_lines = 10;
  // A short line that ends like a sentence, has this many words and a
  // stopword stays next to good text.
  int sentence_min_words = 4;
  // Whether short lines removed by rules are neutral context (else bad).
  bool neutral_rule_hits = true;
  // The densities are capped at these fractions of the document's density
  // over its long paragraphs.
  double relative_low = 0.5;
  double relative_high = 0.6;
  // An orphan tail heading (see ClassifyParagraphs) needs at least this many
  // removed lines after it.
  int orphan_min_removed_after = 2;
  // A line ending in ":" inside the text keeps up to this many short lines
  // after it (a list, a table, code) until the next good paragraph.
  int max_list_lines = 12;
};

// Per-document scratch space, reused between calls.
struct ClassifierScratch {
  std::vector<int32_t> index;  // Non-blank line indices.
  // Features of the hard-wrapped paragraph each line belongs to.
  std::vector<LineFeatures> joined;
  std::vector<int8_t> language;  // Per paragraph, or -1.
  std::vector<uint8_t> cls;
  std::vector<uint8_t> initial;
  std::vector<uint8_t> heading;
  std::vector<uint8_t> sentence;
  std::vector<int32_t> prev;
  std::vector<int32_t> next;
  std::vector<uint8_t> prev_not_short;
  std::vector<uint8_t> next_not_short;
};

// Returns the language with most stopword hits in "lines", or -1 if it has
// fewer than "min_share" of all words.
int DetectLanguage(absl::Span<const LineFeatures> lines, double min_share);

// Sets "verdicts[i]" to kClassifier for each kept line judged boilerplate.
// Removed lines count as bad context, except lines that repeat a line less
// than "near_repeat_lines" lines before them ("first" as MarkRepeatedLines
// returns it, or empty): a share row above and below a paragraph is no
// evidence against it.
// REQUIRES: verdicts.size() == lines.size()
void ClassifyParagraphs(const ClassifierParams& params,
                        absl::Span<const LineFeatures> lines,
                        absl::Span<const int32_t> first, int language,
                        ClassifierScratch* scratch,
                        absl::Span<LineVerdict> verdicts);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_PARAGRAPH_CLASSIFIER_H_
