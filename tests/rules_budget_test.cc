// Copyright 2026 The pith Authors.
//
// Rule sizes and the rule set's memory budget (issue 15, item 10): a rule
// too large by itself is refused quickly and by name; a set too large for
// its budget says that the budget is the whole set's, with the numbers.

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/clean/rule_file.h"
#include "pith/rules.h"

namespace pith {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// The built-in rules plus those of "text" (named "extra.rules").
absl::StatusOr<RuleSet> WithDefaults(const std::string& text,
                                     const RuleSetOptions& options) {
  absl::StatusOr<std::vector<Rule>> extra =
      RuleSet::ParseRules(text, "extra.rules");
  std::vector<Rule> rules = RuleSet::DefaultRules();
  if (!extra.ok()) {
    // Parse them without the per-pattern checks, to test Create()'s.
    extra = std::vector<Rule>();
    Rule r;
    const size_t a = text.find(' '), b = text.find(' ', a + 1);
    r.name = text.substr(a + 1, b - a - 1);
    r.pattern = text.substr(b + 1);
    while (!r.pattern.empty() && r.pattern.back() == '\n') {
      r.pattern.pop_back();
    }
    r.source = "extra.rules:1";
    extra->push_back(r);
  }
  rules.insert(rules.end(), extra->begin(), extra->end());
  return RuleSet::Create(std::move(rules), options);
}

TEST(RuleBudgetTest, HugePatternIsRefusedAtOnce) {
  const std::string text = "drop big " + std::string(1000000, 'x') + "\n";
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<RuleSet> set =
      RuleSet::Parse(text, "big.rules", RuleSetOptions());
  EXPECT_LT(SecondsSince(start), 1.0);  // 35 s before the limit.
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(set.status().message(),
            "big.rules:1: rule \"big\": pattern is 1000000 bytes, over the "
            "limit of 16384 bytes per rule (max_pattern_bytes)");
  EXPECT_EQ(RuleSet::ParseRules(text, "big.rules").status().code(),
            absl::StatusCode::kInvalidArgument);
  // Among the built-in rules, after them.
  EXPECT_EQ(WithDefaults(text, RuleSetOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// "(.*a){1000}" took 47 s on a 1 MB line: refused before it is compiled
// (its 1000 loops), in milliseconds.
TEST(RuleBudgetTest, SlowRuleOfTheIssueIsRefusedAtOnce) {
  const std::string text = "drop slow (.*a){1000}\n";
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<RuleSet> set =
      RuleSet::Parse(text, "slow.rules", RuleSetOptions());
  EXPECT_LT(SecondsSince(start), 1.0);
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(set.status().message(),
                               "slow.rules:1: rule \"slow\": pattern has 1000 "
                               "unbounded repeats"))
      << set.status();
  EXPECT_EQ(RuleSet::ParseRules(text, "slow.rules").status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<RuleSet> with = WithDefaults(text, RuleSetOptions());
  EXPECT_TRUE(
      absl::StartsWith(with.status().message(), "extra.rules:1: rule \"slow\""))
      << with.status();
}

TEST(RuleBudgetTest, RuleWithAHugeProgramIsRefusedQuickly) {
  const std::string text = "drop big (abcdefghijkl){1000}\n";  // No loops.
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<RuleSet> set =
      RuleSet::Parse(text, "big.rules", RuleSetOptions());
  EXPECT_LT(SecondsSince(start), 1.0);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(
      set.status().message(),
      "big.rules:1: rule \"big\": compiled size 14004 is over the limit of "
      "10000 RE2 instructions per rule"))
      << set.status();
  EXPECT_EQ(RuleSet::ParseRules(text, "big.rules").status().code(),
            absl::StatusCode::kInvalidArgument);
  // After the built-in rules.
  absl::StatusOr<RuleSet> with = WithDefaults(text, RuleSetOptions());
  EXPECT_EQ(with.status().code(), absl::StatusCode::kInvalidArgument)
      << with.status();
  EXPECT_TRUE(
      absl::StartsWith(with.status().message(), "extra.rules:1: rule \"big\""))
      << with.status();
  // With a budget too small for it, the message still blames the rule, not
  // the budget.
  RuleSetOptions small;
  small.max_mem = int64_t{64} << 10;
  absl::StatusOr<RuleSet> tight = RuleSet::Parse(text, "big.rules", small);
  EXPECT_EQ(tight.status().code(), absl::StatusCode::kInvalidArgument)
      << tight.status();
  // The limit is an option.
  RuleSetOptions larger;
  larger.max_rule_program_size = 20000;
  EXPECT_TRUE(RuleSet::Parse(text, "big.rules", larger).ok());
}

TEST(RuleBudgetTest, SetTooLargeForTheBudgetSaysItIsTheWholeSet) {
  std::string text;
  for (int i = 0; i < 2100; ++i) {
    absl::StrAppend(&text, "drop r", i, " ^word", i, " here$\n");
  }
  const int n = static_cast<int>(RuleSet::DefaultRules().size()) + 2100;
  absl::StatusOr<RuleSet> set = WithDefaults(text, RuleSetOptions());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kResourceExhausted);
  const std::string message(set.status().message());
  EXPECT_TRUE(absl::StartsWith(
      message, absl::StrCat("the rule memory budget (max_mem 512.0 MiB) is "
                            "for the whole set and too small for its ",
                            n, " rules: each gets an even share of ")))
      << message;
  EXPECT_TRUE(absl::StrContains(message, "(default.rules:")) << message;
  EXPECT_TRUE(absl::StrContains(message, "so the set needs about")) << message;
  // A budget that large is enough.
  RuleSetOptions o;
  o.max_mem = int64_t{4} << 30;
  absl::StatusOr<RuleSet> fits = WithDefaults(text, o);
  ASSERT_TRUE(fits.ok()) << fits.status();
  std::vector<int> hits;
  ASSERT_TRUE(fits->Match("word2099 here", &hits).ok());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(fits->rules()[hits[0]].name, "r2099");
}

TEST(RuleBudgetTest, ExpandedLoopsCountsLoopsAsRe2ExpandsThem) {
  using internal::ExpandedLoops;
  EXPECT_EQ(ExpandedLoops("(.*a){1000}"), 1000);
  EXPECT_EQ(ExpandedLoops("(?i)^(\\s+\\S+){0,4}\\s*$"), 9);
  EXPECT_EQ(ExpandedLoops("a.{0,200}b"), 0);
  EXPECT_EQ(ExpandedLoops("((a+){10}){10}"), 100);
  EXPECT_EQ(ExpandedLoops("(?:x*|y+)z{3,}"), 3);
  EXPECT_EQ(ExpandedLoops("[*+]{5}\\*\\Q**\\E(?P<n>a*?)"), 1);
  int64_t most = 0;
  for (const Rule& r : RuleSet::DefaultRules()) {
    most = std::max(most, ExpandedLoops(r.pattern));
  }
  EXPECT_LE(most, 50);  // byline: 42.
}

TEST(RuleBudgetTest, RuleWithManyLoopsIsRefusedBeforeCompiling) {
  const std::string text = "drop slowish (.*a){500}\n";
  absl::StatusOr<RuleSet> set =
      RuleSet::Parse(text, "slow.rules", RuleSetOptions());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(set.status().message(),
                               "slow.rules:1: rule \"slowish\": pattern has "
                               "500 unbounded repeats"))
      << set.status();
  EXPECT_TRUE(
      RuleSet::Parse("drop ok (.*a){100}\n", "ok.rules", RuleSetOptions())
          .ok());
}

TEST(RuleBudgetTest, LimitsMustBePositive) {
  RuleSetOptions o;
  o.max_pattern_bytes = 0;
  EXPECT_EQ(RuleSet::Create({}, o).status().code(),
            absl::StatusCode::kInvalidArgument);
  o = RuleSetOptions();
  o.max_rule_program_size = 0;
  EXPECT_EQ(RuleSet::Create({}, o).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace pith
