// Copyright 2026 The pith Authors.
//
// Saving and loading a Deduplicator's index (lib/dedup/index_file.h holds
// the file format).

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/dedup/dedup_index.h"
#include "lib/dedup/dedup_rep.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/recorded_options.h"
#include "lib/dedup/units.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/segment.h"

namespace pith {
namespace {

constexpr uint32_t kOptionsTag = internal::IndexTag("OPTS");
constexpr uint32_t kStatsTag = internal::IndexTag("STAT");
constexpr uint32_t kIdEndsTag = internal::IndexTag("IDEN");
constexpr uint32_t kIdArenaTag = internal::IndexTag("IDAR");
constexpr uint32_t kRemovedTag = internal::IndexTag("GONE");

// Reads the "OPTS" section.
absl::Status ReadRecordedOptions(internal::IndexFileReader* r,
                                 internal::RecordedOptions* recorded) {
  absl::string_view payload;
  absl::Status s = r->Section(kOptionsTag, &payload);
  if (!s.ok()) return s;
  std::string error;
  if (!internal::DecodeRecordedOptions(payload, recorded, &error)) {
    return r->Corrupt(kOptionsTag, error);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Deduplicator::Save(const std::string& path) const {
  OutputOptions out_options;
  out_options.compression = OutputOptions::Compression::kNone;
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, out_options);
  if (!out.ok()) return out.status();
  {
    std::lock_guard<std::mutex> lock(rep_->mu);
    internal::IndexFileWriter w(&*out);
    w.Section(kOptionsTag,
              internal::EncodeRecordedOptions({rep_->options, rep_->params}));
    const DedupStats& st = rep_->stats;
    internal::FieldWriter stats;
    for (uint64_t v :
         {st.documents, st.removed_documents, st.units, st.short_units,
          st.exact_duplicates, st.near_duplicates, st.removed_bytes}) {
      stats.U64(v);
    }
    w.Section(kStatsTag, stats.data());
    w.Array(kIdEndsTag, rep_->id_ends);
    w.Section(kIdArenaTag, rep_->id_arena);
    w.Array(kRemovedTag, rep_->removed);
    absl::Status s = rep_->index.Save(&w);
    if (s.ok()) s = w.Finish();
    if (!s.ok()) return s;
  }
  return out->Commit();
}

absl::StatusOr<Deduplicator> Deduplicator::Load(const std::string& path,
                                                const DedupOptions& options) {
  absl::Status s = internal::ValidateOptions(options);
  if (!s.ok()) return s;
  std::string data;
  s = internal::ReadIndexFile(path, &data);
  if (!s.ok()) return s;
  internal::IndexFileReader r(data, path);
  if (!(s = r.ReadHeader()).ok()) return s;
  absl::string_view payload;
  internal::RecordedOptions file;
  if (!(s = ReadRecordedOptions(&r, &file)).ok()) return s;
  absl::StatusOr<std::unique_ptr<Rep>> made = MakeRep(options);
  if (!made.ok()) return made.status();
  std::unique_ptr<Rep> rep = *std::move(made);
  const std::string differ =
      internal::DescribeDifferences({options, rep->params}, file);
  if (!differ.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "index ", path, " was built with other options: ", differ));
  }
  std::lock_guard<std::mutex> lock(rep->mu);
  if (!(s = r.Section(kStatsTag, &payload)).ok()) return s;
  internal::FieldReader stats(payload);
  DedupStats& st = rep->stats;
  for (uint64_t* v :
       {&st.documents, &st.removed_documents, &st.units, &st.short_units,
        &st.exact_duplicates, &st.near_duplicates, &st.removed_bytes}) {
    if (!stats.U64(v)) return r.Corrupt(kStatsTag, "too short");
  }
  if (!stats.done()) return r.Corrupt(kStatsTag, "too long");
  if (!(s = r.Array(kIdEndsTag, &rep->id_ends)).ok()) return s;
  if (!(s = r.Section(kIdArenaTag, &payload)).ok()) return s;
  rep->id_arena.assign(payload.data(), payload.size());
  if (!(s = r.Array(kRemovedTag, &rep->removed)).ok()) return s;
  const uint64_t docs = st.documents;
  if (docs >= std::numeric_limits<uint32_t>::max() ||
      rep->id_ends.size() != docs || rep->removed.size() != docs) {
    return r.Corrupt(kIdEndsTag, "wrong document count");
  }
  uint64_t previous = 0, removed = 0;
  for (uint64_t end : rep->id_ends) {
    if (end < previous) return r.Corrupt(kIdEndsTag, "ids out of order");
    previous = end;
  }
  if (previous != rep->id_arena.size()) {
    return r.Corrupt(kIdArenaTag, "wrong size for the ids");
  }
  for (uint8_t x : rep->removed) {
    if (x > 1) return r.Corrupt(kRemovedTag, "bad flag");
    removed += x;
  }
  if (removed != st.removed_documents) {
    return r.Corrupt(kRemovedTag, "wrong count");
  }
  if (!(s = rep->index.Load(&r, docs)).ok()) return s;
  if (!(s = r.Finish()).ok()) return s;
  rep->loaded = st;
  rep->loaded.indexed_units = rep->index.indexed();
  rep->loaded.candidates = rep->index.candidates();
  rep->loaded.capped_queries = rep->index.capped_queries();
  return Deduplicator(std::move(rep));
}

absl::StatusOr<DedupOptions> Deduplicator::ReadOptions(
    const std::string& path) {
  std::string data;
  // The header and the options come first, in a few hundred bytes.
  absl::Status s = internal::ReadIndexFile(path, &data, size_t{1} << 16);
  if (!s.ok()) return s;
  internal::IndexFileReader r(data, path);
  if (!(s = r.ReadHeader()).ok()) return s;
  internal::RecordedOptions file;
  if (!(s = ReadRecordedOptions(&r, &file)).ok()) return s;
  return file.options;
}

absl::StatusOr<Deduplicator> Deduplicator::Open(const std::string& path,
                                                const DedupOptions& options) {
  absl::StatusOr<Deduplicator> loaded = Load(path, options);
  if (loaded.ok() || !absl::IsNotFound(loaded.status())) return loaded;
  return Create(options);
}

}  // namespace pith
