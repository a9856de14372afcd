#!/usr/bin/python3
"""Exact Jaccard of the pairs a `pith dedup --report` names (stdlib only).

usage: dedup_precision.py DOCS_JSONL REPORT_JSONL [-t 0.8] [--unit paragraph]
                          [--ngram 3] [--field text] [--closure] [--show N]
                          [--reference REPORT_JSONL] [--pith-tokens]

For every report record {"doc", "line", "duplicate_of": {"doc", "line"}}
it finds the two units in DOCS_JSONL (the input of the run: one JSON object
per line, the text in --field, named by its "id" member or else its 1-based
line number, as pith names them), computes their Jaccard similarity EXACTLY
with the shingling contract of ../shared/corpus/dev-neardup/common.py
(tokens = re.findall(r"\\w+", text.lower()), the SET of word n-grams, a unit
of 1 to n-1 tokens has one shingle, its whole token sequence), and prints
the fraction of reported pairs with J >= t. It needs no truth file, so it
checks any text: generated pages, other corpora.

  --closure  also close the (removed, kept) edges into clusters and score
             every pair within a cluster (what score.py does by default);
  --show N   print the N reported pairs with the lowest J, side by side;
  --reference REPORT
             a report of another run on the same input (e.g. with --verify
             exact): also print the fraction of its cluster pairs with
             J >= t that this report's clusters hold too (recall against
             that run, where no truth file exists).

  --pith-tokens
             tokenize as pith does (include/pith/shingle.h: NFKD and Unicode
             case folding, so "Fußball" == "FUSSBALL", combining marks kept
             in their word) instead of the contract's \w+ of str.lower();
             both agree on plain English text. (Scripts that pith splits
             into one token per character, such as Chinese, are not.)

Units follow pith's rules (include/pith/dedup.h): a blank line holds only
spaces, tabs and "\\r"; "line" is each non-blank line, "paragraph" a maximal
run of non-blank lines, "document" the whole text. "line" numbers are
1-based in the document's text, and any line of a unit names it.

The last line of output is
  precision P (J >= t: N of M reported pairs) [closure precision P2 ...]
"""

import argparse
import collections
import json
import re
import sys
import unicodedata

_WORD = re.compile(r"\w+")


def is_blank(line):
    return line.strip(" \t\r") == ""


def units_of(text, unit):
    """-> ({1-based line: unit index}, [unit texts])."""
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    index, texts = {}, []
    if unit == "line":
        for i, ln in enumerate(lines):
            if not is_blank(ln):
                index[i + 1] = len(texts)
                texts.append(ln)
    elif unit == "paragraph":
        i = 0
        while i < len(lines):
            if is_blank(lines[i]):
                i += 1
                continue
            j = i
            while j + 1 < len(lines) and not is_blank(lines[j + 1]):
                j += 1
            for k in range(i, j + 1):
                index[k + 1] = len(texts)
            texts.append("\n".join(lines[i:j + 1]))
            i = j + 1
    else:
        nonblank = [i for i, ln in enumerate(lines) if not is_blank(ln)]
        if nonblank:
            for k in range(nonblank[0], nonblank[-1] + 1):
                index[k + 1] = 0
            texts.append("\n".join(lines[nonblank[0]:nonblank[-1] + 1]))
    return index, texts


def pith_tokens(text):
    toks, cur = [], []
    for c in unicodedata.normalize("NFKD", unicodedata.normalize(
            "NFKD", text).casefold()):
        if c.isalnum() or c == "_" or (
                cur and unicodedata.category(c).startswith("M")):
            cur.append(c)
        elif cur:
            toks.append("".join(cur))
            cur = []
    if cur:
        toks.append("".join(cur))
    return toks


