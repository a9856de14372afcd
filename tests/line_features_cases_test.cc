// Copyright 2026 The pith Authors.
//
// Hand-checked per-line statistics of the cleaner's heuristics
// (lib/clean/line_features.h): prose, menus, scripts without spaces, blank
// lines and list bullets. line_features_test.cc compares the scan with a
// byte-by-byte reference on random lines.

#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "lib/clean/line_features.h"

namespace pith {
namespace internal {
namespace {

TEST(LineFeaturesTest, CountsAProseLine) {
  LineFeatures f;
  ComputeLineFeatures("  The cat sat on the mat, and that was it.  ", 10, &f);
  EXPECT_EQ(f.trim_offset, 12u);
  EXPECT_EQ(f.trim_length, 40u);
  EXPECT_EQ(f.chars, 31);  // White space is not counted.
  EXPECT_EQ(f.words, 10);
  EXPECT_EQ(f.letter_words, 10);
  EXPECT_EQ(f.stopwords[kEnglish], 7);  // The on the and that was it
  EXPECT_TRUE(f.ends_sentence);
  EXPECT_TRUE(f.starts_upper);
  EXPECT_FALSE(f.starts_lower);
}

TEST(LineFeaturesTest, CountsMenusSeparatorsAndCopyright) {
  LineFeatures f;
  ComputeLineFeatures("Home | News \xC2\xB7 Sport / 2026 \xE2\x80\xA2 (C) x", 0,
                      &f);
  EXPECT_EQ(f.words, 10);
  EXPECT_EQ(f.letter_words, 5);  // Home News Sport (C) x
  EXPECT_EQ(f.digits, 4);
  EXPECT_EQ(f.separators, 5);  // "|" twice, "·", "/", "•".
  EXPECT_TRUE(f.copyright);
  ComputeLineFeatures("\xC2\xA0\xC2\xA0 \xC2\xA9 2026 F\xC3\x9CR", 0, &f);
  EXPECT_EQ(f.trim_offset, 5u);
  EXPECT_EQ(f.chars, 8);
  EXPECT_EQ(f.words, 3);
  EXPECT_EQ(f.letter_words, 1);
  EXPECT_EQ(f.stopwords[kGerman], 1);  // "FÜR" is "für".
  EXPECT_TRUE(f.copyright);
}

TEST(LineFeaturesTest, CountsScriptsWithoutSpaces) {
  LineFeatures f;
  // Two sentences of Japanese, 14 characters with their full stops.
  ComputeLineFeatures(
      "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAF\xE5\xA4\xA7\xE3\x81\x8D"
      "\xE3\x81\x84\xE3\x80\x82\xE4\xBA\xBA\xE3\x81\x8C\xE5\xA4\x9A"
      "\xE3\x81\x84\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82",
      0, &f);
  EXPECT_EQ(f.cjk, 14);
  EXPECT_EQ(f.words, 1 + 7);
  EXPECT_TRUE(f.ends_sentence);
  // A question in a closing bracket, and Thai.
  ComputeLineFeatures("\xE3\x80\x8C\xE4\xBD\x95\xEF\xBC\x9F\xE3\x80\x8D", 0,
                      &f);
  EXPECT_TRUE(f.ends_sentence);
  ComputeLineFeatures("\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3", 0, &f);
  EXPECT_EQ(f.cjk, 3);
  EXPECT_FALSE(f.ends_sentence);
}

TEST(LineFeaturesTest, BlankLines) {
  LineFeatures f;
  ComputeLineFeatures(" \t\xC2\xA0 \r", 3, &f);
  EXPECT_TRUE(f.blank());
  EXPECT_EQ(f.words, 0);
  ComputeLineTrim(" a b ", 3, &f);
  EXPECT_EQ(f.trim_offset, 4u);
  EXPECT_EQ(f.trim_length, 3u);
}

TEST(LineFeaturesTest, SkipsListBullets) {
  LineFeatures f;
  ComputeLineFeatures("  * Home page", 0, &f);
  EXPECT_EQ(f.trim_offset, 4u);
  EXPECT_EQ(f.words, 2);
  EXPECT_TRUE(f.starts_upper);
  ComputeLineFeatures("* Home", 0, &f);  // "*" needs no indentation.
  EXPECT_EQ(f.trim_offset, 2u);
  ComputeLineFeatures("\xE2\x80\xA2 Home", 0, &f);  // "•".
  EXPECT_EQ(f.trim_offset, 4u);
  ComputeLineTrim("   + Contact", 0, &f);
  EXPECT_EQ(f.trim_offset, 5u);
  ComputeLineFeatures("o Brasil venceu", 0, &f);  // A word, not a bullet.
  EXPECT_EQ(f.trim_offset, 0u);
  ComputeLineFeatures("- 5 degrees", 0, &f);  // A minus sign.
  EXPECT_EQ(f.trim_offset, 0u);
  ComputeLineFeatures("  *", 0, &f);  // A bullet alone stays.
  EXPECT_EQ(f.trim_length, 1u);
}

// Pieces random lines are made of.

}  // namespace
}  // namespace internal
}  // namespace pith
