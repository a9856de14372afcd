// Copyright 2026 The pith Authors.
//
// Tests of the rule-file parser and RuleSet through the public API.

#include "pith/rules.h"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "tests/rules_test_util.h"

namespace pith {
namespace {

using testing_rules_util::Hits;
using testing_rules_util::MustParse;
using testing_rules_util::ParseError;

TEST(RuleSetTest, CreateChecksRulesLikeParse) {
  std::vector<Rule> rules(2);
  rules[0].name = "a";
  rules[0].pattern = "^a$";
  rules[1].name = "a";
  rules[1].pattern = "^b$";
  EXPECT_EQ(RuleSet::Create(rules, RuleSetOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
  rules[1].name = "b c";
  EXPECT_EQ(RuleSet::Create(rules, RuleSetOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
  rules[1].name = "b";
  rules[1].pattern = "";
  EXPECT_EQ(RuleSet::Create(rules, RuleSetOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
  rules[1].pattern = "[b";
  rules[1].source = "extra:9";
  absl::Status s = RuleSet::Create(rules, RuleSetOptions()).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "extra:9: rule \"b\": missing ]: [b");
  rules[1].pattern = "^b$";
  EXPECT_TRUE(RuleSet::Create(rules, RuleSetOptions()).ok());
}

TEST(RuleSetTest, NonPositiveMaxMemIsAnError) {
  RuleSetOptions options;
  options.max_mem = 0;
  EXPECT_EQ(RuleSet::Parse("drop a a", "x", options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RuleSetTest, NegativeRememberedLinesIsAnError) {
  RuleSetOptions options;
  options.remembered_lines = -1;
  EXPECT_EQ(RuleSet::Parse("drop a a", "x", options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// The per-thread memo of short lines' results never changes a result: not
// for a line seen again, not after it fills up and starts over, and not for
// a second set (same thread) with other rules for the same lines.
TEST(RuleSetTest, RememberedLinesGiveTheSameResults) {
  RuleSetOptions plain_options;
  plain_options.remembered_lines = 0;
  RuleSetOptions small_memo;
  small_memo.remembered_lines = 3;
  absl::StatusOr<RuleSet> plain = RuleSet::Default(plain_options);
  absl::StatusOr<RuleSet> remembering = RuleSet::Default(RuleSetOptions());
  absl::StatusOr<RuleSet> small = RuleSet::Default(small_memo);
  ASSERT_TRUE(plain.ok() && remembering.ok() && small.ok());
  RuleSet other = MustParse("drop more (?i)more\n");
  const std::vector<std::string> lines = {"Read more",
                                          "Share",
                                          "2 min read",
                                          "Menu",
                                          "Read more ",
                                          "Learn more",
                                          "Share",
                                          "Read more",
                                          "",
                                          std::string(200, 'x'),
                                          "x Read more x",
                                          "Log in",
                                          "Menu",
                                          "Read more"};
  int matched = 0;
  for (int round = 0; round < 3; ++round) {
    for (const std::string& line : lines) {
      const std::vector<int> want = Hits(*plain, line);
      matched += !want.empty();
      EXPECT_EQ(Hits(*remembering, line), want) << line;
      EXPECT_EQ(Hits(*small, line), want) << line;
      EXPECT_EQ(Hits(other, line).empty(),
                line.find("more") == std::string::npos)
          << line;
    }
  }
  EXPECT_GT(matched, 10);
}

// Every line gets the same matches as each rule's own RE2 would give, also
// long lines (which see only the rules that can match a long line, through
// their own prefilter) and lines near the size bounds of the rules: random
// lines of words and the phrases the default rules look for.
TEST(RuleSetTest, LinesOfEverySizeMatchLikeEachRuleAlone) {
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  ASSERT_TRUE(rules.ok()) << rules.status();
  std::vector<std::unique_ptr<RE2>> alone;
  for (const Rule& rule : rules->rules()) {
    alone.push_back(std::make_unique<RE2>(rule.pattern));
    ASSERT_TRUE(alone.back()->ok()) << rule.name;
  }
  const std::vector<std::string> pieces = {"the",
                                           "report",
                                           "said",
                                           "on",
                                           "Tuesday",
                                           "that",
                                           "prices",
                                           "rose",
                                           "by",
                                           "3.5%",
                                           "in",
                                           "October,",
                                           "and",
                                           "the",
                                           "city's",
                                           "mayor",
                                           "Jane",
                                           "Doe",
                                           "is",
                                           "a",
                                           "reporter",
                                           "for",
                                           "The",
                                           "Herald.",
                                           "All rights reserved.",
                                           "We use cookies",
                                           "to improve",
                                           "your",
                                           "experience.",
                                           "By continuing",
                                           "to browse",
                                           "you agree",
                                           "to our",
                                           "cookies",
                                           "(AP Photo/John Doe)",
                                           "Getty Images",
                                           "(Reuters)",
                                           "This site uses Akismet",
                                           "to reduce spam.",
                                           "Read more",
                                           "Impressum",
                                           "Datenschutz",
                                           "Kontakt",
                                           "|",
                                           "·",
                                           "—",
                                           "\xc2\xa0",
                                           "\t",
                                           "Follow us on Twitter",
                                           "we may earn a commission",
                                           "Share",
                                           "Powered by WordPress",
                                           "5 min read",
                                           "Photo: Jane Doe",
                                           "©",
                                           "2024",
                                           "Subscribe to continue reading",
                                           "newsletter",
                                           "Sign up",
                                           "As an Amazon Associate"};
  std::mt19937 rng(11);
  int matched = 0, long_matched = 0;
  for (int l = 0; l < 6000; ++l) {
    // Mostly short lines, some of a few hundred bytes, some of thousands.
    const int words = l % 3 == 0   ? static_cast<int>(rng() % 8)
                      : l % 3 == 1 ? static_cast<int>(rng() % 120)
                                   : static_cast<int>(rng() % 500);
    std::string line;
    for (int w = 0; w < words; ++w) {
      if (w > 0) line += rng() % 10 == 0 ? "  " : " ";
      line += pieces[rng() % pieces.size()];
    }
    std::vector<int> want;
    for (int i = 0; i < static_cast<int>(alone.size()); ++i) {
      if (RE2::PartialMatch(line, *alone[i])) want.push_back(i);
    }
    ASSERT_EQ(Hits(*rules, line), want) << line;
    matched += !want.empty();
    long_matched += !want.empty() && line.size() > 2000;
  }
  EXPECT_GT(matched, 1000);
  EXPECT_GT(long_matched, 100);
}

// Rules without literals that are not anchored at the start run alone on
// every line that holds the punctuation they need ("/" here); the others
// skip them. Either way the result is the rule's own.
TEST(RuleSetTest, LiteralFreeRulesSkipLinesWithoutTheirPunctuation) {
  RuleSet rules = MustParse(
      "drop ratio \\d+\\s*/\\s*\\d+$\n"
      "drop tail-dot \\pL\\.$\n");
  EXPECT_EQ(Hits(rules, "12 / 34"), std::vector<int>({0}));
  EXPECT_EQ(Hits(rules, "score 1/2"), std::vector<int>({0}));
  EXPECT_EQ(Hits(rules, "12 34"), std::vector<int>());
  EXPECT_EQ(Hits(rules, "1/2 x"), std::vector<int>());
  EXPECT_EQ(Hits(rules, "end."), std::vector<int>({1}));
  EXPECT_EQ(Hits(rules, "end"), std::vector<int>());
  EXPECT_EQ(Hits(rules, "a 3/4."), std::vector<int>());
  EXPECT_EQ(Hits(rules, "b. 3/4"), std::vector<int>({0}));
}

TEST(RuleSetTest, MatchReportsEveryMatchingRuleInOrder) {
  RuleSet rules = MustParse(
      "drop starts-read ^read\n"
      "drop has-more more\n"
      "drop other ^nothing$\n"
      "drop whole (?i)^\\s*read more\\s*$\n");
  EXPECT_EQ(Hits(rules, "read more"), (std::vector<int>{0, 1, 3}));
  EXPECT_EQ(Hits(rules, "  READ MORE "), (std::vector<int>{3}));
  EXPECT_TRUE(Hits(rules, "Please read more books.").size() == 1);
  EXPECT_TRUE(Hits(rules, "unrelated").empty());
}

// Rules without literals run either in a start-anchored set or alone; a
// pattern is only treated as start-anchored when every alternative is.
TEST(RuleSetTest, AnchoringIsDetectedOnlyWhenEveryAlternativeIsAnchored) {
  RuleSet rules = MustParse(
      "drop top-alt ^\\d+|x\\d$\n"            // "x\d$" is not anchored at ^.
      "drop group-alt (?i)^(?:\\d+|x\\d)$\n"  // Both alternatives are.
      "drop flags (?i)^\\s*\\d\\d?\\s*$\n"
      "drop end-only \\d\\.\\d$\n"
      "drop class-caret [\\^]\\d\n");  // A literal "^", not an anchor.
  EXPECT_EQ(Hits(rules, "12"), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(Hits(rules, "page x7"), (std::vector<int>{0}));
  EXPECT_EQ(Hits(rules, "X7"), (std::vector<int>{1}));  // top-alt: no (?i).
  EXPECT_EQ(Hits(rules, "version 1.2"), (std::vector<int>{3}));
  EXPECT_EQ(Hits(rules, "2^3"), (std::vector<int>{0, 4}));
  EXPECT_TRUE(Hits(rules, "no digits").empty());
}

TEST(RuleSetTest, MatchClearsAndReusesTheOutputVector) {
  RuleSet rules = MustParse("drop a a\n");
  std::vector<int> hits = {7, 8, 9};
  ASSERT_TRUE(rules.Match("b", &hits).ok());
  EXPECT_TRUE(hits.empty());
  ASSERT_TRUE(rules.Match("a", &hits).ok());
  EXPECT_EQ(hits, std::vector<int>{0});
}

TEST(RuleSetTest, BoundedRepeatsKeepTheirExactMeaning) {
  // The set may hold a relaxed form of a rule; a hit is confirmed exactly.
  RuleSet rules = MustParse(
      "drop short ^.{0,5}$\n"
      "drop three-or-four ^a{3,4}$\n"
      "drop near-word \\bcookie\\b.{0,10}\\baccept\\b\n"
      "drop exact-two ^(ab){2}$\n");
  EXPECT_EQ(Hits(rules, "12345"), std::vector<int>{0});
  EXPECT_TRUE(Hits(rules, "123456").empty());
  EXPECT_EQ(Hits(rules, "aaaa"), (std::vector<int>{0, 1}));
  EXPECT_EQ(Hits(rules, "aaa"), (std::vector<int>{0, 1}));
  EXPECT_TRUE(Hits(rules, "aaaaaa").empty());
  EXPECT_EQ(Hits(rules, "cookie, we accept it"), std::vector<int>{2});
  EXPECT_TRUE(Hits(rules, "cookie and some more words accept").empty());
  EXPECT_EQ(Hits(rules, "abab"), (std::vector<int>{0, 3}));
  EXPECT_TRUE(Hits(rules, "ababab").empty());
  // Braces that are not repeats stay literal.
  RuleSet literal = MustParse("drop brace x\\{1,2\\}[{]\\Q{0,1}\\E\n");
  EXPECT_EQ(Hits(literal, "x{1,2}{{0,1}"), std::vector<int>{0});
}

TEST(RuleSetTest, ManyRulesAcrossSetsAreAllFound) {
  std::string text;
  for (int i = 0; i < 100; ++i) {
    absl::StrAppend(&text, "drop r", i, " \\bw", i, "\\b\n");
  }
  absl::StrAppend(&text, "drop any-w \\bw\\d+\\b\n");
  RuleSet rules = MustParse(text);
  ASSERT_EQ(rules.size(), 101);
  EXPECT_EQ(Hits(rules, "w0 w5 w99 w50 w31 w32"),
            (std::vector<int>{0, 5, 31, 32, 50, 99, 100}));
  EXPECT_EQ(Hits(rules, "x w64"), (std::vector<int>{64, 100}));
  EXPECT_TRUE(Hits(rules, "w100").size() == 1);  // Only any-w.
}

TEST(RuleSetTest, StripRemovesEveryMatchAndKeepsTheRest) {
  RuleSet rules = MustParse(
      "strip getty (?i)\\s*\\((photo|image) by [^)]*getty images\\)\n"
      "strip empty x*\n"
      "drop whole ^whole$\n"
      "strip anchored ^\\[ad\\]\\s*\n");
  const std::string line =
      "Rutte in Warsaw. (Photo by A/NurPhoto via Getty Images) More text "
      "(image by B via Getty Images).";
  EXPECT_EQ(rules.Strip(0, line), "Rutte in Warsaw. More text.");
  EXPECT_EQ(rules.Strip(0, "(Photo by X via Getty Images)"), "");
  EXPECT_EQ(rules.Strip(0, "no credit here"), "no credit here");
  // A pattern that can match the empty string removes only what it matches.
  EXPECT_EQ(rules.Strip(1, "axxbx"), "ab");
  EXPECT_EQ(rules.Strip(1, ""), "");
  // Rules of other actions take whole lines.
  EXPECT_EQ(rules.Strip(2, "whole"), "");
  // ^ anchors at the start of the line only, not after a removed match.
  EXPECT_EQ(rules.Strip(3, "[ad] [ad] text"), "[ad] text");
}

TEST(RuleSetTest, InvalidUtf8AndNulBytesNeverCrashOrMatchAsCharacters) {
  RuleSet rules = MustParse(
      "drop any-char ^a.b$\n"
      "drop word (?i)read more\n"
      "strip nul x\n");
  // An invalid byte is not a character in UTF-8 mode.
  EXPECT_TRUE(Hits(rules, std::string("a\xff"
                                      "b",
                                      3))
                  .empty());
  EXPECT_EQ(Hits(rules,
                 "a\xc3\xa9"
                 "b"),
            std::vector<int>{0});  // "aéb"
  // NUL is an ordinary character.
  EXPECT_EQ(Hits(rules, std::string("a\0b", 3)), std::vector<int>{0});
  EXPECT_EQ(Hits(rules, std::string("\xfe\xff read more \x80", 14)),
            std::vector<int>{1});
  const std::string bytes("\0x\xffx\xc3", 5);
  EXPECT_EQ(Hits(rules, bytes), std::vector<int>{2});
  EXPECT_EQ(rules.Strip(2, bytes), std::string("\0\xff\xc3", 3));
}

TEST(RuleSetTest, TinyMemoryBudgetIsResourceExhaustedNeverNoMatch) {
  // Whatever the budget, a line that matches is either reported as a match
  // or as ResourceExhausted (at Create or at Match), never as "no match".
  const std::string text =
      "drop big (?i)\\b(alpha|beta|gamma|delta|epsilon)\\w{0,20}"
      "(zeta|eta|theta)\\b\n"
      "strip credit (?i)\\(photo by [^)]*\\)\n";
  const std::string line =
      "some words alphaxxxxxxxxxxxxxxxxxxtheta (Photo by X) and more";
  int exhausted = 0;
  for (int64_t max_mem = 256; max_mem <= (int64_t{8} << 20); max_mem *= 2) {
    RuleSetOptions options;
    options.max_mem = max_mem;
    absl::StatusOr<RuleSet> rules = RuleSet::Parse(text, "mem.rules", options);
    if (!rules.ok()) {
      EXPECT_EQ(rules.status().code(), absl::StatusCode::kResourceExhausted)
          << max_mem << ": " << rules.status();
      ++exhausted;
      continue;
    }
    std::vector<int> hits;
    absl::Status s = rules->Match(line, &hits);
    if (!s.ok()) {
      EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted) << s;
      ++exhausted;
      continue;
    }
    EXPECT_EQ(hits, (std::vector<int>{0, 1})) << "max_mem " << max_mem;
  }
  EXPECT_GT(exhausted, 0);  // The smallest budgets cannot hold the rules.
}

TEST(RuleSetTest, DefaultSetFitsTheDefaultBudget) {
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  ASSERT_TRUE(rules.ok()) << rules.status();
  std::vector<int> hits;
  const std::string long_line(100000, 'a');
  EXPECT_TRUE(rules->Match(long_line, &hits).ok());
}

TEST(RuleSetTest, MovedSetKeepsWorking) {
  RuleSet a = MustParse("drop x ^x$\n");
  RuleSet b = std::move(a);
  EXPECT_EQ(Hits(b, "x"), std::vector<int>{0});
  RuleSet c = MustParse("drop y ^y$\n");
  c = std::move(b);
  EXPECT_EQ(c.rules()[0].name, "x");
}

TEST(RuleSetTest, ConstMatchIsSafeFromManyThreads) {
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  ASSERT_TRUE(rules.ok()) << rules.status();
  const std::vector<std::string> lines = {
      "Read more", "2 min read", "An ordinary sentence about the weather.",
      "Share This Article", "© 2024 Example. All rights reserved."};
  std::vector<std::vector<int>> expected;
  for (const std::string& line : lines) expected.push_back(Hits(*rules, line));
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<int> hits;
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < lines.size(); ++i) {
          if (!rules->Match(lines[i], &hits).ok() || hits != expected[i]) {
            ++failures[t];
          }
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

// Threads that share a new set from its first match on: what a rule
// compiles on first use (its relaxed expression) is compiled once, and every
// thread gets the results of a set that no other thread touched.
TEST(RuleSetTest, FirstMatchesFromManyThreadsAtOnce) {
  const std::vector<std::string> lines = {
      "By continuing to browse the site you agree to our use of cookies.",
      "Wenn Sie die Seite weiter nutzen, stimmen Sie der Verwendung von "
      "Cookies zu.",
      "We use cookies to improve your experience on our website.",
      "Editor's note: this story first ran in our newsletter. Sign up here.",
      "An ordinary sentence about the weather and the harvest."};
  absl::StatusOr<RuleSet> alone = RuleSet::Default(RuleSetOptions());
  ASSERT_TRUE(alone.ok()) << alone.status();
  std::vector<std::vector<int>> expected;
  int matched = 0;
  for (const std::string& line : lines) {
    expected.push_back(Hits(*alone, line));
    matched += !expected.back().empty();
  }
  EXPECT_GE(matched, 3);
  for (int trial = 0; trial < 5; ++trial) {
    absl::StatusOr<RuleSet> shared = RuleSet::Default(RuleSetOptions());
    ASSERT_TRUE(shared.ok()) << shared.status();
    std::atomic<int> waiting{4};
    std::vector<int> failures(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        // Start together, each from another line.
        waiting.fetch_sub(1);
        while (waiting.load() > 0) std::this_thread::yield();
        std::vector<int> hits;
        for (size_t k = 0; k < lines.size(); ++k) {
          const size_t i = (k + t) % lines.size();
          if (!shared->Match(lines[i], &hits).ok() || hits != expected[i]) {
            ++failures[t];
          }
        }
      });
    }
    for (std::thread& t : threads) t.join();
    for (int f : failures) EXPECT_EQ(f, 0);
  }
}

}  // namespace
}  // namespace pith
