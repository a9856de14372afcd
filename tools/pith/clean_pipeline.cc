// Copyright 2026 The pith Authors.

#include "clean_pipeline.h"

#include <utility>

namespace pith {
namespace cli {
namespace {

// A batch is full at this many documents or bytes of text, whichever comes
// first: enough to keep the workers busy between two hand-overs, little
// enough that three batches (filling, cleaning, waiting) stay small.
constexpr size_t kBatchDocuments = 256;
constexpr size_t kBatchBytes = size_t{4} << 20;

}  // namespace

CleanPipeline::CleanPipeline(const Cleaner& cleaner, int threads)
    : cleaner_(cleaner), filling_(std::make_unique<Batch>()) {
  for (int t = 0; t < threads; ++t) workers_.emplace_back([this] { Work(); });
}

CleanPipeline::~CleanPipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void CleanPipeline::Add(Document* doc) {
  std::unique_ptr<Item> item;
  if (spare_.empty()) {
    item = std::make_unique<Item>();
  } else {
    item = std::move(spare_.back());
    spare_.pop_back();
  }
  using std::swap;
  swap(item->doc, *doc);
  filling_bytes_ += item->doc.text.size();
  filling_->items.push_back(std::move(item));
  if (filling_->items.size() >= kBatchDocuments ||
      filling_bytes_ >= kBatchBytes) {
    Submit();
  }
}

void CleanPipeline::Submit() {
  if (filling_->items.empty()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    batches_.push_back(std::move(filling_));
  }
  work_cv_.notify_all();
  filling_ = std::make_unique<Batch>();
  filling_bytes_ = 0;
}

CleanPipeline::Item* CleanPipeline::Next(bool finish) {
  if (returning_ != nullptr && returned_ < returning_->items.size()) {
    return returning_->items[returned_++].get();
  }
  if (returning_ != nullptr) {
    for (std::unique_ptr<Item>& item : returning_->items) {
      spare_.push_back(std::move(item));
    }
    returning_.reset();
  }
  if (finish) Submit();
  std::unique_lock<std::mutex> lock(mu_);
  if (batches_.empty()) return nullptr;
  Batch* front = batches_.front().get();
  if (!finish && batches_.size() < 2 && front->done < front->items.size()) {
    return nullptr;  // Read on while the workers clean.
  }
  done_cv_.wait(lock, [front] { return front->done == front->items.size(); });
  returning_ = std::move(batches_.front());
  batches_.pop_front();
  lock.unlock();
  returned_ = 0;
  return returning_->items[returned_++].get();
}

void CleanPipeline::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    Batch* batch = nullptr;
    work_cv_.wait(lock, [this, &batch] {
      if (stop_) return true;
      for (const std::unique_ptr<Batch>& b : batches_) {
        if (b->next < b->items.size()) {
          batch = b.get();
          return true;
        }
      }
      return false;
    });
    if (stop_) return;
    Item& item = *batch->items[batch->next++];
    lock.unlock();
    item.status = cleaner_.Clean(item.doc.text, &item.result);
    lock.lock();
    if (++batch->done == batch->items.size()) done_cv_.notify_all();
  }
}

}  // namespace cli
}  // namespace pith
