// Copyright 2026 The pith Authors.

#include "lib/dedup/units.h"

#include <cassert>

namespace pith {
namespace internal {

void SplitUnits(absl::string_view text, const std::vector<LineSpan>& lines,
                DedupUnit unit, std::vector<UnitSpan>* units) {
  units->clear();
  auto add = [&](size_t first, size_t last) {
    UnitSpan u;
    u.first_line = first;
    u.last_line = last;
    u.offset = lines[first].offset;
    u.length = lines[last].offset + lines[last].length - u.offset;
    units->push_back(u);
  };
  const size_t n = lines.size();
  switch (unit) {
    case DedupUnit::kLine:
      for (size_t i = 0; i < n; ++i) {
        if (!IsBlankLine(lines[i].Line(text))) add(i, i);
      }
      break;
    case DedupUnit::kParagraph: {
      thread_local std::vector<ParagraphSpan> paragraphs;
      SplitParagraphs(text, lines, &paragraphs);
      for (const ParagraphSpan& p : paragraphs) add(p.first_line, p.last_line);
      break;
    }
    case DedupUnit::kDocument: {
      size_t first = n;
      size_t last = 0;
      for (size_t i = 0; i < n; ++i) {
        if (IsBlankLine(lines[i].Line(text))) continue;
        if (first == n) first = i;
        last = i;
      }
      if (first < n) add(first, last);
      break;
    }
  }
}

void AppendKeptLines(absl::string_view text, const std::vector<LineSpan>& lines,
                     const std::vector<bool>& removed, bool tidy,
                     std::string* out) {
  assert(removed.size() == lines.size());
  const size_t start = out->size();
  // Blank lines seen since the last kept non-blank line, held back until we
  // know whether a removal made them redundant.
  size_t pending_begin = 0;
  size_t pending_count = 0;
  bool removal_since_kept = false;  // A line was removed since the last kept
                                    // non-blank line (or the start).
  bool kept_any = false;            // A non-blank line was kept.
  for (size_t i = 0; i < lines.size(); ++i) {
    if (removed[i]) {
      removal_since_kept = true;
      continue;
    }
    const bool blank = IsBlankLine(lines[i].Line(text));
    if (!tidy) {
      out->append(lines[i].WithTerminator(text).data(),
                  lines[i].WithTerminator(text).size());
      continue;
    }
    if (blank) {
      if (pending_count == 0) pending_begin = i;
      ++pending_count;
      continue;
    }
    // A kept non-blank line: decide what to do with the held blank lines.
    if (pending_count > 0) {
      if (!removal_since_kept) {
        // Untouched input: keep every blank line.
        for (size_t k = pending_begin; k < pending_begin + pending_count; ++k) {
          if (!removed[k]) {
            absl::string_view s = lines[k].WithTerminator(text);
            out->append(s.data(), s.size());
          }
        }
      } else if (kept_any) {
        // A removal happened here: collapse to the first blank line.
        absl::string_view s = lines[pending_begin].WithTerminator(text);
        out->append(s.data(), s.size());
      }
      // At the head with a removal: drop them.
    }
    pending_count = 0;
    removal_since_kept = false;
    kept_any = true;
    absl::string_view s = lines[i].WithTerminator(text);
    out->append(s.data(), s.size());
  }
  if (tidy && pending_count > 0 && !removal_since_kept) {
    // Trailing blank lines of the input, untouched by removals.
    for (size_t k = pending_begin; k < lines.size(); ++k) {
      if (!removed[k]) {
        absl::string_view s = lines[k].WithTerminator(text);
        out->append(s.data(), s.size());
      }
    }
  }
  // A text without a final line terminator keeps none, whichever of its
  // lines comes last now.
  const bool unterminated = !text.empty() && text.back() != '\n';
  if (unterminated && out->size() > start && out->back() == '\n') {
    out->pop_back();
    if (out->size() > start && out->back() == '\r') out->pop_back();
  }
}

}  // namespace internal
}  // namespace pith
