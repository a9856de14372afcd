// Copyright 2026 The pith Authors.
//
// Calibration of near-duplicate removal: how the Jaccard similarities of a
// corpus's candidate pairs are distributed, what dedup's verification
// (pith/dedup.h) decides about them, which threshold the distribution
// suggests, and what a run would remove.
//
// A Calibrator takes documents like a Deduplicator and keeps, for up to
// "max_units" units, their text and shingle set. Each unit is matched
// against the earlier ones with an LSH layout for J >= "low" (wider than
// the one dedup uses, so the distribution below the threshold shows too),
// and every candidate pair gets its EXACT Jaccard beside the similarity
// that dedup's verification computes. Example:
//
//   pith::CalibrateOptions options;
//   options.dedup.unit = pith::DedupUnit::kParagraph;
//   absl::StatusOr<pith::Calibrator> c = pith::Calibrator::Create(options);
//   if (!c.ok()) return c.status();
//   for (const Page& p : pages) {
//     absl::Status s = c->Add(p.url, p.text);
//     if (!s.ok()) return s;
//   }
//   pith::Calibration result = c->Finish();
//   std::cout << pith::CalibrationSummary(result);
//   WriteFile("calibration.html", pith::CalibrationHtml(result));
//
// With "index" set, the options are those recorded in that dedup index
// (Deduplicator::ReadOptions()), and each new unit is also compared with
// the index's units: their texts are not in the index, so those pairs have
// the verification's similarity only (exact for units of at most 40
// shingles, which keep their shingles' fingerprints), and a run's removals
// are counted against the index. The index file is not modified.
//
// The threshold suggested is the one in [0.5, 0.95] with the fewest
// candidate pairs within 0.05 of it: where a small error in J, or in the
// threshold, changes the fewest decisions (the valley between unrelated
// pairs and near-duplicates); the closest to the chosen threshold on ties.
//
// Not thread-safe. Memory: the texts and shingle sets (8 bytes per
// distinct shingle) of up to "max_units" units.

#ifndef PITH_CALIBRATE_H_
#define PITH_CALIBRATE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "pith/dedup.h"
#include "pith/lsh.h"

namespace pith {

struct CalibrateOptions {
  // The dedup settings to calibrate: unit, threshold, verify, min_words,
  // shingling, MinHash and LSH layout. Ignored with "index".
  DedupOptions dedup;

  // A dedup index file to calibrate against (read only), or "". ("")
  std::string index;

  // The lowest J of interest, in (0, 1) (above the threshold, the
  // threshold): candidate pairs are found with LshParams::ForThreshold(low,
  // num_perm, 0.99), the histogram is complete from there up. Lower values
  // find many more unrelated pairs (a 3-gram in common). (0.5)
  double low = 0.5;

  // Units kept (with text and shingles); later ones are counted, not
  // compared. (200000)
  size_t max_units = 200000;

  // At most this many candidates are compared per unit. (200)
  int max_candidates = 200;

  // Candidate pairs kept as a uniform sample (for the estimate-against-
  // exact plot), and pairs shown side by side: those closest to the
  // threshold, and those the verification decides on the wrong side of it.
  // (2000, 12)
  size_t sample_pairs = 2000;
  int shown_pairs = 12;

  // Seed of the sample. (1)
  uint64_t seed = 1;
};

// One candidate pair: a unit and an earlier one ("other").
struct CalibrationPair {
  // Document ids; document numbers (the index's own for an index unit);
  // 1-based first lines; unit texts ("" for an index unit).
  std::string id, other_id;
  uint64_t doc = 0, other_doc = 0;
  int line = 0, other_line = 0;
  std::string text, other_text;
  bool other_in_index = false;
  // Exact Jaccard of the shingle sets, or -1 if unknown (an index unit in
  // odd-sketch form).
  double jaccard = -1;
  // What dedup's verification computes for the pair, and whether that is
  // exact (kExact, or a unit of at most 40 shingles).
  double verified = 0;
  bool verified_exact = false;
  // The pair shares a band under the chosen layout (dedup would compare
  // it); for an index pair, always.
  bool candidate = false;
};

struct Calibration {
  DedupOptions dedup;  // The options calibrated (an index's, with one).
  LshParams layout;    // Their LSH layout.
  LshParams wide;      // The layout that found the candidate pairs.
  double low = 0.5;
  std::string index;         // The index file, or "".
  uint64_t index_units = 0;  // Units in it.

