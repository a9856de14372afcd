// Copyright 2026 The pith Authors.

#include "lib/clean/literal_matcher.h"

#include <algorithm>
#include <cstddef>
#include <deque>

namespace pith {
namespace internal {
namespace {

// A-Z to a-z, and UTF-8 continuation bytes 0x80-0x9E to 0xA0-0xBE, which
// takes the Latin-1 capitals (C3 80-C3 9E) to their small letters. Folding
// other characters' continuation bytes too only adds matches of literals
// that hold such bytes, which the caller checks anyway.
inline uint8_t FoldAscii(uint8_t b) {
  if (b >= 'A' && b <= 'Z') return static_cast<uint8_t>(b + ('a' - 'A'));
  if (b >= 0x80 && b <= 0x9E) return static_cast<uint8_t>(b + 0x20);
  return b;
}

}  // namespace

LiteralMatcher::LiteralMatcher(const std::vector<std::string>& literals) {
  // Byte classes: one per distinct (folded) byte in a literal; 0 for the rest.
  for (const std::string& lit : literals) {
    max_length_ = std::max(max_length_, lit.size());
    for (char c : lit) {
      const uint8_t b = FoldAscii(static_cast<uint8_t>(c));
      if (byte_class_[b] == 0)
        byte_class_[b] = static_cast<uint8_t>(num_classes_++);
    }
  }
  for (int b = 0; b < 256; ++b) {
    byte_class_[b] = byte_class_[FoldAscii(static_cast<uint8_t>(b))];
  }
  const int nc = num_classes_;

  // The trie, with -1 for a missing edge.
  std::vector<int> go(nc, -1);
  std::vector<std::vector<int>> own(1);
  for (int id = 0; id < static_cast<int>(literals.size()); ++id) {
    const std::string& lit = literals[id];
    if (lit.empty()) continue;
    int s = 0;
    for (char c : lit) {
      const int k = byte_class_[FoldAscii(static_cast<uint8_t>(c))];
      if (go[s * nc + k] < 0) {
        go[s * nc + k] = static_cast<int>(own.size());
        own.emplace_back();
        go.resize(go.size() + nc, -1);
      }
      s = go[s * nc + k];
    }
    own[s].push_back(id);
  }
  num_states_ = static_cast<int>(own.size());

  // Breadth-first: failure links, full DFA transitions and output lists.
  std::vector<int> fail(num_states_, 0);
  std::vector<std::vector<int>> out(num_states_);
  std::vector<int> order;
  order.reserve(num_states_);
  for (int k = 0; k < nc; ++k) {
    int& t = go[k];
    if (t < 0) {
      t = 0;
    } else {
      fail[t] = 0;
      order.push_back(t);
    }
  }
  for (size_t q = 0; q < order.size(); ++q) {
    const int s = order[q];
    out[s] = own[s];
    const std::vector<int>& inherited = out[fail[s]];
    out[s].insert(out[s].end(), inherited.begin(), inherited.end());
    for (int k = 0; k < nc; ++k) {
      int& t = go[s * nc + k];
      if (t < 0) {
        t = go[fail[s] * nc + k];
      } else {
        fail[t] = go[fail[s] * nc + k];
        order.push_back(t);
      }
    }
  }

  // Rows padded to a power of two, at least two entries long. An entry holds
  // the offset of the next state's row, whose bit 0 is then free for the
  // flag: a step of the scan is a load and an AND, with no shifts. Against
  // entries holding state numbers: pith clean -j1 on 200 MB of pages 3-5%
  // faster (median of 10 and of 12 alternating pairs), for twice the table
  // (the default rules' offsets need 4 bytes an entry, not 2). Offsets fit
  // in 32 bits up to a table of 2^32 entries (16 GiB), never reached.
  class_shift_ = 1;
  while ((1 << class_shift_) < nc) ++class_shift_;
  const bool narrow =
      (static_cast<size_t>(num_states_) << class_shift_) <= 0xFFFF;
  const size_t entries = static_cast<size_t>(num_states_) << class_shift_;
  if (narrow) {
    table16_.assign(entries, 0);
  } else {
    table32_.assign(entries, 0);
  }
  for (int s = 0; s < num_states_; ++s) {
    for (int k = 0; k < nc; ++k) {
      const int t = go[static_cast<size_t>(s) * nc + k];
      const uint32_t entry = (static_cast<uint32_t>(t) << class_shift_) |
                             (out[t].empty() ? 0u : 1u);
      const size_t at = (static_cast<size_t>(s) << class_shift_) + k;
      if (narrow) {
        table16_[at] = static_cast<uint16_t>(entry);
      } else {
        table32_[at] = entry;
      }
    }
  }
  out_begin_.assign(num_states_ + 1, 0);
  for (int s = 0; s < num_states_; ++s) {
    std::sort(out[s].begin(), out[s].end());
    out_begin_[s] = static_cast<int>(out_ids_.size());
    out_ids_.insert(out_ids_.end(), out[s].begin(), out[s].end());
  }
  out_begin_[num_states_] = static_cast<int>(out_ids_.size());
}

template <typename Entry, size_t kLanes>
void LiteralMatcher::Scan(const Entry* table, const uint8_t* text,
                          const size_t* begin, const size_t* end,
                          std::vector<int>* ids) const {
  static_assert(kLanes == 1 || kLanes == 2 || kLanes == 4, "1, 2 or 4 lanes");
  const uint8_t* const classes = byte_class_;
  const int shift = class_shift_;
  auto emit = [this, ids, shift](uint32_t v) {
    const uint32_t s = v >> shift;
    ids->insert(ids->end(), out_ids_.begin() + out_begin_[s],
                out_ids_.begin() + out_begin_[s + 1]);
  };
  // The row of the state in entry "v": the entry less its flag.
  auto row = [](uint32_t v) -> size_t { return v & ~1u; };
  size_t common = end[0] - begin[0];
  for (size_t k = 1; k < kLanes; ++k) {
    common = std::min(common, end[k] - begin[k]);
  }
  // Plain locals (not arrays), so that they stay in registers while "emit"
  // writes to memory.
  const uint8_t* const q0 = text + begin[0];
  const uint8_t* const q1 = text + begin[kLanes > 1 ? 1 : 0];
  const uint8_t* const q2 = text + begin[kLanes > 2 ? 2 : 0];
  const uint8_t* const q3 = text + begin[kLanes > 3 ? 3 : 0];
  uint32_t v0 = 0, v1 = 0, v2 = 0, v3 = 0;
  for (size_t i = 0; i < common; ++i) {
    v0 = table[row(v0) + classes[q0[i]]];
    uint32_t any = v0;
    if constexpr (kLanes > 1) {
      v1 = table[row(v1) + classes[q1[i]]];
      any |= v1;
    }
    if constexpr (kLanes > 2) {
      v2 = table[row(v2) + classes[q2[i]]];
      v3 = table[row(v3) + classes[q3[i]]];
      any |= v2 | v3;
    }
    if (any & 1) {
      if (v0 & 1) emit(v0);
      if (kLanes > 1 && (v1 & 1)) emit(v1);
      if (kLanes > 2 && (v2 & 1)) emit(v2);
      if (kLanes > 2 && (v3 & 1)) emit(v3);
    }
  }
  const uint32_t last[4] = {v0, v1, v2, v3};
  for (size_t k = 0; k < kLanes; ++k) {
    uint32_t v = last[k];
    for (size_t i = begin[k] + common; i < end[k]; ++i) {
      v = table[row(v) + classes[text[i]]];
      if (v & 1) emit(v);
    }
  }
}

template <typename Entry>
void LiteralMatcher::ScanAll(const Entry* table, absl::string_view text,
                             std::vector<int>* ids) const {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  // A step of the automaton is a load that depends on the step before, so
  // a long text is cut in pieces, each overlapping the one before by the
  // longest literal less one byte (every literal that ends in a piece starts
  // in it), and the pieces are run side by side.
  const size_t overlap = max_length_ > 0 ? max_length_ - 1 : 0;
  constexpr size_t kMinPiece = 32;
  size_t begin[4], end[4];
  auto cut = [&](size_t lanes) {
    const size_t piece = n / lanes;
    for (size_t k = 0; k < lanes; ++k) {
      begin[k] = k == 0 ? 0 : k * piece - overlap;
      end[k] = k + 1 == lanes ? n : (k + 1) * piece;
    }
  };
  if (n >= 4 * (overlap + kMinPiece)) {
    cut(4);
    Scan<Entry, 4>(table, p, begin, end, ids);
  } else if (n >= 2 * (overlap + kMinPiece)) {
    cut(2);
    Scan<Entry, 2>(table, p, begin, end, ids);
  } else {
    cut(1);
    Scan<Entry, 1>(table, p, begin, end, ids);
  }
}

void LiteralMatcher::FindAll(absl::string_view text,
                             std::vector<int>* ids) const {
  ids->clear();
  if (!table16_.empty()) {
    ScanAll(table16_.data(), text, ids);
  } else {
    ScanAll(table32_.data(), text, ids);
  }
  if (ids->size() > 1) {
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  }
}

}  // namespace internal
}  // namespace pith
