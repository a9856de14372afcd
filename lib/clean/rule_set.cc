// Copyright 2026 The pith Authors.
//
// Building a RuleSet: parsing rule files, compiling each rule, its prefilter
// and the anchored set (see lib/clean/rule_set_rep.h for the design).

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/clean/default_rules.h"
#include "lib/clean/pattern_bounds.h"
#include "lib/clean/re2_util.h"
#include "lib/clean/rule_file.h"
#include "lib/clean/rule_set_rep.h"
#include "pith/rules.h"
#include "re2/filtered_re2.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace pith {
namespace {

constexpr absl::string_view kDefaultSourceName = "default.rules";

// Adds "bound" to "*bounds", a list of line sizes none of which fits in
// another: one that fits in a listed size is left out, and listed sizes that
// fit in it are dropped.
void AddBound(const internal::LineSize& bound,
              std::vector<internal::LineSize>* bounds) {
  for (const internal::LineSize& b : *bounds) {
    if (internal::Fits(bound, b)) return;
  }
  bounds->erase(std::remove_if(bounds->begin(), bounds->end(),
                               [&](const internal::LineSize& b) {
                                 return internal::Fits(b, bound);
                               }),
                bounds->end());
  bounds->push_back(bound);
}

// Returns the bytes that every match of "pattern" holds, among those that
// (?i) cannot fold: ASCII other than letters. They come from the atoms
// FilteredRE2 finds for the pattern alone with atoms one byte long: an atom
// the prefilter cannot pass without (given every other atom) is needed.
std::string RequiredBytes(const std::string& pattern,
                          const RE2::Options& options) {
  re2::FilteredRE2 one(/*min_atom_len=*/1);
  int id = -1;
  std::string required;
  if (one.Add(internal::ToPiece(pattern), options, &id) != RE2::NoError) {
    return required;
  }
  std::vector<std::string> atoms;
  one.Compile(&atoms);
  std::vector<int> others;
  std::vector<int> passed;
  for (size_t a = 0; a < atoms.size(); ++a) {
    const std::string& atom = atoms[a];
    if (atom.size() != 1 || static_cast<unsigned char>(atom[0]) >= 0x80 ||
        absl::ascii_isalpha(static_cast<unsigned char>(atom[0]))) {
      continue;
    }
    others.clear();
    for (size_t b = 0; b < atoms.size(); ++b) {
      if (b != a) others.push_back(static_cast<int>(b));
    }
    one.AllPotentials(others, &passed);
    if (passed.empty()) required.push_back(atom[0]);
  }
  return required;
}

// "bytes" for messages: "512 MiB", "122.5 KiB".
std::string HumanBytes(double bytes) {
  static constexpr const char* kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  int unit = 0;
  while (bytes >= 1024 && unit < 4) {
    bytes /= 1024;
    ++unit;
  }
  return unit == 0 ? absl::StrCat(static_cast<int64_t>(bytes), " bytes")
                   : absl::StrFormat("%.1f %s", bytes, kUnits[unit]);
}

// The error for "rule", which did not compile within its share
// "per_rule_mem" of the budget. A rule too large by itself is the rule's
// fault (InvalidArgument naming it); otherwise the budget is too small for
// this many rules (ResourceExhausted, with the total it would take).
absl::Status BudgetError(const Rule& rule, int n, int64_t per_rule_mem,
                         const RuleSetOptions& options) {
  // Patterns are at most max_pattern_bytes long: this compiles quickly.
  const RE2 alone(internal::ToPiece(rule.pattern),
                  internal::MakeRe2Options(int64_t{256} << 20));
  if (!alone.ok()) {
    return absl::ResourceExhaustedError(
        internal::RuleMessage(rule, alone.error()));
  }
  absl::Status s = internal::CheckProgramSize(rule, alone, options);
  if (!s.ok()) return s;
  // RE2 compiles a program into 2/3 of its budget, at up to 16 bytes per
  // instruction, filled at most to a quarter: ~96 bytes per instruction.
  // Each rule's share is max_mem / (2 * n).
  const double need = 96.0 * alone.ProgramSize() + 4096;
  return absl::ResourceExhaustedError(absl::StrCat(
      "the rule memory budget (max_mem ", HumanBytes(options.max_mem),
      ") is for the whole set and too small for its ", n,
      " rules: each gets an even share of ", HumanBytes(per_rule_mem),
      ", and rule \"", rule.name, "\"",
      rule.source.empty() ? "" : absl::StrCat(" (", rule.source, ")"),
      " needs about ", HumanBytes(need), ", so the set needs about ",
      HumanBytes(need * 2 * n), "; raise the budget or use fewer rules"));
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
  if (options.remembered_lines < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "remembered_lines must be >= 0 (got ", options.remembered_lines, ")"));
  }
  if (options.max_pattern_bytes == 0 || options.max_rule_program_size <= 0 ||
      options.max_rule_loops < 0) {
    return absl::InvalidArgumentError(
        "max_pattern_bytes and max_rule_program_size must be positive, "
        "max_rule_loops >= 0");
  }
  absl::Status status = internal::CheckRuleNames(rules);
  if (!status.ok()) return status;
  // Every length before any compiling: a huge pattern fails at once,
  // wherever it is in the list.
  for (const Rule& rule : rules) {
    status = internal::CheckPatternLength(rule, options);
    if (!status.ok()) return status;
  }

  auto rep = std::make_unique<Rep>();
  const int n = static_cast<int>(rules.size());
  // Each rule gets an even share of the budget, half for its exact
  // expression and half for its relaxed form (a relaxed RE2, or its part of
  // the anchored set), so that all of them together stay within max_mem.
  const int64_t per_rule_mem =
      n == 0 ? options.max_mem : options.max_mem / (2 * int64_t{n});
  const RE2::Options re2_options = internal::MakeRe2Options(per_rule_mem);
  rep->all.filter = std::make_unique<re2::FilteredRE2>(internal::kMinAtomLen);
  for (int i = 0; i < n; ++i) {
    int id = -1;
    const RE2::ErrorCode code = rep->all.filter->Add(
        internal::ToPiece(rules[i].pattern), re2_options, &id);
    if (code == RE2::ErrorPatternTooLarge) {
      return BudgetError(rules[i], n, per_rule_mem, options);
    }
    if (code != RE2::NoError) {
      // FilteredRE2 keeps only the code; compile again for the message.
      const RE2 re(internal::ToPiece(rules[i].pattern), re2_options);
      return absl::InvalidArgumentError(
          internal::RuleMessage(rules[i], re.error()));
    }
    // FilteredRE2 numbers expressions in the order they are added.
    if (id != i) return absl::InternalError("rule numbering is out of step");
    status = internal::CheckProgramSize(rules[i], rep->all.filter->GetRE2(id),
                                        options);
    if (!status.ok()) return status;
  }
  if (n > 0) rep->all.Compile();  // FilteredRE2 logs if compiled with none.
  rep->max_size.resize(n);
  for (int i = 0; i < n; ++i) {
    rep->max_size[i] = internal::MaxLineSize(rules[i].pattern);
  }
  // The prefilter for long lines, over the rules that can match one. Its
  // expressions only ever give their prefilters, so they are the relaxed
  // patterns, which compile fast; never run, they hold their compiled
  // programs (a few KB each) and no DFA memory. Should one fail to
  // compile, there is no such tier.
  std::vector<int> long_rules;
  for (int i = 0; i < n; ++i) {
    if (Rep::IsLong(rep->max_size[i])) {
      long_rules.push_back(i);
    }
  }
  if (!long_rules.empty() && static_cast<int>(long_rules.size()) < n) {
    auto tier = std::make_unique<internal::Prefilter>();
    tier->filter = std::make_unique<re2::FilteredRE2>(internal::kMinAtomLen);
    tier->rule_ids = long_rules;
    tier->memo_slot = 1;
    bool ok = true;
    for (int index : long_rules) {
      int id = -1;
      ok = ok && tier->filter->Add(
                     internal::ToPiece(
                         internal::RelaxBoundedRepeats(rules[index].pattern)),
                     re2_options, &id) == RE2::NoError;
    }
    if (ok) {
      tier->Compile();
      rep->long_lines = std::move(tier);
    }
  }
  rep->is_base.assign(n, false);
  rep->max_mem = options.max_mem;
  rep->remembered_lines = static_cast<size_t>(options.remembered_lines);
  for (int index : rep->all.base_candidates) {
    rep->is_base[index] = true;
    if (internal::IsStartAnchored(rules[index].pattern)) {
      rep->anchored_rules.push_back(index);
      AddBound(rep->max_size[index], &rep->anchored_sizes);
    } else {
      rep->solo_rules.push_back(index);
      rep->solo_required.push_back(
          RequiredBytes(rules[index].pattern, re2_options));
    }
  }
  rep->relaxed = std::make_unique<Rep::LazyRe2[]>(n);
  rep->relaxed_options = re2_options;
  std::vector<bool> in_set(n, false);
  for (int index : rep->anchored_rules) in_set[index] = true;
  for (int i = 0; i < n; ++i) {
    std::string relaxed = internal::RelaxBoundedRepeats(rules[i].pattern);
    if (relaxed == rules[i].pattern || in_set[i]) continue;
    rep->relaxed[i].pattern = std::move(relaxed);
  }
  if (!rep->anchored_rules.empty()) {
    rep->anchored_set = std::make_unique<RE2::Set>(
        internal::MakeRe2Options(
            per_rule_mem * static_cast<int64_t>(rep->anchored_rules.size())),
        RE2::ANCHOR_START);
    for (int index : rep->anchored_rules) {
      std::string relaxed = internal::RelaxBoundedRepeats(rules[index].pattern);
      std::string error;
      bool was_relaxed = relaxed != rules[index].pattern;
      if (rep->anchored_set->Add(internal::ToPiece(relaxed), &error) < 0) {
        was_relaxed = false;  // Cannot happen; fall back to the exact one.
        error.clear();
        if (rep->anchored_set->Add(internal::ToPiece(rules[index].pattern),
                                   &error) < 0) {
          return absl::InvalidArgumentError(
              internal::RuleMessage(rules[index], error));
        }
      }
      rep->anchored_relaxed.push_back(was_relaxed);
    }
    if (!rep->anchored_set->Compile()) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the rule set's memory budget (max_mem ", options.max_mem,
          " bytes, for the whole set of ", n, " rules) is too small: the ",
          rep->anchored_rules.size(),
          " rules without literals do not fit in their share; raise the "
          "budget"));
    }
  }
  rep->rules = std::move(rules);
  return RuleSet(std::move(rep));
}

