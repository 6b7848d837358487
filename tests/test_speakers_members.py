"""One unnamed member of a kind: "one GOP source", "one of his aides".

Handled in ``speakers/possessives.py`` (:func:`one_member`): the speaker is named by the kind,
in the singular and with its owner resolved; the number is not who speaks.
"""

from __future__ import annotations

import pytest
from quote_checks import speaker_finder


@pytest.fixture(scope="module")
def who(nlp):
    return speaker_finder(nlp)


def test_one_member_is_named_by_its_kind(who):
    text = "The talks collapsed after midnight, said one GOP source in the room."
    speaker, canonical = who(text, "talks collapsed")
    assert speaker == "one GOP source"
    assert canonical == "GOP source"


def test_one_of_a_group_is_one_member_in_the_singular(who):
    text = "One of the local farmers said that the new dam would flood the valley."
    assert who(text, "dam would flood")[1] == "local farmer"


def test_one_of_someones_group_names_the_owner(who):
    text = ("Senator Ruth Calder opened the hearing on Monday. One of her aides said that "
            "the vote would be delayed until June.")
    speaker, canonical = who(text, "vote would be delayed")
    assert speaker.startswith("One of her aides")
    assert canonical == "Ruth Calder's aide"



def test_an_owner_no_one_names_is_left_out(who):
    text = "One of their frontbenchers predicted that the vote would fail."
    assert who(text, "vote would fail")[1] == "frontbencher"
