// Copyright 2026 The pith Authors.
//
// Cheap per-line text statistics shared by the cleaner's heuristics: one
// scan per line, 64 bytes at a time, with one stopword lookup per word and
// no allocation.

#ifndef PITH_LIB_CLEAN_LINE_FEATURES_H_
#define PITH_LIB_CLEAN_LINE_FEATURES_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "lib/clean/stopwords.h"

namespace pith {
namespace internal {

struct LineFeatures {
  size_t trim_offset = 0;  // Offset of the trimmed line in the document.
  size_t trim_length = 0;  // Bytes; 0 for a blank line.
  int32_t chars = 0;       // Code points (non-continuation bytes), trimmed.
  // White-space separated tokens, plus one per two characters of scripts
  // written without spaces (see "cjk"), so that a paragraph of Chinese or
  // Japanese counts about as many words as it holds.
  int32_t words = 0;
  int32_t letter_words = 0;  // Tokens holding a letter (with the same extra).
  // Characters of scripts written without spaces between words: CJK
  // ideographs, kana and CJK punctuation (U+3000..U+9FFF), and Thai.
  int32_t cjk = 0;
  int32_t digits = 0;      // ASCII digits.
  int32_t separators = 0;  // "|", "·", "•", "»", "/" standing alone.
  uint16_t stopwords[kNumLanguages] = {};  // Stopword hits per language.
  // Ends in . ! ? … or 。！？ (closing quotes and brackets skipped).
  bool ends_sentence = false;
  bool starts_upper = false;  // Starts with an upper-case letter or digit.
  bool starts_lower = false;  // Starts with a lower-case (Latin) letter.
  bool ends_colon = false;    // Ends in ":" (introduces what follows).
  bool copyright = false;     // Holds "©" or "(c) ".

  bool blank() const { return trim_length == 0; }
};

// True if "f" reads like a line of running prose in any language: a dozen
// words or more, with the stopword share of a sentence in one of the
// built-in languages, or a long enough run of a script written without
// spaces (whose stopwords no list knows).
inline bool LooksLikeProse(const LineFeatures& f) {
  if (f.cjk >= 20) return true;
  if (f.words < 12) return false;
  int best = 0;
  for (int l = 0; l < kNumLanguages; ++l) {
    if (f.stopwords[l] > best) best = f.stopwords[l];
  }
  // One word in seven or more a stopword.
  return best * 7 >= f.words;
}

// Computes the features of "line", which starts at byte "offset" of the
// document.
void ComputeLineFeatures(absl::string_view line, size_t offset,
                         LineFeatures* features);

// ComputeLineFeatures with the code for any x86-64 CPU (SSE2), even where
// one for newer CPUs is used by ComputeLineFeatures. For tests.
void ComputeLineFeaturesPortable(absl::string_view line, size_t offset,
                                 LineFeatures* features);

// Sets only "trim_offset" and "trim_length" of "*features" (the rest is
// zero): all that rules and repeated-line detection need, for a fraction of
// the cost.
void ComputeLineTrim(absl::string_view line, size_t offset,
                     LineFeatures* features);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_LINE_FEATURES_H_
