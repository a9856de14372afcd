// Copyright 2026 The pith Authors.
//
// pith._pith: the extension module behind the pith Python package
// (python/pith/__init__.py re-exports it). One binding file per concept:
// rules, cleaner, dedup, signatures, pipeline.

#include <string>

#include "common.h"
#include "pith/version.h"

PYBIND11_MODULE(_pith, m) {
  namespace py = pybind11;
  m.doc() =
      "pith: cleans scraped web text and removes near-duplicates (native "
      "module; import pith).";
  m.attr("__version__") = std::string(pith::Version());
  pith::python::BindRules(m);
  pith::python::BindCleaner(m);
  pith::python::BindDedup(m);
  pith::python::BindSignatures(m);
  pith::python::BindPipeline(m);
}
