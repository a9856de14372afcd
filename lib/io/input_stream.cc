// Copyright 2026 The pith Authors.

#include "lib/io/input_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace pith {
namespace internal {
namespace {

constexpr size_t kRawBytes = size_t{1} << 20;

}  // namespace

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

absl::StatusOr<std::unique_ptr<InputStream>> InputStream::OpenFileRange(
    const std::string& path, uint64_t begin, uint64_t end) {
  if (path == "-" || end < begin) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot read bytes ", begin, " to ", end));
  }
  absl::StatusOr<std::unique_ptr<InputStream>> in = OpenFile(path);
  if (!in.ok()) return in.status();
  InputStream& s = **in;
  if (lseek(s.fd_, static_cast<off_t>(begin), SEEK_SET) < 0) {
    const int e = errno;
    return absl::ErrnoToStatus(e, absl::StrCat(path, ": cannot seek"));
  }
  s.detected_ = true;  // Plain bytes, none read ahead.
  s.limited_ = true;
  s.remaining_ = end - begin;
  return in;
}

absl::StatusOr<size_t> InputStream::ReadRaw(char* dst, size_t n) {
  if (fd_ < 0) {
    const size_t k = std::min(n, data_.size() - data_pos_);
    std::memcpy(dst, data_.data() + data_pos_, k);
    data_pos_ += k;
    return k;
  }
  if (limited_) n = static_cast<size_t>(std::min<uint64_t>(n, remaining_));
  if (n == 0) return 0;
  for (;;) {
    const ssize_t r = read(fd_, dst, n);
    if (r >= 0) {
      if (limited_) remaining_ -= static_cast<uint64_t>(r);
      return static_cast<size_t>(r);
    }
    if (errno == EINTR) continue;
    const int e = errno;
    return absl::ErrnoToStatus(e, absl::StrCat(name_, ": read failed"));
  }
}

// Reads the first bytes and decides whether the input is compressed.
absl::Status InputStream::Detect() {
  detected_ = true;
  raw_cap_ = kRawBytes;
  raw_.reset(new char[raw_cap_]);
  // Only as many bytes as it takes to tell: a pipe that sends one short
  // line and waits is not kept waiting for more.
  while (!raw_eof_ &&
         NeedMoreForCodec(absl::string_view(raw_.get(), raw_end_))) {
    absl::StatusOr<size_t> r =
        ReadRaw(raw_.get() + raw_end_, raw_cap_ - raw_end_);
    if (!r.ok()) return r.status();
    if (*r == 0) raw_eof_ = true;
    raw_end_ += *r;
  }
  absl::StatusOr<Codec> codec = DetectCodec(
      absl::string_view(raw_.get(), std::min(raw_end_, kCodecMagicBytes)),
      name_);
  if (!codec.ok()) return codec.status();
  if (*codec != Codec::kNone) {
    absl::StatusOr<std::unique_ptr<Decoder>> d = Decoder::Create(*codec, name_);
    if (!d.ok()) return d.status();
    decoder_ = *std::move(d);
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> InputStream::Read(char* dst, size_t n) {
  if (!detected_) {
    absl::Status s = Detect();
    if (!s.ok()) return s;
  }
  if (n == 0) return 0;
  if (decoder_ == nullptr) {
    if (raw_pos_ < raw_end_) {
      const size_t k = std::min(n, raw_end_ - raw_pos_);
      std::memcpy(dst, raw_.get() + raw_pos_, k);
      raw_pos_ += k;
      return k;
    }
    if (raw_eof_) return 0;
    return ReadRaw(dst, n);
  }
  for (;;) {
    if (raw_pos_ == raw_end_ && !raw_eof_) {
      absl::StatusOr<size_t> r = ReadRaw(raw_.get(), raw_cap_);
      if (!r.ok()) return r.status();
      raw_pos_ = 0;
      raw_end_ = *r;
      if (*r == 0) raw_eof_ = true;
    }
    const bool no_input = raw_pos_ == raw_end_;
    if (no_input && raw_eof_ && decoder_->AtFrameEnd()) return 0;
    // Called without input too, at the end: the decoder may still hold
    // output.
    absl::string_view in(raw_.get() + raw_pos_, raw_end_ - raw_pos_);
    absl::StatusOr<size_t> r = decoder_->Decode(&in, dst, n);
    if (!r.ok()) return r.status();
    raw_pos_ = static_cast<size_t>(in.data() - raw_.get());
    if (*r > 0) return *r;
    if (no_input && raw_eof_) {
      return absl::InvalidArgumentError(
          absl::StrCat(name_, ": truncated ", decoder_->format(), " data"));
    }
  }
}

}  // namespace internal
}  // namespace pith
