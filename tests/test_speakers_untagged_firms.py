"""An organisation description takes up a firm the tagger called a person ("Vostrik sees
...; the company said" → Vostrik), when no given name, gender or title backs that "person"
and it acts as a subject.

Handled in ``speakers/gatherers.py`` (``bodies``, ``_unbacked_name``).
"""

from __future__ import annotations

import pytest
from quote_checks import speaker_finder


@pytest.fixture(scope="module")
def who(nlp):
    return speaker_finder(nlp)


def test_company_is_the_firm_tagged_as_a_person(who):
    text = ("Vostrik sees profits rise\n\nVostrik sees its profits rising this year, helped "
            "by clients like Daimler. The company said that sales rose 9% in the fourth "
            "quarter.")
    assert who(text, "sales rose") == ("The company", "Vostrik")



def test_it_is_the_firm_tagged_as_a_person(who):
    text = ("Vostrik Kreme shares fall\n\nVostrik Kreme said on Monday that it would restate "
            "its accounts. Analysts were surprised. It said that sales fell 9% in the fourth "
            "quarter.")
    assert who(text, "sales fell") == ("It", "Vostrik Kreme")
