// Copyright 2026 The pith Authors.
//
// The size bounds RuleSet uses to leave rules out for long lines
// (lib/clean/pattern_bounds.h): exact values on known patterns, and a randomized
// check that no line RE2 matches is larger than its pattern's bounds.

#include "lib/clean/pattern_bounds.h"

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
  EXPECT_EQ(MeasureLine("").weight, 0);
  EXPECT_EQ(MeasureLine("  Read   more!! ").weight, 8);
  EXPECT_EQ(MeasureLine("Zürich 2026").weight, 9);  // ü weighs nothing.
  EXPECT_EQ(MeasureLine("a_b-c.d/e@f[g`h{i").weight, 9);
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  EXPECT_EQ(MeasureLine(all).weight, 62);
  // Long enough for the vector loop's inner bound of 255 blocks.
  EXPECT_EQ(MeasureLine(std::string(100000, 'x') + "!").weight, 100000);
  EXPECT_EQ(MeasureLine(std::string(100003, '.')).weight, 0);
}

TEST(PatternBoundsTest, BothEndsAnchoredPatternsAreBounded) {
  EXPECT_EQ(MaxLineSize("^abc$").weight, 3);
  EXPECT_EQ(
      MaxLineSize("(?i)^\\s*(read|see) more\\s*[.!\xc2\xbb]*\\s*$").weight, 8);
  EXPECT_EQ(MaxLineSize("\\A(ab|cde)\\z").weight, 3);
  EXPECT_EQ(MaxLineSize("^x{2,5}$").weight, 5);
  EXPECT_EQ(MaxLineSize("^x{3}y?$").weight, 4);
  EXPECT_EQ(MaxLineSize("^(?:a|b.c){0,4}$").weight, 12);
  EXPECT_EQ(MaxLineSize("^[ \\t]*-+[*_]*$").weight, 0);
  EXPECT_EQ(MaxLineSize("^\\Qa.b c\\E$").weight, 3);
  EXPECT_EQ(MaxLineSize("(?i:^\\s*(?P<w>top)\\s*$)").weight, 3);
  EXPECT_EQ(MaxLineSize("^^ab$$").weight, 2);
  EXPECT_EQ(MaxLineSize("(^a)$").weight, 1);
  EXPECT_EQ(MaxLineSize("^\\x{41}\\pL\\p{Lu}\\d\\w\\S.$").weight, 7);
  EXPECT_EQ(MaxLineSize("^a{$").weight, 1);  // A literal "{".
  EXPECT_EQ(MaxLineSize("^\xc3\xbc\xc2\xbb$").weight, 0);
  // KELVIN SIGN and LONG S fold to ASCII letters under (?i).
  EXPECT_EQ(MaxLineSize("(?i)^\xe2\x84\xaa\xc5\xbf$").weight, 2);
  EXPECT_EQ(MaxLineSize("^^a|^b$").weight, kUnboundedWeight);
}

TEST(PatternBoundsTest, LineGapsCountRunsOfWhitespace) {
  EXPECT_EQ(MeasureLine("").gaps, 0);
  EXPECT_EQ(MeasureLine("word").gaps, 0);
  EXPECT_EQ(MeasureLine("  Read   more!! ").gaps, 3);
  EXPECT_EQ(MeasureLine("a\t \r\fb\nc").gaps, 2);
  EXPECT_EQ(MeasureLine("a\vb").gaps, 0);  // Not in \s.
  // Runs that cross the vector loop's 16-byte blocks count once.
  std::string words;
  for (int i = 0; i < 1000; ++i) words += i % 3 == 0 ? "abcdefg     " : "x ";
  EXPECT_EQ(MeasureLine(words).gaps, 1000);
  EXPECT_EQ(MeasureLine(std::string(100003, ' ')).gaps, 1);
  std::string alternating;
  for (int i = 0; i < 10001; ++i) alternating += "a ";
  EXPECT_EQ(MeasureLine(alternating).gaps, 10001);
}

