"""Date expressions → TIMEX values, resolved against a reference date (helpers.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.dates import easter, find, parse_reference


def one(text: str, reference: str | None = None):
    found = find(text, reference)
    assert len(found) == 1, [(text[d.start : d.end], d.value) for d in found]
    d = found[0]
    assert text[d.start : d.end] == text[d.start : d.end].strip()
    return text[d.start : d.end], d.value, d.modifier, d.relation


@pytest.mark.parametrize(
    ("text", "reference", "surface", "value"),
    [
        ("Since the conflict began in February 2022, aid grew.", None, "February 2022", "2022-02"),
        ("The talks were held in 2022, officials said.", None, "2022", "2022"),
        ("On March 28, a spokesperson said", None, "March 28", "XXXX-03-28"),
        ("On March 28, a spokesperson said", "2024-04-02", "March 28", "2024-03-28"),
        # The nearest March 28 not after the reference: last year's.
        ("On March 28, a spokesperson said", "2024-03-01", "March 28", "2023-03-28"),
        ("It opened on 4 July 1995.", None, "4 July 1995", "1995-07-04"),
        ("signed on Jan. 5, 2019 in Paris", None, "Jan. 5, 2019", "2019-01-05"),
        ("filed 2015/08/12", None, "2015/08/12", "2015-08-12"),
        ("due 21-04-2016", None, "21-04-2016", "2016-04-21"),
        ("released 20161016 as", None, "20161016", "2016-10-16"),
        ("born in April of 1987", None, "April of 1987", "1987-04"),
        ("They left in nineteen ninety six", None, "nineteen ninety six", "1996"),
        ("We met yesterday", "2016-11-07", "yesterday", "2016-11-06"),
        ("sales fell last month", "2016-11-07", "last month", "2016-10"),
        ("We had a meeting late last year", "2017-11-08", "late last year", "2016"),
        # A count of years back gives a year, of days or weeks a day (TIMEX granularity).
        ("It happened two years ago", "2016-11-07", "two years ago", "2014"),
        ("It happened ten days ago", "2016-11-07", "ten days ago", "2016-10-28"),
        ("I will leave in two weeks", "2018-07-05", "in two weeks", "2018-07-19"),
        ("It will happen 3 days after January 12th 2017.", None,
         "3 days after January 12th 2017", "2017-01-15"),
        ("what about next week Wednesday?", "2018-11-28", "next week Wednesday", "2018-12-05"),
        ("I'll go back on easter 2018", None, "easter 2018", "2018-04-01"),
    ],
)
def test_values(text, reference, surface, value):
    got = one(text, reference)
    assert got[:2] == (surface, value)


def test_modifiers():
    assert one("In late 2022, Blinken insisted")[:3] == ("late 2022", "2022", "late")
    assert one("talks in early 2022 in Istanbul")[2] == "early"
    assert one("by mid-2023 the plan")[1:3] == ("2023", "mid")
    assert one("at the end of 2000")[:3] == ("the end of 2000", "2000", "late")


def test_relations_stay_in_the_span():
    assert one("I'll be out since August", "2016-11-07") == ("since August", "2016-08", None,
                                                             "since")
    assert one("We can leave after Feb 2018")[::3] == ("after Feb 2018", "after")
    assert one("Shall we leave on 2018 or later?")[::3] == ("2018 or later", "since")


def test_weekdays_follow_news_usage():
    # 2025-01-22 is a Wednesday.
    assert one("according to a Saturday report", "2025-01-22")[1] == "2025-01-18"
    # Said on the day of publication: "said Wednesday" in a Wednesday's paper is that day.
    assert one("on Wednesday, he said", "2025-01-22")[1] == "2025-01-22"
    assert one("He said on Thursday", "2025-01-22")[1] == "2025-01-16"
    # "last Wednesday" as news means it is the latest Wednesday; as written, by the calendar,
    # the Wednesday of last week. "next Friday" is the Friday of next week.
    (d,) = find("last Wednesday", "2019-01-31")
    assert (d.value, d.written) == ("2019-01-30", "2019-01-23")
    assert one("next Friday", "2019-01-31")[1] == "2019-02-08"
    assert one("this past Wednesday", "2019-01-31")[1] == "2019-01-30"


def test_months_alone_resolve_by_tense():
    assert one("during a January interview", "2025-01-22")[1] == "2025-01"
    # The tense decides: a past-tense report means the latest December, else the nearest one.
    assert one("It happened in December", "2016-11-07")[1] == "2015-12"
    assert one("The vote is in December", "2016-11-07")[1] == "2016-12"
    assert one("in December")[1] == "XXXX-12"
    # "last September" said in November is this year's; said in August, last year's.
    assert one("last sept", "2016-11-07")[1] == "2016-09"
    assert one("last sept", "2016-08-07")[1] == "2015-09"
    assert one("next june", "2016-11-07")[1] == "2017-06"


def test_relative_dates_without_reference_have_no_value():
    assert one("It rained yesterday")[1] is None
    assert one("sales fell last year")[1] is None


@pytest.mark.parametrize(
    "text",
    ["It may need one kuai.", "They march on.", "He paid $2015 for it.", "2,015 people came",
     "It rose 5.5%", "a 1:1 meeting", "phone 1111-2222-3333"],
)
def test_not_dates(text):
    assert [text[d.start : d.end] for d in find(text, "2020-01-01") if not d.weak] == []


def test_helpers():
    assert easter(2018) == dt.date(2018, 4, 1)
    assert easter(2024) == dt.date(2024, 3, 31)
    assert parse_reference("2024-04-02T10:00:00") == dt.date(2024, 4, 2)
    assert parse_reference("not a date") is None
    assert parse_reference(None) is None


@pytest.mark.parametrize(
    "text",
    [
        "The Shadow Secretary, Theresa May, said so.",
        "She told BBC Radio 4's Today programme.",
        "They mark National Holocaust Memorial Day.",
        "It was revealed the day after Peter Mandelson spoke.",
        "its lowest level in three years",
        "shares rose 4% by 1200 GMT",
    ],
)
def test_names_and_spans_of_time_are_not_dates(text):
    assert [text[d.start : d.end] for d in find(text, "2005-03-01")] == []


def test_capitalised_dates_still_found():
    assert one("In May prices jumped.", "2005-03-01")[1] == "2004-05"
    assert one("Today, prices rose.", "2005-03-01")[1] == "2005-03-01"
    assert one("before the end of December", "2016-11-07")[::3] == (
        "before the end of December", "before")


def test_future_tense_reads_unwritten_years_forward():
    ref = "2016-11-07"
    assert one("The race will be held on 17 April.", ref)[1] == "2017-04-17"
    assert one("The race was held on 17 April.", ref)[1] == "2016-04-17"
    assert one("It will happen 3 days after January 12th.", ref)[1] == "2017-01-15"
    assert one("It will happen three months after Easter.", ref)[1] == "2017-07-16"
    assert one("We will meet on Friday.", ref)[1] == "2016-11-11"
    # What the text states is kept apart from the resolved value.
    (d,) = find("The race will be held on 17 April.", ref)
    assert d.written == "XXXX-04-17"
    assert one("I'll be out since August", ref)[1] == "2016-08"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("profits in the third quarter of 2004", "2004-Q3"),
        ("in the fourth quarter", "2004-Q4"),
        ("sales last quarter", "2004-Q4"),
        ("Q3 2022 results", "2022-Q3"),
        ("last summer", "2004-SU"),
        ("in the summer of 2020", "2020-SU"),
        ("this spring", "2005-SP"),
        ("in the 1990s", "199X"),
        ("in the late 1990s", "199X"),
    ],
)
def test_quarters_seasons_decades(text, value):
    assert one(text, "2005-03-01")[1] == value


def test_season_and_quarter_words_that_are_not_dates():
    for text in ("the Arab Spring", "prices fall", "a quarter of voters"):
        assert find(text, "2005-03-01") == []


def test_day_of_month_alone_and_week_after_next():
    ref = "2016-11-07"
    assert one("It happened on the 1st.", ref)[:2] == ("the 1st", "2016-11-01")
    assert one("On the 31st, they met.", ref)[1] == "2016-10-31"
    assert one("I'll go back on the 15th.", ref)[1] == "2016-11-15"
    assert find("He lives on the 3rd floor", ref) == []
    assert one("the week after next", ref)[1] == "2016-W47"
