// Copyright 2026 The pith Authors.
//
// Line rules: the regular-expression half of pith's boilerplate cleaner.
//
// A rule file has one rule per line:
//
//   # A comment. Blank lines are ignored too.
//   ACTION  NAME  PATTERN
//
//   drop         read-more         (?i)^\s*\**read more\**\s*$
//   drop-rest    tagged            (?i)^\s*tagged:\s*$
//   drop-before  skip-to-content   (?i)^\s*skip to (main )?content\s*$
//   strip        getty-credit      (?i)\s*\(photo by [^)]*getty images\)
//   reject       access-denied     (?i)^\s*access denied\b
//
// ACTION may carry a group, as "ACTION:GROUP" ("drop:metadata"): GROUP is
// [a-z0-9-]+ and names what kind of line the rule removes, so that a
// Cleaner can leave a kind in (CleanerOptions::drop_metadata leaves the
// group "metadata": bylines, dates and photo credits).
//
// ACTION is one of the RuleAction names below; NAME is [A-Za-z0-9_.-]+ and
// unique within a set; PATTERN is RE2 syntax (case-insensitive with (?i)),
// the rest of the line with surrounding white space removed. A pattern is
// searched for anywhere in a line (the line without its "\n" or "\r\n"); use
// ^ and $ to anchor it to the whole line.
//
// Example:
//
//   absl::StatusOr<pith::RuleSet> rules = pith::RuleSet::Parse(
//       text, "site.rules", pith::RuleSetOptions());
//   if (!rules.ok()) return rules.status();  // "site.rules:3: rule ..."
//   std::vector<int> hits;
//   absl::Status s = rules->Match("Read More", &hits);
//
// A literal prefilter finds, in one pass over the line, the rules that can
// match it (those whose required words occur in it); only their own
// expressions run. The result is exactly that of running every rule.

#ifndef PITH_RULES_H_
#define PITH_RULES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace pith {

// What happens to a document when a rule matches one of its lines.
enum class RuleAction {
  kDrop,        // "drop": remove the line.
  kDropRest,    // "drop-rest": remove the line and every line after it. Fires
                // only in the tail of the document (CleanerOptions::
                // footer_zone), so it can never wipe a page from the top.
  kDropBefore,  // "drop-before": remove the line and every line before it.
                // Fires only in the head of the document (header_zone).
  kStrip,       // "strip": remove only the matched text from the line (every
                // non-overlapping match); drop the line if nothing but white
                // space and punctuation is left.
  kReject,      // "reject": the whole document is boilerplate (an error page,
                // "Access denied", "Please enable JavaScript").
};

// Returns the rule-file spelling of "action" ("drop", "drop-rest", ...).
absl::string_view RuleActionName(RuleAction action);

// Parses a rule-file action name. Returns false if "name" is not one.
bool ParseRuleAction(absl::string_view name, RuleAction* action);

// One rule, as written in a rule file.
struct Rule {
  RuleAction action = RuleAction::kDrop;
  std::string name;     // Unique within a RuleSet; reported with removals.
  std::string pattern;  // RE2 syntax.
  std::string source;   // Where it came from, for messages: "file:line".
  // The rule's group ("ACTION:GROUP" in a rule file), or "" for none:
  // [a-z0-9-]+, the kind of line it removes ("metadata").
  std::string group;
};

struct RuleSetOptions {
  // Memory budget for the WHOLE SET of compiled rules, in bytes, shared
  // evenly by the rules (half of a rule's share for its exact expression,
  // half for the relaxed copy that runs first when it has bounded repeats
  // such as "{0,100}"). RE2 allocates lazily, so a typical set uses far
  // less. A rule set that does not fit is an error (ResourceExhausted) that
  // says so: the total, the share per rule and what the largest rule needs
  // (the default set's largest needs ~0.7 MiB, so 2,000 rules with it need
  // ~3 GiB), never a silent non-match. Less than ~4 MiB per rule slows
  // matching down. (512 MiB)
  int64_t max_mem = int64_t{512} << 20;

  // The longest pattern, in bytes. A longer one is refused
  // (InvalidArgument) before anything compiles it: the prefilter analysis
  // of a 1 MB literal took over 30 s before this limit. The built-in rules
  // are under 1 KiB; a list of 2,000 words in one alternation fits. (16 KiB)
  size_t max_pattern_bytes = size_t{16} << 10;

