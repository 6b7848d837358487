"""Filters and records: nesting, duplicates, quote type, ids and the table contract.

Handled in ``attribution/filters.py``, ``attribution/extract.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner

from helpers import quotes, schema


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


def test_mixed_quote(run):
    text = "Maria Lopez said the plan was “dead on arrival” and would be withdrawn."
    r = only(run(text), "dead on arrival")
    assert r["type"] == "mixed"


def test_cue_inside_a_quotation_is_not_separate(run):
    text = "“I think the deal is good,” Peter Hansen said."
    records = run(text)
    assert len(records) == 1
    assert records[0]["speaker_canonical"] == "Peter Hansen"


def test_evidence_cue_inside_reported_clause_is_one_attribution(run):
    records = run("Peterson said the videos show the officer fired first.")
    assert [r["cue"] for r in records] == ["say"]


def test_evidence_cue_folded_into_an_outer_cue_that_is_folded_too(run):
    # "show" and "showed" both sit inside Peterson's reported clause: one attribution for
    # him, plus the relative clause "which he said ..."
    records = run("Peterson said the videos do not show whether the man had a gun in his hands, "
                  "which he said were at his side when he was shot, the footage showed.")
    assert sorted(r["cue"] for r in records) == ["say", "say"]
    assert only(records, "videos")["speaker"] == "Peterson"


def test_finding_in_a_relative_clause_about_a_thing_is_part_of_the_outer_report(run):
    records = run("The lawyer said the inspectors had records that showed the tower was unsafe.")
    assert [r["cue"] for r in records] == ["say"]


def test_report_in_a_relative_clause_about_a_person_stays_separate(run):
    records = run("The lawyer said the inspectors had a source who said the tower was unsafe.")
    assert sorted(r["cue"] for r in records) == ["say", "say"]


def test_quote_ids_in_text_order(run):
    text = ("Maria Lopez said the bill would pass. Peter Hansen said it would fail. "
            "“We will see,” Anna Berg said.")
    records = run(text)
    assert [r["quote_id"] for r in records] == [f"q{i}" for i in range(1, len(records) + 1)]
    assert [r["content_start"] for r in records] == sorted(r["content_start"] for r in records)


def test_empty_and_quote_free_text(run):
    assert run("") == []
    assert run("The weather was fine on Monday.") == []


def test_extract_returns_contract_columns():
    df = quotes.extract("Maria Lopez said that the bill would pass.")
    assert list(df.columns)[: len(schema.columns("quotes"))] == schema.columns("quotes")
    assert len(df) == 1 and df.loc[0, "quote_id"] == "0:q1"
    # the rule that made each attribution follows the contract's columns
    assert list(df.columns)[len(schema.columns("quotes"))] == "rule"
    assert str(df["rule"].dtype) == "string" and df.loc[0, "rule"] == "reported_clause"
    assert "rule" in quotes.extract("No one said anything here.").columns


@pytest.mark.parametrize(
    "text",
    [
        "“" * 50,
        "”" * 20 + " he said " + "“" * 20,
        '"""""" said "" X "',
        "‘ ’ ‘ ’ « » „ “ ‹ › ―\n\n“\n\n“\n\n“ said:",
        "He said: \n\n\n",
        "SAID: said: according to\n\nACCORDING TO: “",
        "The <b>minister</b> said that “<script>x</script>” & co. would win.",
        ("“Word " * 300) + "” she said.",
    ],
)
def test_hostile_text_never_breaks(run, text):
    records = run(text)  # the fixture checks every offset invariant
    assert isinstance(records, list)


def test_as_someone_spoke_is_a_time_not_a_comment(run):
    records = run("The crowd chanted “Lock her up” as Maria Lopez spoke.")
    assert [r["cue"] for r in records] == ["chant"]


def test_act_asked_of_someone_else_is_no_report_of_its_own(run):
    records = run("The coach told his players never to speak of the injury.")
    assert [r["cue"] for r in records] == ["tell"]
    assert records[0]["content"] == "his players never to speak of the injury"
