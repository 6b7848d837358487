"""Possessed descriptions: his aides, Brandt's lawyer, a place's officer.

Handled in ``speakers/possessives.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import speaker_finder


@pytest.fixture(scope="module")
def who(nlp):
    return speaker_finder(nlp)


def test_possessed_description_is_named_by_its_owner(who):
    text = ("Senator Ruth Calder opened the hearing on Monday. Her aides said that the vote "
            "would be delayed until June.")
    speaker, canonical = who(text, "vote would be delayed")
    assert speaker == "Her aides"
    assert canonical == "Ruth Calder's aides"


def test_possessed_description_does_not_steal_the_pronoun_chain(who):
    text = ("Peter Hansen spoke in Oslo. Tom Berg, a rival, was there too. Hansen said that "
            "the plan would work. His aides said that Berg's budget was wrong. He said that "
            "taxes would fall.")
    assert who(text, "taxes would fall")[1] == "Peter Hansen"


def test_possessed_role_is_the_person_named_with_that_role_and_owner(who):
    text = ("The committee voted to sanction Tomas Brenner on Monday. A lawyer for Brenner, "
            "Ruth Kellerman, said the vote was unfair. Later, Brenner's attorney said that "
            "the sanction would be appealed.")
    assert who(text, "sanction would be appealed")[1] == "Ruth Kellerman"


def test_officer_of_a_place_is_the_next_subject_named(who):
    text = ("Nevada's tax commissioner says no one in her office leaked the files.\n\n"
            "Helen Marsh says she ordered a review on Monday.")
    assert who(text, "no one in her office")[1] == "Helen Marsh"


def test_lede_name_then_possessed_description_is_the_same_person(who):
    text = ("Roe urges council to drop the plan.\n\nJane Roe on Monday urged the council to "
            "drop the plan. \"That was a mistake,\" Smith's former campaign strategist said "
            "in an interview.")
    assert who(text, "That was a mistake")[1] == "Jane Roe"
    # never the narrator's relative
    text = ("I am Jane Roe, and I wrote to the council on Monday. \"That was a mistake,\" my "
            "mother said.")
    assert who(text, "That was a mistake")[1] != "Jane Roe"
