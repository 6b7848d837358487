"""Dates built from parts: each composition rule of helpers.dates.compose, with invented
sentences (reference date 2016-11-09, a Wednesday)."""

from __future__ import annotations

import pytest

from helpers.dates import find

REF = "2016-11-09"


def only(text: str, reference: str | None = REF):
    found = [d for d in find(text, reference) if not d.weak]
    assert len(found) == 1, [(text[d.start : d.end], d.value) for d in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "rule"),
    [
        # a shift word + a grain
        ("The vote is next week.", "next week", "2016-W46", "shift_grain"),
        ("Prices rose last month.", "last month", "2016-10", "shift_grain"),
        ("The summit ends this weekend.", "this weekend", "2016-W45-WE", "shift_grain"),
        ("Results came last quarter.", "last quarter", "2016-Q3", "shift_grain"),
        # a day reference + a week reference, in either order and with any joint
        ("They will meet Friday next week.", "Friday next week", "2016-11-18", "intersect"),
        ("They will meet next week on Friday.", "next week on Friday", "2016-11-18",
         "intersect"),
        ("It happened on Tuesday of last week.", "Tuesday of last week", "2016-11-01",
         "intersect"),
        # a month + a year reference
        ("It opened in July last year.", "July last year", "2015-07", "intersect"),
        ("It opens in March of next year.", "March of next year", "2017-03", "intersect"),
        ("Growth slowed in next year's first quarter.", "next year's first quarter", "2017-Q1",
         "intersect"),
        # a modifier + a month, a year or a relative date
        ("Talks resume in mid-March 2017.", "mid-March 2017", "2017-03", "modifier"),
        ("Talks resume early next year.", "early next year", "2017", "modifier"),
        ("The fund closes at the end of the month.", "the end of the month", "2016-11",
         "modifier"),
        # a duration + a direction (+ a date)
        ("They met three days ago.", "three days ago", "2016-11-06", "duration_direction"),
        ("The ban ends two weeks after Christmas.", "two weeks after Christmas", "2017-01-08",
         "duration_from_date"),
        ("They left the day before yesterday.", "the day before yesterday", "2016-11-07",
         "deictic_day"),
        ("The result is due in four business days.", "in four business days", "2016-11-15",
         "in_duration"),
    ],
)
def test_compositions(text, surface, value, rule):
    d = only(text)
    assert (text[d.start : d.end], d.value) == (surface, value)
    assert rule in d.rule.split("+")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The index fell in the third quarter of 2015.", "2015-Q3"),
        ("Sales in H1 2016 were flat.", "2016-H1"),
        ("Profits rose in the first half of 2014.", "2014-H1"),
        ("The band was big in the nineties.", "199X"),
        ("The temple dates from the 11th century.", "10XX"),
        ("Floods hit in the winter of 2013.", "2013-WI"),
        ("Shares rose 3% in the week of Nov. 7.", "2016-11-07"),
    ],
)
def test_weeks_quarters_halves_seasons_decades(text, value):
    assert [d.value for d in find(text, REF) if not d.weak] == [value]


def test_a_weekday_names_a_day_in_a_month_or_week():
    # "Saturday, April 25": the year whose April 25 is a Saturday, when one is near
    d = only("The editorial ran on Saturday, April 25.", "1998-05-02")
    assert d.value == "1998-04-25"
    d = only("The fair opens on the second Sunday of May.", REF)
    assert d.value.endswith("-05-08") or d.value.endswith("-05-14")


def test_descriptions_and_names_are_not_composed():
    assert [d.written for d in find("the month of March", REF)] == ["XXXX-03"]
    assert find("the day after Peter Mandelson spoke", REF) == []
    assert find("They met in a quarter of the cases.", REF) == []


def test_rules_are_named_in_order():
    from helpers.dates.compose import RULES

    names = [r.__name__ for r in RULES]
    assert names[:2] == ["shift_grain", "shift_date"] and names[-1] == "modifier"


def test_a_month_day_joined_to_a_relative_day_keeps_its_unwritten_year():
    (d,) = find("What about this friday (jun-15)?", "2018-06-13")
    assert (d.written, d.value) == ("XXXX-06-15", "2018-06-15")
    (d,) = find("The vote is next 5/12.", "2019-05-01")
    assert (d.written, d.value) == ("XXXX-05-12", "2019-05-12")
