// Copyright 2026 The pith Authors.

#include "pith/segment.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace pith {
namespace {

std::vector<std::string> Lines(absl::string_view text) {
  std::vector<std::string> out;
  for (LineIterator it(text); !it.done(); it.Next()) {
    out.emplace_back(it.line());
  }
  return out;
}

TEST(SegmentTest, EmptyTextHasNoLines) {
  EXPECT_TRUE(SplitLines("").empty());
  EXPECT_TRUE(LineIterator("").done());
}

TEST(SegmentTest, SplitsOnNewlineAndKeepsLastLineWithoutTerminator) {
  EXPECT_EQ(Lines("a\nbb\nccc"), (std::vector<std::string>{"a", "bb", "ccc"}));
  std::vector<LineSpan> spans = SplitLines("a\nbb\nccc");
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[2].terminator_length, 0u);
  EXPECT_EQ(spans[1].offset, 2u);
  EXPECT_EQ(spans[1].length, 2u);
}

TEST(SegmentTest, TrailingNewlineAddsNoEmptyLine) {
  EXPECT_EQ(Lines("a\n\nb\n"), (std::vector<std::string>{"a", "", "b"}));
}

TEST(SegmentTest, CarriageReturnBelongsToTerminator) {
  const std::string text = "one\r\ntwo\r\n\r\nlast\r";
  std::vector<LineSpan> spans = SplitLines(text);
  ASSERT_EQ(spans.size(), 4u);
  EXPECT_EQ(spans[0].Line(text), "one");
  EXPECT_EQ(spans[0].terminator_length, 2u);
  EXPECT_EQ(spans[0].WithTerminator(text), "one\r\n");
  EXPECT_EQ(spans[2].Line(text), "");
  // A lone "\r" at the end is content: only "\r\n" is a terminator.
  EXPECT_EQ(spans[3].Line(text), "last\r");
}

TEST(SegmentTest, SpansCoverTheTextExactly) {
  const std::string text("x\r\n\ny\nz\r\r\n\xff\0q\n", 14);
  std::vector<LineSpan> spans = SplitLines(text);
  std::string joined;
  size_t expected_offset = 0;
  for (const LineSpan& s : spans) {
    EXPECT_EQ(s.offset, expected_offset);
    joined += std::string(s.WithTerminator(text));
    expected_offset = s.end();
  }
  EXPECT_EQ(joined, text);
}

TEST(SegmentTest, ReusesTheOutputVector) {
  std::vector<LineSpan> spans = {LineSpan{}, LineSpan{}, LineSpan{}};
  SplitLines("only", &spans);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].length, 4u);
}

TEST(SegmentTest, WhiteSpaceIsTheSameEverywhere) {
  EXPECT_EQ(TrimLine(" \t\v\f\r\xc2\xa0 word \xc2\xa0\r\t"), "word");
  EXPECT_EQ(TrimLine("a \xc2\xa0 b"), "a \xc2\xa0 b");  // Inside: kept.
  EXPECT_EQ(TrimLine(""), "");
  for (const char* blank : {"", " ", "\t", "\v", "\f", "\r", "\xc2\xa0",
                            " \r \xc2\xa0\xc2\xa0\t"}) {
    EXPECT_TRUE(IsBlankLine(blank)) << blank;
  }
  // A lone C2 or A0 byte is no white space.
  for (const char* text : {"\xc2", "\xa0", " \xc2 ", "x", "\xc2\xa1"}) {
    EXPECT_FALSE(IsBlankLine(text)) << text;
  }
}

TEST(SegmentTest, BlankLinesOfAnyKindSeparateParagraphs) {
  const std::string text =
      "\n one\ntwo\n\xc2\xa0\nthree\n\v\n\f\nfour\r\n \r\nfive\n\t";
  std::vector<LineSpan> lines = SplitLines(text);
  std::vector<ParagraphSpan> paragraphs;
  SplitParagraphs(text, lines, &paragraphs);
  ASSERT_EQ(paragraphs.size(), 4u);
  EXPECT_EQ(paragraphs[0].first_line, 1u);
  EXPECT_EQ(paragraphs[0].last_line, 2u);
  EXPECT_EQ(paragraphs[1].first_line, 4u);
  EXPECT_EQ(paragraphs[1].last_line, 4u);
  EXPECT_EQ(paragraphs[2].first_line, 7u);
  EXPECT_EQ(paragraphs[3].first_line, 9u);
  EXPECT_EQ(paragraphs[3].last_line, 9u);
}

}  // namespace
}  // namespace pith
