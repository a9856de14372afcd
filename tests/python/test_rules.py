"""pith.RuleSet: the built-in rules, rule files and text, errors."""

import pytest

import pith


def test_default_rules_are_the_built_in_file():
    rules = pith.RuleSet.default()
    assert len(rules) == len(rules.rules) > 50
    first = rules.rules[0]
    assert first.action in {"drop", "drop-rest", "drop-before", "strip", "reject"}
    assert first.source.startswith("default.rules:")
    assert "read-more" in {r.name for r in rules.rules}


def test_from_text_parses_and_matches():
    rules = pith.RuleSet.from_text(
        "# comment\n"
        "drop  read-more  (?i)^\\s*read more\\s*$\n"
        "reject denied (?i)^access denied\n",
        name="site.rules")
    assert [r.name for r in rules.rules] == ["read-more", "denied"]
    assert rules.rules[0].source == "site.rules:2"
    assert rules.match("  Read More ") == ["read-more"]
    assert rules.match(b"Access denied") == ["denied"]
    assert rules.match("nothing here") == []


def test_bad_rule_is_a_value_error_naming_file_and_line():
    with pytest.raises(ValueError) as e:
        pith.RuleSet.from_text("drop ok x\n\ndrop bad (foo\n", name="site.rules")
    assert str(e.value).startswith('site.rules:3: rule "bad": ')
    assert "missing )" in str(e.value)
    with pytest.raises(ValueError, match=r'^rules:1: unknown action "dorp"'):
        pith.RuleSet.from_text("dorp x y\n")
    with pytest.raises(ValueError, match="duplicate rule name"):
        pith.RuleSet.from_text("drop a x\ndrop a y\n")


def test_bad_rule_file_gives_the_message_of_the_cli(tmp_path, pith_cli):
    import subprocess
    path = tmp_path / "site.rules"
    path.write_text("drop fine ^fine$\nstrip broken [unclosed\n")
    with pytest.raises(ValueError) as e:
        pith.RuleSet.from_file(path)
    cli = subprocess.run([pith_cli, "clean", "--rules", str(path), "-"],
                         input=b"x\n", capture_output=True, check=False)
    assert cli.returncode != 0
    assert cli.stderr.decode().strip() == f"pith: {e.value}"
    assert str(e.value).startswith(f"{path}:2: rule \"broken\"")


def test_missing_rule_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="cannot open rule file"):
        pith.RuleSet.from_file(tmp_path / "nope.rules")
    with pytest.raises(OSError):
        pith.Cleaner(rules=str(tmp_path / "nope.rules"))


def test_sets_add_up_and_names_must_stay_unique():
    extra = pith.RuleSet.from_text("drop my-footer (?i)^my footer$\n")
    both = pith.RuleSet.default() + extra
    assert len(both) == len(pith.RuleSet.default()) + 1
    assert both.rules[-1].name == "my-footer"
    with pytest.raises(ValueError, match="duplicate rule name"):
        both + extra


def test_rule_set_options_and_wrong_types():
    pith.RuleSet.default(remembered_lines=0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'max_memory'"):
        pith.RuleSet.default(max_memory=1)
    with pytest.raises(TypeError, match="must be an int, not str"):
        pith.RuleSet.default(max_mem="1")
    with pytest.raises(TypeError, match="must be str or bytes"):
        pith.RuleSet.from_text(42)
    with pytest.raises(TypeError):
        pith.RuleSet.from_file(None)


def test_a_rule_set_makes_several_cleaners():
    rules = pith.RuleSet.from_text("drop junk (?i)^junk$\n")
    a = pith.Cleaner(rules, classify_paragraphs=False)
    b = pith.Cleaner(rules=rules, classify_paragraphs=False)  # Compiled again: the first took the set.
    for cleaner in (a, b):
        r = cleaner.clean("junk\nA sentence that stays in the text.\n")
        assert [x.rule for x in r.removals] == ["junk"]
    assert rules.match("JUNK") == ["junk"]