  uint64_t documents = 0;
  uint64_t units = 0;            // Units with a token.
  uint64_t short_units = 0;      // Below min_words.
  uint64_t skipped_units = 0;    // Past max_units: not compared.
  uint64_t identical_units = 0;  // Same tokens as an earlier unit.
  uint64_t candidate_pairs = 0;  // Distinct-unit pairs compared.

  // Exact J of the compared pairs of distinct units in bins of
  // "bin_width" from 0 (pairs below "low" are in the first bins only as
  // far as the wide layout found them); identical units are not pairs
  // here (see identical_units).
  double bin_width = 0.02;
  std::vector<uint64_t> histogram;
  // Pairs with an index unit, by the verification's similarity, same bins.
  std::vector<uint64_t> index_histogram;

  // The verification against the exact J, over the pairs the chosen
  // layout finds: pairs at J >= threshold and how many it accepts; pairs
  // below and how many it accepts.
  uint64_t above = 0, above_accepted = 0;
  uint64_t below = 0, below_accepted = 0;

  double suggested_threshold = 0;
  // Pairs within 0.05 of the chosen and of the suggested threshold.
  uint64_t near_threshold = 0, near_suggested = 0;

  // What a run removes: the units (and bytes) that pith dedup with these
  // options removes from the input (against the index, with one); and the
  // units with an earlier unit at J >= the threshold among the compared
  // pairs, identical ones included, for the chosen and the suggested
  // threshold (exact J within the input; the verification's J for index
  // units).
  uint64_t removed_units = 0, removed_bytes = 0;
  uint64_t bytes = 0;  // Of all the units.
  uint64_t exact_removals = 0, exact_removed_bytes = 0;
  uint64_t suggested_removals = 0, suggested_removed_bytes = 0;

  std::vector<CalibrationPair> sample;  // Uniform over compared pairs.
  // Closest to the threshold: up to shown_pairs / 2 below it, then as many
  // at or above it, by J.
  std::vector<CalibrationPair> borderline;
  // Pairs that the verification puts on the wrong side of the threshold.
  std::vector<CalibrationPair> wrong;
};

// Collects the candidate pairs of a corpus. Movable, not copyable.
class Calibrator {
 public:
  // InvalidArgument for bad options; with "index", Deduplicator::Load()'s
  // errors.
  static absl::StatusOr<Calibrator> Create(const CalibrateOptions& options);

  // Adds the units of a document, comparing them with the earlier ones.
  // Fails as Deduplicator::Add() does.
  absl::Status Add(absl::string_view id, absl::string_view text);

  // The result. Call once, after the last Add().
  Calibration Finish();

  // The options in use (with "index", the index's dedup options).
  const CalibrateOptions& options() const;

  Calibrator(Calibrator&&) noexcept;
  Calibrator& operator=(Calibrator&&) noexcept;
  ~Calibrator();

 private:
  struct Rep;
  explicit Calibrator(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// A text summary of "c" for a terminal: counts, the histogram as bars, the
// verification against the exact J, the suggested threshold and what it
// would remove, the pairs around the threshold.
std::string CalibrationSummary(const Calibration& c);

// A self-contained HTML page (inline CSS and SVG, no script, no external
// resource): the histogram of J over the candidate pairs with the chosen
// layout's S-curve and both thresholds, the verification's similarity
// against the exact J, and the borderline pairs side by side with their
// differences marked.
std::string CalibrationHtml(const Calibration& c);

}  // namespace pith

#endif  // PITH_CALIBRATE_H_
