// Copyright 2026 The pith Authors.
//
// OutputFile: buffered, optionally compressed output that replaces a regular
// file atomically (temporary file + fsync + rename), or is written in place
// through a descriptor or a special file (lib/io/output_target.h says
// which). A file that will be synced has its writeback started every few
// megabytes as it is written, so that the disk works while pith does, and
// the fsync at the end waits only for the last few.

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/io/codec.h"
#include "lib/io/output_target.h"
#include "lib/io/temp_files.h"
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

// Bytes written between two starts of writeback (see Rep::Write).
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

// Six characters for a temporary file name, different in every call and
// process (the name is then created with O_EXCL, so a clash only retries).
std::string RandomSuffix() {
  static std::atomic<uint64_t> counter{0};
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  uint64_t x = (static_cast<uint64_t>(ts.tv_nsec) ^
                (static_cast<uint64_t>(ts.tv_sec) << 30)) +
               (static_cast<uint64_t>(getpid()) << 40) +
               0x9E3779B97F4A7C15ull * ++counter;
  // splitmix64 finalizer.
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  x ^= x >> 31;
  static constexpr char kChars[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string s(6, 'X');
  for (char& c : s) {
    c = kChars[x % 62];
    x /= 62;
  }
  return s;
}

}  // namespace

struct OutputFile::Rep {
  std::string path;
  std::string target;     // The file rename() replaces ("path" resolved).
  std::string temp_path;  // Empty when writing in place.
  int temp_slot = -1;     // Its slot in lib/io/temp_files.h.
  int fd = -1;
  bool finished = false;  // Committed or aborted.
  OutputOptions options;
  std::string buf;  // Pending bytes (uncompressed).
  std::unique_ptr<internal::Encoder> encoder;
  std::string zbuf;           // Compressed output.
  uint64_t written = 0;       // Bytes written to "fd".
  uint64_t written_back = 0;  // Bytes whose writeback has been started.

  ~Rep() {
    if (fd >= 0) close(fd);
    if (!temp_path.empty()) unlink(temp_path.c_str());
    internal::ReleaseTempSlot(temp_slot);
  }

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

  // Writes out "buf", compressing it if needed; "end" ends the stream.
  absl::Status Flush(bool end) {
    if (encoder == nullptr) {
      absl::Status s = Write(buf.data(), buf.size());
      buf.clear();
      return s;
    }
    zbuf.clear();
    absl::Status s = encoder->Encode(buf, end, &zbuf);
    if (s.ok()) s = Write(zbuf.data(), zbuf.size());
    buf.clear();
    return s;
  }

  // Creates the temporary file beside "target", with the mode (and owner,
  // where allowed) of the file it will replace.
  absl::Status CreateTemp() {
    const size_t slash = target.rfind('/');
    const std::string dir = slash == std::string::npos
                                ? std::string()
                                : target.substr(0, slash + 1);
    const std::string base =
        slash == std::string::npos ? target : target.substr(slash + 1);
    if (base.empty() || base == "." || base == "..") {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": not a file name"));
    }
    struct stat old;
    const bool replacing = stat(target.c_str(), &old) == 0;
    // Registered before it exists, so that a signal at any moment after
    // the file is created finds it.
    temp_slot = internal::ClaimTempSlot();
    int e = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
      temp_path = absl::StrCat(dir, ".", base, ".tmp.", RandomSuffix());
      internal::ArmTempSlot(temp_slot, temp_path);
      // 0666 less the umask (and any default ACL), as open(2) would give.
      fd = open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                0666);
      if (fd >= 0 || errno != EEXIST) break;
    }
    if (fd < 0) {
      e = errno;
      temp_path.clear();
      return ErrnoError(e, path, "cannot create a temporary file");
    }
    if (replacing) {
      // Owner first: chown may clear the set-user-ID and set-group-ID bits.
      struct stat now;
      if (fstat(fd, &now) == 0 &&
          (now.st_uid != old.st_uid || now.st_gid != old.st_gid) &&
          fchown(fd, old.st_uid, old.st_gid) != 0) {
        (void)!fchown(fd, static_cast<uid_t>(-1), old.st_gid);  // Group only.
      }
      fchmod(fd, old.st_mode & 07777);
    }
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
  const internal::OutputTarget target = internal::ResolveOutputTarget(path);
  internal::Codec codec = internal::Codec::kNone;
  switch (options.compression) {
    case OutputOptions::Compression::kAuto:
      if (target.kind != internal::OutputTarget::Kind::kDescriptor) {
        codec = internal::CodecForName(path);
      }
      break;
    case OutputOptions::Compression::kNone:
      break;
    case OutputOptions::Compression::kZstd:
      codec = internal::Codec::kZstd;
      break;
    case OutputOptions::Compression::kGzip:
      codec = internal::Codec::kGzip;
      break;
  }
  if (codec != internal::Codec::kNone) {
    absl::StatusOr<std::unique_ptr<internal::Encoder>> encoder =
        internal::Encoder::Create(codec, options.level, path);
    if (!encoder.ok()) return encoder.status();
    rep->encoder = *std::move(encoder);
  }
  switch (target.kind) {
    case internal::OutputTarget::Kind::kDescriptor:
      // A duplicate shares the descriptor's offset and O_APPEND flag, so
      // the output goes where the shell sent it ("-o /dev/stdout >> log").
      rep->fd = fcntl(target.fd, F_DUPFD_CLOEXEC, 3);
      if (rep->fd < 0) {
        return ErrnoError(
            errno, path,
            absl::StrCat("cannot write to descriptor ", target.fd));
      }
      break;
    case internal::OutputTarget::Kind::kInPlace:
      do {
        rep->fd = open(target.file.c_str(), O_WRONLY | O_CLOEXEC);
      } while (rep->fd < 0 && errno == EINTR);
      if (rep->fd < 0) {
        return ErrnoError(errno, path, "cannot open for writing");
      }
      break;
    case internal::OutputTarget::Kind::kReplace: {
      rep->target = target.file;
      absl::Status s = rep->CreateTemp();
      if (!s.ok()) return s;
      break;
    }
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
    if (r.encoder == nullptr) return r.Write(data.data(), data.size());
    r.buf.assign(data.data(), data.size());
    return r.Flush(false);
  }
  r.buf.assign(data.data(), data.size());
  return absl::OkStatus();
}

absl::Status OutputFile::Commit() {
  Rep& r = *rep_;
  absl::Status s = r.Flush(/*end=*/true);
  if (s.ok() && r.options.sync && !r.temp_path.empty() && fsync(r.fd) != 0) {
    s = ErrnoError(errno, r.path, "fsync failed");
  }
  // Closing our descriptor (a duplicate, for descriptors) reports errors
  // that some file systems only give then.
  if (close(r.fd) != 0 && s.ok()) {
    s = ErrnoError(errno, r.path, "close failed");
  }
  r.fd = -1;
  if (s.ok() && !r.temp_path.empty()) {
    if (rename(r.temp_path.c_str(), r.target.c_str()) != 0) {
      s = ErrnoError(errno, r.path, "rename failed");
    } else {
      r.temp_path.clear();
      internal::ReleaseTempSlot(r.temp_slot);
      r.temp_slot = -1;
      if (r.options.sync) SyncDirectory(r.target);
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
  if (r.fd >= 0) close(r.fd);
  r.fd = -1;
  if (!r.temp_path.empty()) unlink(r.temp_path.c_str());
  r.temp_path.clear();
  internal::ReleaseTempSlot(r.temp_slot);
  r.temp_slot = -1;
}

const std::string& OutputFile::path() const { return rep_->path; }

}  // namespace pith
