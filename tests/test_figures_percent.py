"""A percent only where the text states a percentage (helpers.amounts.kinds.percent)."""

from __future__ import annotations

import pytest

from helpers import figures


def kinds(text: str) -> list[tuple[str, str, float, str]]:
    return [(r["kind"], r["surface"], r["value"], r["unit"]) for r in figures.find(text)
            if r["kind"] != "date"]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Turnout rose 5%.", "5%", 5, "%"),
        ("Turnout rose 5 per cent.", "5 per cent", 5, "%"),
        ("Turnout rose fifteen percent.", "fifteen percent", 15, "%"),
        ("Turnout rose 2.5 pct.", "2.5 pct", 2.5, "%"),
        ("Rates rose 0.25 percentage points.", "0.25 percentage points", 0.25,
         "percentage point"),
        ("Rates rose one percentage point.", "one percentage point", 1, "percentage point"),
    ],
)
def test_stated_percentages(text, surface, value, unit):
    ((kind, got_surface, got_value, got_unit),) = kinds(text)
    assert (kind, got_surface, got_value, got_unit) == ("percent", surface, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The Dow fell 50 points.",  # points of an index, not percentage points
        "The percentage of voters was 40 in the north.",  # a bare number near the word
        "Some 30 people, or a large percentage, left.",
        "He scored 20 points in 30 minutes.",
    ],
)
def test_no_percent_without_one_stated(text):
    assert all(kind != "percent" for kind, *_ in kinds(text))


def test_a_percent_word_belongs_to_its_own_number():
    assert kinds("Half of 50 percent of 30 voters.") == [
        ("percent", "50 percent", 50, "%"), ("count", "30", 30, None)]
