// Copyright 2026 The pith Authors.
//
// StagedDedup: the decisions of one Deduplicator run, computed in stages
// that can run on many machines sharing a directory ("the work dir").
//
// In pith a unit that turns out to be a duplicate still goes into the
// index, so a unit is removed exactly when some earlier unit shares an LSH
// band key with it and passes verification (or has the same exact hash).
// That is a property of pairs: it can be computed after shuffling the units
// by band key, with no connected components. The stages:
//
//   Plan      inputs, in order -> shards: whole files, or line-aligned byte
//             ranges of big plain JSONL files. A unit is (shard, document,
//             line), compared in that order.
//   Sign      per shard: reads (and cleans) the shard with a Pipeline and
//             writes each unit's exact hash, sketch and band keys into
//             "partitions" files, by band key.
//   Bucket    per partition: verifies each unit against the earlier members
//             of its buckets.
//   Decide    per shard: gathers each unit's verified candidates.
//   Resolve   once: which units one process would not index (see below).
//   Apply     per shard: a Pipeline run whose Deduplicator decides each
//             unit from its candidates as DedupIndex does; writes what
//             "pith dedup" would write for that shard.
//
// Concatenated in shard order, the outputs and reports of Apply equal those
// of one Deduplicator over all the inputs, byte for byte, and the merged
// counters (MergeResults()) equal its stats (but memory_bytes).
//
// The one exception is DedupOptions::max_candidates: a unit with more LSH
// candidates than that is not indexed by a Deduplicator, which changes the
// candidates of later units. Decide lists the units with more candidates
// than the cap (with all of them); Resolve replays the sequential rule over
// them, in order (a unit is left out of the index when its candidates, less
// the units left out before it, are more than the cap); Apply leaves those
// units out of every candidate list. Bucket fails with ResourceExhausted
// on a unit with more than 16 x max_candidates candidates (at least 1024),
// which it cannot replay: never a different result.
//
// Every stage file starts with a magic number and a version, records the
// options fingerprint (Open() refuses a work dir planned with other
// options), checksums every section and is replaced atomically. A stage
// whose outputs exist and verify (Done()) need not run again.
//
//   (each call returns a Status: check it)
//   absl::Status s = StagedDedup::Plan(inputs, options, staged, "work");
//   absl::StatusOr<StagedDedup> st = StagedDedup::Open("work", options, "");
//   for (int i = 0; i < st->shards(); ++i) s = st->Sign(i, popts, nullptr);
//   for (int p = 0; p < st->partitions(); ++p) s = st->Bucket(p);
//   for (int i = 0; i < st->shards(); ++i) s = st->Decide(i);
//   s = st->Resolve();
//   // Apply: Pipeline::Create(popts, nullptr, &*st->ApplyDeduplicator(i))
//   // and Run(st->ShardInputs(i), sink) for each shard, in order.
//
// Thread safety: const methods may be called from many threads and
// processes at once for distinct shards and partitions.

#ifndef PITH_STAGED_DEDUP_H_
#define PITH_STAGED_DEDUP_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "pith/cleaner.h"
#include "pith/dedup.h"
#include "pith/pipeline.h"

namespace pith {

struct StagedDedupOptions {
  // Shards the inputs are cut into (whole files, or line-aligned ranges of
  // plain JSONL files). Some may be empty. A good value: 2-4 per worker.
  int shards = 1;
  // Partitions the band keys are shuffled into. A good value: the workers.
  int partitions = 1;
  // The input format (text files are never cut).
  DocumentFormat format = DocumentFormat::kJsonl;
};

// The stages of a StagedDedup, for Done().
enum class DedupStage { kPlan, kSign, kBucket, kDecide, kResolve, kApply };

// What an Apply stage produced, saved per shard and merged.
struct StagedShardResult {
  PipelineStats pipeline;
  DedupStats dedup;  // memory_bytes is 0.
  int64_t documents_out = 0;
  int64_t bytes_out = 0;
  int64_t documents_dropped = 0;
  uint64_t stage_bytes = 0;  // Bytes of the stage files (MergeResults()).
};

// Movable, not copyable.
class StagedDedup {
 public:
  // Cuts "inputs" into shards and writes the plan into "work_dir" (created
  // if missing). "context" is what else shapes the result (the reader and
  // cleaning options, as the caller spells them): it is part of the
  // options fingerprint. InvalidArgument for stdin ("-").
  static absl::Status Plan(const std::vector<std::string>& inputs,
                           const DedupOptions& options,
                           const StagedDedupOptions& staged,
                           const std::string& context,
                           const std::string& work_dir);

  // Opens the plan of "work_dir". FailedPrecondition if it was planned with
  // other options or "context".
  static absl::StatusOr<StagedDedup> Open(const std::string& work_dir,
                                          const DedupOptions& options,
                                          const std::string& context);

  StagedDedup(StagedDedup&&) noexcept;
  StagedDedup& operator=(StagedDedup&&) noexcept;
  ~StagedDedup();

  int shards() const;
  int partitions() const;
  const std::vector<std::string>& inputs() const;  // As planned.

  // The pieces of shard "shard", for Pipeline::Run().
  std::vector<PipelineInput> ShardInputs(int shard) const;

  // Whether the outputs of a stage for "index" (a shard, or a partition for
  // kBucket; ignored for kPlan and kResolve) exist and verify. kApply: its
  // result file (SaveResult(), written after the shard's output and report).
  bool Done(DedupStage stage, int index) const;

  // Reads shard "shard" through "cleaner" (may be null) with "options" and
  // writes its sign files.
  absl::Status Sign(int shard, const PipelineOptions& options,
                    const Cleaner* cleaner) const;
  // REQUIRES: every shard signed.
  absl::Status Bucket(int partition) const;
  // REQUIRES: every partition bucketed.
  absl::Status Decide(int shard) const;
  // REQUIRES: every shard decided.
  absl::Status Resolve() const;

  // A Deduplicator that decides the units of shard "shard" from the stage
  // files (REQUIRES: Resolve() done): run a Pipeline over
  // ShardInputs(shard) with it. Its stats() are the shard's (memory_bytes
  // 0).
  absl::StatusOr<Deduplicator> ApplyDeduplicator(int shard) const;

  // Saves and loads what the Apply stage of "shard" produced.
  absl::Status SaveResult(int shard, const StagedShardResult& result) const;
  absl::StatusOr<StagedShardResult> LoadResult(int shard) const;
  // Sums the results of every shard, and counts the documents whose id an
  // earlier shard had into pipeline.repeated_ids.
  absl::StatusOr<StagedShardResult> MergeResults() const;

  // The path of a file in the work dir.
  std::string Path(const std::string& name) const;

  struct Rep;  // lib/dedup/staged_rep.h (for the stages' files only).

 private:
  explicit StagedDedup(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace pith

#endif  // PITH_STAGED_DEDUP_H_
