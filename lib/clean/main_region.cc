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

// Marks "wrapped_prose[i]" for the lines of hard-wrapped paragraphs that
// read like prose as a whole: runs of lines of five words or more, each
// after the first starting in lower case where the one before ends no
// sentence, all kept or all removed.
void MarkWrappedProse(absl::Span<const LineFeatures> lines,
                      absl::Span<const LineVerdict> verdicts,
                      std::vector<uint8_t>* wrapped_prose) {
  wrapped_prose->assign(lines.size(), 0);
  LineFeatures joined;
  size_t start = 0;
  size_t prev = 0;
  bool open = false;
  auto close = [&]() {
    // "joined" is only built once a second line joins.
    if (open && prev > start && ProseLine(joined)) {
      for (size_t j = start; j <= prev; ++j) (*wrapped_prose)[j] = 1;
    }
    open = false;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineFeatures& f = lines[i];
    if (f.blank()) {
      close();
      continue;
    }
    const LineFeatures& p = lines[prev];
    if (open && f.starts_lower && f.words >= 5 && p.words >= 5 &&
        !p.ends_sentence && !p.ends_colon &&
        IsKept(verdicts[i]) == IsKept(verdicts[prev])) {
      if (prev == start) joined = lines[start];
      joined.chars += f.chars;
      joined.words += f.words;
      joined.cjk += f.cjk;
      for (int l = 0; l < kNumLanguages; ++l) {
        joined.stopwords[l] = static_cast<uint16_t>(
            std::min(0xFFFF, joined.stopwords[l] + f.stopwords[l]));
      }
      joined.ends_sentence = f.ends_sentence;
    } else {
      close();
      start = i;
      open = true;
    }
    prev = i;
  }
  close();
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
  MarkWrappedProse(lines, verdicts, &s->wrapped_prose);
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
    } else if (ProseLine(f) || s->wrapped_prose[i]) {
      score.push_back(f.chars);
    } else {
      score.push_back(0);
    }
  }
  const int32_t n = static_cast<int32_t>(index.size());

  // Greedy maximal segments: a segment runs until its running sum falls to
  // zero or below; its extent is up to where the sum peaked.
  std::vector<Segment>& segments = s->segments;
  segments.clear();
  {
    Segment cur = {0, 0, -1};
    int64_t run = 0;
    for (int32_t k = 0; k < n; ++k) {
      if (run <= 0) {
        if (cur.peak > 0) segments.push_back(cur);
        run = 0;
        cur = {0, k, -1};
      }
      run += score[k];
      if (run > cur.peak) {
        cur.peak = run;
        cur.last = k;
      }
    }
    if (cur.peak > 0) segments.push_back(cur);
  }
  if (segments.empty()) return;

  // The best segment: the highest peak, or the first main segment that
  // reaches "early_percent" of it.
  size_t best = 0;
  for (size_t q = 1; q < segments.size(); ++q) {
    if (segments[q].peak > segments[best].peak) best = q;
  }
  for (size_t q = 0; q < best; ++q) {
    if (segments[q].peak >= params.min_score &&
        segments[q].peak * 100 >= segments[best].peak * params.early_percent) {
      best = q;
      break;
    }
  }

  // Bridge main segments to the best one while the gap is cheap.
  std::vector<int64_t>& prefix = s->prefix;
  prefix.assign(n + 1, 0);
  for (int32_t k = 0; k < n; ++k) prefix[k + 1] = prefix[k] + score[k];
  // What the lines strictly between positions "a" and "b" cost.
  auto gap = [&](int32_t a, int32_t b) { return prefix[a + 1] - prefix[b]; };
  auto bridged = [&](int64_t cost, int64_t total, int64_t peak) {
    return cost <= params.join_factor * std::min(total, peak);
  };
  size_t lo = best, hi = best;
  int64_t total = segments[best].peak;
  for (size_t q = best; q-- > 0;) {
    const Segment& g = segments[q];
    if (g.peak < params.min_score) continue;
    const int64_t cost = gap(g.last, segments[lo].first);
    if (!bridged(cost, total, g.peak)) break;
    total += g.peak - cost;
    lo = q;
  }
  for (size_t q = best + 1; q < segments.size(); ++q) {
    const Segment& g = segments[q];
    if (g.peak < params.min_score) continue;
    const int64_t cost = gap(segments[hi].last, g.first);
    if (!bridged(cost, total, g.peak)) break;
    total += g.peak - cost;
    hi = q;
  }
  std::vector<std::pair<int32_t, int32_t>>& regions = s->regions;
  std::vector<uint8_t>& span_start = s->span_start;
  regions.clear();
  span_start.clear();
  for (size_t q = 0; q < segments.size(); ++q) {
    const bool bridged_in = q > lo && q <= hi;
    if (q == best || segments[q].peak >= params.min_score) {
      regions.emplace_back(segments[q].first, segments[q].last);
      span_start.push_back(bridged_in ? 0 : 1);
    }
  }

  // Widen each region (see the header).
  for (size_t q = 0; q < regions.size(); ++q) {
    auto kept = [&](int32_t k) { return IsKept(verdicts[index[k]]); };
    const int32_t floor = q == 0 ? 0 : regions[q - 1].second + 1;
    const int32_t ceiling = q + 1 < regions.size() ? regions[q + 1].first : n;
    int32_t& first = regions[q].first;
    int32_t& last = regions[q].second;
    // Lead: headline, dateline, standfirst.
    const int32_t top = first;
    int joined = 0;
    for (int32_t k = top - 1; k >= floor && k >= top - 4 * params.lead_lines;
         --k) {
      if (!kept(k)) continue;
      if (!LeadLine(lines[index[k]]) || ++joined > params.lead_lines) break;
      first = k;
    }
    // Tail: kept sentences right after the last paragraph (a headline here
    // is the first teaser of what follows the article).
    for (int32_t k = last + 1; k < ceiling && k <= last + params.lead_lines;
         ++k) {
      const LineFeatures& f = lines[index[k]];
      if (!kept(k) || !LeadLine(f) || !f.ends_sentence) break;
      last = k;
    }
    // An introduced list: a line ending in ":" within 3 lines, then items
    // kept or only classifier-removed, up to a line removed otherwise.
    auto item = [&](int32_t k) {
      const LineVerdict v = verdicts[index[k]];
      return IsKept(v) ||
             (v == kClassifier && RestorableInside(lines[index[k]]));
    };
    {
      bool intro = false;
      int32_t k = last + 1;
      int32_t end = last;
      for (; k < ceiling && k <= last + params.list_lines && item(k); ++k) {
        const LineFeatures& f = lines[index[k]];
        if (k <= last + 3 && f.ends_colon && f.words >= 2) intro = true;
        end = k;
      }
      if (intro && (k >= n || !item(k))) last = end;
    }
    // A few kept lines up to a removed one.
    {
      int32_t k = last + 1;
      int32_t end = last;
      for (; k < ceiling && k <= last + params.tail_lines && kept(k); ++k) {
        end = k;
      }
      if (k >= ceiling || !kept(k)) last = end;
    }
  }

  // Mark: kept lines outside the spans go; inside them, classifier
  // removals of content shape come back.
  std::vector<uint8_t>& in_span = s->in_span;
  in_span.assign(n, 0);
  for (size_t q = 0; q < regions.size();) {
    size_t e = q + 1;
    while (e < regions.size() && !span_start[e]) ++e;
    for (int32_t k = regions[q].first; k <= regions[e - 1].second; ++k) {
      in_span[k] = 1;
    }
    q = e;
  }
  for (int32_t k = 0; k < n; ++k) {
    const int32_t i = index[k];
    if (!in_span[k]) {
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
