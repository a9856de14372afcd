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
#include "lib/dedup/dedup_batch.h"
#include "lib/worker_pool.h"
#include "pith/cleaner.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/pipeline.h"

namespace pith {
namespace internal {

// One batch: its documents as read, then what each stage made of them.
struct PipelineBatch {
  // Read.
  std::vector<Document> docs;
  // Warnings, each after the documents before it: (documents, message).
  std::vector<std::pair<size_t, std::string>> warnings;
  absl::Status read_status;   // An error after "docs".
  bool last = false;          // No batch follows.
  int64_t input_bytes = 0;    // Read (ReaderStats::bytes of inputs done).
  int64_t skipped_lines = 0;  // Malformed lines skipped in inputs done.

  // Cleaned (with a Cleaner), per document.
  std::vector<CleanResult> cleaned;
  std::vector<absl::Status> clean_status;

  // Deduplicated (with a Deduplicator).
  std::unique_ptr<DedupBatch> dedup;
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

// The documents "documents", taken over.
std::unique_ptr<BatchSource> MemorySource(std::vector<Document> documents);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_PIPELINE_BATCH_H_
