// Copyright 2026 The pith Authors.
//
// Built-in stopword lists (the most frequent function words) for the
// languages the paragraph classifier knows, and a fast lookup.

#ifndef PITH_LIB_STOPWORDS_H_
#define PITH_LIB_STOPWORDS_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

enum Language : int {
  kEnglish = 0,
  kGerman,
  kSpanish,
  kFrench,
  kPortuguese,
  kPolish,
  kItalian,
  kDutch,
  kNumLanguages,
};

// The ISO 639-1 code of "language" ("en", "de", ...), or "" if out of range.
absl::string_view LanguageCode(int language);

// The longest stopword, in bytes. Longer words need no lookup.
inline constexpr int kMaxStopwordBytes = 12;

// Returns a bit mask with bit L set if "word" is a stopword of language L;
// 0 if it is none. "word" must already be lowercased the way
// LowercaseWordByte() does (ASCII and Latin-1 letters in UTF-8). Thread-safe.
uint32_t StopwordMask(absl::string_view word);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_STOPWORDS_H_
