// Copyright 2026 The pith Authors.
//
// CalibrationSummary() and CalibrationHtml() (pith/calibrate.h).

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "pith/calibrate.h"

namespace pith {
namespace {

std::string Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? std::string("-")
                    : absl::StrFormat("%.2f%%", 100.0 * part / whole);
}

std::string Bytes(uint64_t n) {
  if (n >= 10'000'000) return absl::StrFormat("%.1f MB", n / 1e6);
  if (n >= 10'000) return absl::StrFormat("%.1f kB", n / 1e3);
  return absl::StrCat(n, " bytes");
}

// The first bin shown: the one holding "low".
size_t FirstBin(const Calibration& c) {
  return static_cast<size_t>(c.low / c.bin_width + 1e-9);
}

std::string Options(const Calibration& c) {
  const DedupOptions& o = c.dedup;
  return absl::StrFormat(
      "unit %s, threshold %g, verify %s, min_words %d, ngram %d, num_perm "
      "%d, bands x rows %d x %d%s",
      DedupUnitName(o.unit), o.threshold, DedupVerifyName(o.verify),
      o.min_words, o.shingle.ngram, o.minhash.num_perm, c.layout.bands,
      c.layout.rows,
      c.index.empty() ? "" : absl::StrCat(" (recorded in ", c.index, ")"));
}

std::string PairLabel(const CalibrationPair& p) {
  std::string j = p.jaccard >= 0 ? absl::StrFormat("J %.4f", p.jaccard)
                                 : std::string("J unknown");
  return absl::StrFormat(
      "%s, verification %.4f%s: %s line %d <- %s%s line %d", j, p.verified,
      p.verified_exact ? " (exact)" : " (estimate)", p.id, p.line,
      p.other_in_index ? "index: " : "", p.other_id, p.other_line);
}

std::string OneLine(const std::string& text, size_t max) {
  std::string s = text;
  std::replace(s.begin(), s.end(), '\n', ' ');
  if (s.size() > max) s = absl::StrCat(s.substr(0, max), "...");
  return s;
}

}  // namespace

std::string CalibrationSummary(const Calibration& c) {
  std::string out;
  const double t = c.dedup.threshold;
  absl::StrAppendFormat(&out, "options: %s\n", Options(c));
  absl::StrAppendFormat(
      &out,
      "%d documents, %d units (%d short, %d identical to an earlier one, %d "
      "past --max-units), %d candidate pairs of distinct units (found with "
      "%d x %d bands x rows, for J >= %g)\n",
      c.documents, c.units, c.short_units, c.identical_units, c.skipped_units,
      c.candidate_pairs, c.wide.bands, c.wide.rows, c.low);
  if (!c.index.empty()) {
    absl::StrAppendFormat(&out, "index %s: %d units\n", c.index, c.index_units);
  }
  absl::StrAppend(&out, "\nexact J of the candidate pairs:\n");
  uint64_t most = 1;
  for (size_t b = FirstBin(c); b < c.histogram.size(); ++b) {
    most = std::max(most, c.histogram[b]);
  }
  for (size_t b = FirstBin(c); b < c.histogram.size(); ++b) {
    const double lo = b * c.bin_width;
    const int bar = static_cast<int>(
        std::lround(40.0 * std::log1p(c.histogram[b]) / std::log1p(most)));
    absl::StrAppendFormat(&out, "  %.2f-%.2f %c %-40s %d\n", lo,
                          lo + c.bin_width,
                          lo <= t && t < lo + c.bin_width ? '>' : ' ',
                          std::string(bar, '#'), c.histogram[b]);
  }
  absl::StrAppend(&out, "  (bars on a log scale; '>' marks the threshold)\n");
  absl::StrAppendFormat(&out, "\nLSH %d x %d: P(candidate) at J",
                        c.layout.bands, c.layout.rows);
  for (double j : {0.5, 0.6, 0.7, 0.8, 0.9}) {
    absl::StrAppendFormat(&out, " %.1f: %.3f%s", j,
                          c.layout.CandidateProbability(j),
                          j < 0.9 ? "," : "\n");
  }
  absl::StrAppendFormat(
      &out,
      "verification (%s) against the exact J, on the pairs the layout finds:\n"
      "  at J >= %g: accepts %d of %d (%s)\n"
      "  below %g:   accepts %d of %d (%s)\n",
      c.dedup.verify == DedupVerify::kExact ? "exact" : "signature", t,
      c.above_accepted, c.above, Percent(c.above_accepted, c.above), t,
      c.below_accepted, c.below, Percent(c.below_accepted, c.below));
  absl::StrAppendFormat(
      &out,
      "\nat %g: pith dedup removes %d of %d units (%s), %s of %s; %d units "
      "have an earlier unit at J >= %g (%d pairs within 0.05 of %g)\n",
      t, c.removed_units, c.units, Percent(c.removed_units, c.units),
      Bytes(c.removed_bytes), Bytes(c.bytes), c.exact_removals, t,
      c.near_threshold, t);
  absl::StrAppendFormat(
      &out,
      "suggested threshold: %g (%d pairs within 0.05, the fewest in [0.5, "
      "0.95]): %d units have an earlier unit at J >= %g, %s (%+d units "
      "against %g)\n",
      c.suggested_threshold, c.near_suggested, c.suggested_removals,
      c.suggested_threshold, Bytes(c.suggested_removed_bytes),
      static_cast<int64_t>(c.suggested_removals) -
          static_cast<int64_t>(c.exact_removals),
      t);
  auto list = [&](const char* title, const std::vector<CalibrationPair>& v) {
    if (v.empty()) return;
    absl::StrAppendFormat(&out, "\n%s:\n", title);
    for (const CalibrationPair& p : v) {
      absl::StrAppendFormat(&out, "  %s\n    A: %s\n    B: %s\n", PairLabel(p),
                            OneLine(p.text, 160),
                            p.other_in_index ? std::string("(in the index)")
                                             : OneLine(p.other_text, 160));
    }
  };
  list(absl::StrFormat("pairs closest to %g", t).c_str(), c.borderline);
  list(absl::StrFormat("pairs the verification puts on the wrong side of %g", t)
           .c_str(),
       c.wrong);
  return out;
}

namespace {

std::string Escape(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

// A word's comparison key: its lowercase letters and digits (ASCII;
// other bytes as they are).
std::string Key(absl::string_view word) {
  std::string k;
  for (char ch : word) {
    const unsigned char u = static_cast<unsigned char>(ch);
    if (u >= 0x80 || std::isalnum(u)) {
      k += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    }
  }
  return k;
}

// "a" and "b" as HTML, the words of each that are not in their longest
// common subsequence (by Key()) marked.
void MarkDifferences(const std::string& a, const std::string& b,
                     std::string* html_a, std::string* html_b) {
  constexpr size_t kMaxWords = 600;
  std::vector<absl::string_view> wa =
      absl::StrSplit(a, absl::ByAnyChar(" \t\n"), absl::SkipEmpty());
  std::vector<absl::string_view> wb =
      absl::StrSplit(b, absl::ByAnyChar(" \t\n"), absl::SkipEmpty());
  std::vector<bool> keep_a(wa.size(), false), keep_b(wb.size(), false);
  if (wa.size() <= kMaxWords && wb.size() <= kMaxWords) {
    std::vector<std::string> ka, kb;
    for (auto w : wa) ka.push_back(Key(w));
    for (auto w : wb) kb.push_back(Key(w));
    const size_t n = wa.size(), m = wb.size();
    std::vector<std::vector<uint16_t>> l(n + 1, std::vector<uint16_t>(m + 1));
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        l[i][j] = ka[i] == kb[j] ? l[i + 1][j + 1] + 1
                                 : std::max(l[i + 1][j], l[i][j + 1]);
      }
    }
    for (size_t i = 0, j = 0; i < n && j < m;) {
      if (ka[i] == kb[j]) {
        keep_a[i++] = true;
        keep_b[j++] = true;
      } else if (l[i + 1][j] >= l[i][j + 1]) {
        ++i;
      } else {
        ++j;
      }
    }
  } else {
    keep_a.assign(wa.size(), true);
    keep_b.assign(wb.size(), true);
  }
  auto render = [](const std::vector<absl::string_view>& w,
                   const std::vector<bool>& keep, const char* cls) {
    std::string out;
    for (size_t i = 0; i < w.size(); ++i) {
      if (i) out += ' ';
      if (keep[i]) {
        out += Escape(w[i]);
      } else {
        absl::StrAppend(&out, "<mark class=\"", cls, "\">", Escape(w[i]),
                        "</mark>");
      }
    }
    return out;
  };
  *html_a = render(wa, keep_a, "a");
  *html_b = render(wb, keep_b, "b");
}

constexpr double kW = 760, kH = 280, kLeft = 60, kTop = 20;

// x in [0, 1] -> pixels.
double X(double j) { return kLeft + j * kW; }

std::string HistogramSvg(const Calibration& c) {
  std::string s = absl::StrFormat(
      "<svg width=\"%d\" height=\"%d\" "
      "role=\"img\" aria-label=\"histogram of J over the candidate pairs\">\n",
      static_cast<int>(kLeft + kW + 60), static_cast<int>(kTop + kH + 50));
  uint64_t most = 1;
  for (size_t b = FirstBin(c); b < c.histogram.size(); ++b) {
    most = std::max({most, c.histogram[b], c.index_histogram[b]});
  }
  const double top = std::log10(most + 1.0);
  auto y = [&](double count) {
    return kTop + kH - kH * std::log10(count + 1.0) / top;
  };
  // Axes, ticks and grid.
  absl::StrAppendFormat(&s,
                        "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" "
                        "class=\"frame\"/>\n",
                        kLeft, kTop, kW, kH);
  for (int k = 0; k <= 10; ++k) {
    absl::StrAppendFormat(&s,
                          "<text x=\"%g\" y=\"%g\" class=\"tick\" "
                          "text-anchor=\"middle\">%.1f</text>\n",
                          X(k / 10.0), kTop + kH + 16, k / 10.0);
  }
  for (double v = 1; v <= most; v *= 10) {
    absl::StrAppendFormat(
        &s,
        "<line x1=\"%g\" x2=\"%g\" y1=\"%g\" y2=\"%g\" class=\"grid\"/>"
        "<text x=\"%g\" y=\"%g\" class=\"tick\" "
        "text-anchor=\"end\">%g</text>\n",
        kLeft, kLeft + kW, y(v), y(v), kLeft - 4, y(v) + 4, v);
  }
  absl::StrAppendFormat(&s,
                        "<text x=\"%g\" y=\"%g\" class=\"label\" "
                        "text-anchor=\"middle\">exact Jaccard of the pair "
                        "(bars: candidate pairs, log scale)</text>\n",
                        kLeft + kW / 2, kTop + kH + 36);
  // Bars: pairs within the input; pairs with the index (by verification).
  for (size_t b = FirstBin(c); b < c.histogram.size(); ++b) {
    const double x0 = X(b * c.bin_width), w = kW * c.bin_width;
    if (c.histogram[b] > 0) {
      absl::StrAppendFormat(
          &s,
          "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
          "height=\"%.1f\"><title>J %.2f-%.2f: %d pairs</title></rect>\n",
          x0 + 1, y(c.histogram[b]), w - 2, kTop + kH - y(c.histogram[b]),
          b * c.bin_width, (b + 1) * c.bin_width, c.histogram[b]);
    }
    if (c.index_histogram[b] > 0) {
      absl::StrAppendFormat(
          &s,
          "<rect class=\"ibar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
          "height=\"%.1f\"><title>%.2f-%.2f: %d pairs with the index "
          "(verification)</title></rect>\n",
          x0 + w / 2, y(c.index_histogram[b]), w / 2 - 1,
          kTop + kH - y(c.index_histogram[b]), b * c.bin_width,
          (b + 1) * c.bin_width, c.index_histogram[b]);
    }
  }
  // The S-curve of the chosen layout, on the right axis (probability).
  std::string points;
  for (int k = 0; k <= 200; ++k) {
    const double j = k / 200.0;
    absl::StrAppendFormat(&points, "%.1f,%.1f ", X(j),
                          kTop + kH - kH * c.layout.CandidateProbability(j));
  }
  absl::StrAppendFormat(&s,
                        "<polyline class=\"curve\" points=\"%s\"/>\n"
                        "<text x=\"%g\" y=\"%g\" class=\"tick\">P = 1</text>"
                        "<text x=\"%g\" y=\"%g\" class=\"tick\">P = 0</text>\n",
                        points, kLeft + kW + 4, kTop + 4, kLeft + kW + 4,
                        kTop + kH);
  auto vline = [&](double j, const char* cls, const std::string& label,
                   double dy) {
    absl::StrAppendFormat(
        &s,
        "<line class=\"%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%g\" "
        "y2=\"%g\"/><text class=\"%s-label\" x=\"%.1f\" "
        "y=\"%g\">%s</text>\n",
        cls, X(j), X(j), kTop, kTop + kH, cls, X(j) + 4, kTop + 12 + dy,
        Escape(label));
  };
  vline(c.dedup.threshold, "threshold",
        absl::StrFormat("threshold %g", c.dedup.threshold), 0);
  vline(c.suggested_threshold, "suggested",
        absl::StrFormat("suggested %g", c.suggested_threshold), 14);
  s += "</svg>\n";
  return s;
}

std::string ScatterSvg(const Calibration& c) {
  const double size = 320, left = 50, top = 10;
  std::string s = absl::StrFormat(
      "<svg width=\"%d\" height=\"%d\" "
      "role=\"img\" aria-label=\"verification against exact J\">\n"
      "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" class=\"frame\"/>\n",
      static_cast<int>(left + size + 20), static_cast<int>(top + size + 50),
      left, top, size, size);
  const double lo = std::floor(c.low * 10) / 10;
  auto px = [&](double j) { return left + (j - lo) / (1 - lo) * size; };
  auto py = [&](double j) { return top + size - (j - lo) / (1 - lo) * size; };
  absl::StrAppendFormat(&s,
                        "<line class=\"grid\" x1=\"%g\" y1=\"%g\" x2=\"%g\" "
                        "y2=\"%g\"/>\n",
                        px(lo), py(lo), px(1), py(1));
  const double t = c.dedup.threshold;
  absl::StrAppendFormat(&s,
                        "<line class=\"threshold\" x1=\"%g\" x2=\"%g\" "
                        "y1=\"%g\" y2=\"%g\"/><line class=\"threshold\" "
                        "x1=\"%g\" x2=\"%g\" y1=\"%g\" y2=\"%g\"/>\n",
                        px(t), px(t), top, top + size, left, left + size, py(t),
                        py(t));
  for (const CalibrationPair& p : c.sample) {
    if (p.jaccard < lo || p.verified < lo) continue;
    absl::StrAppendFormat(&s,
                          "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" "
                          "r=\"2\"/>\n",
                          p.verified_exact ? "dot-exact" : "dot-estimate",
                          px(p.jaccard), py(p.verified));
  }
  for (int k = 0; k <= 4; ++k) {
    const double j = lo + (1 - lo) * k / 4;
    absl::StrAppendFormat(&s,
                          "<text class=\"tick\" x=\"%.1f\" y=\"%g\" "
                          "text-anchor=\"middle\">%.2f</text><text "
                          "class=\"tick\" x=\"%g\" y=\"%.1f\" "
                          "text-anchor=\"end\">%.2f</text>\n",
                          px(j), top + size + 16, j, left - 4, py(j) + 4, j);
  }
  absl::StrAppendFormat(&s,
                        "<text class=\"label\" x=\"%g\" y=\"%g\" "
                        "text-anchor=\"middle\">exact J (x) against the "
                        "verification (y)</text>\n</svg>\n",
                        left + size / 2, top + size + 36);
  return s;
}

std::string PairsTable(const char* title,
                       const std::vector<CalibrationPair>& pairs) {
  if (pairs.empty()) return "";
  std::string s = absl::StrCat("<h2>", Escape(title), "</h2>\n");
  for (const CalibrationPair& p : pairs) {
    std::string a, b;
    if (p.other_in_index) {
      a = Escape(p.text);
      b = "<i>(in the index: no text)</i>";
    } else {
      MarkDifferences(p.text, p.other_text, &a, &b);
    }
    absl::StrAppendFormat(
        &s,
        "<table class=\"pair\"><caption>%s</caption>\n<tr><th>%s line "
        "%d</th><th>%s%s line %d (earlier)</th></tr>\n<tr><td>%s</td>"
        "<td>%s</td></tr></table>\n",
        Escape(PairLabel(p)), Escape(p.id), p.line,
        p.other_in_index ? "index: " : "", Escape(p.other_id), p.other_line, a,
        b);
  }
  return s;
}

}  // namespace

