// Copyright 2026 The pith Authors.
//
// The framing of a dedup index file (Deduplicator::Save/Load).
//
// All integers are little-endian and fixed-width. The file is
//
//   magic      8 bytes  "pithidx\n"
//   version    u32      kIndexFileVersion
//   reserved   u32      0
//   sections, each:
//     tag      u32      four ASCII letters, e.g. "OPTS"
//     reserved u32      0
//     length   u64      payload bytes
//     checksum u64      XXH3-64 of the payload, seeded with the tag
//     payload  "length" bytes
//   the last section is "END!", whose payload is the u64 count of the
//   sections before it: a file cut anywhere is detected.
//
// Versions: 1, the first; 2, SequenceHash() (the exact-duplicate key of
// every indexed unit) became one XXH3 over the shingles; 3, the
// verification sketch of each unit became the fingerprints or odd sketch
// of lib/dedup/unit_sketch.h, and "OPTS" records every option that shapes
// a decision (lib/dedup/recorded_options.h); 4, the hash of each token
// (TokenHash() in lib/hash.h, so every shingle, signature and sketch) and
// SequenceHash() changed. A reader takes only its own version and names
// both in its error.
//
// The sections and their order are fixed per version (lib/dedup/dedup_file.cc
// and lib/dedup/dedup_index.cc write and read them). A reader checks every
// length and checksum before it hands out a payload, so a caller parses only
// bytes that were written by a writer; it still validates ids and sizes.
//
// The same framing, with another magic number and version (a FileFormat),
// holds the stage files of a staged dedup (lib/dedup/staged_files.h).

#ifndef PITH_LIB_DEDUP_INDEX_FILE_H_
#define PITH_LIB_DEDUP_INDEX_FILE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "pith/io.h"

