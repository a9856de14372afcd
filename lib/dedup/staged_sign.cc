// Copyright 2026 The pith Authors.
//
// StagedDedup::Sign(): a Pipeline run whose Deduplicator records each unit
// (its exact hash, sketch and band keys) into partition files instead of
// deciding it.

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/dedup_rep.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/staged_files.h"
#include "lib/dedup/staged_rep.h"
#include "pith/pipeline.h"
#include "pith/staged_dedup.h"

namespace pith {
namespace internal {
namespace {

class SignDecider : public UnitDecider {
 public:
  explicit SignDecider(const StagedDedup::Rep& rep)
      : rep_(rep), records_(rep.partitions) {}

  absl::Status Decide(uint32_t doc, absl::string_view /*id*/, uint32_t line,
                      PreparedUnit* unit, const uint8_t* sketch,
                      const QuerySketchView& query,
                      absl::Span<const uint32_t> keys, UnitMatch* match,
                      std::string* /*duplicate_of_id*/) override {
    *match = UnitMatch();
    ++units_;
    const uint32_t partitions = rep_.partitions;
    const uint32_t exact_p = ExactPartition(unit->exact_hash, partitions);
    // The partitions of the unit: its exact hash's and its band keys'.
    by_partition_.resize(partitions);
    for (auto& keys_here : by_partition_) keys_here.clear();
    used_.assign(partitions, false);
    std::vector<bool>& used = used_;
    used[exact_p] = true;
    if (!rep_.exact_only) {
      for (size_t b = 0; b < keys.size(); ++b) {
        const uint32_t p =
            BandPartition(static_cast<uint32_t>(b), keys[b], partitions);
        by_partition_[p].emplace_back(static_cast<uint32_t>(b), keys[b]);
        used[p] = true;
      }
    }
    for (uint32_t p = 0; p < partitions; ++p) {
      if (!used[p]) continue;
      FieldWriter& w = records_[p];
      uint32_t flags = p == exact_p ? kRecordExactHere : 0;
      if (rep_.sketched && query.fingerprints != nullptr) {
        flags |= kRecordFingerprints;
      }
      w.U32(doc);
      w.U32(line);
      w.U32(unit->set_size);
      w.U32(flags);
      w.U64(unit->exact_hash);
      w.U32(static_cast<uint32_t>(by_partition_[p].size()));
      for (const auto& k : by_partition_[p]) {
        w.U32(k.first);
        w.U32(k.second);
      }
      std::string* out = w.mutable_data();
      if (rep_.sketched) {
        out->append(reinterpret_cast<const char*>(sketch), kSketchBytes);
        w.U32(static_cast<uint32_t>(query.first_level));
        w.U32(static_cast<uint32_t>(query.levels));
        out->append(reinterpret_cast<const char*>(query.odd),
                    size_t(query.levels) * kSketchBytes);
        if (query.fingerprints != nullptr) {
          out->append(reinterpret_cast<const char*>(query.fingerprints),
                      size_t{query.size} * 2);
        }
      } else if (rep_.exact_sets) {
        w.U32(static_cast<uint32_t>(unit->set.size()));
        for (uint64_t v : unit->set) w.U64(v);
      }
    }
    return absl::OkStatus();
  }

  void EndDocument(absl::string_view id) override {
    ids_.append(id.data(), id.size());
    id_ends_.U64(ids_.size());
    ++documents_;
  }
  uint64_t first_document() const override { return 0; }
  void IndexCounters(DedupStats* /*stats*/) const override {}

  absl::Status Write(uint32_t shard) const {
    for (uint32_t p = 0; p < rep_.partitions; ++p) {
      absl::Status s =
          WriteStageFile(rep_.SignRecordsPath(shard, p), rep_.fingerprint,
                         StageKind::kSignRecords, shard, p,
                         {{kRecordsTag, records_[p].data()}});
      if (!s.ok()) return s;
    }
    FieldWriter docs, ids;
    docs.U64(documents_);
    docs.U64(units_);
    ids.Bytes(id_ends_.data());
    ids.Bytes(ids_);
    // Written last: Done(kSign) then means all of them are.
    return WriteStageFile(rep_.SignDocsPath(shard), rep_.fingerprint,
                          StageKind::kSignDocs, shard, 0,
                          {{kDocsTag, docs.data()}, {kIdsTag, ids.data()}});
  }

 private:
  const StagedDedup::Rep& rep_;
  std::vector<FieldWriter> records_;  // Per partition.
  // Per unit, reused: its band keys per partition, and the partitions used.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> by_partition_;
  std::vector<bool> used_;
  uint64_t documents_ = 0;
  uint64_t units_ = 0;
  std::string ids_;
  FieldWriter id_ends_;
};

// Drops what the run produces.
class NullSink : public PipelineSink {
 public:
  absl::Status Consume(const PipelineDocument& /*document*/) override {
    return absl::OkStatus();
  }
};

}  // namespace
}  // namespace internal

absl::Status StagedDedup::Sign(int shard, const PipelineOptions& options,
                               const Cleaner* cleaner) const {
  if (shard < 0 || shard >= shards()) {
    return absl::InvalidArgumentError(
        absl::StrCat("staged dedup: no shard ", shard));
  }
  absl::StatusOr<Deduplicator> dedup = Deduplicator::Create(rep_->options);
  if (!dedup.ok()) return dedup.status();
  auto decider = std::make_unique<internal::SignDecider>(*rep_);
  internal::SignDecider* signer = decider.get();
  dedup->rep_->decider = std::move(decider);
  absl::StatusOr<Pipeline> pipeline =
      Pipeline::Create(options, cleaner, &*dedup);
  if (!pipeline.ok()) return pipeline.status();
  internal::NullSink sink;
  absl::Status s = pipeline->Run(ShardInputs(shard), &sink);
  if (!s.ok()) return s;
  return signer->Write(static_cast<uint32_t>(shard));
}

}  // namespace pith
