// Copyright 2026 The pith Authors.
//
// A batch of documents on its way through a Deduplicator: each document is
// prepared (split into units, shingled and signed, lib/dedup/dedup_rep.h) on
// any thread, in any order, and then decided in input order, each under the
// Deduplicator's lock, against every document decided before it. Deciding
// is the only sequential step, so the preparing is spread over a
// WorkerPool (lib/worker_pool.h) in TaskChunks.
//
// Deduplicator::AddBatch(), StartBatch() and FinishBatch() are built on it,
// and so is the pipeline (lib/pipeline/), which cleans and prepares each
// chunk of documents in one task.
//
//   internal::DedupBatch batch(&dedup, documents);
//   internal::TaskChunks chunks(batch.size(), ..., [&](size_t b, size_t e) {
//     for (size_t i = b; i < e; ++i) batch.Prepare(i);
//   });
//   chunks.ScheduleAll(&pool);
//   absl::Status s = batch.Decide(&chunks, &pool, verdicts, &decided);
//   chunks.AwaitAll(&pool);
//   for (size_t i = 0; i < decided; ++i) batch.BuildText(i, &verdicts[i]);

#ifndef PITH_LIB_DEDUP_DEDUP_BATCH_H_
#define PITH_LIB_DEDUP_DEDUP_BATCH_H_

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "lib/dedup/dedup_rep.h"
#include "lib/worker_pool.h"
#include "pith/dedup.h"

namespace pith {
namespace internal {

// Not thread-safe but for Prepare() (see there). Not copyable or movable.
class DedupBatch {
 public:
  // A batch of "size" documents for "dedup", which must outlive it. Set each
  // document's views (set_document()) before it is prepared.
  DedupBatch(Deduplicator* dedup, size_t size);
  // A batch of "documents", whose views must outlive it.
  DedupBatch(Deduplicator* dedup, absl::Span<const DedupDocument> documents);
  // Hands the prepared-document buffers back to the Deduplicator, for the
  // next batch.
  ~DedupBatch();

  DedupBatch(const DedupBatch&) = delete;
  DedupBatch& operator=(const DedupBatch&) = delete;

  size_t size() const { return documents_.size(); }

  // Sets the id and text of document "i". REQUIRES: before Prepare(i).
  void set_document(size_t i, const DedupDocument& document) {
    documents_[i] = document;
  }

  // Splits and signs document "i". May run on any thread, concurrently for
  // distinct documents; each document must be prepared once, before
  // Decide() reaches it.
  void Prepare(size_t i);

  // Decides the documents in input order into out[0], out[1], ... (all but
  // their texts), each under the Deduplicator's lock, once "chunks" (whose
  // work prepares the documents, among other things) has run its chunk:
  // TaskChunks::Await() runs it here if no one has taken it yet, or helps
  // "pool" until it has run. A pool without workers prepares the next
  // document's chunk before this one is decided, so that its first lookups
  // load meanwhile. Stops at the first error. Sets "*decided" to the
  // documents decided.
  // REQUIRES: out.size() >= size(), chunks->size() == size()
  absl::Status Decide(TaskChunks* chunks, WorkerPool* pool,
                      absl::Span<DocumentVerdict> out, size_t* decided);

  // Sets verdict->text for document "i", decided into "*verdict". May run
  // on any thread, concurrently for distinct documents.
  void BuildText(size_t i, DocumentVerdict* verdict) const;

 private:
  Deduplicator::Rep* const rep_;
  std::vector<DedupDocument> documents_;
  std::vector<PreparedDocument> prepared_;  // At least size().
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_DEDUP_BATCH_H_
