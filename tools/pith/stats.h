// Copyright 2026 The pith Authors.
//
// What a run did, as "--stats" prints it (text, on stderr) and as
// "--stats-json FILE" writes it (one JSON object): the same numbers.

#ifndef PITH_TOOLS_PITH_STATS_H_
#define PITH_TOOLS_PITH_STATS_H_

#include <cstdint>
#include <string>

#include "pith/dedup.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {

struct RunStats {
  const char* command = "";
  const PipelineStats* pipeline = nullptr;
  // The dedup counters (dedup and run; not clean): the totals, those a
  // loaded --index held before the run, and the LSH layout.
  bool dedup = false;
  DedupStats dedup_totals;
  DedupStats dedup_loaded;
  LshParams lsh;
  // A staged run (pith stage merge) has no in-memory index: its "index
  // memory" row gives the bytes of its stage files instead, and the JSON's
  // memory_bytes is 0.
  bool staged = false;
  uint64_t stage_bytes = 0;
  bool cleaned = false;  // The run had a Cleaner.
  int64_t documents_out = 0;
  int64_t bytes_out = 0;
  int64_t dropped = 0;  // Left out by --drop-empty or --min-chars.
  double seconds = 0;
};

// The text of --stats: the clean command's, or dedup's and run's.
std::string StatsText(const RunStats& s);

// The object of --stats-json, with a final newline.
std::string StatsJson(const RunStats& s);

// Sets the dedup counters of "*stats" from "dedup".
void SetDedupStats(const Deduplicator& dedup, RunStats* stats);

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_STATS_H_
