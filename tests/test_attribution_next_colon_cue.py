"""A quotation that ends its sentence, then a cue that introduces the next one after its
colon: "“A.” The statement continued: “B.”".

Handled in ``attribution/attach.py`` (``cue_after``): a cue with no content of its own right
after a quotation normally takes it ("“A,” he said"); not when the quotation ended its
sentence and the cue's own words run to a colon before the next quotation -- that cue
introduces the next quotation.
"""

from __future__ import annotations

import pytest
from quote_checks import quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


def test_the_cue_takes_only_the_quotation_after_its_colon(run):
    text = ("The club issued a statement. \"The board has rejected the offer as too low.\" "
            "The statement continued: \"Both bids will be reviewed again in March. The "
            "decision will be final.\"")
    found = [r for r in run(text) if r["cue"] == "continue"]
    assert [r["content"] for r in found] == [
        "\"Both bids will be reviewed again in March. The decision will be final.\""
    ]


def test_the_quotation_before_is_not_the_introducing_cues(run):
    text = ("The coach spoke after the match. \"We lost the game in the first ten minutes and "
            "never came back.\" Speaking to local radio, the 31-year-old Welshman added: \"At "
            "home there will not be as many fans and the pitch is much smaller.\"")
    records = run(text)
    assert not [r for r in records if "never came back" in r["content"]]
    assert [r["cue"] for r in records if "pitch is much smaller" in r["content"]] == ["add"]
