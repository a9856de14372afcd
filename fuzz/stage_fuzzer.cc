// Copyright 2026 The pith Authors.
//
// Fuzzes the readers of the staged dedup's stage files (pith/staged_dedup.h,
// lib/dedup/staged_files.h).
//
// Stage sections carry checksums, so random bytes would only reach the
// framing. Once per process the fuzzer makes real staged runs over a small
// JSONL input in /tmp/pith_stage_fuzzer_<pid>/ (plan, sign, bucket, decide,
// resolve, apply; two option sets: signature verification with 2 shards, 2
// partitions and max_candidates 1, and exact verification with 1 shard, 2
// partitions) and keeps their stage files. Input:
//
//   byte 0   bit 7: raw mode (below); else the run (modulo the runs)
//   byte 1   the stage file (modulo the files of the run, sorted by name)
//   byte 2   the section after HEAD (modulo the sections)
//   byte 3   the edit (modulo 5): 0 replace the payload with the rest of
//            the input; 1 overwrite: the rest is (offset u16, byte) triples;
//            2 truncate to (u16 of the rest) bytes; 3 append the rest;
//            4 drop the section
//   rest     the edit's bytes
//
// The work dir is restored, the file is rewritten with valid checksums and
// the same HEAD (WriteStageFile), and the stages that read it run, then
// those after them. Raw mode hands the whole input to ReadStageFile as a
// stage file of each kind. In every mode the rest goes to DecodeRecords.
// Properties:
//   * nothing crashes or hangs; every failure is a non-OK status with a
//     message;
//   * an Apply that succeeds hands its sink every document of the shard;
//   * DecodeRecords either fails or gives views inside its payload.
// Seeds (fuzz/corpus/stage/): PITH_STAGE_FUZZER_SEEDS=DIR makes the
// fuzzer write one per section (edit 0 with the original payload). The
// plan names the input by a path with the pid in it, so its seeds were
// edited by hand into edits 1 and 2 (the original, a changed piece, a
// cut plan); raw-* are raw mode; regression-* are what the fuzzer found
// (tests/staged_dedup_test.cc, HugeCountsWithValidChecksumsAreRefused).

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "fuzz/fuzz_check.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/staged_files.h"
#include "lib/dedup/unit_sketch.h"
#include "pith/dedup.h"
#include "pith/pipeline.h"
#include "pith/staged_dedup.h"

namespace {

namespace fs = std::filesystem;
using pith::internal::StageKind;

constexpr size_t kMaxInput = 1 << 16;
constexpr uint32_t kHeadTag = pith::internal::IndexTag("HEAD");
constexpr uint32_t kEndTag = pith::internal::IndexTag("END!");

struct StageFile {
  std::string name;
  uint64_t fingerprint = 0;
  uint32_t kind = 0, shard = 0, partition = 0;
  std::vector<std::pair<uint32_t, std::string>> sections;  // After HEAD.
};

struct Run {
  std::string dir;
  pith::DedupOptions options;
  int shards = 0, partitions = 0;
  uint64_t fingerprint = 0;
  std::map<std::string, std::string> pristine;  // Name -> bytes.
  std::vector<StageFile> files;                 // Sorted by name.
  std::vector<int64_t> shard_documents;
};

struct State {
  std::string base;
  std::vector<Run> runs;
};

std::string Message(const absl::Status& s) { return std::string(s.message()); }

void CheckFailure(const absl::Status& s) {
  PITH_FUZZ_CHECK(!s.ok(), "expected a failure");
  PITH_FUZZ_CHECK(!s.message().empty(), "empty error message");
}

bool ReadWhole(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in),
              std::istreambuf_iterator<char>());
  return true;
}

void WriteWhole(const std::string& path, const std::string& data) {
  FILE* f = std::fopen(path.c_str(), "wb");
  PITH_FUZZ_CHECK(f != nullptr, path);
  if (!data.empty()) std::fwrite(data.data(), 1, data.size(), f);
  std::fclose(f);
}

// Splits a stage file written by WriteStageFile into its HEAD and sections.
bool Split(const std::string& data, StageFile* f) {
  pith::internal::FieldReader r(data);
  if (!r.Skip(16)) return false;  // Magic, version, reserved.
  bool head = true;
  while (!r.done()) {
    uint32_t tag = 0, reserved = 0;
    uint64_t length = 0, checksum = 0;
    if (!r.U32(&tag) || !r.U32(&reserved) || !r.U64(&length) ||
        !r.U64(&checksum) || r.rest().size() < length) {
      return false;
    }
    absl::string_view payload = r.rest().substr(0, length);
    r.Skip(length);
    if (tag == kEndTag) return r.done();
    if (head) {
      pith::internal::FieldReader h(payload);
      if (tag != kHeadTag || !h.U64(&f->fingerprint) || !h.U32(&f->kind) ||
          !h.U32(&f->shard) || !h.U32(&f->partition)) {
        return false;
      }
      head = false;
      continue;
    }
    f->sections.emplace_back(tag, std::string(payload));
  }
  return false;
}

