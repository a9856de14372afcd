// Copyright 2026 The pith Authors.
//
// StagedDedup::Decide(): the decision of DedupIndex::Decide() for each unit
// of a shard, from its verified pairs; and ApplyDeduplicator(), whose
// Deduplicator takes those decisions.

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/dedup_index.h"
#include "lib/dedup/dedup_rep.h"
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

// One decided duplicate (DECS).
struct Decision {
  uint32_t doc = 0;
  uint32_t line = 0;
  bool exact = false;
  uint64_t duplicate_of_doc = 0;
  uint32_t duplicate_of_line = 0;
  double similarity = 0;
  std::string duplicate_of_id;
};

class ApplyDecider : public UnitDecider {
 public:
  ApplyDecider(std::vector<Decision> decisions, uint64_t first_document,
               uint64_t indexed, uint64_t candidates)
      : decisions_(std::move(decisions)),
        first_document_(first_document),
        indexed_(indexed),
        candidates_(candidates) {}

  absl::Status Decide(uint32_t doc, absl::string_view /*id*/, uint32_t line,
                      PreparedUnit* /*unit*/, const uint8_t* /*sketch*/,
                      const QuerySketchView& /*query*/,
                      absl::Span<const uint32_t> /*keys*/, UnitMatch* match,
                      std::string* duplicate_of_id) override {
    *match = UnitMatch();
    if (next_ >= decisions_.size()) return absl::OkStatus();
    const Decision& d = decisions_[next_];
    if (d.doc < doc || (d.doc == doc && d.line < line)) {
      return absl::DataLossError(
          "staged dedup: the decisions do not match the shard's units "
          "(were the inputs changed since the plan?)");
    }
    if (d.doc != doc || d.line != line) return absl::OkStatus();
    ++next_;
    match->duplicate = true;
    match->exact = d.exact;
    match->doc = static_cast<uint32_t>(d.duplicate_of_doc);
    match->line = d.duplicate_of_line;
    match->similarity = d.similarity;
    *duplicate_of_id = d.duplicate_of_id;
    return absl::OkStatus();
  }
  void EndDocument(absl::string_view /*id*/) override {}
  uint64_t first_document() const override { return first_document_; }
  void IndexCounters(DedupStats* stats) const override {
    stats->indexed_units = indexed_;
    stats->candidates = candidates_;
    stats->capped_queries = 0;
  }

 private:
  const std::vector<Decision> decisions_;
  size_t next_ = 0;
  const uint64_t first_document_;
  const uint64_t indexed_;
  const uint64_t candidates_;
};

absl::Status Corrupt(const std::string& path, const char* what) {
  return absl::DataLossError(
      absl::StrCat("stage file ", path, " is corrupt: ", what));
}

}  // namespace
}  // namespace internal

