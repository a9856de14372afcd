// Copyright 2026 The pith Authors.
//
// The pipeline: documents in, cleaned and/or deduplicated documents out, in
// input order, on as many threads as asked for. It is what the pith command
// runs ("pith clean" is a pipeline with a Cleaner, "pith dedup" one with a
// Deduplicator, "pith run" one with both), and what the Python module runs.
//
// Example: clean and deduplicate JSONL files into one output file, with a
// report of the removed near-duplicates:
//
//   absl::StatusOr<pith::Pipeline> pipeline =
//       pith::Pipeline::Create(options, &cleaner, &dedup);
//   if (!pipeline.ok()) return pipeline.status();
//   absl::StatusOr<pith::OutputFile> out =
//       pith::OutputFile::Open("clean.jsonl", pith::OutputOptions());
//   absl::StatusOr<pith::OutputFile> report =
//       pith::OutputFile::Open("report.jsonl", pith::OutputOptions());
//   ...
//   pith::PipelineWriter writer(&*out, pith::DocumentFormat::kJsonl);
//   writer.set_report(&*report);
//   absl::Status s = pipeline->Run({"a.jsonl", "b.jsonl.zst"}, &writer);
//   if (s.ok()) s = report->Commit();
//   if (s.ok()) s = out->Commit();
//
// How a run goes: the inputs are read in batches (PipelineOptions); each
// document of a batch is cleaned (Cleaner::Clean()) and then split and
// signed for the Deduplicator, spread over the threads; the documents are
// decided by the Deduplicator in input order, one by one; and the results
// are handed to a PipelineSink in input order. Reading, cleaning and
// signing, deciding and writing overlap: while one batch is decided, the
// next is cleaned and the one before is written. The results, and so every
// output byte, do not depend on the number of threads.
//
// Memory: about PipelineOptions::batch_bytes times 4 of document text is in
// flight (read ahead, being cleaned, being decided, being written), plus
// what each stage holds per document of those batches (see README), plus
// the Deduplicator's index.

#ifndef PITH_PIPELINE_H_
#define PITH_PIPELINE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "pith/cleaner.h"
#include "pith/dedup.h"
#include "pith/io.h"

namespace pith {

// How far a run has got, for a progress display (PipelineOptions::progress).
struct PipelineProgress {
  int64_t input_bytes = 0;    // Bytes of the documents done so far: JSONL
                              // lines, text as read (after decompression).
  uint64_t total_bytes = 0;   // The size of all inputs if it is known (plain
                              // regular files), else 0.
  int64_t documents = 0;      // Documents done.
  int64_t lines_removed = 0;  // By the Cleaner, so far.
  int64_t units_removed = 0;  // Duplicate units, so far.
  double seconds = 0;         // Since Run() started.
  bool done = false;          // The last call of the run.
};

struct PipelineOptions {
  // Behaviour.

  // How Run() reads its inputs (format, JSONL field, malformed lines...).
  ReaderOptions reader;

  // If set, called with the progress of the run as documents are done, at
  // most every "progress_interval" seconds, and once more after the last
  // document (PipelineProgress::done). Called like the sink: one call at a
  // time, maybe not on the thread that called Run(). (none, 0.25)
  std::function<void(const PipelineProgress&)> progress;
  double progress_interval = 0.25;

  // Performance.

  // Threads: 0 means one per hardware thread. The thread that calls Run()
  // is one of them; one thread runs everything in turn. With N >= 2, N - 1
  // workers clean and sign while the calling thread decides (and helps).
  // The results do not depend on it. (0)
  int threads = 0;