absl::StatusOr<std::vector<Rule>> RuleSet::ParseRules(
    absl::string_view text, absl::string_view source_name) {
  absl::StatusOr<std::vector<Rule>> rules =
      internal::ParseRuleLines(text, source_name);
  if (!rules.ok()) return rules.status();
  const RuleSetOptions options;
  for (const Rule& rule : *rules) {
    absl::Status status = internal::CheckPatternLength(rule, options);
    if (!status.ok()) return status;
  }
  for (const Rule& rule : *rules) {
    absl::Status status = internal::CheckRulePattern(rule, options);
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
  // tested build; if it ever did, Default() reports the error. Their
  // patterns are not compiled here, as ParseRules() would: RuleSet::Create()
  // compiles them anyway.
  static const std::vector<Rule>* const kRules = [] {
    absl::StatusOr<std::vector<Rule>> rules = internal::ParseRuleLines(
        internal::DefaultRulesText(), kDefaultSourceName);
    return rules.ok() ? new std::vector<Rule>(*std::move(rules))
                      : new std::vector<Rule>();
  }();
  return *kRules;
}

const std::vector<Rule>& RuleSet::rules() const { return rep_->rules; }

int RuleSet::size() const { return static_cast<int>(rep_->rules.size()); }

}  // namespace pith
