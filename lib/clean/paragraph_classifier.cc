// Copyright 2026 The pith Authors.

#include "lib/clean/paragraph_classifier.h"

#include <algorithm>
#include <cassert>
#include <cstddef>

namespace pith {
namespace internal {
namespace {

enum Class : uint8_t { kBad, kShort, kNearGood, kGood };

Class InitialClass(const ClassifierParams& p, const LineFeatures& f,
                   int language) {
  if (f.copyright && f.words < 40) return kBad;
  if (f.separators >= 2 && f.separators * 4 >= f.words) return kBad;
  if (f.chars < p.length_low) return kShort;
  double density = p.stopwords_high;
  if (language >= 0) {
    density = f.words > 0 ? static_cast<double>(f.stopwords[language]) /
                                static_cast<double>(f.words)
                          : 0.0;
  }
  if (density >= p.stopwords_high) {
    return f.chars >= p.length_high ? kGood : kNearGood;
  }
  if (density >= p.stopwords_low) return kNearGood;
  return kBad;
}

bool HeadingLike(const ClassifierParams& p, const LineFeatures& f) {
  return f.words <= p.heading_max_words && !f.ends_sentence && !f.copyright &&
         f.separators == 0 && f.letter_words > 0;
}

// Returns true if a paragraph classed kGood in "cls" follows paragraph "k"
// within p.max_heading_lines paragraphs and p.max_heading_distance
// characters: "k" is then a heading of good text.
bool GoodFollowsClosely(const ClassifierParams& p,
                        absl::Span<const LineFeatures> lines,
                        const std::vector<int32_t>& index,
                        const std::vector<uint8_t>& cls, int k) {
  const int n = static_cast<int>(index.size());
  int64_t distance = 0;
  for (int j = k + 1; j < n && j <= k + p.max_heading_lines; ++j) {
    if (cls[j] == kGood) return true;
    distance += lines[index[j]].chars;
    if (distance > p.max_heading_distance) return false;
  }
  return false;
}

// Adds "f" to the paragraph "to" as a continuation line.
void Join(const LineFeatures& f, LineFeatures* to) {
  to->chars += f.chars + 1;
  to->words += f.words;
  to->letter_words += f.letter_words;
  to->digits += f.digits;
  to->separators += f.separators;
  for (int l = 0; l < kNumLanguages; ++l) {
    to->stopwords[l] = static_cast<uint16_t>(
        std::min<int>(0xFFFF, to->stopwords[l] + f.stopwords[l]));
  }
  to->ends_sentence = f.ends_sentence;
  to->ends_colon = f.ends_colon;
  to->copyright = to->copyright || f.copyright;
}

// The language of a paragraph with features "f" on a page in "language":
// the page's, unless another built-in list has at least
// "kMinLanguageHits" hits in it and "kLanguageMargin" more than the
// page's (so a short line, with a stopword or two, keeps the page's
// language). -1 if neither the page nor the paragraph has one.
constexpr int kMinLanguageHits = 3;
constexpr int kLanguageMargin = 2;

int ParagraphLanguage(const LineFeatures& f, int language) {
  int best = 0;
  for (int l = 1; l < kNumLanguages; ++l) {
    if (f.stopwords[l] > f.stopwords[best]) best = l;
  }
  const int page = language >= 0 ? f.stopwords[language] : 0;
  if (best != language && f.stopwords[best] >= kMinLanguageHits &&
      f.stopwords[best] >= page + kLanguageMargin) {
    return best;
  }
  return language;
}

// Stopword hits of "f" in "language" (0 if it is -1).
int Hits(const LineFeatures& f, int language) {
  return language >= 0 ? f.stopwords[language] : 0;
}

}  // namespace

int DetectLanguage(absl::Span<const LineFeatures> lines, double min_share) {
  int64_t hits[kNumLanguages] = {};
  int64_t words = 0;
  for (const LineFeatures& f : lines) {
    words += f.words;
    for (int l = 0; l < kNumLanguages; ++l) hits[l] += f.stopwords[l];
  }
  int best = 0;
  for (int l = 1; l < kNumLanguages; ++l) {
    if (hits[l] > hits[best]) best = l;
  }
  if (words == 0 || static_cast<double>(hits[best]) <
                        min_share * static_cast<double>(words)) {
    return -1;
  }
  return best;
}

void ClassifyParagraphs(const ClassifierParams& p,
                        absl::Span<const LineFeatures> lines,
                        absl::Span<const int32_t> first, int language,
                        ClassifierScratch* s,
                        absl::Span<LineVerdict> verdicts) {
  assert(verdicts.size() == lines.size());
  std::vector<int32_t>& index = s->index;
  index.clear();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].blank()) index.push_back(static_cast<int32_t>(i));
  }
  const int n = static_cast<int>(index.size());
  if (n == 0) return;
  std::vector<uint8_t>& cls = s->cls;
  std::vector<uint8_t>& initial = s->initial;
  std::vector<uint8_t>& heading = s->heading;
  // Each paragraph is judged by the stopwords of its own language (an
  // English quote on a German page by English ones; see
  // ParagraphLanguage). Density thresholds adapt to stopword lists that
  // cover a language less well: per language, they are capped at a
  // fraction of the density of the document's long paragraphs in it.
  ClassifierParams q[kNumLanguages + 1];  // q[l + 1] for language l, or -1.
  {
    int64_t words[kNumLanguages] = {}, stops[kNumLanguages] = {};
    for (int k = 0; k < n; ++k) {
      const LineFeatures& f = lines[index[k]];
      if (f.chars < p.length_low) continue;
      const int l = ParagraphLanguage(f, language);
      if (l < 0) continue;
      words[l] += f.words;
      stops[l] += f.stopwords[l];
    }
    for (int l = -1; l < kNumLanguages; ++l) {
      ClassifierParams& ql = q[l + 1];
      ql = p;
      if (l < 0 || words[l] == 0) continue;
      const double density =
          static_cast<double>(stops[l]) / static_cast<double>(words[l]);
      ql.stopwords_low = std::min(ql.stopwords_low, p.relative_low * density);
      ql.stopwords_high =
          std::min(ql.stopwords_high, p.relative_high * density);
    }
  }
  // Hard-wrapped paragraphs: runs of kept lines where each line after the
  // first starts in lower case and the line before it ends no sentence.
  // Both lines must read like prose, which code and menus do not.
  auto prose_like = [&](int k) {
    const LineFeatures& f = lines[index[k]];
    if (!IsKept(verdicts[index[k]]) || f.letter_words < 3) return false;
    const int l = ParagraphLanguage(f, language);
    return l < 0 || static_cast<double>(f.stopwords[l]) >=
                        q[l + 1].stopwords_low * static_cast<double>(f.words);
  };
  std::vector<LineFeatures>& joined = s->joined;
  joined.resize(n);
  for (int k = 0; k < n;) {
    int end = k + 1;
    joined[k] = lines[index[k]];
    if (prose_like(k)) {
      while (end < n && lines[index[end]].starts_lower &&
             !lines[index[end - 1]].ends_sentence &&
             !lines[index[end - 1]].ends_colon && prose_like(end)) {
        Join(lines[index[end]], &joined[k]);
        ++end;
      }
    }
    for (int j = k + 1; j < end; ++j) joined[j] = joined[k];
    k = end;
  }
  std::vector<int8_t>& lang = s->language;
  lang.resize(n);
  for (int k = 0; k < n; ++k) {
    lang[k] = static_cast<int8_t>(ParagraphLanguage(joined[k], language));
  }
  cls.assign(n, kBad);
  heading.assign(n, 0);
  std::vector<uint8_t>& sentence = s->sentence;
  sentence.assign(n, 0);
  for (int k = 0; k < n; ++k) {
    const int i = index[k];
    if (!IsKept(verdicts[i])) {
      // Rule hits are bad context; lines other heuristics removed count as
      // what they look like, but never as good.
      if (verdicts[i] == kRepeatedLine && !first.empty() &&
          i - first[i] < p.near_repeat_lines) {
        cls[k] = kShort;
      } else if (lines[i].chars < p.length_low && verdicts[i] >= 0 &&
                 p.neutral_rule_hits) {
        cls[k] = kShort;
      }
      continue;
    }
    const LineFeatures& f = joined[k];
    cls[k] = InitialClass(q[lang[k] + 1], f, lang[k]);
    heading[k] = cls[k] != kGood && HeadingLike(p, f);
    sentence[k] = f.ends_sentence && f.words >= p.sentence_min_words &&
                  (lang[k] < 0 || Hits(f, lang[k]) > 0);
  }
  initial = cls;

  // Headings shortly before a good paragraph become near-good.
  for (int k = 0; k < n; ++k) {
    if (!heading[k] || cls[k] != kShort) continue;
    if (GoodFollowsClosely(p, lines, index, initial, k)) cls[k] = kNearGood;
  }

  // Nearest good/bad neighbours, ignoring short and near-good ones; the
  // edges are bad. prev/next hold the class, or kBad at an edge.
  std::vector<int32_t>& prev = s->prev;
  std::vector<int32_t>& next = s->next;
  prev.assign(n, kBad);
  next.assign(n, kBad);
  {
    int32_t last = kBad;
    for (int k = 0; k < n; ++k) {
      prev[k] = last;
      if (cls[k] == kGood || cls[k] == kBad) last = cls[k];
    }
    last = kBad;
    for (int k = n - 1; k >= 0; --k) {
      next[k] = last;
      if (cls[k] == kGood || cls[k] == kBad) last = cls[k];
    }
  }
  // Nearest neighbour that is not short (near-good counts), or kBad.
  std::vector<uint8_t>& prev_ns = s->prev_not_short;
  std::vector<uint8_t>& next_ns = s->next_not_short;
  prev_ns.assign(n, kBad);
  next_ns.assign(n, kBad);
  {
    uint8_t last = kBad;
    for (int k = 0; k < n; ++k) {
      prev_ns[k] = last;
      if (cls[k] != kShort) last = cls[k];
    }
    last = kBad;
    for (int k = n - 1; k >= 0; --k) {
      next_ns[k] = last;
      if (cls[k] != kShort) last = cls[k];
    }
  }

  std::vector<uint8_t>& final_cls = initial;  // Reused below.
  final_cls = cls;
  for (int k = 0; k < n; ++k) {
    if (cls[k] == kShort) {
      if (prev[k] == kGood && next[k] == kGood) {
        final_cls[k] = kGood;
      } else if (prev[k] == kBad && next[k] == kBad) {
        final_cls[k] = kBad;
      } else if ((prev[k] == kBad && prev_ns[k] == kNearGood) ||
                 (next[k] == kBad && next_ns[k] == kNearGood)) {
        final_cls[k] = kGood;
      } else if (sentence[k]) {
        // A short sentence next to good text: the last line of an article,
        // a one-line paragraph.
        final_cls[k] = kGood;
      } else {
        final_cls[k] = kBad;
      }
    } else if (cls[k] == kNearGood) {
      // Unlike jusText, a run of near-good paragraphs holds itself up: an
      // article of short paragraphs has no good one to lean on.
      final_cls[k] = (prev[k] == kBad && next[k] == kBad &&
                      prev_ns[k] != kNearGood && next_ns[k] != kNearGood)
                         ? kBad
                         : kGood;
    }
  }

  // A long paragraph with few stopwords (a flattened list, names, numbers)
  // between two good ones is part of the text.
  for (int k = 1; k + 1 < n; ++k) {
    if (cls[k] != kBad || !IsKept(verdicts[index[k]])) continue;
    const LineFeatures& f = lines[index[k]];
    if (f.copyright || f.separators > 0) continue;
    int a = k - 1, b = k + 1;
    while (a >= 0 && cls[a] == kShort) --a;
    while (b < n && cls[b] == kShort) ++b;
    if (a >= 0 && b < n && final_cls[a] == kGood && final_cls[b] == kGood) {
      final_cls[k] = kGood;
    }
  }

  // Headings that lost but are followed closely by a good paragraph stay.
  for (int k = 0; k < n; ++k) {
    if (!heading[k] || final_cls[k] != kBad || !IsKept(verdicts[index[k]]))
      continue;
    if (GoodFollowsClosely(p, lines, index, final_cls, k)) final_cls[k] = kGood;
  }

  // A line ending in ":" inside the text introduces a list, a table or code.
  for (int k = 0; k < n; ++k) {
    const int i = index[k];
    const LineFeatures& f = joined[k];
    if (!f.ends_colon || !IsKept(verdicts[i]) || f.words < 3 ||
        (lang[k] >= 0 && Hits(f, lang[k]) == 0)) {
      continue;
    }
    if (final_cls[k] != kGood) continue;
    for (int j = k + 1; j < n && j <= k + p.max_list_lines; ++j) {
      if (!IsKept(verdicts[index[j]]) || cls[j] == kGood ||
          cls[j] == kNearGood) {
        break;
      }
      const LineFeatures& item = lines[index[j]];
      if (item.copyright || item.separators >= 2) break;
      final_cls[j] = kGood;
    }
  }

  for (int k = 0; k < n; ++k) {
    const int i = index[k];
    if (IsKept(verdicts[i]) && final_cls[k] != kGood) {
      verdicts[i] = kClassifier;
    }
  }

  // An orphan tail heading: the last kept line is heading-like, comes right
  // after the article's last paragraph (a long line that ends a sentence)
  // and is followed only by removed lines. It introduces nothing, so it is
  // the first teaser of a related-articles block whose rest was removed.
  int removed_after = 0;
  int last = n - 1;
  for (; last >= 0 && !IsKept(verdicts[index[last]]); --last) ++removed_after;
  if (last <= 0 || removed_after < p.orphan_min_removed_after) return;
  const LineFeatures& tail = lines[index[last]];
  if (!HeadingLike(p, tail) || tail.chars >= p.length_high) return;
  // Headlines are sparse in stopwords; a last comment or sentence that
  // merely lacks its period is not.
  const int tail_language = lang[last];
  if (tail_language >= 0 && static_cast<double>(Hits(tail, tail_language)) >=
                                q[tail_language + 1].stopwords_high *
                                    static_cast<double>(tail.words)) {
    return;
  }
  // The line just before it (last > 0) must be that kept paragraph.
  if (!IsKept(verdicts[index[last - 1]])) return;
  const LineFeatures& paragraph = lines[index[last - 1]];
  if (paragraph.ends_sentence && paragraph.chars >= p.length_low) {
    verdicts[index[last]] = kClassifier;
  }
}

}  // namespace internal
}  // namespace pith
