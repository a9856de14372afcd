// Copyright 2026 The pith Authors.
//
// The Deduplicator: options, preparing (splitting and signing) a document,
// deciding it under the lock, and the calls for one document at a time.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
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
#include "lib/dedup/units.h"
#include "pith/dedup.h"
#include "pith/io.h"
#include "pith/segment.h"

namespace pith {
namespace internal {

size_t CountDistinct(absl::Span<const uint64_t> values, uint64_t* hash,
                     PrepareScratch* scratch) {
  *hash = SequenceHash(values);
  std::vector<uint64_t>& out = scratch->distinct;
  uint8_t* odd = scratch->odd0;
  std::memset(odd, 0, kSketchBytes);
  if (values.size() <= 1) {
    out.assign(values.begin(), values.end());
    for (uint64_t v : values) {
      const uint32_t bit = OddBit(v);
      odd[bit >> 3] ^= static_cast<uint8_t>(1u << (bit & 7));
    }
    SetOddCount(static_cast<uint32_t>(values.size()), odd);
    return values.size();
  }
  out.resize(values.size());
  uint64_t* next = out.data();
  // At most a quarter full, the first slot a value hashes to is free ~7
  // times in 8, so the probe loop's branch is mostly predicted (at up to
  // half full it cost a misprediction every third value).
  int bits = 4;
  while ((size_t{1} << bits) < 4 * values.size()) ++bits;
  const size_t size = size_t{1} << bits;
  if (scratch->seen.size() < size) {
    scratch->seen.assign(size, 0);
    scratch->stamps.assign(size, 0);
    scratch->stamp = 0;
  }
  if (++scratch->stamp == 0) {
    std::fill(scratch->stamps.begin(), scratch->stamps.end(), 0);
    scratch->stamp = 1;
  }
  const uint32_t stamp = scratch->stamp;
  const size_t mask = size - 1;
  uint64_t* seen = scratch->seen.data();
  uint32_t* stamps = scratch->stamps.data();
  size_t distinct = 0;
  for (uint64_t v : values) {
    size_t i = static_cast<size_t>((v * 0x9e3779b97f4a7c15ULL) >> (64 - bits));
    while (stamps[i] == stamp && seen[i] != v) i = (i + 1) & mask;
    const bool fresh = stamps[i] != stamp;
    next[distinct] = v;  // Kept only if fresh.
    distinct += fresh;
    const uint32_t bit = OddBit(v);
    odd[bit >> 3] ^=
        static_cast<uint8_t>(static_cast<unsigned>(fresh) << (bit & 7));
    stamps[i] = stamp;
    seen[i] = v;
  }
  out.resize(distinct);
  SetOddCount(static_cast<uint32_t>(distinct), odd);
  return distinct;
}

absl::Status ValidateOptions(const DedupOptions& o) {
  if (!(o.threshold > 0.0 && o.threshold <= 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("dedup threshold must be in (0, 1]: %g", o.threshold));
  }
  if (!(o.signature_margin >= 0.0 && o.signature_margin < o.threshold)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("dedup signature margin must be in [0, threshold): %g",
                        o.signature_margin));
  }
  if (o.min_words < 1) {
    return absl::InvalidArgumentError(
        absl::StrFormat("dedup min words must be >= 1: %d", o.min_words));
  }
  if (o.max_candidates < 1) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "dedup max candidates must be >= 1: %d", o.max_candidates));
  }
  if (o.threads < 0) {
    return absl::InvalidArgumentError(
        absl::StrFormat("dedup threads must be >= 0: %d", o.threads));
  }
  if ((o.bands == 0) != (o.rows == 0)) {
    return absl::InvalidArgumentError(
        "dedup bands and rows must be set together");
  }
  return absl::OkStatus();
}

}  // namespace internal

bool ParseDedupUnit(absl::string_view name, DedupUnit* unit) {
  if (name == "line") {
    *unit = DedupUnit::kLine;
  } else if (name == "paragraph") {
    *unit = DedupUnit::kParagraph;
  } else if (name == "document") {
    *unit = DedupUnit::kDocument;
  } else {
    return false;
  }
  return true;
}

