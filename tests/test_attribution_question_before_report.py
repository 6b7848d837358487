"""A quoted question or exclamation, then a new sentence whose cue reports a clause of its
own: "“Is it fair?” Mr Lane said he would not answer."

Handled in ``attribution/attach.py`` (``cue_after``): the quotation ended its sentence with
its own "?" or "!", so the reported clause after it does not reach back over it.
"""

from __future__ import annotations

import pytest
from quote_checks import quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


@pytest.mark.parametrize("mark", ["?", "!"])
def test_the_report_after_a_quoted_question_keeps_to_its_own_clause(run, mark):
    text = (f"Voters asked one thing. \"Why should we pay for the new bridge{mark}\" Mr Lane "
            "said he would not answer questions about the budget.")
    found = [r for r in run(text) if r["cue"] == "say"]
    assert [r["content"] for r in found] == [
        "he would not answer questions about the budget"
    ]
