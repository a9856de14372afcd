// Copyright 2026 The pith Authors.
//
// Fuzzes the rule-file parser and RuleSet matching.
//
// Input: the last byte picks a memory budget; the rest is a rule file, then
// optionally a NUL byte and lines to match. Properties:
//   * Parse() never crashes; a failure is InvalidArgument (whose message
//     names the source and line) or ResourceExhausted, never empty.
//   * Parse() and ParseRules() agree: if the set compiles, the rules parse;
//     a syntax error from ParseRules() is an error from Parse() too.
//   * Writing the parsed rules back as "ACTION NAME PATTERN" lines and
//     parsing that gives the same rules.
//   * Match() reports strictly increasing indices in [0, size()), exactly
//     the rules whose own RE2 matches the line (the prefilters, the size
//     bounds of lib/clean/pattern_bounds.h, the prefilter for long lines and the
//     memo of short lines only skip work); Strip() never makes a line
//     longer.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzzed_data_provider.h"
#include "pith/rules.h"
#include "re2/re2.h"

namespace {

constexpr size_t kMaxRuleText = 4096;
constexpr size_t kMaxLineText = 4096;
constexpr int kMaxLines = 16;
constexpr absl::string_view kSource = "fuzz.rules";

bool SameRules(const std::vector<pith::Rule>& a,
               const std::vector<pith::Rule>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].action != b[i].action || a[i].name != b[i].name ||
        a[i].pattern != b[i].pattern) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxRuleText + kMaxLineText + 1) return 0;
  FuzzedDataProvider provider(data, size);
  static constexpr int64_t kBudgets[] = {int64_t{1} << 12, int64_t{1} << 16,
                                         int64_t{1} << 20, int64_t{8} << 20};
  pith::RuleSetOptions options;
  options.max_mem = provider.PickValueInArray(kBudgets);
  const std::string input = provider.ConsumeRemainingBytesAsString();
  const size_t nul = input.find('\0');
  const absl::string_view text =
      absl::string_view(input).substr(0, std::min(nul, kMaxRuleText));
  const absl::string_view lines_text =
      nul == std::string::npos ? absl::string_view()
                               : absl::string_view(input).substr(nul + 1);

  absl::StatusOr<pith::RuleSet> set =
      pith::RuleSet::Parse(text, kSource, options);
  absl::StatusOr<std::vector<pith::Rule>> rules =
      pith::RuleSet::ParseRules(text, kSource);

  if (!set.ok()) {
    const absl::Status& s = set.status();
    PITH_FUZZ_CHECK(s.code() == absl::StatusCode::kInvalidArgument ||
                        s.code() == absl::StatusCode::kResourceExhausted,
                    s.ToString());
    PITH_FUZZ_CHECK(!s.message().empty(), "");
    if (s.code() == absl::StatusCode::kInvalidArgument) {
      PITH_FUZZ_CHECK(absl::StartsWith(s.message(), absl::StrCat(kSource, ":")),
                      s.ToString());
    }
  }
  if (!rules.ok()) {
    const absl::Status& s = rules.status();
    PITH_FUZZ_CHECK(s.code() == absl::StatusCode::kInvalidArgument ||
                        s.code() == absl::StatusCode::kResourceExhausted,
                    s.ToString());
    PITH_FUZZ_CHECK(absl::StartsWith(s.message(), absl::StrCat(kSource, ":")),
                    s.ToString());
    if (s.code() == absl::StatusCode::kInvalidArgument) {
      PITH_FUZZ_CHECK(!set.ok(),
                      "ParseRules failed but Parse succeeded: " + s.ToString());
    }
    return 0;
  }
  if (!set.ok()) return 0;  // Over this input's memory budget only.
  PITH_FUZZ_CHECK(SameRules(set->rules(), *rules), "");
  PITH_FUZZ_CHECK(set->size() == static_cast<int>(rules->size()), "");

  // Round trip through the rule-file format.
  std::string written;
  for (const pith::Rule& r : *rules) {
    absl::StrAppend(&written, pith::RuleActionName(r.action), " ", r.name, "\t",
                    r.pattern, "\n");
  }
  absl::StatusOr<std::vector<pith::Rule>> again =
      pith::RuleSet::ParseRules(written, "written.rules");
  PITH_FUZZ_CHECK(again.ok(), again.status().ToString());
  PITH_FUZZ_CHECK(SameRules(*again, *rules), written);

  // Matching.
  std::vector<std::string> lines =
      absl::StrSplit(lines_text.substr(0, kMaxLineText), absl::ByAnyChar("\n"));
  if (lines.size() > kMaxLines) lines.resize(kMaxLines);
  for (const pith::Rule& r : *rules) lines.push_back(r.pattern);
  // Each rule alone, for reference (with a budget that fits any pattern the
  // set could hold).
  std::vector<std::unique_ptr<RE2>> alone;
  for (const pith::Rule& r : *rules) {
    RE2::Options re_options;
    re_options.set_log_errors(false);
    re_options.set_max_mem(int64_t{64} << 20);
    alone.push_back(std::make_unique<RE2>(r.pattern, re_options));
  }
  std::vector<int> matches;
  for (const std::string& line : lines) {
    absl::Status s = set->Match(line, &matches);
    if (!s.ok()) {
      PITH_FUZZ_CHECK(s.code() == absl::StatusCode::kResourceExhausted,
                      s.ToString());
      continue;
    }
    std::vector<int> want;
    bool known = true;
    for (size_t i = 0; i < alone.size(); ++i) {
      known = known && alone[i]->ok();
      if (known && RE2::PartialMatch(line, *alone[i])) {
        want.push_back(static_cast<int>(i));
      }
    }
    if (known) {
      PITH_FUZZ_CHECK(matches == want,
                      absl::StrCat("Match() differs from the rules alone on \"",
                                   line, "\""));
    }
    for (size_t i = 0; i < matches.size(); ++i) {
      PITH_FUZZ_CHECK(matches[i] >= 0 && matches[i] < set->size(), "");
      if (i > 0) PITH_FUZZ_CHECK(matches[i - 1] < matches[i], "");
      const pith::Rule& rule = set->rules()[matches[i]];
      if (rule.action == pith::RuleAction::kStrip) {
        std::string stripped = set->Strip(matches[i], line);
        PITH_FUZZ_CHECK(stripped.size() <= line.size(), rule.pattern);
      }
    }
  }
  return 0;
}
