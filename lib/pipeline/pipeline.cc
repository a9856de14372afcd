// Copyright 2026 The pith Authors.
//
// The engine behind Pipeline::Run(). The calling thread drives the batches
// in order: it takes the next batch from the reader, schedules its chunks
// (clean, then split and sign, per document) on the pool, then decides the
// batch before it (the Deduplicator's sequential step) and posts that one
// to the writer. Reading and writing are Strands on the same pool, so they
// run on whichever thread is free, in order. At most kMaxInFlight batches
// are read and not yet written.

#include "pith/pipeline.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/dedup_batch.h"
#include "lib/pipeline/batch.h"
#include "lib/worker_pool.h"

namespace pith {

PipelineSink::~PipelineSink() = default;
void PipelineSink::Warn(absl::string_view message) { (void)message; }

struct Pipeline::Rep {
  PipelineOptions options;
  const Cleaner* cleaner = nullptr;
  Deduplicator* dedup = nullptr;
  PipelineStats stats;
};

namespace internal {
namespace {

// A chunk of a batch is one task: this many documents or bytes of text
// (cleaning 16 KB takes ~0.2 ms, scheduling a task ~1 us).
constexpr size_t kChunkDocuments = 16;
constexpr size_t kChunkBytes = size_t{16} << 10;

// Batches read and not yet written: one read ahead, one being cleaned and
// signed, one being decided, one being written. On one thread, which does
// one thing at a time: the batch being finished and the next one.
constexpr int kMaxInFlight = 4;
constexpr int kMaxInFlightAlone = 2;

class Engine {
 public:
  Engine(const PipelineOptions& options, const Cleaner* cleaner,
         Deduplicator* dedup, BatchSource* source, PipelineSink* sink,
         PipelineStats* stats)
      : options_(options),
        cleaner_(cleaner),
        dedup_(dedup),
        source_(source),
        sink_(sink),
        stats_(stats),
        pool_(ResolveThreads(options_.threads) - 1),
        reader_(&pool_),
        writer_(&pool_),
        max_in_flight_(pool_.threads() == 0 ? kMaxInFlightAlone
                                            : kMaxInFlight) {
    *stats_ = PipelineStats();
    stats_->threads = ResolveThreads(options_.threads);
    if (dedup_ != nullptr) start_units_ = dedup_->stats().indexed_units;
  }

  absl::Status Run() {
    KickReader();
    std::shared_ptr<PipelineBatch> prev;
    for (;;) {
      std::shared_ptr<PipelineBatch> next = NextBatch();
      if (next != nullptr) Start(next.get());
      if (prev != nullptr) {
        Finish(prev.get());
        writer_.Post([this, prev] { Write(prev); });
      }
      prev = std::move(next);
      if (prev == nullptr) break;
    }
    pool_.HelpUntil([this] { return writer_.idle() && reader_.idle(); });
    return status_;
  }

 private:
  // Reads a batch ahead unless one is being read or enough are in flight.
  void KickReader() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (reading_ || source_done_ || in_flight_ >= max_in_flight_ ||
          failed_.load(std::memory_order_relaxed)) {
        return;
      }
      reading_ = true;
      ++in_flight_;
    }
    reader_.Post([this] { Read(); });
  }

  // The reader's task: reads one batch (into a written one's buffers).
  void Read() {
    std::shared_ptr<PipelineBatch> batch;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!spare_.empty()) {
        batch = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    if (batch == nullptr) batch = std::make_shared<PipelineBatch>();
    source_->Next(options_.batch_documents, options_.batch_bytes, batch.get());
    {
      std::lock_guard<std::mutex> lock(mu_);
      source_done_ = batch->last;
      read_.push_back(std::move(batch));
      reading_ = false;
    }
    pool_.Notify();
    KickReader();
  }

