// Copyright 2026 The pith Authors.
//
// Deduplicator::Rep, shared by deduplicator.cc (options, one document at a
// time), dedup_batch.cc (batches on many threads) and dedup_file.cc (the
// index file).

#ifndef PITH_LIB_DEDUP_DEDUP_REP_H_
#define PITH_LIB_DEDUP_DEDUP_REP_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/dedup/dedup_index.h"
#include "lib/dedup/units.h"
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

// The threads that sign for AddBatch() and StartBatch(), the caller
// included.
size_t SigningThreads(const DedupOptions& options);

// Threads that AddBatch() keeps from one call to the next. A thread made
// per call can wait a scheduler tick (milliseconds) for a core of a busy
// machine, when a batch of a few MB takes tens of milliseconds; a waiting
// thread that is woken runs at once.
class WorkerPool {
 public:
  explicit WorkerPool(size_t threads) {
    threads_.reserve(threads);
    for (size_t t = 0; t < threads; ++t) {
      threads_.emplace_back([this] { Loop(); });
    }
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  size_t size() const { return threads_.size(); }

  // Runs "task" once on every worker. REQUIRES: no Start() without Wait().
  void Start(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      task_ = std::move(task);
      running_ = threads_.size();
      ++generation_;
    }
    wake_.notify_all();
  }

  // Returns once every worker has finished the task of Start().
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&] { return running_ == 0; });
    task_ = nullptr;
  }

 private:
  void Loop() {
    uint64_t seen = 0;
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        task = task_;
      }
      task();
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (--running_ != 0) continue;
      }
      done_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::function<void()> task_;
  uint64_t generation_ = 0;
  size_t running_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

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
  absl::Status Decide(absl::string_view id, absl::string_view text,
                      internal::PreparedDocument* doc,
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

  // One batch of AddBatch() or StartBatch() (defined below).
  struct Batch;

  // Decides the documents of "batch" in input order under "mu", each as
  // soon as it is prepared, into out[0], out[1], ..., publishing the count
  // decided in "*decided_upto" (unless null). While the next one is not
  // prepared, it prepares an unclaimed document of the batch, or else calls
  // "help" (which may prepare another batch's and returns whether it did),
  // or else yields. "alone": no other thread prepares, so it prepares one
  // document ahead, whose first lookups are then prefetched. Sets
  // "*decided" to the documents decided (all but after an error).
  absl::Status DecideBatch(
      Batch* batch, bool alone,
      const std::function<bool(internal::PrepareScratch*)>& help,
      DocumentVerdict* out, std::atomic<size_t>* decided_upto, size_t* decided);

  // The oldest started batch other than "skip" with an unclaimed document,
  // or null. REQUIRES: pipe_mu held.
  std::shared_ptr<Batch> BatchWithWork(const Batch* skip) const;

  // The pipeline threads of StartBatch(): they prepare the documents of
  // the started batches, oldest first, and sleep when none is left.
  void PipelineLoop();
  // Stops and joins the pipeline threads; started batches are dropped.
  void StopPipeline();
  ~Rep() { StopPipeline(); }

  // The workers of AddBatch(), made on first use; one AddBatch() at a time
  // uses them (others make their own).
  std::mutex pool_mu;
  std::unique_ptr<internal::WorkerPool> pool;  // Guarded by pool_mu.

  // StartBatch() and FinishBatch(): the started batches not yet finished,
  // oldest first; the pipeline threads (made by the first StartBatch());
  // and prepared-document buffers of finished batches, for the next ones.
  // All guarded by pipe_mu; pipe_cv wakes the threads for a new batch or
  // to stop.
  std::mutex pipe_mu;
  std::condition_variable pipe_cv;
  std::deque<std::shared_ptr<Batch>> pipe_batches;
  std::vector<std::thread> pipe_threads;
  std::vector<std::vector<internal::PreparedDocument>> pipe_spare;
  bool pipe_stop = false;

  // std::mutex rather than absl::Mutex: Debian's Abseil is not built with
  // ThreadSanitizer, which then cannot see absl::Mutex and reports false
  // races (tools/ci/tsan.sh). Guards every member below.
  mutable std::mutex mu;
  internal::DedupIndex index;
  std::string id_arena;           // Document ids, back to back.
  std::vector<uint64_t> id_ends;  // End of each id.
  std::vector<uint8_t> removed;   // 1 per removed doc.
  DedupStats stats;

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
