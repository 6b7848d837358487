"""The vocabulary files of the quote and speaker layer and their one loader.

Handled in ``helpers/lexicons.py`` and ``data/quote_*.csv``, ``data/given_names.csv``.
"""

from __future__ import annotations

import csv
from importlib import resources

from helpers import lexicons
from helpers.attribution import CUE_RULES


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("helpers.data").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_rule_table_names_every_rule_once_with_a_confidence():
    rows = _rows("quote_rules.csv")
    names = [r["rule"] for r in rows]
    assert len(names) == len(set(names))
    for rule in lexicons.rules().values():
        assert 0.0 <= rule.confidence <= 1.0
        assert rule.stage in ("cue", "lead", "attach")
        assert rule.form and rule.description
    # a cue without content waits for a quotation and is never a record by itself
    assert lexicons.rules()["bare_cue"].confidence == 0.0


def test_cue_rules_are_registered_in_order():
    assert [r.name for r in CUE_RULES] == [
        "according_to", "reporting_verb", "made_clear", "support_verb", "reporting_noun",
        "stance_predicate",
    ]


def test_every_cue_frame_has_its_behaviour():
    frames = lexicons.frames()
    assert {cue.frame for cue in lexicons.cue_lexicon().values()} <= set(frames)
    assert {f.nested for f in frames.values()} <= {"drop", "keep", "fold"}
    # a cue that needs a dependent names it as relation:word
    assert ("prt", "out") in lexicons.cue_lexicon()[("point", "VERB")].needs


def test_word_sets_and_description_tags_load():
    sets = {r["set"] for r in _rows("quote_word_sets.csv")}
    for name in sets:
        assert lexicons.word_set(name)
    assert "about" in lexicons.word_set("topic_prep")
    assert {"agency", "union"} <= lexicons.described_as("body")
    assert {"judge", "admiral", "legislator"} <= lexicons.offices()


def test_one_given_names_file_with_gender():
    rows = _rows("given_names.csv")
    names = [r["name"] for r in rows]
    assert names == sorted(set(names)) and all(n == n.lower() for n in names)
    assert {r["gender"] for r in rows} <= {"m", "f", ""}
    genders = lexicons.first_names()
    assert genders["maria"] == "f" and genders["peter"] == "m"
    # names without a known gender still make a "Given Surname" pair a person
    assert "jean" in lexicons.given_names() and "ahmet" in lexicons.given_names()
    assert "ahmet" not in genders
    # a name that is also a function word proves nothing ("Taxes Will Fall")
    assert "will" in genders and "will" not in lexicons.given_names()
