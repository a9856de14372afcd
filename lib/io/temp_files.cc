// Copyright 2026 The pith Authors.

#include "lib/io/temp_files.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "pith/io.h"

namespace pith {
namespace internal {
namespace {

// A slot is free, claimed (being filled or disarmed), or armed (its path is
// complete and is removed on a signal). Lock-free atomics are safe to read
// from a signal handler.
enum SlotState : int { kFree = 0, kClaimed = 1, kArmed = 2 };

struct Slot {
  std::atomic<int> state{kFree};
  char path[kMaxTempPath + 1];
};
static_assert(std::atomic<int>::is_always_lock_free,
              "the signal handler reads the slot states");

// Zero-initialized, with a trivial destructor: usable from a signal handler
// at any time, even during exit.
Slot temp_slots[kMaxTempFiles];

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

void OnSignal(int sig) {
  RemoveTemporaryOutputFiles();
  // Die of the signal, as without the handler: the default action, and the
  // signal again (blocked until this handler returns).
  signal(sig, SIG_DFL);
  raise(sig);
}

}  // namespace

int ClaimTempSlot() {
  for (int i = 0; i < kMaxTempFiles; ++i) {
    int expected = kFree;
    if (temp_slots[i].state.compare_exchange_strong(
            expected, kClaimed, std::memory_order_acquire)) {
      return i;
    }
  }
  return -1;
}

void ArmTempSlot(int slot, const std::string& path) {
  if (slot < 0) return;
  Slot& s = temp_slots[slot];
  s.state.store(kClaimed, std::memory_order_release);
  if (path.size() > kMaxTempPath) return;
  std::memcpy(s.path, path.c_str(), path.size() + 1);
  s.state.store(kArmed, std::memory_order_release);
}

void ReleaseTempSlot(int slot) {
  if (slot < 0) return;
  temp_slots[slot].state.store(kFree, std::memory_order_release);
}

}  // namespace internal

void RemoveTemporaryOutputFiles() {
  const int saved_errno = errno;
  for (internal::Slot& s : internal::temp_slots) {
    if (s.state.load(std::memory_order_acquire) == internal::kArmed) {
      unlink(s.path);
    }
  }
  errno = saved_errno;
}

absl::Status InstallOutputCleanupOnSignals() {
  for (int sig : internal::kSignals) {
    struct sigaction old;
    if (sigaction(sig, nullptr, &old) != 0) {
      return absl::ErrnoToStatus(errno, absl::StrCat("sigaction(", sig, ")"));
    }
    if (old.sa_handler == SIG_IGN) continue;  // nohup, "trap '' TERM".
    struct sigaction sa;
    std::memset(&sa, 0, sizeof(sa));
    sa.sa_handler = internal::OnSignal;
    sigemptyset(&sa.sa_mask);
    for (int other : internal::kSignals) sigaddset(&sa.sa_mask, other);
    sa.sa_flags = SA_RESTART;
    if (sigaction(sig, &sa, nullptr) != 0) {
      return absl::ErrnoToStatus(errno, absl::StrCat("sigaction(", sig, ")"));
    }
  }
  return absl::OkStatus();
}

}  // namespace pith
