"""A description with an organisation in apposition to it is that organisation ("according
to market analysts Brightwave Research", "The regulator, Ofcom, said").

Handled in ``speakers/names.py`` (``named_apposition``).
"""

from __future__ import annotations

import pytest
from quote_checks import speaker_finder


@pytest.fixture(scope="module")
def who(nlp):
    return speaker_finder(nlp)


def test_analysts_named_right_after(who):
    text = "Sales of tablets rose 9% last year, according to market analysts Brightwave Research."
    assert who(text, "Sales of tablets") == ("market analysts", "Brightwave Research")


def test_body_named_between_commas(who):
    text = "The regulator, Ofcom, said that prices would fall next year."
    assert who(text, "prices would fall") == ("The regulator", "Ofcom")
