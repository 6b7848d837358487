"""Relative pronouns: who, which, that.

Handled in ``speakers/relatives.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import speaker_finder

from helpers import entities, quotes


@pytest.fixture(scope="module")
def who(nlp):
    return speaker_finder(nlp)


def test_relative_pronoun_takes_its_antecedent(who):
    text = "The study, which found that rents had doubled, was published on Monday."
    speaker, canonical = who(text, "rents had doubled")
    assert speaker == "which"
    assert canonical == "The study"


def test_who_takes_the_common_noun_it_modifies(who):
    text = "Peter Hansen hired an architect who said that the fees were never paid."
    assert who(text, "fees were never paid") == ("who", "an architect")


def test_relative_pronoun_takes_the_noun_right_before_it(who):
    # the parser hangs "that" on "help"; the states are the ones who may not want to
    text = "Her plan would require the financial help of states that may not want to chip in."
    assert who(text, "chip") == ("that", "states")


def test_relative_pronoun_after_an_apposition_is_the_name(nlp):
    doc = nlp("Investors backed Citizens Forward, a super PAC that says it will spend $5 "
              "million on ads.")
    records = quotes.from_doc(doc, entities.from_doc(doc))
    assert ("that", "Citizens Forward") in [(r["speaker"], r["speaker_canonical"])
                                           for r in records]


def test_who_takes_the_people_right_before_it(who):
    text = "The plan has become a cause for farmers here, who say that the price is too low."
    assert who(text, "price is too low")[1] == "farmers"


def test_who_is_never_the_thing_the_clause_hangs_on(who):
    text = ("On Monday the host took calls from young listeners to his \"Morning Talk\" "
            "radio show who said they feared the new tax.")
    assert who(text, "feared the new tax")[1] == "young listeners"


def test_who_on_a_copula_predicate_is_its_subject(who):
    # "a lawyer who ...": the relative clause describes Ann Marsh, whom the copula names
    text = "Ann Marsh is a former civil rights lawyer who argued that the fee was unfair."
    assert who(text, "the fee was unfair") == ("who", "Ann Marsh")


def test_who_on_a_copula_predicate_keeps_the_noun_without_a_named_subject(who):
    text = "The mayor is a lawyer who argued that the fee was unfair."
    assert who(text, "the fee was unfair") == ("who", "a lawyer")
