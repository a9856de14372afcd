// Copyright 2026 The pith Authors.
//
// Pipeline: the public face of the engine (lib/pipeline/engine.h), with a
// Deduplicator as its dedup step.

#include "pith/pipeline.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/dedup_batch.h"
#include "lib/pipeline/batch.h"
#include "lib/pipeline/dedup_stage.h"
#include "lib/pipeline/engine.h"
#include "lib/worker_pool.h"

namespace pith {

PipelineSink::~PipelineSink() = default;
void PipelineSink::Warn(absl::string_view /*message*/) {}
absl::Status PipelineSink::StartInput(const std::string& /*path*/) {
  return absl::OkStatus();
}
absl::Status PipelineSink::EndInput(const std::string& /*path*/) {
  return absl::OkStatus();
}

struct Pipeline::Rep {
  PipelineOptions options;
  const Cleaner* cleaner = nullptr;
  Deduplicator* dedup = nullptr;
  PipelineStats stats;
};

namespace internal {
namespace {

// The dedup step of a Pipeline: a Deduplicator, one DedupBatch per batch.
class DeduplicatorStage : public DedupStage {
 public:
  explicit DeduplicatorStage(Deduplicator* dedup)
      : dedup_(dedup), start_units_(dedup->stats().indexed_units) {}

  std::unique_ptr<DedupStageBatch> StartBatch(
      const PipelineBatch* batch) override {
    return std::make_unique<Batch>(dedup_, batch);
  }

  // Once a part of inputs of known size is decided, sizes the index for all
  // of it, extrapolating the units indexed so far (with a 5% margin): the
  // index then never rehashes its tables as it grows, which would copy them
  // again and again. A wrong guess only costs memory (too high) or leaves
  // the usual growth to go on (too low).
  void Decided(const PipelineBatch& batch, uint64_t known) override {
    for (const Document& d : batch.docs) {
      decided_bytes_ += d.raw.empty() ? d.text.size() : d.raw.size() + 1;
    }
    if (known == 0 || reserved_) return;
    if (decided_bytes_ < std::min<uint64_t>(known / 32, uint64_t{16} << 20)) {
      return;
    }
    reserved_ = true;
    const uint64_t indexed = dedup_->stats().indexed_units - start_units_;
    const double total =
        static_cast<double>(indexed) * 1.05 * static_cast<double>(known) /
        static_cast<double>(std::max<uint64_t>(decided_bytes_, 1));
    dedup_->Reserve(start_units_ + static_cast<size_t>(total));
  }

 private:
  class Batch : public DedupStageBatch {
   public:
    Batch(Deduplicator* dedup, const PipelineBatch* batch)
        : batch_(batch), dedup_(dedup, batch->docs.size()) {}
    void Prepare(size_t i, absl::string_view text) override {
      dedup_.set_document(i, {batch_->docs[i].id, text});
      dedup_.Prepare(i);
    }
    absl::Status Decide(TaskChunks* chunks, WorkerPool* pool,
                        absl::Span<DocumentVerdict> out,
                        size_t* decided) override {
      return dedup_.Decide(chunks, pool, out, decided);
    }
    void BuildText(size_t i, DocumentVerdict* verdict) override {
      dedup_.BuildText(i, verdict);
    }

   private:
    const PipelineBatch* const batch_;
    DedupBatch dedup_;
  };

  Deduplicator* const dedup_;
  const uint64_t start_units_;
  uint64_t decided_bytes_ = 0;
  bool reserved_ = false;
};

}  // namespace
}  // namespace internal

absl::StatusOr<Pipeline> Pipeline::Create(const PipelineOptions& options,
                                          const Cleaner* cleaner,
                                          Deduplicator* dedup) {
  if (options.threads < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("pipeline threads must be >= 0, not ", options.threads));
  }
  if (options.batch_documents == 0 || options.batch_bytes == 0) {
    return absl::InvalidArgumentError(
        "pipeline batch_documents and batch_bytes must be positive");
  }
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  rep->cleaner = cleaner;
  rep->dedup = dedup;
  return Pipeline(std::move(rep));
}

Pipeline::Pipeline(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

namespace {

absl::Status RunWith(const PipelineOptions& options, const Cleaner* cleaner,
                     Deduplicator* dedup, internal::BatchSource* source,
                     PipelineSink* sink, PipelineStats* stats) {
  std::optional<internal::DeduplicatorStage> stage;
  if (dedup != nullptr) stage.emplace(dedup);
  return internal::RunPipelineEngine(
      options, cleaner, stage ? &*stage : nullptr, source, sink, stats);
}

}  // namespace

absl::Status Pipeline::Run(const std::vector<std::string>& inputs,
                           PipelineSink* sink) {
  std::unique_ptr<internal::BatchSource> source =
      internal::FileSource(inputs, rep_->options.reader);
  return RunWith(rep_->options, rep_->cleaner, rep_->dedup, source.get(), sink,
                 &rep_->stats);
}

absl::Status Pipeline::Run(const std::vector<PipelineInput>& inputs,
                           PipelineSink* sink) {
  std::vector<internal::InputPiece> pieces(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    pieces[i].path = inputs[i].path;
    pieces[i].whole = inputs[i].whole;
    pieces[i].begin = inputs[i].begin;
    pieces[i].end = inputs[i].end;
    pieces[i].first_line = inputs[i].first_line;
  }
  std::unique_ptr<internal::BatchSource> source =
      internal::PieceSource(std::move(pieces), rep_->options.reader);
  return RunWith(rep_->options, rep_->cleaner, rep_->dedup, source.get(), sink,
                 &rep_->stats);
}

absl::Status Pipeline::Run(std::vector<Document> documents,
                           PipelineSink* sink) {
  std::unique_ptr<internal::BatchSource> source =
      internal::MemorySource(std::move(documents));
  return RunWith(rep_->options, rep_->cleaner, rep_->dedup, source.get(), sink,
                 &rep_->stats);
}

const PipelineStats& Pipeline::stats() const { return rep_->stats; }

}  // namespace pith
