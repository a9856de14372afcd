// Copyright 2026 The pith Authors.
//
// Tests of the rule-file parser (RuleSet::Parse, ParseRules, ParseFile, rule
// actions and groups) through the public API. rules_test.cc tests matching.

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "pith/rules.h"
#include "tests/rules_test_util.h"

namespace pith {
namespace {

using testing_rules_util::Hits;
using testing_rules_util::MustParse;
using testing_rules_util::ParseError;

TEST(RuleActionTest, NamesRoundTrip) {
  for (RuleAction a :
       {RuleAction::kDrop, RuleAction::kDropRest, RuleAction::kDropBefore,
        RuleAction::kStrip, RuleAction::kReject}) {
    RuleAction parsed = RuleAction::kDrop;
    ASSERT_TRUE(ParseRuleAction(RuleActionName(a), &parsed));
    EXPECT_EQ(parsed, a);
  }
  EXPECT_EQ(RuleActionName(RuleAction::kDropRest), "drop-rest");
  RuleAction unused;
  EXPECT_FALSE(ParseRuleAction("dorp", &unused));
  EXPECT_FALSE(ParseRuleAction("", &unused));
}

TEST(RuleFileTest, ParsesRuleGroups) {
  RuleSet rules = MustParse(
      "drop:metadata byline (?i)^by \\w+$\n"
      "strip:photo-credits credit \\s*\\(photo: [^)]*\\)\n"
      "drop plain ^a$\n");
  ASSERT_EQ(rules.size(), 3);
  EXPECT_EQ(rules.rules()[0].action, RuleAction::kDrop);
  EXPECT_EQ(rules.rules()[0].group, "metadata");
  EXPECT_EQ(rules.rules()[1].action, RuleAction::kStrip);
  EXPECT_EQ(rules.rules()[1].group, "photo-credits");
  EXPECT_EQ(rules.rules()[2].group, "");
  EXPECT_EQ(Hits(rules, "By Jane"), std::vector<int>{0});
}

TEST(RuleFileTest, RejectsBadGroupNames) {
  for (const char* text : {"drop:Meta x ^a$\n", "drop: x ^a$\n",
                           "drop:meta_data x ^a$\n", "dorp:metadata x ^a$\n"}) {
    absl::Status s = ParseError(text);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(s.message().rfind("site.rules:1: ", 0), 0u) << s.message();
  }
  std::vector<Rule> rules(1);
  rules[0].name = "x";
  rules[0].pattern = "^a$";
  rules[0].group = "no spaces";
  EXPECT_EQ(RuleSet::Create(rules, RuleSetOptions()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RuleFileTest, DefaultRulesPutBylinesDatesAndCreditsInTheMetadataGroup) {
  int metadata = 0;
  for (const Rule& rule : RuleSet::DefaultRules()) {
    if (rule.group == "metadata") ++metadata;
    if (rule.name == "byline" || rule.name == "bare-date" ||
        rule.name == "photo-credit-line") {
      EXPECT_EQ(rule.group, "metadata") << rule.name;
    }
    if (rule.name == "share-row" || rule.name == "related-en") {
      EXPECT_EQ(rule.group, "") << rule.name;
    }
  }
  EXPECT_GE(metadata, 10);
}

TEST(RuleFileTest, ParsesActionsNamesPatternsAndSources) {
  RuleSet rules = MustParse(
      "# A comment.\n"
      "\n"
      "drop         read-more        (?i)^\\s*read more\\s*$\n"
      "   # An indented comment.\n"
      "drop-rest\ttagged\t(?i)^tagged:$\n"
      "drop-before skip-to-content  (?i)^skip to content$\n"
      "strip       getty-credit     \\s*\\(Photo by [^)]*\\)   \n"
      "reject      access-denied    (?i)^access denied\n");
  ASSERT_EQ(rules.size(), 5);
  const std::vector<Rule>& r = rules.rules();
  EXPECT_EQ(r[0].action, RuleAction::kDrop);
  EXPECT_EQ(r[0].name, "read-more");
  EXPECT_EQ(r[0].pattern, "(?i)^\\s*read more\\s*$");
  EXPECT_EQ(r[0].source, "test.rules:3");
  EXPECT_EQ(r[1].action, RuleAction::kDropRest);
  EXPECT_EQ(r[1].source, "test.rules:5");
  EXPECT_EQ(r[2].action, RuleAction::kDropBefore);
  EXPECT_EQ(r[3].action, RuleAction::kStrip);
  EXPECT_EQ(r[3].pattern, "\\s*\\(Photo by [^)]*\\)");  // Trimmed.
  EXPECT_EQ(r[4].action, RuleAction::kReject);
}

TEST(RuleFileTest, AcceptsCrlfLinesAndNoFinalNewline) {
  RuleSet rules = MustParse("# c\r\ndrop a ^a$\r\n\r\ndrop b ^b$");
  ASSERT_EQ(rules.size(), 2);
  EXPECT_EQ(rules.rules()[0].pattern, "^a$");  // No "\r" left.
  EXPECT_EQ(rules.rules()[1].source, "test.rules:4");
  EXPECT_EQ(Hits(rules, "a"), std::vector<int>{0});
}

TEST(RuleFileTest, EmptyTextGivesAnEmptySetThatMatchesNothing) {
  RuleSet rules = MustParse("# only comments\n\n");
  EXPECT_EQ(rules.size(), 0);
  EXPECT_TRUE(Hits(rules, "anything").empty());
}

TEST(RuleFileTest, BadPatternNamesFileLineRuleAndRe2Message) {
  absl::Status s =
      ParseError("drop a ^a$\n#\n#\n#\n#\n#\ndrop nav-footer (foo\n");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "site.rules:7: rule \"nav-footer\": missing ): (foo");
}

TEST(RuleFileTest, UnknownActionIsAnError) {
  absl::Status s = ParseError("drop a ^a$\ndorp b ^b$\n");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("site.rules:2: unknown action \"dorp\""),
            absl::string_view::npos)
      << s;
}

TEST(RuleFileTest, MissingNameIsAnError) {
  absl::Status s = ParseError("drop\n");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("site.rules:1: missing rule name"),
            absl::string_view::npos)
      << s;
}

TEST(RuleFileTest, MissingPatternIsAnError) {
  absl::Status s = ParseError("\ndrop lonely   \n");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "site.rules:2: rule \"lonely\": missing pattern");
}

