// Copyright 2026 The pith Authors.
//
// The cases of the built-in rules (one or more per rule: a line it must
// match and a near miss it must not) and the fixture that compiles the
// built-in set once, shared by default_rules_test.cc and
// default_rules_prefilter_test.cc.

#ifndef PITH_TESTS_DEFAULT_RULE_CASES_H_
#define PITH_TESTS_DEFAULT_RULE_CASES_H_

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "pith/rules.h"

namespace pith {
namespace testing_rules {

struct RuleCase {
  const char* rule;       // Rule name.
  const char* match;      // A line the rule must match.
  const char* near_miss;  // A similar line it must not match.
};

// One or more cases per rule. Near misses are mostly running prose that
// mentions the same words: article text must survive.
inline const RuleCase kCases[] = {
    // Rejects.
    {"access-denied", "Access Denied",
     "Access denied: how the ban hit farmers"},
    {"access-denied", "403 Forbidden", "The 403 forbidden error explained."},
    {"no-permission",
     "You don't have permission to access /news/ on this server.",
     "You don't have permission to access the files, the judge said."},
    {"enable-javascript", "Please enable JavaScript to continue.",
     "Please enable JavaScript to view the comments powered by Disqus."},
    {"enable-javascript", "Enable JavaScript",
     "Enable JavaScript in the settings menu, then restart the app and log "
     "in."},
    {"javascript-required", "You need to enable JavaScript to run this app.",
     "JavaScript is required reading for web developers."},
    {"bot-check", "Checking your browser before accessing example.com.",
     "Checking your browser history is a habit worth breaking."},

    // Head and tail markers.
    {"skip-to-content", "Skip to main content",
     "Skip to the main point, he said."},
    {"zum-inhalt", "Zum Inhalt springen",
     "Zum Inhalt des Vertrags äußerte sich niemand."},
    {"comment-form-header", "Leave a Reply Cancel reply",
     "Leave a reply to the consultation by Friday, the council asked."},
    {"comment-form-header", "Schreibe einen Kommentar",
     "Schreibe einen Kommentar über deine Erfahrungen, bat die Lehrerin."},
    {"tagged-header", "TAGGED:", "Tagged: the new rules for smart luggage"},

    // Membership and paywall.
    {"membership-count", "0 out of 25,000", "3 out of 4 voters agreed."},
    {"membership-count", "1,204 of 5,000 members", "1/4"},
    {"membership-count", "850 von 1.000 Unterstützern erreicht",
     "850 von 1.000 Unterstützern blieben der Partei treu."},
    {"quality-journalism",
     "Quality journalism takes work — and a community that cares.",
     "Quality journalism, she argued, is what the city lacks."},
    {"quality-journalism", "Local journalism depends on readers like you.",
     "Local journalism depends on advertising more than on readers, and the "
     "study shows why."},
    {"quality-journalism", "Independent reporting isn't free. Chip in today.",
     "Journalism matters, said the judge, because democracy depends on it."},
    {"quality-journalism", "Qualitätsjournalismus kostet Geld.",
     "Qualitätsjournalismus kostet Geld, sagte der Verleger, und zwar mehr "
     "als je zuvor in der langen Geschichte der Zeitung."},
    {"reach-members", "Help us reach 25,000 members by the end of 2025.",
     "The club hopes to help us reach 25,000 members, the mayor said."},
    {"reach-members", "Help us hit 10k subscribers!",
     "We need 20 members of parliament to back the bill."},
    {"reach-members", "Helfen Sie uns, 1.000 neue Mitglieder zu gewinnen.",
     "Sie helfen uns, sagte er, 1.000 neue Mitglieder zu gewinnen."},
    {"reach-members", "We need 500 more supporters to keep going.",
     "We need 500 more nurses, the minister said."},
    {"support-journalism", "Support independent journalism today.",
     "Donors who support independent journalism met in Berlin."},
    {"become-member", "Become a member",
     "To become a member of NATO, Sweden waited."},
    {"rely-on-support",
     "We rely on your support to make local news available to all",
     "Farmers say we rely on your support, the minister said."},
    {"donate", "Donate now", "Donate now or later: the tax question"},
    {"paywall-continue", "Subscribe now to continue reading.",
     "Readers who subscribe now get a discount, and can continue to read it."},
    {"paywall-subscriber", "Already a subscriber? Log in",
     "She was already a member of the board."},
    {"paywall-limit",
     "You have reached your limit of free articles this month.",
     "The team has reached its limit, the coach said."},
    {"paywall-de", "Weiterlesen mit Plus",
     "Sie will weiterlesen, mit Plus und Minus abwägen."},

    // Newsletters.
    {"newsletter-signup", "Sign up for our newsletter to get the latest news.",
     "Sign up rates fell after the school changed its policy."},
    {"newsletter-signup", "Get the latest stories delivered to your inbox",
     "Get ready for a cold winter, forecasters warned."},
    {"newsletter-name", "Axios newsletters",
     "The newsletter was founded in 1998 by two teachers."},
    {"newsletter-de",
     "Jetzt für unseren Newsletter anmelden und nichts verpassen.",
     "Der Newsletter des Vereins erschien 1998 zum ersten Mal."},
    {"newsletter-de-verb", "Jetzt kostenlos anmelden »",
     "Jetzt anmelden, sagte die Trainerin, sonst ist es zu spät."},
    {"email-follow",
     "Enter your email address to follow this blog and receive notifications.",
     "Enter your email address in the form and the bank calls you back."},
    {"editors-note-newsletter",
     "Editor's note: This article is an on-site version of our weekly "
     "newsletter. Sign up here to get it.",
     "Editor's note: This article was updated to correct the date of the "
     "vote."},

    // Cookies and consent.
    {"cookie-site-uses",
     "This website uses cookies to improve your experience.",
     "Cookies were first used by Netscape in 1994."},
    {"cookie-site-uses", "Diese Website verwendet Cookies.",
     "Die Bäckerei verwendet Butter für ihre Kekse."},
    {"cookie-continue",
     "By continuing to use this site, you agree to our use of cookies.",
     "By continuing to talk, the negotiators agreed to meet again."},
    {"cookie-continue-de",
     "Durch die weitere Nutzung der Seite stimmst du der Verwendung von "
     "Cookies zu.",
     "Durch die weitere Nutzung der Straße steigt der Lärm."},
    {"cookie-button", "Accept all cookies", "Accept all the risks, she wrote."},
    {"cookie-button", "Alle akzeptieren", "Alle akzeptieren den Vorschlag."},
    {"cookie-settings", "Cookie Settings",
     "Cookie settings in browsers vary a lot."},
    {"cookie-heading", "Strictly Necessary Cookies",
     "The rules on strictly necessary cookies changed in 2021, officials "
     "said."},
    {"external-content", "Empfohlener redaktioneller Inhalt",
     "Der empfohlene redaktionelle Inhalt stammt von der Agentur."},

    // Page furniture.
    {"read-time", "2 min read", "It takes 2 min to read the report."},
    {"read-time", "Lesezeit: 4 Minuten",
     "Die Lesezeit betrug 4 Minuten im Schnitt."},
    {"news-feed", "News Feed", "The news feed was redesigned in 2011."},
    {"news-feed", "Comments feed", "Comments feed the trolls, she said."},
    {"news-feed", "RSS-Feed abonnieren",
     "Der RSS-Feed wurde 2019 eingestellt."},
    {"news-feed", "Feed der Kommentare", "Feed der Katze nichts Salziges."},
    {"news-feed", "Subscribe to our RSS feed",
     "Subscribe to our RSS feed to get new posts, the editor wrote."},
    {"loading", "Loading...", "Loading the ship took three days."},
    {"back-to-top", "Back to top", "Back to top form after injury, she won."},
    {"back-nav", "Zurück zur Übersicht", "Zurück zur Übersicht kehrte er nie."},
    {"prev-next", "Previous article Transforming the old harbour",
     "Previous articles on the topic were retracted by the journal."},
    {"pager", "Weiter »", "Weiter geht es am Montag."},
    {"nav-words", "Toggle navigation", "Toggle navigation with the tab key."},
    {"breadcrumb", "You are here: Home / News / World",
     "You are here because the city invited you, the mayor said."},
    {"breadcrumb-home", "Home › News › World",
     "Home prices rose by 4% in May, the survey found."},
    {"section-label", "NEWS", "NEWS CORP SHARES FELL"},
    {"section-label", "Politik", "Politik ist die Kunst des Möglichen."},
    {"avatar", "Avatar", "Avatar was released in 2009."},
    {"avatar-initials", "AI", "II"},

    // Authors.
    {"author-role", "Reporter", "Reporter without borders"},
    {"author-role", "Über den Autor", "Über den Autor ist wenig bekannt."},
    {"author-bio",
     "Martin Fornusek is a reporter for the Kyiv Independent, specializing "
     "in politics.",
     "The mayor is a former teacher who grew up in Lviv."},
    {"author-bio", "Perry Bacon Jr. is a senior writer for FiveThirtyEight.",
     "The reporter for the local paper asked about the budget."},
    {"byline", "By AI", "By the way, nobody asked."},
    {"byline", "By Jane Doe and John Roe", "By then the vote was over."},
    {"byline", "Written by Kimberly White",
     "Written by hand, the letter was short."},
    {"byline", "von Redaktion MSM", "von der Leyen traf Macron in Paris."},
    {"byline-date", "By Jane Doe, March 3, 2024",
     "By March 3, 2024, most of the dams had been repaired."},
    {"posted-by", "Posted by admin on 12 May 2020",
     "Posted letters arrive later than e-mail, of course."},

    // Dates.
    {"updated-label", "Updated", "Updated guidelines were issued in May."},
    {"updated-date", "Updated: Dec. 3, 2024, 5:00 p.m. ET",
     "Updated guidelines were issued on 3 December 2024."},
    {"updated-date", "Veröffentlicht am 6. Juli 2015",
     "Veröffentlicht wurde die Studie am 6. Juli 2015 in Nature."},
    {"stand-date", "Stand: 12.03.2020", "Stand 2 feet apart from each other."},
    {"bare-date", "November 13, 2024", "November 13, 2024 was a Wednesday."},
    {"bare-date", "Montag, 3. Februar 2020 um 15:21 Uhr",
     "Am Montag, 3. Februar 2020, begann der Prozess."},
    {"bare-date", "2024-02-12", "2024-02-12 is the deadline for entries."},
    {"bare-time", "3 hours ago", "3 hours ago the dam broke."},

    // Read more.
    {"read-more", "Read more", "Read more books, the teacher said."},
    {"read-more", "**Read More**", "Read more about the study in Nature."},
    {"read-more", "Show More", "Show more respect, the judge said."},
    {"read-more", "Weiterlesen", "Weiterlesen lohnt sich, sagt die Autorin."},
    {"read-more-site", "Read More @ kyivindependent.com",
     "Read more at home, the teachers told parents."},
    {"read-more-teaser",
     "Read more: Recognizing Germany colonial crimes: Work in progress",
     "Read more carefully: the fine print matters."},
    {"read-more-tail",
     "To learn more about the latest developments, please read our full "
     "article on the kyivindependent.com website: Read More",
     "To learn more, the students read the full report from the agency."},

    // Sharing, comments and counters.
    {"share-row", "Share This Article",
     "Share this article's main idea with a friend."},
    {"share-row", "Facebook Twitter WhatsApp E-Mail",
     "Facebook and Twitter were fined."},
    {"share-row", "Inhalt teilen", "Inhalt und Form teilen sich die Seite."},
    {"share-counter", "12 comments", "12 comments were removed by moderators."},
    {"share-counter", "3.4K shares",
     "3.4K shares of the company changed hands."},
    {"comments-label", "Comments (12)", "Comments from readers were mixed."},
    {"no-comments", "No comments yet",
     "No comments yet from the ministry, a spokesman said."},
    {"comment-actions", "ReplyDelete", "Reply to the letter by Monday."},
    {"comment-form-fields",
     "Your email address will not be published. Required fields are marked *",
     "Your email address will be used to verify your account."},
    {"comment-form-fields", "Name *", "Name the three largest rivers."},
    {"comment-login", "You must be logged in to post a comment.",
     "You must be in Berlin by Friday to post the letter."},
    {"akismet",
     "This site uses Akismet to reduce spam. Learn how your comment "
     "data is processed.",
     "Akismet is a spam filter used by many sites."},
    {"recaptcha",
     "This site is protected by reCAPTCHA and the Google Privacy Policy apply.",
     "reCAPTCHA protects this site, the admin said."},
    {"follow-us", "Follow us on Twitter",
     "Follow us, the guide said, and stay close."},
    {"follow-site",
     "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner",
     "Follow these steps shared on Twitter to stay safe."},

    // Advertising and affiliates.
    {"advertisement", "Advertisement",
     "Advertisement revenue fell 10% in 2023."},
    {"advertisement", "Anzeige", "Anzeige erstattet hat niemand."},
    {"affiliate-commission",
     "When you buy through links on our site, we may earn an affiliate "
     "commission.",
     "The agent may earn a commission of 3% on the sale."},
    {"amazon-associate",
     "As an Amazon Associate I earn from qualifying purchases.",
     "She worked as an Amazon warehouse associate for two years."},
    {"affiliate-links", "This post contains affiliate links.",
     "The post contains links to the court filings."},
    {"affiliate-de",
     "Für Links auf dieser Seite erhält GIGA ggf. eine Provision vom Händler.",
     "Der Makler erhält die Provision erst nach dem Verkauf."},

    // Related articles.
    {"related-en", "You may also like",
     "You may also like the sequel, critics said."},
    {"related-en", "More from The Guardian",
     "More from the Guardian's archive is online now."},
    {"related-en", "Related Articles",
     "Related articles in the journal disagree."},
    {"related-de", "Das könnte Sie auch interessieren",
     "Das könnte Sie auch interessieren, sagte der Arzt zur Patientin."},
    {"related-de", "Mehr zum Thema", "Mehr zum Thema Klima lesen Sie morgen."},

    // Footer.
    {"copyright-symbol", "© 2024 Example Media. All rights reserved.",
     "Copyright law was reformed in 2019, the EU said."},
    {"all-rights-reserved", "Alle Rechte vorbehalten.",
     "The right to reserve a seat is not guaranteed."},
    {"footer-links", "Impressum | Datenschutz | Kontakt",
     "Impressum und Datenschutz sind Pflicht, sagt die Anwältin."},
    {"footer-links", "Privacy Policy",
     "Privacy policy experts warned of new rules."},
    {"platform-credit", "Proudly powered by WordPress",
     "Powered by solar panels, the boat crossed the Atlantic."},

    // Image credits.
    {"photo-credit-paren",
     "Rutte in Warsaw. (Photo by Jakub Porzycki/NurPhoto via Getty Images)",
     "Rutte in Warsaw (photos of the meeting were not released)."},
    {"agency-credit-paren", "Dmitry Muratov (REUTERS/Denis Balibouse)",
     "WASHINGTON (AP) — The Senate voted on Tuesday."},
    {"trailing-agency-credit",
     "Microsoft plans to cut its emissions. Mike Blake/Reuters files",
     "Mike Blake wrote for Reuters for many years."},
    {"caption-credit-end",
     "Rutte in Warsaw, Poland on November 13, 2024. (Photo by Jakub "
     "Porzycki/NurPhoto via Getty Images)",
     "The photos (by Jakub Porzycki) were shown at the press conference."},
    {"caption-glued-credit", "NATO Secretary-General, Mark Rutte.AP",
     "NATO Secretary-General, Mark Rutte. AP reported the visit."},
    {"photo-credit-line", "Photo: Jane Doe/Getty Images",
     "Photos taken by the rover show ice near the pole."},
    {"photo-credit-line", "Illustration by Ana Ruiz",
     "Illustration by children was part of the course."},
    {"photo-credits-label", "Photo credits",
     "Photo credits are listed at the end of the book."},
    {"agency-line", "Dee Dee Myers Getty Images",
     "Getty Images sued the company in London."},
    {"agency-slash-name", "APA/Georg Hochmuth",
     "APA style requires a reference list."},

    // Accounts.
    {"login", "Sign in", "Sign in the window said: closed."},
    {"login", "Jetzt registrieren",
     "Jetzt registrieren sich mehr Wähler als je zuvor."},
    {"not-logged-in", "Sie sind aktuell nicht eingeloggt.",
     "Sie sind aktuell nicht in Berlin, sagte die Sprecherin."},
};

class DefaultRulesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
    ASSERT_TRUE(rules.ok()) << rules.status();
    rules_ = new RuleSet(*std::move(rules));
  }
  static void TearDownTestSuite() {
    delete rules_;
    rules_ = nullptr;
  }

  static int IndexOf(absl::string_view name) {
    for (int i = 0; i < rules_->size(); ++i) {
      if (rules_->rules()[i].name == name) return i;
    }
    return -1;
  }

  static std::vector<int> Hits(absl::string_view line) {
    std::vector<int> hits;
    absl::Status s = rules_->Match(line, &hits);
    EXPECT_TRUE(s.ok()) << s;
    return hits;
  }

  static std::string Names(const std::vector<int>& hits) {
    std::string out;
    for (int i : hits) absl::StrAppend(&out, rules_->rules()[i].name, " ");
    return out;
  }

  inline static RuleSet* rules_ = nullptr;
};

// The lines of a file.
inline std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return absl::StrSplit(text.str(), '\n');
}

}  // namespace testing_rules
}  // namespace pith

#endif  // PITH_TESTS_DEFAULT_RULE_CASES_H_
