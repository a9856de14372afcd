// Copyright 2026 The pith Authors.
//
// RuleSet::Rep, shared by rule_set.cc (building a set) and rule_match.cc
// (matching lines with it).
//
// A RuleSet: each rule is its own exact RE2, behind a literal prefilter
// (re2::FilteredRE2). The prefilter reduces every rule to an AND/OR of
// lowercase literals ("atoms") that any match must contain; a line's atoms
// are found in one Aho-Corasick pass (lib/clean/literal_matcher.h), and only
// the rules whose prefilter passes run their expression. Rules with no usable
// atom are candidates for every line, so keep those few and anchored: those
// anchored at the start run together in one start-anchored RE2::Set, whose
// DFA gives up after a few bytes of prose; the others run alone, and one
// anchored only at the end ("...$") runs RE2's reverse DFA back from the
// line's end, which gives up as fast.
//
// Three shortcuts keep most lines away from RE2 and the scan short:
//   - A rule anchored at both ends can only match a line of a few words: a
//     line with more ASCII letters and digits, or more runs of white space,
//     than the rule can take (lib/clean/pattern_bounds.h) skips it, and skips
//     the set when it fits no rule in it. Paragraphs skip most rules this way.
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

#ifndef PITH_LIB_CLEAN_RULE_SET_REP_H_
#define PITH_LIB_CLEAN_RULE_SET_REP_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/clean/pattern_bounds.h"
#include "lib/clean/re2_util.h"
#include "lib/clean/rule_prefilter.h"
#include "pith/rules.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace pith {
namespace internal {

// A line with more letters and digits than kLongWeight and more runs of
// whitespace than kLongGaps is "long" (see internal::LineSize): most of a
// page's bytes are in such lines, and few rules can match one.
inline constexpr int64_t kLongWeight = 320;
inline constexpr int64_t kLongGaps = 48;

}  // namespace internal

struct RuleSet::Rep {
  std::vector<Rule> rules;
  // Over every rule: rule i is the filter's expression i, compiled exactly
  // as written (see Exact()).
  internal::Prefilter all;
  // Over the rules that can match a long line (see IsLong()), from their
  // relaxed patterns; null if that is every rule. Its atoms are fewer, so
  // its automaton is smaller and a long line's scan faster.
  std::unique_ptr<internal::Prefilter> long_lines;
  // max_size[i] is internal::MaxLineSize of rule i: a line that does not
  // fit in it cannot match the rule, so for such a line the rule is left out.
  std::vector<internal::LineSize> max_size;
  // The base candidates run on every line. Those anchored at the start
  // (internal::IsStartAnchored) run together in one start-anchored RE2::Set,
  // whose DFA stops as soon as no rule can match the line's start: their
  // patterns with bounded repeats relaxed (see lib/clean/rule_file.h), with
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
  const uint64_t serial = internal::NextRuleSetSerial();

  // relaxed[i] is rule i's pattern with bounded repeats relaxed (see
  // lib/clean/rule_file.h) if that differs, else empty. A bounded repeat can
  // blow up the exact expression's DFA (".{0,100}...{0,400}$" falls back to the
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
    return size.weight > internal::kLongWeight &&
           size.gaps > internal::kLongGaps;
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

}  // namespace pith

#endif  // PITH_LIB_CLEAN_RULE_SET_REP_H_
