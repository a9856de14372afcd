// Copyright 2026 The pith Authors.
//
// The engine behind Pipeline::Run() (and the staged dedup's sign and apply
// stages). The calling thread drives the batches in order: it takes the
// next batch from the reader, schedules its chunks (clean, then the dedup
// step's Prepare(), per document) on the pool, then decides the batch
// before it (the dedup step's sequential Decide()) and posts that one to
// the writer. Reading and writing are Strands on the same pool, so they run
// on whichever thread is free, in order. At most kMaxInFlight batches are
// read and not yet written.

#include "lib/pipeline/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/pipeline/batch.h"
#include "lib/worker_pool.h"

namespace pith {
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
         DedupStage* dedup, BatchSource* source, PipelineSink* sink,
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
      batch->dedup = dedup_->StartBatch(batch);
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
    if (dedup_ != nullptr) batch->dedup->Prepare(i, text);
  }

  // Waits for the chunks of "batch" (helping), deciding its documents in
  // order as they are prepared if there is a dedup step.
  void Finish(PipelineBatch* batch) {
    TaskChunks& chunks = *batch->chunks;
    if (failed_.load(std::memory_order_relaxed)) {
      chunks.Cancel();
    } else if (dedup_ != nullptr) {
      batch->decide_status = batch->dedup->Decide(
          &chunks, &pool_, absl::MakeSpan(batch->verdicts), &batch->decided);
      if (!batch->decide_status.ok()) chunks.Cancel();
      dedup_->Decided(*batch, source_->known_bytes());
    }
    chunks.AwaitAll(&pool_);
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
    size_t event = 0;
    absl::Status status;
    for (size_t i = 0; i < batch->docs.size(); ++i) {
      status = Events(batch, i, &event);
      if (!status.ok()) return status;
      const Document& doc = batch->docs[i];
      progress_.input_bytes += static_cast<int64_t>(
          doc.raw.empty() ? doc.text.size() : doc.raw.size() + 1);
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
      status = sink_->Consume(out);
      if (!status.ok()) return status;
    }
    status = Events(batch, batch->docs.size(), &event);
    if (!status.ok()) return status;
    stats_->input_bytes += batch->input_bytes;
    stats_->skipped_lines += batch->skipped_lines;
    stats_->utf8_replacements += batch->utf8_replacements;
    Progress(/*last=*/batch->last);
    return batch->read_status;
  }

  // Passes on the events of "batch" from "*next" on that come before its
  // document "position".
  absl::Status Events(const PipelineBatch* batch, size_t position,
                      size_t* next) {
    for (; *next < batch->events.size() &&
           batch->events[*next].position <= position;
         ++*next) {
      const BatchEvent& e = batch->events[*next];
      absl::Status s;
      switch (e.kind) {
        case BatchEvent::kWarning:
          sink_->Warn(e.text);
          break;
        case BatchEvent::kInputStart:
          s = sink_->StartInput(e.text);
          break;
        case BatchEvent::kInputEnd:
          s = sink_->EndInput(e.text);
          break;
      }
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }

  // Reports progress, at most every progress_interval seconds, and always
  // with "last".
  void Progress(bool last) {
    if (!options_.progress) return;
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    if (!last && seconds < next_progress_) return;
    next_progress_ = seconds + options_.progress_interval;
    progress_.total_bytes = source_->known_bytes();
    progress_.documents = stats_->documents;
    progress_.lines_removed = stats_->lines_removed;
    progress_.units_removed = stats_->units_removed;
    progress_.seconds = seconds;
    progress_.done = last;
    options_.progress(progress_);
  }

  void CountRemovals(const CleanResult& r) {
    stats_->lines_removed += static_cast<int64_t>(r.removals.size());
    // Removals come in runs of one reason (a comment thread, a teaser
    // list): one map lookup per run, not per line.
    auto& by = stats_->removed_by;
    auto last = by.end();
    for (const Removal& removal : r.removals) {
      if (last == by.end() || last->first != removal.reason) {
        last = by.try_emplace(removal.reason).first;
      }
      ++last->second;
    }
    if (r.rejected) {
      ++stats_->rejected;
      ++stats_->rejected_by[r.reject_rule];
    }
  }

  const PipelineOptions& options_;
  const Cleaner* const cleaner_;
  DedupStage* const dedup_;
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

  // The writer's: the first error in input order, the ids seen, progress.
  absl::Status status_;
  absl::flat_hash_set<std::string> seen_ids_;
  PipelineProgress progress_;
  const std::chrono::steady_clock::time_point start_ =
      std::chrono::steady_clock::now();
  double next_progress_ = 0;
};

}  // namespace

absl::Status RunPipelineEngine(const PipelineOptions& options,
                               const Cleaner* cleaner, DedupStage* dedup,
                               BatchSource* source, PipelineSink* sink,
                               PipelineStats* stats) {
  return Engine(options, cleaner, dedup, source, sink, stats).Run();
}

}  // namespace internal
}  // namespace pith
