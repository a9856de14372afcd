// Copyright 2026 The pith Authors.

#include "lib/clean/rule_file.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/clean/re2_util.h"
#include "re2/re2.h"

namespace pith {
namespace internal {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Removes and returns the first blank-separated token of "*rest".
absl::string_view NextToken(absl::string_view* rest) {
  size_t end = 0;
  while (end < rest->size() && !IsBlank((*rest)[end])) ++end;
  absl::string_view token = rest->substr(0, end);
  rest->remove_prefix(end);
  while (!rest->empty() && IsBlank(rest->front())) rest->remove_prefix(1);
  return token;
}

std::string Where(absl::string_view source_name, int line) {
  return absl::StrCat(source_name, ":", line);
}

// "source: " if "source" is set, else nothing.
std::string Prefix(absl::string_view source) {
  return source.empty() ? std::string() : absl::StrCat(source, ": ");
}

}  // namespace

bool IsValidRuleName(absl::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' &&
        c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

bool IsValidGroupName(absl::string_view group) {
  if (group.empty()) return false;
  for (char c : group) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-') {
      return false;
    }
  }
  return true;
}

std::string RuleMessage(const Rule& rule, absl::string_view message) {
  return absl::StrCat(Prefix(rule.source), "rule \"", rule.name,
                      "\": ", message);
}

std::string RelaxBoundedRepeats(absl::string_view p) {
  std::string out;
  out.reserve(p.size());
  size_t i = 0;
  bool in_class = false;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 < p.size() && p[i + 1] == 'Q') {  // \Q...\E is literal.
        size_t e = p.find("\\E", i + 2);
        e = e == absl::string_view::npos ? p.size() : e + 2;
        out.append(p.data() + i, e - i);
        i = e;
        continue;
      }
      out.append(p.data() + i, std::min<size_t>(2, p.size() - i));
      i += 2;
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
        size_t e = p.find(":]", i + 2);
        e = e == absl::string_view::npos ? p.size() : e + 2;
        out.append(p.data() + i, e - i);
        i = e;
        continue;
      }
      if (c == ']') in_class = false;
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out.push_back(c);
      ++i;
      if (i < p.size() && p[i] == '^') out.push_back(p[i++]);
      if (i < p.size() && p[i] == ']') out.push_back(p[i++]);  // []a] literal
      continue;
    }
    if (c == '{') {
      // {n,m} with both bounds: widen it. Anything else is copied.
      size_t j = i + 1;
      size_t lo_end = j;
      while (lo_end < p.size() && absl::ascii_isdigit(p[lo_end])) ++lo_end;
      if (lo_end > j && lo_end < p.size() && p[lo_end] == ',') {
        size_t hi_end = lo_end + 1;
        while (hi_end < p.size() && absl::ascii_isdigit(p[hi_end])) ++hi_end;
        if (hi_end > lo_end + 1 && hi_end < p.size() && p[hi_end] == '}') {
          absl::string_view lo = p.substr(j, lo_end - j);
          while (lo.size() > 1 && lo.front() == '0') lo.remove_prefix(1);
          if (lo == "0") {
            out.push_back('*');
          } else if (lo == "1") {
            out.push_back('+');
          } else {
            absl::StrAppend(&out, "{", lo, ",}");
          }
          i = hi_end + 1;
          continue;
        }
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

namespace {

// Returns the index just past the token of "p" that starts at "i": an escape,
// a \Q...\E run, a character class or one byte.
size_t SkipToken(absl::string_view p, size_t i) {
  if (p[i] == '\\') {
    if (i + 1 < p.size() && p[i + 1] == 'Q') {
      const size_t e = p.find("\\E", i + 2);
      return e == absl::string_view::npos ? p.size() : e + 2;
    }
    return std::min(i + 2, p.size());
  }
  if (p[i] != '[') return i + 1;
  size_t j = i + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;  // []a] holds a literal ].
  while (j < p.size() && p[j] != ']') {
    if (p[j] == '\\') {
      j += 2;
    } else if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
      const size_t e = p.find(":]", j + 2);
      j = e == absl::string_view::npos ? p.size() : e + 2;
    } else {
      ++j;
    }
  }
  return std::min(j + 1, p.size());
}

}  // namespace

bool IsStartAnchored(absl::string_view p) {
  while (absl::StartsWith(p, "(?")) {
    size_t j = 2;
    while (j < p.size() && (absl::ascii_isalpha(p[j]) || p[j] == '-')) ++j;
    if (j >= p.size()) return false;
    if (p.substr(2, j - 2).find('m') != absl::string_view::npos) return false;
    if (p[j] == ')') {  // (?i): flags for the rest.
      p.remove_prefix(j + 1);
      continue;
    }
    if (p[j] != ':') return false;
    // (?i:...): only if it closes at the very end.
    int depth = 0;
    size_t close = absl::string_view::npos;
    for (size_t k = 0; k < p.size(); k = SkipToken(p, k)) {
      if (p[k] == '(') ++depth;
      if (p[k] == ')' && --depth == 0) {
        close = k;
        break;
      }
    }
    if (close != p.size() - 1) return false;
    p = p.substr(j + 1, close - j - 1);
  }
  size_t rest;
  if (absl::StartsWith(p, "^")) {
    rest = 1;
  } else if (absl::StartsWith(p, "\\A")) {
    rest = 2;
  } else {
    return false;
  }
  if (rest < p.size() &&
      absl::string_view("*?{").find(p[rest]) != absl::string_view::npos) {
    return false;  // ^* or ^? may match nothing.
  }
  int depth = 0;
  for (size_t k = 0; k < p.size(); k = SkipToken(p, k)) {
    if (p[k] == '(') ++depth;
    if (p[k] == ')') --depth;
    if (p[k] == '|' && depth == 0) return false;
  }
  return true;
}

absl::StatusOr<std::vector<Rule>> ParseRuleLines(
    absl::string_view text, absl::string_view source_name) {
  std::vector<Rule> rules;
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t eol = text.find('\n');
    absl::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == absl::string_view::npos ? text.size() : eol + 1);
    // StripAsciiWhitespace also drops the "\r" of a CRLF line.
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;

    const std::string where = Where(source_name, line_number);
    absl::string_view rest = line;
    absl::string_view action_name = NextToken(&rest);
    Rule rule;
    // "ACTION:GROUP".
    const size_t colon = action_name.find(':');
    if (colon != absl::string_view::npos) {
      absl::string_view group = action_name.substr(colon + 1);
      action_name = action_name.substr(0, colon);
      if (!IsValidGroupName(group)) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": bad group name \"", group,
                         "\" (expected lowercase letters, digits, '-')"));
      }
      rule.group = std::string(group);
    }
    if (!ParseRuleAction(action_name, &rule.action)) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": unknown action \"", action_name,
          "\" (expected drop, drop-rest, drop-before, strip or reject)"));
    }
    absl::string_view name = NextToken(&rest);
    if (name.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": missing rule name after \"", action_name,
                       "\" (expected ACTION NAME PATTERN)"));
    }
    if (!IsValidRuleName(name)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": bad rule name \"", name,
                       "\" (expected letters, digits, '_', '.', '-')"));
    }
    rule.name = std::string(name);
    rule.source = where;
    if (rest.empty()) {
      return absl::InvalidArgumentError(RuleMessage(rule, "missing pattern"));
    }
    rule.pattern = std::string(rest);
    rules.push_back(std::move(rule));
  }
  absl::Status status = CheckRuleNames(rules);
  if (!status.ok()) return status;
  return rules;
}

