// Copyright 2026 The pith Authors.

#include "lib/clean/main_region.h"

#include <algorithm>
#include <cassert>
#include <cstddef>

namespace pith {
namespace internal {
namespace {

// A kept line that reads like prose: a paragraph, or one full sentence.
// A headline of up to 15 words may read like prose, but ends in no period.
bool ProseLine(const LineFeatures& f) {
  if (LooksLikeProse(f) && (f.ends_sentence || f.words > 15)) return true;
  return f.ends_sentence && f.words >= 6 && f.chars >= 40;
}

// A line the classifier removed that may be content inside an article: not
// a link row and not a copyright line.
bool RestorableInside(const LineFeatures& f) {
  return !f.copyright && f.separators == 0 &&
         (f.letter_words > 0 || f.digits > 0);
}

// A headline, a dateline or a standfirst: what may stand over an article.
bool LeadLine(const LineFeatures& f) {
  return ProseLine(f) || (f.letter_words > 0 && f.words <= 30 &&
                          f.separators == 0 && !f.copyright);
}

}  // namespace

void MarkOutsideMain(const MainRegionParams& params,
                     absl::Span<const LineFeatures> lines, MainRegionScratch* s,
                     absl::Span<LineVerdict> verdicts,
                     std::vector<LineRange>* ranges) {
  assert(verdicts.size() == lines.size());
  std::vector<int32_t>& index = s->index;
  std::vector<int64_t>& score = s->score;
  index.clear();
  score.clear();
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineFeatures& f = lines[i];
    if (f.blank()) continue;
    index.push_back(static_cast<int32_t>(i));
    if (verdicts[i] == kClassifier) {
      score.push_back(ProseLine(f)
                          ? f.chars * params.soft_classifier_percent / 100
                          : -params.soft_gap);
    } else if (!IsKept(verdicts[i])) {
      // The first removed line of a gap costs less: one caption, credit or
      // advertisement label interrupts an article more often than not.
      const bool first_of_gap =
          index.size() < 2 || IsKept(verdicts[index[index.size() - 2]]);
      score.push_back(first_of_gap ? -params.gap_first_penalty
                                   : -params.gap_penalty);
    } else if (ProseLine(f)) {
      score.push_back(f.chars);
    } else {
      score.push_back(0);
    }
  }
  const int32_t n = static_cast<int32_t>(index.size());

  // Greedy maximal segments: a segment runs until its running sum falls to
  // zero or below; its extent is up to where the sum peaked.
  struct Segment {
    int64_t peak;
    int32_t first, last;
  };
  std::vector<std::pair<int32_t, int32_t>>& regions = s->regions;
  regions.clear();
  int64_t best = 0;
  // Two passes: the first finds the best peak, the second keeps the
  // segments that reach it or "min_score" (no list of segments is needed).
  for (int pass = 0; pass < 2; ++pass) {
    Segment cur = {0, 0, -1};
    int64_t run = 0;
    auto close = [&]() {
      if (cur.peak <= 0) return;
      if (pass == 0) {
        best = std::max(best, cur.peak);
      } else if (cur.peak >= best || cur.peak >= params.min_score) {
        regions.emplace_back(cur.first, cur.last);
      }
    };
    for (int32_t k = 0; k < n; ++k) {
      if (run <= 0) {
        close();
        run = 0;
        cur = {0, k, -1};
      }
      run += score[k];
      if (run > cur.peak) {
        cur.peak = run;
        cur.last = k;
      }
    }
    close();
    if (best <= 0) return;
  }
  if (regions.empty()) return;

  // Lead-in: the kept lines over a region's first paragraph, across lines
  // removed between them (a byline, a photo credit), up to "lead_lines"
  // non-blank lines back, while they look like a headline or a standfirst.
  for (size_t q = 0; q < regions.size(); ++q) {
    const int32_t floor = q == 0 ? 0 : regions[q - 1].second + 1;
    int32_t first = regions[q].first;
    for (int32_t k = first - 1;
         k >= floor && k >= regions[q].first - 2 * params.lead_lines; --k) {
      if (!IsKept(verdicts[index[k]])) continue;
      if (!LeadLine(lines[index[k]]) || first - k > params.lead_lines) break;
      first = k;
    }
    regions[q].first = first;
    // Tail: kept sentences right after the last paragraph (no removed line
    // in between), such as a closing short sentence.
    const int32_t ceiling = q + 1 < regions.size() ? regions[q + 1].first : n;
    int32_t last = regions[q].second;
    for (int32_t k = last + 1; k < ceiling && k <= last + params.lead_lines;
         ++k) {
      const LineFeatures& f = lines[index[k]];
      // A headline here is the first teaser of what follows the article.
      if (!IsKept(verdicts[index[k]]) || !LeadLine(f) || !f.ends_sentence) {
        break;
      }
      regions[q].second = k;
    }
  }

  // Mark: before the first and after the last region kept lines go; inside
  // the regions, classifier removals of content shape come back.
  size_t r = 0;
  const int32_t span_first = regions.front().first;
  const int32_t span_last = regions.back().second;
  for (int32_t k = 0; k < n; ++k) {
    while (r < regions.size() && regions[r].second < k) ++r;
    const bool inside = r < regions.size() && regions[r].first <= k;
    const bool in_span = k >= span_first && k <= span_last;
    const int32_t i = index[k];
    if (!in_span) {
      if (IsKept(verdicts[i])) verdicts[i] = kOutsideMain;
    } else if (params.restore_inside && verdicts[i] == kClassifier &&
               RestorableInside(lines[i])) {
      verdicts[i] = kKept;
    }
  }
  if (ranges != nullptr) {
    for (const auto& region : regions) {
      LineRange range;
      range.first = index[region.first] + 1;
      range.last = index[region.second] + 1;
      ranges->push_back(range);
    }
  }
}

}  // namespace internal
}  // namespace pith