TEST(RuleFileTest, BadNameIsAnError) {
  absl::Status s = ParseError("drop nav/footer ^x$\n");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("site.rules:1: bad rule name \"nav/footer\""),
            absl::string_view::npos)
      << s;
}

TEST(RuleFileTest, DuplicateNameIsAnErrorNamingTheFirst) {
  absl::Status s = ParseError("drop read-more ^a$\n\n\ndrop read-more ^b$\n");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "site.rules:4: duplicate rule name \"read-more\" (first at "
            "site.rules:1)");
}

TEST(RuleFileTest, ParseRulesChecksPatternsWithoutCompilingASet) {
  absl::StatusOr<std::vector<Rule>> rules =
      RuleSet::ParseRules("drop a ^a$\ndrop b a{2,1}\n", "x.rules");
  EXPECT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(rules.status().message().find("x.rules:2: rule \"b\": "),
            absl::string_view::npos)
      << rules.status();

  rules = RuleSet::ParseRules("drop a ^a$\nstrip b b+\n", "x.rules");
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->size(), 2u);
}

TEST(RuleFileTest, ParseFileReadsAFileAndReportsAMissingOne) {
  absl::StatusOr<RuleSet> missing =
      RuleSet::ParseFile("/nonexistent/dir/site.rules", RuleSetOptions());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);

  const std::string path = ::testing::TempDir() + "/rules_test_site.rules";
  {
    std::ofstream out(path, std::ios::binary);
    out << "drop a ^a$\ndrop b (b\n";
  }
  absl::StatusOr<RuleSet> bad = RuleSet::ParseFile(path, RuleSetOptions());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find(path + ":2: rule \"b\": missing )"),
            absl::string_view::npos)
      << bad.status();
  std::remove(path.c_str());
}

}  // namespace
}  // namespace pith