absl::Status CheckRuleNames(const std::vector<Rule>& rules) {
  absl::flat_hash_map<absl::string_view, const Rule*> seen;
  seen.reserve(rules.size());
  for (const Rule& rule : rules) {
    if (!IsValidRuleName(rule.name)) {
      return absl::InvalidArgumentError(
          absl::StrCat(Prefix(rule.source), "bad rule name \"", rule.name,
                       "\" (expected letters, digits, '_', '.', '-')"));
    }
    if (rule.pattern.empty()) {
      return absl::InvalidArgumentError(RuleMessage(rule, "missing pattern"));
    }
    if (!rule.group.empty() && !IsValidGroupName(rule.group)) {
      return absl::InvalidArgumentError(RuleMessage(
          rule, absl::StrCat("bad group name \"", rule.group,
                             "\" (expected lowercase letters, digits, '-')")));
    }
    auto [it, inserted] = seen.emplace(rule.name, &rule);
    if (!inserted) {
      const std::string& first = it->second->source;
      return absl::InvalidArgumentError(absl::StrCat(
          Prefix(rule.source), "duplicate rule name \"", rule.name, "\"",
          first.empty() ? "" : absl::StrCat(" (first at ", first, ")")));
    }
  }
  return absl::OkStatus();
}

int64_t ExpandedLoops(absl::string_view p) {
  constexpr int64_t kCap = int64_t{1} << 40;
  std::vector<int64_t> frames = {0};  // Loops so far in each open group.
  size_t i = 0;
  while (i < p.size()) {
    int64_t atom = 0;  // Loops of the atom that ends at i.
    if (p[i] == '(') {
      ++i;
      if (i < p.size() && p[i] == '?') {  // (?i) (?i:...) (?P<name>...)
        size_t j = i;
        while (j < p.size() && p[j] != ':' && p[j] != ')' && p[j] != '>') ++j;
        i = j + 1;
        if (j < p.size() && p[j] == ')') continue;  // Flags only.
      }
      frames.push_back(0);
      continue;
    }
    if (p[i] == ')') {
      ++i;
      if (frames.size() > 1) {
        atom = frames.back();
        frames.pop_back();
      }
    } else if (p[i] == '|') {
      ++i;
      continue;
    } else {
      i = SkipToken(p, i);
    }
    // A quantifier after the atom.
    if (i < p.size() && (p[i] == '*' || p[i] == '+')) {
      atom += 1;
      ++i;
    } else if (i < p.size() && p[i] == '?') {
      ++i;
    } else if (i < p.size() && p[i] == '{') {
      size_t j = i + 1;
      int64_t lo = 0, hi = -1;
      while (j < p.size() && absl::ascii_isdigit(p[j])) {
        lo = std::min(kCap, lo * 10 + (p[j++] - '0'));
      }
      bool open_ended = false;
      if (j < p.size() && p[j] == ',') {
        ++j;
        if (j < p.size() && absl::ascii_isdigit(p[j])) {
          hi = 0;
          while (j < p.size() && absl::ascii_isdigit(p[j])) {
            hi = std::min(kCap, hi * 10 + (p[j++] - '0'));
          }
        } else {
          open_ended = true;
        }
      }
      if (j < p.size() && p[j] == '}' && j > i + 1) {
        const int64_t copies = std::max(lo, hi);
        atom = copies != 0 && atom > kCap / copies ? kCap : atom * copies;
        atom = std::min(kCap, atom + (open_ended ? 1 : 0));
        i = j + 1;
      }
    }
    if (i < p.size() && p[i] == '?') ++i;  // Non-greedy.
    frames.back() = std::min(kCap, frames.back() + atom);
  }
  int64_t total = 0;
  for (int64_t f : frames) total = std::min(kCap, total + f);
  return total;
}

