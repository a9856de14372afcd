// Copyright 2026 The pith Authors.
//
// Where an output path leads (see OutputFile in pith/io.h): a descriptor to
// write through, a file to write in place, or a regular file to replace.
//
// A path that names a descriptor ("/dev/stdout", "/proc/self/fd/1") must be
// recognised by its name, before anything opens or stats it: opening it
// would open the file behind the descriptor again, with an offset of its
// own (so ">>" would not append), and stat() would report that file, a
// regular one when the shell redirected to one, which would then be
// replaced by rename().

#ifndef PITH_LIB_IO_OUTPUT_TARGET_H_
#define PITH_LIB_IO_OUTPUT_TARGET_H_

#include <string>

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

struct OutputTarget {
  enum class Kind {
    kDescriptor,  // Write through a duplicate of "fd".
    kInPlace,     // Open "file" for writing, without truncating it.
    kReplace,     // Write a temporary file beside "file", rename it over.
  };
  Kind kind = Kind::kReplace;
  int fd = -1;       // kDescriptor.
  std::string file;  // kInPlace, kReplace: symlinks resolved; for kReplace
                     // it may not exist yet.
};

// Returns the descriptor that "path" names by its spelling: 0, 1, 2 for
// /dev/stdin, /dev/stdout, /dev/stderr; N for /dev/fd/N, /proc/self/fd/N,
// /proc/thread-self/fd/N and /proc/PID/fd/N with this process's PID. -1 for
// anything else.
int DescriptorNamed(absl::string_view path);

// Classifies "path" ("-" is descriptor 1), following symlinks one at a time
// so that a link to /dev/stdout is still seen as descriptor 1.
OutputTarget ResolveOutputTarget(const std::string& path);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_IO_OUTPUT_TARGET_H_
