// Copyright 2026 The pith Authors.
//
// What every binding file of the pith._pith extension shares: turning an
// absl::Status into a Python exception, text arguments (str or bytes) into
// byte views and back, paths, and running a loop on several threads with the
// GIL released.
//
// Exceptions (ThrowStatus()), by the Status code:
//   InvalidArgument, OutOfRange, FailedPrecondition   ValueError
//   NotFound                                          FileNotFoundError
//   PermissionDenied                                  PermissionError
//   AlreadyExists                                     FileExistsError
//   ResourceExhausted                                 MemoryError, or OSError
//                                                     for a file (disk full)
// and an output that cannot be written raises OSError (or its subclasses
// above) whatever the code.
//   anything else (DataLoss, Unavailable...)          OSError
// The message is the Status message, unchanged ("site.rules:7: rule ...").
//
// Text: a str is passed to the library as its UTF-8 bytes (a lone surrogate,
// which UTF-8 cannot hold, becomes U+FFFD as in the JSONL reader); a bytes
// object is passed as it is, invalid UTF-8 included. Results come back in
// the type given: str for str (decoded with U+FFFD for anything invalid,
// which kept lines of valid text never hold), bytes for bytes.

#ifndef PITH_PYTHON_COMMON_H_
#define PITH_PYTHON_COMMON_H_

#include <pybind11/pybind11.h>

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace pith {
namespace python {

namespace py = pybind11;

// Where a Status comes from. kFile (reading or writing a file the caller
// named) maps ResourceExhausted (no space left) to OSError rather than
// MemoryError; kOutput (writing an output) maps every code that is not a
// file error to OSError.
enum class StatusContext { kCompute, kFile, kOutput };

// Raises the Python exception for "status" (see the top of this file).
// REQUIRES: !status.ok(), the GIL is held.
[[noreturn]] void ThrowStatus(const absl::Status& status,
                              StatusContext context = StatusContext::kCompute);

// Does nothing if "status" is OK, else ThrowStatus().
inline void Check(const absl::Status& status,
                  StatusContext context = StatusContext::kCompute) {
  if (!status.ok()) ThrowStatus(status, context);
}

// Raises TypeError with "message".
[[noreturn]] void ThrowTypeError(const std::string& message);
// Raises ValueError with "message".
[[noreturn]] void ThrowValueError(const std::string& message);

// The name of the type of "value", for messages: "int", "NoneType".
std::string TypeName(py::handle value);

// A text argument as bytes. "owner" keeps "bytes" valid (it is the str, the
// bytes object, or a repaired copy); "original" is the object given, and
// "is_bytes" says whether results go back as bytes.
struct Text {
  py::object original;
  py::object owner;
  absl::string_view bytes;
  bool is_bytes = false;
};

// Converts a str or bytes argument; raises TypeError naming "what" for
// anything else. REQUIRES: the GIL is held.
Text ToText(py::handle value, const char* what);

// Returns "text" as bytes if "as_bytes", else as str (U+FFFD for invalid
// UTF-8). REQUIRES: the GIL is held.
py::object FromText(absl::string_view text, bool as_bytes);

// A str for "text" (U+FFFD for invalid UTF-8).
py::str ToStr(absl::string_view text);

// A path argument (str, bytes or os.PathLike) in the file system's encoding.
// Raises TypeError naming "what" for anything else.
std::string ToPath(py::handle value, const char* what);

// Registration of each concept's bindings (one file each).
void BindRules(py::module_& m);
void BindCleaner(py::module_& m);
void BindDedup(py::module_& m);
void BindSignatures(py::module_& m);
void BindPipeline(py::module_& m);

}  // namespace python
}  // namespace pith

#endif  // PITH_PYTHON_COMMON_H_
