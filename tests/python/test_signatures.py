"""pith.signatures() and pith.jaccard(): the MinHash building blocks."""

import random

import pytest

np = pytest.importorskip("numpy")
import pith  # noqa: E402


def words(n, rng, vocab=5000):
    return [f"w{rng.randrange(vocab)}" for _ in range(n)]


def shingle_set(tokens, k=3):
    return {tuple(tokens[i:i + k]) for i in range(len(tokens) - k + 1)}


def test_shape_type_and_determinism():
    texts = ["Hello, World! It is fine.", "hello world it is fine", "", b"bytes are text too"]
    sig = pith.signatures(texts)
    assert sig.shape == (4, 128) and sig.dtype == np.uint32
    assert (sig[0] == sig[1]).all()  # Case and punctuation fold.
    assert (sig[2] == 0xFFFFFFFF).all()  # No word: the empty set.
    assert pith.jaccard(sig[0], sig[1]) == 1.0
    again = pith.signatures(iter(texts), threads=1)
    assert (again == sig).all()
    assert pith.signatures(texts, num_perm=64).shape == (4, 64)
    assert not (pith.signatures(texts, seed=2)[0] == sig[0]).all()
    assert pith.signatures([]).shape == (0, 128)


def test_estimates_follow_the_exact_jaccard():
    rng = random.Random(7)
    errors = []
    for _ in range(40):
        base = words(300, rng)
        edited = list(base)
        for _ in range(rng.randrange(5, 60)):
            edited[rng.randrange(len(edited))] = f"x{rng.randrange(10**6)}"
        a, b = shingle_set(base), shingle_set(edited)
        exact = len(a & b) / len(a | b)
        sig = pith.signatures([" ".join(base), " ".join(edited)], num_perm=256)
        errors.append(pith.jaccard(sig[0], sig[1]) - exact)
    # sd ~ sqrt(J(1-J)/256) <= 0.031; the mean error is ~0 (unbiased).
    assert abs(sum(errors) / len(errors)) < 0.02
    assert max(abs(e) for e in errors) < 0.15


def test_threads_give_the_same_signatures():
    rng = random.Random(3)
    texts = [" ".join(words(rng.randrange(1, 200), rng)) for _ in range(500)]
    one = pith.signatures(texts, threads=1)
    assert (pith.signatures(texts, threads=3) == one).all()
    assert (pith.signatures(texts) == one).all()


def test_errors():
    with pytest.raises(ValueError):
        pith.signatures(["a"], ngram=0)
    with pytest.raises(ValueError):
        pith.signatures(["a"], num_perm=0)
    with pytest.raises(TypeError, match="not one text"):
        pith.signatures("one text")
    with pytest.raises(TypeError, match="must be str or bytes"):
        pith.signatures([1, 2])
    sig = pith.signatures(["a b c", "a b d"])
    with pytest.raises(ValueError, match="different sizes"):
        pith.jaccard(sig[0], sig[1][:64])
    with pytest.raises(ValueError, match="1-D"):
        pith.jaccard(sig, sig)
    assert pith.jaccard(list(sig[0]), sig[0]) == 1.0
