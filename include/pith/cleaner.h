// Copyright 2026 The pith Authors.
//
// The Cleaner removes scraper boilerplate from one document's text: lines
// matched by a RuleSet (see rules.h), plus text heuristics that need no rules.
// Every removed line is reported with its line number and the name of the
// rule or heuristic that removed it.
//
// Example:
//
//   absl::StatusOr<pith::RuleSet> rules =
//       pith::RuleSet::Default(pith::RuleSetOptions());
//   if (!rules.ok()) return rules.status();
//   absl::StatusOr<pith::Cleaner> cleaner =
//       pith::Cleaner::Create(*std::move(rules), pith::CleanerOptions());
//   if (!cleaner.ok()) return cleaner.status();
//   absl::StatusOr<pith::CleanResult> r = cleaner->Clean(page_text);
//   if (!r.ok()) return r.status();
//   Use(r->text);
//   for (const pith::Removal& x : r->removals) Log(x.line, x.reason, x.text);
//
// Rules and heuristics read each line from its text on: without its
// indentation and a list bullet ("  * Home", "  + Contact", "• Share" read
// as "Home", "Contact", "Share"), as text dumps such as lynx's mark list
// items.
//
// Lines end at "\n"; a "\r" before it belongs to the terminator. Kept lines
// are byte-exact copies of input lines, terminators included, except where a
// strip rule cut text out of them. Bytes are never interpreted beyond what
// the heuristics need: invalid UTF-8 and NUL bytes pass through unchanged.
//
// Heuristic names, as reported in Removal::reason:
//   "repeated-line"  a non-blank line that already occurred in the document
//                    (the first kept copy stays: if rules removed the
//                    copies before it, the next copy is kept).
//   "edge-run"       a run of short lines without sentence punctuation at the
//                    head or tail of the document: menus, tag lists, footers.
//   "classifier"     a paragraph judged boilerplate by a jusText-style
//                    classifier on its length, stopword density and link-like
//                    punctuation, with context (a short heading between two
//                    good paragraphs stays).
//   "recirculation"  a list of teasers for other articles ("Related", "Most
//                    read", teaser tiles), before or after the article,
//                    removed as a block: a run of headlines of one shape,
//                    alone or each with a summary, a date or a byline
//                    (a repeated template), however much each teaser
//                    reads like prose.
//   "comments"       a reader-comment thread under the article, removed as a
//                    block from its first line ("12 Comments", "Jane says:")
//                    to the end of the document: it is recognised by its
//                    frame of author, "Reply" and time lines, however much
//                    each comment reads like prose.
//   "outside-main"   a line outside the main content: the page-level stage
//                    finds the regions of dense prose (one, or several when
//                    the article is interrupted), bridging cheap gaps of
//                    removed lines, prefers the first of comparable ones
//                    (the article comes before its comments and sidebars),
//                    and removes what the line pass kept elsewhere: teaser
//                    lists, sidebars, author boxes, footer prose.
//
// Inside the main regions the cleaner is conservative: lines that only the
// paragraph classifier judged (list items, table cells, short sentences,
// subheadings) are kept there. A document that holds a sentence is never
// emptied by the heuristics alone: if they would remove every line, the
// lines from the first to the last sentence stay (only a reject rule empties
// a document, and CleanResult::rejected says so).

// What pith keeps by default (the convention; most LLM-data users want the
// headline and the body, not the page furniture around them):
//
//   kept     the headline and a standfirst over the body (the main region's
//            lead-in), the body with its subheadings, lists, tables and
//            quotes, and captions that sit inside the article text.
//   removed  bylines ("By Jane Doe", "Posted by"), date and "updated" lines,
//            photo credits (alone on a line, or glued to a caption's end),
//            author boxes, share rows, teasers, comment threads and footers.
//
// Bylines, dates and credits go because they are metadata, repeat across
// every page of a site and carry no text a model should learn. Conventions
// differ (some extraction benchmarks keep the date line and captions with
// their credits), so they are a switch: the default rules that remove them
// are in the rule group "metadata" ("drop:metadata" in a rule file, see
// rules.h), and CleanerOptions::drop_metadata = false (pith clean
// --keep-metadata) leaves those lines, and credits in captions, in. A rule
// file of one's own can put its rules in the group too.

#ifndef PITH_CLEANER_H_
#define PITH_CLEANER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "pith/rules.h"

namespace pith {

struct CleanerOptions {
  // Behaviour.

  // Drop a non-blank line that repeats an earlier line of the document
  // (compared after trimming white space). ("repeated-line", true)
  bool drop_repeated_lines = true;

  // Drop runs of short, unpunctuated lines at the head and tail of the
  // document. ("edge-run", true)
  bool drop_edge_runs = true;

  // Run the paragraph classifier. ("classifier", true)
  bool classify_paragraphs = true;

  // Remove a reader-comment thread under the article, from its first line
  // to the end of the document. ("comments", true)
  bool drop_comments = true;

  // Apply the rules of the group "metadata" (see rules.h): bylines, date
  // lines and photo credits go. False keeps those lines, and strip rules of
  // the group leave credits in captions (the convention some extraction
  // benchmarks follow); the page-level stage still reads them as the
  // article's lead-in. (true)
  bool drop_metadata = true;

