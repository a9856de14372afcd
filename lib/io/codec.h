// Copyright 2026 The pith Authors.
//
// Compression formats: recognising them by their magic number, and streaming
// decoders (for InputStream) and encoders (for OutputFile) for the two that
// pith reads and writes, gzip (zlib) and zstd.

#ifndef PITH_LIB_IO_CODEC_H_
#define PITH_LIB_IO_CODEC_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

enum class Codec { kNone, kGzip, kZstd };

// The bytes DetectCodec() looks at (fewer at the end of a short input).
inline constexpr size_t kCodecMagicBytes = 16;

// Returns the codec of an input that starts with "head" (its first
// kCodecMagicBytes bytes, or all of it if shorter), named "name" in
// messages: kGzip (1F 8B) or kZstd (a frame or a skippable frame), else
// kNone; or InvalidArgument naming the format of a compressed input that
// pith does not read (xz, bzip2, lz4, zip, 7z, lzip, compress).
absl::StatusOr<Codec> DetectCodec(absl::string_view head,
                                  absl::string_view name);

// True if "head" (the first bytes of an input) is too short to tell: it is
// a proper prefix of a magic number DetectCodec() knows. Text and JSON are
// decided by their first byte, so a reader never waits for more input than
// it needs.
bool NeedMoreForCodec(absl::string_view head);

// The codec for an output named "path" (".gz", ".zst"), else kNone.
Codec CodecForName(absl::string_view path);

// A streaming decompressor. Not thread-safe.
class Decoder {
 public:
  // REQUIRES: codec != kNone. "name" is used in messages.
  static absl::StatusOr<std::unique_ptr<Decoder>> Create(Codec codec,
                                                         std::string name);
  virtual ~Decoder() = default;

  // Decompresses from "*in" (advancing it past what was used) into
  // out[0, n) and returns the bytes written, which may be 0 while "*in"
  // holds only part of a block. Corrupt data is InvalidArgument naming the
  // input and the format.
  virtual absl::StatusOr<size_t> Decode(absl::string_view* in, char* out,
                                        size_t n) = 0;

  // True if the data so far ends exactly at the end of a frame (zstd) or
  // member (gzip), with all of its output returned: the end of the input is
  // then a clean end, not a truncation.
  virtual bool AtFrameEnd() const = 0;

  // "gzip" or "zstd", for messages.
  virtual absl::string_view format() const = 0;
};

// A streaming compressor. Not thread-safe.
class Encoder {
 public:
  // REQUIRES: codec != kNone. "level" 0 is the format's default; others out
  // of its range are InvalidArgument. "name" is used in messages.
  static absl::StatusOr<std::unique_ptr<Encoder>> Create(Codec codec, int level,
                                                         std::string name);
  virtual ~Encoder() = default;

  // Compresses "in" and appends what is ready to "*out"; "end" finishes the
  // stream (all of it is then in "*out").
  virtual absl::Status Encode(absl::string_view in, bool end,
                              std::string* out) = 0;
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_IO_CODEC_H_