  // The most unbounded repeats ("*", "+", "{n,}") in one rule once its
  // counted repeats are expanded, as RE2 expands them: "(.*a){500}" has
  // 500, "(\s+\S+){0,4}" 8. Each is a loop of the program, and many make
  // RE2's DFA run out of memory and fall back to its NFA: "(.*a){500}" (5,504
  // instructions, under max_rule_program_size) took 29 s of CPU on a 1 MB
  // line, "(.*a){200}" 0.1 s. A rule with more is refused
  // (InvalidArgument) before it is compiled. The built-in rules have at
  // most 42. (100)
  int64_t max_rule_loops = 100;

  // The largest compiled rule, in RE2 program instructions
  // (RE2::ProgramSize()). RE2 matches in linear time, but when a rule's DFA
  // outgrows its memory share RE2 runs its NFA, whose cost per byte grows
  // with the program: "(.*a){1000}" (11,004 instructions) took 47 s on a
  // 1 MB line. A larger rule is refused (InvalidArgument) in milliseconds,
  // with a message naming it. The largest built-in rule has ~7,500. (10000)
  int max_rule_program_size = 10000;

  // Match() remembers, in each thread that calls it, the results for up to
  // this many distinct short lines (at most 160 bytes) and answers a line
  // seen before with one hash lookup: menus, buttons and share rows repeat
  // from page to page. It costs up to ~200 bytes per line per thread, held
  // until the thread ends or matches with another RuleSet (each thread
  // remembers for one set at a time); 0 turns it off. (16384)
  int remembered_lines = 1 << 14;
};

// A RuleSet is an immutable, compiled set of line rules.
//
// Const methods are thread-safe: one RuleSet may be shared by many Cleaners
// and threads. Movable, not copyable: compiled sets are expensive.
class RuleSet {
 public:
  // Parses rule-file text. "source_name" is used in messages. Errors are
  // InvalidArgument and name the source, the line and the cause, e.g.
  //   site.rules:7: rule "nav-footer": missing ): (foo
  //   site.rules:9: unknown action "dorp" (expected drop, drop-rest, ...)
  //   site.rules:12: duplicate rule name "read-more" (first at site.rules:3)
  //   site.rules:14: rule "slow": compiled size 11004 is over the limit ...
  // or ResourceExhausted when the whole set does not fit in max_mem.
  static absl::StatusOr<RuleSet> Parse(absl::string_view text,
                                       absl::string_view source_name,
                                       const RuleSetOptions& options);

  // Parses the rule file at "path". NotFound if it cannot be read.
  static absl::StatusOr<RuleSet> ParseFile(const std::string& path,
                                           const RuleSetOptions& options);

  // Compiles "rules", checking them as Parse() does.
  static absl::StatusOr<RuleSet> Create(std::vector<Rule> rules,
                                        const RuleSetOptions& options);

  // The built-in rules (lib/rules/default.rules, compiled into the library).
  static absl::StatusOr<RuleSet> Default(const RuleSetOptions& options);

  // The built-in rules as parsed Rule values, e.g. to extend them:
  //   std::vector<Rule> rules = RuleSet::DefaultRules();
  //   rules.insert(rules.end(), extra.begin(), extra.end());
  static std::vector<Rule> DefaultRules();

  // Parses rule-file text into Rule values without compiling the set.
  // Patterns are still checked, so errors are the same as Parse()'s.
  static absl::StatusOr<std::vector<Rule>> ParseRules(
      absl::string_view text, absl::string_view source_name);

  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;
  ~RuleSet();

  // Sets "*matches" to the indices (into rules()) of every rule that matches
  // "line", in increasing order; empty if none does. "line" should not hold
  // its line terminator. Returns ResourceExhausted if RE2 ran out of memory
  // (never reported as "no match").
  absl::Status Match(absl::string_view line, std::vector<int>* matches) const;

  // Removes every match of rule "index" (a kStrip rule) from "line" and
  // returns what is left, byte for byte (no white space is tidied). For a
  // rule with another action, returns "" (those rules take whole lines).
  // Runs the rule's own expression; allocates only the returned string.
  // REQUIRES: 0 <= index < size()
  std::string Strip(int index, absl::string_view line) const;

  // The rules, in the order they were given.
  const std::vector<Rule>& rules() const;
  int size() const;

 private:
  struct Rep;  // Holds the per-rule RE2s and their literal prefilter.
  explicit RuleSet(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace pith

#endif  // PITH_RULES_H_
