// Copyright 2026 The pith Authors.

#include "cleaning.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "pith/cleaner.h"
#include "pith/rules.h"

namespace pith {
namespace cli {

std::vector<FlagSpec> CleaningFlags() {
  return {
      {"rules", 'r', "FILE", "",
       "Use the rules in FILE, not the built-in ones."},
      {"extra-rules", 'x', "FILE", "", "Add the rules in FILE (repeatable).",
       true},
      {"max-rule-memory", 0, "SIZE", "512M",
       "Memory budget of the whole rule set, shared\n"
       "evenly by its rules."},
      {"no-repeated-lines", 0, nullptr, "",
       "Keep lines that repeat an earlier line."},
      {"no-edge-runs", 0, nullptr, "",
       "Keep runs of short lines at the head and tail."},
      {"no-classifier", 0, nullptr, "", "Do not run the paragraph classifier."},
      {"keep-metadata", 0, nullptr, "",
       "Keep bylines, date lines and photo credits (the\n"
       "rules of the group \"metadata\")."},
      {"no-recirculation", 0, nullptr, "",
       "Keep lists of teasers for other articles."},
      {"no-comments", 0, nullptr, "",
       "Keep reader-comment threads under the article."},
      {"no-main-region", 0, nullptr, "",
       "Do not run the page-level stage (keep what the\n"
       "line pass keeps)."},
  };
}

int SetUpCleaner(const Command& command, const Args& args, bool removed_text,
                 std::optional<Cleaner>* cleaner) {
  RuleSetOptions rule_options;
  uint64_t rule_memory = 0;
  if (!ParseByteSize(args.Get("max-rule-memory"), &rule_memory) ||
      rule_memory > (uint64_t{1} << 50)) {
    return UsageError(command,
                      absl::StrCat("--max-rule-memory must be a positive size "
                                   "such as 512M or 2G, not '",
                                   args.Get("max-rule-memory"), "'"));
  }
  rule_options.max_mem = static_cast<int64_t>(rule_memory);
  std::vector<Rule> rules;
  if (args.Has("rules")) {
    absl::StatusOr<RuleSet> base =
        RuleSet::ParseFile(args.Get("rules"), rule_options);
    if (!base.ok()) {
      PrintError(base.status().message());
      return kExitData;
    }
    rules = base->rules();
  } else {
    rules = RuleSet::DefaultRules();
  }
  for (const std::string& path : args.GetAll("extra-rules")) {
    absl::StatusOr<RuleSet> extra = RuleSet::ParseFile(path, rule_options);
    if (!extra.ok()) {
      PrintError(extra.status().message());
      return kExitData;
    }
    rules.insert(rules.end(), extra->rules().begin(), extra->rules().end());
  }
  absl::StatusOr<RuleSet> set = RuleSet::Create(std::move(rules), rule_options);
  if (!set.ok()) {
    PrintError(absl::IsResourceExhausted(set.status())
                   ? absl::StrCat(set.status().message(),
                                  " (--max-rule-memory, now ",
                                  args.Get("max-rule-memory"), ")")
                   : std::string(set.status().message()));
    return kExitData;
  }

  CleanerOptions options;
  options.drop_repeated_lines = !args.Has("no-repeated-lines");
  options.drop_edge_runs = !args.Has("no-edge-runs");
  options.classify_paragraphs = !args.Has("no-classifier");
  options.drop_metadata = !args.Has("keep-metadata");
  options.drop_recirculation = !args.Has("no-recirculation");
  options.drop_comments = !args.Has("no-comments");
  options.main_region = !args.Has("no-main-region");
  options.report_removed_text = removed_text;
  absl::StatusOr<Cleaner> c = Cleaner::Create(*std::move(set), options);
  if (!c.ok()) {
    PrintError(c.status().message());
    return kExitData;
  }
  cleaner->emplace(*std::move(c));
  return kExitOk;
}

}  // namespace cli
}  // namespace pith
