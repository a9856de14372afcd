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

}  // namespace
}  // namespace pith
