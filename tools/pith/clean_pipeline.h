// Copyright 2026 The pith Authors.
//
// CleanPipeline: cleans documents on worker threads while the calling
// thread reads and writes, and hands them back in the order they came.
//
// The caller adds documents one at a time. They are cleaned in batches: a
// full batch goes to the workers, and while they clean it the caller reads
// the next one and writes out the batch before it. Workers live as long as
// the pipeline, so that the per-thread memos of RuleSet (lib/clean/rule_set.cc) stay
// warm from batch to batch.
//
//   CleanPipeline pipeline(cleaner, /*threads=*/2);
//   CleanPipeline::Item* done = nullptr;
//   while (reader.Next(&doc)) {
//     pipeline.Add(&doc);                     // Takes doc's contents.
//     while ((done = pipeline.Next(false)) != nullptr) Write(*done);
//   }
//   while ((done = pipeline.Next(true)) != nullptr) Write(*done);

#ifndef PITH_TOOLS_PITH_CLEAN_PIPELINE_H_
#define PITH_TOOLS_PITH_CLEAN_PIPELINE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "pith/cleaner.h"
#include "pith/io.h"

namespace pith {
namespace cli {

class CleanPipeline {
 public:
  // A document and what cleaning it gave.
  struct Item {
    Document doc;
    CleanResult result;
    absl::Status status;  // Of Cleaner::Clean; "result" is valid if ok.
  };

  // Starts "threads" (>= 1) workers that clean with "cleaner", which must
  // outlive the pipeline.
  CleanPipeline(const Cleaner& cleaner, int threads);

  // Stops the workers; documents not yet cleaned are dropped.
  ~CleanPipeline();

  CleanPipeline(const CleanPipeline&) = delete;
  CleanPipeline& operator=(const CleanPipeline&) = delete;

  // Adds "*doc" to the batch being filled, taking its contents (it is left
  // with those of a recycled document, for the reader to reuse), and hands
  // the batch to the workers once it is full.
  void Add(Document* doc);

  // Returns the next cleaned document in the order they were added, or
  // null if there is none to return yet: without "finish", while fewer
  // than two batches are in the workers' hands (so that reading goes on
  // while they clean); with it, only once every document was returned. The
  // item stays valid until the next call.
  Item* Next(bool finish);

 private:
  struct Batch {
    std::vector<std::unique_ptr<Item>> items;
    size_t next = 0;  // The next item to clean. Guarded by mu_.
    size_t done = 0;  // Items cleaned. Guarded by mu_.
  };

  void Work();
  // Hands the batch being filled to the workers.
  void Submit();

  const Cleaner& cleaner_;
  std::mutex mu_;
  std::condition_variable work_cv_;  // A batch was submitted, or stop_.
  std::condition_variable done_cv_;  // A batch was finished.
  std::deque<std::unique_ptr<Batch>> batches_;  // Submitted, in order.
  bool stop_ = false;                           // Guarded by mu_.

  // Owned by the calling thread.
  std::unique_ptr<Batch> filling_;
  size_t filling_bytes_ = 0;
  std::unique_ptr<Batch> returning_;  // Being returned by Next().
  size_t returned_ = 0;
  std::vector<std::unique_ptr<Item>> spare_;  // Recycled items.

  std::vector<std::thread> workers_;
};

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_CLEAN_PIPELINE_H_
