// Copyright 2026 The pith Authors.

#include "pith/shingle.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/hash.h"
#include "lib/normalize.h"

namespace pith {
namespace {

constexpr int kMaxNgram = 64;

// Replaces the unit hashes in "*h" (T of them) by the hashes of their
// n-grams: T - n + 1 of them, or 1 if 0 < T < n, or none if T == 0.
void CombineNgrams(int n, uint64_t seed, std::vector<uint64_t>* h) {
  const size_t t = h->size();
  if (t == 0) return;
  uint64_t* v = h->data();
  const uint64_t start = CombineStart(seed);
  if (t < static_cast<size_t>(n)) {
    uint64_t x = start;
    for (size_t i = 0; i < t; ++i) x = Combine(x, v[i]);
    v[0] = CombineFinal(x, t);
    h->resize(1);
    return;
  }
  const size_t out = t - n + 1;
  if (n == 3) {  // The default: unrolled.
    for (size_t i = 0; i < out; ++i) {
      uint64_t x = Combine(Combine(Combine(start, v[i]), v[i + 1]), v[i + 2]);
      v[i] = CombineFinal(x, 3);
    }
  } else {
    for (size_t i = 0; i < out; ++i) {
      uint64_t x = start;
      for (int j = 0; j < n; ++j) x = Combine(x, v[i + j]);
      v[i] = CombineFinal(x, n);
    }
  }
  h->resize(out);
}

// Appends the unit hashes of "text" to "*out"; returns the unit count.
int UnitHashes(const ShingleOptions& o, absl::string_view text,
               std::vector<uint64_t>* out) {
  if (o.unit == ShingleUnit::kWord) {
    return ForEachToken(text, [&](const char* data, size_t size) {
      out->push_back(Hash64(data, size, o.seed));
    });
  }
  // kChar: code points of the tokens joined by one space.
  const uint64_t key = Mix64(o.seed ^ 0x6c62272e07bb0142ULL);
  ForEachToken(text, [&](const char* data, size_t size) {
    if (!out->empty()) out->push_back(Mix64(key + ' '));
    const unsigned char* p = reinterpret_cast<const unsigned char*>(data);
    const unsigned char* end = p + size;
    while (p < end) {
      int32_t cp = *p;
      if (cp < 0x80) {
        ++p;
      } else {
        p += DecodeUtf8(p, end, &cp);  // Valid: we encoded it.
      }
      out->push_back(Mix64(key + static_cast<uint64_t>(cp)));
    }
  });
  return static_cast<int>(out->size());
}

}  // namespace

absl::StatusOr<Shingler> Shingler::Create(const ShingleOptions& options) {
  if (options.ngram < 1 || options.ngram > kMaxNgram) {
    return absl::InvalidArgumentError(absl::StrCat(
        "shingle ngram must be in [1, ", kMaxNgram, "], got ", options.ngram));
  }
  if (options.unit != ShingleUnit::kWord &&
      options.unit != ShingleUnit::kChar) {
    return absl::InvalidArgumentError("unknown shingle unit");
  }
  return Shingler(options);
}

int Shingler::Shingle(absl::string_view text,
                      std::vector<uint64_t>* out) const {
  out->clear();
  int units = UnitHashes(options_, text, out);
  CombineNgrams(options_.ngram, options_.seed, out);
  return units;
}

int Shingler::CountTokens(absl::string_view text) const {
  if (options_.unit == ShingleUnit::kWord) {
    return ForEachToken(text, [](const char*, size_t) {});
  }
  std::vector<uint64_t> units;
  return UnitHashes(options_, text, &units);
}

std::vector<std::string> Shingler::Tokenize(absl::string_view text) const {
  std::vector<std::string> tokens;
  ForEachToken(text, [&](const char* data, size_t size) {
    tokens.emplace_back(data, size);
  });
  return tokens;
}

}  // namespace pith
