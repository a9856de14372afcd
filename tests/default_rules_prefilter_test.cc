// Copyright 2026 The pith Authors.
//
// The literal prefilter of RuleSet::Match() on the built-in rules: it must
// not change any answer.

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
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

// The prefilter (lib/clean/rule_set.cc) must not change any answer: on the
// seeds, every case line and random mixes of case-line pieces, upper-cased and
// with folded runes (Kelvin sign, long s, Latin-1 capitals), Match() returns
// exactly the rules whose own expression matches the line.
TEST_F(DefaultRulesTest, PrefilteredMatchEqualsEveryRuleAlone) {
  std::vector<std::unique_ptr<RE2>> exact;
  for (const Rule& rule : rules_->rules()) {
    RE2::Options options;
    options.set_log_errors(false);
    exact.push_back(std::make_unique<RE2>(rule.pattern, options));
    ASSERT_TRUE(exact.back()->ok()) << rule.name;
  }
  std::vector<std::string> lines;
  const std::string dir = std::string(PITH_TEST_DATA_DIR) + "/seeds/";
  for (const std::string& label : ReadLines(dir + "labels.json")) {
    const size_t q = label.find(".txt");
    if (q == std::string::npos) continue;
    const size_t b = label.rfind('"', q);
    if (b == std::string::npos) continue;
    for (std::string& line :
         ReadLines(dir + label.substr(b + 1, q + 4 - b - 1))) {
      lines.push_back(std::move(line));
    }
  }
  std::vector<std::string> pieces;
  for (const RuleCase& c : kCases) {
    lines.push_back(c.match);
    lines.push_back(c.near_miss);
    for (absl::string_view w : absl::StrSplit(c.match, ' ')) {
      pieces.emplace_back(w);
    }
    for (absl::string_view w : absl::StrSplit(c.near_miss, ' ')) {
      pieces.emplace_back(w);
    }
  }
  const char* const kOdd[] = {
      "\xe2\x84\xaa", "\xc5\xbf",     "\xc3\x9c", "\xc3\x84",
      "\xe1\xba\x9e", "\xe2\x84\xab", "\xc5\xb8", "\xc2\xa0",
      "\xc2\xa9",     "\xff",         "/"};
  std::mt19937 rng(42);
  for (int n = 0; n < 20000; ++n) {
    std::string line;
    // Mostly short lines; one in five long, past the weight limits of the
    // rules anchored at both ends (RuleSet leaves those rules out).
    const int words = rng() % 5 == 0 ? 20 + static_cast<int>(rng() % 150)
                                     : 1 + static_cast<int>(rng() % 8);
    for (int w = 0; w < words; ++w) {
      if (w > 0) line += (rng() % 5 == 0) ? "  " : " ";
      std::string piece = pieces[rng() % pieces.size()];
      const int mode = static_cast<int>(rng() % 6);
      for (char& c : piece) {
        if (mode == 1 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      }
      if (mode == 2) {  // Runes that (?i) folds to k and s.
        for (size_t i = 0; i < piece.size(); ++i) {
          if (piece[i] == 'k' || piece[i] == 'K') {
            piece.replace(i, 1, "\xe2\x84\xaa");
          } else if (piece[i] == 's' || piece[i] == 'S') {
            piece.replace(i, 1, "\xc5\xbf");
          }
        }
      }
      if (mode == 3) piece += kOdd[rng() % (sizeof(kOdd) / sizeof(kOdd[0]))];
      line += piece;
    }
    lines.push_back(line);
  }
  // Whole case lines padded with what weighs nothing (white space,
  // punctuation, non-ASCII letters) or with a little more, and after prose.
  for (const RuleCase& c : kCases) {
    const std::string m = c.match;
    lines.push_back(std::string(500, ' ') + m + std::string(500, '\t'));
    lines.push_back(m + std::string(300, '!'));
    lines.push_back(m + std::string(200, '.') + "\xc2\xbb\xc3\xa4");
    lines.push_back(m + " x");
    lines.push_back("1 " + m);
    std::string prose;
    for (int w = 0; w < 60; ++w) prose += pieces[rng() % pieces.size()] + " ";
    lines.push_back(prose + m);
    lines.push_back(m + " " + prose);
  }
  // Whole case lines, upper-cased (ASCII and Latin-1 letters).
  for (const RuleCase& c : kCases) {
    std::string up = c.match;
    for (size_t i = 0; i < up.size(); ++i) {
      if (up[i] >= 'a' && up[i] <= 'z') up[i] = static_cast<char>(up[i] - 32);
      if (static_cast<unsigned char>(up[i]) == 0xC3 && i + 1 < up.size() &&
          static_cast<unsigned char>(up[i + 1]) >= 0xA0 &&
          static_cast<unsigned char>(up[i + 1]) <= 0xBE &&
          static_cast<unsigned char>(up[i + 1]) != 0xB7) {
        up[i + 1] = static_cast<char>(up[i + 1] - 0x20);
      }
    }
    lines.push_back(up);
  }
  ASSERT_GT(lines.size(), 20000u);
  int matched_lines = 0;
  for (const std::string& line : lines) {
    std::vector<int> want;
    for (int i = 0; i < static_cast<int>(exact.size()); ++i) {
      if (RE2::PartialMatch(line, *exact[i])) want.push_back(i);
    }
    matched_lines += !want.empty();
    EXPECT_EQ(Hits(line), want) << line;
  }
  EXPECT_GT(matched_lines, 500);
}

}  // namespace
}  // namespace pith
