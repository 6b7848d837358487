"""Headline descriptions: a headline names its speaker by what they are ("Consumer Website
Calls ...", "Rural Lawmakers Say ..."), and the article then names them.

Handled in ``speakers/headlines.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


def _headline_speaker(run, text: str) -> tuple[str | None, str | None]:
    """Speaker and canonical name of the attribution whose content is in the headline."""
    title_end = text.index("\n")
    found = [r for r in run(text) if r["content_end"] <= title_end]
    assert len(found) == 1, found
    return found[0]["speaker"], found[0]["speaker_canonical"]


@pytest.mark.parametrize(
    ("text", "speaker", "canonical"),
    [
        # an outlet or organisation: the organisation the article goes on to name
        ("Consumer Website Calls Loan Offer A ‘Trap.’\n\nOn Friday, the National Lending "
         "Alliance published a review of the new loans. Its editors found hidden fees.",
         "Consumer Website", "National Lending Alliance"),
        ("Consumer Website Says Loan Offer Is A ‘Trap.’\n\nOn Friday, the Consumer Federation "
         "of Ohio published a review of the new loans.",
         "Consumer Website", "Consumer Federation of Ohio"),
        # a group of people: the body whose name has the description's word
        ("Rural Lawmakers Call Water Plan A ‘Giveaway.’\n\nThe plan was announced on "
         "Monday. Members of the Rural Caucus met on Tuesday to oppose it.",
         "Rural Lawmakers", "Rural Caucus"),
    ],
)
def test_headline_description_is_who_the_article_names(run, text, speaker, canonical):
    assert _headline_speaker(run, text) == (speaker, canonical)


@pytest.mark.parametrize(
    ("text", "speaker", "canonical"),
    [
        # no body named after it shares the description's word: the phrase as written
        ("Worried Parents Rally To ‘Save Our Libraries.’\n\nThe Library Board met on Monday "
         "to discuss the budget.", "Parents", "Parents"),
        # a party word is no name of the group ("Democratic lawmakers" are not the party)
        ("Democratic Lawmakers Say Water Plan Is A ‘Giveaway.’\n\nThe Democratic National "
         "Committee said nothing on Monday.", "Democratic Lawmakers", None),
    ],
)
def test_headline_description_without_a_fitting_body(run, text, speaker, canonical):
    assert _headline_speaker(run, text) == (speaker, canonical)
