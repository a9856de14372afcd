"""pith.distributed: ``pith dedup`` and ``pith run`` on a Dask cluster, byte-identical to one process.

The stages of ``pith stage`` (see ``pith stage --help``) run as Dask tasks,
each one a ``pith stage`` process, over stage files in a work directory that
every worker can read and write (a shared filesystem on a real cluster):

  plan (here) -> sign (per shard) -> bucket (per partition)
  -> decide (per shard) -> resolve (one task) -> apply (per shard)
  -> merge (here)

The merged output, report and ``--stats`` equal those of ``pith dedup`` with
the same options, byte for byte (the stats but for the time and the index
memory row). A stage whose outputs exist and verify is not run again, so a
run that failed or was stopped can be resumed with the same ``--work-dir``.

Command line::

    python3 -m pith.distributed dedup|run (--scheduler ADDRESS | --workers N)
        [--work-dir DIR] [--keep-work-dir] [--shards N] [--partitions N]
        [--pith PATH] [the options of pith dedup] -o OUT [--report R] INPUT...

Python::

    import pith.distributed
    result = pith.distributed.dedup(["a.jsonl"], "out.jsonl", workers=3,
                                    report="r.jsonl", format="jsonl",
                                    unit="paragraph", threshold=0.8)
    result["workers"]   # the addresses of the workers that ran tasks

Every worker runs the ``pith`` command: it must be at the same path on every
machine (``--pith``, else $PITH_CLI, else ``pith`` on PATH). Inputs are
passed to the stages as named, and every stage runs in the caller's current
directory, so that documents without an id are named ``FILE:LINE`` as by
``pith dedup``: on a cluster, that directory and the inputs must have the
same paths on every machine.

``run`` is the same for ``pith run`` (clean each document, then dedup the
cleaned text): ``python3 -m pith.distributed run ...`` or
``pith.distributed.run(...)``, with the options of ``pith run``.
``--index`` is not supported in staged mode (refused), nor ``--html`` and
``--output-dir``.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

__all__ = ["dedup", "find_pith", "main", "run"]


def find_pith(path=None):
    """The pith command to run: "path", else $PITH_CLI, else pith on PATH."""
    for candidate in (path, os.environ.get("PITH_CLI"), shutil.which("pith")):
        if candidate and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    raise FileNotFoundError(
        "pith.distributed: no pith command (pass --pith PATH or set PITH_CLI)")


def _stage_options(pith):
    """The options of ``pith stage``: {name: takes_a_value} (long and short)."""
    text = subprocess.run([pith, "stage", "--help"], capture_output=True,
                          text=True, check=True).stdout
    options = {}
    # Option lines are indented by 2 to 6 spaces (descriptions by more).
    for m in re.finditer(r"^ {2,6}(?:-(\w), )?--([\w-]+)( [A-Z]\S*)?", text,
                         re.M):
        short, name, value = m.groups()
        options.setdefault("--" + name, bool(value))
        if short:
            options.setdefault("-" + short, bool(value))
    return options


def _option_args(options):
    """{"threshold": 0.8, "keep_going": True} -> ["--threshold", "0.8", ...]."""
    args = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            args.append(flag)
        elif value is False or value is None:
            continue
        else:
            args += [flag, str(value)]
    return args


def _run_stage(pith, cwd, args):
    """A Dask task: runs ``pith stage ARGS`` in the directory "cwd" (where
    the inputs were named); returns (worker, seconds)."""
    start = time.monotonic()
    done = subprocess.run([pith, "stage"] + args, capture_output=True, text=True,
                          cwd=cwd)
    if done.returncode != 0:
        raise RuntimeError(f"pith stage {' '.join(args)}: exit {done.returncode}: "
                           f"{done.stderr.strip()}")
    try:
        from distributed import get_worker
        worker = get_worker().address
    except Exception:  # Not in a worker (e.g. a synchronous run).
        worker = "local"
    return worker, time.monotonic() - start


def dedup(inputs, output, *, report=None, scheduler=None, workers=None,
          work_dir=None, keep_work_dir=False, shards=None, partitions=None,
          pith=None, stats=False, stats_json=None, progress=True, args=(),
          clean=False, **options):
    """Runs ``pith dedup`` over "inputs" in stages on Dask; writes "output".

    "scheduler" is the address of a running Dask scheduler; else a local
    cluster of "workers" processes (default 2) is started and stopped.
    Options of ``pith dedup`` are keywords (``threshold=0.8``,
    ``unit="paragraph"``; ``True`` for a flag) or command-line "args".
    "shards" defaults to 3 per worker, "partitions" to one per worker. The
    work dir defaults to a new directory beside "output"; it is removed at
    the end unless "keep_work_dir" (or it was given and a stage failed).

    Returns a dict: "workers" (addresses that ran tasks), "shards",
    "partitions", "seconds" per stage, "work_dir". Raises RuntimeError with
    pith's message when a stage fails. "clean": the stages of ``pith run``
    (see run()).
    """
    from distributed import Client, LocalCluster, as_completed

    if scheduler is not None and workers is not None:
        raise ValueError("pith.distributed: scheduler or workers, not both")
    pith = find_pith(pith)
    # Inputs are passed as named (ids of documents without one are
    # FILE:LINE, as pith dedup names them), and every stage runs in this
    # directory: on a cluster, the same path on every machine.
    cwd = os.getcwd()
    inputs = [os.fspath(i) for i in inputs]
    output = os.fspath(output)
    opts = (["--clean"] if clean else []) + list(args) + _option_args(options)
    for refused in ("--index", "--output-dir", "--html", "-o", "--output",
                    "--report"):
        if refused in opts:
            raise ValueError(f"pith.distributed: {refused} is not an option here"
                             if refused in ("-o", "--output", "--report") else
                             f"pith.distributed: {refused} is not supported "
                             "in staged mode")
    given_work_dir = work_dir is not None
    if work_dir is None:
        work_dir = tempfile.mkdtemp(
            prefix=".pith-stages-",
            dir=os.path.dirname(output) if output != "-" else None)
    work_dir = os.path.abspath(work_dir)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1,
                               processes=True, host="127.0.0.1",
                               dashboard_address=":0")
        client = Client(cluster)
    else:
        client = Client(scheduler)
    ok = False
    try:
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        shards = shards or 3 * n_workers
        partitions = partitions or n_workers
        common = ["--work-dir", work_dir, "--skip-done"] + opts
        seconds = {}
        ran = set()

        def stage(name, tasks, fn):
            start = time.monotonic()
            futures = [client.submit(fn, pith, cwd, *t, pure=False)
                       for t in tasks]
            for i, f in enumerate(as_completed(futures), 1):
                worker, _ = f.result()
                ran.add(worker)
                if progress:
                    print(f"pith.distributed: {name} {i}/{len(tasks)}",
                          file=sys.stderr, flush=True)
            seconds[name] = time.monotonic() - start

        start = time.monotonic()
        _run_stage(pith, cwd, ["plan", "--shards", str(shards), "--partitions",
                          str(partitions)] + common + ["--"] + inputs)
        seconds["plan"] = time.monotonic() - start
        stage("sign", [(["sign", "--shard", str(k)] + common,)
                       for k in range(shards)], _run_stage)
        stage("bucket", [(["bucket", "--partition", str(p)] + common,)
                         for p in range(partitions)], _run_stage)
        stage("decide", [(["decide", "--shard", str(k)] + common,)
                         for k in range(shards)], _run_stage)
        stage("resolve", [(["resolve"] + common,)], _run_stage)
        rep = ["--report", "x"] if report else []
        stage("apply", [(["apply", "--shard", str(k)] + rep + common,)
                        for k in range(shards)], _run_stage)
        start = time.monotonic()
        merge = ["merge", "--work-dir", work_dir] + opts + ["-o", output]
        if report:
            merge += ["--report", os.fspath(report)]
        if stats:
            merge.append("--stats")
        if stats_json:
            merge += ["--stats-json", os.fspath(stats_json)]
        done = subprocess.run([pith, "stage"] + merge, stderr=subprocess.PIPE,
                              text=True, cwd=cwd)
        if done.stderr:
            sys.stderr.write(done.stderr)
        if done.returncode != 0:
            raise RuntimeError(f"pith stage merge: exit {done.returncode}")
        seconds["merge"] = time.monotonic() - start
        if progress:
            times = ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items())
            print(f"pith.distributed: done: {shards} shards, {partitions} "
                  f"partitions, tasks on {len(ran)} workers ({times})",
                  file=sys.stderr, flush=True)
        ok = True
        return {"workers": sorted(ran), "shards": shards,
                "partitions": partitions, "seconds": seconds,
                "work_dir": work_dir}
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if not keep_work_dir and (ok or not given_work_dir):
            shutil.rmtree(work_dir, ignore_errors=True)


def run(inputs, output, **kwargs):
    """``pith run`` in stages on Dask: cleans each document, then removes
    near-duplicates of the cleaned text; byte-identical to ``pith run``.
    Takes the arguments of dedup() and the options of ``pith run``."""
    return dedup(inputs, output, clean=True, **kwargs)


def main(argv=None):
    """``python3 -m pith.distributed dedup ...``; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 1
    command, rest = argv[0], argv[1:]
    if command not in ("dedup", "run"):
        print(f"pith.distributed: no command {command!r} (dedup or run)",
              file=sys.stderr)
        return 1
    # Ours: {option: attribute, or None for a flag's True}.
    own = {"--scheduler": "scheduler", "--workers": "workers",
           "--work-dir": "work_dir", "--shards": "shards",
           "--partitions": "partitions", "--pith": "pith", "-o": "output",
           "--output": "output", "--report": "report",
           "--stats-json": "stats_json"}
    flags = {"--keep-work-dir": "keep_work_dir", "--stats": "stats",
             "--no-progress": "no_progress"}
    mine = argparse.Namespace(scheduler=None, workers=None, work_dir=None,
                              shards=None, partitions=None, pith=None,
                              output=None, report=None, stats_json=None,
                              keep_work_dir=False, stats=False,
                              no_progress=False)
    pith_path = None
    for i, a in enumerate(rest):
        if a == "--pith" and i + 1 < len(rest):
            pith_path = rest[i + 1]
        elif a.startswith("--pith="):
            pith_path = a.split("=", 1)[1]
    try:
        pith = find_pith(pith_path)
        takes_value = _stage_options(pith)
    except (OSError, subprocess.CalledProcessError) as e:
        print(e, file=sys.stderr)
        return 1
    # The rest: pith options (passed to every stage) and inputs, in order.
    options, inputs, i = [], [], 0
    while i < len(rest):
        a = rest[i]
        name, eq, inline = a.partition("=")
        if a == "--":
            inputs += rest[i + 1:]
            break
        if not a.startswith("-") or a == "-":
            inputs.append(a)
            i += 1
            continue
        if name in flags:
            setattr(mine, flags[name], True)
            i += 1
            continue
        if name not in own and name not in takes_value:
            print(f"pith.distributed: unknown option {a}", file=sys.stderr)
            return 1
        needs = name in own or takes_value[name]
        value = None
        if needs and not eq:
            if i + 1 >= len(rest):
                print(f"pith.distributed: {a} needs a value", file=sys.stderr)
                return 1
            value = rest[i + 1]
            i += 1
        elif needs:
            value = inline
        i += 1
        if name in own:
            attr = own[name]
            setattr(mine, attr, int(value) if attr in
                    ("workers", "shards", "partitions") else value)
        else:
            options += [name, value] if needs else [a]
    if not inputs or not mine.output:
        print("pith.distributed: name the input files and -o OUTPUT",
              file=sys.stderr)
        return 1
    if (mine.scheduler is None) == (mine.workers is None):
        print("pith.distributed: --scheduler ADDRESS or --workers N (one of "
              "them)", file=sys.stderr)
        return 1
    try:
        dedup(inputs, mine.output, report=mine.report, scheduler=mine.scheduler,
              workers=mine.workers, work_dir=mine.work_dir,
              keep_work_dir=mine.keep_work_dir, shards=mine.shards,
              partitions=mine.partitions, pith=pith, stats=mine.stats,
              stats_json=mine.stats_json, progress=not mine.no_progress,
              args=options, clean=command == "run")
    except (RuntimeError, ValueError, OSError) as e:
        print(e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
