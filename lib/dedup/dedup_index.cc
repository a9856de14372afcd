// Copyright 2026 The pith Authors.

#include "lib/dedup/dedup_index.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>
#include <utility>

#include "lib/dedup/index_file.h"
#include "lib/hash.h"

namespace pith {
namespace internal {
namespace {

// Sorted distinct values: |A ∩ B| / |A ∪ B|.
double SortedJaccard(absl::Span<const uint64_t> a,
                     absl::Span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 1.0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) /
         static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

uint64_t SequenceHash(absl::Span<const uint64_t> shingles) {
  // Four Combine() chains over the shingles by position mod 4, so that four
  // multiplications are in flight (one chain waits on each); every step is
  // a bijection of the chain's state, so two sequences of one length that
  // differ in one position never collide. The chains and the length are
  // combined at the end.
  const uint64_t* v = shingles.data();
  const size_t n = shingles.size();
  uint64_t h[4] = {CombineStart(0x5e9), CombineStart(0x5e9 + 1),
                   CombineStart(0x5e9 + 2), CombineStart(0x5e9 + 3)};
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    h[0] = Combine(h[0], v[i]);
    h[1] = Combine(h[1], v[i + 1]);
    h[2] = Combine(h[2], v[i + 2]);
    h[3] = Combine(h[3], v[i + 3]);
  }
  for (size_t k = 0; i < n; ++i, ++k) h[k] = Combine(h[k], v[i]);
  uint64_t x = CombineStart(n);
  for (uint64_t c : h) x = Combine(x, c);
  return CombineFinal(x, n);
}

namespace {

constexpr uint32_t kRecordsTag = IndexTag("RECS");
constexpr uint32_t kHashesTag = IndexTag("HASH");
constexpr uint32_t kSketchesTag = IndexTag("SKET");
constexpr uint32_t kSetLengthsTag = IndexTag("SETL");
constexpr uint32_t kSetValuesTag = IndexTag("SETV");
constexpr uint32_t kLshSizeTag = IndexTag("LSHN");
constexpr uint32_t kLshTableTag = IndexTag("LSHT");
constexpr uint32_t kCountersTag = IndexTag("ICNT");

// Tables grow by 3/2 when more than 17/20 full (as LshIndex).
constexpr size_t kMaxLoadNum = 17, kMaxLoadDen = 20;

}  // namespace

DedupIndex::DedupIndex(const DedupOptions& options, LshTables lsh)
    : options_(options),
      exact_only_(options.threshold >= 1.0),
      lsh_(std::move(lsh)) {
  accept_ = AcceptedSimilarity(options);
}

double AcceptedSimilarity(const DedupOptions& options) {
  return options.verify == DedupVerify::kExact || options.threshold >= 1.0
             ? options.threshold - 1e-9
             : options.threshold - options.signature_margin;
}

double VerifyPair(DedupVerify verify, double accept, const PreparedUnit& unit,
                  const QuerySketchView& query, const FingerprintTable& table,
                  const IndexedUnitView& other) {
  // Exact bound: J <= min(|A|, |B|) / max(|A|, |B|).
  const uint32_t lo = std::min(other.set_size, unit.set_size);
  const uint32_t hi = std::max(other.set_size, unit.set_size);
  if (hi == 0 || static_cast<double>(lo) < accept * hi) return -1;
  double sim;
  if (verify == DedupVerify::kExact) {
    sim = SortedJaccard(unit.set, other.set);
  } else {
    if (IsFingerprintForm(other.set_size)) {
      if (query.fingerprints == nullptr) return -1;
      sim = JaccardFromCounts(table.Count(other.sketch, other.set_size),
                              unit.set_size, other.set_size);
    } else {
      const int level = SampleLevel(other.set_size) - query.first_level;
      if (level < 0 || level >= query.levels) return -1;
      sim =
          OddSimilarity(query.odd + size_t(level) * kSketchBytes, other.sketch);
    }
  }
  return sim >= accept ? sim : -1;
}

double DedupIndex::Verify(const PreparedUnit& unit,
                          const QuerySketchView& query, uint32_t id) const {
  const Record& r = records_[id];
  if (r.line & kDead) return -1;
  IndexedUnitView other;
  other.set_size = r.set_size;
  if (options_.verify == DedupVerify::kExact) {
    other.set = sets_[id];
  } else {
    other.sketch = sketches_.data() + size_t{id} * kSketchBytes;
  }
  return VerifyPair(options_.verify, accept_, unit, query, fingerprint_table_,
                    other);
}

uint32_t DedupIndex::FindExact(uint64_t hash) const {
  const size_t n = exact_.size();
  if (n == 0) return kEmpty;
  for (size_t i = Home(hash, n); exact_[i] != kEmpty;) {
    const uint32_t id = exact_[i];
    if (hashes_[id] == hash && !(records_[id].line & kDead)) return id;
    if (++i == n) i = 0;
  }
  return kEmpty;
}

void DedupIndex::InsertExact(uint32_t id) {
  if ((exact_used_ + 1) * kMaxLoadDen > exact_.size() * kMaxLoadNum) {
    RebuildExact(exact_used_ + 1);
  }
  const size_t n = exact_.size();
  size_t i = Home(hashes_[id], n);
  while (exact_[i] != kEmpty) {
    if (++i == n) i = 0;
  }
  exact_[i] = id;
  ++exact_used_;
}

void DedupIndex::RebuildExact(size_t min_entries) {
  size_t n = std::max<size_t>(exact_.size(), 16);
  while (n * kMaxLoadNum < min_entries * kMaxLoadDen) n += n / 2;
  ResizeExact(n);
}

void DedupIndex::ResizeExact(size_t n) {
  std::vector<uint32_t> old;
  old.swap(exact_);
  exact_.assign(n, kEmpty);
  exact_used_ = 0;
  for (uint32_t id : old) {
    if (id == kEmpty) continue;
    size_t i = Home(hashes_[id], n);
    while (exact_[i] != kEmpty) {
      if (++i == n) i = 0;
    }
    exact_[i] = id;
    ++exact_used_;
  }
}

absl::Status DedupIndex::Decide(uint32_t doc, uint32_t line, PreparedUnit* unit,
                                const uint8_t* sketch,
                                const QuerySketchView& query,
                                absl::Span<const uint32_t> keys,
                                UnitMatch* match) {
  *match = UnitMatch();
  const uint32_t found = FindExact(unit->exact_hash);
  if (found != kEmpty) {
    const Record& r = records_[found];
    match->duplicate = true;
    match->exact = true;
    match->doc = r.doc;
    match->line = r.line;
    match->similarity = 1.0;
    return absl::OkStatus();
  }
  if (records_.size() >= std::numeric_limits<uint32_t>::max() - 1) {
    return absl::ResourceExhaustedError(
        "dedup index is full: 2^32 - 2 units indexed");
  }
  assert(keys.size() == static_cast<size_t>(lsh_.params().bands));
  assert(line < kDead);

  const uint32_t id = static_cast<uint32_t>(records_.size());
  const bool exact = options_.verify == DedupVerify::kExact;
  if (exact_only_) {
    // Threshold 1: identical after normalization, or new. Nothing but the
    // record and its exact hash is kept.
    records_.push_back(Record{doc, line, unit->set_size});
    hashes_.push_back(unit->exact_hash);
    InsertExact(id);
    return absl::OkStatus();
  }

  // The unit is indexed whether or not it is a duplicate: its LSH entries
  // go in with the query (unless the query is capped), the rest below.
  const size_t max_candidates = static_cast<size_t>(options_.max_candidates);
  if (!lsh_.QueryInsert(id, keys, max_candidates, &candidates_buffer_)) {
    ++capped_queries_;
  }
  const size_t n = candidates_buffer_.size();
  const uint32_t* ids = candidates_buffer_.data();
  // Candidates are scattered over the index: fetch them all at once (the
  // loads overlap), as far as they may be verified.
  const size_t fetched = std::min(n, max_candidates);
  for (size_t i = 0; i < fetched; ++i) {
    __builtin_prefetch(&records_[ids[i]]);
    if (!exact) {
      const uint8_t* p = sketches_.data() + size_t{ids[i]} * kSketchBytes;
      __builtin_prefetch(p);
      __builtin_prefetch(p + kSketchBytes - 1);
    }
  }
  const bool fingerprints = !exact && n > 0 && query.fingerprints != nullptr;
  if (fingerprints) fingerprint_table_.Add(query.fingerprints, query.size);
  // The most similar candidate wins (the earliest on ties).
  const CandidateChoice choice = ChooseCandidate(
      n, max_candidates,
      [&](size_t i) { return !(records_[ids[i]].line & kDead); },
      [&](size_t i) { return Verify(*unit, query, ids[i]); });
  candidates_ += choice.verified;
  if (choice.found) {
    const Record& r = records_[ids[choice.index]];
    match->duplicate = true;
    match->doc = r.doc;
    match->line = r.line;
    match->similarity = choice.similarity;
  }
  if (fingerprints) fingerprint_table_.Clear(query.fingerprints, query.size);

  records_.push_back(Record{doc, line, unit->set_size});
  hashes_.push_back(unit->exact_hash);
  if (exact) {
    sets_.push_back(std::move(unit->set));
  } else {
    sketches_.insert(sketches_.end(), sketch, sketch + kSketchBytes);
  }
  InsertExact(id);
  return absl::OkStatus();
}

size_t DedupIndex::RemoveDocument(uint32_t doc) {
  auto first =
      std::lower_bound(records_.begin(), records_.end(), doc,
                       [](const Record& r, uint32_t d) { return r.doc < d; });
  size_t removed = 0;
  for (auto it = first; it != records_.end() && it->doc == doc; ++it) {
    if (it->line & kDead) continue;
    it->line |= kDead;
    ++removed;
  }
  dead_ += removed;
  if (dead_ >= 1024 && dead_ * 4 >= records_.size()) Compact();
  return removed;
}

void DedupIndex::Compact() {
  std::vector<uint32_t> new_ids(records_.size(), LshTables::kDropped);
  const size_t bytes = kSketchBytes;
  const bool exact = options_.verify == DedupVerify::kExact;
  const bool sketched = !exact && !exact_only_;
  uint32_t next = 0;
  for (size_t id = 0; id < records_.size(); ++id) {
    if (records_[id].line & kDead) continue;
    new_ids[id] = next;
    records_[next] = records_[id];
    hashes_[next] = hashes_[id];
    if (exact && !exact_only_) {
      if (next != id) sets_[next] = std::move(sets_[id]);
    } else if (sketched && next != id) {
      std::memmove(sketches_.data() + next * bytes,
                   sketches_.data() + id * bytes, bytes);
    }
    ++next;
  }
  records_.resize(next);
  records_.shrink_to_fit();
  hashes_.resize(next);
  hashes_.shrink_to_fit();
  if (exact && !exact_only_) {
    sets_.resize(next);
    sets_.shrink_to_fit();
  } else if (sketched) {
    sketches_.resize(next * bytes);
    sketches_.shrink_to_fit();
  }
  dead_ = 0;
  lsh_.Rebuild(new_ids);
  exact_.clear();
  exact_.shrink_to_fit();
  exact_used_ = 0;
  RebuildExact(next);
  for (uint32_t id = 0; id < next; ++id) InsertExact(id);
}

void DedupIndex::Reserve(size_t n) {
  records_.reserve(n);
  hashes_.reserve(n);
  if (options_.verify != DedupVerify::kExact && !exact_only_) {
    sketches_.reserve(n * kSketchBytes);
  }
  // Exactly the slots that "n" entries need (growth would overshoot by up
  // to 1.5x).
  const size_t slots = n * kMaxLoadDen / kMaxLoadNum + 1;
  if (slots > exact_.size()) ResizeExact(slots);
  if (!exact_only_) lsh_.Reserve(n);
}

size_t DedupIndex::MemoryUsage() const {
  size_t bytes = sizeof(*this);
  bytes += records_.capacity() * sizeof(Record);
  bytes += hashes_.capacity() * sizeof(uint64_t);
  bytes += sketches_.capacity();
  bytes += sets_.capacity() * sizeof(std::vector<uint64_t>);
  for (const auto& s : sets_) bytes += s.capacity() * sizeof(uint64_t);
  bytes += exact_.capacity() * sizeof(uint32_t);
  bytes += lsh_.MemoryUsage();
  bytes += candidates_buffer_.capacity() * sizeof(uint32_t);
  return bytes;
}

absl::Status DedupIndex::Save(IndexFileWriter* w) const {
  static_assert(sizeof(Record) == 12, "records are written raw");
  FieldWriter counters;
  counters.U64(candidates_);
  counters.U64(capped_queries_);
  w->Section(kCountersTag, counters.data());
  w->Array(kRecordsTag, records_);
  w->Array(kHashesTag, hashes_);
  w->Array(kSketchesTag, sketches_);
  std::vector<uint64_t> lengths, values;
  if (options_.verify == DedupVerify::kExact) {
    lengths.reserve(sets_.size());
    for (const auto& set : sets_) {
      lengths.push_back(set.size());
      values.insert(values.end(), set.begin(), set.end());
    }
  }
  w->Array(kSetLengthsTag, lengths);
  w->Array(kSetValuesTag, values);
  FieldWriter lsh_size;
  lsh_size.U64(lsh_.size());
  w->Section(kLshSizeTag, lsh_size.data());
  for (int b = 0; b < lsh_.params().bands; ++b) {
    absl::Span<const uint64_t> t = lsh_.Slots(b);
    w->Section(kLshTableTag,
               absl::string_view(reinterpret_cast<const char*>(t.data()),
                                 t.size() * sizeof(uint64_t)));
  }
  return w->status();
}

absl::Status DedupIndex::Load(IndexFileReader* r, uint64_t documents) {
  absl::string_view payload;
  absl::Status s = r->Section(kCountersTag, &payload);
  if (!s.ok()) return s;
  FieldReader counters(payload);
  if (!counters.U64(&candidates_) || !counters.U64(&capped_queries_) ||
      !counters.done()) {
    return r->Corrupt(kCountersTag, "bad length");
  }
  if (!(s = r->Array(kRecordsTag, &records_)).ok()) return s;
  if (!(s = r->Array(kHashesTag, &hashes_)).ok()) return s;
  if (!(s = r->Array(kSketchesTag, &sketches_)).ok()) return s;
  std::vector<uint64_t> lengths, values;
  if (!(s = r->Array(kSetLengthsTag, &lengths)).ok()) return s;
  if (!(s = r->Array(kSetValuesTag, &values)).ok()) return s;
  const size_t n = records_.size();
  if (n >= std::numeric_limits<uint32_t>::max() - 1 || hashes_.size() != n) {
    return r->Corrupt(kHashesTag, "record and hash counts differ");
  }
  const bool exact = options_.verify == DedupVerify::kExact;
  if (sketches_.size() != (exact || exact_only_ ? 0 : n * kSketchBytes)) {
    return r->Corrupt(kSketchesTag, "wrong size for the records");
  }
  if (lengths.size() != (exact && !exact_only_ ? n : 0)) {
    return r->Corrupt(kSetLengthsTag, "wrong count for the records");
  }
  size_t offset = 0;
  sets_.clear();
  for (uint64_t len : lengths) {
    if (len > values.size() - offset) {
      return r->Corrupt(kSetValuesTag, "sets overrun the values");
    }
    sets_.emplace_back(values.begin() + offset, values.begin() + offset + len);
    offset += len;
  }
  if (offset != values.size()) {
    return r->Corrupt(kSetValuesTag, "values left over");
  }
  dead_ = 0;
  uint32_t previous = 0;
  for (const Record& rec : records_) {
    if (rec.doc >= documents || rec.doc < previous ||
        (rec.line & ~kDead) == 0) {
      return r->Corrupt(kRecordsTag, "bad record");
    }
    previous = rec.doc;
    if (rec.line & kDead) ++dead_;
  }
  if (!(s = r->Section(kLshSizeTag, &payload)).ok()) return s;
  FieldReader lsh_size(payload);
  uint64_t size = 0;
  if (!lsh_size.U64(&size) || !lsh_size.done() || size > n) {
    return r->Corrupt(kLshSizeTag, "bad size");
  }
  std::vector<std::vector<uint64_t>> tables(lsh_.params().bands);
  for (auto& t : tables) {
    if (!(s = r->Array(kLshTableTag, &t)).ok()) return s;
  }
  absl::StatusOr<LshTables> lsh = LshTables::FromSlots(
      lsh_.params(), lsh_.num_perm(), std::move(tables), size, n);
  if (!lsh.ok()) return r->Corrupt(kLshTableTag, lsh.status().message());
  lsh_ = *std::move(lsh);
  exact_.clear();
  exact_used_ = 0;
  RebuildExact(n - dead_);
  for (uint32_t id = 0; id < n; ++id) {
    if (records_[id].line & kDead) continue;
    // A live hash appears once: only the first unit with a hash is indexed.
    if (FindExact(hashes_[id]) != kEmpty) {
      return r->Corrupt(kHashesTag, "a hash is indexed twice");
    }
    InsertExact(id);
  }
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace pith
