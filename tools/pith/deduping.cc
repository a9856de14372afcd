// Copyright 2026 The pith Authors.

#include "deduping.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clean_pipeline.h"
#include "cleaning.h"
#include "documents.h"
#include "output_paths.h"
#include "pith/io.h"

namespace pith {
namespace cli {
namespace {

// A batch is decided once it holds this many documents or bytes. Small
// batches keep the reader, the deciding thread and the writer in step: in
// alternating runs on 2 cores (200 MB of pages), dedup -j2 was ~8% faster
// with 1 MiB batches than with 4 MiB, 16 MiB ~20% slower, and 512 KiB and
// 2 MiB between; -j1 the same within noise.
constexpr size_t kBatchDocuments = 8192;
constexpr size_t kBatchBytes = size_t{1} << 20;

// Returns the total size of "inputs" if every one is a regular file that is
// not zstd-compressed, else 0 (unknown: stdin, a pipe, compressed data).
uint64_t KnownInputBytes(const std::vector<std::string>& inputs) {
  uint64_t total = 0;
  for (const std::string& path : inputs) {
    std::error_code error;
    if (path == "-" || !std::filesystem::is_regular_file(path, error)) {
      return 0;
    }
    const uint64_t size = std::filesystem::file_size(path, error);
    if (error) return 0;
    unsigned char magic[4] = {0, 0, 0, 0};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(magic), sizeof(magic));
    if (magic[0] == 0x28 && magic[1] == 0xB5 && magic[2] == 0x2F &&
        magic[3] == 0xFD) {
      return 0;
    }
    total += size;
  }
  return total;
}

// One document of the current batch.
struct Pending {
  Document doc;
  std::string text;       // The text to deduplicate (cleaned for "run").
  bool rejected = false;  // "run": a reject rule matched.
};

class Runner {
 public:
  Runner(const Args& args, const ReaderOptions& reader_options,
         const DedupOptions& options, const Cleaner* cleaner,
         Deduplicator dedup, OutputFile* out, OutputFile* report)
      : text_mode_(reader_options.format == DocumentFormat::kText),
        threads_(options.threads > 0
                     ? options.threads
                     : static_cast<int>(
                           std::max(1u, std::thread::hardware_concurrency()))),
        drop_rejected_(args.Has("drop-rejected")),
        cleaner_(cleaner),
        dedup_(std::move(dedup)),
        writer_(out, reader_options.format),
        report_(report) {
    if (cleaner_ != nullptr && threads_ >= 2) {
      pipeline_ = std::make_unique<CleanPipeline>(*cleaner_, threads_);
    }
  }

  const Deduplicator& dedup() const { return dedup_; }

  // Adds "*doc" (taking its contents) to the batch, cleaned first for
  // "run"; decides and writes the batch when it is full. Returns an exit
  // code.
  int Add(Document* doc) {
    if (cleaner_ == nullptr) {
      Pending& p = Enqueue(doc);
      p.text = std::move(p.doc.text);
      return FlushIfFull();
    }
    if (pipeline_ == nullptr) {  // One thread: clean here.
      using std::swap;
      swap(inline_item_.doc, *doc);
      inline_item_.status =
          cleaner_->Clean(inline_item_.doc.text, &inline_item_.result);
      return AddCleaned(&inline_item_);
    }
    // Workers clean the documents read since, while this thread decides
    // and writes the ones cleaned before; their memos of rule matches stay
    // warm from batch to batch.
    pipeline_->Add(doc);
    return TakeCleaned(/*finish=*/false);
  }

  // Decides and writes what is left. Call once, after the last Add().
  int Finish() {
    if (pipeline_ != nullptr) {
      int code = TakeCleaned(/*finish=*/true);
      if (code != kExitOk) return code;
    }
    int code = Flush();
    while (code == kExitOk && !started_.empty()) code = FinishOldest();
    return code;
  }

