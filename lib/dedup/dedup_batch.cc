// Copyright 2026 The pith Authors.
//
// DedupBatch, and Deduplicator::AddBatch(), StartBatch() and FinishBatch()
// on the Deduplicator's worker pool.

#include "lib/dedup/dedup_batch.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "lib/dedup/dedup_rep.h"
#include "lib/worker_pool.h"
#include "pith/dedup.h"

namespace pith {
namespace internal {
namespace {

// A chunk of documents to prepare is a task of its own once it holds this
// many documents or bytes: small enough that the deciding thread rarely
// waits for the end of a long chunk, large enough that scheduling costs
// nothing next to preparing (~1 us a task against ~100 us a chunk).
constexpr size_t kChunkDocuments = 16;
constexpr size_t kChunkBytes = size_t{16} << 10;

}  // namespace

// A batch started by StartBatch() and not yet finished.
struct StartedBatch {
  StartedBatch(Deduplicator* dedup, absl::Span<const DedupDocument> documents)
      : batch(dedup, documents),
        chunks(
            documents.size(),
            [documents](size_t i) { return documents[i].text.size(); },
            kChunkDocuments, kChunkBytes,
            [this](size_t begin, size_t end) {
              for (size_t i = begin; i < end; ++i) batch.Prepare(i);
            }) {}
  DedupBatch batch;
  TaskChunks chunks;
};

DedupBatch::DedupBatch(Deduplicator* dedup, size_t size)
    : rep_(dedup->rep_.get()), documents_(size) {
  {
    std::lock_guard<std::mutex> lock(rep_->batch_mu);
    if (!rep_->spare.empty()) {
      prepared_ = std::move(rep_->spare.back());
      rep_->spare.pop_back();
    }
  }
  if (prepared_.size() < size) prepared_.resize(size);
}

DedupBatch::DedupBatch(Deduplicator* dedup,
                       absl::Span<const DedupDocument> documents)
    : DedupBatch(dedup, documents.size()) {
  std::copy(documents.begin(), documents.end(), documents_.begin());
}

DedupBatch::~DedupBatch() {
  std::lock_guard<std::mutex> lock(rep_->batch_mu);
  // Two sets of buffers cover a batch being filled and one being decided.
  if (rep_->spare.size() < 2) rep_->spare.push_back(std::move(prepared_));
}

void DedupBatch::Prepare(size_t i) {
  thread_local PrepareScratch scratch;  // Each thread's, kept.
  rep_->Prepare(documents_[i].text, &scratch, &prepared_[i]);
}

absl::Status DedupBatch::Decide(TaskChunks* chunks, WorkerPool* pool,
                                absl::Span<DocumentVerdict> out,
                                size_t* decided) {
  const size_t n = documents_.size();
  const bool alone = pool->threads() == 0;
  absl::Status status;
  size_t i = 0;
  for (; i < n; ++i) {
    chunks->Await(i, pool);
    // Alone, the next document is prepared before this one is decided, so
    // that its first lookups load while this one is decided.
    if (alone && i + 1 < n) chunks->Await(i + 1, pool);
    const bool next_ready = i + 1 < n && chunks->done(i + 1);
    std::lock_guard<std::mutex> lock(rep_->mu);
    if (next_ready) rep_->Prefetch(prepared_[i + 1]);
    status = rep_->Decide(documents_[i].id, &prepared_[i], &out[i]);
    if (!status.ok()) break;
  }
  *decided = i;
  return status;
}

void DedupBatch::BuildText(size_t i, DocumentVerdict* verdict) const {
  rep_->BuildText(documents_[i].text, prepared_[i], verdict);
}

}  // namespace internal

internal::WorkerPool* Deduplicator::Rep::Pool() {
  std::lock_guard<std::mutex> lock(batch_mu);
  if (pool == nullptr) {
    pool = std::make_unique<internal::WorkerPool>(
        internal::ResolveThreads(options.threads) - 1);
  }
  return pool.get();
}

Deduplicator::Rep::~Rep() {
  // Batches started and never finished: what is not prepared yet never is.
  for (std::shared_ptr<internal::StartedBatch>& b : started) {
    b->chunks.Cancel();
    b->chunks.AwaitAll(pool.get());
  }
  started.clear();
}

namespace {

// Sets verdicts[i].text for the "decided" documents of "batch", spread over
// "pool".
void BuildTexts(const internal::DedupBatch& batch, size_t decided,
                internal::WorkerPool* pool,
                std::vector<DocumentVerdict>* verdicts) {
  internal::TaskChunks texts(
      decided, [verdicts](size_t i) { return (*verdicts)[i].units.size(); },
      internal::kChunkDocuments * 4, size_t{1} << 30,
      [&batch, verdicts](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          batch.BuildText(i, &(*verdicts)[i]);
        }
      });
  if (pool->threads() > 0) texts.ScheduleAll(pool);
  texts.AwaitAll(pool);
}

}  // namespace

absl::Status Deduplicator::AddBatch(absl::Span<const DedupDocument> documents,
                                    std::vector<DocumentVerdict>* verdicts) {
  internal::WorkerPool* pool = rep_->Pool();
  // The verdicts of the caller's previous batch lend their buffers.
  std::vector<DocumentVerdict> out = std::move(*verdicts);
  verdicts->clear();
  out.resize(documents.size());
  internal::StartedBatch b(this, documents);
  if (pool->threads() > 0) b.chunks.ScheduleAll(pool);
  size_t decided = 0;
  absl::Status status =
      b.batch.Decide(&b.chunks, pool, absl::MakeSpan(out), &decided);
  // After an error, what is not prepared yet never is.
  b.chunks.Cancel();
  b.chunks.AwaitAll(pool);
  out.resize(decided);
  BuildTexts(b.batch, decided, pool, &out);
  *verdicts = std::move(out);
  return status;
}

void Deduplicator::StartBatch(absl::Span<const DedupDocument> documents) {
  internal::WorkerPool* pool = rep_->Pool();
  auto b = std::make_shared<internal::StartedBatch>(this, documents);
  if (pool->threads() > 0) b->chunks.ScheduleAll(pool);
  std::lock_guard<std::mutex> lock(rep_->batch_mu);
  rep_->started.push_back(std::move(b));
}

absl::Status Deduplicator::FinishBatch(std::vector<DocumentVerdict>* verdicts) {
  internal::WorkerPool* pool = rep_->Pool();
  std::shared_ptr<internal::StartedBatch> b;
  {
    std::lock_guard<std::mutex> lock(rep_->batch_mu);
    if (rep_->started.empty()) {
      return absl::FailedPreconditionError(
          "FinishBatch() without a started batch");
    }
    b = std::move(rep_->started.front());
    rep_->started.pop_front();
  }
  std::vector<DocumentVerdict> out = std::move(*verdicts);
  verdicts->clear();
  out.resize(b->batch.size());
  size_t decided = 0;
  // While this batch's last chunks are prepared elsewhere, this thread
  // helps with the next batch's (the pool runs them after this batch's).
  absl::Status status =
      b->batch.Decide(&b->chunks, pool, absl::MakeSpan(out), &decided);
  b->chunks.Cancel();
  b->chunks.AwaitAll(pool);
  out.resize(decided);
  BuildTexts(b->batch, decided, pool, &out);
  *verdicts = std::move(out);
  return status;
}

}  // namespace pith