  // Remove lists of teasers for other articles as blocks: runs of
  // headlines, alone or with summaries, dates and bylines between them.
  // ("recirculation", true)
  bool drop_recirculation = true;

  // Run the page-level stage: keep the main regions of the page and remove
  // what lies outside them; inside them, keep short structured lines the
  // classifier removed. ("outside-main", true)
  bool main_region = true;

  // A "drop-rest" rule fires only on a line in the last "footer_zone"
  // fraction of the document's non-blank lines, and only if the prose
  // after it (lines of 150+ characters that end a sentence) is at most
  // twice the prose before it; otherwise it drops its own line alone, so a
  // "comment" link above the article does not cut the article. (0.5)
  double footer_zone = 0.5;

  // A "drop-before" rule fires only on a line in the first "header_zone"
  // fraction of the document's non-blank lines. (0.5)
  double header_zone = 0.5;

  // Remove blank lines left at the head and tail of the output, and collapse
  // runs of blank lines that removals created into one. (true)
  bool tidy_blank_lines = true;

  // Fill Removal::text with what each removal took. A caller that only
  // counts removals, or reports their lines and reasons, can turn this off
  // and save a copy of every removed line; Removal::text is then empty.
  // (true)
  bool report_removed_text = true;

  // Tuning of the heuristics. The defaults were tuned on whole-page text
  // dumps of news, blog and company pages in English and German.

  // An edge-run line has at most this many words and does not end in
  // . ! ? or an ellipsis. (6)
  int edge_run_max_words = 6;
  // A head or tail run needs at least this many such lines. (3)
  int edge_run_min_lines = 3;

  // Classifier: a paragraph with fewer characters than this is "short" and
  // judged by its neighbours. Lower keeps more short lines. (70)
  int classifier_length_low = 70;
  // Classifier: a paragraph needs this many characters to be "good" on its
  // own. (200)
  int classifier_length_high = 200;
  // Classifier: stopword density (stopwords / words) below which a long
  // paragraph is bad. (0.30)
  double classifier_stopwords_low = 0.30;
  // Classifier: stopword density at or above which a long paragraph is good.
  // (0.32)
  double classifier_stopwords_high = 0.32;

  // Main region: what one removed line between two stretches of prose
  // costs, in characters of prose. Higher cuts an article at smaller gaps
  // (an advertisement, a pull quote); lower lets teaser lists and comment
  // blocks join the article. (300)
  int main_region_gap_penalty = 300;
  // Main region: besides the best region of the page, every region that
  // scores at least this much (characters of prose less its gaps) is main
  // too: an article broken up by a block of removed lines keeps both
  // halves (and what the line pass kept between them, where the gap is
  // short), while a lone teaser summary or author box goes. Higher removes
  // more prose away from the article. (400)
  int main_region_min_chars = 400;
};

// A range of 1-based line numbers, both ends included.
struct LineRange {
  int first = 0;
  int last = 0;
};

// One removed line.
struct Removal {
  int line = 0;          // 1-based line number in the input document.
  std::string reason;    // The rule name, or a heuristic name (see above).
  std::string text;      // The removed line (or, for strip, the removed text),
                         // without its terminator. Empty if
                         // CleanerOptions::report_removed_text is false.
  bool partial = false;  // True if a strip rule removed only part of the line.
};

// The result of cleaning one document.
struct CleanResult {
  std::string text;               // The kept lines.
  std::vector<Removal> removals;  // In line order.
  bool rejected = false;          // A reject rule matched: text is empty.
  std::string reject_rule;        // The name of that rule, if rejected.
  int reject_line = 0;            // Its 1-based line, if rejected.
  // True if "text" is the document itself, byte for byte: nothing was
  // removed, stripped or tidied away. A caller that still holds the
  // document can pass it on in place of "text" without comparing them.
  bool unchanged = false;
  // The main regions the page-level stage chose, in line order (empty if
  // CleanerOptions::main_region is off, or the document has no prose).
  std::vector<LineRange> main_regions;
};

// A Cleaner applies a RuleSet and the heuristics to documents.
//
// Clean() is const and thread-safe: one Cleaner may serve many threads.
// Movable, not copyable (it owns its compiled RuleSet).
class Cleaner {
 public:
  // Returns InvalidArgument if "options" are out of range (zones outside
  // [0, 1], a negative length, penalty or count).
  static absl::StatusOr<Cleaner> Create(RuleSet rules,
                                        const CleanerOptions& options);

  Cleaner(Cleaner&&) noexcept;
  Cleaner& operator=(Cleaner&&) noexcept;
  Cleaner(const Cleaner&) = delete;
  Cleaner& operator=(const Cleaner&) = delete;
  ~Cleaner();

  // Cleans "document". Fails only if RE2 runs out of memory
  // (ResourceExhausted).
  absl::StatusOr<CleanResult> Clean(absl::string_view document) const;

  // As above, but reuses the buffers of "*result" (a hot-path overload for
  // callers that clean many documents in a loop).
  absl::Status Clean(absl::string_view document, CleanResult* result) const;

  const RuleSet& rules() const;
  const CleanerOptions& options() const;

 private:
  struct Rep;
  explicit Cleaner(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace pith

#endif  // PITH_CLEANER_H_
