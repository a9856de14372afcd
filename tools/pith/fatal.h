// Copyright 2026 The pith Authors.
//
// What the pith command does when the process can go no further: an
// allocation that fails (std::bad_alloc, on any thread, in pith or in a
// library) or a thread that cannot be started. Instead of an abort, it
// removes the temporary files of the outputs (as on a signal, so that the
// previous outputs stay as they were), prints one line that says what ran
// out and what to lower, and exits with kExitResources.

#ifndef PITH_TOOLS_PITH_FATAL_H_
#define PITH_TOOLS_PITH_FATAL_H_

namespace pith {
namespace cli {

// Installs the new-handler and the terminate handler. Call once, first.
void InstallFatalHandlers();

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_FATAL_H_