  // The next batch read, or null after the last one or a failure.
  std::shared_ptr<PipelineBatch> NextBatch() {
    pool_.HelpUntil([this] {
      std::lock_guard<std::mutex> lock(mu_);
      return !read_.empty() || source_done_ ||
             failed_.load(std::memory_order_relaxed);
    });
    std::lock_guard<std::mutex> lock(mu_);
    if (read_.empty() || failed_.load(std::memory_order_relaxed)) {
      return nullptr;
    }
    std::shared_ptr<PipelineBatch> batch = std::move(read_.front());
    read_.pop_front();
    return batch;
  }

  // Sets up the stages of "batch" and schedules its chunks.
  void Start(PipelineBatch* batch) {
    const size_t n = batch->docs.size();
    if (cleaner_ != nullptr) {
      batch->cleaned.resize(n);
      batch->clean_status.resize(n);
    }
    if (dedup_ != nullptr) {
      batch->dedup = std::make_unique<DedupBatch>(dedup_, n);
      batch->verdicts.resize(n);
    }
    batch->chunks = std::make_unique<TaskChunks>(
        n, [batch](size_t i) { return batch->docs[i].text.size(); },
        kChunkDocuments, kChunkBytes,
        [this, batch](size_t begin, size_t end) {
          for (size_t i = begin; i < end; ++i) Prepare(batch, i);
        });
    if (pool_.threads() > 0) batch->chunks->ScheduleAll(&pool_);
  }

  // Cleans document "i" of "batch" and prepares it for the Deduplicator.
  void Prepare(PipelineBatch* batch, size_t i) {
    const Document& doc = batch->docs[i];
    absl::string_view text = doc.text;
    if (cleaner_ != nullptr) {
      absl::Status& status = batch->clean_status[i];
      CleanResult& result = batch->cleaned[i];
      status = cleaner_->Clean(doc.text, &result);
      text = !status.ok() || result.rejected ? absl::string_view()
                                             : absl::string_view(result.text);
    }
    if (dedup_ != nullptr) {
      batch->dedup->set_document(i, {doc.id, text});
      batch->dedup->Prepare(i);
    }
  }

  // Waits for the chunks of "batch" (helping), deciding its documents in
  // order as they are prepared if there is a Deduplicator.
  void Finish(PipelineBatch* batch) {
    TaskChunks& chunks = *batch->chunks;
    if (failed_.load(std::memory_order_relaxed)) {
      chunks.Cancel();
    } else if (dedup_ != nullptr) {
      batch->decide_status = batch->dedup->Decide(
          &chunks, &pool_, absl::MakeSpan(batch->verdicts), &batch->decided);
      if (!batch->decide_status.ok()) chunks.Cancel();
      MaybeReserve(batch);
    }
    chunks.AwaitAll(&pool_);
  }

