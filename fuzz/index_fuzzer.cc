// Copyright 2026 The pith Authors.
//
// Fuzzes the dedup index loader (Deduplicator::Load).
//
// Input: the bytes of an index file (seeds in fuzz/corpus/index/ are small
// saved indexes of format version 4: paragraphs with signature and exact
// verification, lines at threshold 0.7, threshold 1), loaded with the
// options it records
// (ReadOptions()), or as a default paragraph index if they cannot be read.
// Properties:
//   * ReadOptions() and Load() never crash; they fail with a status, or
//   * it loads: then Add() works, and Save() + Load() give the same stats.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "fuzz/fuzz_check.h"
#include "pith/dedup.h"

namespace {

constexpr size_t kMaxInput = 1 << 20;

std::string TempPath(const char* what) {
  return absl::StrCat("/tmp/pith_index_fuzzer_", getpid(), "_", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  const std::string in = TempPath("in");
  {
    FILE* f = std::fopen(in.c_str(), "wb");
    PITH_FUZZ_CHECK(f != nullptr, in);
    if (size > 0) std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  pith::DedupOptions options;
  options.unit = pith::DedupUnit::kParagraph;
  absl::StatusOr<pith::DedupOptions> recorded =
      pith::Deduplicator::ReadOptions(in);
  if (recorded.ok()) {
    options = *recorded;
  } else {
    PITH_FUZZ_CHECK(!recorded.status().message().empty(),
                    "empty error message");
  }
  options.threads = 1;
  absl::StatusOr<pith::Deduplicator> d = pith::Deduplicator::Load(in, options);
  std::remove(in.c_str());
  if (!d.ok()) {
    PITH_FUZZ_CHECK(!d.status().message().empty(), "empty error message");
    return 0;
  }
  absl::StatusOr<pith::DocumentVerdict> v =
      d->Add("fuzz",
             "one two three four five six seven eight nine ten\n\n"
             "alpha beta gamma delta epsilon zeta eta theta iota\n");
  PITH_FUZZ_CHECK(v.ok(), std::string(v.status().message()));
  const std::string out = TempPath("out");
  absl::Status s = d->Save(out);
  PITH_FUZZ_CHECK(s.ok(), std::string(s.message()));
  absl::StatusOr<pith::Deduplicator> again =
      pith::Deduplicator::Load(out, options);
  std::remove(out.c_str());
  PITH_FUZZ_CHECK(again.ok(), std::string(again.status().message()));
  const pith::DedupStats a = d->stats(), b = again->stats();
  PITH_FUZZ_CHECK(a.documents == b.documents && a.units == b.units &&
                      a.indexed_units == b.indexed_units,
                  "stats changed over save and load");
  return 0;
}
