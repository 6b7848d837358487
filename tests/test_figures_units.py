"""One resolver for units and currencies, before and after the number (helpers.amounts)."""

from __future__ import annotations

import pytest

from helpers import figures


def one(text: str) -> dict:
    recs = [r for r in figures.find(text) if r["kind"] != "date"]
    assert len(recs) == 1, [(r["kind"], r["surface"]) for r in recs]
    return recs[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The peso fell to Mex$ 19.5 per dollar.", "Mex$ 19.5", 19.5, "MXN"),
        ("A C$30-a-share bid was extended.", "C$30", 30, "CAD"),
        ("They lent US$2.5 billion.", "US$2.5 billion", 2.5e9, "USD"),
        ("Fees rose to Rs. 500 crore.", "Rs. 500 crore", 5e9, "INR"),
        ("A kilo costs Ksh 120.", "Ksh 120", 120, "KES"),
        ("The deal is worth 30 MUSD.", "30 MUSD", 30e6, "USD"),
        ("It sold for 4.2 million Egyptian pounds.", "4.2 million Egyptian pounds", 4.2e6, "EGP"),
        ("A stamp costs 85 euro cents.", "85 euro cents", 0.85, "EUR"),
        ("The bill was 1 414 021 dollars.", "1 414 021 dollars", 1414021, "USD"),
        ("Tickets cost £1\u202f250 each.", "£1\u202f250", 1250, "GBP"),
    ],
)
def test_currencies(text, surface, value, unit):
    rec = one(text)
    assert (rec["kind"], rec["surface"], rec["unit"]) == ("money", surface, unit)
    assert rec["value"] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "unit", "dimension"),
    [
        ("Set the oven to 180 degrees c.", "180 degrees c", "degree Celsius", "temperature"),
        ("It was 70 degrees f at noon.", "70 degrees f", "degree Fahrenheit", "temperature"),
        ("Highs near 95 degree fahrenheit.", "95 degree fahrenheit", "degree Fahrenheit",
         "temperature"),
        ("Water boils at 100° C.", "100° C", "degree Celsius", "temperature"),
        ("It hit 40 fahrenheit.", "40 fahrenheit", "degree Fahrenheit", "temperature"),
        ("The road turns 90 degrees.", "90 degrees", "degree", "degree"),
        ("Winds of 120 km/h", "120 km/h", "kilometer per hour", "speed"),
        ("It flows at 3 metres per second.", "3 metres per second", "meter per second",
         "length per time"),
        ("The mine yields 40 tonnes a year.", "40 tonnes a year", "metric ton per year",
         "weight per time"),
        ("A 12-mile hike", "12-mile", "mile", "length"),
    ],
)
def test_units(text, surface, unit, dimension):
    rec = one(text)
    assert (rec["kind"], rec["surface"], rec["unit"], rec["dimension"]) == (
        "quantity", surface, unit, dimension)


def test_time_units_only_divide():
    # "five years" is a duration, not a quantity; a time unit only divides another unit
    assert [r["kind"] for r in figures.find("He served five years in office.")] == ["count"]


def test_rows_name_their_rule():
    rules = {r["surface"]: r["rule"] for r in figures.find(
        "About $5bn, 40% and 12 km on 4 May 2023.")}
    assert rules == {"$5bn": "money_prefix", "40%": "percent", "12 km": "quantity",
                     "4 May 2023": "date:day_month"}
