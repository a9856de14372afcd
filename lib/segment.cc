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

std::vector<LineSpan> SplitLines(absl::string_view text) {
  std::vector<LineSpan> lines;
  SplitLines(text, &lines);
  return lines;
}

}  // namespace pith
