// Copyright 2026 The pith Authors.

#include "html_report.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "pith/segment.h"
#include "pith/version.h"

namespace pith {
namespace cli {
namespace {

constexpr absl::string_view kHead = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 2em 4em; color: #222; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ccc;
         padding: .6em 0; z-index: 1; }
h1 { font-size: 1.2em; margin: .2em 0; }
h2 { font-size: 1em; margin: 1.6em 0 .3em; font-family: monospace; }
.meta { color: #666; font-size: .9em; }
#legend label { display: inline-block; margin: .15em .8em .15em 0; white-space: nowrap; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px;
          vertical-align: middle; margin-right: .3em; }
ol.lines { list-style: none; padding: 0; margin: 0; font-family: monospace;
           font-size: 13px; }
ol.lines li { display: flex; gap: 1em; padding: 0 .3em; border-left: 4px solid transparent; }
ol.lines li .n { color: #999; min-width: 3.5em; text-align: right; user-select: none; }
ol.lines li .why { min-width: 12em; color: #555; }
ol.lines li .t { white-space: pre-wrap; word-break: break-word; flex: 1; }
li.drop .t, li.reject .t { text-decoration: line-through; color: #777; }
li.strip .t del { color: #777; }
li.main { background: #f3faf3; }
li:target { outline: 2px solid #e0a000; }
.hidden { display: none !important; }
</style>
</head>
<body>
<header>
<h1>@TITLE@</h1>
<div class="meta">pith @VERSION@ &middot; removed lines are struck through and
coloured by the rule or heuristic that removed them; lines inside a main
region (the page-level decision) have a green background. Untick a reason
to hide its lines.</div>
<div id="legend"></div>
</header>
<main>
)";

// The page's end: the legend's rows, colours from the reasons' names, and
// the filter.
constexpr absl::string_view kScript = R"(<script>
(function () {
  var counts = JSON.parse(document.getElementById('counts').textContent);
  var legend = document.getElementById('legend');
  function hue(name) {
    var h = 0;
    for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
    return h;
  }
  var css = '';
  Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })
    .forEach(function (reason) {
      var color = reason === 'keep' ? '#bbb' : 'hsl(' + hue(reason) + ',65%,45%)';
      var cls = 'r-' + reason.replace(/[^A-Za-z0-9_-]/g, '_');
      if (reason !== 'keep') css += 'li.' + cls + ' { border-left-color: ' + color + '; }\n';
      var label = document.createElement('label');
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', function () {
        document.querySelectorAll('li.' + cls).forEach(function (li) {
          li.classList.toggle('hidden', !box.checked);
        });
      });
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = color;
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(reason + ' (' + counts[reason] + ')'));
      legend.appendChild(label);
    });
  var style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
})();
</script>
</body>
</html>
)";

// Appends "text" with &, <, > and " escaped.
void AppendEscaped(absl::string_view text, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      default:
        out->push_back(c);
    }
  }
}

std::string Escaped(absl::string_view text) {
  std::string out;
  AppendEscaped(text, &out);
  return out;
}

// A CSS class for a reason name (rule names are [A-Za-z0-9_.-]+).
std::string ReasonClass(absl::string_view reason) {
  std::string out = "r-";
  for (char c : reason) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' || c == '-';
    out.push_back(ok ? c : '_');
  }
  return out;
}

void Replace(absl::string_view from, absl::string_view to, std::string* s) {
  const std::string f(from);
  for (size_t at = s->find(f); at != std::string::npos;
       at = s->find(f, at + to.size())) {
    s->replace(at, f.size(), to.data(), to.size());
  }
}

}  // namespace

HtmlReport::HtmlReport(OutputFile* out, DocumentFormat format,
                       std::string title)
    : out_(out), format_(format) {
  buf_ = std::string(kHead);
  Replace("@TITLE@", Escaped(title), &buf_);
  Replace("@VERSION@", Version(), &buf_);
}

std::string HtmlReport::Anchor(uint64_t doc, int64_t line) {
  return absl::StrCat("d", doc, "-l", line);
}

