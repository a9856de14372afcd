// Copyright 2026 The pith Authors.

#include "lib/dedup_index.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>
#include <utility>

namespace pith {
namespace {

inline uint64_t Mix64(uint64_t x) {
  // The splitmix64 finalizer.
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Sorted distinct values: |A ∩ B| / |A ∪ B|.
double SortedJaccard(const std::vector<uint64_t>& a,
                     const std::vector<uint64_t>& b) {
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
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ shingles.size();
  for (uint64_t s : shingles) h = Mix64(h ^ s) + 0x9e3779b97f4a7c15ULL;
  return Mix64(h);
}

void MakeSketch(const Signature& signature, uint8_t* out) {
  const size_t n = signature.size();
  for (size_t k = 0; k + 1 < n; k += 2) {
    // The low bits of a slot's minimum are uniform.
    out[k / 2] = static_cast<uint8_t>((signature[k] & 0xF) |
                                      ((signature[k + 1] & 0xF) << 4));
  }
  if (n % 2 == 1) out[n / 2] = static_cast<uint8_t>(signature[n - 1] & 0xF);
}

int EqualSlots(const uint8_t* a, const uint8_t* b, int slots) {
  const int bytes = SketchBytes(slots);
  int differ = 0;
  int i = 0;
  for (; i + 8 <= bytes; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    uint64_t d = x ^ y;
    // One bit per nibble: set if the nibble differs.
    d |= d >> 1;
    d |= d >> 2;
    d &= 0x1111111111111111ULL;
    differ += __builtin_popcountll(d);
  }
  for (; i < bytes; ++i) {
    const uint8_t d = a[i] ^ b[i];
    differ += ((d & 0xF) != 0) + ((d >> 4) != 0);
  }
  // An odd slot count leaves a zero high nibble in both: never a difference.
  return slots - differ;
}

double SketchEstimate(int equal, int slots) {
  if (slots <= 0) return 0.0;
  constexpr double kChance = 1.0 / (1 << kSketchBits);
  double raw = static_cast<double>(equal) / slots;
  double est = (raw - kChance) / (1.0 - kChance);
  return std::min(1.0, std::max(0.0, est));
}

DedupIndex::DedupIndex(const DedupOptions& options, LshIndex lsh)
    : options_(options),
      slots_(options.minhash.num_perm),
      lsh_(std::move(lsh)) {
  accept_ = options.verify == DedupVerify::kExact
                ? options.threshold - 1e-9
                : options.threshold - options.signature_margin;
}

double DedupIndex::Verify(const PreparedUnit& unit, const uint8_t* sketch,
                          uint32_t id) const {
  const Record& r = records_[id];
  // Exact bound: J <= min(|A|, |B|) / max(|A|, |B|).
  const uint32_t lo = std::min(r.set_size, unit.set_size);
  const uint32_t hi = std::max(r.set_size, unit.set_size);
  if (hi == 0 || static_cast<double>(lo) < accept_ * hi) return -1;
  double sim;
  if (options_.verify == DedupVerify::kExact) {
    sim = SortedJaccard(unit.set, sets_[id]);
  } else {
    const size_t bytes = SketchBytes(slots_);
    sim = SketchEstimate(
        EqualSlots(sketch, sketches_.data() + id * bytes, slots_), slots_);
  }
  return sim >= accept_ ? sim : -1;
}

absl::Status DedupIndex::Decide(uint32_t doc, uint32_t line, PreparedUnit* unit,
                                UnitMatch* match) {
  *match = UnitMatch();
  auto found = exact_.find(unit->exact_hash);
  if (found != exact_.end()) {
    const Record& r = records_[found->second];
    match->duplicate = true;
    match->exact = true;
    match->doc = r.doc;
    match->line = r.line;
    match->similarity = 1.0;
    return absl::OkStatus();
  }
  if (records_.size() >= std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError(
        "dedup index is full: 2^32 - 1 units indexed");
  }
  assert(static_cast<int>(unit->signature.size()) == slots_);

  sketch_buffer_.resize(SketchBytes(slots_));
  MakeSketch(unit->signature, sketch_buffer_.data());
  lsh_.Query(unit->signature, &candidates_buffer_);
  const size_t n = candidates_buffer_.size();
  const size_t limit =
      std::min(n, static_cast<size_t>(options_.max_candidates));
  for (size_t i = 0; i < limit; ++i) {
    const uint32_t id = candidates_buffer_[i];
    ++candidates_;
    double sim = Verify(*unit, sketch_buffer_.data(), id);
    if (sim >= 0) {
      const Record& r = records_[id];
      match->duplicate = true;
      match->doc = r.doc;
      match->line = r.line;
      match->similarity = sim;
      break;
    }
  }

  const uint32_t id = static_cast<uint32_t>(records_.size());
  records_.push_back(Record{doc, line, unit->set_size});
  if (options_.verify == DedupVerify::kExact) {
    sets_.push_back(std::move(unit->set));
  } else {
    sketches_.insert(sketches_.end(), sketch_buffer_.begin(),
                     sketch_buffer_.end());
  }
  exact_.emplace(unit->exact_hash, id);
  if (n > static_cast<size_t>(options_.max_candidates)) {
    ++capped_queries_;
  } else {
    lsh_.Insert(id, unit->signature);
  }
  return absl::OkStatus();
}

size_t DedupIndex::MemoryUsage() const {
  size_t bytes = sizeof(*this);
  bytes += records_.capacity() * sizeof(Record);
  bytes += sketches_.capacity();
  bytes += sets_.capacity() * sizeof(std::vector<uint64_t>);
  for (const auto& s : sets_) bytes += s.capacity() * sizeof(uint64_t);
  // Swiss table: one slot and one control byte per bucket.
  bytes += exact_.bucket_count() * (sizeof(std::pair<uint64_t, uint32_t>) + 1);
  bytes += lsh_.MemoryUsage();
  bytes += candidates_buffer_.capacity() * sizeof(uint32_t);
  bytes += sketch_buffer_.capacity();
  return bytes;
}

}  // namespace pith
