"""Counts: the counted noun's lemma as unit, and no count where a number only names (a name,
an address, a score line, a time of day, a date, an ordinal) (helpers.amounts.counts)."""

from __future__ import annotations

import pytest

from helpers import figures


def counts(nlp, text: str) -> list[tuple[str, float, str | None]]:
    return [(r["surface"], r["value"], r["unit"]) for r in figures.from_doc(nlp(text), [], None)
            if r["kind"] == "count"]


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("Rescuers freed twelve miners.", "twelve", "miner"),
        ("The firm shut 3,400 stores.", "3,400", "store"),
        ("Dozens of homes were flooded.", "Dozens", "home"),
        ("Officials counted 1 414 021 ballots.", "1 414 021", "ballot"),
    ],
)
def test_the_counted_nouns_lemma(nlp, text, surface, unit):
    assert counts(nlp, text)[0][0::2] == (surface, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The talk aired on Radio 4 yesterday.",  # a name
        "Protesters gathered outside 10 Downing Street.",  # an address
        "The embassy is at 24 Grosvenor Square.",
        "Leeds won 3-1 at home.",  # a score line
        "The vote closes at 10:30 pm.",  # a time of day
        "The ceasefire began on 4 May 2023.",  # a date
        "She finished 21st in the race.",  # an ordinal
        "Two-thirds of voters agreed.",  # a proportion
        "The bill was passed in nineteen ninety-eight.",  # a year in words
    ],
)
def test_numbers_that_name_are_not_counts(nlp, text):
    assert counts(nlp, text) == []