std::string CalibrationHtml(const Calibration& c) {
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<title>pith calibrate</title>\n<style>\n"
      "body{font:14px/1.4 sans-serif;margin:24px;max-width:1100px;"
      "color:#222}\n"
      "h1{font-size:20px}h2{font-size:16px;margin-top:28px}\n"
      "pre{background:#f6f6f6;padding:10px;white-space:pre-wrap}\n"
      ".frame{fill:none;stroke:#888}.grid{stroke:#ddd}\n"
      ".tick{font-size:11px;fill:#555}.label{font-size:12px;fill:#333}\n"
      ".bar{fill:#4a7ab5}.ibar{fill:#e0a030}\n"
      ".curve{fill:none;stroke:#333;stroke-width:1.5}\n"
      ".threshold{stroke:#c0392b;stroke-width:2}"
      ".threshold-label{fill:#c0392b;font-size:12px}\n"
      ".suggested{stroke:#27ae60;stroke-width:2;stroke-dasharray:6 4}"
      ".suggested-label{fill:#27ae60;font-size:12px}\n"
      ".dot-exact{fill:#4a7ab5;opacity:.6}.dot-estimate{fill:#e0a030;"
      "opacity:.6}\n"
      "table.pair{border-collapse:collapse;width:100%;margin:10px 0;"
      "table-layout:fixed}\n"
      "table.pair td,table.pair th{border:1px solid #ccc;padding:6px;"
      "vertical-align:top;text-align:left;word-wrap:break-word}\n"
      "table.pair caption{text-align:left;font-weight:bold;padding:4px 0}\n"
      "mark.a{background:#f8c8c8}mark.b{background:#c8f0c8}\n"
      ".legend span{display:inline-block;margin-right:16px}\n"
      "</style></head><body>\n<h1>pith calibrate</h1>\n";
  absl::StrAppendFormat(&s, "<p>%s</p>\n", Escape(Options(c)));
  s += HistogramSvg(c);
  absl::StrAppendFormat(
      &s,
      "<p class=\"legend\"><span style=\"color:#4a7ab5\">&#9632; candidate "
      "pairs of the input (exact J, found with %d x %d bands x rows)</span>"
      "%s<span>&#8212; P(candidate) under %d x %d</span>"
      "<span style=\"color:#c0392b\">| threshold</span>"
      "<span style=\"color:#27ae60\">&#166; suggested</span></p>\n",
      c.wide.bands, c.wide.rows,
      c.index.empty() ? ""
                      : "<span style=\"color:#e0a030\">&#9632; pairs with "
                        "the index (verification's J)</span>",
      c.layout.bands, c.layout.rows);
  s += "<h2>Verification against the exact J (a sample of pairs)</h2>\n";
  s += ScatterSvg(c);
  s += "<p class=\"legend\"><span style=\"color:#4a7ab5\">&#9679; exact "
       "(short units, or --verify exact)</span><span "
       "style=\"color:#e0a030\">&#9679; estimate (odd sketch)</span></p>\n";
  absl::StrAppendFormat(&s, "<h2>Summary</h2>\n<pre>%s</pre>\n",
                        Escape(CalibrationSummary(c)));
  s += PairsTable(
      absl::StrFormat("Pairs closest to the threshold %g", c.dedup.threshold)
          .c_str(),
      c.borderline);
  s += PairsTable("Pairs the verification puts on the wrong side", c.wrong);
  s += "</body></html>\n";
  return s;
}

}  // namespace pith
