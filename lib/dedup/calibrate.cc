// Copyright 2026 The pith Authors.
//
// The Calibrator (pith/calibrate.h): candidate pairs with their exact
// Jaccard beside dedup's verification. The report (text and HTML) is in
// calibrate_report.cc.

#include "pith/calibrate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/dedup_index.h"
#include "lib/dedup/dedup_rep.h"
#include "lib/dedup/lsh_tables.h"
#include "lib/dedup/unit_sketch.h"
#include "lib/dedup/units.h"
#include "pith/segment.h"

namespace pith {
namespace {

constexpr int kFineBins = 1000;  // Of 0.001, for the suggestion.
constexpr double kNear = 0.05;   // "Near" a threshold.

double SortedJaccard(const std::vector<uint64_t>& a,
                     const std::vector<uint64_t>& b) {
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return internal::JaccardFromCounts(common, a.size(), b.size());
}

int FineBin(double j) {
  return std::min(kFineBins - 1, std::max(0, static_cast<int>(j * kFineBins)));
}

// A compared pair before its texts are looked up.
struct PairRef {
  uint32_t unit = 0;
  uint32_t other = 0;  // A unit, or an index record with "in_index".
  bool in_index = false;
  float jaccard = -1;
  float verified = 0;
  bool verified_exact = false;
  bool accepted = false;
  bool candidate = false;
};

}  // namespace

struct Calibrator::Rep {
  CalibrateOptions options;
  Shingler shingler;
  MinHasher hasher;
  LshParams layout;
  LshParams wide;
  internal::LshTables wide_lsh;
  Deduplicator dedup;  // The run whose removals are counted.
  double accept = 0;   // The lowest similarity dedup accepts.
  uint64_t index_records = 0;

  // Per kept unit.
  std::vector<std::string> texts;
  std::vector<uint32_t> docs;
  std::vector<int> lines;
  std::vector<std::vector<uint64_t>> sets;
  std::vector<uint8_t> sketches;
  std::vector<uint32_t> keys;  // layout.bands per unit.
  absl::flat_hash_map<uint64_t, uint32_t> first_with_hash;
  std::vector<float> best;       // Highest exact J with an earlier unit.
  std::vector<uint32_t> sizes;   // Bytes.
  std::vector<std::string> ids;  // Per document.

  Calibration result;
  std::vector<uint64_t> fine;  // kFineBins of exact J.
  std::vector<PairRef> sample;
  uint64_t seen_pairs = 0;
  std::mt19937_64 rng;
  // The closest below and at or above the threshold, closest first.
  std::vector<PairRef> below, above;
  std::vector<PairRef> wrong;

  Rep(CalibrateOptions o, Shingler s, MinHasher h, LshParams l, LshParams w,
      Deduplicator d)
      : options(std::move(o)),
        shingler(std::move(s)),
        hasher(std::move(h)),
        layout(l),
        wide(w),
        wide_lsh(w, hasher.num_perm()),
        dedup(std::move(d)),
        rng(options.seed) {}

