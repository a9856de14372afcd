// Copyright 2026 The pith Authors.
//
// Built-in stopword lists (the most frequent function words) for the
// languages the paragraph classifier knows, and a fast lookup.

#ifndef PITH_LIB_CLEAN_STOPWORDS_H_
#define PITH_LIB_CLEAN_STOPWORDS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

enum Language : int {
  kEnglish = 0,
  kGerman,
  kSpanish,
  kFrench,
  kPortuguese,
  kPolish,
  kItalian,
  kDutch,
  kNumLanguages,
};

// The built-in list of "language": lowercase words separated by single
// spaces, or "" if out of range.
absl::string_view StopwordList(int language);

// The longest stopword, in bytes. Longer words need no lookup, and a word
// that fits packs into one uint64_t.
inline constexpr int kMaxStopwordBytes = 8;

// Returns a bit mask with bit L set if "word" is a stopword of language L;
// 0 if it is none. "word" must already be lowercased (ASCII letters, and
// Latin-1 letters in UTF-8: "Ä" is "ä"). Thread-safe. The line scan uses
// StopwordTable directly.
uint32_t StopwordMask(absl::string_view word);

// A cuckoo hash table over all stopword lists, keyed by the word packed into
// a uint64_t: a word is in one of its two slots, so a lookup is two loads
// and no branch. Immutable after construction; thread-safe.
//
//   const StopwordTable& table = StopwordTable::Get();
//   uint64_t key = 0;
//   std::memcpy(&key, "und", 3);       // Lowercased, zero-padded.
//   uint64_t lanes = table.Lanes(key);  // Byte kGerman is 1.
class StopwordTable {
 public:
  // The table of the built-in lists, built on first use.
  static const StopwordTable& Get();

  // Returns one byte per language, byte L (bits 8L..8L+7) 1 if the word is a
  // stopword of language L and 0 if not; 0 if it is none. Summing the results
  // counts hits per language in parallel. "key" holds the lowercased word's
  // 1..kMaxStopwordBytes bytes in memory order (as std::memcpy loads them),
  // the unused high bytes zero. Key 0 is no word: the result is 0.
  uint64_t Lanes(uint64_t key) const {
    const uint32_t a = Slot(key, 0);
    const uint32_t b = Slot(key, 1);
    // Masks, not branches: whether a word is a stopword is unpredictable.
    // (An empty slot has lanes 0.)
    return (lanes_[a] & (0 - static_cast<uint64_t>(keys_[a] == key))) |
           (lanes_[b] & (0 - static_cast<uint64_t>(keys_[b] == key)));
  }

 private:
  // 557 words in 2048 slots.
  static constexpr int kSlotBits = 11;
  static constexpr uint32_t kSlots = 1u << kSlotBits;

  StopwordTable();
  // Slot "which" (0 or 1) of "key": two bit ranges of key * multiplier_.
  uint32_t Slot(uint64_t key, int which) const {
    const uint64_t hash = key * multiplier_;
    return which == 0 ? static_cast<uint32_t>(hash >> (64 - kSlotBits))
                      : static_cast<uint32_t>(hash >> 24) & (kSlots - 1);
  }
  // Builds the table with "multiplier_"; false if some word found no slot.
  bool Build(const std::vector<std::pair<uint64_t, uint64_t>>& words);

  uint64_t multiplier_ = 0;
  uint64_t keys_[kSlots] = {};   // 0: empty (a word is never all zeros).
  uint64_t lanes_[kSlots] = {};  // Lanes() of the key.
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_STOPWORDS_H_
