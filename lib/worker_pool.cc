// Copyright 2026 The pith Authors.
//
// std::mutex rather than absl::Mutex: Debian's Abseil is not built with
// ThreadSanitizer, which then cannot see absl::Mutex and reports false races
// (tools/ci/tsan.sh).

#include "lib/worker_pool.h"

#include <algorithm>
#include <utility>

namespace pith {
namespace internal {

int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  static const int kHardware =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return kHardware;
}

WorkerPool::WorkerPool(int threads) {
  threads_.reserve(static_cast<size_t>(std::max(0, threads)));
  for (int t = 0; t < threads; ++t) {
    threads_.emplace_back([this] { WorkerLoop(); });
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::Schedule(std::function<void()> task) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.push_back(std::move(task));
  if (idle_workers_ > 0) work_cv_.notify_one();
  if (waiting_helpers_ > 0) event_cv_.notify_all();
}

void WorkerPool::CountEvent() {
  ++events_;
  if (waiting_helpers_ > 0) event_cv_.notify_all();
}

void WorkerPool::Notify() {
  std::lock_guard<std::mutex> lock(mu_);
  CountEvent();
}

void WorkerPool::WorkerLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (queue_.empty() && !stop_) {
      ++idle_workers_;
      work_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      --idle_workers_;
    }
    if (stop_) return;
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    task = nullptr;  // Its captures go before the end is counted.
    lock.lock();
    CountEvent();
  }
}

void WorkerPool::HelpUntil(const std::function<bool()>& done) {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    // Every event before this point is visible to done(): a task publishes
    // its results before its end is counted under mu_.
    const uint64_t seen = events_;
    lock.unlock();
    if (done()) return;
    lock.lock();
    if (!queue_.empty()) {
      std::function<void()> task = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      task();
      task = nullptr;
      lock.lock();
      CountEvent();
      continue;
    }
    ++waiting_helpers_;
    event_cv_.wait(lock,
                   [&] { return events_ != seen || !queue_.empty() || stop_; });
    --waiting_helpers_;
  }
}

void Strand::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
    if (running_) return;
    running_ = true;
  }
  pool_->Schedule([this] { Drain(); });
}

void Strand::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!queue_.empty()) {
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    task = nullptr;
    lock.lock();
  }
  running_ = false;
}

bool Strand::idle() {
  std::lock_guard<std::mutex> lock(mu_);
  return !running_ && queue_.empty();
}

TaskChunks::TaskChunks(size_t n, const std::function<size_t(size_t)>& weight,
                       size_t max_items, size_t max_weight,
                       std::function<void(size_t, size_t)> work)
    : n_(n), work_(std::move(work)) {
  size_t items = 0, total = 0;
  for (size_t i = 0; i < n; ++i) {
    ++items;
    total += weight(i);
    if (items >= max_items || total >= max_weight || i + 1 == n) {
      ends_.push_back(i + 1);
      items = total = 0;
    }
  }
  state_.reset(new std::atomic<uint8_t>[ends_.size()]);
  for (size_t c = 0; c < ends_.size(); ++c) {
    state_[c].store(0, std::memory_order_relaxed);
  }
}

size_t TaskChunks::ChunkOf(size_t i) const {
  return static_cast<size_t>(std::upper_bound(ends_.begin(), ends_.end(), i) -
                             ends_.begin());
}

bool TaskChunks::TryRun(size_t c) {
  uint8_t expected = 0;
  if (!state_[c].compare_exchange_strong(expected, 1,
                                         std::memory_order_acquire)) {
    return false;
  }
  work_(c == 0 ? 0 : ends_[c - 1], ends_[c]);
  state_[c].store(2, std::memory_order_release);
  return true;
}

void TaskChunks::ScheduleAll(WorkerPool* pool) {
  running_tasks_.fetch_add(ends_.size(), std::memory_order_relaxed);
  for (size_t c = 0; c < ends_.size(); ++c) {
    pool->Schedule([this, c] {
      TryRun(c);
      // The last access to this object: AwaitAll() may destroy it next.
      running_tasks_.fetch_sub(1, std::memory_order_acq_rel);
    });
  }
}

bool TaskChunks::done(size_t i) const {
  return state_[ChunkOf(i)].load(std::memory_order_acquire) == 2;
}

void TaskChunks::Await(size_t i, WorkerPool* pool) {
  const size_t c = ChunkOf(i);
  if (state_[c].load(std::memory_order_acquire) == 2 || TryRun(c)) return;
  pool->HelpUntil(
      [&] { return state_[c].load(std::memory_order_acquire) == 2; });
}

void TaskChunks::AwaitAll(WorkerPool* pool) {
  for (size_t c = 0; c < ends_.size(); ++c) TryRun(c);
  pool->HelpUntil([&] {
    if (running_tasks_.load(std::memory_order_acquire) != 0) return false;
    for (size_t c = 0; c < ends_.size(); ++c) {
      if (state_[c].load(std::memory_order_acquire) == 1) return false;
    }
    return true;
  });
}

void TaskChunks::Cancel() {
  for (size_t c = 0; c < ends_.size(); ++c) {
    uint8_t expected = 0;
    state_[c].compare_exchange_strong(expected, 3, std::memory_order_relaxed);
  }
}

}  // namespace internal
}  // namespace pith
