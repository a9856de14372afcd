// Copyright 2026 The pith Authors.
//
// Helpers shared by the RuleSet tests (rules_test.cc, rule_file_test.cc).

#ifndef PITH_TESTS_RULES_TEST_UTIL_H_
#define PITH_TESTS_RULES_TEST_UTIL_H_

#include <cstdlib>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "pith/rules.h"

namespace pith {
namespace testing_rules_util {

inline RuleSet MustParse(absl::string_view text) {
  absl::StatusOr<RuleSet> rules =
      RuleSet::Parse(text, "test.rules", RuleSetOptions());
  EXPECT_TRUE(rules.ok()) << rules.status();
  if (!rules.ok()) std::abort();
  return *std::move(rules);
}

inline std::vector<int> Hits(const RuleSet& rules, absl::string_view line) {
  std::vector<int> hits;
  absl::Status s = rules.Match(line, &hits);
  EXPECT_TRUE(s.ok()) << s;
  return hits;
}

inline absl::Status ParseError(absl::string_view text) {
  return RuleSet::Parse(text, "site.rules", RuleSetOptions()).status();
}

}  // namespace testing_rules_util
}  // namespace pith

#endif  // PITH_TESTS_RULES_TEST_UTIL_H_
