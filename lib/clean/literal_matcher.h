// Copyright 2026 The pith Authors.
//
// LiteralMatcher: which of a fixed set of literals occur in a text, with
// letters compared case-insensitively (ASCII, and Latin-1 in UTF-8). RuleSet
// uses it to find the prefilter atoms of its rules (lib/clean/rule_set.cc) in
// one pass over a line.
//
// It is an Aho-Corasick automaton compiled to a DFA table over byte classes:
// the bytes that occur in some literal (A-Z folded to a-z) get a class each,
// every other byte shares class 0, and each step is one table load. A long
// text is scanned as up to four overlapping pieces side by side, which hides
// the latency of those loads.
//
//   LiteralMatcher m({"read more", "cookie"});
//   std::vector<int> ids;
//   m.FindAll("We use COOKIES", &ids);  // ids == {1}

#ifndef PITH_LIB_CLEAN_LITERAL_MATCHER_H_
#define PITH_LIB_CLEAN_LITERAL_MATCHER_H_

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

 private:
  // Runs the automaton over text[begin[k], end[k]) for each of kLanes
  // pieces side by side, appending what it finds to "*ids". Entry is the
  // table's type: uint16_t while every row offset fits, else uint32_t.
  template <typename Entry, size_t kLanes>
  void Scan(const Entry* table, const uint8_t* text, const size_t* begin,
            const size_t* end, std::vector<int>* ids) const;

  template <typename Entry>
  void ScanAll(const Entry* table, absl::string_view text,
               std::vector<int>* ids) const;

  size_t max_length_ = 0;  // Of the longest literal.
  int num_classes_ = 1;
  int class_shift_ = 1;  // Rows are 1 << class_shift_ entries long.
  int num_states_ = 1;
  uint8_t byte_class_[256] = {};
  // table[(state << class_shift_) + class] = next_state << class_shift_
  // (the offset of its row), plus 1 if next_state ends a literal; in
  // table16_ if every offset fits, else in table32_.
  std::vector<uint16_t> table16_;
  std::vector<uint32_t> table32_;
  // Literals ending at state s (its own and its suffixes'):
  // out_ids_[out_begin_[s], out_begin_[s + 1]).
  std::vector<int> out_begin_;
  std::vector<int> out_ids_;
};

}  // namespace internal
}  // namespace pith

#endif  // PITH_LIB_CLEAN_LITERAL_MATCHER_H_
