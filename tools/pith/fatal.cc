// Copyright 2026 The pith Authors.

#include "fatal.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <system_error>

#include "flags.h"
#include "pith/io.h"

namespace pith {
namespace cli {
namespace {

// Writes "text" to stderr with write(2): no allocation, no locks.
void WriteError(const char* text) {
  size_t left = std::strlen(text);
  while (left > 0) {
    const ssize_t n = write(STDERR_FILENO, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<size_t>(n);
  }
}

[[noreturn]] void OutOfMemory() {
  RemoveTemporaryOutputFiles();
  WriteError(
      "pith: out of memory: an allocation failed; no output was replaced. "
      "Memory grows with -j and with --max-document-lines (short lines) or "
      "--max-document-bytes: lower them (see 'Memory' in pith's README)\n");
  _exit(kExitResources);
}

// Uncaught exceptions: running out of memory or threads is reported as
// such; anything else is a bug, reported and then aborted as before.
[[noreturn]] void OnTerminate() {
  RemoveTemporaryOutputFiles();
  if (std::exception_ptr e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::bad_alloc&) {
      OutOfMemory();
    } catch (const std::system_error& error) {
      if (error.code() == std::errc::resource_unavailable_try_again) {
        WriteError(
            "pith: cannot start a thread (out of resources); "
            "no output was replaced. Lower -j\n");
        _exit(kExitResources);
      }
      WriteError("pith: internal error: ");
      WriteError(error.what());
      WriteError("\n");
    } catch (const std::exception& error) {
      WriteError("pith: internal error: ");
      WriteError(error.what());
      WriteError("\n");
    } catch (...) {
      WriteError("pith: internal error: an unknown exception\n");
    }
  }
  std::abort();
}

}  // namespace

void InstallFatalHandlers() {
  std::set_new_handler(&OutOfMemory);
  std::set_terminate(&OnTerminate);
}

}  // namespace cli
}  // namespace pith
