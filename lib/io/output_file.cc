// Copyright 2026 The pith Authors.
//
// OutputFile: buffered, optionally zstd-compressed output that appears at
// its path atomically (temporary file + fsync + rename), or goes to stdout.
// A file that will be synced has its writeback started every few megabytes
// as it is written, so that the disk works while pith does, and the fsync at
// the end waits only for the last few.

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "pith/io.h"

namespace pith {
namespace {

absl::Status ErrnoError(int e, absl::string_view path, absl::string_view what) {
  return absl::ErrnoToStatus(e, absl::StrCat(path, ": ", what));
}

// Writes all of "data" to "fd".
absl::Status WriteAll(int fd, const char* data, size_t n,
                      absl::string_view path) {
  while (n > 0) {
    const ssize_t r = write(fd, data, n);
    if (r < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(errno, path, "write failed");
    }
    data += r;
    n -= static_cast<size_t>(r);
  }
  return absl::OkStatus();
}

// Bytes written between two starts of writeback (see Rep::Written).
constexpr uint64_t kWritebackBytes = uint64_t{8} << 20;

// Makes a rename in the directory of "path" durable. Best effort: some file
// systems cannot fsync a directory.
void SyncDirectory(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

}  // namespace

struct OutputFile::Rep {
  std::string path;
  std::string target;     // Where rename() puts the file: "path", or the
                          // file a symlink at "path" points to.
  std::string temp_path;  // Empty for stdout and for direct writes.
  int fd = -1;
  bool owns_fd = false;
  bool finished = false;  // Committed or aborted.
  OutputOptions options;
  std::string buf;  // Pending bytes (uncompressed).
  ZSTD_CCtx* cctx = nullptr;
  std::string zbuf;           // Compressed output.
  uint64_t written = 0;       // Bytes written to "fd".
  uint64_t written_back = 0;  // Bytes whose writeback has been started.

  ~Rep() { ZSTD_freeCCtx(cctx); }

  // Writes all of "data" to "fd".
  absl::Status Write(const char* data, size_t n) {
    absl::Status s = WriteAll(fd, data, n, path);
    if (!s.ok()) return s;
    written += n;
    if (options.sync && !temp_path.empty() &&
        written - written_back >= kWritebackBytes) {
#if defined(SYNC_FILE_RANGE_WRITE)
      // Starts writing the new bytes to disk without waiting; best effort
      // (Commit's fsync reports any error).
      sync_file_range(fd, static_cast<off_t>(written_back),
                      static_cast<off_t>(written - written_back),
                      SYNC_FILE_RANGE_WRITE);
#endif
      written_back = written;
    }
    return absl::OkStatus();
  }

  // Writes out "buf", compressing it if needed; "end" ends the zstd frame.
  absl::Status Flush(bool end) {
    if (cctx == nullptr) {
      absl::Status s = Write(buf.data(), buf.size());
      buf.clear();
      return s;
    }
    ZSTD_inBuffer in = {buf.data(), buf.size(), 0};
    const ZSTD_EndDirective mode = end ? ZSTD_e_end : ZSTD_e_continue;
    for (;;) {
      ZSTD_outBuffer out = {&zbuf[0], zbuf.size(), 0};
      const size_t left = ZSTD_compressStream2(cctx, &out, &in, mode);
      if (ZSTD_isError(left)) {
        return absl::InternalError(absl::StrCat(
            path, ": zstd compression failed: ", ZSTD_getErrorName(left)));
      }
      absl::Status s = Write(zbuf.data(), out.pos);
      if (!s.ok()) return s;
      if (end ? left == 0 : in.pos == in.size) break;
    }
    buf.clear();
    return absl::OkStatus();
  }
};

OutputFile::OutputFile(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
OutputFile::OutputFile(OutputFile&&) noexcept = default;
OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
  if (this != &other) {
    Abort();
    rep_ = std::move(other.rep_);
  }
  return *this;
}
OutputFile::~OutputFile() { Abort(); }

absl::StatusOr<OutputFile> OutputFile::Open(const std::string& path,
                                            const OutputOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->path = path;
  rep->options = options;
  if (rep->options.buffer_bytes == 0) rep->options.buffer_bytes = 1;
  bool compress = options.compression == OutputOptions::Compression::kZstd;
  if (path == "-") {
    rep->fd = STDOUT_FILENO;
  } else {
    if (options.compression == OutputOptions::Compression::kAuto) {
      compress = absl::EndsWith(path, ".zst");
    }
    // A path that is not a regular file (/dev/stderr, a FIFO, a terminal)
    // cannot be replaced by rename(): write to it directly. A symlink to a
    // regular file is replaced at its target, so the link survives.
    struct stat st;
    if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) return ErrnoError(errno, path, "cannot open for writing");
      rep->fd = fd;
      rep->owns_fd = true;
      return FinishOpen(std::move(rep), compress, options);
    }
    rep->target = path;
    struct stat lst;
    if (lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
      char* resolved = realpath(path.c_str(), nullptr);
      if (resolved != nullptr) {
        rep->target = resolved;
        free(resolved);
      }
    }
    const std::string& target = rep->target;
    const size_t slash = target.rfind('/');
    const std::string dir = slash == std::string::npos
                                ? std::string()
                                : target.substr(0, slash + 1);
    const std::string base =
        slash == std::string::npos ? target : target.substr(slash + 1);
    if (base.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": not a file name"));
    }
    rep->temp_path = absl::StrCat(dir, ".", base, ".tmp.XXXXXX");
    const int fd = mkostemp(&rep->temp_path[0], O_CLOEXEC);
    if (fd < 0) {
      const int e = errno;
      rep->temp_path.clear();
      return ErrnoError(e, path, "cannot create a temporary file");
    }
    rep->fd = fd;
    rep->owns_fd = true;
    // mkstemp creates 0600; give the file the mode open(2) would.
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
  }
  return FinishOpen(std::move(rep), compress, options);
}

