// Copyright 2026 The pith Authors.

#include "stats.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "pith/io.h"
#include "pith/version.h"

namespace pith {
namespace cli {
namespace {

// "counts" as rows sorted by count, largest first (ties by name).
std::vector<std::pair<std::string, int64_t>> Rows(
    const std::map<std::string, int64_t>& counts) {
  std::vector<std::pair<std::string, int64_t>> rows(counts.begin(),
                                                    counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second > b.second;
  });
  return rows;
}

void AppendTable(const char* title,
                 const std::map<std::string, int64_t>& counts,
                 std::string* out) {
  if (counts.empty()) return;
  absl::StrAppend(out, title, "\n");
  for (const auto& [name, n] : Rows(counts)) {
    absl::StrAppendFormat(out, "  %-28s %d\n", name, n);
  }
}

void AppendObject(const std::map<std::string, int64_t>& counts,
                  std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [name, n] : Rows(counts)) {
    if (!first) out->append(", ");
    first = false;
    AppendJsonString(name, out);
    absl::StrAppend(out, ": ", n);
  }
  out->push_back('}');
}

// The "bytes in" of --stats: for clean, the bytes read; for dedup and run,
// the bytes of document text.
int64_t BytesIn(const RunStats& s) {
  return s.dedup == nullptr ? s.pipeline->input_bytes : s.pipeline->text_bytes;
}

}  // namespace

std::string StatsText(const RunStats& s) {
  const PipelineStats& p = *s.pipeline;
  std::string out;
  if (s.dedup == nullptr) {
    absl::StrAppendFormat(&out, "documents       %d\n", p.documents);
    absl::StrAppendFormat(&out, "rejected        %d\n", p.rejected);
    absl::StrAppendFormat(&out, "skipped lines   %d\n", p.skipped_lines);
    absl::StrAppendFormat(&out, "bytes in        %d\n", BytesIn(s));
    absl::StrAppendFormat(&out, "bytes out       %d\n", s.bytes_out);
    absl::StrAppendFormat(&out, "lines removed   %d\n", p.lines_removed);
    if (s.dropped > 0) {
      absl::StrAppendFormat(&out, "dropped         %d\n", s.dropped);
    }
    AppendTable("lines removed by rule:", p.removed_by, &out);
    AppendTable("documents rejected by rule:", p.rejected_by, &out);
    return out;
  }
  const DedupStats d = s.dedup->stats();
  const DedupStats base = s.dedup->loaded_stats();
  const LshParams& lsh = s.dedup->lsh_params();
  // With a loaded --index: this run's counts, then the index's totals.
  const bool loaded = base.documents > 0 || base.indexed_units > 0;
  auto row = [&](const char* name, uint64_t total, uint64_t before) {
    if (loaded) {
      absl::StrAppendFormat(&out, "%-17s %-12d %d\n", name, total - before,
                            total);
    } else {
      absl::StrAppendFormat(&out, "%-17s %d\n", name, total);
    }
  };
  if (loaded) {
    absl::StrAppendFormat(&out, "%-17s %-12s %s\n", "", "this run",
                          "index total");
    row("documents", d.documents, base.documents);
  } else {
    absl::StrAppendFormat(&out, "documents         %d\n", p.documents);
  }
  if (s.cleaned) {
    absl::StrAppendFormat(&out, "rejected          %d\n", p.rejected);
    absl::StrAppendFormat(&out, "lines cleaned     %d\n", p.lines_removed);
  }
  absl::StrAppendFormat(&out, "repeated ids      %d\n", p.repeated_ids);
  row("units", d.units, base.units);
  row("short units", d.short_units, base.short_units);
  row("indexed units", d.indexed_units,
      std::min(base.indexed_units, d.indexed_units));
  row("exact duplicates", d.exact_duplicates, base.exact_duplicates);
  row("near duplicates", d.near_duplicates, base.near_duplicates);
  row("candidates", d.candidates, base.candidates);
  row("capped queries", d.capped_queries, base.capped_queries);
  absl::StrAppendFormat(&out, "bytes in          %d\n", BytesIn(s));
  absl::StrAppendFormat(&out, "bytes out         %d\n", s.bytes_out);
  if (s.dropped > 0) {
    absl::StrAppendFormat(&out, "dropped           %d\n", s.dropped);
  }
  absl::StrAppendFormat(&out, "lsh               %d bands x %d rows\n",
                        lsh.bands, lsh.rows);
  absl::StrAppendFormat(&out, "index memory      %d bytes (%.1f per unit)\n",
                        d.memory_bytes, d.bytes_per_indexed_unit());
  absl::StrAppendFormat(&out, "time              %.3f s (%.1f MB/s)\n",
                        s.seconds,
                        s.seconds > 0 ? BytesIn(s) / s.seconds / 1e6 : 0.0);
  return out;
}

std::string StatsJson(const RunStats& s) {
  const PipelineStats& p = *s.pipeline;
  std::string out = "{\"version\": ";
  AppendJsonString(Version(), &out);
  out.append(", \"command\": ");
  AppendJsonString(s.command, &out);
  absl::StrAppend(
      &out, ", \"documents_in\": ", p.documents,
      ", \"documents_out\": ", s.documents_out,
      ", \"documents_dropped\": ", s.dropped, ", \"bytes_in\": ", BytesIn(s),
      ", \"bytes_out\": ", s.bytes_out,
      ", \"lines_removed\": ", p.lines_removed, ", \"removed_by\": ");
  AppendObject(p.removed_by, &out);
  absl::StrAppend(&out, ", \"rejected\": ", p.rejected, ", \"rejected_by\": ");
  AppendObject(p.rejected_by, &out);
  absl::StrAppend(&out, ", \"skipped_errors\": ", p.skipped_lines);
  if (s.dedup != nullptr) {
    const DedupStats d = s.dedup->stats();
    const DedupStats base = s.dedup->loaded_stats();
    const LshParams& lsh = s.dedup->lsh_params();
    // Duplicates of this run; the index's totals under "index".
    absl::StrAppend(&out, ", \"duplicates\": {\"near\": ",
                    d.near_duplicates - base.near_duplicates,
                    ", \"exact\": ", d.exact_duplicates - base.exact_duplicates,
                    ", \"units\": ", p.units_removed,
                    "}, \"repeated_ids\": ", p.repeated_ids,
                    ", \"index\": {\"units\": ", d.units,
                    ", \"short_units\": ", d.short_units,
                    ", \"indexed_units\": ", d.indexed_units,
                    ", \"candidates\": ", d.candidates,
                    ", \"capped_queries\": ", d.capped_queries,
                    ", \"memory_bytes\": ", d.memory_bytes,
                    ", \"lsh_bands\": ", lsh.bands,
                    ", \"lsh_rows\": ", lsh.rows, "}");
  }
  absl::StrAppend(&out, ", \"seconds\": ", absl::StrFormat("%.3f", s.seconds),
                  ", \"threads\": ", p.threads, "}\n");
  return out;
}

}  // namespace cli
}  // namespace pith
