// Copyright 2026 The pith Authors.
//
// FileLock: an exclusive advisory lock (flock(2)) on a lock file, for a file
// that many processes update by replacing it (a Deduplicator's index). The
// lock cannot be on that file itself: rename() gives the path a new inode,
// and a second process would lock the new one while the first still holds
// the old. So the lock is on "FILE.lock" beside it, which is created once
// and never renamed or removed. The holder writes its process id into it,
// so that a process that finds it locked can say who holds it.
//
// The lock belongs to the open file description: it is released when the
// FileLock is destroyed, or when the process exits or crashes (the kernel
// closes the descriptor). A second FileLock on the same file in the same
// process is refused like one in another process. Descriptors are
// close-on-exec; a child made with fork() without exec shares the lock.
// flock() locks are reliable on local file systems; over NFS they depend on
// the server (Linux emulates them with byte-range locks there).

#ifndef PITH_LIB_IO_FILE_LOCK_H_
#define PITH_LIB_IO_FILE_LOCK_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace pith {
namespace internal {

// Not thread-safe; not copyable or movable (hold it in a unique_ptr).
class FileLock {
 public:
  // Locks "lock_path", creating it (mode 0666 less the umask) if needed.
  // "what" names the locked thing in messages ("index pages.pidx"). If
  // another holder has it: with "wait", blocks until it is released; else
  // fails at once with Unavailable, "what is in use by process PID (lock
  // file LOCK_PATH)". Other errors are the errno mapping, naming the lock
  // file.
  static absl::StatusOr<std::unique_ptr<FileLock>> Acquire(
      const std::string& lock_path, const std::string& what, bool wait);

  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();  // Releases the lock.

  // True if "lock_path" is the file this lock holds (the same inode, by
  // whatever name).
  bool Holds(const std::string& lock_path) const;

  const std::string& path() const { return path_; }

 private:
  FileLock(int fd, std::string path, dev_t dev, ino_t ino)
      : fd_(fd), path_(std::move(path)), dev_(dev), ino_(ino) {}
  int fd_;
  std::string path_;
  dev_t dev_;
  ino_t ino_;
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_IO_FILE_LOCK_H_
