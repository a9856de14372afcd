// Copyright 2026 The pith Authors.

#include "lib/clean/repeated_lines.h"

#include <cassert>

#include "lib/hash.h"

namespace pith {
namespace internal {
namespace {
constexpr size_t kMaxGluedCredit = 40;
}  // namespace

void MarkRepeatedLines(absl::string_view document,
                       absl::Span<const LineFeatures> lines,
                       std::vector<uint32_t>* table,
                       std::vector<int32_t>* first,
                       absl::Span<LineVerdict> verdicts) {
  assert(verdicts.size() == lines.size());
  size_t size = 16;
  while (size < 2 * lines.size()) size *= 2;
  const size_t mask = size - 1;
  table->assign(size, 0);  // 0: empty; else line index + 1.
  first->resize(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    (*first)[i] = static_cast<int32_t>(i);
    const LineFeatures& f = lines[i];
    if (f.blank()) continue;
    absl::string_view text = document.substr(f.trim_offset, f.trim_length);
    // Results do not depend on the hash: only first (kept) occurrences are
    // stored.
    for (size_t slot = Hash64(text.data(), text.size(), 0) & mask;;
         slot = (slot + 1) & mask) {
      uint32_t entry = (*table)[slot];
      if (entry == 0) {
        (*table)[slot] = static_cast<uint32_t>(i + 1);
        break;
      }
      const LineFeatures& g = lines[entry - 1];
      if (document.substr(g.trim_offset, g.trim_length) == text) {
        if (!IsKept(verdicts[entry - 1]) && IsKept(verdicts[i])) {
          // The copies before were removed (by rules): this one is the
          // first kept copy, and the later ones repeat it.
          (*table)[slot] = static_cast<uint32_t>(i + 1);
          break;
        }
        if (IsKept(verdicts[i])) verdicts[i] = kRepeatedLine;
        (*first)[i] = static_cast<int32_t>(entry - 1);
        break;
      }
    }
  }
  // A caption shown twice, the second time with a credit glued on
  // ("Jane Doe, minister." then "Jane Doe, minister.AP"): both go.
  size_t prev = lines.size();  // Previous non-blank line.
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineFeatures& f = lines[i];
    if (f.blank()) continue;
    if (prev < lines.size()) {
      const LineFeatures& g = lines[prev];
      absl::string_view a = document.substr(g.trim_offset, g.trim_length);
      absl::string_view b = document.substr(f.trim_offset, f.trim_length);
      if (a.size() >= 12 && b.size() > a.size() &&
          b.size() - a.size() <= kMaxGluedCredit &&
          b.substr(0, a.size()) == a && b[a.size()] != ' ') {
        if (IsKept(verdicts[prev])) verdicts[prev] = kRepeatedLine;
        if (IsKept(verdicts[i])) verdicts[i] = kRepeatedLine;
      }
    }
    prev = i;
  }
}

}  // namespace internal
}  // namespace pith