absl::string_view DedupUnitName(DedupUnit unit) {
  switch (unit) {
    case DedupUnit::kLine:
      return "line";
    case DedupUnit::kParagraph:
      return "paragraph";
    case DedupUnit::kDocument:
      return "document";
  }
  return "line";
}

absl::string_view DedupVerifyName(DedupVerify verify) {
  return verify == DedupVerify::kExact ? "exact" : "signature";
}

bool ParseDedupVerify(absl::string_view name, DedupVerify* verify) {
  if (name == "signature") {
    *verify = DedupVerify::kSignature;
  } else if (name == "exact") {
    *verify = DedupVerify::kExact;
  } else {
    return false;
  }
  return true;
}

void Deduplicator::Rep::Prepare(absl::string_view text,
                                internal::PrepareScratch* scratch,
                                internal::PreparedDocument* doc) const {
  SplitLines(text, &doc->lines);
  internal::SplitUnits(text, doc->lines, options.unit, &doc->spans);
  doc->units.resize(doc->spans.size());
  doc->sketches.clear();
  doc->keys.clear();
  doc->fingerprints.clear();
  doc->odd.clear();
  const bool exact = options.verify == DedupVerify::kExact;
  // Threshold 1 decides by the exact hash alone: no signature, no sketch.
  const bool exact_only = options.threshold >= 1.0;
  const size_t bands = static_cast<size_t>(params.bands);
  std::vector<uint64_t>& shingles = scratch->shingles;
  for (size_t i = 0; i < doc->spans.size(); ++i) {
    const internal::UnitSpan& span = doc->spans[i];
    internal::PreparedUnit& u = doc->units[i];
    u.words = shingler.Shingle(text.substr(span.offset, span.length),
                               options.min_words, &shingles);
    u.set.clear();
    u.has_fingerprints = false;
    u.levels = 0;
    if (u.words < options.min_words) continue;
    const size_t keys_at = doc->keys.size();
    doc->keys.resize(keys_at + bands);
    if (units_only) {
      u.odd_at = 0;
      doc->sketches.resize(doc->sketches.size() + internal::kSketchBytes);
      continue;
    }
    if (!exact_only) {
      // The band keys read the first bands x rows slots only.
      hasher.Sign(shingles, params.bands * params.rows, &scratch->signature);
      internal::BandKeys(params, scratch->signature,
                         absl::MakeSpan(doc->keys.data() + keys_at, bands));
    }
    size_t distinct;
    if (exact && !exact_only) {
      std::vector<uint64_t>& set = u.set;
      set.assign(shingles.begin(), shingles.end());
      std::sort(set.begin(), set.end());
      set.erase(std::unique(set.begin(), set.end()), set.end());
      distinct = set.size();
      u.exact_hash = internal::SequenceHash(shingles);
    } else {
      distinct = CountDistinct(shingles, &u.exact_hash, scratch);
    }
    u.set_size = static_cast<uint32_t>(
        std::min<size_t>(distinct, std::numeric_limits<uint32_t>::max()));
    if (exact || exact_only) continue;
    const std::vector<uint64_t>& values = scratch->distinct;
    const size_t sketch_at = doc->sketches.size();
    doc->sketches.resize(sketch_at + internal::kSketchBytes);
    internal::MakeSketch(values, scratch->odd0,
                         doc->sketches.data() + sketch_at);
    const internal::QueryNeeds needs = plan.Needs(u.set_size);
    if (needs.fingerprints) {
      u.has_fingerprints = true;
      u.fingerprints_at = static_cast<uint32_t>(doc->fingerprints.size());
      for (uint64_t x : values) {
        doc->fingerprints.push_back(internal::Fingerprint(x));
      }
    }
    u.first_level = needs.first_level;
    u.levels = needs.levels;
    u.odd_at = static_cast<uint32_t>(doc->odd.size());
    doc->odd.resize(doc->odd.size() +
                    size_t(needs.levels) * internal::kSketchBytes);
    for (int l = 0; l < needs.levels; ++l) {
      const int level = needs.first_level + l;
      uint8_t* out =
          doc->odd.data() + u.odd_at + size_t(l) * internal::kSketchBytes;
      if (level == 0) {
        std::memcpy(out, scratch->odd0, internal::kSketchBytes);
      } else {
        internal::MakeOddSketch(values, level, out);
      }
    }
  }
}

