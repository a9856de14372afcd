// Copyright 2026 The pith Authors.
//
// Outputs (issue 15, items 1, 5, 6, 7): descriptors are written in place
// through the open descriptor, replaced files keep their mode, two spellings
// of one output are the same output, and a signal removes the temporary
// files of outputs not yet committed.

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "pith/io.h"
#include "tests/file_test_util.h"

namespace pith {
namespace {

std::string TempDir() { return testing_files::MakeTempDir("pith_output"); }

using testing_files::ReadFile;

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

absl::Status WriteOutput(const std::string& path, const std::string& data) {
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
  if (!out.ok()) return out.status();
  absl::Status s = out->Write(data);
  if (!s.ok()) return s;
  return out->Commit();
}

mode_t Mode(const std::string& path) {
  struct stat st;
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

// "-o /dev/stdout >> acc.jsonl" twice: the descriptor is opened O_APPEND
// by the shell, and both runs must land in the file, in order.
TEST(IoOutputTest, DescriptorPathsAreWrittenInPlace) {
  const std::string dir = TempDir();
  const std::string acc = dir + "/acc.jsonl";
  WriteFile(acc, "before\n");
  const int fd = open(acc.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(
      symlink(absl::StrCat("/dev/fd/", fd).c_str(), (dir + "/link").c_str()),
      0);
  for (const std::string& name :
       {absl::StrCat("/dev/fd/", fd), absl::StrCat("/proc/self/fd/", fd),
        absl::StrCat("/proc/", getpid(), "/fd/", fd),
        absl::StrCat("//dev/./fd/", fd), dir + "/link"}) {
    ASSERT_TRUE(WriteOutput(name, name + "\n").ok()) << name;
  }
  close(fd);
  EXPECT_EQ(ReadFile(acc),
            absl::StrCat("before\n/dev/fd/", fd, "\n/proc/self/fd/", fd,
                         "\n/proc/", getpid(), "/fd/", fd, "\n//dev/./fd/", fd,
                         "\n", dir, "/link\n"));
  EXPECT_EQ(ListDir(dir), (std::vector<std::string>{"acc.jsonl", "link"}));
}

// Without O_APPEND ("> file", or "2>&1"), output goes at the descriptor's
// own offset, after what was written through it before.
TEST(IoOutputTest, DescriptorOffsetIsShared) {
  const std::string dir = TempDir();
  const std::string log = dir + "/job.log";
  const int fd =
      open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, "log line\n", 9), 9);
  ASSERT_TRUE(WriteOutput(absl::StrCat("/dev/fd/", fd), "report\n").ok());
  ASSERT_EQ(write(fd, "more log\n", 9), 9);
  close(fd);
  EXPECT_EQ(ReadFile(log), "log line\nreport\nmore log\n");
}

TEST(IoOutputTest, ClosedDescriptorIsAnErrorNamingThePath) {
  absl::Status s = WriteOutput("/dev/fd/987", "x");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(absl::StartsWith(s.message(), "/dev/fd/987: ")) << s;
}

TEST(IoOutputTest, ReplacedFileKeepsItsMode) {
  const std::string dir = TempDir();
  for (mode_t mode : {0640, 0600, 0444, 0755}) {
    const std::string path = dir + "/out.txt";
    WriteFile(path, "old");
    ASSERT_EQ(chmod(path.c_str(), mode), 0);
    ASSERT_TRUE(WriteOutput(path, "new").ok());
    EXPECT_EQ(ReadFile(path), "new");
    EXPECT_EQ(Mode(path), mode);
    unlink(path.c_str());
  }
  // A new file gets 0666 less the umask.
  const mode_t old_mask = umask(027);
  ASSERT_TRUE(WriteOutput(dir + "/new.txt", "x").ok());
  umask(old_mask);
  EXPECT_EQ(Mode(dir + "/new.txt"), 0640u);
}

TEST(IoOutputTest, SameOutputFileSeesThroughSpellings) {
  const std::string dir = TempDir();
  WriteFile(dir + "/a", "a");
  ASSERT_EQ(symlink("a", (dir + "/link").c_str()), 0);
  ASSERT_EQ(mkdir((dir + "/sub").c_str(), 0755), 0);
  EXPECT_TRUE(SameOutputFile(dir + "/a", dir + "/a"));
  EXPECT_TRUE(SameOutputFile(dir + "/a", dir + "/./sub/../a"));
  EXPECT_TRUE(SameOutputFile(dir + "/a", dir + "/link"));
  EXPECT_TRUE(SameOutputFile(dir + "/new", dir + "/sub/../new"));
  EXPECT_TRUE(SameOutputFile("-", "/dev/stdout"));
  EXPECT_TRUE(SameOutputFile("/proc/self/fd/1", "/dev/fd/1"));
  EXPECT_FALSE(SameOutputFile(dir + "/a", dir + "/b"));
  EXPECT_FALSE(SameOutputFile("-", "/dev/stderr"));
  EXPECT_FALSE(SameOutputFile("/dev/null", "/dev/null"));
  EXPECT_FALSE(SameOutputFile(dir + "/a", dir + "/sub/a"));
}

// Runs "child" in a forked process and returns its wait status.
template <typename Fn>
int InChild(Fn child) {
  const pid_t pid = fork();
  if (pid == 0) {
    child();
    _exit(0);
  }
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  return status;
}

// Opens an output over an existing file, writes to it, and dies of "sig".
void WriteAndDie(const std::string& path, int sig, bool install) {
  if (install && !InstallOutputCleanupOnSignals().ok()) _exit(2);
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
  if (!out.ok() || !out->Write(std::string(3 << 20, 'x')).ok()) _exit(3);
  raise(sig);
  _exit(4);  // The signal did not end the process.
}

TEST(IoOutputTest, SignalsRemoveTemporaryFilesAndKeepTheOldOutput) {
  for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGPIPE}) {
    const std::string dir = TempDir();
    WriteFile(dir + "/out.jsonl", "old output\n");
    const int status =
        InChild([&] { WriteAndDie(dir + "/out.jsonl", sig, true); });
    ASSERT_TRUE(WIFSIGNALED(status)) << sig << " status " << status;
    EXPECT_EQ(WTERMSIG(status), sig);
    EXPECT_EQ(ListDir(dir), std::vector<std::string>{"out.jsonl"}) << sig;
    EXPECT_EQ(ReadFile(dir + "/out.jsonl"), "old output\n");
  }
}

