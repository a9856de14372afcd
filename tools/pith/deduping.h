// Copyright 2026 The pith Authors.
//
// What "pith dedup" and "pith run" share: the dedup options, and running the
// pipeline with a Deduplicator (and, for "run", a Cleaner first), with the
// --index, the --report and the --stats.

#ifndef PITH_TOOLS_PITH_DEDUPING_H_
#define PITH_TOOLS_PITH_DEDUPING_H_

#include <vector>

#include "command.h"
#include "flags.h"
#include "pith/cleaner.h"
#include "pith/dedup.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {

// --ngram, --num-perm, --threshold, --bands, --rows, --verify, --unit,
// --min-words, --threads, --seed, --index, --report, --stats, --quiet, -o.
std::vector<FlagSpec> DedupFlags();

// Builds the dedup options from "args". On a bad value prints the usage
// error and returns kExitUsage; returns kExitOk on success.
int SetUpDedup(const Command& command, const Args& args, DedupOptions* options);

// Runs the pipeline over every input with a Deduplicator made from
// "options" (loaded from --index if given) after "cleaner" if it is not
// null, and writes. Returns the exit code; prints its own errors.
int RunDedup(const Args& args, const PipelineOptions& pipeline_options,
             const DedupOptions& options, const Cleaner* cleaner);

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_DEDUPING_H_
