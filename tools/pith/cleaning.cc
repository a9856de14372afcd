// Copyright 2026 The pith Authors.

#include "cleaning.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "pith/cleaner.h"
#include "pith/io.h"
#include "pith/rules.h"

namespace pith {
namespace cli {

std::vector<FlagSpec> CleaningFlags() {
  return {
      {"format", 'f', "FORMAT", "text",
       "Input format: text (each file is one\n"
       "document) or jsonl (one JSON object per line)."},
      {"field", 0, "NAME", "text",
       "JSONL: the member that holds the text; every\n"
       "other byte of the line is kept as it was."},
      {"on-error", 0, "MODE", "fail",
       "JSONL: what to do with a malformed line: fail\n"
       "(stop with FILE:LINE) or skip (count it)."},
      {"rules", 'r', "FILE", nullptr,
       "Use the rules in FILE, not the built-in ones."},
      {"extra-rules", 'x', "FILE", nullptr,
       "Add the rules in FILE (repeatable).", true},
      {"no-repeated-lines", 0, nullptr, nullptr,
       "Keep lines that repeat an earlier line."},
      {"no-edge-runs", 0, nullptr, nullptr,
       "Keep runs of short lines at the head and tail."},
      {"no-classifier", 0, nullptr, nullptr,
       "Do not run the paragraph classifier."},
      {"max-document-bytes", 0, "SIZE", "64M",
       "Text: clean longer inputs in pieces of at most\n"
       "SIZE bytes, cut at line ends."},
  };
}

std::vector<std::string> Inputs(const Args& args) {
  if (args.operands().empty()) return {"-"};
  return args.operands();
}

int SetUpCleaning(const Command& command, const Args& args,
                  ReaderOptions* reader, std::optional<Cleaner>* cleaner) {
  *reader = ReaderOptions();
  if (!ParseDocumentFormat(args.Get("format"), &reader->format)) {
    return UsageError(command,
                      absl::StrCat("--format must be text or jsonl, not '",
                                   args.Get("format"), "'"));
  }
  if (!ParseOnError(args.Get("on-error"), &reader->on_error)) {
    return UsageError(command,
                      absl::StrCat("--on-error must be fail or skip, not '",
                                   args.Get("on-error"), "'"));
  }
  reader->field = args.Get("field");
  if (reader->field.empty()) {
    return UsageError(command, "--field must not be empty");
  }
  uint64_t max_bytes = 0;
  if (!ParseByteSize(args.Get("max-document-bytes"), &max_bytes)) {
    return UsageError(command,
                      absl::StrCat("--max-document-bytes must be a positive "
                                   "size such as 65536 or 64M, not '",
                                   args.Get("max-document-bytes"), "'"));
  }
  reader->max_document_bytes = static_cast<size_t>(max_bytes);

  const RuleSetOptions rule_options;
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
    PrintError(set.status().message());
    return kExitData;
  }

  CleanerOptions options;
  options.drop_repeated_lines = !args.Has("no-repeated-lines");
  options.drop_edge_runs = !args.Has("no-edge-runs");
  options.classify_paragraphs = !args.Has("no-classifier");
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
