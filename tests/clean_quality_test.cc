// Copyright 2026 The pith Authors.
//
// The cleaner's promises on text that needs no cleaning, and on the
// page-level blocks it removes, through the public API with the default
// rules and options. Every text here was written for this test.

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "pith/cleaner.h"
#include "pith/rules.h"

namespace pith {
namespace {

Cleaner DefaultCleaner() {
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  EXPECT_TRUE(rules.ok()) << rules.status();
  absl::StatusOr<Cleaner> c =
      Cleaner::Create(*std::move(rules), CleanerOptions());
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

CleanResult Clean(absl::string_view text) {
  static const Cleaner* const cleaner = new Cleaner(DefaultCleaner());
  absl::StatusOr<CleanResult> r = cleaner->Clean(text);
  EXPECT_TRUE(r.ok()) << r.status();
  return *std::move(r);
}

// Expects "text" back byte for byte, with nothing removed.
void ExpectUnchanged(absl::string_view text) {
  CleanResult r = Clean(text);
  EXPECT_EQ(r.text, text);
  EXPECT_TRUE(r.unchanged);
  for (const Removal& x : r.removals) {
    ADD_FAILURE() << "line " << x.line << " removed by " << x.reason << ": "
                  << x.text;
  }
}

TEST(CleanQualityTest, ASingleSentenceComesBackUnchanged) {
  ExpectUnchanged("The quick brown fox jumps over the lazy dog.\n");
  ExpectUnchanged("Rain is expected tomorrow.");
}

TEST(CleanQualityTest, AHeadlineDatelineAndTwoSentencesStay) {
  ExpectUnchanged(
      "Storm knocks out power across coastal towns\n"
      "PORT ELLIS, March 3 (Wire) - A winter storm cut power to about 40,000 "
      "homes along the coast on Tuesday, the utility said.\n"
      "Crews expect to restore most service by Thursday.\n");
}

TEST(CleanQualityTest, AWireStoryWithAResultsTableStays) {
  ExpectUnchanged(
      "Harbor City beat Northfield to reach the cup final\n"
      "HARBOR CITY, May 12 (Wire) - Harbor City reached the cup final on "
      "Saturday after a 3-1 win over Northfield in front of a sold-out "
      "crowd.\n"
      "Midfielder Tom Arden scored twice before half-time. Northfield pulled "
      "one back through a penalty, but a late header settled the game.\n"
      "\"We knew this would be hard,\" coach Lisa Moreno told reporters. "
      "\"The players never stopped running.\"\n"
      "Results on Saturday:\n"
      "Harbor City\n"
      "3\n"
      "Northfield\n"
      "1\n"
      "Westbrook\n"
      "0\n"
      "Lakeside\n"
      "2\n"
      "The final will be played on June 2 at the national stadium.\n");
}

TEST(CleanQualityTest, ShortNewsSentencesStay) {
  ExpectUnchanged(
      "Markets close higher\n"
      "Stocks rose on Friday.\n"
      "Oil prices fell.\n"
      "The dollar was steady against the euro.\n"
      "Gold gained 1%.\n");
}

TEST(CleanQualityTest, AStoryWithAListOfFixturesStays) {
  // Teaser-shaped (a title and a date, three times) but on a page with no
  // boilerplate at all: the list is the story's.
  ExpectUnchanged(
      "Harbor City reach the cup final\n"
      "Harbor City reached the cup final on Saturday after a 3-1 win over "
      "Northfield in front of a sold-out crowd, and the club will now play "
      "three more games before the season ends in June.\n"
      "Harbor City against Northfield Rovers\n"
      "Saturday, May 20\n"
      "Westbrook United against Lakeside Town\n"
      "Sunday, May 21\n"
      "Harbor City against Westbrook United\n"
      "Saturday, May 27\n");
}

TEST(CleanQualityTest, CleanProseComesOutUnchanged) {
  ExpectUnchanged(
      "Why the old bridge matters\n"
      "\n"
      "The bridge over the river was built in 1887, and for more than a "
      "century it carried carts, then cars, then buses into the old town. "
      "When the council proposed to close it last year, hundreds of people "
      "came to the public meeting.\n"
      "\n"
      "Engineers say the structure is sound. The deck needs new planks, and "
      "the railings must be raised to meet the rules that apply to new "
      "bridges, but the stone piers have hardly moved since they were "
      "laid.\n"
      "\n"
      "What happens next\n"
      "\n"
      "The council will vote on the repairs in the spring. If the money is "
      "approved, the work will take about eight months, and the bridge will "
      "stay open to people on foot while it is done.\n");
}

TEST(CleanQualityTest, AJapaneseParagraphStays) {
  // "Tokyo is the capital of Japan. About 14 million people live there, and
  // many companies have their head offices in the city."
  ExpectUnchanged(
      "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAF\xE6\x97\xA5\xE6\x9C\xAC\xE3\x81"
      "\xAE\xE9\xA6\x96\xE9\x83\xBD\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82\xE4"
      "\xBA\xBA\xE5\x8F\xA3\xE3\x81\xAF\xE7\xB4\x84\x31\x34\x30\x30\xE4\xB8"
      "\x87\xE4\xBA\xBA\xE3\x81\xA7\xE3\x80\x81\xE5\xA4\x9A\xE3\x81\x8F\xE3"
      "\x81\xAE\xE4\xBC\x81\xE6\xA5\xAD\xE3\x81\x8C\xE6\x9C\xAC\xE7\xA4\xBE"
      "\xE3\x82\x92\xE7\xBD\xAE\xE3\x81\x84\xE3\x81\xA6\xE3\x81\x84\xE3\x81"
      "\xBE\xE3\x81\x99\xE3\x80\x82\n");
}

TEST(CleanQualityTest, AChineseParagraphStays) {
  // "The weather was fine today. Many people went to the park for a walk."
  ExpectUnchanged(
      "\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xA4\xA9\xE6\xB0\x94\xE5\xBE\x88\xE5\xA5"
      "\xBD\xE3\x80\x82\xE5\xBE\x88\xE5\xA4\x9A\xE4\xBA\xBA\xE5\x8E\xBB\xE5"
      "\x85\xAC\xE5\x9B\xAD\xE6\x95\xA3\xE6\xAD\xA5\xE3\x80\x82\n");
}

TEST(CleanQualityTest, AnEnglishParagraphInAGermanPageStays) {
  const std::string text =
      "Neue Brücke über den Fluss eröffnet\n"
      "Die neue Brücke wurde am Montag nach zwei Jahren Bauzeit für den "
      "Verkehr freigegeben. Nach Angaben der Stadt fahren jeden Tag mehr "
      "als zehntausend Autos über den Fluss, und viele Pendler hatten lange "
      "auf die Eröffnung gewartet.\n"
      "Der Bürgermeister sagte bei der Feier, die Brücke sei ein wichtiger "
      "Schritt für die ganze Region, und dankte den Arbeitern für ihre "
      "Geduld und ihren Einsatz.\n"
      "\"This is a great day for the people who live on both sides of the "
      "river, and we are proud that we could help to build it,\" said the "
      "head of the engineering firm, who had come from London for the "
      "opening.\n"
      "Die Stadt plant im nächsten Jahr einen Radweg, der an die Brücke "
      "angeschlossen werden soll, damit auch Radfahrer den Fluss sicher "
      "überqueren können.\n";
  ExpectUnchanged(text);
}

Cleaner CleanerWith(const CleanerOptions& options) {
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  EXPECT_TRUE(rules.ok()) << rules.status();
  absl::StatusOr<Cleaner> c = Cleaner::Create(*std::move(rules), options);
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

TEST(CleanQualityTest, AnEnglishParagraphIsJudgedByEnglishStopwords) {
  // The last paragraph holds hardly a German stopword: judged by the
  // page's language it would be a list of names; its own language says it
  // is prose. The page-level stage is off: this is the line pass's call.
  CleanerOptions o;
  o.main_region = false;
  const Cleaner cleaner = CleanerWith(o);
  const std::string article =
      "Neue Brücke über den Fluss eröffnet\n"
      "Die neue Brücke wurde am Montag nach zwei Jahren Bauzeit für den "
      "Verkehr freigegeben. Nach Angaben der Stadt fahren jeden Tag mehr "
      "als zehntausend Autos über den Fluss, und viele Pendler hatten lange "
      "auf die Eröffnung gewartet.\n"
      "Der Bürgermeister sagte bei der Feier, die Brücke sei ein wichtiger "
      "Schritt für die ganze Region, und dankte den Arbeitern für ihre "
      "Geduld und ihren Einsatz, die sie bei der Arbeit gezeigt hätten.\n"
      "The head of the engineering firm, who had come from London for the "
      "opening, said that it was a great day for the people who live on "
      "both sides of the river and that his team was proud of what they "
      "had built.\n";
  absl::StatusOr<CleanResult> r =
      cleaner.Clean(absl::StrCat(article, "Impressum\nKontakt\nDatenschutz\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, article);
}

TEST(CleanQualityTest, NoDocumentWithASentenceIsEmptied) {
  const char* kTexts[] = {
      "Home\nNews\nSport\nThe council met on Monday.\nContact\nImprint\n",
      "Read more\nShare\nOne sentence is all this page says.\n",
      "Menu\n\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xA4\xA9\xE6\xB0\x94\xE5\xBE\x88"
      "\xE5\xA5\xBD\xE3\x80\x82\n",
  };
  for (const char* text : kTexts) {
    CleanResult r = Clean(text);
    EXPECT_FALSE(r.rejected);
    EXPECT_FALSE(r.text.empty()) << text;
  }
  // A reject rule empties a document, and says so.
  CleanResult r = Clean("Access denied\nThe page you wanted is gone.\n");
  EXPECT_TRUE(r.rejected);
  EXPECT_TRUE(r.text.empty());
}

// Three paragraphs of an article of about 250 characters each.
std::string Article() {
  std::string text = "How the city plans to fix its roads\n";
  for (int i = 1; i <= 3; ++i) {
    absl::StrAppend(
        &text, "Paragraph ", i,
        " of the story says that the city will spend more on its roads "
        "this year than in any year before, and that the work will start "
        "in the north of the city, where the damage from the long winter "
        "was worst and where most of the complaints came from.\n");
  }
  return text;
}

TEST(CleanQualityTest, RemovesACommentThreadAsABlock) {
  const std::string article = Article();
  const std::string text = absl::StrCat(
      article, "3 Comments\n", "Jane Miller says:\n",
      "March 4, 2026 at 9:15 am\n",
      "I drive through the north every day and this is long overdue, so I "
      "am glad that the council finally decided to do something about "
      "it.\n",
      "Reply\n", "Tom Baker says:\n", "March 4, 2026 at 11:02 am\n",
      "It would be better to fix the bridges first, because they are in "
      "a much worse state than the roads are.\n",
      "Reply\n");
  CleanResult r = Clean(text);
  EXPECT_EQ(r.text, article);
  int comments = 0;
  for (const Removal& x : r.removals) comments += x.reason == "comments";
  EXPECT_GE(comments, 4);
}

TEST(CleanQualityTest, RemovesAThreadOfNamesAndCommentsAsABlock) {
  const std::string article = Article();
  const std::string text = absl::StrCat(
      article, "{ 3 comments }\n", "Jane Miller\n",
      "I drive through the north every day and this is long overdue.\n",
      "Tom Baker\n",
      "It would be better to fix the bridges first, they are worse.\n",
      "Ann Lee\n", "Good news for everyone who cycles to work here.\n");
  CleanResult r = Clean(text);
  EXPECT_EQ(r.text, article);
  int comments = 0;
  for (const Removal& x : r.removals) comments += x.reason == "comments";
  EXPECT_EQ(comments, 7);
}

TEST(CleanQualityTest, RemovesANumberedThreadWithDatesAsABlock) {
  const std::string article = Article();
  const std::string text = absl::StrCat(
      article, "Comments\xC2\xBB\n", "1. Jane Miller - August 8, 2012\n",
      "This is long overdue, and I am glad the work finally starts.\n",
      "2. Tom - August 9, 2012\n", "Fix the bridges first, please.\n");
  CleanResult r = Clean(text);
  EXPECT_EQ(r.text, article);
  int comments = 0;
  for (const Removal& x : r.removals) comments += x.reason == "comments";
  EXPECT_EQ(comments, 5);
}

TEST(CleanQualityTest, RulesSeeListItemsWithoutTheirBullets) {
  // A lynx-style dump: list items indented, with "*" and "+" bullets.
  const std::string article = Article();
  const std::string text =
      absl::StrCat(article, "\n", "  * Read more\n", "  + Contact\n");
  CleanResult r = Clean(text);
  EXPECT_EQ(r.text, article);
  ASSERT_EQ(r.removals.size(), 2u);
  EXPECT_EQ(r.removals[0].reason, "read-more");
  EXPECT_EQ(r.removals[1].reason, "footer-links");
}

TEST(CleanQualityTest, RemovesTeasersAfterTheArticleAsABlock) {
  const std::string article = Article();
  const std::string text = absl::StrCat(
      article, "Related stories\n",
      "Mayor opens new library in the old post office\n",
      "The library will open every day of the week, the mayor said.\n",
      "Facebook\nTwitter\nEmail\n", "Bus fares to rise in the summer\n",
      "Tickets will cost ten cents more from July.\n");
  CleanResult r = Clean(text);
  EXPECT_EQ(r.text, article);
  int recirculation = 0;
  for (const Removal& x : r.removals) {
    recirculation += x.reason == "recirculation";
  }
  EXPECT_GE(recirculation, 4);  // The two headlines and their summaries.
  ASSERT_EQ(r.main_regions.size(), 1u);
  EXPECT_EQ(r.main_regions[0].first, 1);  // The headline.
  EXPECT_EQ(r.main_regions[0].last, 4);
}

TEST(CleanQualityTest, SwitchesTurnThePageStagesOff) {
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  ASSERT_TRUE(rules.ok());
  CleanerOptions o;
  o.main_region = false;
  o.drop_comments = false;
  absl::StatusOr<Cleaner> c = Cleaner::Create(*std::move(rules), o);
  ASSERT_TRUE(c.ok());
  const std::string text = absl::StrCat(
      Article(), "2 Comments\nJane says:\nThat is good news for us.\nReply\n",
      "Tom says:\nI hope they start soon.\nReply\n");
  absl::StatusOr<CleanResult> r = c->Clean(text);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->main_regions.empty());
  for (const Removal& x : r->removals) {
    EXPECT_NE(x.reason, "comments");
    EXPECT_NE(x.reason, "outside-main");
  }
}

TEST(CleanQualityTest, CreateRejectsNegativeMainRegionOptions) {
  CleanerOptions o;
  o.main_region_gap_penalty = -1;
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(Cleaner::Create(*std::move(rules), o).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CleanQualityTest, RemovesAHeadlineListBeforeTheArticle) {
  const std::string article = Article();
  const std::string text = absl::StrCat(
      "Most read\n", "Council approves the budget for next year\n",
      "March 2, 2026\n", "New bus line connects the two hospitals\n",
      "March 1, 2026\n", "Festival returns to the harbour this summer\n",
      "February 28, 2026\n", article);
  CleanResult r = Clean(text);
  EXPECT_EQ(r.text, article);
  int recirculation = 0;
  for (const Removal& x : r.removals) {
    recirculation += x.reason == "recirculation";
  }
  EXPECT_EQ(recirculation, 3);  // The headlines; rules took the rest.
}

TEST(CleanQualityTest, KeepsAListThatTheArticleIntroduces) {
  ExpectUnchanged(
      "What the new rules change for tenants\n"
      "The new law, which the parliament passed on Thursday after a long "
      "debate, changes several things for the people who rent their homes "
      "and for the landlords who let them. These are the main points:\n"
      "Rents may rise by at most three percent a year\n"
      "Deposits are capped at two months of rent\n"
      "Landlords must repair heating within a week\n"
      "Tenants may keep small pets without asking\n"
      "Notice periods grow to six months for long leases\n"
      "The law takes effect on the first of July, and the ministry says it "
      "will publish a guide for tenants and landlords before then.\n");
}

TEST(CleanQualityTest, KeepMetadataLeavesBylinesAndDatesIn) {
  const std::string head =
      "How the city plans to fix its roads\n"
      "By Jane Doe\n"
      "March 3, 2026\n";
  const std::string text = absl::StrCat(head, Article().substr(36));
  CleanResult r = Clean(text);
  ASSERT_EQ(r.removals.size(), 2u);
  EXPECT_EQ(r.removals[0].reason, "byline");
  EXPECT_EQ(r.removals[1].reason, "bare-date");

  CleanerOptions o;
  o.drop_metadata = false;
  absl::StatusOr<CleanResult> kept = CleanerWith(o).Clean(text);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->text, text);
  EXPECT_TRUE(kept->removals.empty());
}

}  // namespace
}  // namespace pith
