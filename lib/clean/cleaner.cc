// Copyright 2026 The pith Authors.

#include "pith/cleaner.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/clean/comments.h"
#include "lib/clean/edge_runs.h"
#include "lib/clean/line_features.h"
#include "lib/clean/line_state.h"
#include "lib/clean/main_region.h"
#include "lib/clean/paragraph_classifier.h"
#include "lib/clean/recirculation.h"
#include "lib/clean/repeated_lines.h"
#include "lib/clean/safeguards.h"
#include "pith/segment.h"

namespace pith {
namespace {

using internal::LineFeatures;
using internal::LineVerdict;

// Per-thread buffers, reused across documents so that the hot path does not
// allocate per line.
struct Scratch {
  std::vector<LineSpan> spans;
  std::vector<LineFeatures> features;
  std::vector<LineVerdict> verdicts;
  // metadata[i]: a rule of the group "metadata" matched line i (whether or
  // not CleanerOptions::drop_metadata let it remove the line).
  std::vector<uint8_t> metadata;
  std::vector<int> matches;
  std::vector<uint32_t> table;
  std::vector<int32_t> first;
  internal::ClassifierScratch classifier;
  internal::CommentScratch comments;
  internal::RecirculationScratch recirculation;
  internal::MainRegionScratch main_region;
  // Lines changed by strip rules: (line index, kept text without terminator).
  std::vector<std::pair<size_t, std::string>> stripped;
  // Partial (strip) removals: (line index, rule index, removed text).
  struct Partial {
    size_t line;
    int rule;
    std::string removed;
  };
  std::vector<Partial> partials;
  // prose[i]: characters of prose lines before line i (see ProseChars).
  std::vector<int64_t> prose;
};

Scratch& GetScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// True if "s" holds nothing but white space and ASCII punctuation.
bool OnlySpaceAndPunctuation(absl::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
    if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
      return false;
  }
  return true;
}

// The rule group that CleanerOptions::drop_metadata switches.
constexpr absl::string_view kMetadataGroup = "metadata";

// A line this long that ends a sentence is taken for a paragraph of prose.
constexpr int32_t kProseMinChars = 150;

// Characters of "f" if it looks like a paragraph of prose, else 0.
int64_t ProseChars(const LineFeatures& f) {
  return f.chars >= kProseMinChars && f.ends_sentence ? f.chars : 0;
}

// Fills "prose" with the prefix sums of ProseChars over the lines, computing
// the features that "full" says are missing.
void ProsePrefix(absl::string_view document, absl::Span<const LineSpan> spans,
                 absl::Span<const LineFeatures> features, bool full,
                 std::vector<int64_t>* prose) {
  prose->assign(spans.size() + 1, 0);
  LineFeatures f;
  for (size_t i = 0; i < spans.size(); ++i) {
    int64_t chars = 0;
    if (!features[i].blank()) {
      if (full) {
        chars = ProseChars(features[i]);
      } else {
        internal::ComputeLineFeatures(spans[i].Line(document), spans[i].offset,
                                      &f);
        chars = ProseChars(f);
      }
    }
    (*prose)[i + 1] = (*prose)[i] + chars;
  }
}

// The bytes of "original" that are not in "kept", where "kept" is
// "original" with some pieces cut out (greedy alignment).
std::string RemovedText(absl::string_view original, absl::string_view kept) {
  // Common prefix and suffix first: with one cut, the middle is the cut.
  size_t prefix = 0;
  while (prefix < kept.size() && original[prefix] == kept[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < kept.size() - prefix &&
         original[original.size() - 1 - suffix] ==
             kept[kept.size() - 1 - suffix]) {
    ++suffix;
  }
  if (prefix + suffix == kept.size()) {
    return std::string(
        original.substr(prefix, original.size() - prefix - suffix));
  }
  std::string removed;
  size_t j = 0;
  for (size_t i = 0; i < original.size(); ++i) {
    if (j < kept.size() && original[i] == kept[j]) {
      ++j;
    } else {
      removed.push_back(original[i]);
    }
  }
  return removed;
}

void AddRemoval(std::vector<Removal>* removals, size_t* count, int line,
                absl::string_view reason, absl::string_view text,
                bool with_text, bool partial) {
  if (*count == removals->size()) removals->emplace_back();
  Removal& r = (*removals)[*count];
  ++*count;
  r.line = line;
  r.reason.assign(reason.data(), reason.size());
  if (with_text) {
    r.text.assign(text.data(), text.size());
  } else {
    r.text.clear();
  }
  r.partial = partial;
}

}  // namespace

struct Cleaner::Rep {
  Rep(RuleSet r, const CleanerOptions& o) : rules(std::move(r)), options(o) {}
  RuleSet rules;
  CleanerOptions options;
  internal::EdgeRunParams edge;
  internal::ClassifierParams classifier;
  internal::CommentParams comments;
  internal::RecirculationParams recirculation;
  internal::MainRegionParams main_region;
  // Per rule: 1 if it is in the group "metadata".
  std::vector<uint8_t> metadata;
};

absl::StatusOr<Cleaner> Cleaner::Create(RuleSet rules,
                                        const CleanerOptions& options) {
  if (!(options.footer_zone >= 0.0 && options.footer_zone <= 1.0)) {
    return absl::InvalidArgumentError("footer_zone must be in [0, 1]");
  }
  if (!(options.header_zone >= 0.0 && options.header_zone <= 1.0)) {
    return absl::InvalidArgumentError("header_zone must be in [0, 1]");
  }
  if (options.edge_run_max_words < 0 || options.edge_run_min_lines < 1) {
    return absl::InvalidArgumentError(
        "edge_run_max_words must be >= 0 and edge_run_min_lines >= 1");
  }
  if (options.classifier_length_low < 0 ||
      options.classifier_length_high < options.classifier_length_low) {
    return absl::InvalidArgumentError(
        "classifier lengths must satisfy 0 <= low <= high");
  }
  if (!(options.classifier_stopwords_low >= 0.0 &&
        options.classifier_stopwords_low <= options.classifier_stopwords_high &&
        options.classifier_stopwords_high <= 1.0)) {
    return absl::InvalidArgumentError(
        "classifier stopword densities must satisfy 0 <= low <= high <= 1");
  }
  if (options.main_region_gap_penalty < 0 ||
      options.main_region_min_chars < 0) {
    return absl::InvalidArgumentError(
        "main_region_gap_penalty and main_region_min_chars must be >= 0");
  }
  auto rep = std::make_unique<Rep>(std::move(rules), options);
  for (const Rule& rule : rep->rules.rules()) {
    rep->metadata.push_back(rule.group == kMetadataGroup ? 1 : 0);
  }
  rep->main_region.gap_penalty = options.main_region_gap_penalty;
  rep->main_region.min_score = options.main_region_min_chars;
  rep->edge.max_words = options.edge_run_max_words;
  rep->edge.min_run = options.edge_run_min_lines;
  rep->classifier.length_low = options.classifier_length_low;
  rep->classifier.length_high = options.classifier_length_high;
  rep->classifier.stopwords_low = options.classifier_stopwords_low;
  rep->classifier.stopwords_high = options.classifier_stopwords_high;
  return Cleaner(std::move(rep));
}

Cleaner::Cleaner(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Cleaner::Cleaner(Cleaner&&) noexcept = default;
Cleaner& Cleaner::operator=(Cleaner&&) noexcept = default;
Cleaner::~Cleaner() = default;

const RuleSet& Cleaner::rules() const { return rep_->rules; }
const CleanerOptions& Cleaner::options() const { return rep_->options; }

absl::StatusOr<CleanResult> Cleaner::Clean(absl::string_view document) const {
  CleanResult result;
  absl::Status status = Clean(document, &result);
  if (!status.ok()) return status;
  return result;
}

absl::Status Cleaner::Clean(absl::string_view document,
                            CleanResult* result) const {
  const CleanerOptions& options = rep_->options;
  const std::vector<Rule>& rules = rep_->rules.rules();
  Scratch& s = GetScratch();
  result->text.clear();
  result->rejected = false;
  result->reject_rule.clear();
  result->reject_line = 0;
  result->unchanged = false;
  result->main_regions.clear();
  size_t removal_count = 0;

  SplitLines(document, &s.spans);
  const size_t n = s.spans.size();
  s.features.resize(n);
  s.verdicts.assign(n, internal::kKept);
  s.metadata.assign(n, 0);
  s.stripped.clear();
  s.partials.clear();
  s.prose.clear();
  size_t nonblank = 0;
  // Rules and repeated lines need only the trimmed extent of a line; the
  // byte scan for words and stopwords is for edge runs and the classifier.
  const bool full_features = options.drop_edge_runs ||
                             options.classify_paragraphs ||
                             options.drop_comments ||
                             options.drop_recirculation || options.main_region;
  for (size_t i = 0; i < n; ++i) {
    if (full_features) {
      internal::ComputeLineFeatures(s.spans[i].Line(document),
                                    s.spans[i].offset, &s.features[i]);
    } else {
      internal::ComputeLineTrim(s.spans[i].Line(document), s.spans[i].offset,
                                &s.features[i]);
    }
    if (!s.features[i].blank()) ++nonblank;
  }

  // Rules.
  if (!rules.empty()) {
    const double footer_start =
        static_cast<double>(nonblank) * (1.0 - options.footer_zone);
    const double header_end =
        static_cast<double>(nonblank) * options.header_zone;
    size_t ordinal = 0;  // Non-blank lines before this one.
    size_t drop_rest_line = n;
    int drop_rest_rule = -1;
    size_t drop_before_line = n;
    int drop_before_rule = -1;
    for (size_t i = 0; i < n && drop_rest_rule < 0; ++i) {
      if (s.features[i].blank()) continue;
      const double position = static_cast<double>(ordinal);
      ++ordinal;
      // Rules see the line from its text on: without the indentation and
      // the list bullet that LineFeatures skips ("  * Home" is "Home").
      const absl::string_view full = s.spans[i].Line(document);
      const size_t skip = s.features[i].trim_offset - s.spans[i].offset;
      absl::string_view line = full.substr(skip);
      absl::Status status = rep_->rules.Match(line, &s.matches);
      if (!status.ok()) return status;
      if (s.matches.empty()) continue;
      int drop = -1;
      bool stripped = false;
      std::string kept;
      for (int m : s.matches) {
        if (rep_->metadata[m]) {
          s.metadata[i] = 1;
          if (!options.drop_metadata) continue;
        }
        switch (rules[m].action) {
          case RuleAction::kReject:
            result->rejected = true;
            result->reject_rule = rules[m].name;
            result->reject_line = static_cast<int>(i + 1);
            result->removals.clear();
            return absl::OkStatus();
          case RuleAction::kDropRest:
            if (position >= footer_start && drop_rest_rule < 0) {
              // A tail marker that comes before most of the page's prose
              // (a "comment" button under the byline) ends nothing: it is
              // dropped alone.
              if (s.prose.size() != n + 1) {
                ProsePrefix(document, s.spans, s.features, full_features,
                            &s.prose);
              }
              const int64_t before = s.prose[i];
              const int64_t after = s.prose[n] - s.prose[i + 1];
              if (before * 2 >= after) {
                drop_rest_rule = m;
                drop_rest_line = i;
              } else if (drop < 0) {
                drop = m;
              }
            }
            break;
          case RuleAction::kDropBefore:
            if (position < header_end) {
              drop_before_rule = m;
              drop_before_line = i;
            }
            break;
          case RuleAction::kDrop:
            if (drop < 0) drop = m;
            break;
          case RuleAction::kStrip: {
            if (drop >= 0) break;
            absl::string_view before =
                stripped ? absl::string_view(kept) : line;
            std::string after = rep_->rules.Strip(m, before);
            if (after.size() == before.size()) break;
            if (OnlySpaceAndPunctuation(after)) {
              drop = m;
              break;
            }
            s.partials.push_back({i, m,
                                  options.report_removed_text
                                      ? RemovedText(before, after)
                                      : std::string()});
            kept = std::move(after);
            stripped = true;
            break;
          }
        }
      }
      if (drop_rest_rule >= 0 && drop_rest_line == i) {
        s.verdicts[i] = drop_rest_rule;
      } else if (drop_before_rule >= 0 && drop_before_line == i) {
        s.verdicts[i] = drop_before_rule;
      } else if (drop >= 0) {
        s.verdicts[i] = drop;
      } else if (stripped) {
        if (skip > 0) kept.insert(0, full.data(), skip);
        s.stripped.emplace_back(i, std::move(kept));
      }
      if (!internal::IsKept(s.verdicts[i])) {
        // A removed line has no partial removals to report.
        while (!s.partials.empty() && s.partials.back().line == i) {
          s.partials.pop_back();
        }
        if (!s.stripped.empty() && s.stripped.back().first == i) {
          s.stripped.pop_back();
        }
      }
    }
    if (drop_before_rule >= 0) {
      for (size_t i = 0; i < drop_before_line; ++i) {
        if (!s.features[i].blank() && internal::IsKept(s.verdicts[i])) {
          s.verdicts[i] = drop_before_rule;
        }
      }
    }
    if (drop_rest_rule >= 0) {
      for (size_t i = drop_rest_line + 1; i < n; ++i) {
        if (!s.features[i].blank() && internal::IsKept(s.verdicts[i])) {
          s.verdicts[i] = drop_rest_rule;
        }
      }
    }
    // Drop-before may have removed stripped lines.
    if (drop_before_rule >= 0 || drop_rest_rule >= 0) {
      auto removed = [&](size_t line) {
        return !internal::IsKept(s.verdicts[line]);
      };
      size_t w = 0;
      for (size_t r = 0; r < s.stripped.size(); ++r) {
        if (!removed(s.stripped[r].first)) {
          if (w != r) s.stripped[w] = std::move(s.stripped[r]);
          ++w;
        }
      }
      s.stripped.resize(w);
      w = 0;
      for (size_t r = 0; r < s.partials.size(); ++r) {
        if (!removed(s.partials[r].line)) {
          if (w != r) s.partials[w] = std::move(s.partials[r]);
          ++w;
        }
      }
      s.partials.resize(w);
    }
  }

  absl::Span<const LineFeatures> features(s.features);
  absl::Span<LineVerdict> verdicts(s.verdicts);
  if (options.drop_repeated_lines) {
    internal::MarkRepeatedLines(document, features, &s.table, &s.first,
                                verdicts);
  }
  if (options.drop_edge_runs) {
    internal::MarkEdgeRuns(rep_->edge, features, verdicts);
  }
  if (options.classify_paragraphs) {
    const int language =
        internal::DetectLanguage(features, rep_->classifier.min_language_share);
    absl::Span<const int32_t> first;
    if (options.drop_repeated_lines) first = s.first;
    internal::ClassifyParagraphs(rep_->classifier, features, first, language,
                                 &s.classifier, verdicts);
  }
  if (options.drop_recirculation) {
    internal::MarkRecirculation(rep_->recirculation, document, features,
                                s.metadata, &s.recirculation, verdicts);
  }
  if (options.drop_comments) {
    internal::MarkComments(rep_->comments, document, features, &s.comments,
                           verdicts);
  }
  if (options.main_region) {
    internal::MarkOutsideMain(rep_->main_region, features, &s.main_region,
                              verdicts, &result->main_regions);
  }
  if (options.main_region || options.drop_recirculation) {
    internal::KeepCleanDocument(features, verdicts);
  }
  if (full_features) internal::KeepSomeSentence(features, verdicts);

  // Output and removals.
  result->text.reserve(document.size());
  // Room for every removal at once: a page of hundreds of thousands of
  // lines would otherwise hold two copies of the list while it grows.
  size_t removal_total = s.partials.size();
  for (size_t i = 0; i < n; ++i) {
    if (!s.features[i].blank() && !internal::IsKept(s.verdicts[i])) {
      ++removal_total;
    }
  }
  result->removals.reserve(removal_total);
  size_t next_stripped = 0;
  size_t next_partial = 0;
  bool emitted = false;        // A non-blank line was emitted.
  bool removed_since = false;  // A line was removed since then.
  size_t pending_first = 0;    // First blank line since then.
  size_t pending_count = 0;    // Blank lines since then.
  for (size_t i = 0; i < n; ++i) {
    const LineSpan& span = s.spans[i];
    const LineFeatures& f = s.features[i];
    const LineVerdict v = s.verdicts[i];
    if (f.blank()) {
      if (!options.tidy_blank_lines) {
        result->text.append(span.WithTerminator(document).data(),
                            span.length + span.terminator_length);
      } else {
        if (pending_count == 0) pending_first = i;
        ++pending_count;
      }
      continue;
    }
    if (!internal::IsKept(v)) {
      absl::string_view reason;
      switch (v) {
        case internal::kRepeatedLine:
          reason = "repeated-line";
          break;
        case internal::kEdgeRun:
          reason = "edge-run";
          break;
        case internal::kClassifier:
          reason = "classifier";
          break;
        case internal::kComments:
          reason = "comments";
          break;
        case internal::kOutsideMain:
          reason = "outside-main";
          break;
        case internal::kRecirculation:
          reason = "recirculation";
          break;
        default:
          reason = rules[v].name;
      }
      AddRemoval(&result->removals, &removal_count, static_cast<int>(i + 1),
                 reason, span.Line(document), options.report_removed_text,
                 false);
      removed_since = true;
      continue;
    }
    if (options.tidy_blank_lines) {
      if (emitted && pending_count > 0) {
        if (!removed_since) {
          for (size_t b = pending_first; b < i; ++b) {
            absl::string_view blank = s.spans[b].WithTerminator(document);
            result->text.append(blank.data(), blank.size());
          }
        } else {
          absl::string_view blank =
              s.spans[pending_first].WithTerminator(document);
          result->text.append(blank.data(), blank.size());
        }
      }
      pending_count = 0;
      removed_since = false;
      emitted = true;
    }
    while (next_partial < s.partials.size() &&
           s.partials[next_partial].line == i) {
      const Scratch::Partial& p = s.partials[next_partial++];
      AddRemoval(&result->removals, &removal_count, static_cast<int>(i + 1),
                 rules[p.rule].name, p.removed, options.report_removed_text,
                 true);
    }
    if (next_stripped < s.stripped.size() &&
        s.stripped[next_stripped].first == i) {
      result->text.append(s.stripped[next_stripped].second);
      result->text.append(document.data() + span.offset + span.length,
                          span.terminator_length);
      ++next_stripped;
    } else {
      absl::string_view full = span.WithTerminator(document);
      result->text.append(full.data(), full.size());
    }
  }
  result->removals.resize(removal_count);
  // With nothing removed or stripped, the text is the document's lines in
  // order less any blank lines that tidying dropped: of the same size, it
  // is all of them.
  result->unchanged =
      removal_count == 0 && result->text.size() == document.size();
  return absl::OkStatus();
}

}  // namespace pith