absl::Status StagedDedup::Decide(int shard) const {
  using internal::FieldReader;
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
  // The pairs of this shard's units, from every partition.
  absl::btree_map<std::pair<uint32_t, uint32_t>, internal::UnitPairs> units;
  for (uint32_t p = 0; p < rep.partitions; ++p) {
    std::string data;
    std::vector<absl::string_view> sections;
    const std::string path = rep.PairsPath(p, me);
    absl::Status st = internal::ReadStageFile(
        path, rep.fingerprint, internal::StageKind::kPairs, me, p,
        {internal::kPairsTag}, &data, &sections);
    if (!st.ok()) return st;
    FieldReader r(sections[0]);
    while (!r.done()) {
      uint32_t doc = 0, line = 0, kind = 0;
      if (!r.U32(&doc) || !r.U32(&line) || !r.U32(&kind)) {
        return internal::Corrupt(path, "bad pairs");
      }
      internal::UnitPairs& u = units[{doc, line}];
      if (kind == 0) {
        internal::UnitId& o = u.original;
        if (!r.U32(&o.shard) || !r.U32(&o.doc) || !r.U32(&o.line) ||
            o.shard >= rep.shards) {
          return internal::Corrupt(path, "bad pairs");
        }
        u.exact = true;
        continue;
      }
      uint32_t n = 0;
      if (!r.U32(&n)) return internal::Corrupt(path, "bad pairs");
      for (uint32_t i = 0; i < n; ++i) {
        internal::Candidate c;
        if (!r.U32(&c.id.shard) || !r.U32(&c.id.doc) || !r.U32(&c.id.line) ||
            !r.F64(&c.similarity) || c.id.shard >= rep.shards) {
          return internal::Corrupt(path, "bad pairs");
        }
        u.candidates.push_back(c);
      }
    }
  }
  const size_t cap = static_cast<size_t>(rep.options.max_candidates);
  uint64_t exact_duplicates = 0, candidates = 0;
  internal::FieldWriter out;
  auto id_of = [&](const internal::UnitId& id, std::string* s) -> bool {
    const internal::SignedShard& ss = signed_shards[id.shard];
    if (id.doc >= ss.documents) return false;
    const absl::string_view v = ss.id(id.doc);
    s->assign(v.data(), v.size());
    return true;
  };
  for (auto& entry : units) {
    internal::UnitPairs& u = entry.second;
    internal::UnitId found;
    double similarity = 0;
    if (u.exact) {
      ++exact_duplicates;
      found = u.original;
      similarity = 1.0;
    } else {
      std::vector<internal::Candidate>& c = u.candidates;
      std::sort(c.begin(), c.end());
      c.erase(std::unique(c.begin(), c.end(),
                          [](const internal::Candidate& a,
                             const internal::Candidate& b) {
                            return a.id == b.id;
                          }),
              c.end());
      if (c.size() > cap) {
        return internal::CappedError(
            rep, {me, entry.first.first, entry.first.second}, c.size());
      }
      const internal::CandidateChoice choice = internal::ChooseCandidate(
          c.size(), cap, [](size_t) { return true; },
          [&](size_t i) { return c[i].similarity; });
      candidates += choice.verified;
      if (!choice.found) continue;
      found = c[choice.index].id;
      similarity = choice.similarity;
    }
    std::string id;
    if (!id_of(found, &id)) {
      return internal::Corrupt(rep.PairsPath(0, me), "bad document");
    }
    out.U32(entry.first.first);
    out.U32(entry.first.second);
    out.U32(u.exact ? 1 : 0);
    out.U64(first_doc[found.shard] + found.doc);
    out.U32(found.line);
    out.F64(similarity);
    out.Bytes(id);
  }
  internal::FieldWriter counts;
  counts.U64(first_doc[me]);
  counts.U64(signed_shards[me].units - exact_duplicates);
  counts.U64(candidates);
  return internal::WriteStageFile(
      rep.DecidePath(me), rep.fingerprint, internal::StageKind::kDecide, me, 0,
      {{internal::kCountsTag, counts.data()},
       {internal::kDecisionsTag, out.data()}});
}

absl::StatusOr<Deduplicator> StagedDedup::ApplyDeduplicator(int shard) const {
  using internal::FieldReader;
  const Rep& rep = *rep_;
  if (shard < 0 || shard >= shards()) {
    return absl::InvalidArgumentError(
        absl::StrCat("staged dedup: no shard ", shard));
  }
  const uint32_t me = static_cast<uint32_t>(shard);
  std::string data;
  std::vector<absl::string_view> sections;
  const std::string path = rep.DecidePath(me);
  absl::Status st = internal::ReadStageFile(
      path, rep.fingerprint, internal::StageKind::kDecide, me, 0,
      {internal::kCountsTag, internal::kDecisionsTag}, &data, &sections);
  if (!st.ok()) return st;
  FieldReader counts(sections[0]);
  uint64_t first = 0, indexed = 0, candidates = 0;
  if (!counts.U64(&first) || !counts.U64(&indexed) ||
      !counts.U64(&candidates) || !counts.done()) {
    return internal::Corrupt(path, "bad counts");
  }
  std::vector<internal::Decision> decisions;
  FieldReader r(sections[1]);
  while (!r.done()) {
    internal::Decision d;
    uint32_t exact = 0;
    if (!r.U32(&d.doc) || !r.U32(&d.line) || !r.U32(&exact) ||
        !r.U64(&d.duplicate_of_doc) || !r.U32(&d.duplicate_of_line) ||
        !r.F64(&d.similarity) || !r.Bytes(&d.duplicate_of_id)) {
      return internal::Corrupt(path, "bad decisions");
    }
    d.exact = exact != 0;
    decisions.push_back(std::move(d));
  }
  absl::StatusOr<Deduplicator> dedup = Deduplicator::Create(rep.options);
  if (!dedup.ok()) return dedup.status();
  dedup->rep_->decider = std::make_unique<internal::ApplyDecider>(
      std::move(decisions), first, indexed, candidates);
  return dedup;
}

}  // namespace pith
