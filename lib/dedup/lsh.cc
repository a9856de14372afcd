// Copyright 2026 The pith Authors.

#include "pith/lsh.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/dedup/lsh_tables.h"

namespace pith {
namespace {

// Integration points for the false positive / negative areas.
constexpr int kIntegrationSteps = 100;
// Rows above this are never useful (s^rows vanishes for s < 0.999).
constexpr int kMaxRows = 128;
// Bands tried above the smallest count that reaches the recall.
constexpr int kExtraBands = 64;
double Probability(int bands, int rows, double s) {
  return 1.0 - std::pow(1.0 - std::pow(s, rows), bands);
}

// Integral of P over [0, t] plus integral of 1 - P over [t, 1] (midpoint
// rule).
double Error(int bands, int rows, double t) {
  double fp = 0, fn = 0;
  for (int i = 0; i < kIntegrationSteps; ++i) {
    double s = t * (i + 0.5) / kIntegrationSteps;
    fp += Probability(bands, rows, s);
  }
  fp *= t / kIntegrationSteps;
  for (int i = 0; i < kIntegrationSteps; ++i) {
    double s = t + (1 - t) * (i + 0.5) / kIntegrationSteps;
    fn += 1.0 - Probability(bands, rows, s);
  }
  fn *= (1 - t) / kIntegrationSteps;
  return fp + fn;
}

}  // namespace

LshParams LshParams::ForThreshold(double threshold, int num_perm,
                                  double min_recall, int max_bands_limit) {
  if (!(threshold >= 0.01)) threshold = 0.01;  // Also catches NaN.
  if (threshold > 0.99) threshold = 0.99;
  if (!(min_recall >= 0)) min_recall = 0;
  if (min_recall > 0.999999) min_recall = 0.999999;
  if (num_perm < 1) num_perm = 1;

  LshParams best;
  best.bands = 1;
  best.rows = 1;
  double best_error = INFINITY;
  LshParams fallback = best;  // Highest P(threshold) if none qualifies.
  double fallback_p = -1;
  for (int rows = 1; rows <= std::min(num_perm, kMaxRows); ++rows) {
    int max_bands = num_perm / rows;
    if (max_bands_limit > 0) max_bands = std::min(max_bands, max_bands_limit);
    const double p_band = std::pow(threshold, rows);
    // Smallest bands with 1 - (1 - p_band)^bands >= min_recall.
    double need = std::log1p(-min_recall) / std::log1p(-p_band);
    // "need" can exceed INT_MAX (or be infinite): compare before converting.
    const int first = need <= 1 ? 1
                      : need > max_bands
                          ? max_bands + 1
                          : static_cast<int>(std::ceil(need - 1e-9));
    if (first > max_bands) {
      double p = Probability(max_bands, rows, threshold);
      if (p > fallback_p) {
        fallback_p = p;
        fallback.bands = max_bands;
        fallback.rows = rows;
      }
      continue;
    }
    for (int bands = first; bands <= std::min(max_bands, first + kExtraBands);
         ++bands) {
      if (Probability(bands, rows, threshold) < min_recall) continue;
      double e = Error(bands, rows, threshold);
      if (e < best_error) {
        best_error = e;
        best.bands = bands;
        best.rows = rows;
      }
    }
  }
  return std::isinf(best_error) ? fallback : best;
}

double LshParams::CandidateProbability(double s) const {
  return Probability(bands, rows, s);
}

double LshParams::ApproximateThreshold() const {
  return std::pow(1.0 / bands, 1.0 / rows);
}

absl::Status LshParams::Validate(int num_perm) const {
  if (bands < 1 || rows < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "lsh bands and rows must be >= 1, got ", bands, " x ", rows));
  }
  if (static_cast<int64_t>(bands) * rows > num_perm) {
    return absl::InvalidArgumentError(
        absl::StrCat("lsh bands x rows (", bands, " x ", rows,
                     ") exceeds num_perm ", num_perm));
  }
  return absl::OkStatus();
}

LshIndex::LshIndex(std::unique_ptr<internal::LshTables> tables)
    : tables_(std::move(tables)) {}
LshIndex::LshIndex(const LshIndex& other)
    : tables_(std::make_unique<internal::LshTables>(*other.tables_)) {}
LshIndex& LshIndex::operator=(const LshIndex& other) {
  if (this != &other) {
    tables_ = std::make_unique<internal::LshTables>(*other.tables_);
  }
  return *this;
}
LshIndex::LshIndex(LshIndex&&) noexcept = default;
LshIndex& LshIndex::operator=(LshIndex&&) noexcept = default;
LshIndex::~LshIndex() = default;

absl::StatusOr<LshIndex> LshIndex::Create(const LshParams& params,
                                          int num_perm) {
  absl::Status s = params.Validate(num_perm);
  if (!s.ok()) return s;
  return LshIndex(std::make_unique<internal::LshTables>(params, num_perm));
}

void LshIndex::BandKeys(const Signature& signature,
                        absl::Span<uint32_t> keys) const {
  assert(static_cast<int>(signature.size()) == num_perm());
  internal::BandKeys(params(), signature, keys);
}

void LshIndex::Insert(uint32_t id, const Signature& signature) {
  std::vector<uint32_t> keys(params().bands);
  BandKeys(signature, absl::MakeSpan(keys));
  InsertKeys(id, keys);
}

void LshIndex::InsertKeys(uint32_t id, absl::Span<const uint32_t> keys) {
  tables_->Insert(id, keys);
}

void LshIndex::Query(const Signature& signature,
                     std::vector<uint32_t>* candidate_ids) const {
  std::vector<uint32_t> keys(params().bands);
  BandKeys(signature, absl::MakeSpan(keys));
  QueryKeys(keys, candidate_ids);
}

void LshIndex::QueryKeys(absl::Span<const uint32_t> keys,
                         std::vector<uint32_t>* candidate_ids) const {
  tables_->Query(keys, candidate_ids);
}

void LshIndex::Reserve(size_t n) { tables_->Reserve(n); }

size_t LshIndex::size() const { return tables_->size(); }

size_t LshIndex::MemoryUsage() const {
  return sizeof(*this) + tables_->MemoryUsage();
}

const LshParams& LshIndex::params() const { return tables_->params(); }
int LshIndex::num_perm() const { return tables_->num_perm(); }

}  // namespace pith
