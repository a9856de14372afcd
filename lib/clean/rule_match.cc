// Copyright 2026 The pith Authors.
//
// Matching lines with a RuleSet: the per-thread memo of short lines, the
// prefilter's candidates, the anchored set and the rules that run alone; and
// Strip().

#include <algorithm>
#include <cassert>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/clean/pattern_bounds.h"
#include "lib/clean/re2_util.h"
#include "lib/clean/rule_set_rep.h"
#include "pith/rules.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace pith {
namespace {

// Returns true if "size" fits in one of "bounds".
bool FitsAny(const internal::LineSize& size,
             const std::vector<internal::LineSize>& bounds) {
  for (const internal::LineSize& b : bounds) {
    if (internal::Fits(size, b)) return true;
  }
  return false;
}

absl::Status MatchError(const RE2::Set::ErrorInfo& info, int64_t max_mem) {
  switch (info.kind) {
    case RE2::Set::kOutOfMemory:
      return absl::ResourceExhaustedError(
          absl::StrCat("rule set ran out of memory matching a line (max_mem ",
                       max_mem, " bytes)"));
    case RE2::Set::kInconsistent:
      return absl::InternalError("rule set match was inconsistent");
    case RE2::Set::kNotCompiled:
      return absl::InternalError("rule set is not compiled");
    case RE2::Set::kNoError:
      break;
  }
  return absl::OkStatus();
}

// RuleSet::Match remembers, per thread, the results for up to
// RuleSetOptions::remembered_lines lines of at most kMaxRememberedLine bytes
// that match at most kMaxRememberedMatches rules.
constexpr size_t kMaxRememberedLine = 160;
constexpr size_t kMaxRememberedMatches = 7;

// The anchored set reads a line this short (bytes) to the end in one call.
constexpr size_t kShortLine = 256;

}  // namespace

absl::Status RuleSet::Match(absl::string_view line,
                            std::vector<int>* matches) const {
  matches->clear();
  if (rep_->rules.empty()) return absl::OkStatus();
  if (line.size() > kMaxRememberedLine || rep_->remembered_lines == 0) {
    return rep_->Match(line, matches);
  }
  // Per-thread memo of the results for short lines: menus, buttons, bylines
  // and share rows repeat from page to page of a site, and a short line
  // costs a few RE2 calls, each dearer than a hash lookup. Like the memo in
  // Candidates(), it belongs to one RuleSet at a time.
  struct Remembered {
    uint8_t count = 0;
    int32_t rules[kMaxRememberedMatches];
  };
  struct Memo {
    uint64_t serial = 0;
    absl::flat_hash_map<std::string, Remembered> lines;
  };
  thread_local Memo memo;
  if (memo.serial != rep_->serial) {
    memo.lines.clear();
    memo.serial = rep_->serial;
  }
  auto it = memo.lines.find(line);
  if (it != memo.lines.end()) {
    matches->assign(it->second.rules, it->second.rules + it->second.count);
    return absl::OkStatus();
  }
  absl::Status status = rep_->Match(line, matches);
  if (!status.ok() || matches->size() > kMaxRememberedMatches) return status;
  if (memo.lines.size() >= rep_->remembered_lines) memo.lines.clear();
  Remembered& r = memo.lines[line];
  r.count = static_cast<uint8_t>(matches->size());
  std::copy(matches->begin(), matches->end(), r.rules);
  return absl::OkStatus();
}

absl::Status RuleSet::Rep::Match(absl::string_view line,
                                 std::vector<int>* matches) const {
  const internal::LineSize size = internal::MeasureLine(line);
  const internal::Prefilter& prefilter =
      long_lines != nullptr && IsLong(size) ? *long_lines : all;
  prefilter.Candidates(line, matches);
  const re2::StringPiece text = internal::ToPiece(line);
  size_t w = 0;
  for (size_t r = 0; r < matches->size(); ++r) {
    const int index = (*matches)[r];
    if (is_base[index]) continue;  // The set below decides.
    if (!internal::Fits(size, max_size[index])) continue;
    if (Matches(index, text)) (*matches)[w++] = index;
  }
  matches->resize(w);
  for (size_t k = 0; k < solo_rules.size(); ++k) {
    const int index = solo_rules[k];
    if (!internal::Fits(size, max_size[index])) continue;
    bool possible = true;
    for (char c : solo_required[k]) {
      possible = possible && line.find(c) != absl::string_view::npos;
    }
    if (possible && Matches(index, text)) matches->push_back(index);
  }
  if (anchored_set != nullptr && FitsAny(size, anchored_sizes)) {
    absl::Status status = MatchAnchored(text, matches);
    if (!status.ok()) return status;
  }
  if (matches->size() > w) std::sort(matches->begin(), matches->end());
  return absl::OkStatus();
}

absl::Status RuleSet::Rep::MatchAnchored(re2::StringPiece text,
                                         std::vector<int>* matches) const {
  RE2::Set::ErrorInfo info;
  // On a long line, a yes/no pass first: it stops at the earliest match,
  // and most lines match no rule. A short line costs little to read to the
  // end, where a hit would cost a second call.
  const bool short_line = text.size() <= kShortLine;
  if (!short_line && !anchored_set->Match(text, nullptr, &info)) {
    return MatchError(info, max_mem);
  }
  thread_local std::vector<int> hits;
  if (!anchored_set->Match(text, &hits, &info)) {
    absl::Status status = MatchError(info, max_mem);
    if (!status.ok()) return status;
    if (short_line) return absl::OkStatus();  // No rule matches.
    return absl::InternalError("rule set match was inconsistent");
  }
  for (int h : hits) {
    const int index = anchored_rules[h];
    if (anchored_relaxed[h] &&
        !Exact(index).Match(text, 0, text.size(), RE2::UNANCHORED, nullptr,
                            0)) {
      continue;
    }
    matches->push_back(index);
  }
  return absl::OkStatus();
}

std::string RuleSet::Strip(int index, absl::string_view line) const {
  assert(index >= 0 && index < size());
  if (rep_->rules[index].action != RuleAction::kStrip) {
    return std::string();  // Other actions take whole lines.
  }
  const RE2* re = &rep_->Exact(index);
  const re2::StringPiece text = internal::ToPiece(line);
  std::string out;
  size_t pos = 0;
  re2::StringPiece match;
  while (pos <= line.size() &&
         re->Match(text, pos, line.size(), RE2::UNANCHORED, &match, 1)) {
    const size_t start = static_cast<size_t>(match.data() - line.data());
    const size_t end = start + match.size();
    out.append(line.data() + pos, start - pos);
    if (end > start) {
      pos = end;
    } else {  // An empty match removes nothing: keep one byte and go on.
      if (start < line.size()) out.push_back(line[start]);
      pos = start + 1;
    }
  }
  if (pos < line.size()) out.append(line.data() + pos, line.size() - pos);
  return out;
}

}  // namespace pith
