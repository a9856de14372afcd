// Copyright 2026 The pith Authors.
//
// StagedDedup::Bucket(): per partition, each unit against the earlier
// members of its buckets, as DedupIndex::Decide() would see them.
//
// A unit with the exact hash of an earlier unit is an exact duplicate and
// is never indexed; it has the same shingles, so the same band keys as that
// unit, which is then in each of its buckets: whether a member is indexed
// is known within any one bucket. Every other member is taken as indexed
// here; the few whose queries one process caps (and so does not index) are
// found by Resolve() and left out of the candidates by the Apply stage.

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/dedup_index.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/staged_files.h"
#include "lib/dedup/staged_rep.h"
#include "lib/dedup/unit_sketch.h"
#include "pith/staged_dedup.h"

namespace pith {
namespace internal {

size_t ReplayLimit(const DedupOptions& options) {
  return std::max<size_t>(size_t{16} * options.max_candidates, 1024);
}

absl::Status ReplayLimitError(const StagedDedup::Rep& rep, const UnitId& u,
                              size_t n) {
  return absl::ResourceExhaustedError(absl::StrCat(
      "staged dedup: the unit at line ", u.line, " of document ", u.doc,
      " of shard ", u.shard, " has ", n, " LSH candidates, more than ",
      ReplayLimit(rep.options), " (16 x --max-candidates ",
      rep.options.max_candidates,
      "): one process caps such queries, and the stages cannot replay that "
      "many; run pith dedup in one process"));
}

}  // namespace internal

absl::Status StagedDedup::Bucket(int partition) const {
  using internal::UnitRecord;
  const Rep& rep = *rep_;
  if (partition < 0 || partition >= partitions()) {
    return absl::InvalidArgumentError(
        absl::StrCat("staged dedup: no partition ", partition));
  }
  const uint32_t p = static_cast<uint32_t>(partition);
  std::vector<std::string> files(rep.shards);
  std::vector<UnitRecord> units;
  for (uint32_t s = 0; s < rep.shards; ++s) {
    std::vector<absl::string_view> sections;
    const std::string path = rep.SignRecordsPath(s, p);
    absl::Status st = internal::ReadStageFile(
        path, rep.fingerprint, internal::StageKind::kSignRecords, s, p,
        {internal::kRecordsTag}, &files[s], &sections);
    if (!st.ok()) return st;
    if (!internal::DecodeRecords(sections[0], s, rep.sketched, rep.exact_sets,
                                 &units)) {
      return absl::DataLossError(
          absl::StrCat("stage file ", path, " is corrupt: bad records"));
    }
  }
  const size_t n = units.size();
  // Exact duplicates: the first unit of each exact hash is the original.
  std::vector<int64_t> exact_of(n, -1);
  {
    absl::flat_hash_map<uint64_t, uint32_t> first;
    for (size_t i = 0; i < n; ++i) {
      if (!units[i].exact_here) continue;
      auto it = first.emplace(units[i].exact_hash, static_cast<uint32_t>(i));
      if (!it.second) exact_of[i] = it.first->second;
    }
  }
  const size_t limit = internal::ReplayLimit(rep.options);
  // Buckets: the (band, key) of each member, sorted: members in unit order.
  std::vector<std::pair<uint64_t, uint32_t>> members;
  for (size_t i = 0; i < n; ++i) {
    for (const auto& k : units[i].keys) {
      members.emplace_back(uint64_t{k.first} << 32 | k.second,
                           static_cast<uint32_t>(i));
    }
  }
  std::sort(members.begin(), members.end());
  // Candidate pairs (unit, earlier unit) from every bucket.
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::vector<uint32_t> live;
  for (size_t b = 0; b < members.size();) {
    size_t e = b + 1;
    while (e < members.size() && members[e].first == members[b].first) ++e;
    live.clear();
    for (size_t m = b; m < e; ++m) {
      const uint32_t i = members[m].second;
      // An exact duplicate of an earlier member is not indexed.
      bool duplicate = false;
      for (uint32_t j : live) {
        if (units[j].exact_hash == units[i].exact_hash) {
          duplicate = true;
          break;
        }
      }
      if (duplicate) continue;
      if (live.size() > limit) {  // Bounds the pairs held.
        return internal::ReplayLimitError(rep, units[i].id, live.size());
      }
      for (uint32_t j : live) pairs.emplace_back(i, j);
      live.push_back(i);
    }
    b = e;
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<size_t> first_pair(n + 1, 0);  // Unit i: [first[i], first[i+1]).
  for (const auto& pr : pairs) ++first_pair[pr.first + 1];
  for (size_t i = 0; i < n; ++i) first_pair[i + 1] += first_pair[i];
  // Verify, and write the pairs of each shard's units.
  std::vector<internal::FieldWriter> out(rep.shards);
  internal::FingerprintTable table;
  for (size_t i = 0; i < n; ++i) {
    const UnitRecord& u = units[i];
    const size_t c_begin = first_pair[i], c_end = first_pair[i + 1];
    const size_t c_size = c_end - c_begin;
    if (exact_of[i] < 0 && c_size == 0) continue;
    internal::FieldWriter& w = out[u.id.shard];
    w.U32(u.id.doc);
    w.U32(u.id.line);
    if (exact_of[i] >= 0) {
      const internal::UnitId& o = units[exact_of[i]].id;
      w.U32(0);
      w.U32(o.shard);
      w.U32(o.doc);
      w.U32(o.line);
      continue;
    }
    if (c_size > limit) return internal::ReplayLimitError(rep, u.id, c_size);
    internal::PreparedUnit query_unit;
    query_unit.set_size = u.set_size;
    query_unit.set = u.set;
    const bool fingerprints = rep.sketched && u.query.fingerprints != nullptr;
    if (fingerprints) table.Add(u.query.fingerprints, u.query.size);
    w.U32(1);
    w.U32(static_cast<uint32_t>(c_size));
    for (size_t k = c_begin; k < c_end; ++k) {
      const UnitRecord& v = units[pairs[k].second];
      internal::IndexedUnitView other;
      other.set_size = v.set_size;
      other.sketch = v.sketch;
      other.set = v.set;
      const double sim = internal::VerifyPair(
          rep.options.verify, rep.accept, query_unit, u.query, table, other);
      w.U32(v.id.shard);
      w.U32(v.id.doc);
      w.U32(v.id.line);
      w.F64(sim);
    }
    if (fingerprints) table.Clear(u.query.fingerprints, u.query.size);
  }
  for (uint32_t s = 0; s < rep.shards; ++s) {
    absl::Status st = internal::WriteStageFile(
        rep.PairsPath(p, s), rep.fingerprint, internal::StageKind::kPairs, s, p,
        {{internal::kPairsTag, out[s].data()}});
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

}  // namespace pith
