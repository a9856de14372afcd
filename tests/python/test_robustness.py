"""Exceptions, never crashes: random bytes and strange text through every
call."""

import random

import pytest

import pith


def random_inputs(seed, count):
    rng = random.Random(seed)
    pieces = [b"\n", b"\r\n", b"\n\n", b" ", b"\t", b"\x00", b"\xff", b"\xc3", b"\xe2\x80",
              b"Read more", "Café ".encode(), "日本語".encode(), b"\xed\xa0\x80",
              b"word " * 5, b"(", b"\\", b'"']
    for _ in range(count):
        yield b"".join(rng.choice(pieces) if rng.random() < 0.7 else bytes([rng.randrange(256)])
                       for _ in range(rng.randrange(0, 200)))


def test_random_bytes_never_crash():
    cleaner = pith.Cleaner()
    dedup = pith.Deduplicator(unit="paragraph", min_words=1)
    inputs = list(random_inputs(1, 300))
    for i, data in enumerate(inputs):
        r = cleaner.clean(data)
        assert isinstance(r.text, bytes)
        v = dedup.add(i, data)
        assert isinstance(v.text, bytes)
        text = data.decode("utf-8", errors="surrogateescape")  # Lone surrogates.
        assert isinstance(cleaner.clean(text).text, str)
        assert isinstance(dedup.add(f"s{i}", text).text, str)
    assert len(cleaner.clean_many(inputs, threads=2)) == len(inputs)
    assert len(dedup.add_batch(enumerate(inputs))) == len(inputs)
    assert pith.signatures(inputs).shape == (len(inputs), 128)


def test_random_rule_text_is_a_value_error_or_a_rule_set():
    rng = random.Random(2)
    parts = ["drop", "strip", "reject", "dorp", "x", "y", "(", ")", "[a-", "\\", "*",
             "(?i)", "{1,1000}", "\n", " ", "#", "a" * 50]
    for _ in range(300):
        text = "".join(rng.choice(parts) for _ in range(rng.randrange(1, 12)))
        try:
            rules = pith.RuleSet.from_text(text)
        except ValueError as e:
            assert str(e).startswith("rules:")
        else:
            cleaner = pith.Cleaner(rules)
            cleaner.clean("x\ny\n(\n")


def test_wrong_types_are_type_errors():
    cleaner = pith.Cleaner()
    for bad in (None, 1, 1.5, ["x"], {"text": "x"}, object()):
        with pytest.raises(TypeError):
            cleaner.clean(bad)
        with pytest.raises(TypeError):
            pith.Deduplicator().add("id", bad)
        with pytest.raises(TypeError):
            pith.signatures([bad])