namespace pith {
namespace internal {

inline constexpr char kIndexFileMagic[8] = {'p', 'i', 't', 'h',
                                            'i', 'd', 'x', '\n'};
inline constexpr uint32_t kIndexFileVersion = 4;

// A file format in this framing: its magic number, its version and what its
// messages call a file of it ("index PATH is corrupt: ...").
struct FileFormat {
  const char* magic;  // 8 bytes.
  uint32_t version;
  const char* noun;
};

// The dedup index file.
inline constexpr FileFormat kIndexFileFormat = {kIndexFileMagic,
                                                kIndexFileVersion, "index"};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the dedup index file format is written as host-order arrays"
#endif

// "ABCD" as a tag.
constexpr uint32_t IndexTag(const char (&s)[5]) {
  return static_cast<uint32_t>(static_cast<uint8_t>(s[0])) |
         static_cast<uint32_t>(static_cast<uint8_t>(s[1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(s[2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(s[3])) << 24;
}

// Little-endian scalars into and out of a byte string.
class FieldWriter {
 public:
  void U32(uint32_t v) { Raw(&v, 4); }
  void U64(uint64_t v) { Raw(&v, 8); }
  void F64(double v) { Raw(&v, 8); }
  // A length (u64) and the bytes.
  void Bytes(absl::string_view v) {
    U64(v.size());
    Raw(v.data(), v.size());
  }
  const std::string& data() const { return data_; }
  std::string* mutable_data() { return &data_; }

 private:
  void Raw(const void* p, size_t n) {
    data_.append(static_cast<const char*>(p), n);
  }
  std::string data_;
};

class FieldReader {
 public:
  explicit FieldReader(absl::string_view data) : data_(data) {}
  // Each returns false (and reads nothing) if too few bytes are left.
  bool U32(uint32_t* v) { return Raw(v, 4); }
  bool U64(uint64_t* v) { return Raw(v, 8); }
  bool F64(double* v) { return Raw(v, 8); }
  // A length (u64) and the bytes, as a view into the data.
  bool Bytes(absl::string_view* v) {
    uint64_t n = 0;
    if (data_.size() < 8) return false;
    std::memcpy(&n, data_.data(), 8);
    if (n > data_.size() - 8) return false;
    *v = data_.substr(8, n);
    data_.remove_prefix(8 + n);
    return true;
  }
  bool Bytes(std::string* v) {
    absl::string_view view;
    if (!Bytes(&view)) return false;
    v->assign(view.data(), view.size());
    return true;
  }
  bool done() const { return data_.empty(); }
  // Skips "n" bytes; false if fewer are left.
  bool Skip(size_t n) {
    if (data_.size() < n) return false;
    data_.remove_prefix(n);
    return true;
  }
  // The bytes not read yet.
  absl::string_view rest() const { return data_; }

 private:
  bool Raw(void* p, size_t n) {
    if (data_.size() < n) return false;
    std::memcpy(p, data_.data(), n);
    data_.remove_prefix(n);
    return true;
  }
  absl::string_view data_;
};

// Writes the header, then sections, to an OutputFile.
class IndexFileWriter {
 public:
  // Writes the header of "format". Check status() after the last call.
  explicit IndexFileWriter(OutputFile* out,
                           const FileFormat& format = kIndexFileFormat);

  void Section(uint32_t tag, absl::string_view payload);
  template <typename T>
  void Array(uint32_t tag, const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable<T>::value, "raw array");
    Section(tag, absl::string_view(reinterpret_cast<const char*>(values.data()),
                                   values.size() * sizeof(T)));
  }
  // Writes the "END!" section. Returns the first error.
  absl::Status Finish();
  const absl::Status& status() const { return status_; }

 private:
  void Write(absl::string_view data);
  OutputFile* out_;
  uint64_t sections_ = 0;
  absl::Status status_;
};

// The framing of one section: the bytes that precede "payload" under "tag".
std::string SectionHeader(uint32_t tag, absl::string_view payload);
// Bytes of the file header and of a section header.
inline constexpr size_t kIndexHeaderBytes = 16;
inline constexpr size_t kSectionHeaderBytes = 24;
// The checksum of a section's payload.
uint64_t SectionChecksum(uint32_t tag, absl::string_view payload);

// Reads sections from a file held in memory. Errors are DataLoss (or
// InvalidArgument / FailedPrecondition for the header) and name the path.
class IndexFileReader {
 public:
  IndexFileReader(absl::string_view data, std::string path,
                  const FileFormat& format = kIndexFileFormat)
      : data_(data), path_(std::move(path)), format_(format) {}

  // Checks the magic number and version.
  absl::Status ReadHeader();

  // Reads the next section, which must be "tag", and points "*payload" into
  // the data. Verifies its length and checksum.
  absl::Status Section(uint32_t tag, absl::string_view* payload);
  template <typename T>
  absl::Status Array(uint32_t tag, std::vector<T>* values) {
    static_assert(std::is_trivially_copyable<T>::value, "raw array");
    absl::string_view payload;
    absl::Status s = Section(tag, &payload);
    if (!s.ok()) return s;
    if (payload.size() % sizeof(T) != 0) {
      return Corrupt(tag, "length is not a multiple of the element size");
    }
    values->resize(payload.size() / sizeof(T));
    if (!payload.empty()) {
      std::memcpy(values->data(), payload.data(), payload.size());
    }
    return absl::OkStatus();
  }
  // Reads "END!" and checks that nothing follows.
  absl::Status Finish();

  // DataLoss: index PATH is corrupt: section TAG: "what".
  absl::Status Corrupt(uint32_t tag, absl::string_view what) const;
  const std::string& path() const { return path_; }
  // The bytes not read yet.
  absl::string_view rest() const { return data_; }

 private:
  absl::string_view data_;
  std::string path_;
  FileFormat format_;
  uint64_t sections_ = 0;
};

// Reads the file at "path" into "*data", or its first "max_bytes" bytes.
// NotFound if it does not exist; other errors name the path and the cause.
absl::Status ReadIndexFile(const std::string& path, std::string* data,
                           size_t max_bytes = SIZE_MAX);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_INDEX_FILE_H_
