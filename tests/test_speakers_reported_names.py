"""A pronoun speaker is not a name in the clause it reports ("Ms Hart has failed, she
claimed"; "He insisted that Mr Reed had his support").

Handled in ``speakers/pronouns.py`` (``_reported_names``): binding, filtered before ranking.
"""

from __future__ import annotations

import pytest
from quote_checks import speaker_finder


@pytest.fixture(scope="module")
def who(nlp):
    return speaker_finder(nlp)


def test_report_before_its_cue_names_someone_else(who):
    # the nearest subject is Ms Hart, but she is whom the report is about
    text = ("Senator Ann Cole spoke in Leeds on Monday. She said her party would cut taxes. "
            "Governor Mary Hart was not there. Ms Hart has failed to fix the roads, she "
            "claimed.")
    assert who(text, "failed to fix") == ("she", "Ann Cole")


def test_report_after_its_cue_names_someone_else(who):
    text = ("Prime Minister Tom Reed faces questions in parliament today. Mr Reed has denied "
            "any rift with his deputy, Paul Grant. He insisted that Mr Reed had his full "
            "support.")
    assert who(text, "full support") == ("He", "Paul Grant")
