"""Dates read against the article: by the tense of the sentence (from the parse), from the
publication date, and along the article's own time line (helpers.dates, helpers.figures)."""

from __future__ import annotations

import pytest

from helpers import figures
from helpers.dates import find


def dates(nlp, text: str, reference: str) -> list[tuple[str, str, str]]:
    recs = figures.from_doc(nlp(text), [], reference)
    return [(r["surface"], r["date_value"], r["date_resolved"]) for r in recs
            if r["kind"] == "date"]


# 2024-03-15 is a Friday.
REF = "2024-03-15"


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        # a weekday in a past-tense report is the latest one, the publication day included
        ("The minister resigned on Saturday.", "2024-03-09"),
        ("The mayor said Friday that the bridge would reopen.", "2024-03-15"),
        # the same weekday in a future-tense sentence is the next one
        ("The minister will resign on Saturday.", "2024-03-16"),
        ("The council plans to vote on Tuesday.", "2024-03-19"),
        # a month-day without its year: the latest one in a past report, the next one ahead
        ("The strike began on Nov. 20.", "2023-11-20"),
        ("The strike will begin on Nov. 20.", "2024-11-20"),
        # an end point ahead is the nearest such date whatever the tense
        ("The court extended the deadline to April 2.", "2024-04-02"),
        ("Tenders were accepted until mid-April.", "2024-04"),
    ],
)
def test_tense_decides_what_the_text_leaves_out(nlp, text, resolved):
    (found,) = dates(nlp, text, REF)
    assert found[2] == resolved


def test_written_value_keeps_what_the_text_states(nlp):
    ((surface, written, resolved),) = dates(nlp, "The strike began on Nov. 20.", REF)
    assert (written, resolved) == ("XXXX-11-20", "2023-11-20")
    # a weekday cannot be written without its week: as written, the latest one before
    ((_, written, resolved),) = dates(nlp, "The talks resume Friday.", REF)
    assert (written, resolved) == ("2024-03-08", "2024-03-15")


def test_the_time_line_anchors_relative_dates():
    text = "The dam was finished in 1998. It flooded the following year."
    assert [d.value for d in find(text, REF)] == ["1998", "1999"]
    text = "The firm was founded on May 4, 2001, and listed three days later."
    assert [d.value for d in find(text, REF)] == ["2001-05-04", "2001-05-07"]
    text = "The storm hit on June 3, 2010. That day, the airport closed."
    assert [d.value for d in find(text, REF)][-1] == "2010-06-03"
    # without an earlier date the reference date is the anchor
    assert [d.value for d in find("It rained the next day.", REF)] == ["2024-03-16"]


def test_a_year_before_a_quarter_is_that_quarter():
    text = "Net income rose in the third quarter from $5 million a year earlier."
    assert [d.value for d in find(text, "1995-10-20")] == ["1995-Q3", "1994-Q3"]
    text = "Sales in the year-earlier quarter were higher."
    assert [d.value for d in find(text, "1995-10-20")] == ["1994-Q3"]


def test_counted_back_years_keep_their_grain():
    (d,) = find("The plant closed two years ago.", REF)
    assert (d.value, d.written) == ("2022", "2022-03-15")
    (d,) = find("The plant closed six weeks ago.", REF)
    assert d.value == "2024-02-02"


def test_without_a_reference_date():
    (d,) = find("The plant closed on Nov. 20.")
    assert (d.value, d.written) == ("XXXX-11-20", "XXXX-11-20")
    (d,) = find("The plant closed last week.")
    assert d.value is None
