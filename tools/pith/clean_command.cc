// Copyright 2026 The pith Authors.
//
// pith clean: removes boilerplate from documents, writes the kept text.

#include <algorithm>
#include <chrono>
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
#include "output_paths.h"
#include "pith/cleaner.h"
#include "pith/io.h"
#include "pith/pipeline.h"
#include "progress.h"
#include "stats.h"

namespace pith {
namespace cli {
namespace {

int RunClean(const Args& args) {
  const Command& command = CleanCommand();
  const auto start = std::chrono::steady_clock::now();
  PipelineOptions options;
  int code = SetUpPipeline(command, args, &options);
  if (code != kExitOk) return code;
  SetUpProgress(command.name, args, &options);
  std::optional<Cleaner> cleaner;
  code = SetUpCleaner(command, args, /*removed_text=*/args.Has("explain"),
                      &cleaner);
  if (code != kExitOk) return code;
  absl::StatusOr<Pipeline> pipeline =
      Pipeline::Create(options, &*cleaner, /*dedup=*/nullptr);
  if (!pipeline.ok()) return UsageError(command, pipeline.status().message());

  code = RefuseSameOutputs(command, args);
  if (code != kExitOk) return code;
  OutputOptions output_options;
  code = SetUpOutputOptions(command, args, &output_options);
  if (code != kExitOk) return code;
  CliWriter writer(nullptr, options.reader.format, args.Has("quiet"));
  std::optional<OutputFile> out;
  code = SetUpDocumentOutput(command, args, output_options, &writer, &out);
  if (code != kExitOk) return code;
  std::optional<OutputFile> explain;
  if (args.Has("explain")) {
    code = OpenOutput(args.Get("explain"), &explain, output_options);
    if (code != kExitOk) return code;
  }
  writer.set_drop_rejected(args.Has("drop-rejected"));
  if (explain) writer.set_removals(&*explain);
  code = RunPipeline(&*pipeline, args, &writer,
                     [&writer] { return writer.output_failed(); });
  if (code != kExitOk) return code;
  if (explain) {
    code = CommitOutput(&*explain);
    if (code != kExitOk) return code;
  }
  if (out) {
    code = CommitOutput(&*out);
    if (code != kExitOk) return code;
  }
  RunStats stats;
  stats.command = command.name;
  stats.pipeline = &pipeline->stats();
  stats.cleaned = true;
  stats.documents_out = writer.documents_written();
  stats.bytes_out = writer.bytes_written();
  stats.dropped = writer.documents_dropped();
  stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return ReportStats(args, stats);
}

std::vector<FlagSpec> CleanFlags() {
  std::vector<FlagSpec> flags = {
      {"output", 'o', "FILE", "",
       "Write to FILE, not stdout. A regular FILE is\n"
       "replaced atomically, only if the run succeeds;\n"
       "/dev/stdout, pipes are written in place.\n"
       "Compressed with gzip if FILE ends in .gz, zstd\n"
       "if .zst."},
      LevelFlag(),
  };
  for (const std::vector<FlagSpec>& more :
       {InputFlags(), CleaningFlags(), DocumentOutputFlags()}) {
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
      "of the line is kept. The id in --explain records is the --id-field\n"
      "member (string or number), else FILE:LINE. A rejected document is\n"
      "written with an empty text, or left out with --drop-rejected.\n"
      "\n"
      "Errors name the file and line: \"pith: pages.jsonl:17: ...\".\n",
      CleanFlags(),
      &RunClean,
  };
  return *kCommand;
}

}  // namespace cli
}  // namespace pith
