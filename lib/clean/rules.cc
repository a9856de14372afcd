// Copyright 2026 The pith Authors.
//
// RuleSet: each rule is its own exact RE2, behind a literal prefilter
// (re2::FilteredRE2). The prefilter reduces every rule to an AND/OR of
// lowercase literals ("atoms") that any match must contain; a line's atoms
// are found in one Aho-Corasick pass (lib/literal_matcher.h), and only the
// rules whose prefilter passes run their expression. Rules with no usable
// atom are candidates for every line, so keep those few and anchored: those
// anchored at the start run together in one start-anchored RE2::Set, whose
// DFA gives up after a few bytes of prose; the others run alone, and one
// anchored only at the end ("...$") runs RE2's reverse DFA back from the
// line's end, which gives up as fast.
//
// Three shortcuts keep most lines away from RE2 and the scan short:
//   - A rule anchored at both ends can only match a line of a few words: a
//     line with more ASCII letters and digits, or more runs of white space,
//     than the rule can take (lib/pattern_bounds.h) skips it, and skips the
//     set when it fits no rule in it. Paragraphs skip most rules this way.
//   - A long line (most of a page's bytes) has its atoms looked for by a
//     second, smaller prefilter over only the rules that can match a long
//     line (a quarter of the default rules): its automaton is a third the
//     size, and each step of the scan a load from a nearer cache.
//   - Match() remembers the results for short lines, per thread: the menus,
//     buttons and share rows of a site repeat on every page.
//
// This replaced one or more RE2::Sets over all rules: a set builds its DFA
// states lazily, and on unseen text building states cost more than
// matching (16 MB/s on a first pass over dev-pages).