  // Once a part of inputs of known size is decided, sizes the index for all
  // of it, extrapolating the units indexed so far (with a 5% margin): the
  // index then never rehashes its tables as it grows, which would copy them
  // again and again. A wrong guess only costs memory (too high) or leaves
  // the usual growth to go on (too low).
  void MaybeReserve(const PipelineBatch* batch) {
    for (const Document& d : batch->docs) {
      decided_bytes_ += d.raw.empty() ? d.text.size() : d.raw.size() + 1;
    }
    const uint64_t known = source_->known_bytes();
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

  // The writer's task: hands the results of "batch" to the sink, then
  // keeps the batch's buffers for a batch to come.
  void Write(const std::shared_ptr<PipelineBatch>& batch) {
    if (!failed_.load(std::memory_order_relaxed)) {
      absl::Status status = Consume(batch.get());
      if (!status.ok()) {
        status_ = std::move(status);
        failed_.store(true, std::memory_order_relaxed);
      }
    }
    batch->Recycle();
    {
      std::lock_guard<std::mutex> lock(mu_);
      --in_flight_;
      spare_.push_back(batch);
    }
    KickReader();
    pool_.Notify();
  }

  absl::Status Consume(PipelineBatch* batch) {
    const bool text_mode = options_.reader.format == DocumentFormat::kText;
    size_t warning = 0;
    for (size_t i = 0; i < batch->docs.size(); ++i) {
      for (; warning < batch->warnings.size() &&
             batch->warnings[warning].first == i;
           ++warning) {
        sink_->Warn(batch->warnings[warning].second);
      }
      const Document& doc = batch->docs[i];
      PipelineDocument out;
      out.document = &doc;
      out.text = doc.text;
      out.unchanged = true;
      ++stats_->documents;
      stats_->text_bytes += static_cast<int64_t>(doc.text.size());
      if (cleaner_ != nullptr) {
        const absl::Status& status = batch->clean_status[i];
        if (!status.ok()) {
          return absl::Status(
              status.code(),
              absl::StrCat(doc.source, ":", doc.line, ": ", status.message()));
        }
        const CleanResult& r = batch->cleaned[i];
        out.clean = &r;
        CountRemovals(r);
        if (r.rejected) {
          out.rejected = true;
          out.unchanged = false;
          out.text = absl::string_view();
        } else if (!r.unchanged) {
          out.unchanged = false;
          out.text = r.text;
        }
      }
      if (dedup_ != nullptr) {
        if (i >= batch->decided) return batch->decide_status;
        DocumentVerdict& v = batch->verdicts[i];
        out.dedup = &v;
        if (v.duplicates > 0) {
          batch->dedup->BuildText(i, &v);
          out.text = v.text;
          out.unchanged = false;
          stats_->units_removed += v.duplicates;
        }
        if (cleaner_ == nullptr && text_mode) {
          out.line_offset = std::max<int64_t>(0, doc.line - 1);
        }
        if (doc.part == 0 && !seen_ids_.insert(doc.id).second) {
          ++stats_->repeated_ids;
        }
      }
      absl::Status status = sink_->Consume(out);
      if (!status.ok()) return status;
    }
    for (; warning < batch->warnings.size(); ++warning) {
      sink_->Warn(batch->warnings[warning].second);
    }
    stats_->input_bytes += batch->input_bytes;
    stats_->skipped_lines += batch->skipped_lines;
    return batch->read_status;
  }

  void CountRemovals(const CleanResult& r) {
    stats_->lines_removed += static_cast<int64_t>(r.removals.size());
    for (const Removal& removal : r.removals)
      ++stats_->removed_by[removal.reason];
    if (r.rejected) {
      ++stats_->rejected;
      ++stats_->rejected_by[r.reject_rule];
    }
  }

  const PipelineOptions& options_;
  const Cleaner* const cleaner_;
  Deduplicator* const dedup_;
  BatchSource* const source_;
  PipelineSink* const sink_;
  PipelineStats* const stats_;

  WorkerPool pool_;
  Strand reader_;
  Strand writer_;
  const int max_in_flight_;

  std::mutex mu_;  // Guards the members up to failed_.
  std::deque<std::shared_ptr<PipelineBatch>> read_;
  std::vector<std::shared_ptr<PipelineBatch>> spare_;  // Written, reusable.
  bool reading_ = false;
  bool source_done_ = false;
  int in_flight_ = 0;  // Batches being read or read and not yet written.
  std::atomic<bool> failed_{false};

  absl::Status status_;  // The writer's: the first error in input order.
  absl::flat_hash_set<std::string> seen_ids_;  // The writer's.

  // The calling thread's (MaybeReserve()).
  uint64_t start_units_ = 0;
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

absl::Status Pipeline::Run(const std::vector<std::string>& inputs,
                           PipelineSink* sink) {
  std::unique_ptr<internal::BatchSource> source =
      internal::FileSource(inputs, rep_->options.reader);
  return internal::Engine(rep_->options, rep_->cleaner, rep_->dedup,
                          source.get(), sink, &rep_->stats)
      .Run();
}

absl::Status Pipeline::Run(std::vector<Document> documents,
                           PipelineSink* sink) {
  std::unique_ptr<internal::BatchSource> source =
      internal::MemorySource(std::move(documents));
  return internal::Engine(rep_->options, rep_->cleaner, rep_->dedup,
                          source.get(), sink, &rep_->stats)
      .Run();
}

const PipelineStats& Pipeline::stats() const { return rep_->stats; }

}  // namespace pith
