// Copyright 2026 The pith Authors.
//
// StagedDedup: the plan (inputs -> shards), Open() and Done().

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/recorded_options.h"
#include "lib/dedup/staged_files.h"
#include "lib/dedup/staged_rep.h"
#include "lib/hash.h"
#include "pith/staged_dedup.h"

namespace pith {
namespace {

using internal::FieldReader;
using internal::FieldWriter;

// The options fingerprint: every recorded option (lib/dedup/
// recorded_options.h), those that change the counters or the text
// (max_candidates, tidy_blank_lines) and the caller's "context".
uint64_t Fingerprint(const DedupOptions& options, const LshParams& params,
                     const std::string& context) {
  std::string bytes = internal::EncodeRecordedOptions({options, params});
  FieldWriter w;
  w.U64(static_cast<uint64_t>(options.max_candidates));
  w.U32(options.tidy_blank_lines ? 1 : 0);
  w.Bytes(context);
  bytes += w.data();
  return internal::Hash64(bytes.data(), bytes.size(), 0x7374616765640000ULL);
}

absl::Status FileError(const std::string& path, const char* what) {
  const int e = errno;
  return absl::ErrnoToStatus(e, absl::StrCat(path, ": ", what));
}

// Whether "path" starts with a gzip or zstd magic number.
bool LooksCompressed(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  unsigned char b[4] = {0, 0, 0, 0};
  const size_t n = std::fread(b, 1, 4, f);
  std::fclose(f);
  if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b) return true;
  return n >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd;
}

// Cuts the plain JSONL file "path" of "size" bytes, starting at global
// offset "global" of "total", into pieces at line ends near the shard
// boundaries, appending each to its shard.
absl::Status CutFile(const std::string& path, uint64_t size, uint64_t global,
                     uint64_t total, uint32_t shards,
                     std::vector<std::vector<PipelineInput>>* pieces) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return FileError(path, "cannot open");
  std::unique_ptr<FILE, int (*)(FILE*)> closer(f, &std::fclose);
  uint64_t pos = 0;
  int64_t line = 1;  // The line number of byte "pos".
  std::vector<char> buf(1 << 16);
  while (pos < size) {
    const uint32_t shard = static_cast<uint32_t>(
        std::min<uint64_t>(shards - 1, (global + pos) * shards / total));
    // The first byte of the next shard, within this file.
    uint64_t target = size;
    if (shard + 1 < shards) {
      const uint64_t next = (total * (shard + 1) + shards - 1) / shards;
      target = std::max<uint64_t>(pos + 1, next - std::min(next, global));
    }
    // The piece ends after the first line end at or after target - 1.
    uint64_t cut = size;
    int64_t lines = 0;
    for (uint64_t at = pos; at < size;) {
      const size_t want =
          static_cast<size_t>(std::min<uint64_t>(buf.size(), size - at));
      const size_t got = std::fread(buf.data(), 1, want, f);
      if (got == 0) return FileError(path, "read failed");
      bool found = false;
      for (size_t i = 0; i < got; ++i) {
        if (buf[i] != '\n') continue;
        ++lines;
        if (at + i + 1 >= target) {
          cut = at + i + 1;
          found = true;
          break;
        }
      }
      if (found) break;
      at += got;
    }
    PipelineInput piece;
    piece.path = path;
    piece.whole = false;
    piece.begin = pos;
    piece.end = cut;
    piece.first_line = line;
    (*pieces)[shard].push_back(std::move(piece));
    pos = cut;
    line += lines;
    if (pos < size && std::fseek(f, static_cast<long>(pos), SEEK_SET) != 0) {
      return FileError(path, "cannot seek");
    }
  }
  return absl::OkStatus();
}

std::string EncodePlan(const StagedDedup::Rep& rep) {
  FieldWriter w;
  w.U32(rep.shards);
  w.U32(rep.partitions);
  w.U64(rep.inputs.size());
  for (const std::string& in : rep.inputs) w.Bytes(in);
  for (const auto& shard : rep.pieces) {
    w.U64(shard.size());
    for (const PipelineInput& p : shard) {
      w.Bytes(p.path);
      w.U32(p.whole ? 1 : 0);
      w.U64(p.begin);
      w.U64(p.end);
      w.U64(static_cast<uint64_t>(p.first_line));
    }
  }
  return w.data();
}

