// Copyright 2026 The pith Authors.
//
// What "pith dedup" and "pith run" share: the dedup options, and the loop
// that reads documents (cleaning them first for "run"), deduplicates them in
// batches on --threads threads, and writes the kept text, the --report and
// the --stats.

#ifndef PITH_TOOLS_PITH_DEDUPING_H_
#define PITH_TOOLS_PITH_DEDUPING_H_

#include <vector>

#include "command.h"
#include "flags.h"
#include "pith/cleaner.h"
#include "pith/dedup.h"
#include "pith/io.h"

namespace pith {
namespace cli {

// --ngram, --num-perm, --threshold, --bands, --rows, --verify, --unit,
// --min-words, --threads, --seed, --report, --stats, --quiet, -o.
std::vector<FlagSpec> DedupFlags();

// Builds the dedup options from "args". On a bad value prints the usage
// error and returns kExitUsage; returns kExitOk on success.
int SetUpDedup(const Command& command, const Args& args, DedupOptions* options);

// Reads every input, cleans each document with "cleaner" if it is not null,
// deduplicates and writes. Returns the exit code; prints its own errors.
int RunDedup(const Command& command, const Args& args,
             const ReaderOptions& reader_options, const DedupOptions& options,
             const Cleaner* cleaner);

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_DEDUPING_H_
