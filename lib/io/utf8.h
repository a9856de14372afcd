// Copyright 2026 The pith Authors.
//
// UTF-8 validation and repair for the JSON that pith reads and writes: JSON
// text must be UTF-8, so every invalid sequence becomes U+FFFD.
//
// What counts as one invalid sequence follows the Unicode Standard's
// "maximal subpart" practice (chapter 3, U+FFFD substitution), as Python,
// browsers and ICU do: a byte that cannot start a sequence is one; so is the
// longest prefix of a sequence that a valid sequence could start with but that
// is cut short. Overlong forms, surrogates (ED A0..BF) and code points above
// U+10FFFF are invalid.
//
//   "a\xC3("        -> "a\uFFFD("       (lead byte without its continuation)
//   "\xF0\x9F\x98"  -> "\uFFFD"         (one cut-short 4-byte sequence)
//   "\xC0\xAF"      -> "\uFFFD\uFFFD"   (C0 never starts a sequence)

#ifndef PITH_LIB_IO_UTF8_H_
#define PITH_LIB_IO_UTF8_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

// U+FFFD REPLACEMENT CHARACTER in UTF-8.
inline constexpr absl::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// Returns the length of the longest prefix of "s" that is valid UTF-8
// (s.size() if all of it is). ASCII runs are checked 16 bytes at a time.
size_t ValidUtf8Prefix(absl::string_view s);

// Returns the length (1 to 3) of the invalid sequence at the start of "s".
// REQUIRES: "s" is not empty and does not start with a valid sequence
// (ValidUtf8Prefix(s) == 0).
size_t InvalidSequenceLength(absl::string_view s);

// Appends "s" to "*out" with each invalid sequence replaced by U+FFFD.
// Returns the number of replacements.
size_t AppendRepairedUtf8(absl::string_view s, std::string* out);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_IO_UTF8_H_
