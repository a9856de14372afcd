// Copyright 2026 The pith Authors.
//
// Fuzzes the streaming Deduplicator.
//
// Input: the last bytes pick the options; the rest is up to 8 documents
// separated by NUL bytes. Each is added, then the first is added again.
// Properties:
//   * Add() succeeds; verdict numbers count 0, 1, 2...; units are in text
//     order with valid lines and byte ranges; "duplicates" counts them.
//   * A duplicate points at an earlier unit, with a similarity that passed
//     verification (>= threshold - margin, or >= threshold with kExact).
//   * Without duplicates the text is unchanged; otherwise the kept lines are
//     a byte-exact subsequence of the input lines.
//   * Adding a document again makes every unit of >= min_words tokens a
//     duplicate.
//   * AddBatch() on 2 threads gives the same verdicts as Add() in order.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzzed_data_provider.h"
#include "pith/dedup.h"

namespace {

constexpr size_t kMaxInput = 16 << 10;
constexpr size_t kMaxDocuments = 8;

// The lines of "text" without their terminators, "\n" or "\r\n" (the
// library's convention): a kept line that ends the output of a text without
// a final terminator loses its "\r\n", so only the line itself can be
// compared.
std::vector<absl::string_view> Lines(absl::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (absl::string_view& line : lines) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  }
  return lines;
}

bool SameVerdict(const pith::DocumentVerdict& a,
                 const pith::DocumentVerdict& b) {
  if (a.doc != b.doc || a.text != b.text || a.duplicates != b.duplicates ||
      a.units.size() != b.units.size()) {
    return false;
  }
  for (size_t i = 0; i < a.units.size(); ++i) {
    const pith::UnitVerdict& x = a.units[i];
    const pith::UnitVerdict& y = b.units[i];
    if (x.line != y.line || x.last_line != y.last_line ||
        x.offset != y.offset || x.length != y.length || x.words != y.words ||
        x.duplicate != y.duplicate || x.exact != y.exact ||
        x.duplicate_of_doc != y.duplicate_of_doc ||
        x.duplicate_of_id != y.duplicate_of_id ||
        x.duplicate_of_line != y.duplicate_of_line ||
        x.similarity != y.similarity) {
      return false;
    }
  }
  return true;
}