  // Decides and writes the documents of the batch. With threads_ >= 2 the
  // batch is started and the one started before it finished: the helpers
  // sign this one while that one is decided and handed to the writer.
  int Flush() {
    if (batch_.empty()) return kExitOk;
    if (threads_ < 2) {
      absl::Status s = dedup_.AddBatch(Views(batch_), &verdicts_);
      if (!s.ok()) {
        PrintError(s.message());
        return kExitData;
      }
      Decided(batch_.size(), raw_bytes_in_);
      const int code = WriteBatch(&batch_, verdicts_);
      batch_.clear();
      batch_bytes_ = 0;
      return code;
    }
    Started& started = started_.emplace_back();
    started.batch.swap(batch_);
    started.raw_bytes_in = raw_bytes_in_;
    started.docs = Views(started.batch);
    dedup_.StartBatch(started.docs);
    batch_bytes_ = 0;
    return started_.size() > 1 ? FinishOldest() : kExitOk;
  }

  // Finishes the oldest started batch and hands it to the writer.
  int FinishOldest() {
    Started& oldest = started_.front();
    absl::Status s = dedup_.FinishBatch(&verdicts_);
    if (!s.ok()) {
      PrintError(s.message());
      return kExitData;
    }
    Decided(oldest.batch.size(), oldest.raw_bytes_in);
    const int code = SubmitWrite(&oldest.batch);
    started_.pop_front();
    return code;
  }

  // The (id, text) views of "batch" that the Deduplicator takes.
  static std::vector<DedupDocument> Views(const std::vector<Pending>& batch) {
    std::vector<DedupDocument> docs;
    docs.reserve(batch.size());
    for (const Pending& p : batch) docs.push_back({p.doc.id, p.text});
    return docs;
  }

  // Counts a decided batch of "size" documents, full once raw_bytes_in_
  // was "raw_bytes_in", and sizes the index (MaybeReserve()).
  void Decided(size_t size, int64_t raw_bytes_in) {
    documents_ += static_cast<int64_t>(size);
    MaybeReserve(raw_bytes_in);
  }

  // Waits until every batch is written. Returns the exit code of the
  // writes. Call once, after Finish().
  int FinishWrites() {
    if (!write_thread_.joinable()) return write_code_;
    {
      std::unique_lock<std::mutex> lock(write_mu_);
      write_cv_.wait(lock, [&] { return !write_pending_ && !write_busy_; });
      write_done_ = true;
    }
    write_cv_.notify_all();
    write_thread_.join();
    return write_code_;
  }

  ~Runner() { FinishWrites(); }

  void PrintStats(double seconds, int64_t utf8_replacements) const {
    const DedupStats s = dedup_.stats();
    const LshParams& lsh = dedup_.lsh_params();
    std::string out;
    absl::StrAppendFormat(&out, "documents         %d\n", documents_);
    if (cleaner_ != nullptr) {
      absl::StrAppendFormat(&out, "rejected          %d\n", rejected_);
      absl::StrAppendFormat(&out, "lines cleaned     %d\n", lines_cleaned_);
    }
    absl::StrAppendFormat(&out, "repeated ids      %d\n", repeated_ids_);
    absl::StrAppendFormat(&out, "utf-8 replaced    %d\n", utf8_replacements);
    absl::StrAppendFormat(&out, "units             %d\n", s.units);
    absl::StrAppendFormat(&out, "short units       %d\n", s.short_units);
    absl::StrAppendFormat(&out, "indexed units     %d\n", s.indexed_units);
    absl::StrAppendFormat(&out, "exact duplicates  %d\n", s.exact_duplicates);
    absl::StrAppendFormat(&out, "near duplicates   %d\n", s.near_duplicates);
    absl::StrAppendFormat(&out, "candidates        %d\n", s.candidates);
    absl::StrAppendFormat(&out, "capped queries    %d\n", s.capped_queries);
    absl::StrAppendFormat(&out, "bytes in          %d\n", bytes_in_);
    absl::StrAppendFormat(&out, "bytes out         %d\n", bytes_out_);
    absl::StrAppendFormat(&out, "lsh               %d bands x %d rows\n",
                          lsh.bands, lsh.rows);
    absl::StrAppendFormat(&out, "index memory      %d bytes (%.1f per unit)\n",
                          s.memory_bytes, s.bytes_per_indexed_unit());
    absl::StrAppendFormat(&out, "time              %.3f s (%.1f MB/s)\n",
                          seconds,
                          seconds > 0 ? bytes_in_ / seconds / 1e6 : 0.0);
    std::fputs(out.c_str(), stderr);
  }

  // Sets the size of the inputs (0 if unknown), so that the index can be
  // sized once for all of it (see MaybeReserve()).
  void set_input_bytes(uint64_t bytes) {
    input_bytes_ = bytes;
    start_units_ = dedup_.stats().indexed_units;
  }

