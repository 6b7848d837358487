"""Descriptions the article teaches: "Nordic airline Skyvance ... the airline said".

Handled in ``speakers/epithets.py``: a definite description refers to the one name the text
just gave that noun (with the same modifiers) as its kind, whatever the noun.
"""

from __future__ import annotations

import pytest
from quote_checks import speaker_finder


@pytest.fixture(scope="module")
def who(nlp):
    return speaker_finder(nlp)


def test_kind_in_front_of_the_name(who):
    text = ("Norwegian airline Skyvance has returned to profit after two bad years. "
            "The airline said that fuel costs had fallen sharply.")
    assert who(text, "fuel costs had fallen")[1] == "Skyvance"


def test_kind_in_apposition(who):
    text = ("Marlow Brewing, the family brewer, is closing a plant in Leeds. The brewer said "
            "that demand for bitter had collapsed.")
    assert who(text, "demand for bitter")[1] == "Marlow Brewing"


def test_modifiers_must_be_the_texts(who):
    text = ("Fourth seed Tomas Brenner lost in Doha on Monday. \"I played badly,\" said "
            "the top seed.")
    assert who(text, "played badly")[1] is None


def test_two_names_of_that_kind_leave_it_to_the_ranking(who):
    text = ("Norwegian airline Skyvance and Danish airline Nordjet both cut fares in May. "
            "The airline said that fuel costs had fallen sharply.")
    assert who(text, "fuel costs had fallen")[1] != "Nordjet"
