// Copyright 2026 The pith Authors.
//
// The rule-file format (see include/pith/rules.h): one "ACTION NAME PATTERN"
// per line, "#" comment lines and blank lines ignored, a trailing "\r"
// (CRLF files) ignored. These helpers parse and check rules; compiling them
// into a set is RuleSet's job (lib/clean/rule_set.cc).

#ifndef PITH_LIB_CLEAN_RULE_FILE_H_
#define PITH_LIB_CLEAN_RULE_FILE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "pith/rules.h"
#include "re2/re2.h"

namespace pith {
namespace internal {

// Splits rule-file "text" into rules, with Rule::source set to
// "source_name:line". Checks the syntax of each line, rule names and their
// uniqueness, but not the patterns. Errors are InvalidArgument.
absl::StatusOr<std::vector<Rule>> ParseRuleLines(absl::string_view text,
                                                 absl::string_view source_name);

// Returns true if "name" is a valid rule name: [A-Za-z0-9_.-]+.
bool IsValidRuleName(absl::string_view name);

// Returns true if "group" is a valid rule group name: [a-z0-9-]+.
bool IsValidGroupName(absl::string_view group);

// Checks what every rule needs whatever its origin: a valid, unique name, a
// valid group name or none, and a non-empty pattern. Does not compile the
// patterns.
absl::Status CheckRuleNames(const std::vector<Rule>& rules);

// Returns how many unbounded repeats ("*", "+", "{n,}") "pattern" has once
// its counted repeats are expanded, as RE2 expands them: "(.*a){1000}" has
// 1000, "(\s+\S+){0,4}" has 8, "a.{0,200}b" none. Each is a loop of the
// program, and a DFA state may hold a position in each: many make RE2's DFA
// run out of memory and fall back to its much slower NFA. Reads the syntax
// only (alternatives count as if all were taken).
int64_t ExpandedLoops(absl::string_view pattern);

// Checks the size of "rule.pattern" against options.max_pattern_bytes and
// its ExpandedLoops() against options.max_rule_loops (without compiling
// it). InvalidArgument naming the rule.
absl::Status CheckPatternLength(const Rule& rule,
                                const RuleSetOptions& options);

// Checks the compiled size of "re", the expression of "rule", against
// options.max_rule_program_size. InvalidArgument naming the rule.
absl::Status CheckProgramSize(const Rule& rule, const RE2& re,
                              const RuleSetOptions& options);

// Compiles "rule.pattern" alone with the budget of "options" to check it
// (length first, then RE2's verdict, then the program size).
// InvalidArgument names the rule and RE2's message; a pattern too large for
// the budget is ResourceExhausted.
absl::Status CheckRulePattern(const Rule& rule, const RuleSetOptions& options);

// Returns "pattern" with every bounded repeat {n,m} widened to {n,} ("*"
// for n = 0, "+" for n = 1), leaving escapes, \Q...\E and character classes
// alone. The result matches a superset of what "pattern" matches.
//
// Why: a DFA over many rules with bounded repeats (".{0,200}") needs a state
// per combination of counter values across rules, so a set of them keeps
// building new states and runs at NFA speed (0.2 MB/s for the default
// rules). RuleSet puts the relaxed pattern in its RE2::Set and confirms a
// hit with the exact expression, which runs only on the few lines that hit.
std::string RelaxBoundedRepeats(absl::string_view pattern);

// Returns true if every match of "pattern" starts at the start of the text:
// after leading "(?flags)" groups, and inside "(?flags:...)" groups that span
// the rest of the pattern, it begins with "^" or "\A" and has no top-level
// "|". Multi-line mode ("m" among the flags) gives false. Reads the syntax
// only, so it may say false for an anchored pattern, never true for one that
// is not (RuleSet runs such patterns in a start-anchored RE2::Set).
bool IsStartAnchored(absl::string_view pattern);

// Prefixes "message" with where "rule" came from and its name:
//   site.rules:7: rule "nav-footer": MESSAGE
std::string RuleMessage(const Rule& rule, absl::string_view message);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_RULE_FILE_H_
