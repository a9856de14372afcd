// Copyright 2026 The pith Authors.

#include "pith/parallel.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "pith/cleaner.h"
#include "pith/rules.h"

namespace pith {
namespace {

TEST(ParallelForTest, EachItemOnceInChunksOfTheGivenSize) {
  for (int threads : {0, 1, 2, 5}) {
    for (size_t chunk : {size_t{0}, size_t{1}, size_t{7}, size_t{1000}}) {
      std::vector<std::atomic<int>> seen(103);
      std::atomic<int> calls{0};
      ParallelFor(seen.size(), threads, chunk, [&](size_t begin, size_t end) {
        ASSERT_LT(begin, end);
        ASSERT_LE(end - begin, chunk == 0 ? 1 : chunk);
        ASSERT_TRUE(begin % (chunk == 0 ? 1 : chunk) == 0);
        for (size_t i = begin; i < end; ++i) ++seen[i];
        ++calls;
      });
      for (size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i].load(), 1) << "item " << i << " threads " << threads;
      }
      const size_t c = chunk == 0 ? 1 : chunk;
      EXPECT_EQ(calls.load(), static_cast<int>((seen.size() + c - 1) / c));
    }
  }
  ParallelFor(0, 2, 1, [](size_t, size_t) { FAIL() << "no items, no call"; });
}

TEST(ParallelForTest, UsesSeveralThreadsWhenAsked) {
  // Each chunk waits until two chunks run at once, or gives up after a while:
  // with two threads, two run at once.
  std::mutex mu;
  std::set<std::thread::id> ids;
  std::atomic<int> running{0};
  std::atomic<bool> overlapped{false};
  ParallelFor(8, 2, 1, [&](size_t, size_t) {
    {
      std::lock_guard<std::mutex> lock(mu);
      ids.insert(std::this_thread::get_id());
    }
    ++running;
    for (int i = 0; i < 2000 && !overlapped; ++i) {
      if (running.load() >= 2) overlapped = true;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    --running;
  });
  EXPECT_TRUE(overlapped.load());
  EXPECT_EQ(ids.size(), 2u);
}

TEST(ParallelForTest, CleansPagesAsOneThreadDoes) {
  absl::StatusOr<RuleSet> rules = RuleSet::Default(RuleSetOptions());
  ASSERT_TRUE(rules.ok()) << rules.status();
  absl::StatusOr<Cleaner> cleaner =
      Cleaner::Create(std::move(*rules), CleanerOptions());
  ASSERT_TRUE(cleaner.ok()) << cleaner.status();
  std::vector<std::string> pages;
  for (int i = 0; i < 40; ++i) {
    pages.push_back(
        "Home | News | Sport\n\nThe council met on Tuesday to "
        "discuss the new budget for the year " +
        std::to_string(2000 + i) +
        ", and the vote was close.\n\nShare this article\n");
  }
  std::vector<CleanResult> one(pages.size()), many(pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    ASSERT_TRUE(cleaner->Clean(pages[i], &one[i]).ok());
  }
  ParallelFor(pages.size(), 2, 3, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      ASSERT_TRUE(cleaner->Clean(pages[i], &many[i]).ok());
    }
  });
  for (size_t i = 0; i < pages.size(); ++i) {
    EXPECT_EQ(many[i].text, one[i].text);
    EXPECT_EQ(many[i].removals.size(), one[i].removals.size());
  }
}

}  // namespace
}  // namespace pith