absl::Status CheckPatternLength(const Rule& rule,
                                const RuleSetOptions& options) {
  if (rule.pattern.size() > options.max_pattern_bytes) {
    return absl::InvalidArgumentError(RuleMessage(
        rule,
        absl::StrCat("pattern is ", rule.pattern.size(),
                     " bytes, over the limit of ", options.max_pattern_bytes,
                     " bytes per rule (max_pattern_bytes)")));
  }
  const int64_t loops = ExpandedLoops(rule.pattern);
  if (loops > options.max_rule_loops) {
    return absl::InvalidArgumentError(RuleMessage(
        rule,
        absl::StrCat("pattern has ", loops,
                     " unbounded repeats once its counted repeats are "
                     "expanded, over the limit of ",
                     options.max_rule_loops,
                     " per rule (max_rule_loops): matching such a rule can "
                     "take seconds per megabyte; simplify it")));
  }
  return absl::OkStatus();
}

absl::Status CheckProgramSize(const Rule& rule, const RE2& re,
                              const RuleSetOptions& options) {
  const int size = re.ProgramSize();
  if (size <= options.max_rule_program_size) return absl::OkStatus();
  return absl::InvalidArgumentError(RuleMessage(
      rule, absl::StrCat("compiled size ", size, " is over the limit of ",
                         options.max_rule_program_size,
                         " RE2 instructions per rule (max_rule_program_size): "
                         "matching such a rule can take seconds per megabyte; "
                         "simplify it or split it into several rules")));
}

absl::Status CheckRulePattern(const Rule& rule, const RuleSetOptions& options) {
  absl::Status s = CheckPatternLength(rule, options);
  if (!s.ok()) return s;
  RE2 re(ToPiece(rule.pattern), MakeRe2Options(options.max_mem));
  if (re.ok()) return CheckProgramSize(rule, re, options);
  std::string message = RuleMessage(rule, re.error());
  if (re.error_code() == RE2::ErrorPatternTooLarge) {
    return absl::ResourceExhaustedError(message);
  }
  return absl::InvalidArgumentError(message);
}

}  // namespace internal
}  // namespace pith