absl::Status HtmlReport::Add(const PipelineDocument& d) {
  const Document& doc = *d.document;
  const CleanResult& clean = *d.clean;
  const uint64_t number = static_cast<uint64_t>(documents_++);
  const bool text_mode = format_ == DocumentFormat::kText;
  absl::StrAppend(&buf_, "<section id=\"d", number, "\"><h2>");
  const std::string where = absl::StrCat(doc.source, ":", doc.line);
  AppendEscaped(text_mode         ? doc.id
                : doc.id == where ? where
                                  : absl::StrCat(where, " id=", doc.id),
                &buf_);
  buf_.append("</h2><div class=\"meta\">");
  if (clean.rejected) {
    absl::StrAppend(&buf_, "rejected by ", Escaped(clean.reject_rule),
                    " (line ", clean.reject_line, ")");
  } else {
    absl::StrAppend(&buf_, clean.removals.size(), " lines removed");
  }
  if (!clean.main_regions.empty()) {
    buf_.append("; main region (shaded): lines");
    for (const LineRange& r : clean.main_regions) {
      absl::StrAppend(&buf_, " ", r.first, "-", r.last);
    }
  }
  buf_.append("</div>\n<ol class=\"lines\">\n");

  // Each line's verdict: a full removal wins over a partial one.
  std::vector<LineSpan> lines = SplitLines(doc.text);
  std::vector<const Removal*> by_line(lines.size() + 1, nullptr);
  for (const Removal& r : clean.removals) {
    if (r.line <= 0 || static_cast<size_t>(r.line) > lines.size()) continue;
    const Removal*& slot = by_line[r.line];
    if (slot == nullptr || (slot->partial && !r.partial)) slot = &r;
  }
  // The lines of the main regions the page-level stage chose, shaded.
  std::vector<uint8_t> in_main(lines.size() + 1, 0);
  for (const LineRange& r : clean.main_regions) {
    for (int64_t line = std::max<int64_t>(r.first, 1);
         line <= r.last && static_cast<size_t>(line) <= lines.size(); ++line) {
      in_main[line] = 1;
    }
  }
  // The cleaned text's non-blank lines are the kept non-blank input lines,
  // in order: that maps the dedup verdict's lines to input lines.
  std::vector<int64_t> cleaned;
  std::vector<const UnitVerdict*> dup_at(lines.size() + 1, nullptr);
  if (d.dedup != nullptr && !clean.rejected) {
    std::vector<int64_t> kept;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Removal* r = by_line[i + 1];
      if ((r == nullptr || r->partial) &&
          !IsBlankLine(lines[i].Line(doc.text))) {
        kept.push_back(static_cast<int64_t>(i + 1));
      }
    }
    size_t next = 0;
    for (LineIterator it(clean.text); !it.done(); it.Next()) {
      const bool blank = IsBlankLine(it.line());
      cleaned.push_back(!blank && next < kept.size() ? kept[next++] : 0);
    }
    for (const UnitVerdict& u : d.dedup->units) {
      if (!u.duplicate || u.line < 1 ||
          static_cast<size_t>(u.line) > cleaned.size()) {
        continue;
      }
      for (int l = u.line; l <= u.last_line; ++l) {
        const int64_t input = cleaned[l - 1];
        if (input > 0) dup_at[input] = &u;
      }
    }
    if (!started_) {
      started_ = true;
      first_doc_ = d.dedup->doc;
    }
    cleaned_lines_.resize(d.dedup->doc - first_doc_ + 1);
    cleaned_lines_.back() = std::move(cleaned);
  }

  for (size_t i = 0; i < lines.size(); ++i) {
    const int64_t line = static_cast<int64_t>(i + 1);
    const Removal* r = by_line[line];
    const UnitVerdict* dup = dup_at[line];
    std::string kind = "keep", reason = "keep";
    if (clean.rejected) {
      kind = "reject";
      reason = line == clean.reject_line ? clean.reject_rule : "rejected";
    } else if (r != nullptr) {
      kind = r->partial ? "strip" : "drop";
      reason = r->reason;
    } else if (dup != nullptr) {
      kind = "drop";
      reason = "near-duplicate";
    }
    ++counts_[reason];
    ++lines_;
    absl::StrAppend(&buf_, "<li id=\"", Anchor(number, line), "\" class=\"",
                    kind, " ", ReasonClass(reason),
                    in_main[line] ? " main" : "", "\"><span class=\"n\">", line,
                    "</span><span class=\"why\">");
    if (dup != nullptr && r == nullptr) {
      const uint64_t other = dup->duplicate_of_doc;
      int64_t target = 0;
      if (started_ && other >= first_doc_ &&
          other - first_doc_ < cleaned_lines_.size()) {
        const std::vector<int64_t>& map = cleaned_lines_[other - first_doc_];
        if (dup->duplicate_of_line >= 1 &&
            static_cast<size_t>(dup->duplicate_of_line) <= map.size()) {
          target = map[dup->duplicate_of_line - 1];
        }
      }
      if (target > 0) {
        absl::StrAppend(&buf_, "<a href=\"#",
                        Anchor(other - first_doc_, target), "\">");
      }
      absl::StrAppend(&buf_, "duplicate of ", Escaped(dup->duplicate_of_id),
                      target > 0 ? absl::StrCat(":", target) : "",
                      target > 0 ? "</a>" : " (in the index)");
    } else if (kind != "keep") {
      absl::StrAppend(&buf_, Escaped(kind), " ", Escaped(reason));
    }
    buf_.append("</span><span class=\"t\">");
    if (kind == "strip") {
      // The removed text, struck through, then the line as it was.
      absl::StrAppend(&buf_, "<del>", Escaped(r->text), "</del> ");
    }
    AppendEscaped(lines[i].Line(doc.text), &buf_);
    buf_.append("</span></li>\n");
  }
  buf_.append("</ol></section>\n");
  absl::Status s = out_->Write(buf_);
  buf_.clear();
  return s;
}

absl::Status HtmlReport::Finish() {
  buf_.append("</main>\n<script type=\"application/json\" id=\"counts\">{");
  bool first = true;
  for (const auto& [reason, n] : counts_) {
    if (!first) buf_.push_back(',');
    first = false;
    AppendJsonString(reason, &buf_);  // Rule names hold no '<'.
    absl::StrAppend(&buf_, ":", n);
  }
  buf_.append("}</script>\n");
  absl::StrAppend(&buf_, "<p class=\"meta\">", documents_, " documents, ",
                  lines_, " lines.</p>\n");
  buf_.append(kScript.data(), kScript.size());
  absl::Status s = out_->Write(buf_);
  buf_.clear();
  return s;
}

}  // namespace cli
}  // namespace pith
