// Copyright 2026 The pith Authors.
//
// The options an index file records (its "OPTS" section, see
// lib/dedup/index_file.h): every option that shapes a decision, so that a
// run with other values is refused instead of silently mixing two sets of
// decisions in one index. Recorded: unit, threshold, verify,
// signature_margin, min_words, the shingling (unit, ngram, seed), the
// MinHash (num_perm, seed) and the LSH layout (bands x rows, as used: the
// layout derived from the threshold when DedupOptions::bands is 0), and
// the verification sketch's size. Not recorded (they change no decision,
// or only how many candidates are verified): max_candidates, threads,
// tidy_blank_lines.

#ifndef PITH_LIB_DEDUP_RECORDED_OPTIONS_H_
#define PITH_LIB_DEDUP_RECORDED_OPTIONS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "pith/dedup.h"
#include "pith/lsh.h"

namespace pith {
namespace internal {

// The recorded options of a Deduplicator.
struct RecordedOptions {
  DedupOptions options;  // Fields not recorded keep their defaults.
  LshParams params;      // The layout in use.
};

// The "OPTS" payload for "recorded".
std::string EncodeRecordedOptions(const RecordedOptions& recorded);

// Parses an "OPTS" payload. Returns false if it is malformed (wrong length,
// an enum value this version does not know, a value out of range).
bool DecodeRecordedOptions(absl::string_view payload, RecordedOptions* recorded,
                           std::string* error);

// Returns "" if "here" and "file" agree on every recorded option, else the
// differences, each named with both values, in the form
//   threshold: 0.5 here, 0.8 in the index; min_words: 1 here, 5 in the index
std::string DescribeDifferences(const RecordedOptions& here,
                                const RecordedOptions& file);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_DEDUP_RECORDED_OPTIONS_H_
