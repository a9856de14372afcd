// Copyright 2026 The pith Authors.

#include "lib/dedup/recorded_options.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/dedup/index_file.h"
#include "lib/dedup/unit_sketch.h"

namespace pith {
namespace internal {
namespace {

const char* ShingleUnitName(ShingleUnit unit) {
  return unit == ShingleUnit::kChar ? "char" : "word";
}

// One recorded option as text, for the messages; "exact" tells two
// doubles apart that print alike.
struct Named {
  const char* name;
  std::string value;
  std::string exact = "";
};

Named Real(const char* name, double v) {
  return {name, absl::StrFormat("%g", v), absl::StrFormat("%.17g", v)};
}

std::vector<Named> Describe(const RecordedOptions& r) {
  const DedupOptions& o = r.options;
  return {
      {"unit", std::string(DedupUnitName(o.unit))},
      Real("threshold", o.threshold),
      {"verify", std::string(DedupVerifyName(o.verify))},
      Real("signature_margin", o.signature_margin),
      {"min_words", absl::StrCat(o.min_words)},
      {"shingle unit", ShingleUnitName(o.shingle.unit)},
      {"ngram", absl::StrCat(o.shingle.ngram)},
      {"shingle seed", absl::StrCat(o.shingle.seed)},
      {"num_perm", absl::StrCat(o.minhash.num_perm)},
      {"seed", absl::StrCat(o.minhash.seed)},
      {"bands x rows", absl::StrCat(r.params.bands, " x ", r.params.rows)},
  };
}

}  // namespace

std::string EncodeRecordedOptions(const RecordedOptions& r) {
  const DedupOptions& o = r.options;
  FieldWriter w;
  w.U64(static_cast<uint64_t>(o.unit));
  w.F64(o.threshold);
  w.U64(static_cast<uint64_t>(o.verify));
  w.F64(o.signature_margin);
  w.U64(static_cast<uint64_t>(o.min_words));
  w.U64(static_cast<uint64_t>(o.shingle.unit));
  w.U64(static_cast<uint64_t>(o.shingle.ngram));
  w.U64(o.shingle.seed);
  w.U64(static_cast<uint64_t>(o.minhash.num_perm));
  w.U64(o.minhash.seed);
  w.U64(static_cast<uint64_t>(r.params.bands));
  w.U64(static_cast<uint64_t>(r.params.rows));
  w.U64(static_cast<uint64_t>(kSketchBytes));
  return w.data();
}

bool DecodeRecordedOptions(absl::string_view payload, RecordedOptions* r,
                           std::string* error) {
  FieldReader f(payload);
  uint64_t unit, verify, min_words, shingle_unit, ngram, num_perm, bands, rows,
      sketch_bytes;
  double threshold, margin;
  DedupOptions& o = r->options;
  o = DedupOptions();
  if (!f.U64(&unit) || !f.F64(&threshold) || !f.U64(&verify) ||
      !f.F64(&margin) || !f.U64(&min_words) || !f.U64(&shingle_unit) ||
      !f.U64(&ngram) || !f.U64(&o.shingle.seed) || !f.U64(&num_perm) ||
      !f.U64(&o.minhash.seed) || !f.U64(&bands) || !f.U64(&rows) ||
      !f.U64(&sketch_bytes) || !f.done()) {
    *error = "bad length";
    return false;
  }
  if (unit > static_cast<uint64_t>(DedupUnit::kDocument) ||
      verify > static_cast<uint64_t>(DedupVerify::kExact) ||
      shingle_unit > static_cast<uint64_t>(ShingleUnit::kChar)) {
    *error = "unknown unit, verify or shingle unit";
    return false;
  }
  if (!(threshold > 0 && threshold <= 1) ||
      !(margin >= 0 && margin < threshold) || min_words < 1 ||
      min_words > (1u << 30) || ngram < 1 || ngram > 64 || num_perm < 1 ||
      num_perm > 65536 || bands < 1 || rows < 1 || bands * rows > num_perm) {
    *error = "option out of range";
    return false;
  }
  if (sketch_bytes != static_cast<uint64_t>(kSketchBytes)) {
    *error = absl::StrCat("sketches of ", sketch_bytes, " bytes, not ",
                          kSketchBytes);
    return false;
  }
  o.unit = static_cast<DedupUnit>(unit);
  o.threshold = threshold;
  o.verify = static_cast<DedupVerify>(verify);
  o.signature_margin = margin;
  o.min_words = static_cast<int>(min_words);
  o.shingle.unit = static_cast<ShingleUnit>(shingle_unit);
  o.shingle.ngram = static_cast<int>(ngram);
  o.minhash.num_perm = static_cast<int>(num_perm);
  o.bands = static_cast<int>(bands);
  o.rows = static_cast<int>(rows);
  r->params.bands = o.bands;
  r->params.rows = o.rows;
  return true;
}

std::string DescribeDifferences(const RecordedOptions& here,
                                const RecordedOptions& file) {
  const std::vector<Named> a = Describe(here);
  const std::vector<Named> b = Describe(file);
  std::vector<std::string> differ;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].value != b[i].value) {
      differ.push_back(absl::StrCat(a[i].name, ": ", a[i].value, " here, ",
                                    b[i].value, " in the index"));
    } else if (a[i].exact != b[i].exact) {
      differ.push_back(absl::StrCat(a[i].name, ": ", a[i].exact, " here, ",
                                    b[i].exact, " in the index"));
    }
  }
  return absl::StrJoin(differ, "; ");
}

}  // namespace internal
}  // namespace pith
