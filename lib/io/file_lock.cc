// Copyright 2026 The pith Authors.

#include "lib/io/file_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace pith {
namespace internal {
namespace {

// The process id written in the lock file, or 0 if there is none (the
// holder may not have written it yet).
long ReadHolder(int fd) {
  char buf[32];
  const ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
  if (n <= 0) return 0;
  long pid = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(
                            absl::string_view(buf, static_cast<size_t>(n))),
                        &pid)) {
    return 0;
  }
  return pid;
}

}  // namespace

absl::StatusOr<std::unique_ptr<FileLock>> FileLock::Acquire(
    const std::string& lock_path, const std::string& what, bool wait) {
  int fd;
  do {
    fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0 && errno == EACCES) {
    // Someone else's lock file: flock() works on a read-only descriptor
    // too (the process id is then not written).
    fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) {
    return absl::ErrnoToStatus(
        errno,
        absl::StrCat(lock_path, ": cannot open the lock file of ", what));
  }
  int r;
  do {
    r = flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB);
  } while (r != 0 && errno == EINTR);
  if (r != 0) {
    const int e = errno;
    if (e == EWOULDBLOCK) {
      const long holder = ReadHolder(fd);
      close(fd);
      return absl::UnavailableError(absl::StrCat(
          what, " is in use by ",
          holder > 0 ? absl::StrCat("process ", holder) : "another process",
          " (lock file ", lock_path, ")"));
    }
    close(fd);
    return absl::ErrnoToStatus(e, absl::StrCat(lock_path, ": cannot lock"));
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    const int e = errno;
    close(fd);
    return absl::ErrnoToStatus(e, absl::StrCat(lock_path, ": cannot stat"));
  }
  // Who holds it, for the message of the next one that tries. Best effort:
  // the lock itself is what excludes.
  const std::string pid = absl::StrCat(getpid(), "\n");
  if (ftruncate(fd, 0) == 0) {
    (void)!pwrite(fd, pid.data(), pid.size(), 0);
  }
  return std::unique_ptr<FileLock>(
      new FileLock(fd, lock_path, st.st_dev, st.st_ino));
}

FileLock::~FileLock() { close(fd_); }

bool FileLock::Holds(const std::string& lock_path) const {
  struct stat st;
  return stat(lock_path.c_str(), &st) == 0 && st.st_dev == dev_ &&
         st.st_ino == ino_;
}

}  // namespace internal
}  // namespace pith
