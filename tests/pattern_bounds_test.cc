// Copyright 2026 The pith Authors.
//
// The weight bound RuleSet uses to leave rules out for long lines
// (lib/pattern_bounds.h): exact values on known patterns, and a randomized
// check that no line RE2 matches is heavier than its pattern's bound.

#include "lib/pattern_bounds.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "pith/rules.h"
#include "re2/re2.h"

namespace pith {
namespace internal {
namespace {

TEST(PatternBoundsTest, LineWeightCountsAsciiLettersAndDigits) {
  EXPECT_EQ(LineWeight(""), 0);
  EXPECT_EQ(LineWeight("  Read   more!! "), 8);
  EXPECT_EQ(LineWeight("Zürich 2026"), 9);  // ü weighs nothing.
  EXPECT_EQ(LineWeight("a_b-c.d/e@f[g`h{i"), 9);
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  EXPECT_EQ(LineWeight(all), 62);
  // Long enough for the vector loop's inner bound of 255 blocks.
  EXPECT_EQ(LineWeight(std::string(100000, 'x') + "!"), 100000);
  EXPECT_EQ(LineWeight(std::string(100003, '.')), 0);
}

TEST(PatternBoundsTest, BothEndsAnchoredPatternsAreBounded) {
  EXPECT_EQ(MaxLineWeight("^abc$"), 3);
  EXPECT_EQ(MaxLineWeight("(?i)^\\s*(read|see) more\\s*[.!\xc2\xbb]*\\s*$"), 8);
  EXPECT_EQ(MaxLineWeight("\\A(ab|cde)\\z"), 3);
  EXPECT_EQ(MaxLineWeight("^x{2,5}$"), 5);
  EXPECT_EQ(MaxLineWeight("^x{3}y?$"), 4);
  EXPECT_EQ(MaxLineWeight("^(?:a|b.c){0,4}$"), 12);
  EXPECT_EQ(MaxLineWeight("^[ \\t]*-+[*_]*$"), 0);
  EXPECT_EQ(MaxLineWeight("^\\Qa.b c\\E$"), 3);
  EXPECT_EQ(MaxLineWeight("(?i:^\\s*(?P<w>top)\\s*$)"), 3);
  EXPECT_EQ(MaxLineWeight("^^ab$$"), 2);
  EXPECT_EQ(MaxLineWeight("(^a)$"), 1);
  EXPECT_EQ(MaxLineWeight("^\\x{41}\\pL\\p{Lu}\\d\\w\\S.$"), 7);
  EXPECT_EQ(MaxLineWeight("^a{$"), 1);  // A literal "{".
  EXPECT_EQ(MaxLineWeight("^\xc3\xbc\xc2\xbb$"), 0);
  // KELVIN SIGN and LONG S fold to ASCII letters under (?i).
  EXPECT_EQ(MaxLineWeight("(?i)^\xe2\x84\xaa\xc5\xbf$"), 2);
  EXPECT_EQ(MaxLineWeight("^^a|^b$"), kUnboundedWeight);
}

TEST(PatternBoundsTest, OthersAreUnbounded) {
  for (const char* p :
       {"abc",        "^abc",       "abc$",    "^a|b$",   "^a+$",     "^.*$",
        "^\\S+$",     "^[a-c]*$",   "^[^x]*$", "(?m)^a$", "(?im)^a$", "^a(b$)?",
        "^a\\b\\w*$", "^(a",        "^a)$",    "^[a$",    "^\\",      "^\\q$",
        "",           "^\\w+\\s*$", "^\\D*$"}) {
    EXPECT_EQ(MaxLineWeight(p), kUnboundedWeight) << p;
  }
}

TEST(PatternBoundsTest, DefaultRulesMostlyBounded) {
  int bounded = 0;
  for (const Rule& rule : RuleSet::DefaultRules()) {
    bounded += MaxLineWeight(rule.pattern) != kUnboundedWeight;
  }
  EXPECT_GE(bounded, 50);
}

// Random patterns from a small grammar, anchored at both ends, and random
// lines: whenever RE2 matches, the line weighs no more than the bound.
TEST(PatternBoundsTest, NoMatchingLineIsHeavierThanTheBound) {
  std::mt19937 rng(7);
  const std::vector<std::string> atoms = {
      "a", "B",     "7",    " ",      "\\s",       "\\S",   ".",
      "-", "[.!]",  "[ab]", "[^a]",   "\\d",       "\\W",   "\xc3\xa4",
      "k", "[ \t]", "\\pL", "(?i:s)", "\\Qa b\\E", "[a-c]", "\xc2\xbb"};
  const std::vector<std::string> quantifiers = {"",  "",      "",    "?",   "*",
                                                "+", "{0,3}", "{2}", "{1,}"};
  auto pattern = [&](auto&& self, int depth) -> std::string {
    std::string out;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) {
      std::string piece;
      if (depth < 2 && rng() % 4 == 0) {
        piece = "(" + self(self, depth + 1) + "|" + self(self, depth + 1) + ")";
      } else {
        piece = atoms[rng() % atoms.size()];
      }
      out += piece + quantifiers[rng() % quantifiers.size()];
    }
    return out;
  };
  const std::string alphabet[] = {
      "a",        "b", "B",        "7", " ", "\t", "!",
      ".",        "-", "\xc3\xa4", "s", "k", "S",  "\xe2\x84\xaa",
      "\xc5\xbf", "c", "\xc2\xbb"};
  int checked = 0;
  for (int p = 0; p < 3000; ++p) {
    std::string body = pattern(pattern, 0);
    if (rng() % 2) body = "(?i)" + body;
    const std::string full = "^" + body + "$";
    RE2::Options options;
    options.set_log_errors(false);
    RE2 re(full, options);
    if (!re.ok()) continue;
    const int64_t bound = MaxLineWeight(full);
    for (int l = 0; l < 200; ++l) {
      std::string line;
      const int len = static_cast<int>(rng() % 12);
      for (int i = 0; i < len; ++i) line += alphabet[rng() % 17];
      if (RE2::PartialMatch(line, re)) {
        ++checked;
        EXPECT_LE(LineWeight(line), bound) << full << " on \"" << line << "\"";
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

}  // namespace
}  // namespace internal
}  // namespace pith
