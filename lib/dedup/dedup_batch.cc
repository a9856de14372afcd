// Copyright 2026 The pith Authors.
//
// Deduplicator batches: AddBatch(), StartBatch() and FinishBatch() sign the
// documents of a batch on many threads and decide them in input order.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/dedup/dedup_index.h"
#include "lib/dedup/dedup_rep.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/units.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/segment.h"

namespace pith {

// The documents of a batch are prepared in any order by whoever claims them
// ("next"), and decided in input order by one thread. "docs[i]" belongs to
// the thread that claimed document i until ready[i] is set.
struct Deduplicator::Rep::Batch {
  Batch(absl::Span<const DedupDocument> batch,
        std::vector<internal::PreparedDocument> buffers)
      : documents(batch),
        n(batch.size()),
        docs(std::move(buffers)),
        ready(new std::atomic<bool>[batch.size()]) {
    if (docs.size() < n) docs.resize(n);
    for (size_t i = 0; i < n; ++i) {
      ready[i].store(false, std::memory_order_relaxed);
    }
  }

  // Prepares the next unclaimed document; false if none is left.
  bool PrepareNext(const Rep& rep, internal::PrepareScratch* scratch) {
    const size_t i = next.fetch_add(1, std::memory_order_relaxed);
    if (i >= n) return false;
    rep.Prepare(documents[i].text, scratch, &docs[i]);
    ready[i].store(true, std::memory_order_release);
    return true;
  }

  // True if some document is unclaimed.
  bool HasWork() const { return next.load(std::memory_order_relaxed) < n; }

  // Leaves the unclaimed documents unprepared and waits for the claimed
  // ones: then no other thread reads the batch's documents.
  void StopPreparing() {
    const size_t claimed =
        std::min(next.exchange(n, std::memory_order_relaxed), n);
    for (size_t i = 0; i < claimed; ++i) {
      while (!ready[i].load(std::memory_order_acquire)) {
        std::this_thread::yield();
      }
    }
  }

  const absl::Span<const DedupDocument> documents;
  const size_t n;
  std::vector<internal::PreparedDocument> docs;  // At least n.
  const std::unique_ptr<std::atomic<bool>[]> ready;
  std::atomic<size_t> next{0};
};

absl::Status Deduplicator::Rep::DecideBatch(
    Batch* batch, bool alone,
    const std::function<bool(internal::PrepareScratch*)>& help,
    DocumentVerdict* out, std::atomic<size_t>* decided_upto, size_t* decided) {
  thread_local internal::PrepareScratch
      scratch;  // The deciding thread's, kept.
  const size_t n = batch->n;
  absl::Status status;
  size_t i = 0;
  std::lock_guard<std::mutex> lock(mu);
  for (; i < n; ++i) {
    while (!batch->ready[i].load(std::memory_order_acquire)) {
      if (!batch->PrepareNext(*this, &scratch) && !(help && help(&scratch))) {
        std::this_thread::yield();
      }
    }
    if (alone && i + 1 < n) batch->PrepareNext(*this, &scratch);
    if (i + 1 < n && batch->ready[i + 1].load(std::memory_order_acquire)) {
      Prefetch(batch->docs[i + 1]);
    }
    status = Decide(batch->documents[i].id, batch->documents[i].text,
                    &batch->docs[i], &out[i]);
    if (!status.ok()) break;
    if (decided_upto != nullptr) {
      decided_upto->store(i + 1, std::memory_order_release);
    }
  }
  *decided = i;
  return status;
}

std::shared_ptr<Deduplicator::Rep::Batch> Deduplicator::Rep::BatchWithWork(
    const Batch* skip) const {
  for (const std::shared_ptr<Batch>& b : pipe_batches) {
    if (b.get() != skip && b->HasWork()) return b;
  }
  return nullptr;
}

void Deduplicator::Rep::PipelineLoop() {
  internal::PrepareScratch scratch;
  std::unique_lock<std::mutex> lock(pipe_mu);
  for (;;) {
    std::shared_ptr<Batch> batch = BatchWithWork(nullptr);
    if (batch == nullptr) {
      if (pipe_stop) return;
      pipe_cv.wait(lock);
      continue;
    }
    lock.unlock();
    while (batch->PrepareNext(*this, &scratch)) {
    }
    batch.reset();
    lock.lock();
  }
}

void Deduplicator::Rep::StopPipeline() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(pipe_mu);
    pipe_stop = true;
    // Batches started and never finished: nothing more is prepared.
    for (const std::shared_ptr<Batch>& b : pipe_batches) {
      b->next.store(b->n, std::memory_order_relaxed);
    }
    threads.swap(pipe_threads);
  }
  pipe_cv.notify_all();
  for (std::thread& t : threads) t.join();
}

