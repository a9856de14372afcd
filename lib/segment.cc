// Copyright 2026 The pith Authors.

#include "pith/segment.h"

#include <cstring>

namespace pith {

void LineIterator::Find(size_t start) {
  if (start >= text_.size()) {
    done_ = true;
    span_ = LineSpan{text_.size(), 0, 0};
    return;
  }
  const char* begin = text_.data() + start;
  const size_t rest = text_.size() - start;
  const void* nl = std::memchr(begin, '\n', rest);
  span_.offset = start;
  if (nl == nullptr) {
    span_.length = rest;
    span_.terminator_length = 0;
    return;
  }
  size_t length = static_cast<const char*>(nl) - begin;
  size_t terminator = 1;
  if (length > 0 && begin[length - 1] == '\r') {
    --length;
    terminator = 2;
  }
  span_.length = length;
  span_.terminator_length = terminator;
}

void SplitLines(absl::string_view text, std::vector<LineSpan>* lines) {
  lines->clear();
  for (LineIterator it(text); !it.done(); it.Next()) {
    lines->push_back(it.span());
  }
}

namespace {

inline bool IsSpaceByte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

}  // namespace

absl::string_view TrimLine(absl::string_view line) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(line.data());
  size_t b = 0, e = line.size();
  for (;;) {
    if (b < e && IsSpaceByte(p[b])) {
      ++b;
    } else if (b + 1 < e && p[b] == 0xC2 && p[b + 1] == 0xA0) {
      b += 2;
    } else {
      break;
    }
  }
  for (;;) {
    if (e > b && IsSpaceByte(p[e - 1])) {
      --e;
    } else if (e >= b + 2 && p[e - 2] == 0xC2 && p[e - 1] == 0xA0) {
      e -= 2;
    } else {
      break;
    }
  }
  return line.substr(b, e - b);
}

bool IsBlankLine(absl::string_view line) { return TrimLine(line).empty(); }

void SplitParagraphs(absl::string_view text, const std::vector<LineSpan>& lines,
                     std::vector<ParagraphSpan>* paragraphs) {
  paragraphs->clear();
  const size_t n = lines.size();
  size_t i = 0;
  while (i < n) {
    if (IsBlankLine(lines[i].Line(text))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j + 1 < n && !IsBlankLine(lines[j + 1].Line(text))) ++j;
    paragraphs->push_back({i, j});
    i = j + 1;
  }
}

std::vector<LineSpan> SplitLines(absl::string_view text) {
  std::vector<LineSpan> lines;
  SplitLines(text, &lines);
  return lines;
}

}  // namespace pith