absl::StatusOr<OutputFile> OutputFile::FinishOpen(
    std::unique_ptr<Rep> rep, bool compress, const OutputOptions& options) {
  const std::string& path = rep->path;
  if (compress) {
    rep->cctx = ZSTD_createCCtx();
    if (rep->cctx == nullptr) {
      OutputFile doomed(std::move(rep));  // Removes the temporary file.
      return absl::ResourceExhaustedError(
          absl::StrCat(path, ": cannot allocate a zstd encoder"));
    }
    ZSTD_CCtx_setParameter(rep->cctx, ZSTD_c_compressionLevel,
                           options.zstd_level);
    ZSTD_CCtx_setParameter(rep->cctx, ZSTD_c_checksumFlag, 1);
    rep->zbuf.resize(ZSTD_CStreamOutSize());
  }
  rep->buf.reserve(rep->options.buffer_bytes);
  return OutputFile(std::move(rep));
}

absl::Status OutputFile::Write(absl::string_view data) {
  Rep& r = *rep_;
  if (r.buf.size() + data.size() <= r.options.buffer_bytes) {
    r.buf.append(data.data(), data.size());
    return absl::OkStatus();
  }
  absl::Status s = r.Flush(false);
  if (!s.ok()) return s;
  if (data.size() >= r.options.buffer_bytes) {
    if (r.cctx == nullptr) return r.Write(data.data(), data.size());
    r.buf.assign(data.data(), data.size());
    return r.Flush(false);
  }
  r.buf.assign(data.data(), data.size());
  return absl::OkStatus();
}

absl::Status OutputFile::Commit() {
  Rep& r = *rep_;
  absl::Status s = r.Flush(/*end=*/r.cctx != nullptr);
  if (s.ok() && r.owns_fd) {
    if (r.options.sync && !r.temp_path.empty() && fsync(r.fd) != 0) {
      s = ErrnoError(errno, r.path, "fsync failed");
    }
    if (close(r.fd) != 0 && s.ok()) {
      s = ErrnoError(errno, r.path, "close failed");
    }
    r.fd = -1;
    r.owns_fd = false;
    if (s.ok() && !r.temp_path.empty()) {
      if (rename(r.temp_path.c_str(), r.target.c_str()) != 0) {
        s = ErrnoError(errno, r.path, "rename failed");
      } else {
        r.temp_path.clear();
        if (r.options.sync) SyncDirectory(r.target);
      }
    }
  }
  if (!s.ok()) {
    Abort();
    return s;
  }
  r.finished = true;
  return s;
}

void OutputFile::Abort() {
  if (rep_ == nullptr || rep_->finished) return;
  Rep& r = *rep_;
  r.finished = true;
  r.buf.clear();
  if (r.owns_fd) close(r.fd);
  r.fd = -1;
  r.owns_fd = false;
  if (!r.temp_path.empty()) unlink(r.temp_path.c_str());
  r.temp_path.clear();
}

const std::string& OutputFile::path() const { return rep_->path; }

}  // namespace pith