  int64_t repeated_ids() const { return repeated_ids_; }
  int threads() const { return threads_; }

 private:
  // Writes the kept text of "batch" and its report records. Returns an
  // exit code (and prints the error). With threads_ >= 2 it runs on the
  // write thread, the only one then to touch the output, the report,
  // line_base_, removed_units_ and bytes_out_.
  int WriteBatch(std::vector<Pending>* batch,
                 const std::vector<DocumentVerdict>& verdicts) {
    std::string record;
    for (size_t i = 0; i < batch->size(); ++i) {
      Pending& p = (*batch)[i];
      const DocumentVerdict& v = verdicts[i];
      // Text mode, "dedup": lines count from the start of the file, across
      // pieces of a long input. Otherwise from the start of the text.
      const int64_t base =
          text_mode_ && cleaner_ == nullptr ? p.doc.line - 1 : 0;
      if (text_mode_) line_base_.push_back(base);
      record.clear();
      for (const UnitVerdict& u : v.units) {
        if (!u.duplicate) continue;
        ++removed_units_;
        if (report_ == nullptr) continue;
        const int64_t other_base =
            text_mode_ ? line_base_[u.duplicate_of_doc] : 0;
        record.append("{\"doc\": ");
        AppendJsonString(p.doc.id, &record);
        absl::StrAppend(&record, ", \"line\": ", base + u.line,
                        ", \"duplicate_of\": {\"doc\": ");
        AppendJsonString(u.duplicate_of_id, &record);
        absl::StrAppend(
            &record, ", \"line\": ", other_base + u.duplicate_of_line,
            "}, \"similarity\": ", absl::StrFormat("%.4f", u.similarity),
            "}\n");
      }
      if (!record.empty()) {
        absl::Status s = report_->Write(record);
        if (!s.ok()) {
          PrintError(s.message());
          return kExitIo;
        }
      }
      if (p.rejected && (text_mode_ || drop_rejected_)) continue;
      bytes_out_ += v.text.size();
      // The writer copies a JSONL line as it was when the text is the
      // document's own, so the document must hold its text again (Flush()
      // moved it out): else a document left empty would compare equal to
      // the moved-from text and be written whole.
      if (cleaner_ == nullptr) p.doc.text.swap(p.text);
      absl::Status s = writer_.Write(p.doc, v.text);
      if (!s.ok()) {
        PrintError(s.message());
        return kExitIo;
      }
    }
    return kExitOk;
  }

  // Once a part of inputs of known size is read, sizes the index for all of
  // it, extrapolating the units indexed so far (with a 5% margin): the
  // index then never rehashes its tables as it grows, which would copy them
  // again and again. A wrong guess only costs memory (too high) or leaves
  // the usual growth to go on (too low).
  // "raw_bytes_in": raw_bytes_in_ when the batch just decided was full.
  void MaybeReserve(int64_t raw_bytes_in) {
    if (input_bytes_ == 0 || reserved_) return;
    const uint64_t seen = static_cast<uint64_t>(raw_bytes_in);
    if (seen < std::min<uint64_t>(input_bytes_ / 32, uint64_t{16} << 20)) {
      return;
    }
    reserved_ = true;
    const uint64_t indexed = dedup_.stats().indexed_units - start_units_;
    const double total = static_cast<double>(indexed) * 1.05 *
                         static_cast<double>(input_bytes_) /
                         static_cast<double>(std::max<uint64_t>(seen, 1));
    dedup_.Reserve(start_units_ + static_cast<size_t>(total));
  }

  // Hands "*batch" and verdicts_ to the write thread (started on first
  // use), waiting while it still holds an unwritten batch, so that writing
  // one batch overlaps deciding the next. Returns the code of earlier
  // writes.
  int SubmitWrite(std::vector<Pending>* batch) {
    if (!write_thread_.joinable()) {
      write_thread_ = std::thread([this] { WriteLoop(); });
    }
    {
      std::unique_lock<std::mutex> lock(write_mu_);
      write_cv_.wait(lock, [&] { return !write_pending_; });
      if (write_code_ != kExitOk) return write_code_;
      std::swap(write_batch_, *batch);
      std::swap(write_verdicts_, verdicts_);
      write_pending_ = true;
    }
    write_cv_.notify_all();
    return kExitOk;
  }

