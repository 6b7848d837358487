"""A quoted paragraph after someone's indirect report: the writer paraphrases, then quotes.

Handled in ``attribution/attach.py`` (strategy ``after_report``, rule
``quotation_after_report``) with ``gaps.report_before``: a quotation filling its paragraph,
right after a paragraph whose last sentence is an indirect report governed by its cue ("X
said ...", "..., X said"), with a speaker and no quotation of its own, is that speaker's.
"""

from __future__ import annotations

import pytest
from quote_checks import quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


def _quoted(records: list[dict], fragment: str) -> list[dict]:
    return [r for r in records if fragment in r["content"] and r["content"].startswith("“")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Mayor Ann Cole said the new bridge would open in spring.\n"
         "“We have waited long enough. The town needs this crossing.”", "Mayor Ann Cole"),
        ("The new bridge would open in spring, the harbour master said.\n"
         "“We have waited long enough. The town needs this crossing.”", "the harbour master"),
        ("Ms Cole said she was surprised people thought the bridge had failed.\n"
         "“We have waited long enough. The town needs this crossing.”", "Ms Cole"),
    ],
)
def test_a_quoted_paragraph_goes_on_from_the_report_before_it(run, text, speaker):
    found = _quoted(run(text), "waited long enough")
    assert [(r["speaker"], r["rule"], r["type"]) for r in found] == [
        (speaker, "quotation_after_report", "direct")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the paragraph ends with the writer's own sentence, not the report
        "Ms Cole said the bridge would open in spring. The river is wide there.\n"
        "“We have waited long enough. The town needs this crossing.”",
        # the report is already someone's quotation: not this rule's
        "Ms Cole said the bridge was “long overdue” and would open in spring.\n"
        "“We have waited long enough. The town needs this crossing.”",
    ],
)
def test_no_report_ends_the_paragraph_before(run, text):
    assert not [r for r in _quoted(run(text), "waited long enough")
                if r["rule"] == "quotation_after_report"]