#include "pith/rules.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/clean/default_rules.h"
#include "lib/clean/literal_matcher.h"
#include "lib/clean/pattern_bounds.h"
#include "lib/clean/re2_util.h"
#include "lib/clean/rule_file.h"
#include "re2/filtered_re2.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace pith {
namespace {

constexpr absl::string_view kDefaultSourceName = "default.rules";

// Atoms shorter than this make no filter: a rule whose every way to match
// goes through a shorter literal is a candidate for every line. 3 keeps
// short words ("rss", "ago") as atoms.
constexpr int kMinAtomLen = 3;

// The UTF-8 runes outside ASCII that (?i) folds to an ASCII letter: KELVIN
// SIGN (k) and LATIN SMALL LETTER LONG S (s). The prefilter's atoms are
// lowercase ASCII there, so a line holding one is folded before its atoms
// are looked for.
constexpr absl::string_view kFoldSentinels[2] = {"\xe2\x84\xaa", "\xc5\xbf"};
constexpr char kFoldSentinelLetters[2] = {'k', 's'};

// Returns true if the matcher's byte fold finds "atom" (lowercase, as the
// prefilter gives it) in every line whose Unicode lowercasing holds it: its
// non-ASCII characters are Latin-1 small letters whose only other case is
// the Latin-1 capital (not å, which the Angstrom sign folds to, nor ÿ or ß),
// or caseless punctuation (C2 A0-BF but µ, E2 80 xx, E2 86 xx).
bool FoldsLikeUnicode(absl::string_view atom) {
  for (size_t i = 0; i < atom.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(atom[i]);
    if (b < 0x80) continue;
    const unsigned char c1 = i + 1 < atom.size() ? atom[i + 1] : 0;
    if (b == 0xC3 && c1 >= 0xA0 && c1 <= 0xBE && c1 != 0xA5) {
      ++i;
    } else if (b == 0xC2 && c1 >= 0xA0 && c1 <= 0xBF && c1 != 0xB5) {
      ++i;
    } else if (b == 0xE2 && (c1 == 0x80 || c1 == 0x86) && i + 2 < atom.size() &&
               static_cast<unsigned char>(atom[i + 2]) >= 0x80 &&
               static_cast<unsigned char>(atom[i + 2]) <= 0xBF) {
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

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

// Serial numbers for RuleSet::Rep (see Rep::serial).
uint64_t NextSerial() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

// Atom combinations remembered per thread before the memo starts over.
constexpr size_t kMaxMemoEntries = 4096;

// RuleSet::Match remembers, per thread, the results for up to
// RuleSetOptions::remembered_lines lines of at most kMaxRememberedLine bytes
// that match at most kMaxRememberedMatches rules.
constexpr size_t kMaxRememberedLine = 160;
constexpr size_t kMaxRememberedMatches = 7;

// The anchored set reads a line this short (bytes) to the end in one call.
constexpr size_t kShortLine = 256;

// A line with more letters and digits than kLongWeight and more runs of
// whitespace than kLongGaps is "long" (see internal::LineSize): most of a
// page's bytes are in such lines, and few rules can match one.
constexpr int64_t kLongWeight = 320;
constexpr int64_t kLongGaps = 48;

// Atoms are looked for by at most their first kMaxAtomBytes bytes.
constexpr size_t kMaxAtomBytes = 12;

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

// A literal prefilter over some of the rules (re2::FilteredRE2): the atoms
// of their prefilters, found in a line in one Aho-Corasick pass, and the
// rules whose prefilter passes given the atoms found.
struct Prefilter {
  std::unique_ptr<re2::FilteredRE2> filter;
  // filter's expression i is rule rule_ids[i] (rule i if rule_ids is empty).
  std::vector<int> rule_ids;
  // Finds the filter's atoms in a line; literal i is atom i ("" for an atom
  // it cannot look for, see always_atoms), then the fold sentinels.
  std::unique_ptr<internal::LiteralMatcher> atoms;
  int num_atoms = 0;
  // Atoms taken as present in every line: those with non-ASCII bytes, whose
  // case folding the matcher does not do.
  std::vector<int> always_atoms;
  // The rules that are candidates when only always_atoms are present.
  std::vector<int> base_candidates;
  // Unique per Prefilter, for the per-thread memo in Candidates(), and which
  // of the two memos it uses.
  const uint64_t serial = NextSerial();
  int memo_slot = 0;

  // Compiles "filter" once every expression is added; fills in the rest.
  void Compile();

  // Sets "*candidates" to the rules whose prefilter passes on "line": a
  // superset of those among this prefilter's rules that match it, in
  // increasing order.
  void Candidates(absl::string_view line, std::vector<int>* candidates) const;

 private:
  void ToRuleIds(std::vector<int>* ids) const {
    if (rule_ids.empty()) return;
    for (int& id : *ids) id = rule_ids[id];
  }
};

void Prefilter::Compile() {
  std::vector<std::string> literals;
  filter->Compile(&literals);
  num_atoms = static_cast<int>(literals.size());
  for (int a = 0; a < num_atoms; ++a) {
    if (!FoldsLikeUnicode(literals[a])) {
      always_atoms.push_back(a);
      literals[a].clear();
    }
  }
  for (absl::string_view sentinel : kFoldSentinels) {
    literals.emplace_back(sentinel.data(), sentinel.size());
  }
  for (std::string& literal : literals) {
    // Looking for a prefix finds the atom and maybe more, which the rule's
    // expression sorts out; short literals keep the matcher's pieces short.
    if (literal.size() > kMaxAtomBytes) literal.resize(kMaxAtomBytes);
  }
  atoms = std::make_unique<internal::LiteralMatcher>(literals);
  filter->AllPotentials(always_atoms, &base_candidates);
  ToRuleIds(&base_candidates);
}

struct RuleSet::Rep {
  std::vector<Rule> rules;
  // Over every rule: rule i is the filter's expression i, compiled exactly
  // as written (see Exact()).
  Prefilter all;
  // Over the rules that can match a long line (see IsLong()), from their
  // relaxed patterns; null if that is every rule. Its atoms are fewer, so
  // its automaton is smaller and a long line's scan faster.
  std::unique_ptr<Prefilter> long_lines;
  // max_size[i] is internal::MaxLineSize of rule i: a line that does not
  // fit in it cannot match the rule, so for such a line the rule is left out.
  std::vector<internal::LineSize> max_size;
  // The base candidates run on every line. Those anchored at the start
  // (internal::IsStartAnchored) run together in one start-anchored RE2::Set,
  // whose DFA stops as soon as no rule can match the line's start: their
  // patterns with bounded repeats relaxed (see lib/rule_file.h), with
  // anchored_relaxed marking those whose set hit needs the exact expression
  // to confirm it. The others run alone (solo_rules): an expression anchored
  // only at the end runs RE2's reverse DFA back from the line's end, which a
  // set cannot do.
  std::vector<bool> is_base;
  std::unique_ptr<RE2::Set> anchored_set;
  std::vector<int> anchored_rules;
  std::vector<bool> anchored_relaxed;
  std::vector<int> solo_rules;
  // solo_required[k]: bytes that every match of solo_rules[k] holds (see
  // RequiredBytes), so that a line without one of them skips it.
  std::vector<std::string> solo_required;
  // The max_size of anchored_rules, without those that another one's
  // covers on both measures: the set runs on a line that fits one of them.
  // (The largest of each measure would let through a paragraph that has
  // the letters of one rule and the gaps of another, and fits neither.)
  std::vector<internal::LineSize> anchored_sizes;
  int64_t max_mem = 0;
  size_t remembered_lines = 0;
  // Unique per Rep, for the per-thread memo in RuleSet::Match().
  const uint64_t serial = NextSerial();

  // relaxed[i] is rule i's pattern with bounded repeats relaxed (see
  // lib/rule_file.h) if that differs, else empty. A bounded repeat can blow
  // up the exact expression's DFA (".{0,100}...{0,400}$" falls back to the
  // NFA), so the relaxed one, whose DFA stays small, runs first. It is
  // compiled on first use (Relaxed()): the prefilters leave so few lines to
  // the expressions that most runs never need most of them, and compiling
  // them all took a sixth of Create() (12-16 ms for the default rules).
  // The exact expression is compiled up front, so a bad rule still fails
  // when it is loaded.
  struct LazyRe2 {
    std::string pattern;
    std::once_flag once;
    std::unique_ptr<RE2> re;  // Null if pattern is empty or fails.
  };
  std::unique_ptr<LazyRe2[]> relaxed;
  RE2::Options relaxed_options;

  // Returns rule "index"'s relaxed expression, or null if there is none.
  // Thread-safe.
  const RE2* Relaxed(int index) const {
    LazyRe2& lazy = relaxed[index];
    if (lazy.pattern.empty()) return nullptr;
    std::call_once(lazy.once, [&] {
      auto re = std::make_unique<RE2>(internal::ToPiece(lazy.pattern),
                                      relaxed_options);
      if (re->ok()) lazy.re = std::move(re);  // Else run only the exact.
    });
    return lazy.re.get();
  }

  const RE2& Exact(int index) const { return all.filter->GetRE2(index); }

  // Returns true if a line of "size" can match only the rules of
  // long_lines.
  static bool IsLong(const internal::LineSize& size) {
    return size.weight > kLongWeight && size.gaps > kLongGaps;
  }

  // Returns true if rule "index" matches "text".
  bool Matches(int index, re2::StringPiece text) const {
    const RE2* r = Relaxed(index);
    if (r != nullptr &&
        !r->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) {
      return false;
    }
    return Exact(index).Match(text, 0, text.size(), RE2::UNANCHORED, nullptr,
                              0);
  }

  // RuleSet::Match without its memo. REQUIRES: "*matches" is empty and
  // there are rules.
  absl::Status Match(absl::string_view line, std::vector<int>* matches) const;

  // Appends the anchored rules that match "text" to "*matches".
  absl::Status MatchAnchored(re2::StringPiece text,
                             std::vector<int>* matches) const;
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
  if (options.remembered_lines < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "remembered_lines must be >= 0 (got ", options.remembered_lines, ")"));
  }
  absl::Status status = internal::CheckRuleNames(rules);
  if (!status.ok()) return status;

  auto rep = std::make_unique<Rep>();
  const int n = static_cast<int>(rules.size());
  // Each rule gets an even share of the budget, half for its exact
  // expression and half for its relaxed form (a relaxed RE2, or its part of
  // the anchored set), so that all of them together stay within max_mem.
  const int64_t per_rule_mem =
      n == 0 ? options.max_mem : options.max_mem / (2 * int64_t{n});
  const RE2::Options re2_options = internal::MakeRe2Options(per_rule_mem);
  rep->all.filter = std::make_unique<re2::FilteredRE2>(kMinAtomLen);
  for (int i = 0; i < n; ++i) {
    int id = -1;
    const RE2::ErrorCode code = rep->all.filter->Add(
        internal::ToPiece(rules[i].pattern), re2_options, &id);
    if (code != RE2::NoError) {
      // FilteredRE2 keeps only the code; compile again for the message.
      const RE2 re(internal::ToPiece(rules[i].pattern), re2_options);
      std::string message = internal::RuleMessage(rules[i], re.error());
      if (code == RE2::ErrorPatternTooLarge) {
        return absl::ResourceExhaustedError(
            absl::StrCat(message, " (max_mem ", options.max_mem,
                         " bytes shared by ", n, " rules)"));
      }
      return absl::InvalidArgumentError(message);
    }
    // FilteredRE2 numbers expressions in the order they are added.
    if (id != i) return absl::InternalError("rule numbering is out of step");
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
    if (rep->max_size[i].weight > kLongWeight &&
        rep->max_size[i].gaps > kLongGaps) {
      long_rules.push_back(i);
    }
  }
  if (!long_rules.empty() && static_cast<int>(long_rules.size()) < n) {
    auto tier = std::make_unique<Prefilter>();
    tier->filter = std::make_unique<re2::FilteredRE2>(kMinAtomLen);
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
      return absl::ResourceExhaustedError(
          absl::StrCat("rules without literals (", rep->anchored_rules.size(),
                       ") do not fit in their share of max_mem (",
                       options.max_mem, " bytes)"));
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

void Prefilter::Candidates(absl::string_view line,
                           std::vector<int>* candidates) const {
  // Per-thread scratch and memo. FilteredRE2::AllPotentials allocates and
  // propagates through its prefilter tree on every call, which costs more
  // than scanning a short line, while the lines of a page repeat a few atom
  // combinations. A memo belongs to one Prefilter at a time, identified by
  // its serial number (an address could be reused by a later one); there are
  // two, so that a RuleSet's two prefilters do not take turns at one.
  struct Memo {
    uint64_t serial = 0;
    absl::flat_hash_map<std::vector<int>, std::vector<int>> potentials;
  };
  thread_local std::vector<int> found;
  thread_local Memo memos[2];
  atoms->FindAll(line, &found);
  if (!found.empty() && found.back() >= num_atoms) {
    // A non-ASCII rune that (?i) folds to an ASCII letter: fold it and look
    // again (rare).
    std::string folded(line.data(), line.size());
    for (int k = 0; k < 2; ++k) {
      const std::string from(kFoldSentinels[k].data(),
                             kFoldSentinels[k].size());
      const char to = kFoldSentinelLetters[k];
      for (size_t pos = folded.find(from); pos != std::string::npos;
           pos = folded.find(from, pos + 1)) {
        folded.replace(pos, from.size(), 1, to);
      }
    }
    atoms->FindAll(folded, &found);
  }
  if (found.empty()) {
    *candidates = base_candidates;
    return;
  }
  Memo* memo = &memos[memo_slot];
  if (memo->serial != serial) {
    memo->potentials.clear();
    memo->serial = serial;
  }
  auto it = memo->potentials.find(found);
  if (it != memo->potentials.end()) {
    *candidates = it->second;
    return;
  }
  std::vector<int> key = found;
  if (!always_atoms.empty()) {
    found.insert(found.end(), always_atoms.begin(), always_atoms.end());
  }
  filter->AllPotentials(found, candidates);
  ToRuleIds(candidates);
  if (memo->potentials.size() >= kMaxMemoEntries) memo->potentials.clear();
  memo->potentials.emplace(std::move(key), *candidates);
}

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
  const Prefilter& prefilter =
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

const std::vector<Rule>& RuleSet::rules() const { return rep_->rules; }

int RuleSet::size() const { return static_cast<int>(rep_->rules.size()); }

}  // namespace pith
