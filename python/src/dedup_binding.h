// Copyright 2026 The pith Authors.
//
// pith.Deduplicator's keyword options, shared with pith.run().

#ifndef PITH_PYTHON_DEDUP_BINDING_H_
#define PITH_PYTHON_DEDUP_BINDING_H_

#include "options.h"
#include "pith/dedup.h"

namespace pith {
namespace python {

// One keyword per DedupOptions field, named as pith dedup's options
// (ngram, num_perm, seed, bands, rows...), plus those with no flag
// (signature_margin, max_candidates, tidy_blank_lines, shingle_unit,
// shingle_seed).
const OptionTable<DedupOptions>& DedupOptionTable();

// Applies "kw" to DedupOptions() as pith dedup's SetUpDedup() does: a
// threshold at or below the default signature margin sets the margin to 0
// unless signature_margin is given (the margin's default is 0 today).
DedupOptions DedupOptionsFrom(Keywords* kw);

}  // namespace python
}  // namespace pith

#endif  // PITH_PYTHON_DEDUP_BINDING_H_