TEST(IoOutputTest, WithoutTheHandlersASignalLeavesTheTemporaryFile) {
  const std::string dir = TempDir();
  const int status =
      InChild([&] { WriteAndDie(dir + "/out.jsonl", SIGTERM, false); });
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(ListDir(dir).size(), 1u);  // The hidden .out.jsonl.tmp.XXXXXX.
  RemoveTemporaryOutputFiles();        // Not this process's: nothing happens.
  EXPECT_EQ(ListDir(dir).size(), 1u);
}

TEST(IoOutputTest, IgnoredSignalStaysIgnored) {
  const std::string dir = TempDir();
  const int status = InChild([&] {
    signal(SIGHUP, SIG_IGN);  // As nohup does.
    if (!InstallOutputCleanupOnSignals().ok()) _exit(2);
    raise(SIGHUP);
    if (!WriteOutput(dir + "/out.txt", "done").ok()) _exit(3);
  });
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(ReadFile(dir + "/out.txt"), "done");
}

TEST(IoOutputTest, RemoveTemporaryOutputFilesRemovesOnlyOpenOnes) {
  const std::string dir = TempDir();
  WriteFile(dir + "/kept", "kept");
  absl::StatusOr<OutputFile> open =
      OutputFile::Open(dir + "/a", OutputOptions());
  ASSERT_TRUE(open.ok());
  ASSERT_TRUE(WriteOutput(dir + "/b", "b").ok());
  EXPECT_EQ(ListDir(dir).size(), 3u);  // kept, b, .a.tmp.XXXXXX
  RemoveTemporaryOutputFiles();
  EXPECT_EQ(ListDir(dir), (std::vector<std::string>{"b", "kept"}));
  open->Abort();
}

}  // namespace
}  // namespace pith