  void WriteLoop() {
    std::vector<Pending> batch;
    std::vector<DocumentVerdict> verdicts;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(write_mu_);
        write_cv_.wait(lock, [&] { return write_pending_ || write_done_; });
        if (!write_pending_) return;
        std::swap(batch, write_batch_);
        std::swap(verdicts, write_verdicts_);
        write_pending_ = false;
        write_busy_ = true;
      }
      write_cv_.notify_all();
      int code = write_code_;
      if (code == kExitOk) code = WriteBatch(&batch, verdicts);
      batch.clear();
      {
        std::lock_guard<std::mutex> lock(write_mu_);
        write_code_ = code;
        write_busy_ = false;
      }
      write_cv_.notify_all();
    }
  }

  // Adds a document to batch_ (taking its contents) and counts it.
  Pending& Enqueue(Document* doc) {
    Pending& p = batch_.emplace_back();
    std::swap(p.doc, *doc);
    batch_bytes_ += p.doc.text.size();
    bytes_in_ += p.doc.text.size();
    raw_bytes_in_ +=
        p.doc.raw.empty() ? p.doc.text.size() : p.doc.raw.size() + 1;
    if (p.doc.part == 0 && !seen_ids_.insert(p.doc.id).second) {
      ++repeated_ids_;
    }
    return p;
  }

  // Adds a cleaned document to the batch, taking the contents of its
  // document and kept text; prints the error if cleaning failed.
  int AddCleaned(CleanPipeline::Item* item) {
    if (!item->status.ok()) return CleanError(item->doc, item->status);
    const CleanResult& r = item->result;
    lines_cleaned_ += static_cast<int64_t>(r.removals.size());
    rejected_ += r.rejected;
    Pending& p = Enqueue(&item->doc);
    p.rejected = r.rejected;
    if (r.rejected) {
      p.text.clear();
    } else {
      p.text.swap(item->result.text);
    }
    return FlushIfFull();
  }

  // Decides and writes the batch if it is full.
  int FlushIfFull() {
    return batch_.size() >= kBatchDocuments || batch_bytes_ >= kBatchBytes
               ? Flush()
               : kExitOk;
  }

  // Adds the documents that the pipeline has cleaned, in input order: all
  // of them with "finish", else those it has ready.
  int TakeCleaned(bool finish) {
    while (CleanPipeline::Item* item = pipeline_->Next(finish)) {
      int code = AddCleaned(item);
      if (code != kExitOk) return code;
    }
    return kExitOk;
  }

  const bool text_mode_;
  const int threads_;
  const bool drop_rejected_;
  const Cleaner* cleaner_;
  // "run" on threads_ >= 2: cleans ahead of the batch being filled.
  std::unique_ptr<CleanPipeline> pipeline_;
  CleanPipeline::Item inline_item_;  // "run" on one thread.
  // threads_ >= 2: the batches started and not yet finished, oldest first
  // (at most two). Declared before dedup_, so that they outlive its
  // threads, which read them.
  struct Started {
    std::vector<Pending> batch;
    std::vector<DedupDocument> docs;  // Views of "batch".
    int64_t raw_bytes_in = 0;         // raw_bytes_in_ when it was full.
  };
  std::deque<Started> started_;
  Deduplicator dedup_;
  DocumentWriter writer_;
  OutputFile* report_;
  std::vector<Pending> batch_;
  size_t batch_bytes_ = 0;
  std::vector<DocumentVerdict> verdicts_;
  std::vector<int64_t> line_base_;  // Text mode: per document number.
  absl::flat_hash_set<std::string> seen_ids_;
  int64_t repeated_ids_ = 0;
  int64_t documents_ = 0;
  int64_t rejected_ = 0;
  int64_t lines_cleaned_ = 0;
  int64_t removed_units_ = 0;
  int64_t bytes_in_ = 0;
  int64_t raw_bytes_in_ = 0;  // As read: JSONL lines, text pieces.
  uint64_t input_bytes_ = 0;  // All the inputs, or 0 if unknown.
  uint64_t start_units_ = 0;  // Indexed units of a loaded --index.
  bool reserved_ = false;
  int64_t bytes_out_ = 0;