absl::Status Deduplicator::AddBatch(absl::Span<const DedupDocument> documents,
                                    std::vector<DocumentVerdict>* verdicts) {
  // The verdicts of the caller's previous batch lend their buffers.
  std::vector<DocumentVerdict> out = std::move(*verdicts);
  verdicts->clear();
  const size_t n = documents.size();
  out.resize(n);
  const size_t workers =
      std::min(n, internal::SigningThreads(rep_->options)) - (n > 0 ? 1 : 0);
  // Prepared-document buffers, reused from batch to batch by the calling
  // thread (fewer allocations).
  thread_local std::vector<internal::PreparedDocument> cached_docs;
  Rep::Batch batch(documents, std::move(cached_docs));
  // Documents are prepared in any order by the workers and by this thread,
  // which decides them in input order as they become ready: deciding
  // overlaps preparing the documents after it. Texts are built in input
  // order behind the decisions: by the workers once nothing is left to
  // prepare (while this thread decides the last documents), then by
  // everyone.
  std::atomic<size_t> decided_upto{0};  // Documents with a verdict.
  std::atomic<bool> deciding{true};
  std::atomic<size_t> next_build{0};
  auto build_decided = [&](bool wait) {
    for (;;) {
      size_t i = next_build.load(std::memory_order_relaxed);
      if (i >= decided_upto.load(std::memory_order_acquire)) {
        if (!wait || !deciding.load(std::memory_order_acquire)) {
          if (i >= decided_upto.load(std::memory_order_acquire)) return;
        } else {
          std::this_thread::yield();
        }
        continue;
      }
      if (next_build.compare_exchange_weak(i, i + 1,
                                           std::memory_order_relaxed)) {
        rep_->BuildText(documents[i].text, batch.docs[i], &out[i]);
      }
    }
  };
  auto work = [&] {
    thread_local internal::PrepareScratch scratch;  // A pool thread's, kept.
    while (batch.PrepareNext(*rep_, &scratch)) {
    }
    build_decided(/*wait=*/true);
  };
  // The pool, unless another AddBatch() holds it: then threads of our own.
  std::unique_lock<std::mutex> pool_lock(rep_->pool_mu, std::try_to_lock);
  std::vector<std::thread> own;
  if (workers > 0) {
    if (pool_lock.owns_lock()) {
      // Extra workers of a pool made for larger batches find nothing to do.
      if (rep_->pool == nullptr || rep_->pool->size() < workers) {
        rep_->pool = nullptr;
        rep_->pool = std::make_unique<internal::WorkerPool>(workers);
      }
      rep_->pool->Start(work);
    } else {
      for (size_t t = 0; t < workers; ++t) own.emplace_back(work);
    }
  }
  size_t decided = 0;
  absl::Status status =
      rep_->DecideBatch(&batch, /*alone=*/workers == 0, nullptr, out.data(),
                        &decided_upto, &decided);
  deciding.store(false, std::memory_order_release);
  // After an error, the rest still gets prepared (and then dropped).
  build_decided(/*wait=*/false);
  if (workers > 0 && pool_lock.owns_lock()) rep_->pool->Wait();
  for (std::thread& t : own) t.join();
  cached_docs = std::move(batch.docs);
  out.resize(decided);
  *verdicts = std::move(out);
  return status;
}

void Deduplicator::StartBatch(absl::Span<const DedupDocument> documents) {
  Rep& rep = *rep_;
  std::unique_lock<std::mutex> lock(rep.pipe_mu);
  std::vector<internal::PreparedDocument> buffers;
  if (!rep.pipe_spare.empty()) {
    buffers = std::move(rep.pipe_spare.back());
    rep.pipe_spare.pop_back();
  }
  rep.pipe_batches.push_back(
      std::make_shared<Rep::Batch>(documents, std::move(buffers)));
  if (rep.pipe_threads.empty()) {  // The first batch (or one thread).
    const size_t workers = internal::SigningThreads(rep.options) - 1;
    for (size_t t = 0; t < workers; ++t) {
      rep.pipe_threads.emplace_back([&rep] { rep.PipelineLoop(); });
    }
  }
  lock.unlock();
  rep.pipe_cv.notify_all();
}

absl::Status Deduplicator::FinishBatch(std::vector<DocumentVerdict>* verdicts) {
  Rep& rep = *rep_;
  std::shared_ptr<Rep::Batch> batch;
  bool alone = false;
  {
    std::lock_guard<std::mutex> lock(rep.pipe_mu);
    if (rep.pipe_batches.empty()) {
      return absl::FailedPreconditionError(
          "FinishBatch() without a started batch");
    }
    batch = rep.pipe_batches.front();
    alone = rep.pipe_threads.empty();
  }
  // The verdicts of the caller's previous batch lend their buffers.
  std::vector<DocumentVerdict> out = std::move(*verdicts);
  verdicts->clear();
  out.resize(batch->n);
  // While a pipeline thread prepares the last documents of this batch,
  // this thread prepares the next batch's.
  auto help = [&rep, &batch](internal::PrepareScratch* scratch) {
    std::shared_ptr<Rep::Batch> later;
    {
      std::lock_guard<std::mutex> lock(rep.pipe_mu);
      later = rep.BatchWithWork(batch.get());
    }
    return later != nullptr && later->PrepareNext(rep, scratch);
  };
  size_t decided = 0;
  absl::Status status = rep.DecideBatch(batch.get(), alone, help, out.data(),
                                        /*decided_upto=*/nullptr, &decided);
  if (!status.ok()) batch->StopPreparing();
  for (size_t i = 0; i < decided; ++i) {
    rep.BuildText(batch->documents[i].text, batch->docs[i], &out[i]);
  }
  {
    std::lock_guard<std::mutex> lock(rep.pipe_mu);
    rep.pipe_batches.pop_front();
    rep.pipe_spare.push_back(std::move(batch->docs));
  }
  out.resize(decided);
  *verdicts = std::move(out);
  return status;
}

}  // namespace pith
