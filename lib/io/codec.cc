// Copyright 2026 The pith Authors.

#include "lib/io/codec.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace pith {
namespace internal {
namespace {

uint32_t Le32(absl::string_view s) {
  const unsigned char* u = reinterpret_cast<const unsigned char*>(s.data());
  return uint32_t{u[0]} | (uint32_t{u[1]} << 8) | (uint32_t{u[2]} << 16) |
         (uint32_t{u[3]} << 24);
}

// Compressed formats that pith recognises but does not read.
struct ForeignFormat {
  absl::string_view magic;
  const char* name;
};

constexpr ForeignFormat kForeign[] = {
    {absl::string_view("\xFD"
                       "7zXZ\x00",
                       6),
     "xz"},
    {absl::string_view("\x04\x22\x4D\x18", 4), "lz4"},
    {absl::string_view("PK\x03\x04", 4), "zip"},
    {absl::string_view("7z\xBC\xAF\x27\x1C", 6), "7z"},
    {absl::string_view("LZIP", 4), "lzip"},
    {absl::string_view("\x1F\x9D", 2), "compress (.Z)"},
};

// bzip2: "BZh", a block size digit, then the block magic (pi in BCD), or
// the end-of-stream magic for an empty stream.
bool IsBzip2(absl::string_view head) {
  return head.size() >= 10 && absl::StartsWith(head, "BZh") && head[3] >= '1' &&
         head[3] <= '9' &&
         (head.substr(4, 6) == "\x31\x41\x59\x26\x53\x59" ||
          head.substr(4, 6) == "\x17\x72\x45\x38\x50\x90");
}

class ZstdDecoder : public Decoder {
 public:
  explicit ZstdDecoder(std::string name) : name_(std::move(name)) {}
  ~ZstdDecoder() override { ZSTD_freeDCtx(dctx_); }

