// Copyright 2026 The pith Authors.

#include "lib/dedup/index_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/hash.h"

namespace pith {
namespace internal {
namespace {

constexpr uint32_t kEndTag = IndexTag("END!");
constexpr size_t kHeaderBytes = kIndexHeaderBytes;

uint64_t Checksum(uint32_t tag, absl::string_view payload) {
  return Hash64(payload.data(), payload.size(), 0x7069746869647800ULL ^ tag);
}

std::string TagName(uint32_t tag) {
  std::string name;
  for (int i = 0; i < 4; ++i) {
    const char c = static_cast<char>(tag >> (8 * i));
    name += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return name;
}

}  // namespace

uint64_t SectionChecksum(uint32_t tag, absl::string_view payload) {
  return Checksum(tag, payload);
}

std::string SectionHeader(uint32_t tag, absl::string_view payload) {
  FieldWriter h;
  h.U32(tag);
  h.U32(0);
  h.U64(payload.size());
  h.U64(Checksum(tag, payload));
  return h.data();
}

IndexFileWriter::IndexFileWriter(OutputFile* out, const FileFormat& format)
    : out_(out) {
  FieldWriter header;
  std::string magic(format.magic, sizeof(kIndexFileMagic));
  Write(magic);
  header.U32(format.version);
  header.U32(0);
  Write(header.data());
}

void IndexFileWriter::Write(absl::string_view data) {
  if (status_.ok()) status_ = out_->Write(data);
}

void IndexFileWriter::Section(uint32_t tag, absl::string_view payload) {
  Write(SectionHeader(tag, payload));
  Write(payload);
  ++sections_;
}

absl::Status IndexFileWriter::Finish() {
  FieldWriter end;
  end.U64(sections_);
  Section(kEndTag, end.data());
  return status_;
}

absl::Status IndexFileReader::ReadHeader() {
  const char* noun = format_.noun;
  if (data_.empty()) {
    return absl::DataLossError(absl::StrCat(noun, " ", path_, " is empty"));
  }
  if (data_.size() < sizeof(kIndexFileMagic) ||
      std::memcmp(data_.data(), format_.magic, sizeof(kIndexFileMagic)) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        noun, " ", path_, " is not a pith ", noun, " (bad magic number)"));
  }
  FieldReader r(data_.substr(sizeof(kIndexFileMagic)));
  uint32_t version = 0, reserved = 0;
  if (data_.size() < kHeaderBytes || !r.U32(&version) || !r.U32(&reserved)) {
    return absl::DataLossError(
        absl::StrCat(noun, " ", path_, " is truncated in its header"));
  }
  if (version != format_.version) {
    return absl::FailedPreconditionError(
        absl::StrCat(noun, " ", path_, " has format version ", version,
                     "; this pith reads version ", format_.version,
                     version < format_.version
                         ? " (an older pith wrote it: make it again from "
                           "its inputs with this one)"
                         : " (a newer pith wrote it)"));
  }
  data_.remove_prefix(kHeaderBytes);
  return absl::OkStatus();
}

absl::Status IndexFileReader::Corrupt(uint32_t tag,
                                      absl::string_view what) const {
  return absl::DataLossError(absl::StrCat(format_.noun, " ", path_,
                                          " is corrupt: section ", TagName(tag),
                                          ": ", what));
}

absl::Status IndexFileReader::Section(uint32_t tag,
                                      absl::string_view* payload) {
  FieldReader r(data_);
  uint32_t got = 0, reserved = 0;
  uint64_t length = 0, checksum = 0;
  if (!r.U32(&got) || !r.U32(&reserved) || !r.U64(&length) ||
      !r.U64(&checksum)) {
    return absl::DataLossError(absl::StrCat(format_.noun, " ", path_,
                                            " is truncated before section ",
                                            TagName(tag)));
  }
  if (got != tag || reserved != 0) {
    return Corrupt(tag, absl::StrCat("found section ", TagName(got)));
  }
  if (length > data_.size() - kSectionHeaderBytes) {
    return absl::DataLossError(
        absl::StrCat(format_.noun, " ", path_, " is truncated in section ",
                     TagName(tag), ": ", length, " bytes expected, ",
                     data_.size() - kSectionHeaderBytes, " left"));
  }
  *payload = data_.substr(kSectionHeaderBytes, length);
  if (Checksum(tag, *payload) != checksum) {
    return Corrupt(tag, "checksum mismatch");
  }
  data_.remove_prefix(kSectionHeaderBytes + length);
  ++sections_;
  return absl::OkStatus();
}

absl::Status IndexFileReader::Finish() {
  const uint64_t before = sections_;
  absl::string_view payload;
  absl::Status s = Section(kEndTag, &payload);
  if (!s.ok()) return s;
  FieldReader r(payload);
  uint64_t count = 0;
  if (!r.U64(&count) || !r.done() || count != before) {
    return Corrupt(kEndTag, "bad section count");
  }
  if (!data_.empty()) {
    return Corrupt(
        kEndTag, absl::StrCat(data_.size(), " bytes follow the last section"));
  }
  return absl::OkStatus();
}

absl::Status ReadIndexFile(const std::string& path, std::string* data,
                           size_t max_bytes) {
  data->clear();
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int e = errno;
    const std::string cause = std::strerror(e);
    if (e == ENOENT) {
      return absl::NotFoundError(absl::StrCat("index ", path, ": ", cause));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("index ", path, ": cannot open: ", cause));
  }
  char buf[1 << 16];
  size_t n;
  while (data->size() < max_bytes &&
         (n = std::fread(buf, 1, sizeof(buf), f)) > 0) {
    data->append(buf, n);
  }
  const bool failed = std::ferror(f) != 0;
  const int e = errno;
  std::fclose(f);
  if (failed) {
    return absl::DataLossError(
        absl::StrCat("index ", path, ": read failed: ", std::strerror(e)));
  }
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace pith