bool DecodePlan(absl::string_view payload, StagedDedup::Rep* rep) {
  FieldReader r(payload);
  uint64_t n = 0;
  if (!r.U32(&rep->shards) || !r.U32(&rep->partitions) || !r.U64(&n) ||
      rep->shards == 0 || rep->partitions == 0 || rep->shards > 65536 ||
      rep->partitions > 65536 || n > payload.size()) {
    return false;
  }
  rep->inputs.resize(n);
  for (std::string& in : rep->inputs) {
    if (!r.Bytes(&in)) return false;
  }
  rep->pieces.assign(rep->shards, {});
  for (auto& shard : rep->pieces) {
    if (!r.U64(&n) || n > payload.size()) return false;
    shard.resize(n);
    for (PipelineInput& p : shard) {
      uint32_t whole = 0;
      uint64_t first = 0;
      if (!r.Bytes(&p.path) || !r.U32(&whole) || !r.U64(&p.begin) ||
          !r.U64(&p.end) || !r.U64(&first)) {
        return false;
      }
      p.whole = whole != 0;
      p.first_line = static_cast<int64_t>(first);
    }
  }
  return r.done();
}

// The Rep of "options", without the plan.
absl::StatusOr<std::unique_ptr<StagedDedup::Rep>> MakeRep(
    const std::string& work_dir, const DedupOptions& options,
    const std::string& context) {
  absl::StatusOr<Deduplicator> dedup = Deduplicator::Create(options);
  if (!dedup.ok()) return dedup.status();
  auto rep = std::make_unique<StagedDedup::Rep>();
  rep->work_dir = work_dir;
  rep->options = options;
  rep->params = dedup->lsh_params();
  rep->fingerprint = Fingerprint(options, rep->params, context);
  rep->exact_only = options.threshold >= 1.0;
  rep->sketched = !rep->exact_only && options.verify != DedupVerify::kExact;
  rep->exact_sets = !rep->exact_only && options.verify == DedupVerify::kExact;
  rep->accept = internal::AcceptedSimilarity(options);
  return rep;
}

std::string PlanPath(const std::string& work_dir) { return work_dir + "/plan"; }

}  // namespace