TEST(PatternBoundsTest, GapsAreBoundedWhereWordsAre) {
  EXPECT_EQ(MaxLineSize("^abc$").gaps, 0);
  EXPECT_EQ(MaxLineSize("(?i)^\\s*(read|see) more\\s*[.!\xc2\xbb]*\\s*$").gaps,
            4);
  EXPECT_EQ(MaxLineSize("^\\s*\\s+[ \\t]*$").gaps, 1);         // One run.
  EXPECT_EQ(MaxLineSize("^[\t- ]*$").gaps, kUnboundedWeight);  // Holds \v.
  EXPECT_EQ(MaxLineSize("^\\s*more from \\S+(\\s+\\S+){0,4}\\s*$").gaps, 8);
  EXPECT_EQ(MaxLineSize("^[\\d.,]+k?\\s+of\\s+[\\d.,]+$").gaps, 2);
  EXPECT_EQ(MaxLineSize("^.{0,10}$").gaps, 10);
  EXPECT_EQ(MaxLineSize("^[^\\s,|]+( [^\\s,|]+){0,3}$").gaps, 3);
  EXPECT_EQ(MaxLineSize("^[a-z]*\\pL+\\p{Lu}*$").gaps, 0);
  EXPECT_EQ(MaxLineSize("^\\Qa  b c\\E$").gaps, 2);
  EXPECT_EQ(MaxLineSize("^\\w+\\s*$").gaps, 1);
  for (const char* p : {"^.*$", "^[\\s-]*$", "^\\D*$", "^\\W+$", "^[^a]*$",
                        "^[[:alpha:]]*$", "^[ -~]*$", "^\\p{Zs}*a*$",
                        "^(a\\s)*$", "^\\x{20}*x$", "^\\040+x$", "abc"}) {
    EXPECT_EQ(MaxLineSize(p).gaps, kUnboundedWeight) << p;
  }
}

TEST(PatternBoundsTest, OthersAreUnbounded) {
  for (const char* p :
       {"abc",        "^abc",       "abc$",    "^a|b$",   "^a+$",     "^.*$",
        "^\\S+$",     "^[a-c]*$",   "^[^x]*$", "(?m)^a$", "(?im)^a$", "^a(b$)?",
        "^a\\b\\w*$", "^(a",        "^a)$",    "^[a$",    "^\\",      "^\\q$",
        "",           "^\\w+\\s*$", "^\\D*$"}) {
    EXPECT_EQ(MaxLineSize(p).weight, kUnboundedWeight) << p;
  }
}

TEST(PatternBoundsTest, DefaultRulesMostlyBounded) {
  int bounded = 0;
  int gaps_bounded = 0;
  for (const Rule& rule : RuleSet::DefaultRules()) {
    const LineSize bound = MaxLineSize(rule.pattern);
    bounded += bound.weight != kUnboundedWeight;
    gaps_bounded += bound.gaps != kUnboundedWeight;
  }
  EXPECT_GE(bounded, 50);
  EXPECT_GE(gaps_bounded, 60);
}

// Random patterns from a small grammar, anchored at both ends, and random
// lines: whenever RE2 matches, the line is within both bounds.
TEST(PatternBoundsTest, NoMatchingLineExceedsTheBounds) {
  std::mt19937 rng(7);
  const std::vector<std::string> atoms = {
      "a",         "B",        "7",        " ",      "\\s",     "\\S",
      ".",         "-",        "[.!]",     "[ab]",   "[^a]",    "\\d",
      "\\W",       "\xc3\xa4", "k",        "[ \t]",  "\\pL",    "(?i:s)",
      "\\Qa b\\E", "[a-c]",    "\xc2\xbb", "[\\s-]", "[^\\s,]", "[\\t-\\r]",
      "[\\x09-!]", "\\D",      "[^a-z]",   "\\ ",    "\\r",     "[[:space:]]",
      "\\p{Zs}",   "\\pN",     "[^\\S]",   "\\v"};
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
      "a",        "b", "B",        "7",  " ",  "\t", "!",
      ".",        "-", "\xc3\xa4", "s",  "k",  "S",  "\xe2\x84\xaa",
      "\xc5\xbf", "c", "\xc2\xbb", "\r", "\f", "\v", "  "};
  int checked = 0;
  for (int p = 0; p < 3000; ++p) {
    std::string body = pattern(pattern, 0);
    if (rng() % 2) body = "(?i)" + body;
    const std::string full = "^" + body + "$";
    RE2::Options options;
    options.set_log_errors(false);
    RE2 re(full, options);
    if (!re.ok()) continue;
    const LineSize bound = MaxLineSize(full);
    for (int l = 0; l < 200; ++l) {
      std::string line;
      const int len = static_cast<int>(rng() % 12);
      for (int i = 0; i < len; ++i) {
        line += alphabet[rng() % (sizeof(alphabet) / sizeof(alphabet[0]))];
      }
      if (RE2::PartialMatch(line, re)) {
        ++checked;
        const LineSize size = MeasureLine(line);
        EXPECT_LE(size.weight, bound.weight)
            << full << " on \"" << line << "\"";
        EXPECT_LE(size.gaps, bound.gaps) << full << " on \"" << line << "\"";
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

}  // namespace
}  // namespace internal
}  // namespace pith
