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
#include "lib/io/file_lock.h"
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
  // (kSketchBytes, kSignature below threshold 1) and its LSH band keys
  // (bands).
  std::vector<uint8_t> sketches;
  std::vector<uint32_t> keys;
  // The QuerySketchView data of those units (PreparedUnit says where).
  std::vector<uint16_t> fingerprints;
  std::vector<uint8_t> odd;
};

// Buffers that Prepare() reuses from one document to the next.
struct PrepareScratch {
  std::vector<uint64_t> shingles;
  std::vector<uint64_t> distinct;  // CountDistinct()'s distinct values,
  uint8_t odd0[kSketchBytes];      // and their odd sketch at level 0.
  Signature signature;
  // Open addressing for counting distinct shingles: a slot is in use when
  // its stamp is the current one.
  std::vector<uint64_t> seen;
  std::vector<uint32_t> stamps;
  uint32_t stamp = 0;
};

// Returns the number of distinct values in "values", sets "*hash" to
// SequenceHash(values), scratch->distinct to the distinct values (in order
// of first occurrence) and scratch->odd0 to their odd sketch at level 0.
size_t CountDistinct(absl::Span<const uint64_t> values, uint64_t* hash,
                     PrepareScratch* scratch);

// InvalidArgument if "options" are out of range.
absl::Status ValidateOptions(const DedupOptions& options);

struct StartedBatch;  // lib/dedup/dedup_batch.cc

// Decides units in place of the index, for the Sign and Apply stages of a
// StagedDedup (lib/dedup/staged_*.cc): Rep::Decide() then does all else
// as usual (counters, verdicts). Called under Rep::mu, in input order.
class UnitDecider {
 public:
  virtual ~UnitDecider() = default;
  // Decides unit "line" (1-based) of document "doc" (numbered from 0 in
  // this run), whose id is "id", as DedupIndex::Decide() would. Sets
  // match->doc to the global number of the document it duplicates and
  // "*duplicate_of_id" to that document's id.
  virtual absl::Status Decide(uint32_t doc, absl::string_view id, uint32_t line,
                              PreparedUnit* unit, const uint8_t* sketch,
                              const QuerySketchView& query,
                              absl::Span<const uint32_t> keys, UnitMatch* match,
                              std::string* duplicate_of_id) = 0;
  // Called once per document, after its units.
  virtual void EndDocument(absl::string_view id) = 0;
  // The global number of document 0 of this run.
  virtual uint64_t first_document() const = 0;
  // Sets the counters the index would own (indexed_units, candidates,
  // capped_queries).
  virtual void IndexCounters(DedupStats* stats) const = 0;
};

}  // namespace internal

struct Deduplicator::Rep {
  Rep(const DedupOptions& o, Shingler s, MinHasher h, internal::LshTables lsh)
      : options(o),
        shingler(std::move(s)),
        hasher(std::move(h)),
        params(lsh.params()),
        plan(internal::AcceptedSimilarity(o)),
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
  const internal::SketchPlan plan;
  // Set for the Apply stage of a StagedDedup, whose decider needs only the
  // units and their words: Prepare() then neither signs nor sketches them.
  bool units_only = false;

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
  // Set for the stages of a StagedDedup: decides instead of "index".
  std::unique_ptr<internal::UnitDecider> decider;
  std::string id_arena;           // Document ids, back to back.
  std::vector<uint64_t> id_ends;  // End of each id.
  std::vector<uint8_t> removed;   // 1 per removed doc.
  DedupStats stats;
  DedupStats loaded;  // The counters as Load() read them.

  // The lock of the index file Open() loaded (see pith/dedup.h), held
  // until this Rep is destroyed; null after Create() and Load(). A Save()
  // to a path whose lock is not held takes it under save_mu, so that this
  // Deduplicator's own saves from several threads wait for each other
  // instead of failing.
  std::unique_ptr<internal::FileLock> index_lock;
  std::mutex save_mu;
};

}  // namespace pith

#endif  // PITH_LIB_DEDUP_DEDUP_REP_H_