  // The write thread (threads_ >= 2) and its one-batch hand-off slot.
  std::thread write_thread_;
  std::mutex write_mu_;
  std::condition_variable write_cv_;
  std::vector<Pending> write_batch_;
  std::vector<DocumentVerdict> write_verdicts_;
  bool write_pending_ = false;  // write_batch_ holds a batch to write.
  bool write_busy_ = false;     // The thread is writing a batch.
  bool write_done_ = false;     // No more batches: the thread exits.
  int write_code_ = kExitOk;    // The first failed write's exit code.
};

// What the reader hands to the deduplicating thread: documents, then the
// messages to print after them, then (once) the end or an error.
struct ReadChunk {
  std::vector<Document> docs;
  std::vector<std::string> messages;  // Printed after "docs".
  std::string error;                  // Set on a read error: print, stop.
  bool last = false;                  // No chunk follows.
  int64_t utf8_replacements = 0;      // Over all inputs, in the last chunk.
};

// Reads every input into chunks of about a batch. Read() runs on its own
// thread (with --threads >= 2) so that parsing JSONL overlaps signing,
// deciding and writing; Next() blocks for the next chunk. At most
// kQueueChunks chunks wait, which bounds the memory read ahead.
class ChunkReader {
 public:
  ChunkReader(std::vector<std::string> inputs,
              const ReaderOptions& reader_options, bool quiet)
      : inputs_(std::move(inputs)),
        reader_options_(reader_options),
        quiet_(quiet) {}

  // Reads all inputs, calling Push() for each chunk; returns early if the
  // consumer stopped.
  void Read() {
    ReadChunk chunk;
    size_t chunk_bytes = 0;
    Document doc;
    int64_t utf8_replacements = 0;
    for (const std::string& input : inputs_) {
      absl::StatusOr<DocumentReader> reader =
          DocumentReader::Open(input, reader_options_);
      if (!reader.ok()) {
        chunk.error = std::string(reader.status().message());
        break;
      }
      while (reader->Next(&doc)) {
        chunk_bytes += doc.text.size();
        chunk.docs.push_back(std::move(doc));
        if (chunk.docs.size() >= kBatchDocuments ||
            chunk_bytes >= kBatchBytes) {
          utf8_replacements += chunk.utf8_replacements;
          if (!Push(std::move(chunk))) return;
          chunk = ReadChunk();
          chunk_bytes = 0;
        }
      }
      if (!reader->status().ok()) {
        chunk.error = std::string(reader->status().message());
        break;
      }
      chunk.utf8_replacements += reader->stats().utf8_replacements;
      if (!quiet_) {
        for (std::string& m : ReaderWarnings(*reader)) {
          chunk.messages.push_back(std::move(m));
        }
      }
    }
    chunk.last = true;
    chunk.utf8_replacements += utf8_replacements;
    Push(std::move(chunk));
  }

  // Blocks until a chunk is ready and returns it.
  ReadChunk Next() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !queue_.empty(); });
    ReadChunk c = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return c;
  }

  // Makes Read() return soon (the consumer stopped early).
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    room_.notify_one();
  }

 private:
  static constexpr size_t kQueueChunks = 1;

  bool Push(ReadChunk chunk) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] { return stopped_ || queue_.size() < kQueueChunks; });
    if (stopped_) return false;
    queue_.push_back(std::move(chunk));
    ready_.notify_one();
    return true;
  }

  const std::vector<std::string> inputs_;
  const ReaderOptions reader_options_;
  const bool quiet_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<ReadChunk> queue_;
  bool stopped_ = false;
};

// Runs a ChunkReader on its own thread; stops and joins it when destroyed.
class ReadAhead {
 public:
  ReadAhead(std::vector<std::string> inputs,
            const ReaderOptions& reader_options, bool quiet)
      : reader_(std::move(inputs), reader_options, quiet),
        thread_([this] { reader_.Read(); }) {}
  ~ReadAhead() {
    reader_.Stop();
    thread_.join();
  }
  ChunkReader& reader() { return reader_; }

 private:
  ChunkReader reader_;
  std::thread thread_;
};

}  // namespace

