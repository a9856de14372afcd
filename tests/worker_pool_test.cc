// Copyright 2026 The pith Authors.
//
// The worker pool behind the pipeline and Deduplicator batches
// (lib/worker_pool.h): every task runs once, strands keep order, chunks run
// once whoever takes them, and a pool without workers runs everything on
// the thread that helps. Run under ThreadSanitizer by tools/ci/tsan.sh.

#include "lib/worker_pool.h"

#include <atomic>
#include <mutex>
#include <numeric>
#include <vector>

#include "gtest/gtest.h"

namespace pith {
namespace internal {
namespace {

TEST(WorkerPoolTest, ResolveThreadsKeepsPositiveCounts) {
  EXPECT_EQ(ResolveThreads(3), 3);
  EXPECT_GE(ResolveThreads(0), 1);
  EXPECT_EQ(ResolveThreads(0), ResolveThreads(0));
}

TEST(WorkerPoolTest, EveryTaskRunsOnceWhoeverRunsIt) {
  for (int threads : {0, 1, 3}) {
    WorkerPool pool(threads);
    std::vector<std::atomic<int>> runs(1000);
    std::atomic<int> done{0};
    for (size_t i = 0; i < runs.size(); ++i) {
      pool.Schedule([&, i] {
        ++runs[i];
        ++done;
      });
    }
    pool.HelpUntil([&] { return done.load() == 1000; });
    for (const std::atomic<int>& r : runs) EXPECT_EQ(r.load(), 1);
  }
}

TEST(WorkerPoolTest, NotifyWakesAHelperForAConditionSetOutsideTasks) {
  WorkerPool pool(1);
  std::atomic<bool> flag{false};
  std::thread setter([&] {
    flag = true;
    pool.Notify();
  });
  pool.HelpUntil([&] { return flag.load(); });
  setter.join();
}

TEST(StrandTest, TasksRunOneAtATimeInOrder) {
  for (int threads : {0, 2, 4}) {
    WorkerPool pool(threads);
    Strand strand(&pool);
    std::vector<int> order;  // Touched by strand tasks only.
    std::atomic<int> running{0};
    bool overlapped = false;
    for (int i = 0; i < 500; ++i) {
      strand.Post([&, i] {
        if (++running != 1) overlapped = true;
        order.push_back(i);
        --running;
      });
    }
    pool.HelpUntil([&] { return strand.idle(); });
    EXPECT_FALSE(overlapped);
    std::vector<int> want(500);
    std::iota(want.begin(), want.end(), 0);
    EXPECT_EQ(order, want);
  }
}

TEST(TaskChunksTest, EachChunkRunsOnceAndAwaitSeesItsItem) {
  for (int threads : {0, 1, 3}) {
    WorkerPool pool(threads);
    const size_t n = 997;
    std::vector<std::atomic<int>> runs(n);
    TaskChunks chunks(
        n, [](size_t i) { return i % 7; }, 16, 40,
        [&](size_t begin, size_t end) {
          for (size_t i = begin; i < end; ++i) ++runs[i];
        });
    if (threads > 0) chunks.ScheduleAll(&pool);
    for (size_t i = 0; i < n; ++i) {
      chunks.Await(i, &pool);
      ASSERT_TRUE(chunks.done(i));
      ASSERT_EQ(runs[i].load(), 1) << i;
    }
    chunks.AwaitAll(&pool);
    for (const std::atomic<int>& r : runs) EXPECT_EQ(r.load(), 1);
  }
}

TEST(TaskChunksTest, CancelledChunksNeverRun) {
  WorkerPool pool(0);  // Nothing runs unless this thread runs it.
  std::atomic<int> ran{0};
  TaskChunks chunks(
      100, [](size_t) { return 1; }, 10, 1000,
      [&](size_t begin, size_t end) { ran += static_cast<int>(end - begin); });
  chunks.ScheduleAll(&pool);
  chunks.Await(15, &pool);  // Runs the second chunk only.
  EXPECT_EQ(ran.load(), 10);
  chunks.Cancel();
  chunks.AwaitAll(&pool);
  EXPECT_EQ(ran.load(), 10);
  EXPECT_FALSE(chunks.done(50));
}

}  // namespace
}  // namespace internal
}  // namespace pith
