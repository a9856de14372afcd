// Copyright 2026 The pith Authors.
//
// RuleSet: the line rules in RE2::Sets (one unanchored pass per set and
// line), plus an exact per-rule RE2 where a set entry was relaxed or a strip
// rule needs match positions. See lib/rule_file.h for why sets are relaxed
// and split.

#include "pith/rules.h"

#include <algorithm>
#include <cassert>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/default_rules.h"
#include "lib/re2_util.h"
#include "lib/rule_file.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace pith {
namespace {

constexpr absl::string_view kDefaultSourceName = "default.rules";

// Rules per RE2::Set. Each set costs a call per line (~100-200 ns of RE2
// set-up, more than the scan of a typical 50-byte line), so fewer sets are
// faster as long as the DFA cache holds the states the lines need. With the
// bounded repeats relaxed (lib/rule_file.h) one set over the 93 default
// rules runs ~2.5x faster on dev-pages than three sets of 32, given the
// memory below; a starved DFA cache thrashes (rebuilds states) instead.
constexpr int kMaxRulesPerSet = 32;

// The share of RuleSetOptions::max_mem for the exact per-rule expressions,
// when there are any (the sets share the rest): 1/kExactMemShare. The exact
// expressions run only on lines their set entry hit; the sets run on every
// line, so their DFA caches get most of the budget.
constexpr int64_t kExactMemShare = 4;

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

}  // namespace

absl::string_view RuleActionName(RuleAction action) {
  switch (action) {
    case RuleAction::kDrop:
      return "drop";
    case RuleAction::kDropRest:
      return "drop-rest";
    case RuleAction::kDropBefore:
      return "drop-before";
    case RuleAction::kStrip:
      return "strip";
    case RuleAction::kReject:
      return "reject";
  }
  return "unknown";
}

bool ParseRuleAction(absl::string_view name, RuleAction* action) {
  static constexpr RuleAction kAll[] = {
      RuleAction::kDrop, RuleAction::kDropRest, RuleAction::kDropBefore,
      RuleAction::kStrip, RuleAction::kReject};
  for (RuleAction a : kAll) {
    if (name == RuleActionName(a)) {
      *action = a;
      return true;
    }
  }
  return false;
}

struct RuleSet::Rep {
  std::vector<Rule> rules;
  int64_t max_mem = 0;
  // Each set holds the rules [set_begin[k], set_begin[k + 1]) in order, so
  // that a set's own match index plus set_begin[k] is the rule's index.
  std::vector<std::unique_ptr<RE2::Set>> sets;
  std::vector<int> set_begin;
  // Indexed like "rules": the rule's exact expression, present for strip
  // rules (positions) and for rules whose set entry was relaxed (to confirm a
  // set hit). Null otherwise: the set's answer is then exact.
  std::vector<std::unique_ptr<RE2>> exact;
  std::vector<bool> relaxed;

  // Runs one set; appends the rule indices it matched to "*out" (which holds
  // "keep" earlier entries). Uses "*out" itself as RE2's output buffer when it
  // is empty, so the common case allocates nothing of ours.
  absl::Status MatchSet(int k, re2::StringPiece text,
                        std::vector<int>* out) const;
};

RuleSet::RuleSet(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

absl::StatusOr<RuleSet> RuleSet::Create(std::vector<Rule> rules,
                                        const RuleSetOptions& options) {
  if (options.max_mem <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_mem must be positive (got ", options.max_mem, ")"));
  }
  absl::Status status = internal::CheckRuleNames(rules);
  if (!status.ok()) return status;

  auto rep = std::make_unique<Rep>();
  rep->max_mem = options.max_mem;
  const int n = static_cast<int>(rules.size());

  // Which rules need their exact expression compiled on its own.
  std::vector<std::string> set_patterns(n);
  rep->relaxed.assign(n, false);
  int num_exact = 0;
  for (int i = 0; i < n; ++i) {
    set_patterns[i] = internal::RelaxBoundedRepeats(rules[i].pattern);
    rep->relaxed[i] = set_patterns[i] != rules[i].pattern;
    if (rep->relaxed[i] || rules[i].action == RuleAction::kStrip) ++num_exact;
  }
  const int num_sets = (n + kMaxRulesPerSet - 1) / kMaxRulesPerSet;
  const int64_t exact_mem =
      num_exact == 0 ? 0 : options.max_mem / kExactMemShare;
  const int64_t per_exact_mem = num_exact == 0 ? 0 : exact_mem / num_exact;
  const int64_t per_set_mem =
      num_sets == 0 ? 0 : (options.max_mem - exact_mem) / num_sets;

  // The exact expressions come first: their errors are the ones to report.
  rep->exact.resize(n);
  for (int i = 0; i < n; ++i) {
    if (!rep->relaxed[i] && rules[i].action != RuleAction::kStrip) continue;
    auto re = std::make_unique<RE2>(internal::ToPiece(rules[i].pattern),
                                    internal::MakeRe2Options(per_exact_mem));
    if (!re->ok()) {
      std::string message = internal::RuleMessage(rules[i], re->error());
      if (re->error_code() == RE2::ErrorPatternTooLarge) {
        return absl::ResourceExhaustedError(
            absl::StrCat(message, " (max_mem ", options.max_mem,
                         " bytes shared by ", num_exact, " expressions)"));
      }
      return absl::InvalidArgumentError(message);
    }
    rep->exact[i] = std::move(re);
  }

  for (int begin = 0; begin < n; begin += kMaxRulesPerSet) {
    const int end = std::min(n, begin + kMaxRulesPerSet);
    auto set = std::make_unique<RE2::Set>(internal::MakeRe2Options(per_set_mem),
                                          RE2::UNANCHORED);
    for (int i = begin; i < end; ++i) {
      std::string error;
      int index = set->Add(internal::ToPiece(set_patterns[i]), &error);
      if (index < 0 && rep->relaxed[i]) {
        // Cannot happen for a pattern that compiled above; fall back to the
        // exact pattern rather than fail.
        rep->relaxed[i] = false;
        error.clear();
        index = set->Add(internal::ToPiece(rules[i].pattern), &error);
      }
      if (index < 0) {
        return absl::InvalidArgumentError(
            internal::RuleMessage(rules[i], error));
      }
      // RE2::Set numbers expressions in the order they are added.
      if (index != i - begin) {
        return absl::InternalError("rule set numbering is out of step");
      }
    }
    if (!set->Compile()) {
      return absl::ResourceExhaustedError(
          absl::StrCat("rule set of ", n, " rules does not fit in max_mem (",
                       options.max_mem, " bytes)"));
    }
    rep->sets.push_back(std::move(set));
    rep->set_begin.push_back(begin);
  }
  rep->set_begin.push_back(n);
  rep->rules = std::move(rules);
  return RuleSet(std::move(rep));
}

absl::StatusOr<std::vector<Rule>> RuleSet::ParseRules(
    absl::string_view text, absl::string_view source_name) {
  absl::StatusOr<std::vector<Rule>> rules =
      internal::ParseRuleLines(text, source_name);
  if (!rules.ok()) return rules.status();
  const int64_t max_mem = RuleSetOptions().max_mem;
  for (const Rule& rule : *rules) {
    absl::Status status = internal::CheckRulePattern(rule, max_mem);
    if (!status.ok()) return status;
  }
  return rules;
}

absl::StatusOr<RuleSet> RuleSet::Parse(absl::string_view text,
                                       absl::string_view source_name,
                                       const RuleSetOptions& options) {
  // Create() checks the patterns as it compiles them, with the same messages
  // as ParseRules(), so they are compiled only once here.
  absl::StatusOr<std::vector<Rule>> rules =
      internal::ParseRuleLines(text, source_name);
  if (!rules.ok()) return rules.status();
  return Create(*std::move(rules), options);
}

absl::StatusOr<RuleSet> RuleSet::ParseFile(const std::string& path,
                                           const RuleSetOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot open rule file"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot read rule file"));
  }
  return Parse(text.str(), path, options);
}

