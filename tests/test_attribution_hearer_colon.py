"""A cue, its hearer, a colon, then the quotation: "X told Mr Reed: “...”".

Handled in ``attribution/attach.py`` (``cue_before``): the words between a cue and the
quotation after its colon may be the cue's hearer when the parse found the cue's reported
clause inside the quotation (or none); the quotation, whole, is what the cue reports.
"""

from __future__ import annotations

import pytest
from quote_checks import quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Officials met on Monday. The book claimed that Mr Lane told Mr Reed: \"There is "
         "nothing you could say to me now that I would believe.\" The vote is next week.",
         "Mr Lane"),
    ],
)
def test_the_quotation_after_the_hearer_is_the_cues_whole(run, text, speaker):
    records = run(text)
    quote = text[text.index('"There') : text.index('believe."') + len('believe."')]
    found = [r for r in records if r["content"] == quote]
    assert [(r["speaker"], r["cue"], r["type"]) for r in found] == [(speaker, "tell", "direct")]
