// Copyright 2026 The pith Authors.
//
// The stage files of a StagedDedup (pith/staged_dedup.h), in the framing of
// the index file (lib/dedup/index_file.h) with their own magic number
// "pithstg\n" and version. Every file starts with a "HEAD" section: the
// options fingerprint (u64), the file's kind (u32) and its shard and
// partition (u32 each), so that a file is never taken for another. Files
// are written with OutputFile (a temporary file renamed into place).
// Versions: 1, the first; 2, the token hash and SequenceHash() of index
// version 4 (stage files of one run come from one pith version).
//
//   plan               PLAN: shards, partitions, inputs, pieces
//   sign-S             DOCS: documents, eligible units; IDS: id ends, ids
//   sign-S-P           RECS: the unit records of shard S for partition P
//   pairs-P-S          PAIR: verified pairs of partition P, units of shard S
//   decide-S           CNTS: first document, indexed units; DECS: each
//                      unit's exact original or verified candidates
//   caps-S             CAPS: the units of shard S with more candidates than
//                      max_candidates, and their candidates
//   capped             CAPS: the units one process would not index
//   result-S           RSLT: the counters of Apply (StagedShardResult)
//
// A unit record (RECS) is: doc u32, line u32, set_size u32, flags u32
// (kExactHere: its exact hash belongs to this partition; kFingerprints),
// exact hash u64, band count u32 then (band u32, key u32) each; with
// kSignature below threshold 1 the sketch (kSketchBytes), first_level
// u32, levels u32, the odd sketches and, with kFingerprints, set_size u16
// fingerprints; with kExact the set (u32 count, u64 values).

#ifndef PITH_LIB_DEDUP_STAGED_FILES_H_
#define PITH_LIB_DEDUP_STAGED_FILES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/dedup/dedup_index.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/unit_sketch.h"

namespace pith {
namespace internal {

inline constexpr char kStageFileMagic[8] = {'p', 'i', 't', 'h',
                                            's', 't', 'g', '\n'};
inline constexpr uint32_t kStageFileVersion = 2;
inline constexpr FileFormat kStageFileFormat = {
    kStageFileMagic, kStageFileVersion, "stage file"};

enum class StageKind : uint32_t {
  kPlan = 1,
  kSignDocs = 2,
  kSignRecords = 3,
  kPairs = 4,
  kDecide = 5,
  kResult = 6,
  kCaps = 7,
  kCapped = 8,
};

// Writes a stage file: the "HEAD" section, then "sections" (tag, payload).
absl::Status WriteStageFile(
    const std::string& path, uint64_t fingerprint, StageKind kind,
    uint32_t shard, uint32_t partition,
    const std::vector<std::pair<uint32_t, std::string>>& sections);

// Reads a stage file whole into "*data" and checks it: header, "HEAD"
// (fingerprint, kind, shard, partition: FailedPrecondition if they differ)
// and every section's checksum. Sets "*sections" to the payloads of the
// sections after "HEAD", views into "*data", in order, with tags "tags".
absl::Status ReadStageFile(const std::string& path, uint64_t fingerprint,
                           StageKind kind, uint32_t shard, uint32_t partition,
                           absl::Span<const uint32_t> tags, std::string* data,
                           std::vector<absl::string_view>* sections);

// A unit's place: (shard, document in the shard, 1-based line), compared
// in that order.
struct UnitId {
  uint32_t shard = 0;
  uint32_t doc = 0;
  uint32_t line = 0;
  bool operator<(const UnitId& o) const {
    if (shard != o.shard) return shard < o.shard;
    if (doc != o.doc) return doc < o.doc;
    return line < o.line;
  }
  bool operator==(const UnitId& o) const {
    return shard == o.shard && doc == o.doc && line == o.line;
  }
};

// A unit record, decoded (views into the file's data).
struct UnitRecord {
  UnitId id;
  uint32_t set_size = 0;
  bool exact_here = false;
  uint64_t exact_hash = 0;
  std::vector<std::pair<uint32_t, uint32_t>> keys;  // (band, key)
  const uint8_t* sketch = nullptr;
  QuerySketchView query;
  std::vector<uint64_t> set;  // kExact.
};

inline constexpr uint32_t kRecordExactHere = 1;
inline constexpr uint32_t kRecordFingerprints = 2;

// Decodes the records of a RECS payload of shard "shard". "sketched" and
// "exact" say which data follow the keys. Returns false if malformed.
bool DecodeRecords(absl::string_view payload, uint32_t shard, bool sketched,
                   bool exact, std::vector<UnitRecord>* out);

// The partition of band key ("band", "key") and of exact hash "hash".
uint32_t BandPartition(uint32_t band, uint32_t key, uint32_t partitions);
uint32_t ExactPartition(uint64_t hash, uint32_t partitions);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_STAGED_FILES_H_
