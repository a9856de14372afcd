#!/usr/bin/env python3
"""Times near-duplicate removal of one JSONL corpus three ways, in one run:

  pith (module)   pith.Deduplicator.add_batch() from Python, JSON parsing in
                  Python included (read, json.loads each line, dedup; the
                  kept texts are in a list at the end);
  pith (add)      the same with Deduplicator.add() one document at a time;
  pith dedup      the command line, the whole process (output to /dev/null);
  datasketch      MinHash.bulk() + MinHashLSH, the same JSON parsing, word
                  3-gram shingles of each paragraph (the tokens of
                  ../shared/corpus/dev-neardup/common.py: \\w+ of the
                  lower-cased text), the same threshold and num_perm, and
                  the same decisions: a paragraph with fewer than
                  --min-words words is never a duplicate and is not
                  indexed; any other is a duplicate if an LSH candidate's
                  estimated Jaccard is >= the threshold; every one is
                  indexed, first seen wins; the kept paragraphs are joined
                  into each document's kept text.

The modes alternate (A B C D A B C D ...), each in a fresh process, and the
best and median wall times of each are printed with the ratios (also per
round, and of the CPU times, which a shared machine disturbs less), and the
agreement of pith's and datasketch's removals (paragraphs, by document and
position).

  /usr/bin/python3 bench/python_dedup.py --build BUILD --datasketch DIR
      [--input FILE.jsonl | --mb 16] [--rounds 3] [--threads 0]

BUILD is a Release build with the pith_cli, gen_pages and _pith targets;
DIR is a datasketch checkout (the folder that holds datasketch/; or set
PITH_DATASKETCH), which needs numpy and scipy (python3-numpy,
python3-scipy). Without --input, BUILD/bench/pages-MBMB.jsonl is generated
with gen_pages. Use /usr/bin/python3 (Debian's numpy and scipy).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"\w+")
PARAGRAPH_SPLIT = re.compile(r"\n[ \t]*\n")


def read_docs(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def paragraphs(text):
    return [p for p in PARAGRAPH_SPLIT.split(text) if p.strip()]


def run_pith(args, streaming):
    import pith
    start, cpu = time.perf_counter(), time.process_time()
    docs = read_docs(args.input)
    dedup = pith.Deduplicator(unit="paragraph", threshold=args.threshold,
                              ngram=args.ngram, num_perm=args.num_perm,
                              min_words=args.min_words, threads=args.threads)
    if streaming:
        verdicts = [dedup.add(d["id"], d["text"]) for d in docs]
    else:
        verdicts = dedup.add_batch([(d["id"], d["text"]) for d in docs])
    kept = [v.text for v in verdicts]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    # Which paragraphs went: (document, paragraph index), for the agreement.
    removed = []
    for i, (d, v) in enumerate(zip(docs, verdicts)):
        if not v.removed:
            continue
        starts = paragraph_first_lines(d["text"])
        for r in v.removed:
            if r.line in starts:
                removed.append([i, starts.index(r.line)])
    return {"seconds": seconds, "cpu": cpu, "removed": removed,
            "kept_bytes": sum(map(len, kept)), "version": pith.__version__}


def paragraph_first_lines(text):
    """The 1-based first line of each paragraph (a run of non-blank lines)."""
    starts, line, in_paragraph = [], 0, False
    for line, content in enumerate(text.split("\n"), 1):
        blank = content.strip(" \t\r\v\f\u00a0") == ""
        if not blank and not in_paragraph:
            starts.append(line)
        in_paragraph = not blank
    return starts


def run_datasketch(args):
    sys.path.insert(0, args.datasketch)
    import datasketch
    from datasketch import MinHash, MinHashLSH
    start, cpu = time.perf_counter(), time.process_time()
    docs = read_docs(args.input)
    units = []  # (document, paragraph index)
    shingle_sets = []
    doc_paragraphs = []
    for i, d in enumerate(docs):
        paras = paragraphs(d["text"])
        doc_paragraphs.append(paras)
        for j, p in enumerate(paras):
            tokens = WORD.findall(p.lower())
            if len(tokens) < args.min_words:
                continue  # Never a duplicate, not indexed (as pith).
            k = args.ngram
            units.append((i, j))
            shingle_sets.append({" ".join(tokens[t:t + k]).encode()
                                 for t in range(len(tokens) - k + 1)})
    minhashes = MinHash.bulk(shingle_sets, num_perm=args.num_perm)
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm)
    removed = set()
    for key, mh in enumerate(minhashes):
        if any(mh.jaccard(minhashes[c]) >= args.threshold for c in lsh.query(mh)):
            removed.add(units[key])
        lsh.insert(key, mh)
    kept = ["\n\n".join(p for j, p in enumerate(paras) if (i, j) not in removed)
            for i, paras in enumerate(doc_paragraphs)]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    version = datasketch.__version__
    if version == "0.0.0":  # A checkout, not an installed package.
        with open(os.path.join(args.datasketch, "pyproject.toml"), encoding="utf-8") as f:
            found = re.search(r'^version = "([^"]+)"', f.read(), re.M)
        version = f"{found.group(1)} (checkout)" if found else "a checkout"
    return {"seconds": seconds, "cpu": cpu, "removed": sorted(map(list, removed)),
            "kept_bytes": sum(map(len, kept)), "version": version,
            "bands_rows": [lsh.b, lsh.r]}


def run_cli(args):
    pith = os.path.join(args.build, "tools", "pith", "pith")
    cmd = [pith, "dedup", "-f", "jsonl", "--unit", "paragraph",
           "--threshold", str(args.threshold), "--ngram", str(args.ngram),
           "--num-perm", str(args.num_perm), "--min-words", str(args.min_words),
           "--threads", str(args.threads), args.input]
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu": cpu}


MODES = {
    "pith (module, add_batch)": "pith",
    "pith (module, add)": "pith-add",
    "pith dedup (CLI)": "cli",
    "datasketch": "datasketch",
}


def child(args):
    if args.mode == "pith":
        result = run_pith(args, streaming=False)
    elif args.mode == "pith-add":
        result = run_pith(args, streaming=True)
    elif args.mode == "cli":
        result = run_cli(args)
    else:
        result = run_datasketch(args)
    json.dump(result, sys.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--input")
    parser.add_argument("--mb", type=int, default=16)
    parser.add_argument("--datasketch", default=os.environ.get("PITH_DATASKETCH"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--ngram", type=int, default=3)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--min-words", type=int, default=5)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--skip", action="append", default=[],
                        help="leave a mode out: pith, pith-add, cli, datasketch")
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    if args.mode:
        sys.path.insert(0, os.path.join(args.build, "python"))
        return child(args)

    if not args.input:
        args.input = os.path.join(args.build, "bench", f"pages-{args.mb}MB.jsonl")
        if not os.path.exists(args.input):
            gen = os.path.join(args.build, "bench", "gen_pages")
            with open(args.input + ".tmp", "wb") as out:
                subprocess.run([gen, "--format=jsonl", str(args.mb)], stdout=out, check=True)
            os.rename(args.input + ".tmp", args.input)
    modes = [m for m in MODES.values() if m not in args.skip]
    if "datasketch" in modes and not args.datasketch:
        print("no datasketch checkout (--datasketch DIR or PITH_DATASKETCH): skipped",
              file=sys.stderr)
        modes.remove("datasketch")
    size = os.path.getsize(args.input)
    print(f"input: {args.input}, {size / 1e6:.1f} MB; paragraph units, threshold "
          f"{args.threshold}, word {args.ngram}-grams, num_perm {args.num_perm}, "
          f"min_words {args.min_words}, threads {args.threads}; {args.rounds} rounds, "
          f"modes alternating")
    times = {m: [] for m in modes}
    cpus = {m: [] for m in modes}
    last = {}
    for r in range(args.rounds):
        for m in modes:
            cmd = [sys.executable, os.path.abspath(__file__), "--mode", m,
                   "--input", args.input, "--build", args.build,
                   "--threshold", str(args.threshold), "--ngram", str(args.ngram),
                   "--num-perm", str(args.num_perm), "--min-words", str(args.min_words),
                   "--threads", str(args.threads)]
            if args.datasketch:
                cmd += ["--datasketch", os.path.abspath(args.datasketch)]
            result = json.loads(subprocess.run(cmd, capture_output=True, check=True,
                                               text=True).stdout)
            times[m].append(result["seconds"])
            cpus[m].append(result["cpu"])
            last[m] = result
            print(f"  round {r + 1}: {m:<10} {result['seconds']:8.3f} s "
                  f"(CPU {result['cpu']:.3f} s)", flush=True)
    names = {v: k for k, v in MODES.items()}
    print()
    print(f"{'mode':<26} {'best s':>8} {'median s':>9} {'MB/s (best)':>12} "
          f"{'CPU s (median)':>15}")
    for m in modes:
        best, median = min(times[m]), statistics.median(times[m])
        print(f"{names[m]:<26} {best:8.3f} {median:9.3f} {size / 1e6 / best:12.1f} "
              f"{statistics.median(cpus[m]):15.3f}")
    print()
    if "pith" in modes:
        for m in modes:
            if m == "pith":
                continue
            pairs = [a / b for a, b in zip(times[m], times["pith"])]
            print(f"{names[m]} / pith (module, add_batch): best {min(times[m]) / min(times['pith']):.2f}x, "
                  f"median {statistics.median(times[m]) / statistics.median(times['pith']):.2f}x; "
                  f"rounds {' '.join(f'{x:.2f}' for x in pairs)} "
                  f"(median {statistics.median(pairs):.2f}x); CPU time: median "
                  f"{statistics.median(cpus[m]) / statistics.median(cpus['pith']):.2f}x")
    if "pith" in modes and "datasketch" in modes:
        a = {tuple(x) for x in last["pith"]["removed"]}
        b = {tuple(x) for x in last["datasketch"]["removed"]}
        print(f"removed paragraphs: pith {len(a)}, datasketch {len(b)} "
              f"(LSH {last['datasketch']['bands_rows'][0]} bands x "
              f"{last['datasketch']['bands_rows'][1]} rows), both {len(a & b)}; "
              f"datasketch {last['datasketch']['version']}, pith {last['pith']['version']}")


if __name__ == "__main__":
    main()