  void Keep(const PairRef& p);
  void AddUnit(uint32_t doc, int line, absl::string_view text,
               const std::vector<uint64_t>& shingles, const Signature& sig,
               std::vector<uint32_t>* scratch);
  CalibrationPair Resolve(const PairRef& p) const;
};

void Calibrator::Rep::Keep(const PairRef& p) {
  ++seen_pairs;
  if (sample.size() < options.sample_pairs) {
    sample.push_back(p);
  } else if (options.sample_pairs > 0) {
    const uint64_t k = rng() % seen_pairs;
    if (k < options.sample_pairs) sample[k] = p;
  }
  if (p.jaccard < 0) return;
  const double t = options.dedup.threshold;
  const size_t shown = static_cast<size_t>(std::max(0, options.shown_pairs));
  if (p.candidate && p.accepted != (p.jaccard >= t - 1e-9) &&
      wrong.size() < shown) {
    wrong.push_back(p);
  }
  auto closer = [t](const PairRef& a, const PairRef& b) {
    return std::abs(a.jaccard - t) < std::abs(b.jaccard - t);
  };
  std::vector<PairRef>& side = p.jaccard >= t - 1e-9 ? above : below;
  const size_t half = (shown + 1) / 2;
  if (side.size() < half || closer(p, side.back())) {
    side.insert(std::upper_bound(side.begin(), side.end(), p, closer), p);
    if (side.size() > half) side.pop_back();
  }
}

void Calibrator::Rep::AddUnit(uint32_t doc, int line, absl::string_view text,
                              const std::vector<uint64_t>& shingles,
                              const Signature& sig,
                              std::vector<uint32_t>* ids_buffer) {
  Calibration& r = result;
  std::vector<uint64_t> set(shingles.begin(), shingles.end());
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  const uint32_t id = static_cast<uint32_t>(texts.size());
  const size_t bands = static_cast<size_t>(layout.bands);
  std::vector<uint32_t> my_keys(bands), wide_keys(wide.bands);
  internal::BandKeys(layout, sig, absl::MakeSpan(my_keys));
  internal::BandKeys(wide, sig, absl::MakeSpan(wide_keys));
  const bool sketched = options.dedup.verify == DedupVerify::kSignature &&
                        options.dedup.threshold < 1.0;
  // What dedup's verification says of this unit and another of "n"
  // distinct shingles (its set or sketch), "exact_j" if known.
  auto verify = [&](const std::vector<uint64_t>* other_set, uint32_t n,
                    const uint8_t* sketch, double exact_j, PairRef* p) {
    const uint32_t lo = std::min<uint32_t>(n, set.size());
    const uint32_t hi = std::max<uint32_t>(n, set.size());
    const bool sizes_pass = hi > 0 && lo >= accept * hi;
    if (options.dedup.threshold >= 1.0) {
      p->verified = 0;  // Only identical tokens are duplicates.
      p->verified_exact = true;
    } else if (!sketched) {
      p->verified = static_cast<float>(
          exact_j >= 0 ? exact_j : SortedJaccard(set, *other_set));
      p->verified_exact = true;
    } else {
      bool exact = false;
      p->verified = static_cast<float>(
          internal::SketchSimilarity(set, sketch, n, &exact));
      p->verified_exact = exact;
    }
    p->accepted = sizes_pass && p->verified >= accept;
  };

  // Identical tokens are the exact path, not a pair: with an earlier unit
  // of the input, or of the index.
  float best_j = 0;
  const uint64_t hash = internal::SequenceHash(shingles);
  bool identical = !first_with_hash.try_emplace(hash, id).second;
  if (!identical && index_records > 0) {
    const int64_t found = dedup.rep_->index.FindIdentical(hash);
    identical = found >= 0 && static_cast<uint64_t>(found) < index_records;
  }
  if (identical) {
    ++r.identical_units;
    best_j = 1;
  }

  // The index's units, through its own LSH tables (the chosen layout).
  if (!identical && index_records > 0 && options.dedup.threshold < 1.0) {
    const internal::DedupIndex& index = dedup.rep_->index;
    index.lsh().Query(my_keys, ids_buffer);
    size_t compared = 0;
    for (uint32_t other : *ids_buffer) {
      if (other >= index_records || index.dead(other)) continue;
      if (++compared > static_cast<size_t>(options.max_candidates)) break;
      PairRef p;
      p.unit = id;
      p.other = other;
      p.in_index = true;
      p.candidate = true;
      const std::vector<uint64_t>* other_set = index.set(other);
      verify(other_set, index.set_size(other), index.sketch(other),
             other_set != nullptr ? SortedJaccard(set, *other_set) : -1, &p);
      if (p.verified_exact) p.jaccard = p.verified;
      best_j = std::max(best_j, p.verified);
      ++r.index_histogram[std::min<size_t>(
          r.index_histogram.size() - 1,
          static_cast<size_t>(p.verified / r.bin_width))];
      Keep(p);
    }
  }

  std::vector<uint8_t> sketch(internal::kSketchBytes, 0);
  if (sketched) internal::MakeSketch(set, nullptr, sketch.data());
  // Others are compared with the earlier units of the input that share a
  // band of the wide layout.
  if (!identical) {
    wide_lsh.QueryInsert(
        id, wide_keys, static_cast<size_t>(options.max_candidates), ids_buffer);
    size_t compared = 0;
    for (uint32_t other : *ids_buffer) {
      if (++compared > static_cast<size_t>(options.max_candidates)) break;
      PairRef p;
      p.unit = id;
      p.other = other;
      const double j = SortedJaccard(set, sets[other]);
      p.jaccard = static_cast<float>(j);
      for (size_t b = 0; b < bands; ++b) {
        p.candidate |= my_keys[b] == keys[size_t{other} * bands + b];
      }
      verify(&sets[other], static_cast<uint32_t>(sets[other].size()),
             sketches.data() + size_t{other} * internal::kSketchBytes, j, &p);
      best_j = std::max(best_j, p.jaccard);
      ++r.candidate_pairs;
      ++fine[FineBin(j)];
      if (p.candidate) {
        const bool above = j >= options.dedup.threshold - 1e-9;
        ++(above ? r.above : r.below);
        if (p.accepted) ++(above ? r.above_accepted : r.below_accepted);
      }
      Keep(p);
    }
  }
  texts.emplace_back(text);
  docs.push_back(doc);
  lines.push_back(line);
  best.push_back(best_j);
  sizes.push_back(static_cast<uint32_t>(text.size()));
  keys.insert(keys.end(), my_keys.begin(), my_keys.end());
  sketches.insert(sketches.end(), sketch.begin(), sketch.end());
  sets.push_back(std::move(set));
}

CalibrationPair Calibrator::Rep::Resolve(const PairRef& p) const {
  CalibrationPair c;
  c.doc = docs[p.unit];
  c.id = ids[c.doc];
  c.line = lines[p.unit];
  c.text = texts[p.unit];
  c.other_in_index = p.in_index;
  if (p.in_index) {
    const Deduplicator::Rep& d = *dedup.rep_;
    c.other_doc = d.index.doc(p.other);
    const uint64_t begin = c.other_doc == 0 ? 0 : d.id_ends[c.other_doc - 1];
    c.other_id = d.id_arena.substr(begin, d.id_ends[c.other_doc] - begin);
    c.other_line = static_cast<int>(d.index.line(p.other));
  } else {
    c.other_doc = docs[p.other];
    c.other_id = ids[c.other_doc];
    c.other_line = lines[p.other];
    c.other_text = texts[p.other];
  }
  c.jaccard = p.jaccard;
  c.verified = p.verified;
  c.verified_exact = p.verified_exact;
  c.candidate = p.candidate;
  return c;
}

absl::StatusOr<Calibrator> Calibrator::Create(const CalibrateOptions& given) {
  CalibrateOptions options = given;
  absl::StatusOr<Deduplicator> dedup = absl::UnknownError("");
  if (!options.index.empty()) {
    absl::StatusOr<DedupOptions> recorded =
        Deduplicator::ReadOptions(options.index);
    if (!recorded.ok()) return recorded.status();
    recorded->threads = 1;
    options.dedup = *recorded;
    dedup = Deduplicator::Load(options.index, options.dedup);
  } else {
    options.dedup.threads = 1;
    dedup = Deduplicator::Create(options.dedup);
  }
  if (!dedup.ok()) return dedup.status();
  if (!(options.low > 0 && options.low < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("calibrate low must be in (0, 1): ", options.low));
  }
  options.low = std::min(options.low, options.dedup.threshold);
  if (options.max_candidates < 1) {
    return absl::InvalidArgumentError("calibrate max candidates must be >= 1");
  }
  absl::StatusOr<Shingler> shingler = Shingler::Create(options.dedup.shingle);
  if (!shingler.ok()) return shingler.status();
  absl::StatusOr<MinHasher> hasher = MinHasher::Create(options.dedup.minhash);
  if (!hasher.ok()) return hasher.status();
  const LshParams layout = dedup->lsh_params();
  const LshParams wide = LshParams::ForThreshold(std::min(0.99, options.low),
                                                 hasher->num_perm(), 0.99);
  auto rep =
      std::make_unique<Rep>(options, *std::move(shingler), *std::move(hasher),
                            layout, wide, *std::move(dedup));
  rep->accept = internal::AcceptedSimilarity(rep->options.dedup);
  rep->index_records = rep->dedup.rep_->index.size();
  Calibration& r = rep->result;
  r.dedup = rep->options.dedup;
  r.layout = layout;
  r.wide = wide;
  r.low = options.low;
  r.index = options.index;
  r.index_units = rep->dedup.stats().indexed_units;
  const size_t bins = static_cast<size_t>(std::lround(1.0 / r.bin_width));
  r.histogram.assign(bins, 0);
  r.index_histogram.assign(bins, 0);
  rep->fine.assign(kFineBins, 0);
  return Calibrator(std::move(rep));
}

absl::Status Calibrator::Add(absl::string_view id, absl::string_view text) {
  Rep& rep = *rep_;
  Calibration& r = rep.result;
  absl::StatusOr<DocumentVerdict> verdict = rep.dedup.Add(id, text);
  if (!verdict.ok()) return verdict.status();
  for (const UnitVerdict& u : verdict->units) {
    ++r.units;
    r.bytes += u.length;
    if (u.duplicate) {
      ++r.removed_units;
      r.removed_bytes += u.length;
    }
  }
  const uint32_t doc = static_cast<uint32_t>(rep.ids.size());
  rep.ids.emplace_back(id);
  ++r.documents;
  std::vector<LineSpan> lines;
  SplitLines(text, &lines);
  std::vector<internal::UnitSpan> spans;
  internal::SplitUnits(text, lines, rep.options.dedup.unit, &spans);
  std::vector<uint64_t> shingles;
  std::vector<uint32_t> ids;
  Signature sig;
  for (const internal::UnitSpan& span : spans) {
    const absl::string_view unit = text.substr(span.offset, span.length);
    const int words =
        rep.shingler.Shingle(unit, rep.options.dedup.min_words, &shingles);
    if (words == 0) continue;
    if (words < rep.options.dedup.min_words) {
      ++r.short_units;
      continue;
    }
    if (rep.texts.size() >= rep.options.max_units) {
      ++r.skipped_units;
      continue;
    }
    rep.hasher.Sign(shingles, &sig);
    rep.AddUnit(doc, static_cast<int>(span.first_line) + 1, unit, shingles, sig,
                &ids);
  }
  return absl::OkStatus();
}

Calibration Calibrator::Finish() {
  Rep& rep = *rep_;
  Calibration r = rep.result;
  const double t = r.dedup.threshold;
  // The coarse histogram, from the fine one.
  for (int f = 0; f < kFineBins; ++f) {
    const size_t b = std::min<size_t>(
        r.histogram.size() - 1,
        static_cast<size_t>(f * (1.0 / kFineBins) / r.bin_width + 1e-9));
    r.histogram[b] += rep.fine[f];
  }
  // Pairs within kNear of "x", from the fine bins.
  auto near = [&](double x) {
    uint64_t n = 0;
    for (int f = FineBin(x - kNear); f <= FineBin(x + kNear - 1e-9); ++f) {
      n += rep.fine[f];
    }
    return n;
  };
  r.near_threshold = near(t);
  r.suggested_threshold = t;
  uint64_t fewest = UINT64_MAX;
  for (int k = 50; k <= 95; ++k) {
    const double x = k / 100.0;
    const uint64_t n = near(x);
    if (n < fewest || (n == fewest &&
                       std::abs(x - t) < std::abs(r.suggested_threshold - t))) {
      fewest = n;
      r.suggested_threshold = x;
    }
  }
  r.near_suggested = fewest;
  for (size_t u = 0; u < rep.best.size(); ++u) {
    if (rep.best[u] >= t - 1e-6) {
      ++r.exact_removals;
      r.exact_removed_bytes += rep.sizes[u];
    }
    if (rep.best[u] >= r.suggested_threshold - 1e-6) {
      ++r.suggested_removals;
      r.suggested_removed_bytes += rep.sizes[u];
    }
  }
  for (const PairRef& p : rep.sample) r.sample.push_back(rep.Resolve(p));
  // Below the threshold, then above it, by J.
  for (size_t i = rep.below.size(); i-- > 0;) {
    r.borderline.push_back(rep.Resolve(rep.below[i]));
  }
  for (const PairRef& p : rep.above) r.borderline.push_back(rep.Resolve(p));
  for (const PairRef& p : rep.wrong) r.wrong.push_back(rep.Resolve(p));
  return r;
}

const CalibrateOptions& Calibrator::options() const { return rep_->options; }

Calibrator::Calibrator(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Calibrator::Calibrator(Calibrator&&) noexcept = default;
Calibrator& Calibrator::operator=(Calibrator&&) noexcept = default;
Calibrator::~Calibrator() = default;

}  // namespace pith
