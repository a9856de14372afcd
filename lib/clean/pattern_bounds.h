// Copyright 2026 The pith Authors.
//
// How long a line can be and still match a rule. Most rules are anchored at
// both ends ("^\s*(read more|weiterlesen)\s*$"), so they match only lines of
// a few words, while a page's bytes are mostly in long paragraphs. RuleSet
// (lib/clean/rule_set.cc) uses the bounds to leave out, for a long line, every
// rule that cannot match it: their atoms are not looked for, their expressions
// not run.
//
// A line's size has two measures, and a rule bounds each:
//   - its "weight": how many ASCII letters and digits it holds. Only those
//     count because "\s*", "[.!»›>]*" or "[*_]*" take any number of other
//     characters, and because a non-ASCII letter that (?i) could fold to one
//     (KELVIN SIGN, LONG S) is taken as heavy in a pattern, while a line's
//     count leaves it out, which errs on the safe side;
//   - its "gaps": how many runs of whitespace (RE2's \s: tab, line feed, form
//     feed, carriage return, space) it holds, which bounds its words for a
//     rule such as "^\s*more from \S+(\s+\S+){0,4}\s*$" whose "\S+" can
//     take any number of letters.
//
//   MaxLineSize("(?i)^\s*(read|see) more\s*[.!»]*\s*$")  == {8, 4}
//   MeasureLine("  Read   more!! ") == {8, 3}
//   MaxLineSize("\bcookies\b")  == {kUnboundedWeight, kUnboundedWeight}
//                                   (not anchored)

#ifndef PITH_LIB_CLEAN_PATTERN_BOUNDS_H_
#define PITH_LIB_CLEAN_PATTERN_BOUNDS_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

constexpr int64_t kUnboundedWeight = INT64_MAX;

struct LineSize {
  int64_t weight = 0;  // ASCII letters and digits.
  int64_t gaps = 0;    // Maximal runs of \s bytes.
};

// Returns true if a line of size "line" is within "bound" on both measures.
inline bool Fits(const LineSize& line, const LineSize& bound) {
  return line.weight <= bound.weight && line.gaps <= bound.gaps;
}

// Returns upper bounds on the size of every "line" that RE2 (UTF-8, default
// options) matches with "pattern" in UNANCHORED mode. A measure it finds no
// bound for is kUnboundedWeight; both are when the pattern is not anchored
// at both ends (a match may cover part of a line), uses multi-line mode, or
// holds syntax this reader does not know. Each is unbounded on its own when
// the pattern has an unbounded repeat of something that can take a letter
// or digit (weight), or a space and something else ("[\s-]*", ".*": gaps).
// Reads the syntax only; never compiles.
LineSize MaxLineSize(absl::string_view pattern);

// Returns the size of "line". SSE2.
LineSize MeasureLine(absl::string_view line);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_PATTERN_BOUNDS_H_
