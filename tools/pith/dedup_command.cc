// Copyright 2026 The pith Authors.
//
// pith dedup: removes near-duplicate lines, paragraphs or documents across
// a corpus, keeping the first copy in input order.

#include <vector>

#include "command.h"
#include "deduping.h"
#include "documents.h"
#include "flags.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {
namespace {

int RunDedupCommand(const Args& args) {
  const Command& command = DedupCommand();
  PipelineOptions pipeline_options;
  int code = SetUpPipeline(command, args, &pipeline_options);
  if (code != kExitOk) return code;
  DedupOptions options;
  code = SetUpDedup(command, args, &options);
  if (code != kExitOk) return code;
  return RunDedup(command, args, pipeline_options, options,
                  /*cleaner=*/nullptr);
}

std::vector<FlagSpec> Flags() {
  std::vector<FlagSpec> flags = InputFlags();
  for (const FlagSpec& f : DedupFlags()) flags.push_back(f);
  for (const FlagSpec& f : DocumentOutputFlags()) flags.push_back(f);
  return flags;
}

}  // namespace

const Command& DedupCommand() {
  static const Command* const kCommand = new Command{
      "dedup",
      "remove near-duplicate lines or paragraphs across documents",
      "pith dedup [OPTIONS...] [FILE... | -] [-o FILE]",
      "Removes every unit (line, paragraph or document) whose Jaccard\n"
      "similarity of word n-grams with an EARLIER unit is at least\n"
      "--threshold, across all the documents of all the inputs, and writes\n"
      "what is kept. The first copy in input order is kept. MinHash + LSH\n"
      "find candidates; each is verified (--verify) before it counts.\n"
      "Identical units (same words after case and punctuation folding) are\n"
      "caught by an exact hash. Units with fewer than --min-words words are\n"
      "never removed. Blank lines left doubled by a removal are dropped.\n"
      "\n"
      "Text format: each FILE is one document, named by its path. JSONL:\n"
      "only the --field member is replaced, every other byte is kept; the\n"
      "document is named by its --id-field member (or FILE:LINE).\n"
      "Documents are identified by their position in the input: a repeated\n"
      "id is deduped as a document of its own, and a warning tells that\n"
      "report records naming it are ambiguous.\n"
      "\n"
      "--report: one JSON record per removed unit; lines are 1-based in the\n"
      "document's text (in the file, for text inputs read in pieces).\n"
      "duplicate_of is the most similar earlier unit that the removed one\n"
      "was verified against (the earliest on ties; for identical words, the\n"
      "first unit with those words). It may have been removed itself, but\n"
      "following the links always ends at a kept unit. similarity is the\n"
      "Jaccard that verification computed: exact with --verify exact or for\n"
      "units of up to 40 n-grams, else an estimate within ~0.01. The output\n"
      "is the same for any --threads.\n",
      Flags(),
      &RunDedupCommand,
  };
  return *kCommand;
}

}  // namespace cli
}  // namespace pith