  absl::Status Init() {
    dctx_ = ZSTD_createDCtx();
    if (dctx_ == nullptr) {
      return absl::ResourceExhaustedError(
          absl::StrCat(name_, ": cannot allocate a zstd decoder"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<size_t> Decode(absl::string_view* in, char* out,
                                size_t n) override {
    ZSTD_inBuffer zin = {in->data(), in->size(), 0};
    ZSTD_outBuffer zout = {out, n, 0};
    const size_t ret = ZSTD_decompressStream(dctx_, &zout, &zin);
    in->remove_prefix(zin.pos);
    if (ZSTD_isError(ret)) {
      return absl::InvalidArgumentError(
          absl::StrCat(name_, ": corrupt zstd data: ", ZSTD_getErrorName(ret)));
    }
    // 0: a frame was completely decoded and flushed.
    last_ret_ = ret;
    return zout.pos;
  }

  bool AtFrameEnd() const override { return last_ret_ == 0; }
  absl::string_view format() const override { return "zstd"; }

 private:
  std::string name_;
  ZSTD_DCtx* dctx_ = nullptr;
  size_t last_ret_ = 1;
};

class GzipDecoder : public Decoder {
 public:
  explicit GzipDecoder(std::string name) : name_(std::move(name)) {}
  ~GzipDecoder() override {
    if (initialized_) inflateEnd(&z_);
  }

  absl::Status Init() {
    std::memset(&z_, 0, sizeof(z_));
    // 15 + 16: a gzip wrapper (not zlib), with the largest window.
    if (inflateInit2(&z_, 15 + 16) != Z_OK) {
      return absl::ResourceExhaustedError(
          absl::StrCat(name_, ": cannot allocate a gzip decoder"));
    }
    initialized_ = true;
    return absl::OkStatus();
  }

  absl::StatusOr<size_t> Decode(absl::string_view* in, char* out,
                                size_t n) override {
    if (member_done_ && !in->empty()) {
      // Another member follows (concatenated .gz files, as gzip -dc reads).
      inflateReset(&z_);
      member_done_ = false;
    }
    if (member_done_) return 0;
    // zlib counts in uInt: hand it at most 1 GiB at a time.
    constexpr size_t kMax = size_t{1} << 30;
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in->data()));
    z_.avail_in = static_cast<uInt>(std::min(in->size(), kMax));
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(std::min(n, kMax));
    const uInt avail_out = z_.avail_out;
    const uInt avail_in = z_.avail_in;
    const int ret = inflate(&z_, Z_NO_FLUSH);
    in->remove_prefix(avail_in - z_.avail_in);
    const size_t written = avail_out - z_.avail_out;
    switch (ret) {
      case Z_OK:
      case Z_BUF_ERROR:  // No progress possible: needs more input.
        return written;
      case Z_STREAM_END:
        member_done_ = true;
        return written;
      case Z_MEM_ERROR:
        return absl::ResourceExhaustedError(
            absl::StrCat(name_, ": out of memory decoding gzip data"));
      default:
        return absl::InvalidArgumentError(
            absl::StrCat(name_, ": corrupt gzip data: ",
                         z_.msg != nullptr ? z_.msg : "inflate failed"));
    }
  }

  bool AtFrameEnd() const override { return member_done_; }
  absl::string_view format() const override { return "gzip"; }

 private:
  std::string name_;
  z_stream z_;
  bool initialized_ = false;
  bool member_done_ = false;
};

class ZstdEncoder : public Encoder {
 public:
  explicit ZstdEncoder(std::string name) : name_(std::move(name)) {}
  ~ZstdEncoder() override { ZSTD_freeCCtx(cctx_); }

  absl::Status Init(int level) {
    cctx_ = ZSTD_createCCtx();
    if (cctx_ == nullptr) {
      return absl::ResourceExhaustedError(
          absl::StrCat(name_, ": cannot allocate a zstd encoder"));
    }
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
    return absl::OkStatus();
  }

  absl::Status Encode(absl::string_view data, bool end,
                      std::string* out) override {
    ZSTD_inBuffer in = {data.data(), data.size(), 0};
    const ZSTD_EndDirective mode = end ? ZSTD_e_end : ZSTD_e_continue;
    const size_t chunk = ZSTD_CStreamOutSize();
    for (;;) {
      const size_t old = out->size();
      out->resize(old + chunk);
      ZSTD_outBuffer zout = {&(*out)[old], chunk, 0};
      const size_t left = ZSTD_compressStream2(cctx_, &zout, &in, mode);
      out->resize(old + zout.pos);
      if (ZSTD_isError(left)) {
        return absl::InternalError(absl::StrCat(
            name_, ": zstd compression failed: ", ZSTD_getErrorName(left)));
      }
      if (end ? left == 0 : in.pos == in.size) return absl::OkStatus();
    }
  }

 private:
  std::string name_;
  ZSTD_CCtx* cctx_ = nullptr;
};

class GzipEncoder : public Encoder {
 public:
  explicit GzipEncoder(std::string name) : name_(std::move(name)) {}
  ~GzipEncoder() override {
    if (initialized_) deflateEnd(&z_);
  }

  absl::Status Init(int level) {
    std::memset(&z_, 0, sizeof(z_));
    if (deflateInit2(&z_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
      return absl::ResourceExhaustedError(
          absl::StrCat(name_, ": cannot allocate a gzip encoder"));
    }
    initialized_ = true;
    return absl::OkStatus();
  }

  absl::Status Encode(absl::string_view data, bool end,
                      std::string* out) override {
    constexpr size_t kChunk = size_t{64} << 10;
    constexpr size_t kMaxIn = size_t{1} << 30;
    for (;;) {
      const size_t take = std::min(data.size(), kMaxIn);
      const bool last = end && take == data.size();
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
      z_.avail_in = static_cast<uInt>(take);
      int ret;
      do {
        const size_t old = out->size();
        out->resize(old + kChunk);
        z_.next_out = reinterpret_cast<Bytef*>(&(*out)[old]);
        z_.avail_out = static_cast<uInt>(kChunk);
        ret = deflate(&z_, last ? Z_FINISH : Z_NO_FLUSH);
        out->resize(old + kChunk - z_.avail_out);
        if (ret == Z_STREAM_ERROR) {
          return absl::InternalError(
              absl::StrCat(name_, ": gzip compression failed"));
        }
      } while (z_.avail_out == 0 || (last && ret != Z_STREAM_END));
      data.remove_prefix(take);
      if (data.empty()) return absl::OkStatus();
    }
  }

 private:
  std::string name_;
  z_stream z_;
  bool initialized_ = false;
};

}  // namespace

absl::StatusOr<Codec> DetectCodec(absl::string_view head,
                                  absl::string_view name) {
  if (head.size() >= 2 && head[0] == '\x1F' && head[1] == '\x8B') {
    return Codec::kGzip;
  }
  if (head.size() >= 4) {
    const uint32_t magic = Le32(head);
    if (magic == 0xFD2FB528u || (magic & 0xFFFFFFF0u) == 0x184D2A50u) {
      return Codec::kZstd;
    }
  }
  const char* foreign = IsBzip2(head) ? "bzip2" : nullptr;
  for (const ForeignFormat& f : kForeign) {
    if (foreign == nullptr && absl::StartsWith(head, f.magic)) foreign = f.name;
  }
  if (foreign != nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": ", foreign,
                     "-compressed data: pith reads only gzip and zstd "
                     "compressed input; decompress it first"));
  }
  return Codec::kNone;
}

bool NeedMoreForCodec(absl::string_view head) {
  if (head.empty()) return true;
  if (head.size() >= kCodecMagicBytes) return false;
  // A proper prefix of "magic", where '?' in it matches any byte.
  auto prefix_of = [&head](absl::string_view magic) {
    if (head.size() >= magic.size()) return false;
    for (size_t i = 0; i < head.size(); ++i) {
      if (magic[i] != '?' && magic[i] != head[i]) return false;
    }
    return true;
  };
  static constexpr absl::string_view kMagics[] = {
      absl::string_view("\x1F\x8B", 2),
      absl::string_view("\x28\xB5\x2F\xFD", 4),
      absl::string_view("?\x2A\x4D\x18", 4),  // zstd skippable (5?).
      absl::string_view("BZh?1AY&SY", 10),
      absl::string_view("BZh?\x17\x72\x45\x38\x50\x90", 10),
  };
  const bool skippable = (static_cast<unsigned char>(head[0]) & 0xF0) == 0x50;
  for (absl::string_view m : kMagics) {
    // Only 0x50..0x5F start a skippable frame.
    if (m == kMagics[2] && !skippable) continue;
    if (prefix_of(m)) return true;
  }
  for (const ForeignFormat& f : kForeign) {
    if (prefix_of(f.magic)) return true;
  }
  return false;
}

Codec CodecForName(absl::string_view path) {
  if (absl::EndsWith(path, ".gz")) return Codec::kGzip;
  if (absl::EndsWith(path, ".zst")) return Codec::kZstd;
  return Codec::kNone;
}

absl::StatusOr<std::unique_ptr<Decoder>> Decoder::Create(Codec codec,
                                                         std::string name) {
  if (codec == Codec::kGzip) {
    auto d = std::make_unique<GzipDecoder>(std::move(name));
    absl::Status s = d->Init();
    if (!s.ok()) return s;
    return std::unique_ptr<Decoder>(std::move(d));
  }
  auto d = std::make_unique<ZstdDecoder>(std::move(name));
  absl::Status s = d->Init();
  if (!s.ok()) return s;
  return std::unique_ptr<Decoder>(std::move(d));
}

absl::StatusOr<std::unique_ptr<Encoder>> Encoder::Create(Codec codec, int level,
                                                         std::string name) {
  if (codec == Codec::kGzip) {
    if (level == 0) level = 6;
    if (level < 1 || level > 9) {
      return absl::InvalidArgumentError(absl::StrCat(
          name, ": gzip compression level must be 1 to 9, not ", level));
    }
    auto e = std::make_unique<GzipEncoder>(std::move(name));
    absl::Status s = e->Init(level);
    if (!s.ok()) return s;
    return std::unique_ptr<Encoder>(std::move(e));
  }
  if (level == 0) level = 3;
  if (level < 1 || level > ZSTD_maxCLevel()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": zstd compression level must be 1 to ",
                     ZSTD_maxCLevel(), ", not ", level));
  }
  auto e = std::make_unique<ZstdEncoder>(std::move(name));
  absl::Status s = e->Init(level);
  if (!s.ok()) return s;
  return std::unique_ptr<Encoder>(std::move(e));
}

}  // namespace internal
}  // namespace pith