std::vector<FlagSpec> DedupFlags() {
  return {
      {"output", 'o', "FILE", nullptr,
       "Write to FILE, not stdout. A regular FILE is\n"
       "replaced atomically, only if the run succeeds;\n"
       "/dev/stdout, pipes are written in place.\n"
       "Compressed with gzip if FILE ends in .gz, zstd\n"
       "if .zst."},
      LevelFlag(),
      {"unit", 'u', "UNIT", "line",
       "What is compared and removed: line, paragraph\n"
       "(blank-line separated) or document."},
      {"threshold", 't', "J", "0.8",
       "Remove a unit whose Jaccard similarity with an\n"
       "earlier unit is at least J."},
      {"ngram", 'n', "N", "3", "Words per shingle."},
      {"min-words", 0, "N", "5", "Units with fewer words are never removed."},
      {"verify", 0, "MODE", "signature",
       "How LSH candidates are checked: signature\n"
       "(MinHash estimate, compact) or exact (exact\n"
       "Jaccard of the shingle sets, more memory)."},
      {"num-perm", 0, "K", "128", "MinHash slots per signature."},
      {"bands", 0, "B", nullptr,
       "LSH bands (with --rows). By default chosen so\n"
       "that a pair at the threshold is found with\n"
       "probability >= 0.99."},
      {"rows", 0, "R", nullptr, "LSH rows per band (with --bands)."},
      {"seed", 0, "N", "1", "MinHash seed."},
      {"index", 0, "FILE", nullptr,
       "Load the dedup index from FILE if it exists,\n"
       "dedup against it, and save the grown index to\n"
       "FILE (atomically) after the output. FILE is\n"
       "locked (FILE.lock) from load to save: another\n"
       "run using it fails (exit 4) or waits."},
      {"wait-for-index", 0, nullptr, nullptr,
       "Wait while another run holds the --index file,\n"
       "instead of failing at once."},
      {"threads", 'j', "N", "0",
       "Threads for signing (and cleaning); 0 = one per\n"
       "core. The output does not depend on it."},
      {"report", 'R', "FILE", nullptr,
       "Write one JSON record per removed unit to FILE:\n"
       "{\"doc\": ID, \"line\": N, \"duplicate_of\":\n"
       "{\"doc\": ID, \"line\": M}, \"similarity\": S}."},
      {"stats", 's', nullptr, nullptr, "Print counts and memory to stderr."},
      {"quiet", 'q', nullptr, nullptr, "Do not print warnings."},
      {"help", 'h', nullptr, nullptr, "Show this help and exit."},
  };
}

int SetUpDedup(const Command& command, const Args& args,
               DedupOptions* options) {
  *options = DedupOptions();
  if (!ParseDedupUnit(args.Get("unit"), &options->unit)) {
    return UsageError(command, absl::StrCat("--unit must be line, paragraph or "
                                            "document, not '",
                                            args.Get("unit"), "'"));
  }
  if (!ParseDedupVerify(args.Get("verify"), &options->verify)) {
    return UsageError(command,
                      absl::StrCat("--verify must be signature or exact, not '",
                                   args.Get("verify"), "'"));
  }
  if (!absl::SimpleAtod(args.Get("threshold"), &options->threshold) ||
      !(options->threshold > 0 && options->threshold <= 1)) {
    return UsageError(command,
                      absl::StrCat("--threshold must be in (0, 1], not '",
                                   args.Get("threshold"), "'"));
  }
  if (options->signature_margin >= options->threshold) {  // Tiny --threshold.
    options->signature_margin = 0;
  }
  if (!ParseInt(args, "ngram", 1, 64, &options->shingle.ngram)) {
    return UsageError(command, absl::StrCat("--ngram must be 1 to 64, not '",
                                            args.Get("ngram"), "'"));
  }
  if (!ParseInt(args, "min-words", 1, 1 << 30, &options->min_words)) {
    return UsageError(command, absl::StrCat("--min-words must be >= 1, not '",
                                            args.Get("min-words"), "'"));
  }
  if (!ParseInt(args, "num-perm", 1, 65536, &options->minhash.num_perm)) {
    return UsageError(command,
                      absl::StrCat("--num-perm must be 1 to 65536, not '",
                                   args.Get("num-perm"), "'"));
  }
  if (!ParseInt(args, "threads", 0, 4096, &options->threads)) {
    return UsageError(command,
                      absl::StrCat("--threads must be 0 to 4096, not '",
                                   args.Get("threads"), "'"));
  }
  if (!absl::SimpleAtoi(args.Get("seed"), &options->minhash.seed)) {
    return UsageError(command, absl::StrCat("--seed must be a number, not '",
                                            args.Get("seed"), "'"));
  }
  options->wait_for_index_lock = args.Has("wait-for-index");
  if (args.Has("bands") != args.Has("rows")) {
    return UsageError(command, "--bands and --rows go together");
  }
  if (args.Has("bands")) {
    const int k = options->minhash.num_perm;
    if (!ParseInt(args, "bands", 1, k, &options->bands) ||
        !ParseInt(args, "rows", 1, k, &options->rows) ||
        options->bands * options->rows > k) {
      return UsageError(
          command, absl::StrCat("--bands x --rows must be at most --num-perm "
                                "(",
                                k, "), not ", args.Get("bands"), " x ",
                                args.Get("rows")));
    }
  }
  return kExitOk;
}