class CountSink : public pith::PipelineSink {
 public:
  absl::Status Consume(const pith::PipelineDocument&) override {
    ++documents;
    return absl::OkStatus();
  }
  int64_t documents = 0;
};

pith::PipelineOptions PipelineOpts() {
  pith::PipelineOptions o;
  o.reader.format = pith::DocumentFormat::kJsonl;
  o.threads = 1;
  return o;
}

// Applies every shard; returns the first failure. "documents" (if set)
// receives each shard's document count.
absl::Status ApplyAll(const pith::StagedDedup& st, const Run* run,
                      std::vector<int64_t>* documents) {
  for (int i = 0; i < st.shards(); ++i) {
    absl::StatusOr<pith::Deduplicator> dedup = st.ApplyDeduplicator(i);
    if (!dedup.ok()) return dedup.status();
    absl::StatusOr<pith::Pipeline> pipeline =
        pith::Pipeline::Create(PipelineOpts(), nullptr, &*dedup);
    if (!pipeline.ok()) return pipeline.status();
    CountSink sink;
    absl::Status s = pipeline->Run(st.ShardInputs(i), &sink);
    if (!s.ok()) return s;
    if (documents != nullptr) documents->push_back(sink.documents);
    if (run != nullptr) {
      PITH_FUZZ_CHECK(
          sink.documents == run->shard_documents[i],
          absl::StrCat("apply of shard ", i, " gave ", sink.documents,
                       " documents, not ", run->shard_documents[i]));
    }
    pith::StagedShardResult result;
    result.pipeline = pipeline->stats();
    result.dedup = dedup->stats();
    result.documents_out = sink.documents;
    if (!(s = st.SaveResult(i, result)).ok()) return s;
  }
  return absl::OkStatus();
}

enum Step { kBucket, kDecide, kResolve, kApply, kMerge };

// Runs the stages from "first" on; returns the first failure.
absl::Status RunFrom(const pith::StagedDedup& st, Step first, const Run* run,
                     std::vector<int64_t>* documents) {
  absl::Status s;
  if (first <= kBucket) {
    for (int p = 0; p < st.partitions(); ++p) {
      if (!(s = st.Bucket(p)).ok()) return s;
    }
  }
  if (first <= kDecide) {
    for (int i = 0; i < st.shards(); ++i) {
      if (!(s = st.Decide(i)).ok()) return s;
    }
  }
  if (first <= kResolve && !(s = st.Resolve()).ok()) return s;
  if (first <= kApply && !(s = ApplyAll(st, run, documents)).ok()) return s;
  absl::StatusOr<pith::StagedShardResult> merged = st.MergeResults();
  return merged.status();
}

std::string Corpus() {
  const char* paragraphs[] = {
      "the central bank raised interest rates by a quarter of a point citing "
      "stubborn inflation",
      "heavy rain flooded roads across the north of the country and forced "
      "schools to close",
      "the new phone has a larger screen and a faster chip but reviewers "
      "said the battery was weak",
  };
  std::string out;
  for (int d = 0; d < 12; ++d) {
    std::string text;
    for (int k = 0; k < 2; ++k) {
      std::string p = paragraphs[(d + k) % 3];
      if ((d + k) % 4 == 0) absl::StrAppend(&p, " variant ", d % 3);
      if (d % 5 == 4) p = absl::StrCat("unique words in document ", d, " ", k);
      absl::StrAppend(&text, k ? "\\n\\n" : "", p);
    }
    // Every third document has no id: Apply names it.
    if (d % 3 == 2) {
      absl::StrAppend(&out, "{\"text\": \"", text, "\"}\n");
    } else {
      absl::StrAppend(&out, "{\"id\": \"d", d % 7, "\", \"text\": \"", text,
                      "\"}\n");
    }
  }
  return out;
}

