// Copyright 2026 The pith Authors.
//
// StagedDedup::ApplyDeduplicator(): a Deduplicator whose units are decided
// from the stage files, as DedupIndex::Decide() decides them: the exact
// original if there is one, else the most similar of the first
// max_candidates candidates (the earliest on ties), the units that
// Resolve() left out of the index not being candidates.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
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

struct Match {
  UnitId id;
  double similarity = 0;
  uint64_t doc = 0;  // Global number (similarity >= 0 only).
  std::string doc_id;
};

// The entry of a unit in decide-S.
struct Entry {
  uint32_t doc = 0;
  uint32_t line = 0;
  bool exact = false;
  std::vector<Match> candidates;  // Or the exact original.
};

class ApplyDecider : public UnitDecider {
 public:
  ApplyDecider(std::vector<Entry> entries, absl::btree_set<UnitId> left_out,
               size_t cap, uint64_t first_document, uint64_t indexed)
      : entries_(std::move(entries)),
        left_out_(std::move(left_out)),
        cap_(cap),
        first_document_(first_document),
        indexed_(indexed) {}

  absl::Status Decide(uint32_t doc, absl::string_view /*id*/, uint32_t line,
                      PreparedUnit* /*unit*/, const uint8_t* /*sketch*/,
                      const QuerySketchView& /*query*/,
                      absl::Span<const uint32_t> /*keys*/, UnitMatch* match,
                      std::string* duplicate_of_id) override {
    *match = UnitMatch();
    if (next_ >= entries_.size()) return absl::OkStatus();
    const Entry& e = entries_[next_];
    if (e.doc < doc || (e.doc == doc && e.line < line)) {
      return absl::DataLossError(
          "staged dedup: the stage files do not match the shard's units "
          "(were the inputs changed since the plan?)");
    }
    if (e.doc != doc || e.line != line) return absl::OkStatus();
    ++next_;
    if (e.exact) {
      const Match& m = e.candidates[0];
      match->duplicate = true;
      match->exact = true;
      match->doc = static_cast<uint32_t>(m.doc);
      match->line = m.id.line;
      match->similarity = 1.0;
      *duplicate_of_id = m.doc_id;
      return absl::OkStatus();
    }
    live_.clear();
    for (const Match& m : e.candidates) {
      if (!left_out_.contains(m.id)) live_.push_back(&m);
    }
    if (live_.size() > cap_) ++capped_;
    const CandidateChoice choice = ChooseCandidate(
        live_.size(), cap_, [](size_t) { return true; },
        [&](size_t i) { return live_[i]->similarity; });
    candidates_ += choice.verified;
    if (choice.found) {
      const Match& m = *live_[choice.index];
      match->duplicate = true;
      match->doc = static_cast<uint32_t>(m.doc);
      match->line = m.id.line;
      match->similarity = choice.similarity;
      *duplicate_of_id = m.doc_id;
    }
    return absl::OkStatus();
  }
  void EndDocument(absl::string_view /*id*/) override {}
  uint64_t first_document() const override { return first_document_; }
  void IndexCounters(DedupStats* stats) const override {
    stats->indexed_units = indexed_;
    stats->candidates = candidates_;
    stats->capped_queries = capped_;
  }

 private:
  const std::vector<Entry> entries_;
  const absl::btree_set<UnitId> left_out_;
  const size_t cap_;
  const uint64_t first_document_;
  const uint64_t indexed_;
  size_t next_ = 0;
  uint64_t candidates_ = 0;
  uint64_t capped_ = 0;
  std::vector<const Match*> live_;
};

absl::Status Corrupt(const std::string& path, const char* what) {
  return absl::DataLossError(
      absl::StrCat("stage file ", path, " is corrupt: ", what));
}

bool GetId(FieldReader* r, uint32_t shards, UnitId* id) {
  return r->U32(&id->shard) && r->U32(&id->doc) && r->U32(&id->line) &&
         id->shard < shards;
}

}  // namespace
}  // namespace internal

absl::StatusOr<Deduplicator> StagedDedup::ApplyDeduplicator(int shard) const {
  using internal::FieldReader;
  const Rep& rep = *rep_;
  if (shard < 0 || shard >= shards()) {
    return absl::InvalidArgumentError(
        absl::StrCat("staged dedup: no shard ", shard));
  }
  const uint32_t me = static_cast<uint32_t>(shard);
  // The units left out of the index.
  absl::btree_set<internal::UnitId> left_out;
  {
    std::string data;
    std::vector<absl::string_view> sections;
    const std::string path = rep.CappedPath();
    absl::Status st = internal::ReadStageFile(
        path, rep.fingerprint, internal::StageKind::kCapped, 0, 0,
        {internal::kCapsTag}, &data, &sections);
    if (!st.ok()) return st;
    FieldReader r(sections[0]);
    while (!r.done()) {
      internal::UnitId id;
      if (!internal::GetId(&r, rep.shards, &id)) {
        return internal::Corrupt(path, "bad units");
      }
      left_out.insert(id);
    }
  }
  std::string data;
  std::vector<absl::string_view> sections;
  const std::string path = rep.DecidePath(me);
  absl::Status st = internal::ReadStageFile(
      path, rep.fingerprint, internal::StageKind::kDecide, me, 0,
      {internal::kCountsTag, internal::kDecisionsTag}, &data, &sections);
  if (!st.ok()) return st;
  FieldReader counts(sections[0]);
  uint64_t first = 0, indexed = 0;
  if (!counts.U64(&first) || !counts.U64(&indexed) || !counts.done()) {
    return internal::Corrupt(path, "bad counts");
  }
  std::vector<internal::Entry> entries;
  FieldReader r(sections[1]);
  while (!r.done()) {
    internal::Entry e;
    uint32_t kind = 0;
    if (!r.U32(&e.doc) || !r.U32(&e.line) || !r.U32(&kind)) {
      return internal::Corrupt(path, "bad units");
    }
    if (kind == 0) {
      internal::Match m;
      if (!r.U32(&m.id.line) || !r.U64(&m.doc) || !r.Bytes(&m.doc_id)) {
        return internal::Corrupt(path, "bad units");
      }
      e.exact = true;
      e.candidates.push_back(std::move(m));
    } else {
      uint32_t n = 0;
      if (!r.U32(&n) || n > sections[1].size()) {
        return internal::Corrupt(path, "bad units");
      }
      e.candidates.resize(n);
      for (internal::Match& m : e.candidates) {
        if (!internal::GetId(&r, rep.shards, &m.id) || !r.F64(&m.similarity) ||
            (m.similarity >= 0 && (!r.U64(&m.doc) || !r.Bytes(&m.doc_id)))) {
          return internal::Corrupt(path, "bad units");
        }
      }
    }
    entries.push_back(std::move(e));
  }
  absl::StatusOr<Deduplicator> dedup = Deduplicator::Create(rep.options);
  if (!dedup.ok()) return dedup.status();
  dedup->rep_->units_only = true;
  dedup->rep_->decider = std::make_unique<internal::ApplyDecider>(
      std::move(entries), std::move(left_out),
      static_cast<size_t>(rep.options.max_candidates), first, indexed);
  return dedup;
}

}  // namespace pith
