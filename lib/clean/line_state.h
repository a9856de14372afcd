// Copyright 2026 The pith Authors.
//
// The verdict the cleaner keeps per line while its stages run.

#ifndef PITH_LIB_CLEAN_LINE_STATE_H_
#define PITH_LIB_CLEAN_LINE_STATE_H_

#include <cstdint>

namespace pith {
namespace internal {

// Per-line verdict: kKept, a heuristic code below, or (>= 0) the index of the
// rule that removed the line.
using LineVerdict = int32_t;
inline constexpr LineVerdict kKept = -1;
inline constexpr LineVerdict kRepeatedLine = -2;
inline constexpr LineVerdict kEdgeRun = -3;
inline constexpr LineVerdict kClassifier = -4;
inline constexpr LineVerdict kComments = -5;
inline constexpr LineVerdict kOutsideMain = -6;
inline constexpr LineVerdict kRecirculation = -7;

inline bool IsKept(LineVerdict v) { return v == kKept; }

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_LINE_STATE_H_
