// Copyright 2026 The pith Authors.
//
// How long a line can be and still match a rule. Most rules are anchored at
// both ends ("^\s*(read more|weiterlesen)\s*$"), so they match only lines of
// a few words, while a page's bytes are mostly in long paragraphs. RuleSet
// (lib/rules.cc) uses the bound to leave out, for a long line, every rule
// that cannot match it: their atoms are not looked for, their expressions
// not run.
//
// The measure is a line's "weight": how many ASCII letters and digits it
// holds. Only those count because "\s*", "[.!»›>]*" or "[*_]*" take any
// number of other characters, and because a non-ASCII letter that (?i)
// could fold to one (KELVIN SIGN, LONG S) is taken as heavy in a pattern,
// while a line's count leaves it out, which errs on the safe side.
//
//   MaxLineWeight("(?i)^\s*(read|see) more\s*[.!»]*\s*$")  == 8
//   LineWeight("  Read   more!! ") == 8
//   MaxLineWeight("\bcookies\b")  == kUnboundedWeight  (not anchored)

#ifndef PITH_LIB_PATTERN_BOUNDS_H_
#define PITH_LIB_PATTERN_BOUNDS_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

constexpr int64_t kUnboundedWeight = INT64_MAX;

// Returns an upper bound on LineWeight(line) over every "line" that RE2
// (UTF-8, default options) matches with "pattern" in UNANCHORED mode, or
// kUnboundedWeight if it finds none: when the pattern is not anchored at
// both ends (a match may cover part of a line), has an unbounded repeat of
// something that can take a letter or digit, uses multi-line mode, or holds
// syntax this reader does not know. Reads the syntax only; never compiles.
int64_t MaxLineWeight(absl::string_view pattern);

// Returns the weight of "line": its ASCII letters and digits. SSE2.
int64_t LineWeight(absl::string_view line);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_PATTERN_BOUNDS_H_
