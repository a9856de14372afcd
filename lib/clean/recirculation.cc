// Copyright 2026 The pith Authors.

#include "lib/clean/recirculation.h"

#include <cassert>
#include <cstddef>

namespace pith {
namespace internal {
namespace {

enum Role : uint8_t { kText, kTitle, kSummary, kMeta };

// True if "line" starts with a letter or a digit, not with punctuation (a
// dash, a quotation mark, a bracket): an attribution or a quote is no
// headline.
bool StartsWithLetterOrDigit(absl::string_view line) {
  const unsigned char c = static_cast<unsigned char>(line[0]);
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  }
  // U+0080..U+00BF (C2 xx) and U+2000..U+206F (E2 80 xx, E2 81 xx) are
  // punctuation and symbols; other lead bytes start letters.
  return c != 0xC2 && !(c == 0xE2 && line.size() > 1 &&
                        (static_cast<unsigned char>(line[1]) & 0xFE) == 0x80);
}

Role RoleOf(const RecirculationParams& p, absl::string_view document,
            const LineFeatures& f, LineVerdict v) {
  // A line a rule removed is page furniture, whatever its shape.
  if (v >= 0) return kMeta;
  const int32_t letter_words = f.letter_words;
  if (!f.ends_sentence && !f.ends_colon && !f.copyright && f.starts_upper &&
      letter_words >= p.min_title_words && f.words <= p.max_title_words &&
      f.separators <= 1 &&
      StartsWithLetterOrDigit(document.substr(f.trim_offset, f.trim_length))) {
    return kTitle;
  }
  if (f.ends_sentence && f.words >= 5 && f.chars <= p.max_summary_chars) {
    return kSummary;
  }
  if (f.words <= p.max_meta_words && !f.ends_colon) return kMeta;
  return kText;
}

// A kept paragraph of prose.
bool KeptProse(const LineFeatures& f, LineVerdict v) {
  return IsKept(v) && LooksLikeProse(f);
}

// Marks items [a, end) as a block if they make one (see the header).
void MarkRun(const RecirculationParams& p, absl::Span<const LineFeatures> lines,
             absl::Span<const uint8_t> metadata,
             const std::vector<int32_t>& index,
             const std::vector<uint8_t>& role, const std::vector<Item>& items,
             size_t a, size_t end, absl::Span<LineVerdict> verdicts) {
  const int titles = static_cast<int>(end - a);
  const bool bare = items[a].summaries == 0 && items[a].metas == 0;
  const size_t n = index.size();
  // The heading: short lines right over the first title. A rule removed
  // the line right over it: "Related", "Most read".
  size_t first = items[a].first;
  const bool rule_heading = first > 0 && verdicts[index[first - 1]] >= 0 &&
                            (metadata.empty() || !metadata[index[first - 1]]);
  for (int h = 0; h < p.max_heading_lines && first > 0; ++h) {
    if (role[first - 1] != kMeta) break;
    --first;
  }
  // A list that a kept line ending in ":" introduces belongs to the text.
  if (first > 0 && IsKept(verdicts[index[first - 1]]) &&
      lines[index[first - 1]].ends_colon) {
    return;
  }
  const size_t last = items[end - 1].last;
  const int min_items = rule_heading ? p.min_items_after_rule : p.min_items;
  if (titles < min_items ||
      (bare && !rule_heading && titles < p.min_bare_titles)) {
    return;
  }
  // A kept paragraph within "shelter_lines" lines on both sides.
  bool before = false, after = false;
  for (int q = 1; q <= p.shelter_lines; ++q) {
    if (first >= static_cast<size_t>(q)) {
      const int32_t i = index[first - q];
      before = before || KeptProse(lines[i], verdicts[i]);
    }
    if (last + q < n) {
      const int32_t i = index[last + q];
      after = after || KeptProse(lines[i], verdicts[i]);
    }
  }
  if (before && after) return;
  for (size_t q = first; q <= last; ++q) {
    LineVerdict& v = verdicts[index[q]];
    if (IsKept(v) || v == kClassifier || v == kRepeatedLine || v == kEdgeRun) {
      v = kRecirculation;
    }
  }
}

}  // namespace

void MarkRecirculation(const RecirculationParams& p, absl::string_view document,
                       absl::Span<const LineFeatures> lines,
                       absl::Span<const uint8_t> metadata,
                       RecirculationScratch* s,
                       absl::Span<LineVerdict> verdicts) {
  assert(verdicts.size() == lines.size());
  std::vector<int32_t>& index = s->index;
  std::vector<uint8_t>& role = s->role;
  index.clear();
  role.clear();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank()) continue;
    index.push_back(static_cast<int32_t>(i));
    role.push_back(RoleOf(p, document, lines[i], verdicts[i]));
  }
  const size_t n = index.size();
  std::vector<Item>& items = s->items;
  size_t k = 0;
  while (k < n) {
    if (role[k] != kTitle) {
      ++k;
      continue;
    }
    // The teasers from the title at "k" on: each a title and the lines
    // after it up to the next title.
    items.clear();
    items.push_back({k, k, 0, 0});
    size_t j = k + 1;
    for (; j < n; ++j) {
      Item& item = items.back();
      const Role r = static_cast<Role>(role[j]);
      if (r == kTitle) {
        items.push_back({j, j, 0, 0});
        continue;
      }
      if (r == kSummary) {
        if (++item.summaries > 1) break;
      } else if (r == kMeta) {
        if (++item.metas > p.max_meta_lines) break;
      } else {
        break;
      }
      item.last = j;
    }
    // A title that text follows (a paragraph, or a second sentence) heads
    // that text: it is the article's headline over its first paragraphs.
    if (j < n && role[j] != kMeta) items.pop_back();
    // Runs of teasers of one shape: a template repeats.
    for (size_t a = 0; a < items.size();) {
      size_t b = a + 1;
      while (b < items.size() && items[b].summaries == items[a].summaries &&
             items[b].metas == items[a].metas) {
        ++b;
      }
      // The last teaser of a run may lack what the others carry after
      // their title (the block ends there).
      const size_t end = b < items.size() &&
                                 items[b].summaries <= items[a].summaries &&
                                 items[b].metas <= items[a].metas
                             ? b + 1
                             : b;
      MarkRun(p, lines, metadata, index, role, items, a, end, verdicts);
      a = b;
    }
    k = j > k + 1 ? j : k + 1;
  }
}

}  // namespace internal
}  // namespace pith