  // A batch is handed on once it holds this many documents or this many
  // bytes of text. Larger batches cost memory (see the top of this file);
  // smaller ones keep the stages in step: on 2 cores, 1 MiB was ~8% faster
  // than 4 MiB for dedup and 16 MiB ~20% slower. (8192, 1 MiB)
  size_t batch_documents = 8192;
  size_t batch_bytes = size_t{1} << 20;
};

// What the pipeline gives its sink for one document.
struct PipelineDocument {
  // The document as read: id, source and line for messages, the input text.
  const Document* document = nullptr;
  // The kept text: cleaned, then without its duplicate units.
  absl::string_view text;
  // True if "text" is the document's own text, byte for byte (nothing was
  // removed): a writer can then copy the input as it was.
  bool unchanged = false;
  // True if a reject rule matched: "text" is empty.
  bool rejected = false;
  // What cleaning removed; null without a Cleaner.
  const CleanResult* clean = nullptr;
  // The Deduplicator's verdict; null without one. Its units' lines count in
  // the text the Deduplicator saw (the cleaned text with a Cleaner), and its
  // "text" member is not set (use "text" above).
  const DocumentVerdict* dedup = nullptr;
  // Lines of the text the Deduplicator saw count from this line of the
  // input, less one: Document::line - 1 for a piece of a long text input
  // without a Cleaner (so that report lines are lines of the file), else 0.
  int64_t line_offset = 0;
};

// Receives the results of a run. Run() calls it in input order, one call at
// a time, but not always on the thread that called Run().
class PipelineSink {
 public:
  virtual ~PipelineSink();

  // Takes the results for one document. A non-OK status stops the run, and
  // Run() returns it.
  virtual absl::Status Consume(const PipelineDocument& document) = 0;

  // A warning about the input, in input order among the documents: a line
  // that OnError::kSkip skipped ("FILE:LINE: message (skipped)"), the count
  // of the others, the count of invalid UTF-8 sequences replaced. Ignored
  // by default.
  virtual void Warn(absl::string_view message);

  // Run() over files: called before the first document of each input and
  // after its last (and its warnings), in order, with the path as given. A
  // non-OK status stops the run. By default they do nothing.
  virtual absl::Status StartInput(const std::string& path);
  virtual absl::Status EndInput(const std::string& path);
};

// What a run did. The counts are those of the documents passed to the sink.
struct PipelineStats {
  int64_t documents = 0;          // Documents read.
  int64_t input_bytes = 0;        // Bytes read (after decompression).
  int64_t text_bytes = 0;         // Bytes of document text read.
  int64_t skipped_lines = 0;      // Lines skipped (OnError::kSkip).
  int64_t utf8_replacements = 0;  // Invalid UTF-8 sequences replaced by
                                  // U+FFFD while reading.
  int64_t rejected = 0;           // Documents a reject rule matched.
  int64_t lines_removed = 0;      // Removals by the Cleaner (strips included).
  int64_t units_removed = 0;      // Duplicate units removed.
  int64_t repeated_ids = 0;       // With a Deduplicator: documents whose id an
                                  // earlier document of the run had.
  std::map<std::string, int64_t> removed_by;   // Rule or heuristic -> lines.
  std::map<std::string, int64_t> rejected_by;  // Rule -> documents.
  int threads = 0;                             // Threads the run used.
};

// A part of an input for Pipeline::Run(): the whole file "path", or the
// JSONL lines in bytes [begin, end) of it (DocumentReader::OpenRange(),
// whose REQUIRES apply), "first_line" being the line number of "begin".
struct PipelineInput {
  std::string path;
  bool whole = true;
  uint64_t begin = 0;
  uint64_t end = 0;
  int64_t first_line = 1;
};

// A Pipeline runs documents through a Cleaner and/or a Deduplicator.
//
// Not thread-safe: one Run() at a time. Movable, not copyable.
class Pipeline {
 public:
  // "cleaner" and "dedup" may each be null (that stage is skipped; with
  // neither, documents pass through unchanged). They are not owned and must
  // outlive the pipeline; the Deduplicator must not be used by others while
  // Run() runs. InvalidArgument if "options" are out of range.
  static absl::StatusOr<Pipeline> Create(const PipelineOptions& options,
                                         const Cleaner* cleaner,
                                         Deduplicator* dedup);

  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;
  ~Pipeline();

