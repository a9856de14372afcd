// Copyright 2026 The pith Authors.
//
// A shared index (issue 15, item 2): Deduplicator::Open() locks the index
// until the Deduplicator is destroyed, so that two runs cannot both load,
// add and save it (the last to save would drop the other's units). Tested
// with real processes (fork), so it is not in the ThreadSanitizer run.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "pith/dedup.h"

namespace pith {
namespace {

std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return absl::StrCat(dir != nullptr ? dir : "/tmp", "/pith_lock_", getpid(),
                      "_", name);
}

void Remove(const std::string& path) {
  std::remove(path.c_str());
  std::remove((path + ".lock").c_str());
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

DedupOptions Options(bool wait = false) {
  DedupOptions o;
  o.unit = DedupUnit::kParagraph;
  o.wait_for_index_lock = wait;
  return o;
}

// A paragraph of 12 words unique to "id".
std::string Text(const std::string& id) {
  std::string t;
  for (int w = 0; w < 12; ++w) absl::StrAppend(&t, id, "w", w, " ");
  return t;
}

TEST(DedupIndexLockTest, SecondOpenFailsNamingTheIndexAndTheHolder) {
  const std::string path = TempPath("second");
  Remove(path);
  {
    absl::StatusOr<Deduplicator> first = Deduplicator::Open(path, Options());
    ASSERT_TRUE(first.ok()) << first.status();
    absl::StatusOr<Deduplicator> second = Deduplicator::Open(path, Options());
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
    EXPECT_EQ(second.status().message(),
              absl::StrCat("index ", path, " is in use by process ", getpid(),
                           " (lock file ", path, ".lock)"));
    // Saving over it from a Deduplicator that does not hold it fails too,
    // and leaves the file alone.
    ASSERT_TRUE(first->Save(path).ok());
    const std::string saved = ReadAll(path);
    absl::StatusOr<Deduplicator> other = Deduplicator::Create(Options());
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(other->Add("x", Text("x")).ok());
    EXPECT_EQ(other->Save(path).code(), absl::StatusCode::kUnavailable);
    EXPECT_EQ(ReadAll(path), saved);
    // Its own saves, and saves elsewhere, go through.
    ASSERT_TRUE(first->Add("a", Text("a")).ok());
    EXPECT_TRUE(first->Save(path).ok());
    EXPECT_TRUE(first->Save(path + ".copy").ok());
    Remove(path + ".copy");
  }
  // Released with the Deduplicator.
  absl::StatusOr<Deduplicator> again = Deduplicator::Open(path, Options());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->stats().documents, 1u);
  Remove(path);
}

TEST(DedupIndexLockTest, LoadTakesNoLock) {
  const std::string path = TempPath("load");
  Remove(path);
  absl::StatusOr<Deduplicator> first = Deduplicator::Open(path, Options());
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->Save(path).ok());
  EXPECT_TRUE(Deduplicator::Load(path, Options()).ok());
  Remove(path);
}

// Runs "child" in a forked process; returns its pid.
template <typename Fn>
pid_t Spawn(Fn child) {
  const pid_t pid = fork();
  if (pid == 0) _exit(child());
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  return status;
}

TEST(DedupIndexLockTest, AnotherProcessIsRefusedWhileOneHoldsTheIndex) {
  const std::string path = TempPath("process");
  Remove(path);
  int ready[2], go[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(go), 0);
  const pid_t holder = Spawn([&] {
    absl::StatusOr<Deduplicator> d = Deduplicator::Open(path, Options());
    if (!d.ok()) return 2;
    char c = 'r';
    if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1) return 3;
    return 0;
  });
  char c;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  absl::StatusOr<Deduplicator> d = Deduplicator::Open(path, Options());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(absl::StrContains(d.status().message(),
                                absl::StrCat("in use by process ", holder)))
      << d.status();
  c = 'g';
  ASSERT_EQ(write(go[1], &c, 1), 1);
  const int status = Wait(holder);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_TRUE(Deduplicator::Open(path, Options()).ok());
  for (int fd : {ready[0], ready[1], go[0], go[1]}) close(fd);
  Remove(path);
}

TEST(DedupIndexLockTest, ACrashReleasesTheLock) {
  const std::string path = TempPath("crash");
  Remove(path);
  const pid_t pid = Spawn([&] {
    absl::StatusOr<Deduplicator> d = Deduplicator::Open(path, Options());
    if (!d.ok()) return 2;
    raise(SIGKILL);
    return 3;
  });
  const int status = Wait(pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  EXPECT_TRUE(Deduplicator::Open(path, Options()).ok());
  Remove(path);
}

// The lost update of the issue: runs that load, add and save one index at
// the same time. With waiting, each run sees the units of the runs that
// saved before it, and the final index holds every run's documents.
TEST(DedupIndexLockTest, ConcurrentRunsThatWaitLoseNothing) {
  const std::string path = TempPath("runs");
  Remove(path);
  constexpr int kRuns = 4, kDocs = 20;
  std::vector<pid_t> pids;
  for (int run = 0; run < kRuns; ++run) {
    pids.push_back(Spawn([&, run] {
      absl::StatusOr<Deduplicator> d =
          Deduplicator::Open(path, Options(/*wait=*/true));
      if (!d.ok()) return 2;
      for (int i = 0; i < kDocs; ++i) {
        const std::string id = absl::StrCat("r", run, "d", i);
        if (!d->Add(id, Text(id)).ok()) return 3;
        usleep(1000);  // Long enough for the others to try.
      }
      return d->Save(path).ok() ? 0 : 4;
    }));
  }
  for (pid_t pid : pids) {
    const int status = Wait(pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  absl::StatusOr<Deduplicator> all = Deduplicator::Load(path, Options());
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->stats().documents, uint64_t{kRuns * kDocs});
  EXPECT_EQ(all->stats().indexed_units, uint64_t{kRuns * kDocs});
  Remove(path);
}

}  // namespace
}  // namespace pith