void CheckVerdict(const pith::DedupOptions& options, uint64_t number,
                  absl::string_view text, const pith::DocumentVerdict& v) {
  PITH_FUZZ_CHECK(v.doc == number, absl::StrCat(v.doc, " != ", number));
  int duplicates = 0;
  int previous_line = 0;
  const double min_similarity =
      options.verify == pith::DedupVerify::kExact
          ? options.threshold
          : options.threshold - options.signature_margin;
  for (const pith::UnitVerdict& u : v.units) {
    PITH_FUZZ_CHECK(u.line > previous_line && u.last_line >= u.line,
                    absl::StrCat("unit lines ", u.line, "..", u.last_line));
    previous_line = u.last_line;
    PITH_FUZZ_CHECK(u.offset + u.length <= text.size() && u.words >= 1,
                    absl::StrCat(u.offset, "+", u.length, " of ", text.size()));
    if (!u.duplicate) continue;
    ++duplicates;
    PITH_FUZZ_CHECK(u.words >= options.min_words, "a short unit was removed");
    PITH_FUZZ_CHECK(
        u.duplicate_of_doc < number ||
            (u.duplicate_of_doc == number && u.duplicate_of_line < u.line),
        "duplicate of a later unit");
    PITH_FUZZ_CHECK(u.duplicate_of_line >= 1, "");
    PITH_FUZZ_CHECK(u.similarity <= 1.0 &&
                        (u.exact ? u.similarity == 1.0
                                 : u.similarity >= min_similarity - 1e-9),
                    absl::StrCat("similarity ", u.similarity));
  }
  PITH_FUZZ_CHECK(duplicates == v.duplicates, "");
  if (duplicates == 0) {
    PITH_FUZZ_CHECK(v.text == text, "text changed without duplicates");
    return;
  }
  const std::vector<absl::string_view> in = Lines(text);
  const std::vector<absl::string_view> out = Lines(v.text);
  size_t j = 0;
  for (absl::string_view o : out) {
    while (j < in.size() && in[j] != o) ++j;
    PITH_FUZZ_CHECK(j < in.size(),
                    absl::StrCat("kept line not in input: \"", o, "\""));
    ++j;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  FuzzedDataProvider provider(data, size);
  pith::DedupOptions options;
  static constexpr pith::DedupUnit kUnits[] = {pith::DedupUnit::kLine,
                                               pith::DedupUnit::kParagraph,
                                               pith::DedupUnit::kDocument};
  options.unit = provider.PickValueInArray(kUnits);
  options.verify = provider.ConsumeBool() ? pith::DedupVerify::kExact
                                          : pith::DedupVerify::kSignature;
  options.threshold = provider.ConsumeIntegralInRange<int>(30, 100) / 100.0;
  options.signature_margin =
      std::min(options.threshold / 2,
               provider.ConsumeIntegralInRange<int>(0, 10) / 100.0);
  options.min_words = provider.ConsumeIntegralInRange<int>(1, 6);
  options.tidy_blank_lines = provider.ConsumeBool();
  options.shingle.ngram = provider.ConsumeIntegralInRange<int>(1, 5);
  static constexpr int kPerms[] = {16, 64, 128};
  options.minhash.num_perm = provider.PickValueInArray(kPerms);
  options.max_candidates = provider.ConsumeIntegralInRange<int>(1, 100);
  options.threads = 2;
  const std::string input = provider.ConsumeRemainingBytesAsString();
  std::vector<std::string> docs = absl::StrSplit(input, '\0');
  if (docs.size() > kMaxDocuments) docs.resize(kMaxDocuments);

  absl::StatusOr<pith::Deduplicator> dedup =
      pith::Deduplicator::Create(options);
  PITH_FUZZ_CHECK(dedup.ok(), dedup.status().ToString());
  std::vector<pith::DocumentVerdict> streamed;
  for (size_t i = 0; i < docs.size(); ++i) {
    absl::StatusOr<pith::DocumentVerdict> v =
        dedup->Add(absl::StrCat("d", i), docs[i]);
    PITH_FUZZ_CHECK(v.ok(), v.status().ToString());
    CheckVerdict(options, i, docs[i], *v);
    streamed.push_back(*std::move(v));
  }
  absl::StatusOr<pith::DocumentVerdict> again = dedup->Add("again", docs[0]);
  PITH_FUZZ_CHECK(again.ok(), again.status().ToString());
  CheckVerdict(options, docs.size(), docs[0], *again);
  for (const pith::UnitVerdict& u : again->units) {
    if (u.words >= options.min_words) {
      PITH_FUZZ_CHECK(u.duplicate, absl::StrCat("line ", u.line,
                                                " not a duplicate of itself"));
    }
  }
  PITH_FUZZ_CHECK(dedup->stats().documents == docs.size() + 1, "");

  // Batch on two threads == streaming.
  absl::StatusOr<pith::Deduplicator> batch =
      pith::Deduplicator::Create(options);
  PITH_FUZZ_CHECK(batch.ok(), batch.status().ToString());
  std::vector<std::string> ids;
  for (size_t i = 0; i < docs.size(); ++i) ids.push_back(absl::StrCat("d", i));
  std::vector<pith::DedupDocument> documents;
  for (size_t i = 0; i < docs.size(); ++i)
    documents.push_back({ids[i], docs[i]});
  std::vector<pith::DocumentVerdict> verdicts;
  absl::Status s = batch->AddBatch(documents, &verdicts);
  PITH_FUZZ_CHECK(s.ok(), s.ToString());
  PITH_FUZZ_CHECK(verdicts.size() == streamed.size(), "");
  for (size_t i = 0; i < verdicts.size(); ++i) {
    PITH_FUZZ_CHECK(
        SameVerdict(verdicts[i], streamed[i]),
        absl::StrCat("batch differs from streaming at document ", i));
  }
  return 0;
}
