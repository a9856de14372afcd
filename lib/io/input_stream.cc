// Copyright 2026 The pith Authors.

#include "lib/io/input_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace pith {
namespace internal {
namespace {

constexpr size_t kRawBytes = size_t{1} << 20;

bool IsZstdMagic(const char* p) {
  // Little-endian on disk.
  const unsigned char* u = reinterpret_cast<const unsigned char*>(p);
  const uint32_t magic = uint32_t{u[0]} | (uint32_t{u[1]} << 8) |
                         (uint32_t{u[2]} << 16) | (uint32_t{u[3]} << 24);
  return magic == 0xFD2FB528u || (magic & 0xFFFFFFF0u) == 0x184D2A50u;
}

}  // namespace

struct InputStream::ZstdState {
  ZSTD_DCtx* dctx = nullptr;
  size_t last_ret = 1;  // 0 after a complete, flushed frame.
  ~ZstdState() { ZSTD_freeDCtx(dctx); }
};

InputStream::InputStream(int fd, bool owns_fd, std::string data,
                         std::string name)
    : fd_(fd),
      owns_fd_(owns_fd),
      data_(std::move(data)),
      name_(std::move(name)) {}

InputStream::~InputStream() {
  if (owns_fd_ && fd_ >= 0) close(fd_);
}

absl::StatusOr<std::unique_ptr<InputStream>> InputStream::OpenFile(
    const std::string& path) {
  if (path == "-") {
    return std::unique_ptr<InputStream>(
        new InputStream(STDIN_FILENO, false, std::string(), "stdin"));
  }
  int fd;
  do {
    fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    const int e = errno;
    return absl::ErrnoToStatus(e, absl::StrCat(path, ": cannot open"));
  }
  return std::unique_ptr<InputStream>(
      new InputStream(fd, true, std::string(), path));
}

std::unique_ptr<InputStream> InputStream::FromString(std::string data,
                                                     std::string name) {
  return std::unique_ptr<InputStream>(
      new InputStream(-1, false, std::move(data), std::move(name)));
}

absl::StatusOr<size_t> InputStream::ReadRaw(char* dst, size_t n) {
  if (fd_ < 0) {
    const size_t k = std::min(n, data_.size() - data_pos_);
    std::memcpy(dst, data_.data() + data_pos_, k);
    data_pos_ += k;
    return k;
  }
  for (;;) {
    const ssize_t r = read(fd_, dst, n);
    if (r >= 0) return static_cast<size_t>(r);
    if (errno == EINTR) continue;
    const int e = errno;
    return absl::ErrnoToStatus(e, absl::StrCat(name_, ": read failed"));
  }
}

// Reads the first bytes and decides whether the input is zstd.
absl::Status InputStream::Detect() {
  detected_ = true;
  raw_cap_ = kRawBytes;
  raw_.reset(new char[raw_cap_]);
  while (raw_end_ < 4 && !raw_eof_) {
    absl::StatusOr<size_t> r =
        ReadRaw(raw_.get() + raw_end_, raw_cap_ - raw_end_);
    if (!r.ok()) return r.status();
    if (*r == 0) raw_eof_ = true;
    raw_end_ += *r;
  }
  if (raw_end_ >= 4 && IsZstdMagic(raw_.get())) {
    zstd_ = true;
    zstd_state_ = std::make_unique<ZstdState>();
    zstd_state_->dctx = ZSTD_createDCtx();
    if (zstd_state_->dctx == nullptr) {
      return absl::ResourceExhaustedError(
          absl::StrCat(name_, ": cannot allocate a zstd decoder"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> InputStream::Read(char* dst, size_t n) {
  if (!detected_) {
    absl::Status s = Detect();
    if (!s.ok()) return s;
  }
  if (n == 0) return 0;
  if (!zstd_) {
    if (raw_pos_ < raw_end_) {
      const size_t k = std::min(n, raw_end_ - raw_pos_);
      std::memcpy(dst, raw_.get() + raw_pos_, k);
      raw_pos_ += k;
      return k;
    }
    if (raw_eof_) return 0;
    return ReadRaw(dst, n);
  }
  ZSTD_outBuffer out = {dst, n, 0};
  for (;;) {
    if (raw_pos_ == raw_end_ && !raw_eof_) {
      absl::StatusOr<size_t> r = ReadRaw(raw_.get(), raw_cap_);
      if (!r.ok()) return r.status();
      raw_pos_ = 0;
      raw_end_ = *r;
      if (*r == 0) raw_eof_ = true;
    }
    const bool no_input = raw_pos_ == raw_end_;
    // A return of 0 means a frame was completely decoded and flushed.
    if (no_input && raw_eof_ && zstd_state_->last_ret == 0) return 0;
    ZSTD_inBuffer in = {raw_.get(), raw_end_, raw_pos_};
    const size_t ret = ZSTD_decompressStream(zstd_state_->dctx, &out, &in);
    raw_pos_ = in.pos;
    if (ZSTD_isError(ret)) {
      return absl::InvalidArgumentError(
          absl::StrCat(name_, ": corrupt zstd data: ", ZSTD_getErrorName(ret)));
    }
    zstd_state_->last_ret = ret;
    if (out.pos > 0) return out.pos;
    if (no_input && raw_eof_) {
      if (ret != 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(name_, ": truncated zstd data"));
      }
      return 0;
    }
  }
}

}  // namespace internal
}  // namespace pith