StagedDedup::StagedDedup(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
StagedDedup::StagedDedup(StagedDedup&&) noexcept = default;
StagedDedup& StagedDedup::operator=(StagedDedup&&) noexcept = default;
StagedDedup::~StagedDedup() = default;

absl::Status StagedDedup::Plan(const std::vector<std::string>& inputs,
                               const DedupOptions& options,
                               const StagedDedupOptions& staged,
                               const std::string& context,
                               const std::string& work_dir) {
  if (staged.shards < 1 || staged.partitions < 1 || staged.shards > 65536 ||
      staged.partitions > 65536) {
    return absl::InvalidArgumentError(
        "staged dedup: shards and partitions must be 1 to 65536");
  }
  absl::StatusOr<std::unique_ptr<Rep>> made =
      MakeRep(work_dir, options, context);
  if (!made.ok()) return made.status();
  Rep& rep = **made;
  rep.shards = static_cast<uint32_t>(staged.shards);
  rep.partitions = static_cast<uint32_t>(staged.partitions);
  rep.inputs = inputs;
  rep.pieces.assign(rep.shards, {});
  std::vector<uint64_t> sizes;
  uint64_t total = 0;
  for (const std::string& in : inputs) {
    struct stat st;
    if (in == "-" || stat(in.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      return absl::InvalidArgumentError(absl::StrCat(
          in, ": staged dedup reads regular files only (not stdin or pipes)"));
    }
    sizes.push_back(static_cast<uint64_t>(st.st_size));
    total += sizes.back();
  }
  uint64_t global = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const bool cut = staged.format == DocumentFormat::kJsonl && sizes[i] > 0 &&
                     rep.shards > 1 && !LooksCompressed(inputs[i]);
    if (cut) {
      absl::Status s =
          CutFile(inputs[i], sizes[i], global, total, rep.shards, &rep.pieces);
      if (!s.ok()) return s;
    } else {
      const uint32_t shard =
          total == 0 ? 0
                     : static_cast<uint32_t>(std::min<uint64_t>(
                           rep.shards - 1, global * rep.shards / total));
      PipelineInput piece;
      piece.path = inputs[i];
      rep.pieces[shard].push_back(std::move(piece));
    }
    global += sizes[i];
  }
  if (mkdir(work_dir.c_str(), 0777) != 0 && errno != EEXIST) {
    return FileError(work_dir, "cannot create the work dir");
  }
  return internal::WriteStageFile(PlanPath(work_dir), rep.fingerprint,
                                  internal::StageKind::kPlan, 0, 0,
                                  {{internal::kPlanTag, EncodePlan(rep)}});
}

absl::StatusOr<StagedDedup> StagedDedup::Open(const std::string& work_dir,
                                              const DedupOptions& options,
                                              const std::string& context) {
  absl::StatusOr<std::unique_ptr<Rep>> made =
      MakeRep(work_dir, options, context);
  if (!made.ok()) return made.status();
  std::string data;
  std::vector<absl::string_view> sections;
  const std::string path = PlanPath(work_dir);
  absl::Status s = internal::ReadStageFile(
      path, (*made)->fingerprint, internal::StageKind::kPlan, 0, 0,
      {internal::kPlanTag}, &data, &sections);
  if (!s.ok()) return s;
  if (!DecodePlan(sections[0], &**made)) {
    return absl::DataLossError(
        absl::StrCat("stage file ", path, " is corrupt: bad plan"));
  }
  return StagedDedup(*std::move(made));
}

int StagedDedup::shards() const { return static_cast<int>(rep_->shards); }
int StagedDedup::partitions() const {
  return static_cast<int>(rep_->partitions);
}
const std::vector<std::string>& StagedDedup::inputs() const {
  return rep_->inputs;
}

std::vector<PipelineInput> StagedDedup::ShardInputs(int shard) const {
  return rep_->pieces[shard];
}

std::string StagedDedup::Path(const std::string& name) const {
  return absl::StrCat(rep_->work_dir, "/", name);
}

bool StagedDedup::Done(DedupStage stage, int index) const {
  const Rep& r = *rep_;
  const uint64_t f = r.fingerprint;
  std::string data;
  std::vector<absl::string_view> sections;
  const uint32_t i = static_cast<uint32_t>(index);
  using internal::StageKind;
  switch (stage) {
    case DedupStage::kPlan:
      return true;  // Open() read it.
    case DedupStage::kSign:
      if (!internal::ReadStageFile(
               r.SignDocsPath(i), f, StageKind::kSignDocs, i, 0,
               {internal::kDocsTag, internal::kIdsTag}, &data, &sections)
               .ok()) {
        return false;
      }
      for (uint32_t p = 0; p < r.partitions; ++p) {
        if (!internal::ReadStageFile(r.SignRecordsPath(i, p), f,
                                     StageKind::kSignRecords, i, p,
                                     {internal::kRecordsTag}, &data, &sections)
                 .ok()) {
          return false;
        }
      }
      return true;
    case DedupStage::kBucket:
      for (uint32_t s = 0; s < r.shards; ++s) {
        if (!internal::ReadStageFile(r.PairsPath(i, s), f, StageKind::kPairs, s,
                                     i, {internal::kPairsTag}, &data, &sections)
                 .ok()) {
          return false;
        }
      }
      return true;
    case DedupStage::kDecide:
      return internal::ReadStageFile(
                 r.DecidePath(i), f, StageKind::kDecide, i, 0,
                 {internal::kCountsTag, internal::kDecisionsTag}, &data,
                 &sections)
                 .ok() &&
             internal::ReadStageFile(r.CapsPath(i), f, StageKind::kCaps, i, 0,
                                     {internal::kCapsTag}, &data, &sections)
                 .ok();
    case DedupStage::kResolve:
      return internal::ReadStageFile(r.CappedPath(), f, StageKind::kCapped, 0,
                                     0, {internal::kCapsTag}, &data, &sections)
          .ok();
    case DedupStage::kApply:
      return LoadResult(index).ok();
  }
  return false;
}

namespace internal {

absl::Status ReadSignedShard(const StagedDedup::Rep& rep, uint32_t shard,
                             SignedShard* out) {
  std::vector<absl::string_view> sections;
  const std::string path = rep.SignDocsPath(shard);
  absl::Status s =
      ReadStageFile(path, rep.fingerprint, StageKind::kSignDocs, shard, 0,
                    {kDocsTag, kIdsTag}, &out->data, &sections);
  if (!s.ok()) return s;
  FieldReader docs(sections[0]);
  FieldReader ids(sections[1]);
  absl::string_view ends;
  if (!docs.U64(&out->documents) || !docs.U64(&out->units) || !docs.done() ||
      !ids.Bytes(&ends) || !ids.Bytes(&out->ids) || !ids.done() ||
      ends.size() != out->documents * 8) {
    return absl::DataLossError(
        absl::StrCat("stage file ", path, " is corrupt: bad documents"));
  }
  out->id_ends.resize(out->documents);
  if (!ends.empty()) std::memcpy(out->id_ends.data(), ends.data(), ends.size());
  uint64_t previous = 0;
  for (uint64_t e : out->id_ends) {
    if (e < previous || e > out->ids.size()) {
      return absl::DataLossError(
          absl::StrCat("stage file ", path, " is corrupt: bad ids"));
    }
    previous = e;
  }
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace pith
