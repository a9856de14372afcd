"""Two Python threads at once: add_batch (and clean_many) release the GIL,
give correct results and run faster than one thread doing both in turn.
ctest runs this file alone (RUN_SERIAL): it measures time."""

import os
import pathlib
import random
import threading
import time

import pytest

import pith

TESTS = pathlib.Path(__file__).resolve().parents[1]


def corpus(prefix, docs, seed):
    """Documents of paragraphs over a vocabulary of PREFIX words, with
    copies and edits of earlier paragraphs, so that there is work to do."""
    rng = random.Random(seed)
    vocab = [f"{prefix}{i}" for i in range(20000)]
    paragraphs = []
    out = []
    for d in range(docs):
        paras = []
        for _ in range(8):
            if paragraphs and rng.random() < 0.3:
                words = list(rng.choice(paragraphs))
                for _ in range(rng.randrange(0, 4)):
                    words[rng.randrange(len(words))] = rng.choice(vocab)
            else:
                words = rng.choices(vocab, k=rng.randrange(30, 90))
            paragraphs.append(words)
            paras.append(" ".join(words))
        out.append((f"{prefix}-{d}", "\n\n".join(paras) + "\n"))
    return out


def keyed(verdicts):
    return [(v.text, [(r.line, r.doc, r.of_line, r.similarity) for r in v.removed])
            for v in verdicts]


def test_two_threads_give_the_results_of_one():
    a, b = corpus("a", 600, 1), corpus("b", 600, 2)  # No word in common.
    alone_a = keyed(pith.Deduplicator(unit="paragraph").add_batch(a))
    alone_b = keyed(pith.Deduplicator(unit="paragraph").add_batch(b))
    shared = pith.Deduplicator(unit="paragraph")
    results = {}

    def work(name, docs):
        out = []
        for i in range(0, len(docs), 100):  # Batches interleave.
            out += shared.add_batch(docs[i:i + 100])
        results[name] = keyed(out)
    threads = [threading.Thread(target=work, args=x) for x in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results["a"] == alone_a and results["b"] == alone_b
    assert shared.stats["documents"] == 1200
    assert any(v[1] for v in alone_a)  # There were duplicates to find.


def test_the_gil_is_released_during_add_batch():
    docs = corpus("g", 1500, 3)
    d = pith.Deduplicator(unit="paragraph", threads=1)
    done = threading.Event()
    ticks = 0

    def work():
        d.add_batch(docs)
        done.set()
    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0)
    t.join()
    assert ticks > 100  # This thread ran while the other one deduplicated.


def cpus():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def in_two_threads(fn, args):
    threads = [threading.Thread(target=fn, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def signatures_capacity(texts):
    """What two C++ threads gain over one right now, on pith.signatures()
    (no lock, no Python): about the most two Python threads can gain."""
    one = timed(lambda: pith.signatures(texts, threads=1))
    two = timed(lambda: pith.signatures(texts, threads=2))
    return one / two


def check_speedup(what, in_turn, at_once, rounds=10):
    """Two Python threads (at_once) must be at least 25% faster than one
    (in_turn) in some round: with the GIL held they could not be faster at
    all. The machine may be shared, so rounds go on until one shows it; if
    none does, the test fails if two C++ threads (signatures()) were at
    least 1.5x faster than one in most rounds, and is skipped otherwise (no
    second core was free)."""
    texts = [t for _, t in corpus("s", 600, 9)]
    pith.signatures(texts[:10])  # The first call imports numpy.
    seen, caps = [], []
    for _ in range(rounds):
        one, two = timed(in_turn), timed(at_once)
        cap = signatures_capacity(texts)
        caps.append(cap)
        seen.append(f"{one / two:.2f}x (C++ {cap:.2f}x)")
        if one / two > 1.25:
            print(f"{what}: one thread {one:.3f} s, two threads {two:.3f} s: "
                  f"{one / two:.2f}x; two C++ threads: {cap:.2f}x")
            return
    if sorted(caps)[len(caps) // 2] < 1.5:
        pytest.skip(f"no second core free: {', '.join(seen)}")
    pytest.fail(f"{what}: two Python threads against one: {', '.join(seen)}")


@pytest.mark.skipif(cpus() < 2, reason="needs 2 cores")
def test_two_threads_are_faster_than_one():
    a, b = corpus("a", 1500, 4), corpus("b", 1500, 5)

    def in_turn():
        d = pith.Deduplicator(unit="paragraph", threads=1)
        d.add_batch(a)
        d.add_batch(b)

    def at_once():
        d = pith.Deduplicator(unit="paragraph", threads=1)
        in_two_threads(d.add_batch, (a, b))

    check_speedup("add_batch", in_turn, at_once)


@pytest.mark.skipif(cpus() < 2, reason="needs 2 cores")
def test_clean_many_from_two_threads_is_faster():
    texts = [p.read_text() for p in sorted((TESTS / "data" / "seeds").glob("*.txt"))] * 200
    cleaner = pith.Cleaner()
    cleaner.clean_many(texts, threads=1)  # Warm up the rule memos.
    halves = (texts[::2], texts[1::2])
    check_speedup(
        "clean_many",
        lambda: [cleaner.clean_many(h, threads=1) for h in halves],
        lambda: in_two_threads(lambda h: cleaner.clean_many(h, threads=1), halves))
