// Copyright 2026 The pith Authors.
//
// The one way pith runs work on several threads. A WorkerPool runs tasks on
// a fixed set of threads, in the order they were scheduled; a thread that
// waits for a result helps instead of sleeping (HelpUntil() runs queued
// tasks on the calling thread). A Strand runs the tasks posted to it one at
// a time, in order, on a pool: an ordered stage such as reading or writing.
// The pipeline (lib/pipeline/), Deduplicator::AddBatch() and StartBatch()
// (lib/dedup/dedup_batch.cc) and ParallelFor() (lib/parallel.cc) are built
// on these; nothing else in pith (the command and the Python module
// included) starts a thread or waits on a condition variable.
//
// A pool of 0 threads is valid: its tasks then run only on a thread that
// calls HelpUntil(), which makes a one-thread run the same code as a
// threaded one.
//
//   internal::WorkerPool pool(internal::ResolveThreads(options.threads) - 1);
//   std::atomic<int> left{2};
//   pool.Schedule([&] { Work(0); --left; });
//   pool.Schedule([&] { Work(1); --left; });
//   pool.HelpUntil([&] { return left == 0; });

#ifndef PITH_LIB_WORKER_POOL_H_
#define PITH_LIB_WORKER_POOL_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace pith {
namespace internal {

// The number of threads that "requested" stands for: "requested" if it is
// positive, else one per hardware thread (at least 1). This is the only
// place where pith turns "0 threads" into a number.
int ResolveThreads(int requested);

// Thread-safe: every method may be called from any thread, tasks included.
// Not copyable or movable.
class WorkerPool {
 public:
  // Starts "threads" (>= 0) worker threads.
  explicit WorkerPool(int threads);

  // Stops the workers after the tasks they are running; tasks still queued
  // are dropped without running. A caller that needs its tasks done waits
  // for them first (HelpUntil()).
  ~WorkerPool();

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // The worker threads (not counting threads that help).
  int threads() const { return static_cast<int>(threads_.size()); }

  // Queues "task" to run once, on a worker or on a thread that helps.
  void Schedule(std::function<void()> task);

  // Returns once "done()" returns true. Until then, runs queued tasks on the
  // calling thread, one at a time, and sleeps while none is queued until a
  // task ends or Notify() is called. "done" is called with no lock held, so
  // it may read anything that tasks publish with atomics or their own
  // locks. Anything that makes "done()" true must be followed by the end of
  // a task of this pool or a call to Notify(); else HelpUntil() may sleep on.
  void HelpUntil(const std::function<bool()>& done);

  // Wakes the threads in HelpUntil() to test their conditions again. Cheap
  // when none is waiting.
  void Notify();

 private:
  // Runs tasks until stop_.
  void WorkerLoop();
  // Counts an event (a task's end, a Notify()) and wakes the waiters.
  // REQUIRES: mu_ held.
  void CountEvent();

  std::mutex mu_;
  std::condition_variable work_cv_;   // Workers: a task was queued, or stop.
  std::condition_variable event_cv_;  // Helpers: a task was queued or ended.
  std::deque<std::function<void()>> queue_;  // Guarded by mu_.
  uint64_t events_ = 0;                      // Guarded by mu_.
  int idle_workers_ = 0;                     // Guarded by mu_.
  int waiting_helpers_ = 0;                  // Guarded by mu_.
  bool stop_ = false;                        // Guarded by mu_.
  std::vector<std::thread> threads_;
};

// A Strand runs the tasks posted to it one at a time, in the order they were
// posted, as tasks of "pool" (so on any of its threads, or a helper). An
// ordered stage of a pipeline: reading the inputs, writing the outputs.
//
// Thread-safe. The pool must outlive the strand, and the strand every task
// posted to it (wait with idle()).
class Strand {
 public:
  explicit Strand(WorkerPool* pool) : pool_(pool) {}
  Strand(const Strand&) = delete;
  Strand& operator=(const Strand&) = delete;

  // Queues "task" after every task posted before it.
  void Post(std::function<void()> task);

  // True if no posted task is queued or running.
  bool idle();

 private:
  void Drain();

  WorkerPool* const pool_;
  std::mutex mu_;
  std::deque<std::function<void()>> queue_;  // Guarded by mu_.
  bool running_ = false;                     // Guarded by mu_.
};

// Work on items [0, n) of a batch, cut into chunks of consecutive items that
// run as tasks of a pool, each once: on a worker, or on the thread that needs
// it first. A consumer that goes through the items in order waits for each
// with Await(), which runs the item's chunk itself if no one has taken it
// yet, else helps the pool until the chunk is done.
//
// Thread-safe. "work" and the pool must outlive the TaskChunks, and the
// TaskChunks every task it scheduled: call AwaitAll() (or Cancel() and then
// AwaitAll()) before destroying it.
class TaskChunks {
 public:
  // Cuts [0, n) into chunks that end after "max_items" items or once their
  // items' weights (weight(i), e.g. bytes) reach "max_weight". "work(begin,
  // end)" does the work of items [begin, end).
  TaskChunks(size_t n, const std::function<size_t(size_t)>& weight,
             size_t max_items, size_t max_weight,
             std::function<void(size_t, size_t)> work);
  TaskChunks(const TaskChunks&) = delete;
  TaskChunks& operator=(const TaskChunks&) = delete;

  // Schedules one task per chunk on "pool".
  void ScheduleAll(WorkerPool* pool);

  // Returns once the chunk that holds item "i" has run.
  void Await(size_t i, WorkerPool* pool);

  // Returns once every chunk has run and every scheduled task has ended.
  void AwaitAll(WorkerPool* pool);

  // Chunks that no one has taken yet will not run: their tasks end at once.
  // Chunks that are running finish (AwaitAll() waits for them).
  void Cancel();

  // True if the chunk that holds item "i" has run.
  bool done(size_t i) const;

  size_t size() const { return n_; }

 private:
  // Runs chunk "c" if no one has taken it; returns whether it did.
  bool TryRun(size_t c);
  size_t ChunkOf(size_t i) const;

  const size_t n_;
  const std::function<void(size_t, size_t)> work_;
  std::vector<size_t> ends_;  // End of each chunk, increasing.
  // Per chunk: 0 free, 1 taken, 2 done.
  std::unique_ptr<std::atomic<uint8_t>[]> state_;
  std::atomic<size_t> running_tasks_{0};  // Scheduled, not yet ended.
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_WORKER_POOL_H_
