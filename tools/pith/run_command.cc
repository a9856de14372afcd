// Copyright 2026 The pith Authors.
//
// pith run: cleans each document, then deduplicates the cleaned text across
// the corpus, in one pass.

#include <optional>
#include <vector>

#include "cleaning.h"
#include "command.h"
#include "deduping.h"
#include "documents.h"
#include "flags.h"
#include "pith/cleaner.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {
namespace {

int RunRunCommand(const Args& args) {
  const Command& command = RunCommand();
  PipelineOptions pipeline_options;
  int code = SetUpPipeline(command, args, &pipeline_options);
  if (code != kExitOk) return code;
  DedupOptions options;
  code = SetUpDedup(command, args, &options);
  if (code != kExitOk) return code;
  std::optional<Cleaner> cleaner;
  code = SetUpCleaner(args, /*removed_text=*/false, &cleaner);
  if (code != kExitOk) return code;
  return RunDedup(args, pipeline_options, options, &*cleaner);
}

std::vector<FlagSpec> Flags() {
  std::vector<FlagSpec> flags = InputFlags();
  for (const std::vector<FlagSpec>& more : {CleaningFlags(), DedupFlags()}) {
    flags.insert(flags.end(), more.begin(), more.end());
  }
  flags.push_back({"drop-rejected", 0, nullptr, "",
                   "JSONL: leave out the lines of rejected documents\n"
                   "(by default they are written with an empty text)."});
  return flags;
}

}  // namespace

const Command& RunCommand() {
  static const Command* const kCommand = new Command{
      "run",
      "clean, then remove near-duplicates: the whole job in one pass",
      "pith run [OPTIONS...] [FILE... | -] [-o FILE]",
      "Cleans each document as 'pith clean' does, then removes near-duplicate\n"
      "units of the cleaned text across the corpus as 'pith dedup' does, and\n"
      "writes what is kept. Cleaning runs on --threads threads too.\n"
      "\n"
      "--report lines refer to the CLEANED text of each document (for text\n"
      "inputs read in pieces: of each piece). A rejected document is left\n"
      "out in text mode and written with an empty text in JSONL (or left\n"
      "out with --drop-rejected). See 'pith clean --help' and 'pith dedup\n"
      "--help' for the details of each stage.\n",
      Flags(),
      &RunRunCommand,
  };
  return *kCommand;
}

}  // namespace cli
}  // namespace pith
