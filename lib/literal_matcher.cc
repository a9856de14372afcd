// Copyright 2026 The pith Authors.

#include "lib/literal_matcher.h"

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

  table_.resize(go.size());
  for (size_t i = 0; i < go.size(); ++i) {
    const int t = go[i];
    table_[i] = static_cast<uint32_t>(t) * static_cast<uint32_t>(nc) * 2 +
                (out[t].empty() ? 0 : 1);
  }
  out_begin_.assign(num_states_ + 1, 0);
  for (int s = 0; s < num_states_; ++s) {
    std::sort(out[s].begin(), out[s].end());
    out_begin_[s] = static_cast<int>(out_ids_.size());
    out_ids_.insert(out_ids_.end(), out[s].begin(), out[s].end());
  }
  out_begin_[num_states_] = static_cast<int>(out_ids_.size());
}

void LiteralMatcher::FindAll(absl::string_view text,
                             std::vector<int>* ids) const {
  ids->clear();
  const uint32_t* table = table_.data();
  const uint8_t* p = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* end = p + text.size();
  uint32_t v = 0;
  const uint32_t row = static_cast<uint32_t>(num_classes_) * 2;
  for (; p < end; ++p) {
    v = table[(v >> 1) + byte_class_[*p]];
    if (v & 1) {
      const int s = static_cast<int>(v / row);
      ids->insert(ids->end(), out_ids_.begin() + out_begin_[s],
                  out_ids_.begin() + out_begin_[s + 1]);
    }
  }
  if (ids->size() > 1) {
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  }
}

}  // namespace internal
}  // namespace pith
