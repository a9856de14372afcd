// Copyright 2026 The pith Authors.
//
// pith.signatures() and pith.jaccard(): MinHash signatures of texts as a
// numpy array, for people who come from datasketch.

#include <pybind11/numpy.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common.h"
#include "pith/minhash.h"
#include "pith/parallel.h"
#include "pith/shingle.h"

namespace pith {
namespace python {
namespace {

using SignatureArray = py::array_t<uint32_t, py::array::c_style>;

SignatureArray Signatures(py::handle texts, int ngram, int num_perm,
                          uint64_t seed, int threads) {
  if (PyUnicode_Check(texts.ptr()) || PyBytes_Check(texts.ptr())) {
    ThrowTypeError(
        "signatures() takes an iterable of texts, not one text (wrap it in "
        "a list)");
  }
  if (threads < 0) ThrowValueError("signatures() threads must be >= 0");
  ShingleOptions shingle_options;
  shingle_options.ngram = ngram;
  absl::StatusOr<Shingler> shingler = Shingler::Create(shingle_options);
  Check(shingler.status());
  MinHashOptions minhash_options;
  minhash_options.num_perm = num_perm;
  minhash_options.seed = seed;
  absl::StatusOr<MinHasher> hasher = MinHasher::Create(minhash_options);
  Check(hasher.status());

  std::vector<Text> inputs;
  for (py::handle item : py::iter(texts)) {
    inputs.push_back(ToText(item, "signatures() texts"));
  }
  const size_t k = static_cast<size_t>(num_perm);
  SignatureArray out({inputs.size(), k});
  uint32_t* data = out.mutable_data();
  {
    py::gil_scoped_release release;
    ParallelFor(inputs.size(), threads, 64, [&](size_t begin, size_t end) {
      std::vector<uint64_t> shingles;
      Signature signature;
      for (size_t i = begin; i < end; ++i) {
        shingler->Shingle(inputs[i].bytes, &shingles);
        hasher->Sign(shingles, &signature);
        std::memcpy(data + i * k, signature.data(), k * sizeof(uint32_t));
      }
    });
  }
  return out;
}

using AnySignature =
    py::array_t<uint32_t, py::array::c_style | py::array::forcecast>;

double Jaccard(const AnySignature& a, const AnySignature& b) {
  if (a.ndim() != 1 || b.ndim() != 1) {
    ThrowValueError(absl::StrCat(
        "jaccard() takes two signatures (1-D arrays), not arrays of ", a.ndim(),
        " and ", b.ndim(), " dimensions"));
  }
  if (a.size() != b.size()) {
    ThrowValueError(absl::StrCat("jaccard(): signatures of different sizes: ",
                                 a.size(), " and ", b.size()));
  }
  const Signature sa(a.data(), a.data() + a.size());
  const Signature sb(b.data(), b.data() + b.size());
  return EstimateJaccard(sa, sb);
}

}  // namespace

void BindSignatures(py::module_& m) {
  const ShingleOptions shingle;
  const MinHashOptions minhash;
  m.def(
      "signatures", &Signatures, py::arg("texts"),
      py::arg("ngram") = shingle.ngram, py::arg("num_perm") = minhash.num_perm,
      py::arg("seed") = minhash.seed, py::kw_only(), py::arg("threads") = 0,
      R"doc(signatures(texts, ngram=3, num_perm=128, seed=1, *, threads=0) -> numpy.ndarray

MinHash signatures of TEXTS (an iterable of str or bytes): a uint32 array of
shape (len(texts), num_perm), row i the signature of the set of word NGRAM-
shingles of texts[i] (pith/shingle.h: Unicode case folding, \w+ tokens; a
text with fewer than NGRAM words has one shingle, its words). The fraction of
equal slots of two rows estimates the Jaccard similarity of the two sets
(jaccard()). A text without a word gives a row of 0xFFFFFFFF.

One-permutation hashing with densification, O(words + num_perm) per text:
the signatures differ from datasketch's and depend on SEED and pith's
version. Computed on THREADS threads (0: one per core), GIL released.)doc");
  m.def("jaccard", &Jaccard, py::arg("a"), py::arg("b"),
        R"doc(jaccard(a, b) -> float

The fraction of equal slots of two signatures (rows of signatures()), an
estimate of the Jaccard similarity of the two shingle sets. ValueError if
their sizes differ.)doc");
}

}  // namespace python
}  // namespace pith
