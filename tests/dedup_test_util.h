// Copyright 2026 The pith Authors.
//
// Texts and helpers shared by the Deduplicator tests (dedup_test.cc,
// dedup_verify_test.cc).

#ifndef PITH_TESTS_DEDUP_TEST_UTIL_H_
#define PITH_TESTS_DEDUP_TEST_UTIL_H_

#include <utility>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "pith/dedup.h"

namespace pith {
namespace testing_dedup {

inline constexpr const char* kA =
    "The central bank raised interest rates by a quarter of a point on "
    "Thursday, its third increase this year, citing stubborn inflation. "
    "Economists had expected the move after figures last week showed prices "
    "rising faster than wages for a sixth month.";
inline constexpr const char* kAEdited =
    "The central bank raised interest rates by a quarter of a point on "
    "Thursday, its third rise this year, citing stubborn inflation. "
    "Economists had expected the move after figures last week showed prices "
    "rising faster than wages for a sixth month.";
inline constexpr const char* kB =
    "Heavy rain flooded roads across the north of the country and forced "
    "schools to close, while forecasters warned of more storms to come.";
inline constexpr const char* kC =
    "The new phone has a larger screen and a faster chip, but reviewers "
    "said the battery life was disappointing for the price.";

inline DedupOptions Options() {
  DedupOptions o;
  o.min_words = 1;
  return o;
}

inline Deduplicator Make(const DedupOptions& o) {
  absl::StatusOr<Deduplicator> d = Deduplicator::Create(o);
  EXPECT_TRUE(d.ok()) << d.status();
  return *std::move(d);
}

}  // namespace testing_dedup
}  // namespace pith

#endif  // PITH_TESTS_DEDUP_TEST_UTIL_H_