void MakeRun(const std::string& base, const std::string& input, int n,
             pith::DedupOptions options, int shards, int partitions, Run* run) {
  run->dir = absl::StrCat(base, "/run", n);
  run->options = options;
  run->shards = shards;
  run->partitions = partitions;
  pith::StagedDedupOptions staged;
  staged.shards = shards;
  staged.partitions = partitions;
  absl::Status s =
      pith::StagedDedup::Plan({input}, options, staged, "fuzz", run->dir);
  PITH_FUZZ_CHECK(s.ok(), Message(s));
  absl::StatusOr<pith::StagedDedup> st =
      pith::StagedDedup::Open(run->dir, options, "fuzz");
  PITH_FUZZ_CHECK(st.ok(), Message(st.status()));
  for (int i = 0; i < shards; ++i) {
    s = st->Sign(i, PipelineOpts(), nullptr);
    PITH_FUZZ_CHECK(s.ok(), Message(s));
  }
  s = RunFrom(*st, kBucket, nullptr, &run->shard_documents);
  PITH_FUZZ_CHECK(s.ok(), Message(s));
  for (const auto& e : fs::directory_iterator(run->dir)) {
    std::string data;
    PITH_FUZZ_CHECK(ReadWhole(e.path().string(), &data), e.path().string());
    run->pristine[e.path().filename().string()] = data;
  }
  for (const auto& [name, data] : run->pristine) {
    StageFile f;
    f.name = name;
    PITH_FUZZ_CHECK(Split(data, &f), absl::StrCat("cannot split ", name));
    run->fingerprint = f.fingerprint;
    run->files.push_back(std::move(f));
  }
}

void WriteSeeds(const State& state, const std::string& dir) {
  for (size_t r = 0; r < state.runs.size(); ++r) {
    const Run& run = state.runs[r];
    for (size_t i = 0; i < run.files.size(); ++i) {
      for (size_t k = 0; k < run.files[i].sections.size(); ++k) {
        std::string seed = {static_cast<char>(r), static_cast<char>(i),
                            static_cast<char>(k), 0};
        seed += run.files[i].sections[k].second;
        WriteWhole(absl::StrCat(dir, "/run", r, "-", run.files[i].name, "-", k),
                   seed);
      }
    }
  }
}

const State& GetState() {
  static const State* state = [] {
    auto* s = new State;
    s->base = absl::StrCat("/tmp/pith_stage_fuzzer_", getpid());
    fs::remove_all(s->base);
    fs::create_directories(s->base);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(absl::StrCat("/tmp/pith_stage_fuzzer_", getpid()), ec);
    });
    const std::string input = s->base + "/in.jsonl";
    WriteWhole(input, Corpus());
    pith::DedupOptions a;
    a.unit = pith::DedupUnit::kParagraph;
    a.threshold = 0.7;
    a.max_candidates = 1;
    a.threads = 1;
    s->runs.emplace_back();
    MakeRun(s->base, input, 0, a, 2, 2, &s->runs.back());
    pith::DedupOptions b = a;
    b.verify = pith::DedupVerify::kExact;
    b.max_candidates = 100;
    s->runs.emplace_back();
    MakeRun(s->base, input, 1, b, 1, 2, &s->runs.back());
    if (const char* seeds = std::getenv("PITH_STAGE_FUZZER_SEEDS")) {
      WriteSeeds(*s, seeds);
    }
    return s;
  }();
  return *state;
}

void FuzzDecodeRecords(absl::string_view payload) {
  const auto* begin = reinterpret_cast<const uint8_t*>(payload.data());
  const uint8_t* end = begin + payload.size();
  auto inside = [&](const uint8_t* p, size_t n) {
    return p != nullptr && p >= begin && n <= static_cast<size_t>(end - p);
  };
  for (int mode = 0; mode < 3; ++mode) {
    std::vector<pith::internal::UnitRecord> records;
    if (!pith::internal::DecodeRecords(payload, 1, mode == 1, mode == 2,
                                       &records)) {
      continue;
    }
    for (const pith::internal::UnitRecord& u : records) {
      PITH_FUZZ_CHECK(u.id.shard == 1, "wrong shard");
      if (mode != 1) continue;
      PITH_FUZZ_CHECK(inside(u.sketch, pith::internal::kSketchBytes),
                      "sketch outside the payload");
      PITH_FUZZ_CHECK(
          u.query.levels == 0 ||
              inside(u.query.odd, static_cast<size_t>(u.query.levels) *
                                      pith::internal::kSketchBytes),
          "odd sketches outside the payload");
      if (u.query.fingerprints != nullptr) {
        PITH_FUZZ_CHECK(
            inside(reinterpret_cast<const uint8_t*>(u.query.fingerprints),
                   size_t{u.set_size} * 2),
            "fingerprints outside the payload");
      }
    }
  }
}

