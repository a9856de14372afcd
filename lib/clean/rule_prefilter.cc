// Copyright 2026 The pith Authors.

#include "lib/clean/rule_prefilter.h"

#include <atomic>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace pith {
namespace internal {
namespace {

// The UTF-8 runes outside ASCII that (?i) folds to an ASCII letter: KELVIN
// SIGN (k) and LATIN SMALL LETTER LONG S (s). The prefilter's atoms are
// lowercase ASCII there, so a line holding one is folded before its atoms
// are looked for.
constexpr absl::string_view kFoldSentinels[2] = {"\xe2\x84\xaa", "\xc5\xbf"};
constexpr char kFoldSentinelLetters[2] = {'k', 's'};

// Returns true if the matcher's byte fold finds "atom" (lowercase, as the
// prefilter gives it) in every line whose Unicode lowercasing holds it: its
// non-ASCII characters are Latin-1 small letters whose only other case is
// the Latin-1 capital (not å, which the Angstrom sign folds to, nor ÿ or ß),
// or caseless punctuation (C2 A0-BF but µ, E2 80 xx, E2 86 xx).
bool FoldsLikeUnicode(absl::string_view atom) {
  for (size_t i = 0; i < atom.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(atom[i]);
    if (b < 0x80) continue;
    const unsigned char c1 = i + 1 < atom.size() ? atom[i + 1] : 0;
    if (b == 0xC3 && c1 >= 0xA0 && c1 <= 0xBE && c1 != 0xA5) {
      ++i;
    } else if (b == 0xC2 && c1 >= 0xA0 && c1 <= 0xBF && c1 != 0xB5) {
      ++i;
    } else if (b == 0xE2 && (c1 == 0x80 || c1 == 0x86) && i + 2 < atom.size() &&
               static_cast<unsigned char>(atom[i + 2]) >= 0x80 &&
               static_cast<unsigned char>(atom[i + 2]) <= 0xBF) {
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

// Atom combinations remembered per thread before the memo starts over.
constexpr size_t kMaxMemoEntries = 4096;

// Atoms are looked for by at most their first kMaxAtomBytes bytes.
constexpr size_t kMaxAtomBytes = 12;

}  // namespace

uint64_t NextRuleSetSerial() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

void Prefilter::Compile() {
  std::vector<std::string> literals;
  filter->Compile(&literals);
  num_atoms = static_cast<int>(literals.size());
  for (int a = 0; a < num_atoms; ++a) {
    if (!FoldsLikeUnicode(literals[a])) {
      always_atoms.push_back(a);
      literals[a].clear();
    }
  }
  for (absl::string_view sentinel : kFoldSentinels) {
    literals.emplace_back(sentinel.data(), sentinel.size());
  }
  for (std::string& literal : literals) {
    // Looking for a prefix finds the atom and maybe more, which the rule's
    // expression sorts out; short literals keep the matcher's pieces short.
    if (literal.size() > kMaxAtomBytes) literal.resize(kMaxAtomBytes);
  }
  atoms = std::make_unique<LiteralMatcher>(literals);
  filter->AllPotentials(always_atoms, &base_candidates);
  ToRuleIds(&base_candidates);
}

void Prefilter::Candidates(absl::string_view line,
                           std::vector<int>* candidates) const {
  // Per-thread scratch and memo. FilteredRE2::AllPotentials allocates and
  // propagates through its prefilter tree on every call, which costs more
  // than scanning a short line, while the lines of a page repeat a few atom
  // combinations. A memo belongs to one Prefilter at a time, identified by
  // its serial number (an address could be reused by a later one); there are
  // two, so that a RuleSet's two prefilters do not take turns at one.
  struct Memo {
    uint64_t serial = 0;
    absl::flat_hash_map<std::vector<int>, std::vector<int>> potentials;
  };
  thread_local std::vector<int> found;
  thread_local Memo memos[2];
  atoms->FindAll(line, &found);
  if (!found.empty() && found.back() >= num_atoms) {
    // A non-ASCII rune that (?i) folds to an ASCII letter: fold it and look
    // again (rare).
    std::string folded(line.data(), line.size());
    for (int k = 0; k < 2; ++k) {
      const std::string from(kFoldSentinels[k].data(),
                             kFoldSentinels[k].size());
      const char to = kFoldSentinelLetters[k];
      for (size_t pos = folded.find(from); pos != std::string::npos;
           pos = folded.find(from, pos + 1)) {
        folded.replace(pos, from.size(), 1, to);
      }
    }
    atoms->FindAll(folded, &found);
  }
  if (found.empty()) {
    *candidates = base_candidates;
    return;
  }
  Memo* memo = &memos[memo_slot];
  if (memo->serial != serial) {
    memo->potentials.clear();
    memo->serial = serial;
  }
  auto it = memo->potentials.find(found);
  if (it != memo->potentials.end()) {
    *candidates = it->second;
    return;
  }
  std::vector<int> key = found;
  if (!always_atoms.empty()) {
    found.insert(found.end(), always_atoms.begin(), always_atoms.end());
  }
  filter->AllPotentials(found, candidates);
  ToRuleIds(candidates);
  if (memo->potentials.size() >= kMaxMemoEntries) memo->potentials.clear();
  memo->potentials.emplace(std::move(key), *candidates);
}

}  // namespace internal
}  // namespace pith