absl::Status Deduplicator::Rep::Decide(absl::string_view id,
                                       internal::PreparedDocument* doc,
                                       DocumentVerdict* verdict) {
  if (stats.documents >= std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError(
        "dedup index is full: 2^32 - 1 documents added");
  }
  if (doc->lines.size() >=
      static_cast<size_t>(std::numeric_limits<int>::max())) {
    return absl::ResourceExhaustedError(
        absl::StrFormat("document \"%s\" has too many lines for dedup", id));
  }
  const uint32_t number = static_cast<uint32_t>(stats.documents);
  verdict->doc = number + (decider != nullptr ? decider->first_document() : 0);
  verdict->units.clear();
  verdict->duplicates = 0;
  verdict->text.clear();
  verdict->units.reserve(doc->spans.size());
  const bool sketched =
      options.verify != DedupVerify::kExact && options.threshold < 1.0;
  const size_t bands = static_cast<size_t>(params.bands);
  const size_t num_spans = doc->spans.size();
  size_t signed_units = 0;  // Units with a sketch so far.
  size_t next_signed = 0;   // The span of the next signed unit, if any.
  for (size_t i = 0; i < num_spans; ++i) {
    const internal::UnitSpan& span = doc->spans[i];
    internal::PreparedUnit& u = doc->units[i];
    if (u.words == 0) continue;
    if (u.words >= options.min_words && next_signed <= i) {
      // The lookups of the signed unit after this one, across short units:
      // their cache misses overlap this unit's.
      next_signed = i + 1;
      while (next_signed < num_spans &&
             doc->units[next_signed].words < options.min_words) {
        ++next_signed;
      }
      if (next_signed < num_spans) {
        index.PrefetchExact(doc->units[next_signed].exact_hash);
        index.PrefetchQuery(absl::MakeConstSpan(
            doc->keys.data() + (signed_units + 1) * bands, bands));
      }
    }
    ++stats.units;
    UnitVerdict v;
    v.line = static_cast<int>(span.first_line) + 1;
    v.last_line = static_cast<int>(span.last_line) + 1;
    v.offset = span.offset;
    v.length = span.length;
    v.words = u.words;
    if (u.words < options.min_words) {
      ++stats.short_units;
      verdict->units.push_back(std::move(v));
      continue;
    }
    internal::UnitMatch m;
    internal::QuerySketchView query;
    const uint8_t* sketch = nullptr;
    if (sketched) {
      sketch = doc->sketches.data() + signed_units * internal::kSketchBytes;
      query.size = u.set_size;
      if (u.has_fingerprints) {
        query.fingerprints = doc->fingerprints.data() + u.fingerprints_at;
      }
      query.odd = doc->odd.data() + u.odd_at;
      query.first_level = u.first_level;
      query.levels = u.levels;
    }
    const absl::Span<const uint32_t> keys =
        absl::MakeConstSpan(doc->keys.data() + signed_units * bands, bands);
    absl::Status s =
        decider != nullptr
            ? decider->Decide(number, id, static_cast<uint32_t>(v.line), &u,
                              sketch, query, keys, &m, &v.duplicate_of_id)
            : index.Decide(number, static_cast<uint32_t>(v.line), &u, sketch,
                           query, keys, &m);
    ++signed_units;
    if (!s.ok()) return s;
    if (m.duplicate) {
      v.duplicate = true;
      v.exact = m.exact;
      v.duplicate_of_doc = m.doc;
      if (decider == nullptr) {
        const uint64_t begin = m.doc == 0 ? 0 : id_ends[m.doc - 1];
        const uint64_t end =
            m.doc < id_ends.size() ? id_ends[m.doc] : id_arena.size();
        v.duplicate_of_id = m.doc < id_ends.size()
                                ? id_arena.substr(begin, end - begin)
                                : std::string(id);
      }
      v.duplicate_of_line = static_cast<int>(m.line);
      v.similarity = m.similarity;
      ++verdict->duplicates;
      ++(m.exact ? stats.exact_duplicates : stats.near_duplicates);
      stats.removed_bytes += span.length;
    }
    verdict->units.push_back(std::move(v));
  }
  if (decider != nullptr) decider->EndDocument(id);
  id_arena.append(id.data(), id.size());
  id_ends.push_back(id_arena.size());
  removed.push_back(0);
  ++stats.documents;
  return absl::OkStatus();
}

