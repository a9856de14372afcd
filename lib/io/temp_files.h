// Copyright 2026 The pith Authors.
//
// The temporary files of open OutputFiles, in a fixed table that a signal
// handler can read: RemoveTemporaryOutputFiles() and the handlers of
// InstallOutputCleanupOnSignals() (pith/io.h) unlink every registered path,
// using nothing but async-signal-safe calls.

#ifndef PITH_LIB_IO_TEMP_FILES_H_
#define PITH_LIB_IO_TEMP_FILES_H_

#include <string>

namespace pith {
namespace internal {

// The table's size, and the longest path it holds (bytes, without the NUL).
inline constexpr int kMaxTempFiles = 64;
inline constexpr size_t kMaxTempPath = 4095;

// Claims a slot of the table for a temporary file. Returns the slot, or -1
// if the table is full (the file is then not removed on a signal).
// Thread-safe.
int ClaimTempSlot();

// Sets the path that "slot" stands for, and arms it: from now on a signal
// removes "path". A path longer than kMaxTempPath leaves the slot disarmed.
// REQUIRES: "slot" was claimed by this thread and not released.
void ArmTempSlot(int slot, const std::string& path);

// Disarms and frees "slot". Call it only once the file is renamed or
// removed (a signal in between finds nothing to remove, which is harmless).
// Does nothing for -1.
void ReleaseTempSlot(int slot);

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_IO_TEMP_FILES_H_
