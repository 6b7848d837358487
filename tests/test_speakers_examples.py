"""A group given by the people it lists: "Critics, like Sens. X and Y,", "someone like X".

Handled in ``speakers/descriptions.py`` (:func:`group_examples`, with
``gatherers.named_examples``): the named examples are who the text names as speaking.
"""

from __future__ import annotations

import pytest
from quote_checks import speaker_finder


@pytest.fixture(scope="module")
def who(nlp):
    return speaker_finder(nlp)


def test_critics_like_named_senators_are_those_senators(who):
    text = ("Critics of the water plan, like Senators Mark Orlen, Republican of Iowa, and "
            "Ruth Bayle, Democrat of Vermont, say the scheme wastes money.")
    assert who(text, "scheme wastes money")[1] == "Mark Orlen and Ruth Bayle"


def test_experts_including_a_named_one(who):
    text = "Many tax experts, including Fred Goldman, say the scheme wastes money."
    assert who(text, "scheme wastes money")[1] == "Fred Goldman"


def test_critics_such_as_a_named_one(who):
    text = "Critics such as Senator Ruth Bayle say the scheme wastes money."
    assert who(text, "scheme wastes money")[1] == "Ruth Bayle"

