// Copyright 2026 The pith Authors.
//
// StagedDedup::Rep, shared by the files of the staged dedup
// (lib/dedup/staged_*.cc).

#ifndef PITH_LIB_DEDUP_STAGED_REP_H_
#define PITH_LIB_DEDUP_STAGED_REP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/dedup/staged_files.h"
#include "pith/dedup.h"
#include "pith/lsh.h"
#include "pith/pipeline.h"
#include "pith/staged_dedup.h"

namespace pith {

struct StagedDedup::Rep {
  std::string work_dir;
  DedupOptions options;
  LshParams params;
  uint64_t fingerprint = 0;
  uint32_t shards = 0;
  uint32_t partitions = 0;
  std::vector<std::string> inputs;
  std::vector<std::vector<PipelineInput>> pieces;  // Per shard.
  bool exact_only = false;  // Threshold 1: the exact hash only.
  bool sketched = false;    // kSignature below threshold 1.
  bool exact_sets = false;  // kExact below threshold 1.
  double accept = 0;

  std::string SignDocsPath(uint32_t s) const {
    return absl::StrCat(work_dir, "/sign-", s);
  }
  std::string SignRecordsPath(uint32_t s, uint32_t p) const {
    return absl::StrCat(work_dir, "/sign-", s, "-", p);
  }
  std::string PairsPath(uint32_t p, uint32_t s) const {
    return absl::StrCat(work_dir, "/pairs-", p, "-", s);
  }
  std::string DecidePath(uint32_t s) const {
    return absl::StrCat(work_dir, "/decide-", s);
  }
  std::string CapsPath(uint32_t s) const {
    return absl::StrCat(work_dir, "/caps-", s);
  }
  std::string CappedPath() const { return absl::StrCat(work_dir, "/capped"); }
  std::string ResultPath(uint32_t s) const {
    return absl::StrCat(work_dir, "/result-", s);
  }
};

namespace internal {

inline constexpr uint32_t kPlanTag = IndexTag("PLAN");
inline constexpr uint32_t kDocsTag = IndexTag("DOCS");
inline constexpr uint32_t kIdsTag = IndexTag("IDS ");
inline constexpr uint32_t kRecordsTag = IndexTag("RECS");
inline constexpr uint32_t kPairsTag = IndexTag("PAIR");
inline constexpr uint32_t kCountsTag = IndexTag("CNTS");
inline constexpr uint32_t kDecisionsTag = IndexTag("DECS");
inline constexpr uint32_t kResultTag = IndexTag("RSLT");
inline constexpr uint32_t kCapsTag = IndexTag("CAPS");

// The documents of a signed shard: their count, eligible units (words >=
// min_words) and ids.
struct SignedShard {
  uint64_t documents = 0;
  uint64_t units = 0;
  std::string data;  // The file.
  std::vector<uint64_t> id_ends;
  absl::string_view ids;
  absl::string_view id(uint64_t doc) const {
    const uint64_t begin = doc == 0 ? 0 : id_ends[doc - 1];
    return ids.substr(begin, id_ends[doc] - begin);
  }
};

// The most LSH candidates a unit may have in a staged dedup (16 x
// max_candidates, at least 1024), and the error beyond it.
size_t ReplayLimit(const DedupOptions& options);
absl::Status ReplayLimitError(const StagedDedup::Rep& rep, const UnitId& u,
                              size_t n);

// Reads "sign-S" of "rep".
absl::Status ReadSignedShard(const StagedDedup::Rep& rep, uint32_t shard,
                             SignedShard* out);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_STAGED_REP_H_
