// Copyright 2026 The pith Authors.
//
// pith.Cleaner's keyword options, shared with pith.run().

#ifndef PITH_PYTHON_CLEANER_BINDING_H_
#define PITH_PYTHON_CLEANER_BINDING_H_

#include "options.h"
#include "pith/cleaner.h"

namespace pith {
namespace python {

// One keyword per CleanerOptions field, named as the field.
const OptionTable<CleanerOptions>& CleanerOptionTable();

}  // namespace python
}  // namespace pith

#endif  // PITH_PYTHON_CLEANER_BINDING_H_