def shingles(text, n, pith=False):
    toks = pith_tokens(text) if pith else _WORD.findall(text.lower())
    if not toks:
        return frozenset()
    if len(toks) < n:
        return frozenset([" ".join(toks)])
    return frozenset(" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1))


def jaccard(a, b):
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs")
    ap.add_argument("report")
    ap.add_argument("-t", "--threshold", type=float, default=0.8)
    ap.add_argument("--unit", choices=("line", "paragraph", "document"),
                    default="paragraph")
    ap.add_argument("--ngram", type=int, default=3)
    ap.add_argument("--field", default="text")
    ap.add_argument("--closure", action="store_true")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--reference")
    ap.add_argument("--pith-tokens", action="store_true")
    args = ap.parse_args()
    t = args.threshold - 1e-9

    needed = collections.defaultdict(set)  # doc -> lines

    def read_report(path):
        records = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                o = json.loads(line)
                a = (str(o["doc"]), int(o["line"]))
                b = (str(o["duplicate_of"]["doc"]),
                     int(o["duplicate_of"]["line"]))
                records.append((a, b, o.get("similarity")))
                needed[a[0]].add(a[1])
                needed[b[0]].add(b[1])
        return records

    records = read_report(args.report)
    reference = read_report(args.reference) if args.reference else None

    units = {}  # (doc, unit index) -> (text, shingles)
    line_to_unit = {}  # (doc, line) -> (doc, unit index)
    with open(args.docs, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            o = json.loads(line)
            doc = str(o["id"]) if "id" in o else str(lineno)
            if doc not in needed:
                continue
            text = o.get(args.field)
            if not isinstance(text, str):
                continue
            index, texts = units_of(text, args.unit)
            for ln in needed[doc]:
                if ln in index:
                    key = (doc, index[ln])
                    line_to_unit[(doc, ln)] = key
                    if key not in units:
                        u = texts[index[ln]]
                        units[key] = (u, shingles(u, args.ngram, args.pith_tokens))

    def to_edges(records):
        edges, missing = [], 0
        for a, b, sim in records:
            ka, kb = line_to_unit.get(a), line_to_unit.get(b)
            if ka is None or kb is None:
                missing += 1
                continue
            edges.append((ka, kb, sim))
        if missing:
            print(f"WARNING: {missing} records name no unit of {args.docs}",
                  file=sys.stderr)
        return edges

    def clusters_of(edges):
        parent = {}

        def find(x):
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for ka, kb, _ in edges:
            ra, rb = find(ka), find(kb)
            if ra != rb:
                parent[ra] = rb
        clusters = collections.defaultdict(list)
        for x in list(parent):
            clusters[find(x)].append(x)
        return list(clusters.values()), {x: find(x) for x in parent}

    def good_pairs(members):
        for i in range(len(members)):
            for k in range(i + 1, len(members)):
                yield (members[i], members[k],
                       jaccard(units[members[i]][1],
                               units[members[k]][1]) >= t)

    edges = to_edges(records)

    js = []
    for ka, kb, sim in edges:
        js.append((jaccard(units[ka][1], units[kb][1]), ka, kb, sim))
    good = sum(1 for j, *_ in js if j >= t)
    bands = collections.Counter()
    for j, *_ in js:
        if j < t:
            bands[f"{int(j * 20) / 20:.2f}"] += 1
    for band in sorted(bands, reverse=True):
        print(f"below t: J in [{band}, +0.05): {bands[band]}")
    if args.show:
        for j, ka, kb, sim in sorted(js, key=lambda x: x[0])[:args.show]:
            print(f"--- J {j:.4f} (reported {sim}): {ka[0]} unit {ka[1]} / "
                  f"{kb[0]} unit {kb[1]}")
            print("  A: " + units[ka][0].replace("\n", " ")[:300])
            print("  B: " + units[kb][0].replace("\n", " ")[:300])
    line = (f"precision {good / len(js) if js else 1.0:.4f} "
            f"(J >= {args.threshold:g}: {good} of {len(js)} reported pairs)")
    clusters, root = clusters_of(edges)
    if args.closure:
        total = ok = 0
        for members in clusters:
            for _, _, good in good_pairs(members):
                total += 1
                ok += good
        line += (f" closure precision {ok / total if total else 1.0:.4f} "
                 f"({ok} of {total} pairs)")
    if reference is not None:
        ref_clusters, _ = clusters_of(to_edges(reference))
        total = found = 0
        for members in ref_clusters:
            for a, b, good in good_pairs(members):
                if good:
                    total += 1
                    found += a in root and b in root and root[a] == root[b]
        line += (f" recall against the reference "
                 f"{found / total if total else 1.0:.4f} ({found} of {total} "
                 f"pairs at J >= {args.threshold:g})")
    print(line)


if __name__ == "__main__":
    main()
