// Copyright 2026 The pith Authors.
//
// Tests of the built-in rules (lib/rules/default.rules). Every rule needs a
// line it must match and a near miss it must not: RuleSet::DefaultRules()
// is checked against the table below, so a new rule without a case fails.

#include "lib/clean/default_rules.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "pith/rules.h"
#include "re2/re2.h"
#include "tests/default_rule_cases.h"

namespace pith {
namespace {

using testing_rules::DefaultRulesTest;
using testing_rules::kCases;
using testing_rules::ReadLines;
using testing_rules::RuleCase;

TEST_F(DefaultRulesTest, DefaultRulesParseAndCompile) {
  EXPECT_GT(rules_->size(), 50);
  EXPECT_EQ(RuleSet::DefaultRules().size(), rules_->rules().size());
  for (const Rule& rule : rules_->rules()) {
    EXPECT_EQ(rule.source.rfind("default.rules:", 0), 0u) << rule.source;
  }
}

TEST_F(DefaultRulesTest, DefaultRulesTextHasNoRawStringDelimiter) {
  EXPECT_EQ(internal::DefaultRulesText().find(")PITHRULES\""),
            absl::string_view::npos);
}

TEST_F(DefaultRulesTest, EveryRuleHasATestCase) {
  std::set<std::string> covered;
  for (const RuleCase& c : kCases) covered.insert(c.rule);
  for (const Rule& rule : RuleSet::DefaultRules()) {
    EXPECT_TRUE(covered.count(rule.name))
        << "default rule \"" << rule.name << "\" (" << rule.source
        << ") has no case in kCases: add a line it must match and a near "
           "miss it must not";
  }
}

TEST_F(DefaultRulesTest, EveryCaseNamesADefaultRule) {
  for (const RuleCase& c : kCases) {
    EXPECT_GE(IndexOf(c.rule), 0) << "no default rule named " << c.rule;
  }
}

TEST_F(DefaultRulesTest, EachRuleMatchesItsLineAndNotItsNearMiss) {
  for (const RuleCase& c : kCases) {
    const int index = IndexOf(c.rule);
    if (index < 0) continue;  // Reported by EveryCaseNamesADefaultRule.
    std::vector<int> hits = Hits(c.match);
    EXPECT_TRUE(std::count(hits.begin(), hits.end(), index))
        << c.rule << " should match: " << c.match
        << "\n  hits: " << Names(hits);
    hits = Hits(c.near_miss);
    EXPECT_FALSE(std::count(hits.begin(), hits.end(), index))
        << c.rule << " should not match: " << c.near_miss;
  }
}

TEST_F(DefaultRulesTest, NearMissesOfLineRulesSurviveEveryRemovingRule) {
  // A near miss is article text: no rule at all may remove the whole line.
  // (Strip rules may cut a credit out of it.)
  for (const RuleCase& c : kCases) {
    for (int i : Hits(c.near_miss)) {
      const Rule& rule = rules_->rules()[i];
      if (rule.action == RuleAction::kStrip) continue;
      ADD_FAILURE() << "near miss of " << c.rule << " is removed by "
                    << rule.name << ": " << c.near_miss;
    }
  }
}

TEST_F(DefaultRulesTest, ActionsOfMarkerRules) {
  auto action = [](absl::string_view name) {
    const int i = IndexOf(name);
    EXPECT_GE(i, 0) << name;
    return i < 0 ? RuleAction::kDrop : rules_->rules()[i].action;
  };
  EXPECT_EQ(action("skip-to-content"), RuleAction::kDropBefore);
  EXPECT_EQ(action("zum-inhalt"), RuleAction::kDropBefore);
  EXPECT_EQ(action("comment-form-header"), RuleAction::kDropRest);
  EXPECT_EQ(action("tagged-header"), RuleAction::kDropRest);
  EXPECT_EQ(action("access-denied"), RuleAction::kReject);
  EXPECT_EQ(action("enable-javascript"), RuleAction::kReject);
  EXPECT_EQ(action("photo-credit-paren"), RuleAction::kStrip);
  EXPECT_EQ(action("read-more"), RuleAction::kDrop);
}

TEST_F(DefaultRulesTest, StripRulesCutOnlyTheCredit) {
  const int paren = IndexOf("photo-credit-paren");
  ASSERT_GE(paren, 0);
  EXPECT_EQ(
      rules_->Strip(paren,
                    "Rutte in Warsaw, Poland on November 13, 2024. "
                    "(Photo by Jakub Porzycki/NurPhoto via Getty Images)"),
      "Rutte in Warsaw, Poland on November 13, 2024.");
  EXPECT_EQ(rules_->Strip(paren, "(Credit: Clayton Aldern / Grist)"), "");
  EXPECT_EQ(
      rules_->Strip(paren, "A dog (Foto: dpa) and a cat (Bild: AP) play."),
      "A dog and a cat play.");

  const int agency = IndexOf("agency-credit-paren");
  ASSERT_GE(agency, 0);
  EXPECT_EQ(rules_->Strip(agency, "Dmitry Muratov (REUTERS/Denis Balibouse)"),
            "Dmitry Muratov");

  const int trailing = IndexOf("trailing-agency-credit");
  ASSERT_GE(trailing, 0);
  EXPECT_EQ(rules_->Strip(trailing,
                          "Anders Tegnell at a briefing. Photo: Jonathan "
                          "Nackstrand/AFP"),
            "Anders Tegnell at a briefing.");
}

TEST_F(DefaultRulesTest, InvalidUtf8AndNulBytesAreSafe) {
  const std::string lines[] = {
      std::string("Read more\xff", 10), std::string("\xc3\x28 2 min read", 13),
      std::string("By Jane\0Doe", 11), std::string("\xf0\x9f\x98", 3),
      std::string(5000, '\x80')};
  for (const std::string& line : lines) {
    std::vector<int> hits;
    EXPECT_TRUE(rules_->Match(line, &hits).ok());
    for (int i : hits) rules_->Strip(i, line);
  }
}

// Reads a file into lines; empty if it cannot be read.

TEST_F(DefaultRulesTest, SeedContentLinesAreNeverRemoved) {
  const std::string dir = std::string(PITH_TEST_DATA_DIR) + "/seeds/";
  const std::vector<std::string> labels = ReadLines(dir + "labels.json");
  ASSERT_GE(labels.size(), 2u) << "no seeds in " << dir;
  // Boilerplate line numbers per seed file, from the hand labels (kept in
  // sync with labels.json; the test checks that the files still exist).
  const struct {
    const char* file;
    std::set<int> boilerplate;
  } kSeeds[] = {
      {"000_d1b62c8c4f149f24.txt",
       {1, 3, 4, 6, 10, 11, 12, 34, 35, 36, 38, 40, 42, 43, 44}},
      {"001_1d204536031697b6.txt", {4, 13}},
      {"002_12d7a953f25de888.txt", {3, 7}},  // 7 is "either".
      {"003_25d812c264d26052.txt", {1, 2, 6, 10, 11}},
      {"004_8be5fd93039ce56a.txt", {3, 4, 34, 36, 38, 40, 41}},
  };
  int removed_boilerplate = 0;
  for (const auto& seed : kSeeds) {
    const std::vector<std::string> lines = ReadLines(dir + seed.file);
    ASSERT_GT(lines.size(), 1u) << seed.file;
    for (size_t n = 1; n <= lines.size(); ++n) {
      const std::string& line = lines[n - 1];
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::vector<int> hits = Hits(line);
      if (seed.boilerplate.count(static_cast<int>(n))) {
        removed_boilerplate += !hits.empty();
        continue;
      }
      for (int i : hits) {
        const Rule& rule = rules_->rules()[i];
        // A strip rule may cut a credit from a content line, not empty it.
        if (rule.action == RuleAction::kStrip &&
            rules_->Strip(i, line).find_first_not_of(" .,") !=
                std::string::npos) {
          continue;
        }
        ADD_FAILURE() << seed.file << ":" << n << ": content line removed by "
                      << rule.name << ": " << line;
      }
    }
  }
  // The rules find most of the labelled boilerplate (the rest is left to
  // the Cleaner's heuristics: teaser headlines, a repeated title, alt text).
  EXPECT_GE(removed_boilerplate, 22);
}

}  // namespace
}  // namespace pith