int RunDedup(const Command& command, const Args& args,
             const ReaderOptions& reader_options, const DedupOptions& options,
             const Cleaner* cleaner) {
  const auto start = std::chrono::steady_clock::now();
  int code = RefuseSameOutputs(command, args);
  if (code != kExitOk) return code;
  OutputOptions output_options;
  code = SetUpOutputOptions(command, args, &output_options);
  if (code != kExitOk) return code;
  absl::StatusOr<Deduplicator> dedup =
      args.Has("index") ? Deduplicator::Open(args.Get("index"), options)
                        : Deduplicator::Create(options);
  if (!dedup.ok()) {
    if (absl::IsUnavailable(dedup.status())) {  // Locked by another run.
      PrintError(absl::StrCat(dedup.status().message(),
                              "; use --wait-for-index to wait for it"));
      return kExitBusy;
    }
    PrintError(dedup.status().message());
    return args.Has("index") && !absl::IsInvalidArgument(dedup.status())
               ? kExitData
               : kExitUsage;
  }
  std::optional<OutputFile> out;
  code = OpenOutput(args.Has("output") ? args.Get("output") : "-", &out,
                    output_options);
  if (code != kExitOk) return code;
  std::optional<OutputFile> report;
  if (args.Has("report")) {
    code = OpenOutput(args.Get("report"), &report, output_options);
    if (code != kExitOk) return code;
  }
  const bool quiet = args.Has("quiet");
  Runner runner(args, reader_options, options, cleaner, *std::move(dedup),
                &*out, report ? &*report : nullptr);
  std::vector<std::string> inputs = Inputs(args);
  runner.set_input_bytes(KnownInputBytes(inputs));
  InputTotals totals;
  if (runner.threads() >= 2) {
    // Parse the input on its own thread while this one deduplicates.
    ReadAhead ahead(std::move(inputs), reader_options, quiet);
    for (;;) {
      ReadChunk chunk = ahead.reader().Next();
      for (Document& d : chunk.docs) {
        int code = runner.Add(&d);
        if (code != kExitOk) return code;
      }
      for (const std::string& m : chunk.messages) PrintError(m);
      if (!chunk.error.empty()) {
        PrintError(chunk.error);
        return kExitData;
      }
      totals.utf8_replacements += chunk.utf8_replacements;
      if (chunk.last) break;
    }
  } else {
    code = ForEachDocument(
        inputs, reader_options, quiet,
        [&runner](Document& doc) { return runner.Add(&doc); }, &totals);
    if (code != kExitOk) return code;
  }
  code = runner.Finish();
  if (code != kExitOk) return code;
  code = runner.FinishWrites();
  if (code != kExitOk) return code;
  if (report) {
    code = CommitOutput(&*report);
    if (code != kExitOk) return code;
  }
  code = CommitOutput(&*out);
  if (code != kExitOk) return code;
  if (args.Has("index")) {
    absl::Status s = runner.dedup().Save(args.Get("index"));
    if (!s.ok()) {
      PrintError(s.message());
      return kExitIo;
    }
  }
  if (!quiet && runner.repeated_ids() > 0) {
    PrintError(absl::StrCat(runner.repeated_ids(),
                            " documents repeat an earlier id; each is deduped "
                            "as a document of its own, and report records "
                            "naming that id are ambiguous"));
  }
  if (args.Has("stats")) {
    runner.PrintStats(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count(),
        totals.utf8_replacements);
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace pith
