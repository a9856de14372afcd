// Copyright 2026 The pith Authors.

#include "pith/cleaner.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "pith/rules.h"

namespace pith {
namespace {

// A paragraph of running English prose, long enough to be "good".
std::string Prose(int i) {
  return absl::StrCat(
      "This is paragraph number ", i,
      " of the article, and it is written in plain running prose so that "
      "the classifier has enough words with a high share of stopwords to "
      "know that it is part of the main text that a reader came to see.");
}

CleanerOptions NoHeuristics() {
  CleanerOptions o;
  o.drop_repeated_lines = false;
  o.drop_edge_runs = false;
  o.classify_paragraphs = false;
  o.drop_comments = false;
  o.drop_recirculation = false;
  o.main_region = false;
  return o;
}

Cleaner Make(absl::string_view rules, const CleanerOptions& options) {
  absl::StatusOr<RuleSet> set = RuleSet::Parse(rules, "test", RuleSetOptions());
  EXPECT_TRUE(set.ok()) << set.status();
  absl::StatusOr<Cleaner> c = Cleaner::Create(*std::move(set), options);
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

CleanResult CleanOk(const Cleaner& c, absl::string_view text) {
  absl::StatusOr<CleanResult> r = c.Clean(text);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *std::move(r) : CleanResult();
}

TEST(CleanerTest, UnchangedIsTrueExactlyWhenTheTextIsTheDocument) {
  Cleaner c = Make(
      "drop junk ^junk$\nstrip credit \\s*\\(Photo by [^)]*\\)\n"
      "reject denied (?i)^access denied\n",
      NoHeuristics());
  for (absl::string_view text :
       {"", "a\n", "a\n\nb", "a\r\n\r\nb\r\n", "\n", "a\n\n", "\na\n",
        "a\n\n\n", "a\njunk\n", "A. (Photo by X)\nb\n", "a\nAccess denied\n",
        "junk", "\n\n"}) {
    CleanResult r = CleanOk(c, text);
    EXPECT_EQ(r.unchanged, !r.rejected && r.text == text) << "'" << text << "'";
  }
  // A result reused for a changed document is not left unchanged.
  CleanResult r;
  ASSERT_TRUE(c.Clean("a\n", &r).ok());
  EXPECT_TRUE(r.unchanged);
  ASSERT_TRUE(c.Clean("a\njunk\n", &r).ok());
  EXPECT_FALSE(r.unchanged);
  ASSERT_TRUE(c.Clean("a\n", &r).ok());
  ASSERT_TRUE(c.Clean("Access denied\n", &r).ok());
  EXPECT_TRUE(r.rejected);
  EXPECT_FALSE(r.unchanged);
}

TEST(CleanerTest, RejectsZonesOutOfRange) {
  CleanerOptions o;
  o.footer_zone = 1.5;
  absl::StatusOr<RuleSet> set = RuleSet::Parse("", "t", RuleSetOptions());
  ASSERT_TRUE(set.ok());
  absl::StatusOr<Cleaner> c = Cleaner::Create(*std::move(set), o);
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(CleanerTest, EmptyInputGivesEmptyOutput) {
  Cleaner c = Make("", CleanerOptions());
  CleanResult r = CleanOk(c, "");
  EXPECT_EQ(r.text, "");
  EXPECT_TRUE(r.removals.empty());
  EXPECT_FALSE(r.rejected);
}

TEST(CleanerTest, KeptLinesAreByteExactIncludingCrlf) {
  Cleaner c = Make("drop junk ^junk$\n", NoHeuristics());
  CleanResult r = CleanOk(c, "a  \r\njunk\r\n\tb\r\nc");
  EXPECT_EQ(r.text, "a  \r\n\tb\r\nc");
  ASSERT_EQ(r.removals.size(), 1u);
  EXPECT_EQ(r.removals[0].line, 2);
  EXPECT_EQ(r.removals[0].reason, "junk");
  EXPECT_EQ(r.removals[0].text, "junk");
  EXPECT_FALSE(r.removals[0].partial);
}

TEST(CleanerTest, InvalidUtf8AndNulBytesPassThrough) {
  Cleaner c = Make("drop junk ^junk$\n", NoHeuristics());
  const std::string text("\xff\xfe bad\n\0nul\0\njunk\n\xc3\n", 20);
  CleanResult r = CleanOk(c, text);
  EXPECT_EQ(r.text, std::string("\xff\xfe bad\n\0nul\0\n\xc3\n", 15));
  Cleaner all = Make("", CleanerOptions());
  CleanOk(all, text);  // Must not crash.
}

TEST(CleanerTest, StripRemovesOnlyTheMatch) {
  Cleaner c = Make("strip credit \\s*\\(Photo by [^)]*\\)\n", NoHeuristics());
  CleanResult r = CleanOk(c, "A caption. (Photo by Someone)\r\n(Photo by X)\n");
  EXPECT_EQ(r.text, "A caption.\r\n");
  ASSERT_EQ(r.removals.size(), 2u);
  EXPECT_EQ(r.removals[0].line, 1);
  EXPECT_TRUE(r.removals[0].partial);
  EXPECT_EQ(r.removals[0].text, " (Photo by Someone)");
  EXPECT_EQ(r.removals[1].line, 2);
  EXPECT_FALSE(r.removals[1].partial);
  EXPECT_EQ(r.removals[1].reason, "credit");
}

TEST(CleanerTest, WithoutRemovedTextReportsTheSameRemovals) {
  const std::string rules =
      "strip credit \\s*\\(Photo by [^)]*\\)\n"
      "drop share ^Share this$\n";
  // Rules drop and strip lines, and each heuristic (edge run, classifier,
  // repeated line) drops one.
  const std::string text = "Log in\nSitemap\nAdvertise\nPrivacy\n" + Prose(1) +
                           " (Photo by Someone)\nShare this\n" + Prose(2) +
                           "\nRead the full story.\n" + Prose(3) +
                           "\nRead the full story.\n(Photo by X)\n" + Prose(4) +
                           "\n";
  CleanerOptions without;
  without.report_removed_text = false;
  Cleaner full = Make(rules, CleanerOptions());
  Cleaner lean = Make(rules, without);
  CleanResult reused;
  for (int round = 0; round < 2; ++round) {
    // The second round reuses a result whose removals held text.
    CleanResult expected = CleanOk(full, text);
    if (round == 0) reused = expected;
    ASSERT_TRUE(lean.Clean(text, &reused).ok());
    EXPECT_EQ(reused.text, expected.text);
    ASSERT_EQ(reused.removals.size(), expected.removals.size());
    ASSERT_GE(expected.removals.size(), 5u);
    bool saw_partial = false;
    for (size_t i = 0; i < expected.removals.size(); ++i) {
      EXPECT_EQ(reused.removals[i].line, expected.removals[i].line);
      EXPECT_EQ(reused.removals[i].reason, expected.removals[i].reason);
      EXPECT_EQ(reused.removals[i].partial, expected.removals[i].partial);
      EXPECT_FALSE(expected.removals[i].text.empty());
      EXPECT_EQ(reused.removals[i].text, "");
      saw_partial = saw_partial || expected.removals[i].partial;
    }
    EXPECT_TRUE(saw_partial);
  }
}

TEST(CleanerTest, RejectEmptiesTheDocument) {
  Cleaner c = Make("reject denied (?i)^access denied\n", NoHeuristics());
  CleanResult r = CleanOk(c, "hello\nAccess Denied\nmore\n");
  EXPECT_TRUE(r.rejected);
  EXPECT_EQ(r.reject_rule, "denied");
  EXPECT_EQ(r.reject_line, 2);
  EXPECT_EQ(r.text, "");
}

std::string NumberedLines(int n) {
  std::string text;
  for (int i = 1; i <= n; ++i) absl::StrAppend(&text, "line ", i, "\n");
  return text;
}

TEST(CleanerTest, DropRestFiresOnlyInTheFooterZone) {
  Cleaner c = Make("drop-rest tags ^line (2|9)$\n", NoHeuristics());
  CleanResult r = CleanOk(c, NumberedLines(10));
  // "line 2" is in the head: not fired. "line 9" is in the tail: fired.
  EXPECT_EQ(r.text, NumberedLines(8));
  ASSERT_EQ(r.removals.size(), 2u);
  EXPECT_EQ(r.removals[0].line, 9);
  EXPECT_EQ(r.removals[1].line, 10);
  EXPECT_EQ(r.removals[1].reason, "tags");
}

TEST(CleanerTest, DropRestBeforeMostOfTheProseDropsOnlyItsLine) {
  Cleaner c = Make("drop-rest form ^Add a comment$\n", NoHeuristics());
  // The marker sits under the byline, before the article: only it goes.
  std::string text = "Menu\nHome\nTitle\nByline\nShare\nAdd a comment\n";
  for (int i = 0; i < 3; ++i) absl::StrAppend(&text, Prose(i), "\n");
  CleanResult r = CleanOk(c, text);
  ASSERT_EQ(r.removals.size(), 1u);
  EXPECT_EQ(r.removals[0].line, 6);
  // After the article it ends the page.
  std::string tail;
  for (int i = 0; i < 4; ++i) absl::StrAppend(&tail, Prose(i), "\n");
  absl::StrAppend(&tail, "Add a comment\nName\nEmail\n", Prose(9), "\n");
  r = CleanOk(c, tail);
  ASSERT_EQ(r.removals.size(), 4u);
  EXPECT_EQ(r.removals[0].line, 5);
  EXPECT_EQ(r.removals[3].reason, "form");
}

TEST(CleanerTest, DropBeforeFiresOnlyInTheHeaderZone) {
  Cleaner c = Make("drop-before skip ^line (3|8)$\n", NoHeuristics());
  CleanResult r = CleanOk(c, NumberedLines(10));
  EXPECT_EQ(r.text,
            "line 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\n");
  ASSERT_EQ(r.removals.size(), 3u);
  EXPECT_EQ(r.removals[2].line, 3);
  EXPECT_EQ(r.removals[2].reason, "skip");
}

TEST(CleanerTest, TidiesBlankLinesLeftByRemovals) {
  Cleaner c = Make("drop junk ^junk$\n", NoHeuristics());
  EXPECT_EQ(CleanOk(c, "\njunk\n\na\n\n\nb\n\njunk\n\nc\n\njunk\n").text,
            "a\n\n\nb\n\nc\n");
  CleanerOptions o = NoHeuristics();
  o.tidy_blank_lines = false;
  Cleaner untidy = Make("drop junk ^junk$\n", o);
  EXPECT_EQ(CleanOk(untidy, "\njunk\n\na\n").text, "\n\na\n");
}

TEST(CleanerTest, RepeatedLineKeepsTheFirst) {
  CleanerOptions o = NoHeuristics();
  o.drop_repeated_lines = true;
  Cleaner c = Make("", o);
  CleanResult r = CleanOk(c, "Title\nbody\n  Title \nbody2\n");
  EXPECT_EQ(r.text, "Title\nbody\nbody2\n");
  ASSERT_EQ(r.removals.size(), 1u);
  EXPECT_EQ(r.removals[0].line, 3);
  EXPECT_EQ(r.removals[0].reason, "repeated-line");
  EXPECT_EQ(r.removals[0].text, "  Title ");
  o.drop_repeated_lines = false;
  EXPECT_EQ(CleanOk(Make("", o), "a\na\n").text, "a\na\n");
}

TEST(CleanerTest, EdgeRunsRemoveMenusAndFooters) {
  CleanerOptions o = NoHeuristics();
  o.drop_edge_runs = true;
  Cleaner c = Make("", o);
  std::string text =
      "Home\nNews\nSport\nWeather\nContact\nTitle of the story\n" + Prose(1) +
      "\n" + Prose(2) + "\nImprint\nPrivacy\nTerms\nCookies\n";
  CleanResult r = CleanOk(c, text);
  EXPECT_EQ(r.text.find("Home"), std::string::npos);
  EXPECT_EQ(r.text.find("News"), std::string::npos);
  EXPECT_NE(r.text.find("Title of the story"), std::string::npos);
  EXPECT_NE(r.text.find("Imprint"), std::string::npos);  // Spared margin.
  EXPECT_EQ(r.text.find("Cookies"), std::string::npos);
  for (const Removal& x : r.removals) EXPECT_EQ(x.reason, "edge-run");
  o.drop_edge_runs = false;
  EXPECT_EQ(CleanOk(Make("", o), text).text, text);
}

TEST(CleanerTest, ClassifierKeepsHeadingsBetweenGoodParagraphs) {
  CleanerOptions o = NoHeuristics();
  o.classify_paragraphs = true;
  Cleaner c = Make("", o);
  std::string text = "Share this\nA Heading Of The Story\n" + Prose(1) +
                     "\nA short subheading\n" + Prose(2) + "\n" + Prose(3) +
                     "\nFacebook\nTwitter\n";
  CleanResult r = CleanOk(c, text);
  EXPECT_NE(r.text.find("A Heading Of The Story"), std::string::npos);
  EXPECT_NE(r.text.find("A short subheading"), std::string::npos);
  EXPECT_NE(r.text.find(Prose(3)), std::string::npos);
  EXPECT_EQ(r.text.find("Facebook"), std::string::npos);
  EXPECT_EQ(r.text.find("Twitter"), std::string::npos);
  bool saw = false;
  for (const Removal& x : r.removals) saw |= x.reason == "classifier";
  EXPECT_TRUE(saw);
  o.classify_paragraphs = false;
  EXPECT_EQ(CleanOk(Make("", o), text).text, text);
}

TEST(CleanerTest, ClassifierKeepsHardWrappedParagraphs) {
  CleanerOptions o = NoHeuristics();
  o.classify_paragraphs = true;
  Cleaner c = Make("", o);
  // Each line is short, but together they are one paragraph of prose.
  std::string text =
      "Home\nAbout\nDecorators in Python enable you to modify the behavior of\n"
      "existing functions without changing the original function, and this\n"
      "note shows how the same idea works in Lisp, where it is older and\n"
      "has been used for many years by the people who wrote the editor.\n"
      "Contact\nImprint\n";
  CleanResult r = CleanOk(c, text);
  EXPECT_NE(r.text.find("existing functions without"), std::string::npos);
  EXPECT_NE(r.text.find("has been used for many years"), std::string::npos);
  EXPECT_EQ(r.text.find("Imprint"), std::string::npos);
}

TEST(CleanerTest, ClassifierKeepsListsIntroducedByAColon) {
  CleanerOptions o = NoHeuristics();
  o.classify_paragraphs = true;
  Cleaner c = Make("", o);
  std::string text = Prose(1) + "\n" + Prose(2) +
                     " This is how the day of the contest is planned:\n"
                     "Warm up at 11:00\nContest at 12:00\nFinals at 16:00\n" +
                     Prose(3) + "\nFacebook\nTwitter\n";
  CleanResult r = CleanOk(c, text);
  EXPECT_NE(r.text.find("Warm up at 11:00"), std::string::npos);
  EXPECT_NE(r.text.find("Finals at 16:00"), std::string::npos);
  EXPECT_EQ(r.text.find("Twitter"), std::string::npos);
}

TEST(CleanerTest, ReusedResultMatchesFreshResult) {
  Cleaner c = Make("drop junk ^junk$\n", CleanerOptions());
  CleanResult reused;
  for (int round = 0; round < 3; ++round) {
    std::string text = "junk\n" + Prose(round) + "\njunk\n" + Prose(9) + "\n";
    ASSERT_TRUE(c.Clean(text, &reused).ok());
    CleanResult fresh = CleanOk(c, text);
    EXPECT_EQ(reused.text, fresh.text);
    ASSERT_EQ(reused.removals.size(), fresh.removals.size());
    for (size_t i = 0; i < fresh.removals.size(); ++i) {
      EXPECT_EQ(reused.removals[i].line, fresh.removals[i].line);
      EXPECT_EQ(reused.removals[i].text, fresh.removals[i].text);
    }
  }
}

TEST(CleanerTest, HandlesAFiftyMegabyteLine) {
  Cleaner c = Make("drop junk ^junk$\n", CleanerOptions());
  std::string line(50 << 20, 'a');
  for (size_t i = 7; i < line.size(); i += 8) line[i] = ' ';
  CleanResult r = CleanOk(c, line);
  // One long line with no stopwords: kept or removed, but whole.
  EXPECT_TRUE(r.text.empty() || r.text == line);
}

TEST(CleanerTest, HandlesManyLines) {
  Cleaner c = Make("drop junk ^junk$\n", CleanerOptions());
  std::string text;
  for (int i = 0; i < 200000; ++i) {
    absl::StrAppend(&text, i % 10 == 0 ? "junk" : Prose(i % 7), "\n");
  }
  CleanResult r = CleanOk(c, text);
  int junk = 0;
  for (const Removal& x : r.removals) junk += x.reason == "junk";
  EXPECT_EQ(junk, 20000);
  for (size_t i = 1; i < r.removals.size(); ++i) {
    EXPECT_LT(r.removals[i - 1].line, r.removals[i].line);
  }
}

}  // namespace
}  // namespace pith
