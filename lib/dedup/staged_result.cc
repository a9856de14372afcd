// Copyright 2026 The pith Authors.
//
// StagedDedup: the results of the Apply stage, saved per shard and merged.

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/staged_files.h"
#include "lib/dedup/staged_rep.h"
#include "pith/staged_dedup.h"

namespace pith {
namespace {

using internal::FieldReader;
using internal::FieldWriter;

void PutMap(const std::map<std::string, int64_t>& m, FieldWriter* w) {
  w->U64(m.size());
  for (const auto& e : m) {
    w->Bytes(e.first);
    w->U64(static_cast<uint64_t>(e.second));
  }
}

bool GetMap(FieldReader* r, std::map<std::string, int64_t>* m) {
  uint64_t n = 0;
  if (!r->U64(&n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string k;
    uint64_t v = 0;
    if (!r->Bytes(&k) || !r->U64(&v)) return false;
    (*m)[k] = static_cast<int64_t>(v);
  }
  return true;
}

// The scalar counters of a result, in a fixed order.
std::vector<int64_t*> Fields(StagedShardResult* r) {
  PipelineStats& p = r->pipeline;
  return {&p.documents,      &p.input_bytes,       &p.text_bytes,
          &p.skipped_lines,  &p.utf8_replacements, &p.rejected,
          &p.lines_removed,  &p.units_removed,     &p.repeated_ids,
          &r->documents_out, &r->bytes_out,        &r->documents_dropped};
}
std::vector<uint64_t*> DedupFields(StagedShardResult* r) {
  DedupStats& d = r->dedup;
  return {&d.documents,       &d.removed_documents, &d.units,
          &d.short_units,     &d.indexed_units,     &d.exact_duplicates,
          &d.near_duplicates, &d.candidates,        &d.capped_queries,
          &d.removed_bytes};
}

uint64_t FileBytes(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

}  // namespace

absl::Status StagedDedup::SaveResult(int shard,
                                     const StagedShardResult& result) const {
  StagedShardResult copy = result;
  FieldWriter w;
  for (int64_t* f : Fields(&copy)) w.U64(static_cast<uint64_t>(*f));
  for (uint64_t* f : DedupFields(&copy)) w.U64(*f);
  w.U32(static_cast<uint32_t>(copy.pipeline.threads));
  PutMap(copy.pipeline.removed_by, &w);
  PutMap(copy.pipeline.rejected_by, &w);
  const uint32_t s = static_cast<uint32_t>(shard);
  return internal::WriteStageFile(rep_->ResultPath(s), rep_->fingerprint,
                                  internal::StageKind::kResult, s, 0,
                                  {{internal::kResultTag, w.data()}});
}

absl::StatusOr<StagedShardResult> StagedDedup::LoadResult(int shard) const {
  const uint32_t s = static_cast<uint32_t>(shard);
  std::string data;
  std::vector<absl::string_view> sections;
  const std::string path = rep_->ResultPath(s);
  absl::Status st = internal::ReadStageFile(
      path, rep_->fingerprint, internal::StageKind::kResult, s, 0,
      {internal::kResultTag}, &data, &sections);
  if (!st.ok()) return st;
  StagedShardResult result;
  FieldReader r(sections[0]);
  bool ok = true;
  for (int64_t* f : Fields(&result)) {
    uint64_t v = 0;
    ok = ok && r.U64(&v);
    *f = static_cast<int64_t>(v);
  }
  for (uint64_t* f : DedupFields(&result)) ok = ok && r.U64(f);
  uint32_t threads = 0;
  ok = ok && r.U32(&threads) && GetMap(&r, &result.pipeline.removed_by) &&
       GetMap(&r, &result.pipeline.rejected_by) && r.done();
  if (!ok) {
    return absl::DataLossError(
        absl::StrCat("stage file ", path, " is corrupt: bad result"));
  }
  result.pipeline.threads = static_cast<int>(threads);
  return result;
}

absl::StatusOr<StagedShardResult> StagedDedup::MergeResults() const {
  const Rep& rep = *rep_;
  StagedShardResult total;
  absl::flat_hash_set<std::string> earlier;  // Ids of the shards before.
  for (uint32_t s = 0; s < rep.shards; ++s) {
    absl::StatusOr<StagedShardResult> r = LoadResult(static_cast<int>(s));
    if (!r.ok()) return r.status();
    std::vector<int64_t*> to = Fields(&total);
    std::vector<int64_t*> from = Fields(&*r);
    for (size_t i = 0; i < to.size(); ++i) *to[i] += *from[i];
    std::vector<uint64_t*> dto = DedupFields(&total);
    std::vector<uint64_t*> dfrom = DedupFields(&*r);
    for (size_t i = 0; i < dto.size(); ++i) *dto[i] += *dfrom[i];
    for (const auto& e : r->pipeline.removed_by) {
      total.pipeline.removed_by[e.first] += e.second;
    }
    for (const auto& e : r->pipeline.rejected_by) {
      total.pipeline.rejected_by[e.first] += e.second;
    }
    total.pipeline.threads =
        std::max(total.pipeline.threads, r->pipeline.threads);
    // A document whose id an earlier shard had (the shard's own repeats
    // are counted already).
    internal::SignedShard signed_shard;
    absl::Status st = internal::ReadSignedShard(rep, s, &signed_shard);
    if (!st.ok()) return st;
    absl::flat_hash_set<std::string> mine;
    for (uint64_t d = 0; d < signed_shard.documents; ++d) {
      const std::string id(signed_shard.id(d));
      if (!mine.insert(id).second) continue;
      if (earlier.contains(id)) ++total.pipeline.repeated_ids;
    }
    for (std::string id : mine) earlier.insert(std::move(id));
    total.stage_bytes +=
        FileBytes(rep.SignDocsPath(s)) + FileBytes(rep.DecidePath(s));
    for (uint32_t p = 0; p < rep.partitions; ++p) {
      total.stage_bytes +=
          FileBytes(rep.SignRecordsPath(s, p)) + FileBytes(rep.PairsPath(p, s));
    }
  }
  return total;
}

}  // namespace pith
