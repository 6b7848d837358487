"""Speech tags whose verb the tagger read as a noun: "“...,” a station statement read."

Handled in ``attribution/tags.py`` (shape ``verb_read_as_noun``): the last word of the
tag's noun phrase is a reporting verb of the lexicon from which the parse hangs the quoted
clause; the noun before it speaks.
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Viewers complained. “The dancer had been asked to tone down the act,” a network "
         "statement read.", "tone down"),
        ("“She was being swept away by the water,” the volunteer's message read.",
         "swept away"),
    ],
)
def test_a_verb_read_as_a_noun_ends_a_speech_tag(run, text, fragment):
    r = only(run(text), fragment)
    assert (r["cue"], r["type"]) == ("read", "direct")
    assert r["speaker"] is not None and r["speaker"].endswith(("statement", "message"))


def test_a_reporting_noun_the_quotation_does_not_hang_from_is_no_tag(run):
    text = "Visitors liked it. “Fresh bread every single morning,” the baker's report."
    assert not [r for r in run(text) if "Fresh bread" in r["content"]]
