// Copyright 2026 The pith Authors.
//
// The literal prefilter of a RuleSet (re2::FilteredRE2): the atoms that the
// rules' matches must contain, found in a line in one Aho-Corasick pass
// (lib/clean/literal_matcher.h), and the rules whose prefilter passes given
// the atoms found. See lib/clean/rule_set.cc for how RuleSet uses it.

#ifndef PITH_LIB_CLEAN_RULE_PREFILTER_H_
#define PITH_LIB_CLEAN_RULE_PREFILTER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/clean/literal_matcher.h"
#include "re2/filtered_re2.h"

namespace pith {
namespace internal {

// Atoms shorter than this make no filter: a rule whose every way to match
// goes through a shorter literal is a candidate for every line. 3 keeps
// short words ("rss", "ago") as atoms.
inline constexpr int kMinAtomLen = 3;

// Returns a number never returned before in this process: it names a
// RuleSet or a Prefilter in the per-thread memos (an address could be
// reused by a later one).
uint64_t NextRuleSetSerial();

// A literal prefilter over some of the rules (re2::FilteredRE2): the atoms
// of their prefilters, found in a line in one Aho-Corasick pass, and the
// rules whose prefilter passes given the atoms found.
struct Prefilter {
  std::unique_ptr<re2::FilteredRE2> filter;
  // filter's expression i is rule rule_ids[i] (rule i if rule_ids is empty).
  std::vector<int> rule_ids;
  // Finds the filter's atoms in a line; literal i is atom i ("" for an atom
  // it cannot look for, see always_atoms), then the fold sentinels.
  std::unique_ptr<LiteralMatcher> atoms;
  int num_atoms = 0;
  // Atoms taken as present in every line: those with non-ASCII bytes, whose
  // case folding the matcher does not do.
  std::vector<int> always_atoms;
  // The rules that are candidates when only always_atoms are present.
  std::vector<int> base_candidates;
  // Unique per Prefilter, for the per-thread memo in Candidates(), and which
  // of the two memos it uses.
  const uint64_t serial = NextRuleSetSerial();
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

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_RULE_PREFILTER_H_
