// Copyright 2026 The pith Authors.
//
// Fuzzes shingling, MinHash and LSH on arbitrary bytes.
//
// Input: the last bytes pick the options; the rest is two texts. Properties:
//   * Shingle() returns CountTokens(); it gives no shingle for no token, one
//     for fewer tokens than "ngram", else tokens - ngram + 1; it is
//     deterministic; kWord Tokenize() has that many tokens.
//   * ASCII case does not matter.
//   * A signature has num_perm slots; the empty set gives the empty
//     signature; order and repeats of shingles do not matter.
//   * EstimateJaccard(x, x) == 1, every estimate is in [0, 1] and symmetric;
//     ExactJaccard is in [0, 1] and 1 on equal sets.
//   * An LSH index finds a signature that was inserted.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzzed_data_provider.h"
#include "pith/lsh.h"
#include "pith/minhash.h"
#include "pith/shingle.h"

namespace {

constexpr size_t kMaxInput = 16 << 10;

bool IsAscii(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

void CheckShingles(const pith::Shingler& shingler, const std::string& text,
                   std::vector<uint64_t>* out) {
  const int units = shingler.Shingle(text, out);
  const int ngram = shingler.options().ngram;
  PITH_FUZZ_CHECK(units == shingler.CountTokens(text),
                  absl::StrCat(units, " vs ", shingler.CountTokens(text)));
  const size_t expected =
      units == 0 ? 0
                 : (units < ngram ? 1 : static_cast<size_t>(units - ngram + 1));
  PITH_FUZZ_CHECK(out->size() == expected,
                  absl::StrCat(out->size(), " shingles for ", units,
                               " units, ngram ", ngram));
  std::vector<uint64_t> again;
  shingler.Shingle(text, &again);
  PITH_FUZZ_CHECK(again == *out, "Shingle() is not deterministic");
  if (shingler.options().unit == pith::ShingleUnit::kWord) {
    PITH_FUZZ_CHECK(
        shingler.Tokenize(text).size() == static_cast<size_t>(units), "");
  }
  if (IsAscii(text)) {
    shingler.Shingle(absl::AsciiStrToUpper(text), &again);
    PITH_FUZZ_CHECK(again == *out, "ASCII case changed the shingles");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  FuzzedDataProvider provider(data, size);
  pith::ShingleOptions so;
  so.unit = provider.ConsumeBool() ? pith::ShingleUnit::kChar
                                   : pith::ShingleUnit::kWord;
  so.ngram = provider.ConsumeIntegralInRange<int>(1, 9);
  so.seed = provider.ConsumeIntegralInRange<uint64_t>(0, 3);
  static constexpr int kPerms[] = {1, 2, 7, 64, 128, 130, 256};
  pith::MinHashOptions mo;
  mo.num_perm = provider.PickValueInArray(kPerms);
  mo.seed = provider.ConsumeIntegralInRange<uint64_t>(0, 3);
  const double threshold = provider.ConsumeIntegralInRange<int>(1, 99) / 100.0;
  const std::string a = provider.ConsumeRandomLengthString(kMaxInput);
  const std::string b = provider.ConsumeRemainingBytesAsString();

  absl::StatusOr<pith::Shingler> shingler = pith::Shingler::Create(so);
  PITH_FUZZ_CHECK(shingler.ok(), shingler.status().ToString());
  absl::StatusOr<pith::MinHasher> hasher = pith::MinHasher::Create(mo);
  PITH_FUZZ_CHECK(hasher.ok(), hasher.status().ToString());

  std::vector<uint64_t> sa, sb;
  CheckShingles(*shingler, a, &sa);
  CheckShingles(*shingler, b, &sb);

  const pith::Signature ga = hasher->Sign(sa);
  const pith::Signature gb = hasher->Sign(sb);
  PITH_FUZZ_CHECK(ga.size() == static_cast<size_t>(mo.num_perm), "");
  PITH_FUZZ_CHECK(gb.size() == static_cast<size_t>(mo.num_perm), "");
  if (sa.empty()) PITH_FUZZ_CHECK(pith::IsEmptySignature(ga), "");

  // Order and repeats do not matter.
  std::vector<uint64_t> shuffled(sa.rbegin(), sa.rend());
  shuffled.insert(shuffled.end(), sa.begin(), sa.end());
  PITH_FUZZ_CHECK(hasher->Sign(shuffled) == ga, "order or repeats mattered");
  pith::Signature reused = gb;
  hasher->Sign(sa, &reused);
  PITH_FUZZ_CHECK(reused == ga, "Sign(shingles, out) differs");

  PITH_FUZZ_CHECK(pith::EstimateJaccard(ga, ga) == 1.0, "");
  const double est = pith::EstimateJaccard(ga, gb);
  PITH_FUZZ_CHECK(est >= 0.0 && est <= 1.0, absl::StrCat(est));
  PITH_FUZZ_CHECK(est == pith::EstimateJaccard(gb, ga), "not symmetric");
  const double exact = pith::ExactJaccard(sa, sb);
  PITH_FUZZ_CHECK(exact >= 0.0 && exact <= 1.0, absl::StrCat(exact));
  PITH_FUZZ_CHECK(pith::ExactJaccard(sa, sa) == 1.0, "");
  if (exact == 1.0) PITH_FUZZ_CHECK(est == 1.0, "equal sets, estimate < 1");

  // LSH finds what was inserted.
  const pith::LshParams params =
      pith::LshParams::ForThreshold(threshold, mo.num_perm);
  PITH_FUZZ_CHECK(params.Validate(mo.num_perm).ok(),
                  absl::StrCat(params.bands, "x", params.rows));
  const double p = params.CandidateProbability(threshold);
  PITH_FUZZ_CHECK(p >= 0.0 && p <= 1.0, absl::StrCat(p));
  absl::StatusOr<pith::LshIndex> index =
      pith::LshIndex::Create(params, mo.num_perm);
  PITH_FUZZ_CHECK(index.ok(), index.status().ToString());
  index->Insert(7, ga);
  index->Insert(9, gb);
  std::vector<uint32_t> candidates;
  index->Query(ga, &candidates);
  PITH_FUZZ_CHECK(
      std::find(candidates.begin(), candidates.end(), 7u) != candidates.end(),
      "an inserted signature is not its own candidate");
  PITH_FUZZ_CHECK(std::is_sorted(candidates.begin(), candidates.end()) &&
                      std::adjacent_find(candidates.begin(),
                                         candidates.end()) == candidates.end(),
                  "candidates not increasing");
  if (ga == gb) {
    PITH_FUZZ_CHECK(candidates.size() == 2, "");
  }
  return 0;
}
