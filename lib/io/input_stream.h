// Copyright 2026 The pith Authors.
//
// InputStream: the bytes of one input (a file, stdin or a string),
// decompressed on the fly when the data starts with the gzip or zstd magic
// number, whatever the file is called (lib/io/codec.h).

#ifndef PITH_LIB_IO_INPUT_STREAM_H_
#define PITH_LIB_IO_INPUT_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/io/codec.h"

namespace pith {
namespace internal {

// Not thread-safe. Not copyable or movable; hold it in a unique_ptr.
class InputStream {
 public:
  // Opens "path" ("-" is stdin, named "stdin"). NotFound if it is missing.
  static absl::StatusOr<std::unique_ptr<InputStream>> OpenFile(
      const std::string& path);
  static std::unique_ptr<InputStream> FromString(std::string data,
                                                 std::string name);
  // Opens bytes [begin, end) of the file "path", read as they are (never
  // decompressed: a part of a file is not a stream of its own).
  static absl::StatusOr<std::unique_ptr<InputStream>> OpenFileRange(
      const std::string& path, uint64_t begin, uint64_t end);

  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;
  ~InputStream();

  // Reads up to "n" bytes into "dst". Returns 0 only at the end of input.
  // Errors (InvalidArgument for corrupt or truncated compressed data or a
  // compressed format pith does not read, errno mapping for reads) name the
  // input.
  absl::StatusOr<size_t> Read(char* dst, size_t n);

  const std::string& name() const { return name_; }

 private:
  InputStream(int fd, bool owns_fd, std::string data, std::string name);

  // Reads raw (possibly compressed) bytes. Returns 0 at the end.
  absl::StatusOr<size_t> ReadRaw(char* dst, size_t n);
  absl::Status Detect();

  int fd_;
  bool owns_fd_;
  std::string data_;  // For FromString().
  size_t data_pos_ = 0;
  bool limited_ = false;    // OpenFileRange(): at most "remaining_" more
  uint64_t remaining_ = 0;  // bytes are read.
  std::string name_;

  bool detected_ = false;
  bool raw_eof_ = false;
  std::unique_ptr<char[]> raw_;  // Raw bytes read ahead.
  size_t raw_cap_ = 0;
  size_t raw_pos_ = 0;
  size_t raw_end_ = 0;
  std::unique_ptr<Decoder> decoder_;  // Null for uncompressed input.
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_IO_INPUT_STREAM_H_
