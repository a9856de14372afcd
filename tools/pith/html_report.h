// Copyright 2026 The pith Authors.
//
// The --html page of "pith explain" and "pith run": one self-contained HTML
// file (inline CSS and script, no external resource, opens from disk) that
// shows every line of every document, removed lines struck through and
// coloured by the rule or heuristic that removed them, the page-level
// decision (main regions), a legend with counts that filters by reason, and,
// for "pith run", each near-duplicate removal linked to the line it
// duplicates.

#ifndef PITH_TOOLS_PITH_HTML_REPORT_H_
#define PITH_TOOLS_PITH_HTML_REPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "pith/io.h"
#include "pith/pipeline.h"

namespace pith {
namespace cli {

// Writes the page to "out" as documents come (Add()), and the legend at the
// end (Finish()). Not thread-safe.
class HtmlReport {
 public:
  HtmlReport(OutputFile* out, DocumentFormat format, std::string title);

  // Adds the view of one document (with its clean result, and its dedup
  // verdict for "pith run").
  absl::Status Add(const PipelineDocument& d);

  // Writes the legend and closes the page.
  absl::Status Finish();

 private:
  // The anchor of line "line" (1-based, of the input) of document "doc".
  static std::string Anchor(uint64_t doc, int64_t line);

  OutputFile* const out_;
  const DocumentFormat format_;
  std::map<std::string, int64_t> counts_;  // Reason -> lines.
  int64_t documents_ = 0;
  int64_t lines_ = 0;
  // For "pith run": per document number of this run, the input line of
  // each line of its cleaned text (0 for blank lines), for the links.
  uint64_t first_doc_ = 0;
  bool started_ = false;
  std::vector<std::vector<int64_t>> cleaned_lines_;
  std::string buf_;
};

}  // namespace cli
}  // namespace pith

#endif  // PITH_TOOLS_PITH_HTML_REPORT_H_
