"""pith.Cleaner: results, options, text types, errors, clean_many."""

import pytest

import pith

PAGE = (
    "Home\nNews\nSport\nWeather\n\n"
    "The council approved the new budget on Tuesday after a long debate, "
    "and the mayor said that the plan would be published next week.\n\n"
    "Read more\n\n"
    "Officials expect the changes to take effect in the spring, when the "
    "first projects are due to start across the city.\n"
)


def test_clean_returns_text_and_removals():
    r = pith.Cleaner().clean(PAGE)
    assert isinstance(r, pith.CleanResult)
    assert "council approved" in r.text and "Read more" not in r.text
    assert not r.rejected and not r.unchanged
    rules = {x.rule for x in r.removals}
    assert "read-more" in rules
    read_more = next(x for x in r.removals if x.rule == "read-more")
    assert read_more.text == "Read more" and read_more.line == 8
    assert read_more.partial is False


def test_clean_equals_clean_many():
    texts = [PAGE, PAGE.upper(), "", "one line\n", "Access denied\n"] * 7
    cleaner = pith.Cleaner()
    one = [cleaner.clean(t) for t in texts]
    for threads in (0, 1, 3):
        many = cleaner.clean_many(texts, threads=threads)
        assert [r.text for r in many] == [r.text for r in one]
        assert [[(x.line, x.rule, x.text) for x in r.removals] for r in many] == \
            [[(x.line, x.rule, x.text) for x in r.removals] for r in one]
    assert cleaner.clean_many(iter(texts[:3])) is not None
    assert cleaner.clean_many([]) == []


def test_unchanged_text_is_the_object_given():
    text = ("This paragraph is ordinary prose, long enough and with enough "
            "of the little words that the classifier keeps it as it is.\n")
    r = pith.Cleaner().clean(text)
    if r.unchanged:
        assert r.text is text


def test_bytes_in_bytes_out_with_invalid_utf8():
    page = PAGE.encode() + b"Caf\xe9 \xff\xfe broken bytes stay as they are, in a long enough line of text.\n"
    r = pith.Cleaner().clean(page)
    assert isinstance(r.text, bytes)
    assert all(isinstance(x.text, bytes) for x in r.removals)
    assert r.text == pith.Cleaner().clean(page).text
    # The str result is the bytes result decoded.
    s = pith.Cleaner().clean(PAGE)
    assert pith.Cleaner().clean(PAGE.encode()).text == s.text.encode()


def test_lone_surrogates_become_replacement_characters():
    text = "Line with a lone \ud800 surrogate that is long enough to stay in the text.\n"
    r = pith.Cleaner(classify_paragraphs=False).clean(text)
    assert "\ufffd" in r.text and "\ud800" not in r.text


def test_options_are_keywords_with_the_cli_defaults():
    defaults = pith.Cleaner().options
    assert defaults["drop_repeated_lines"] is True
    assert defaults["footer_zone"] == 0.5
    c = pith.Cleaner(drop_edge_runs=False, classify_paragraphs=False, footer_zone=0.25)
    assert c.options["drop_edge_runs"] is False and c.options["footer_zone"] == 0.25
    r = c.clean(PAGE)
    assert not any(x.rule in {"edge-run", "classifier"} for x in r.removals)
    r = pith.Cleaner(report_removed_text=False).clean(PAGE)
    assert r.removals and all(x.text == "" for x in r.removals)


def test_errors_are_exceptions():
    with pytest.raises(TypeError, match=r"Cleaner\(\) got an unexpected keyword argument 'drop_menus'"):
        pith.Cleaner(drop_menus=True)
    with pytest.raises(TypeError, match="'drop_edge_runs' must be True or False, not int"):
        pith.Cleaner(drop_edge_runs=1)
    with pytest.raises(TypeError, match="'footer_zone' must be a number, not str"):
        pith.Cleaner(footer_zone="0.5")
    with pytest.raises(ValueError, match="zone"):
        pith.Cleaner(footer_zone=1.5)
    with pytest.raises(ValueError, match="out of range"):
        pith.Cleaner(edge_run_max_words=2**40)
    with pytest.raises(TypeError, match="rules must be None, a pith.RuleSet or the path"):
        pith.Cleaner(rules=3)
    cleaner = pith.Cleaner()
    with pytest.raises(TypeError, match="must be str or bytes, not NoneType"):
        cleaner.clean(None)
    with pytest.raises(TypeError, match="must be str or bytes, not bytearray"):
        cleaner.clean(bytearray(b"x"))
    with pytest.raises(TypeError, match="not one text"):
        cleaner.clean_many("a text")
    with pytest.raises(TypeError, match="must be str or bytes, not int"):
        cleaner.clean_many(["ok", 3])
    with pytest.raises(ValueError):
        cleaner.clean_many(["ok"], threads=-1)


def test_reject_rule():
    rules = pith.RuleSet.from_text("reject blocked (?i)^access denied$\n")
    r = pith.Cleaner(rules).clean("Hello\nAccess denied\nMore text\n")
    assert r.rejected and r.text == "" and r.reject_rule == "blocked" and r.reject_line == 2


def test_docstrings_everywhere():
    for obj in (pith.Cleaner, pith.Cleaner.clean, pith.Cleaner.clean_many,
                pith.CleanResult, pith.Removal, pith.RuleSet, pith.RuleSet.from_file,
                pith.Deduplicator, pith.Deduplicator.add, pith.Deduplicator.add_batch,
                pith.Deduplicator.remove, pith.Deduplicator.save, pith.Deduplicator.open,
                pith.Verdict, pith.RemovedUnit, pith.signatures, pith.jaccard, pith.run, pith):
        assert obj.__doc__ and len(obj.__doc__) > 20, obj
