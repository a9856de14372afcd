// Copyright 2026 The pith Authors.
//
// Deduplicator::Rep, shared by deduplicator.cc (options, one document at a
// time), dedup_batch.cc (batches on a worker pool) and dedup_file.cc (the
// index file).

#ifndef PITH_LIB_DEDUP_DEDUP_REP_H_
#define PITH_LIB_DEDUP_DEDUP_REP_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/dedup/dedup_index.h"
#include "lib/dedup/units.h"
#include "lib/worker_pool.h"
#include "pith/dedup.h"
#include "pith/lsh.h"
#include "pith/minhash.h"
#include "pith/segment.h"
#include "pith/shingle.h"

namespace pith {
namespace internal {

// A document split into units and signed, ready to be decided.
struct PreparedDocument {
  std::vector<LineSpan> lines;
  std::vector<UnitSpan> spans;
  std::vector<PreparedUnit> units;  // One per span.
  // Per unit with words >= min_words (in span order): its sketch
  // (SketchBytes(num_perm) bytes) and its LSH band keys (bands).
  std::vector<uint8_t> sketches;
  std::vector<uint32_t> keys;
};

// Buffers that Prepare() reuses from one document to the next.
struct PrepareScratch {
  std::vector<uint64_t> shingles;
  Signature signature;
  // Open addressing for counting distinct shingles: a slot is in use when
  // its stamp is the current one.
  std::vector<uint64_t> seen;
  std::vector<uint32_t> stamps;
  uint32_t stamp = 0;
};

// Returns the number of distinct values in "values", and sets "*hash" to
// SequenceHash(values).
size_t CountDistinct(absl::Span<const uint64_t> values, uint64_t* hash,
                     PrepareScratch* scratch);

// InvalidArgument if "options" are out of range.
absl::Status ValidateOptions(const DedupOptions& options);

struct StartedBatch;  // lib/dedup/dedup_batch.cc

}  // namespace internal

struct Deduplicator::Rep {
  Rep(const DedupOptions& o, Shingler s, MinHasher h, internal::LshTables lsh)
      : options(o),
        shingler(std::move(s)),
        hasher(std::move(h)),
        params(lsh.params()),
        index(o, std::move(lsh)) {}

  // Splits and signs "text" into "*doc". Thread-safe (const members only).
  void Prepare(absl::string_view text, internal::PrepareScratch* scratch,
               internal::PreparedDocument* doc) const;

  // Decides every unit of "doc" and fills "*verdict" (all but the text).
  // REQUIRES: mu held.
  absl::Status Decide(absl::string_view id, internal::PreparedDocument* doc,
                      DocumentVerdict* verdict);

  // Starts loading what deciding the first signed unit of "doc" reads first.
  void Prefetch(const internal::PreparedDocument& doc) const {
    const size_t bands = static_cast<size_t>(params.bands);
    for (const internal::PreparedUnit& u : doc.units) {
      if (u.words < options.min_words) continue;
      index.PrefetchExact(u.exact_hash);
      index.PrefetchQuery(absl::MakeConstSpan(doc.keys.data(), bands));
      return;
    }
  }

  // Sets verdict->text.
  void BuildText(absl::string_view text, const internal::PreparedDocument& doc,
                 DocumentVerdict* verdict) const;

  const DedupOptions options;
  const Shingler shingler;
  const MinHasher hasher;
  const LshParams params;

  // The worker pool of AddBatch() and StartBatch() (made by Pool()).
  internal::WorkerPool* Pool();
  // Drops unfinished batches (dedup_batch.cc).
  ~Rep();

  // Guards the members up to "mu".
  std::mutex batch_mu;
  // ResolveThreads(options.threads) - 1 workers: the thread that decides a
  // batch prepares too.
  std::unique_ptr<internal::WorkerPool> pool;
  // Batches started by StartBatch() and not yet finished, oldest first.
  // (shared_ptr: its deleter works where StartedBatch is incomplete.)
  std::deque<std::shared_ptr<internal::StartedBatch>> started;
  // Prepared-document buffers of batches done, for the next ones.
  std::vector<std::vector<internal::PreparedDocument>> spare;

  // std::mutex rather than absl::Mutex: Debian's Abseil is not built with
  // ThreadSanitizer, which then cannot see absl::Mutex and reports false
  // races (tools/ci/tsan.sh). Guards every member below.
  mutable std::mutex mu;
  internal::DedupIndex index;
  std::string id_arena;           // Document ids, back to back.
  std::vector<uint64_t> id_ends;  // End of each id.
  std::vector<uint8_t> removed;   // 1 per removed doc.
  DedupStats stats;
};

}  // namespace pith

#endif  // PITH_LIB_DEDUP_DEDUP_REP_H_
