// Copyright 2026 The pith Authors.

#include "lib/dedup/staged_files.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "pith/io.h"

namespace pith {
namespace internal {
namespace {

constexpr uint32_t kHeadTag = IndexTag("HEAD");

}  // namespace

absl::Status WriteStageFile(
    const std::string& path, uint64_t fingerprint, StageKind kind,
    uint32_t shard, uint32_t partition,
    const std::vector<std::pair<uint32_t, std::string>>& sections) {
  OutputOptions options;
  options.compression = OutputOptions::Compression::kNone;
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, options);
  if (!out.ok()) return out.status();
  IndexFileWriter w(&*out, kStageFileFormat);
  FieldWriter head;
  head.U64(fingerprint);
  head.U32(static_cast<uint32_t>(kind));
  head.U32(shard);
  head.U32(partition);
  w.Section(kHeadTag, head.data());
  for (const auto& s : sections) w.Section(s.first, s.second);
  absl::Status s = w.Finish();
  if (!s.ok()) {
    out->Abort();
    return s;
  }
  return out->Commit();
}

absl::Status ReadStageFile(const std::string& path, uint64_t fingerprint,
                           StageKind kind, uint32_t shard, uint32_t partition,
                           absl::Span<const uint32_t> tags, std::string* data,
                           std::vector<absl::string_view>* sections) {
  absl::Status s = ReadIndexFile(path, data);
  if (!s.ok()) {
    if (absl::IsNotFound(s)) {
      return absl::NotFoundError(
          absl::StrCat("stage file ", path, " is missing"));
    }
    return s;
  }
  IndexFileReader r(*data, path, kStageFileFormat);
  if (!(s = r.ReadHeader()).ok()) return s;
  absl::string_view payload;
  if (!(s = r.Section(kHeadTag, &payload)).ok()) return s;
  FieldReader head(payload);
  uint64_t f = 0;
  uint32_t k = 0, sh = 0, p = 0;
  if (!head.U64(&f) || !head.U32(&k) || !head.U32(&sh) || !head.U32(&p) ||
      !head.done()) {
    return r.Corrupt(kHeadTag, "bad length");
  }
  if (f != fingerprint) {
    return absl::FailedPreconditionError(absl::StrCat(
        "stage file ", path,
        " was written with other options (options fingerprint differs)"));
  }
  if (k != static_cast<uint32_t>(kind) || sh != shard || p != partition) {
    return absl::FailedPreconditionError(
        absl::StrCat("stage file ", path, " is not the expected stage file"));
  }
  sections->clear();
  for (uint32_t tag : tags) {
    if (!(s = r.Section(tag, &payload)).ok()) return s;
    sections->push_back(payload);
  }
  return r.Finish();
}

bool DecodeRecords(absl::string_view payload, uint32_t shard, bool sketched,
                   bool exact, std::vector<UnitRecord>* out) {
  FieldReader r(payload);
  auto raw = [&](size_t n, const uint8_t** p) {
    absl::string_view rest = r.rest();
    if (rest.size() < n) return false;
    *p = reinterpret_cast<const uint8_t*>(rest.data());
    return r.Skip(n);
  };
  while (!r.done()) {
    UnitRecord u;
    uint32_t flags = 0, nkeys = 0;
    u.id.shard = shard;
    if (!r.U32(&u.id.doc) || !r.U32(&u.id.line) || !r.U32(&u.set_size) ||
        !r.U32(&flags) || !r.U64(&u.exact_hash) || !r.U32(&nkeys)) {
      return false;
    }
    u.exact_here = (flags & kRecordExactHere) != 0;
    if (nkeys > 65536) return false;
    u.keys.resize(nkeys);
    for (auto& k : u.keys) {
      if (!r.U32(&k.first) || !r.U32(&k.second)) return false;
    }
    if (sketched) {
      uint32_t first = 0, levels = 0;
      if (!raw(kSketchBytes, &u.sketch) || !r.U32(&first) || !r.U32(&levels) ||
          levels > 64) {
        return false;
      }
      u.query.size = u.set_size;
      u.query.first_level = static_cast<int>(first);
      u.query.levels = static_cast<int>(levels);
      if (!raw(size_t{levels} * kSketchBytes, &u.query.odd)) return false;
      if (flags & kRecordFingerprints) {
        const uint8_t* fp = nullptr;
        if (!raw(size_t{u.set_size} * 2, &fp)) return false;
        u.query.fingerprints = reinterpret_cast<const uint16_t*>(fp);
      }
    } else if (exact) {
      uint32_t n = 0;
      // Each value takes 8 bytes: a count beyond the payload is corrupt (and
      // must not size the vector).
      if (!r.U32(&n) || n > r.rest().size() / 8) return false;
      u.set.resize(n);
      for (uint64_t& v : u.set) {
        if (!r.U64(&v)) return false;
      }
    }
    out->push_back(std::move(u));
  }
  return true;
}

uint32_t BandPartition(uint32_t band, uint32_t key, uint32_t partitions) {
  const uint64_t x = (uint64_t{band} << 32 | key) * 0x9E3779B97F4A7C15ULL;
  return static_cast<uint32_t>((x >> 32) % partitions);
}

uint32_t ExactPartition(uint64_t hash, uint32_t partitions) {
  const uint64_t x = (hash ^ (hash >> 29)) * 0xBF58476D1CE4E5B9ULL;
  return static_cast<uint32_t>((x >> 32) % partitions);
}

}  // namespace internal
}  // namespace pith