void FuzzRaw(const State& state, const uint8_t* data, size_t size) {
  const std::string path = state.base + "/raw";
  WriteWhole(path, std::string(reinterpret_cast<const char*>(data), size));
  const uint64_t fingerprint = state.runs[0].fingerprint;
  const uint32_t tags[] = {pith::internal::IndexTag("PLAN"),
                           pith::internal::IndexTag("RECS")};
  for (uint32_t kind = 1; kind <= 8; ++kind) {
    std::string file;
    std::vector<absl::string_view> sections;
    absl::Status s = pith::internal::ReadStageFile(
        path, fingerprint, static_cast<StageKind>(kind), 0, 0,
        absl::MakeConstSpan(tags, kind == 3 ? 2 : 1), &file, &sections);
    if (!s.ok()) {
      CheckFailure(s);
      continue;
    }
    for (absl::string_view v : sections) {
      PITH_FUZZ_CHECK(v.data() >= file.data() &&
                          v.data() + v.size() <= file.data() + file.size(),
                      "section outside the file");
      FuzzDecodeRecords(v);
    }
  }
  std::remove(path.c_str());
}

void Edit(uint8_t op, absl::string_view rest, StageFile* f, size_t k) {
  std::string& payload = f->sections[k].second;
  pith::internal::FieldReader r(rest);
  switch (op % 5) {
    case 0:
      payload = std::string(rest);
      break;
    case 1:
      while (!payload.empty() && r.rest().size() >= 3) {
        const auto* p = reinterpret_cast<const uint8_t*>(r.rest().data());
        payload[(p[0] | p[1] << 8) % payload.size()] = static_cast<char>(p[2]);
        r.Skip(3);
      }
      break;
    case 2:
      if (rest.size() >= 2) {
        const auto* p = reinterpret_cast<const uint8_t*>(rest.data());
        payload.resize(std::min<size_t>(payload.size(), p[0] | p[1] << 8));
      }
      break;
    case 3:
      payload.append(rest.data(), rest.size());
      break;
    case 4:
      f->sections.erase(f->sections.begin() + k);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  const State& state = GetState();
  if (size < 4 || (data[0] & 0x80) != 0) {
    FuzzRaw(state, data, size);
    if (size >= 4) {
      FuzzDecodeRecords(
          absl::string_view(reinterpret_cast<const char*>(data + 4), size - 4));
    }
    return 0;
  }
  const absl::string_view rest(reinterpret_cast<const char*>(data + 4),
                               size - 4);
  FuzzDecodeRecords(rest);
  const Run& run = state.runs[data[0] % state.runs.size()];
  for (const auto& [name, bytes] : run.pristine) {
    WriteWhole(absl::StrCat(run.dir, "/", name), bytes);
  }
  StageFile f = run.files[data[1] % run.files.size()];
  if (f.sections.empty()) return 0;
  Edit(data[3], rest, &f, data[2] % f.sections.size());
  absl::Status s = pith::internal::WriteStageFile(
      absl::StrCat(run.dir, "/", f.name), f.fingerprint,
      static_cast<StageKind>(f.kind), f.shard, f.partition, f.sections);
  PITH_FUZZ_CHECK(s.ok(), Message(s));

  absl::StatusOr<pith::StagedDedup> st =
      pith::StagedDedup::Open(run.dir, run.options, "fuzz");
  if (!st.ok()) {
    CheckFailure(st.status());
    return 0;
  }
  const bool same_plan =
      st->shards() == run.shards && st->partitions() == run.partitions;
  if (!same_plan) {
    // A plan whose counts changed: the stage files do not match it. Done()
    // and the first stages must refuse them (a few of each, not 65536).
    for (int i = 0; i < std::min(st->shards(), 4); ++i) {
      st->Done(pith::DedupStage::kSign, i);
      st->Done(pith::DedupStage::kDecide, i);
      st->Done(pith::DedupStage::kApply, i);
    }
    for (int p = 0; p < std::min(st->partitions(), 4); ++p) {
      st->Done(pith::DedupStage::kBucket, p);
    }
    st->Done(pith::DedupStage::kResolve, 0);
    return 0;
  }
  Step first = kBucket;
  switch (static_cast<StageKind>(f.kind)) {
    case StageKind::kPlan:
    case StageKind::kSignDocs:
    case StageKind::kSignRecords:
      first = kBucket;
      break;
    case StageKind::kPairs:
      first = kDecide;
      break;
    case StageKind::kDecide:
    case StageKind::kCaps:
      first = kResolve;
      break;
    case StageKind::kCapped:
      first = kApply;
      break;
    case StageKind::kResult:
      first = kMerge;
      break;
  }
  // A changed plan may name other pieces: their document counts are not
  // known.
  const bool plan = static_cast<StageKind>(f.kind) == StageKind::kPlan;
  s = RunFrom(*st, first, plan ? nullptr : &run, nullptr);
  if (!s.ok()) CheckFailure(s);
  return 0;
}
