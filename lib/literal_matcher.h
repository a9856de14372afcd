// Copyright 2026 The pith Authors.
//
// LiteralMatcher: which of a fixed set of literals occur in a text, with
// letters compared case-insensitively (ASCII, and Latin-1 in UTF-8). RuleSet
// uses it to find the prefilter atoms of its rules (lib/rules.cc) in one pass
// over a line.
//
// It is an Aho-Corasick automaton compiled to a DFA table over byte classes:
// the bytes that occur in some literal (A-Z folded to a-z) get a class each,
// every other byte shares class 0, and each step is one table load.
//
//   LiteralMatcher m({"read more", "cookie"});
//   std::vector<int> ids;
//   m.FindAll("We use COOKIES", &ids);  // ids == {1}

#ifndef PITH_LIB_LITERAL_MATCHER_H_
#define PITH_LIB_LITERAL_MATCHER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace pith {
namespace internal {

// Immutable after construction; const methods are thread-safe.
class LiteralMatcher {
 public:
  // Builds the automaton for "literals". An empty literal never matches.
  // Both the literals and the text are folded byte by byte: A-Z to a-z, and
  // bytes 0x80-0x9E to 0xA0-0xBE (so UTF-8 "Ä" finds "ä"). The fold is
  // coarser than Unicode's: a literal is found wherever it occurs folded,
  // plus in some texts where it does not (other characters' bytes fold too).
  explicit LiteralMatcher(const std::vector<std::string>& literals);

  // Sets "*ids" to the indices (into the constructor's "literals") of every
  // literal that occurs in "text", each once, in increasing order.
  void FindAll(absl::string_view text, std::vector<int>* ids) const;

  int num_states() const { return num_states_; }

 private:
  int num_classes_ = 1;
  int num_states_ = 1;
  uint8_t byte_class_[256] = {};
  // table_[state * num_classes_ + class] = next_state * num_classes_ * 2,
  // plus 1 if next_state ends a literal (the row offset, pre-multiplied, so
  // that a step is one load and one add).
  std::vector<uint32_t> table_;
  // Literals ending at state s (its own and its suffixes'):
  // out_ids_[out_begin_[s], out_begin_[s + 1]).
  std::vector<int> out_begin_;
  std::vector<int> out_ids_;
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_LITERAL_MATCHER_H_
