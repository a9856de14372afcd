// Copyright 2026 The pith Authors.
//
// What the pipeline engine (lib/pipeline/engine.h) runs after cleaning:
// the dedup step, batch by batch. A Pipeline runs a Deduplicator through it
// (pipeline.cc). The Sign and Apply stages of a StagedDedup
// (pith/staged_dedup.h) are Pipeline runs too, whose Deduplicator decides
// through a UnitDecider (lib/dedup/dedup_rep.h), so that reading, cleaning,
// ordering, warnings, the counts and the writing are the very code of
// "pith dedup" and "pith run".
//
// Per batch, the engine calls Prepare(i) for each document on any thread
// (once it is cleaned), then Decide() once on the thread that drives the
// batches (it goes through the documents in order, awaiting each one's
// chunk), then BuildText(i) for each decided document with duplicates, as
// it hands the batch to the sink.

#ifndef PITH_LIB_PIPELINE_DEDUP_STAGE_H_
#define PITH_LIB_PIPELINE_DEDUP_STAGE_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/worker_pool.h"
#include "pith/dedup.h"

namespace pith {
namespace internal {

struct PipelineBatch;  // lib/pipeline/batch.h

// The dedup step of one batch. Prepare() is thread-safe for distinct
// documents; the rest is called by one thread at a time.
class DedupStageBatch {
 public:
  virtual ~DedupStageBatch() = default;

  // Prepares document "i" of the batch, whose text to deduplicate is "text"
  // (its cleaned text with a Cleaner; empty for a rejected document). The
  // view stays valid until the batch is recycled.
  virtual void Prepare(size_t i, absl::string_view text) = 0;

  // Decides the documents in input order into out[0], out[1], ... (all but
  // their texts), as DedupBatch::Decide() does; "chunks" prepares them.
  // Sets "*decided" to the documents decided; stops at the first error.
  virtual absl::Status Decide(TaskChunks* chunks, WorkerPool* pool,
                              absl::Span<DocumentVerdict> out,
                              size_t* decided) = 0;

  // Sets verdict->text for document "i" (decided into "*verdict", with
  // duplicates). May run on any thread.
  virtual void BuildText(size_t i, DocumentVerdict* verdict) = 0;
};

// Makes the dedup step of each batch of a run.
class DedupStage {
 public:
  virtual ~DedupStage() = default;

  // The dedup step of "batch" (whose documents are read and stay put until
  // it is recycled).
  virtual std::unique_ptr<DedupStageBatch> StartBatch(
      const PipelineBatch* batch) = 0;

  // Called once "batch" is decided, with the total size of the inputs if
  // it is known (else 0).
  virtual void Decided(const PipelineBatch& /*batch*/,
                       uint64_t /*known_bytes*/) {}
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_PIPELINE_DEDUP_STAGE_H_
