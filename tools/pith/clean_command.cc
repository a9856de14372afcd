// Copyright 2026 The pith Authors.
//
// pith clean: removes boilerplate from documents, writes the kept text.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cleaning.h"
#include "command.h"
#include "documents.h"
#include "flags.h"
#include "pith/cleaner.h"
#include "pith/io.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {
namespace {

void PrintStats(const PipelineStats& s, int64_t bytes_out) {
  std::string out;
  absl::StrAppendFormat(&out, "documents       %d\n", s.documents);
  absl::StrAppendFormat(&out, "rejected        %d\n", s.rejected);
  absl::StrAppendFormat(&out, "skipped lines   %d\n", s.skipped_lines);
  absl::StrAppendFormat(&out, "bytes in        %d\n", s.input_bytes);
  absl::StrAppendFormat(&out, "bytes out       %d\n", bytes_out);
  absl::StrAppendFormat(&out, "lines removed   %d\n", s.lines_removed);
  auto table = [&out](const char* title,
                      const std::map<std::string, int64_t>& counts) {
    if (counts.empty()) return;
    std::vector<std::pair<std::string, int64_t>> rows(counts.begin(),
                                                      counts.end());
    std::stable_sort(
        rows.begin(), rows.end(),
        [](const auto& a, const auto& b) { return a.second > b.second; });
    absl::StrAppend(&out, title, "\n");
    for (const auto& [name, n] : rows) {
      absl::StrAppendFormat(&out, "  %-28s %d\n", name, n);
    }
  };
  table("lines removed by rule:", s.removed_by);
  table("documents rejected by rule:", s.rejected_by);
  std::fputs(out.c_str(), stderr);
}

int RunClean(const Args& args) {
  const Command& command = CleanCommand();
  PipelineOptions options;
  int code = SetUpPipeline(command, args, &options);
  if (code != kExitOk) return code;
  std::optional<Cleaner> cleaner;
  code = SetUpCleaner(args, /*removed_text=*/args.Has("explain"), &cleaner);
  if (code != kExitOk) return code;
  absl::StatusOr<Pipeline> pipeline =
      Pipeline::Create(options, &*cleaner, /*dedup=*/nullptr);
  if (!pipeline.ok()) return UsageError(command, pipeline.status().message());

  std::optional<OutputFile> out;
  code = OpenOutput(args.Has("output") ? args.Get("output") : "-", &out);
  if (code != kExitOk) return code;
  std::optional<OutputFile> explain;
  if (args.Has("explain")) {
    code = OpenOutput(args.Get("explain"), &explain);
    if (code != kExitOk) return code;
  }
  CliWriter writer(&*out, options.reader.format, args.Has("quiet"));
  writer.set_drop_rejected(args.Has("drop-rejected"));
  if (explain) writer.set_removals(&*explain);
  code = RunPipeline(&*pipeline, args, &writer,
                     [&writer] { return writer.failed(); });
  if (code != kExitOk) return code;
  if (explain) {
    code = CommitOutput(&*explain);
    if (code != kExitOk) return code;
  }
  code = CommitOutput(&*out);
  if (code != kExitOk) return code;
  if (args.Has("stats")) PrintStats(pipeline->stats(), writer.bytes_written());
  return kExitOk;
}

std::vector<FlagSpec> CleanFlags() {
  std::vector<FlagSpec> flags = {
      {"output", 'o', "FILE", "",
       "Write to FILE, not stdout, atomically: FILE\n"
       "appears only if the run succeeds. Compressed\n"
       "with zstd if FILE ends in .zst."},
  };
  for (const std::vector<FlagSpec>& more : {InputFlags(), CleaningFlags()}) {
    flags.insert(flags.end(), more.begin(), more.end());
  }
  std::vector<FlagSpec> more = {
      {"drop-rejected", 0, nullptr, "",
       "JSONL: leave out the lines of rejected documents\n"
       "(by default they are written with an empty text)."},
      ThreadsFlag("Threads; 0 = one per core. With 1, everything\n"
                  "runs on one thread. The output does not\n"
                  "depend on it."),
      {"explain", 'e', "FILE", "",
       "Write a JSON record per removed line to FILE:\n"
       "{\"file\",\"id\",\"line\",\"rule\",\"text\"}, plus\n"
       "\"partial\":true (strip) or \"rejected\":true."},
      {"stats", 's', nullptr, "",
       "Print counts per rule and heuristic to stderr."},
      {"quiet", 'q', nullptr, "", "Do not print warnings."},
      {"help", 'h', nullptr, "", "Show this help and exit."},
  };
  flags.insert(flags.end(), more.begin(), more.end());
  return flags;
}

}  // namespace

const Command& CleanCommand() {
  static const Command* const kCommand = new Command{
      "clean",
      "remove boilerplate lines from documents",
      "pith clean [OPTIONS...] [FILE... | -] [-o FILE]",
      "Removes scraper boilerplate (menus, share buttons, cookie notices,\n"
      "footers) from each document with line rules and heuristics, and\n"
      "writes what is kept. With no FILE, or when FILE is -, reads stdin.\n"
      "Any input that is zstd-compressed is decompressed, whatever its name.\n"
      "\n"
      "Text format: each FILE is one document; the output is the cleaned\n"
      "text of each file in order, each ending with a newline. An input\n"
      "longer than --max-document-bytes is cleaned in pieces cut at line\n"
      "ends. A rejected document (reject rule) prints nothing.\n"
      "\n"
      "JSONL format: each line is one JSON object; only the value of the\n"
      "--field member is replaced by its cleaned text, and every other byte\n"
      "of the line is kept. The id in --explain records is the \"id\" member\n"
      "(string or number) or the line number. A rejected document is written\n"
      "with an empty text, or left out with --drop-rejected.\n"
      "\n"
      "Errors name the file and line: \"pith: pages.jsonl:17: ...\".\n",
      CleanFlags(),
      &RunClean,
  };
  return *kCommand;
}

}  // namespace cli
}  // namespace pith