void Deduplicator::Rep::BuildText(absl::string_view text,
                                  const internal::PreparedDocument& doc,
                                  DocumentVerdict* verdict) const {
  internal::BuildKeptText(text, doc.lines, *verdict, options.tidy_blank_lines,
                          &verdict->text);
}

absl::StatusOr<std::unique_ptr<Deduplicator::Rep>> Deduplicator::MakeRep(
    const DedupOptions& options) {
  absl::Status s = internal::ValidateOptions(options);
  if (!s.ok()) return s;
  absl::StatusOr<Shingler> shingler = Shingler::Create(options.shingle);
  if (!shingler.ok()) return shingler.status();
  absl::StatusOr<MinHasher> hasher = MinHasher::Create(options.minhash);
  if (!hasher.ok()) return hasher.status();
  const int num_perm = hasher->num_perm();
  LshParams params;
  if (options.bands == 0) {
    params = LshParams::ForThreshold(
        std::max(0.01, std::min(0.99, options.threshold)), num_perm, 0.99,
        kDefaultMaxBands);
  } else {
    params.bands = options.bands;
    params.rows = options.rows;
  }
  absl::Status valid = params.Validate(num_perm);
  if (!valid.ok()) return valid;
  internal::LshTables lsh(params, num_perm);
  return std::make_unique<Rep>(options, *std::move(shingler),
                               *std::move(hasher), std::move(lsh));
}

absl::StatusOr<Deduplicator> Deduplicator::Create(const DedupOptions& options) {
  absl::StatusOr<std::unique_ptr<Rep>> rep = MakeRep(options);
  if (!rep.ok()) return rep.status();
  return Deduplicator(*std::move(rep));
}

absl::Status Deduplicator::Remove(uint64_t doc) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  if (doc >= rep_->removed.size() || rep_->removed[doc] != 0) {
    return absl::NotFoundError(
        absl::StrCat("dedup: no document ", doc,
                     doc < rep_->removed.size() ? " (already removed)" : ""));
  }
  rep_->removed[doc] = 1;
  ++rep_->stats.removed_documents;
  rep_->index.RemoveDocument(static_cast<uint32_t>(doc));
  return absl::OkStatus();
}

void Deduplicator::Reserve(size_t units) {
  // The Apply stage of a StagedDedup indexes nothing: its indexed count is
  // read from a stage file, and must not size the index.
  if (rep_->units_only) return;
  std::lock_guard<std::mutex> lock(rep_->mu);
  rep_->index.Reserve(units);
}

Deduplicator::Deduplicator(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Deduplicator::Deduplicator(Deduplicator&&) noexcept = default;
Deduplicator& Deduplicator::operator=(Deduplicator&&) noexcept = default;
Deduplicator::~Deduplicator() = default;

absl::StatusOr<DocumentVerdict> Deduplicator::Add(absl::string_view id,
                                                  absl::string_view text) {
  internal::PreparedDocument doc;
  thread_local internal::PrepareScratch
      scratch;  // Reused by the thread's calls.
  rep_->Prepare(text, &scratch, &doc);
  DocumentVerdict verdict;
  {
    std::lock_guard<std::mutex> lock(rep_->mu);
    absl::Status s = rep_->Decide(id, &doc, &verdict);
    if (!s.ok()) return s;
  }
  rep_->BuildText(text, doc, &verdict);
  return verdict;
}

DedupStats Deduplicator::stats() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  DedupStats s = rep_->stats;
  s.indexed_units = rep_->index.indexed();
  s.candidates = rep_->index.candidates();
  s.capped_queries = rep_->index.capped_queries();
  s.memory_bytes = rep_->index.MemoryUsage() + rep_->id_arena.capacity() +
                   rep_->id_ends.capacity() * sizeof(uint64_t) +
                   rep_->removed.capacity();
  if (rep_->decider != nullptr) {
    rep_->decider->IndexCounters(&s);
    s.memory_bytes = 0;
  }
  return s;
}

DedupStats Deduplicator::loaded_stats() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->loaded;
}

const DedupOptions& Deduplicator::options() const { return rep_->options; }
const LshParams& Deduplicator::lsh_params() const { return rep_->params; }

}  // namespace pith