  // Reads the documents of "inputs" in order ("-" is standard input),
  // runs them through the stages and passes the results to "sink". Stops
  // at the first error in input order and returns it: an input that cannot
  // be read, a malformed line (OnError::kFail), a failed stage or a failed
  // sink; errors name the file and line. The sink has then received the
  // documents before it.
  absl::Status Run(const std::vector<std::string>& inputs, PipelineSink* sink);

  // The same for parts of inputs, each an input of its own for the sink
  // (StagedDedup::ShardInputs() makes them).
  absl::Status Run(const std::vector<PipelineInput>& inputs,
                   PipelineSink* sink);

  // The same for documents in memory (their "raw" members must be set for
  // a JSONL writer). Documents are taken over (moved from).
  absl::Status Run(std::vector<Document> documents, PipelineSink* sink);

  // The counters of the last Run().
  const PipelineStats& stats() const;

 private:
  struct Rep;
  explicit Pipeline(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// A PipelineSink that writes what pith's commands write:
//
//   the output: each document's kept text in its format (DocumentWriter):
//     a rejected document is left out in kText and written with an empty
//     text in kJsonl, unless set_drop_rejected();
//   the report (set_report()): one JSON line per removed duplicate unit,
//     {"doc": ID, "line": N, "duplicate_of": {"doc": ID, "line": M},
//      "similarity": S}, lines 1-based (PipelineDocument::line_offset
//     added); duplicate_of is the unit the removed one was verified against
//     (see pith/dedup.h); an ID is a JSON number if the document's id member
//     was one (Document::id_is_number), else a string (a document of a
//     loaded index: always a string);
//   the removals (set_removals()): one JSON line per line the Cleaner
//     removed, {"file","id","line","rule","text"} plus "partial": true for
//     a strip rule and "rejected": true for the line of a reject rule; in
//     kText, lines count from the start of the input file.
//
// Documents left with less text than set_min_chars() asks for are not
// written (their report and removal records are), and counted.
//
// Not thread-safe. Does not own the files, which must outlive it.
class PipelineWriter : public PipelineSink {
 public:
  PipelineWriter(OutputFile* out, DocumentFormat format);

  // Writes the documents to "out" from now on (e.g. one file per input).
  void set_output(OutputFile* out);
  void set_report(OutputFile* report) { report_ = report; }
  void set_removals(OutputFile* removals) { removals_ = removals; }
  void set_drop_rejected(bool drop) { drop_rejected_ = drop; }
  // Leaves out documents whose kept text has fewer than "chars" characters
  // (code points) besides white space: 1 leaves out the documents left
  // empty. (0: every document is written)
  void set_min_chars(int64_t chars) { min_chars_ = chars; }
  // Text: the line written between documents (DocumentWriter::set_separator);
  // kept across set_output().
  void set_separator(absl::string_view separator);

  absl::Status Consume(const PipelineDocument& document) override;

  // True once a write to one of the files failed (then Consume() returned
  // that error): the run failed on output, not on input.
  bool failed() const { return failed_; }

  int64_t documents_written() const { return documents_written_; }
  int64_t bytes_written() const { return bytes_written_; }  // Kept text.
  // Left out by set_min_chars() (rejected documents not counted).
  int64_t documents_dropped() const { return documents_dropped_; }

 private:
  absl::Status Write(OutputFile* file, absl::string_view data);

  const DocumentFormat format_;
  std::string separator_;
  DocumentWriter writer_;
  OutputFile* report_ = nullptr;
  OutputFile* removals_ = nullptr;
  bool drop_rejected_ = false;
  int64_t min_chars_ = 0;
  bool failed_ = false;
  int64_t documents_written_ = 0;
  int64_t bytes_written_ = 0;
  int64_t documents_dropped_ = 0;
  // Document number (DocumentVerdict::doc) of this run's first document,
  // and in kText the line offset of each document of the run since.
  bool started_ = false;
  uint64_t first_doc_ = 0;
  std::vector<int64_t> line_offsets_;
  // In kJsonl, whether each document of the run had a numeric id.
  std::vector<bool> numeric_ids_;
  std::string record_;
};

}  // namespace pith

#endif  // PITH_PIPELINE_H_
