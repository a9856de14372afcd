// Copyright 2026 The pith Authors.
//
// StagedDedup::Decide(): gathers the verified candidates of each unit of a
// shard from every partition; and Resolve(): which units one process would
// leave out of the LSH index because their query was capped.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/container/btree_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/staged_files.h"
#include "lib/dedup/staged_rep.h"
#include "pith/staged_dedup.h"

namespace pith {
namespace internal {
namespace {

struct Candidate {
  UnitId id;
  double similarity;
  bool operator<(const Candidate& o) const { return id < o.id; }
};

struct UnitPairs {
  bool exact = false;
  UnitId original;
  std::vector<Candidate> candidates;
};

absl::Status Corrupt(const std::string& path, const char* what) {
  return absl::DataLossError(
      absl::StrCat("stage file ", path, " is corrupt: ", what));
}

void PutId(const UnitId& id, FieldWriter* w) {
  w->U32(id.shard);
  w->U32(id.doc);
  w->U32(id.line);
}

bool GetId(FieldReader* r, uint32_t shards, UnitId* id) {
  return r->U32(&id->shard) && r->U32(&id->doc) && r->U32(&id->line) &&
         id->shard < shards;
}

// Reads the pairs of shard "me" from every partition into "*units".
absl::Status ReadPairs(
    const StagedDedup::Rep& rep, uint32_t me,
    absl::btree_map<std::pair<uint32_t, uint32_t>, UnitPairs>* units) {
  for (uint32_t p = 0; p < rep.partitions; ++p) {
    std::string data;
    std::vector<absl::string_view> sections;
    const std::string path = rep.PairsPath(p, me);
    absl::Status st = ReadStageFile(path, rep.fingerprint, StageKind::kPairs,
                                    me, p, {kPairsTag}, &data, &sections);
    if (!st.ok()) return st;
    FieldReader r(sections[0]);
    while (!r.done()) {
      uint32_t doc = 0, line = 0, kind = 0;
      if (!r.U32(&doc) || !r.U32(&line) || !r.U32(&kind)) {
        return Corrupt(path, "bad pairs");
      }
      UnitPairs& u = (*units)[{doc, line}];
      if (kind == 0) {
        if (!GetId(&r, rep.shards, &u.original)) {
          return Corrupt(path, "bad pairs");
        }
        u.exact = true;
        continue;
      }
      uint32_t n = 0;
      if (!r.U32(&n)) return Corrupt(path, "bad pairs");
      for (uint32_t i = 0; i < n; ++i) {
        Candidate c;
        if (!GetId(&r, rep.shards, &c.id) || !r.F64(&c.similarity)) {
          return Corrupt(path, "bad pairs");
        }
        u.candidates.push_back(c);
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace internal

absl::Status StagedDedup::Decide(int shard) const {
  const Rep& rep = *rep_;
  if (shard < 0 || shard >= shards()) {
    return absl::InvalidArgumentError(
        absl::StrCat("staged dedup: no shard ", shard));
  }
  const uint32_t me = static_cast<uint32_t>(shard);
  // Every shard's documents: the global numbers and the ids.
  std::vector<internal::SignedShard> signed_shards(rep.shards);
  std::vector<uint64_t> first_doc(rep.shards + 1, 0);
  for (uint32_t s = 0; s < rep.shards; ++s) {
    absl::Status st = internal::ReadSignedShard(rep, s, &signed_shards[s]);
    if (!st.ok()) return st;
    first_doc[s + 1] = first_doc[s] + signed_shards[s].documents;
  }
  absl::btree_map<std::pair<uint32_t, uint32_t>, internal::UnitPairs> units;
  absl::Status st = internal::ReadPairs(rep, me, &units);
  if (!st.ok()) return st;
  // Writes the global number and id of the document of unit "id".
  auto put_doc = [&](const internal::UnitId& id,
                     internal::FieldWriter* w) -> bool {
    const internal::SignedShard& ss = signed_shards[id.shard];
    if (id.doc >= ss.documents) return false;
    w->U64(first_doc[id.shard] + id.doc);
    w->Bytes(ss.id(id.doc));
    return true;
  };
  const size_t cap = static_cast<size_t>(rep.options.max_candidates);
  const size_t limit = internal::ReplayLimit(rep.options);
  uint64_t exact_duplicates = 0;
  internal::FieldWriter out, caps;
  for (auto& entry : units) {
    internal::UnitPairs& u = entry.second;
    out.U32(entry.first.first);
    out.U32(entry.first.second);
    if (u.exact) {
      ++exact_duplicates;
      out.U32(0);
      out.U32(u.original.line);
      if (!put_doc(u.original, &out)) {
        return internal::Corrupt(rep.PairsPath(0, me), "bad document");
      }
      continue;
    }
    std::vector<internal::Candidate>& c = u.candidates;
    std::sort(c.begin(), c.end());
    c.erase(
        std::unique(c.begin(), c.end(),
                    [](const internal::Candidate& a,
                       const internal::Candidate& b) { return a.id == b.id; }),
        c.end());
    const internal::UnitId id{me, entry.first.first, entry.first.second};
    if (c.size() > limit) {
      return internal::ReplayLimitError(rep, id, c.size());
    }
    out.U32(1);
    out.U32(static_cast<uint32_t>(c.size()));
    for (const internal::Candidate& v : c) {
      internal::PutId(v.id, &out);
      out.F64(v.similarity);
      if (v.similarity >= 0 && !put_doc(v.id, &out)) {
        return internal::Corrupt(rep.PairsPath(0, me), "bad document");
      }
    }
    if (c.size() > cap) {
      internal::PutId(id, &caps);
      caps.U32(static_cast<uint32_t>(c.size()));
      for (const internal::Candidate& v : c) internal::PutId(v.id, &caps);
    }
  }
  internal::FieldWriter counts;
  counts.U64(first_doc[me]);
  counts.U64(signed_shards[me].units - exact_duplicates);
  st = internal::WriteStageFile(rep.CapsPath(me), rep.fingerprint,
                                internal::StageKind::kCaps, me, 0,
                                {{internal::kCapsTag, caps.data()}});
  if (!st.ok()) return st;
  return internal::WriteStageFile(rep.DecidePath(me), rep.fingerprint,
                                  internal::StageKind::kDecide, me, 0,
                                  {{internal::kCountsTag, counts.data()},
                                   {internal::kDecisionsTag, out.data()}});
}

absl::Status StagedDedup::Resolve() const {
  const Rep& rep = *rep_;
  // The units with more candidates than the cap, in order, and theirs.
  absl::btree_map<internal::UnitId, std::vector<internal::UnitId>> over;
  for (uint32_t s = 0; s < rep.shards; ++s) {
    std::string data;
    std::vector<absl::string_view> sections;
    const std::string path = rep.CapsPath(s);
    absl::Status st = internal::ReadStageFile(
        path, rep.fingerprint, internal::StageKind::kCaps, s, 0,
        {internal::kCapsTag}, &data, &sections);
    if (!st.ok()) return st;
    internal::FieldReader r(sections[0]);
    while (!r.done()) {
      internal::UnitId id;
      uint32_t n = 0;
      if (!internal::GetId(&r, rep.shards, &id) || !r.U32(&n) ||
          n > sections[0].size()) {
        return internal::Corrupt(path, "bad caps");
      }
      std::vector<internal::UnitId>& c = over[id];
      c.resize(n);
      for (internal::UnitId& v : c) {
        if (!internal::GetId(&r, rep.shards, &v)) {
          return internal::Corrupt(path, "bad caps");
        }
      }
    }
  }
  // DedupIndex::Decide() in order: a unit whose candidates (less the units
  // left out before it) are more than the cap is left out of the index.
  // Only units with more candidates than the cap can be.
  const size_t cap = static_cast<size_t>(rep.options.max_candidates);
  absl::btree_set<internal::UnitId> left_out;
  internal::FieldWriter out;
  for (const auto& entry : over) {
    size_t n = 0;
    for (const internal::UnitId& v : entry.second) n += !left_out.contains(v);
    if (n > cap) {
      left_out.insert(entry.first);
      internal::PutId(entry.first, &out);
    }
  }
  return internal::WriteStageFile(rep.CappedPath(), rep.fingerprint,
                                  internal::StageKind::kCapped, 0, 0,
                                  {{internal::kCapsTag, out.data()}});
}

}  // namespace pith
