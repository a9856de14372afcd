// Copyright 2026 The pith Authors.
//
// A batch of the pipeline (pith/pipeline.h), and where batches come from: a
// BatchSource reads the documents of the inputs, in order, a batch at a
// time.

#ifndef PITH_LIB_PIPELINE_BATCH_H_
#define PITH_LIB_PIPELINE_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "lib/pipeline/dedup_stage.h"
#include "lib/worker_pool.h"
#include "pith/cleaner.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/pipeline.h"

namespace pith {
namespace internal {

// Something that happened between two documents of a batch.
struct BatchEvent {
  enum Kind { kWarning, kInputStart, kInputEnd };
  size_t position = 0;  // Documents of the batch before it.
  Kind kind = kWarning;
  std::string text;  // The warning, or the input's path.
};

// One batch: its documents as read, then what each stage made of them.
struct PipelineBatch {
  // Read.
  std::vector<Document> docs;
  std::vector<BatchEvent> events;  // In order.
  absl::Status read_status;        // An error after "docs".
  bool last = false;               // No batch follows.
  int64_t input_bytes = 0;         // Read (ReaderStats::bytes of inputs done).
  int64_t skipped_lines = 0;       // Lines skipped in inputs done.
  int64_t utf8_replacements = 0;   // Repaired in inputs done.

  // Cleaned (with a Cleaner), per document.
  std::vector<CleanResult> cleaned;
  std::vector<absl::Status> clean_status;

  // Deduplicated (with a dedup step: a Deduplicator, or a stage of a staged
  // dedup).
  std::unique_ptr<DedupStageBatch> dedup;
  std::vector<DocumentVerdict> verdicts;
  size_t decided = 0;          // Documents with a verdict.
  absl::Status decide_status;  // Why the others have none.

  // The work of the parallel stages, per chunk of documents.
  std::unique_ptr<TaskChunks> chunks;

  // Documents of an earlier batch, whose buffers the reader fills again.
  std::vector<Document> spare_docs;

  // Empties the batch for reuse: keeps the buffers of its documents and of
  // its stages' results.
  void Recycle();
};

// Reads batches, in order, from the inputs. Not thread-safe (a Strand
// calls it).
class BatchSource {
 public:
  virtual ~BatchSource() = default;
  // Fills "*batch" with the next documents: up to "max_documents"
  // documents or "max_bytes" bytes of text, the warnings and an error that
  // came with them, and sets batch->last after the last one.
  virtual void Next(size_t max_documents, size_t max_bytes,
                    PipelineBatch* batch) = 0;
  // The total size of the inputs if it is known (regular files, not
  // compressed), else 0.
  virtual uint64_t known_bytes() const { return 0; }
};

// The documents of the files "inputs" ("-" is stdin), read with "options".
std::unique_ptr<BatchSource> FileSource(std::vector<std::string> inputs,
                                        const ReaderOptions& options);

// A part of an input: the whole file, or the lines in bytes [begin, end)
// of a JSONL file (DocumentReader::OpenRange()).
struct InputPiece {
  std::string path;
  bool whole = true;
  uint64_t begin = 0;
  uint64_t end = 0;
  int64_t first_line = 1;  // The line number of byte "begin".
};

// The documents of "pieces", in order, read with "options". Each piece is
// an input of its own for the sink (StartInput(), EndInput() and the
// warnings that end an input).
std::unique_ptr<BatchSource> PieceSource(std::vector<InputPiece> pieces,
                                         const ReaderOptions& options);

// The documents "documents", taken over.
std::unique_ptr<BatchSource> MemorySource(std::vector<Document> documents);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_PIPELINE_BATCH_H_