absl::StatusOr<RuleSet> RuleSet::Default(const RuleSetOptions& options) {
  return Parse(internal::DefaultRulesText(), kDefaultSourceName, options);
}

std::vector<Rule> RuleSet::DefaultRules() {
  // Parsed once; leaked on purpose (no global destructor). The default rules
  // are checked by tests/default_rules_test.cc, so this cannot fail in a
  // tested build; if it ever did, Default() reports the error.
  static const std::vector<Rule>* const kRules = [] {
    absl::StatusOr<std::vector<Rule>> rules =
        ParseRules(internal::DefaultRulesText(), kDefaultSourceName);
    return rules.ok() ? new std::vector<Rule>(*std::move(rules))
                      : new std::vector<Rule>();
  }();
  return *kRules;
}

absl::Status RuleSet::Rep::MatchSet(int k, re2::StringPiece text,
                                    std::vector<int>* out) const {
  const RE2::Set& set = *sets[k];
  RE2::Set::ErrorInfo info;
  const size_t keep = out->size();
  std::vector<int> local;  // Only when two sets hit the same line (rare).
  std::vector<int>* buffer = keep == 0 ? out : &local;
  if (!set.Match(text, buffer, &info)) {
    absl::Status status = MatchError(info, max_mem);
    if (!status.ok()) return status;
    // The yes/no pass said this set matched.
    return absl::InternalError("rule set match was inconsistent");
  }
  if (buffer != out) out->insert(out->end(), buffer->begin(), buffer->end());
  // Set-local to rule indices; drop hits of relaxed expressions that the
  // exact expression does not confirm.
  const int begin = set_begin[k];
  size_t w = keep;
  for (size_t r = keep; r < out->size(); ++r) {
    const int index = (*out)[r] + begin;
    if (relaxed[index] && !exact[index]->Match(text, 0, text.size(),
                                               RE2::UNANCHORED, nullptr, 0)) {
      continue;
    }
    (*out)[w++] = index;
  }
  out->resize(w);
  return absl::OkStatus();
}

absl::Status RuleSet::Match(absl::string_view line,
                            std::vector<int>* matches) const {
  matches->clear();
  const re2::StringPiece text = internal::ToPiece(line);
  for (int k = 0; k < static_cast<int>(rep_->sets.size()); ++k) {
    RE2::Set::ErrorInfo info;
    // A yes/no pass first: RE2 stops at the earliest match and allocates
    // nothing. Most lines match no rule, so this is all they cost.
    if (!rep_->sets[k]->Match(text, nullptr, &info)) {
      absl::Status status = MatchError(info, rep_->max_mem);
      if (!status.ok()) return status;
      continue;
    }
    absl::Status status = rep_->MatchSet(k, text, matches);
    if (!status.ok()) return status;
  }
  std::sort(matches->begin(), matches->end());
  return absl::OkStatus();
}

std::string RuleSet::Strip(int index, absl::string_view line) const {
  assert(index >= 0 && index < size());
  if (rep_->rules[index].action != RuleAction::kStrip) {
    return std::string();  // Other actions take whole lines.
  }
  const RE2* re = rep_->exact[index].get();
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

const std::vector<Rule>& RuleSet::rules() const { return rep_->rules; }

int RuleSet::size() const { return static_cast<int>(rep_->rules.size()); }

}  // namespace pith
