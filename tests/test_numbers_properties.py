"""The number grammar, property-tested: generate a number, render it every way English news
writes it, parse it back (helpers.numbers.scan / parse_number)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers.numbers import parse_number, range_join, scan

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")]
ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                 "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
SEPARATORS = [",", " ", "\u00a0", "\u2009", "\u202f"]

settings.register_profile("newskit", max_examples=150, deadline=None)
settings.load_profile("newskit")


def below_100(n: int, hyphen: bool = True) -> str:
    if n < 10:
        return UNITS[n]
    if n < 20:
        return TEENS[n - 10]
    tens, unit = divmod(n, 10)
    return TENS[tens] + (("-" if hyphen else " ") + UNITS[unit] if unit else "")


def below_1000(n: int, use_and: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{UNITS[hundreds]} hundred")
    if rest or not hundreds:
        if hundreds and use_and:
            parts.append("and")
        parts.append(below_100(rest, hyphen))
    return " ".join(parts)


def words(n: int, use_and: bool = True, hyphen: bool = True) -> str:
    if n == 0:
        return "zero"
    parts = []
    for size, name in SCALES:
        if n >= size:
            parts.append(f"{below_1000(n // size, use_and, hyphen)} {name}")
            n %= size
    if n:
        if parts and use_and and n < 100:
            parts.append("and")
        parts.append(below_1000(n, use_and, hyphen))
    return " ".join(parts)


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def ordinal_digits(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_words(n: int) -> str:
    text = words(n)
    head, _, last = text.rpartition(" ")
    if "-" in last:
        head_t, _, unit = last.rpartition("-")
        last = f"{head_t}-{ORDINAL_WORDS.get(unit, unit + 'th')}"
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last = ORDINAL_WORDS.get(last, last + "th")
    return f"{head} {last}".strip()


def year_words(y: int) -> str:
    hi, lo = divmod(y, 100)
    if lo == 0:
        return f"{below_100(hi)} hundred"
    if lo < 10:
        return f"{below_100(hi)} oh {UNITS[lo]}"
    return f"{below_100(hi)} {below_100(lo)}"


def found(text: str) -> list[tuple[str, float]]:
    return [(text[m.start : m.end], m.value) for m in scan(text)]


def assert_reads_back(rendered: str, value: float) -> None:
    text = f"They counted {rendered} items."
    got = found(text)
    assert len(got) == 1, got
    assert got[0][0] == rendered
    assert got[0][1] == pytest.approx(value, rel=1e-9)


@given(st.integers(min_value=0, max_value=10**13 - 1), st.sampled_from(SEPARATORS))
@example(1_414_021_100, " ")
@example(1_000, "\u2009")
def test_digits_with_any_group_separator(n, sep):
    assert_reads_back(grouped(n, sep), n)
    assert_reads_back(str(n), n)


@given(st.integers(min_value=0, max_value=10**13 - 1), st.booleans(), st.booleans())
@example(202_000, True, True)
@example(4_321, False, False)
def test_words(n, use_and, hyphen):
    assert_reads_back(words(n, use_and, hyphen), n)


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9),
       st.sampled_from(SCALES))
def test_decimals_and_mixed_scales(whole, tenth, scale):
    size, name = scale
    number = f"{whole}.{tenth}"
    assert_reads_back(number, whole + tenth / 10)
    assert_reads_back(f"{number} {name}", (whole + tenth / 10) * size)
    assert_reads_back(f"{grouped(whole, ',')} {name}", whole * size)


@given(st.integers(min_value=1, max_value=999_999))
@example(21)
@example(101)
@example(112)
def test_ordinals_in_digits_and_words(n):
    for rendered in (ordinal_digits(n), ordinal_words(n)):
        text = f"It was the {rendered} time."
        (m,) = scan(text)
        assert (text[m.start : m.end], m.value, m.ordinal) == (rendered, n, True)


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["-", "−", "minus ",
                                                                  "negative "]))
def test_negatives(n, sign):
    rendered = sign + (words(n) if sign[0].isalpha() else f"{n:,}")
    assert_reads_back(rendered, -n)


@given(st.integers(min_value=1, max_value=15), st.integers(min_value=2, max_value=16))
def test_fractions(a, b):
    if a >= b:
        a, b = b - 1, b
    assert_reads_back(f"{a}/{b}", a / b)
    assert_reads_back(f"3 {a}/{b}", 3 + a / b)


@pytest.mark.parametrize(
    ("rendered", "value"),
    [("two-thirds", 2 / 3), ("three quarters", 0.75), ("a third", 1 / 3), ("one-fifth", 0.2),
     ("two and a half", 2.5), ("five and a half million", 5.5e6), ("half a million", 5e5),
     ("a quarter million", 2.5e5), ("2½", 2.5)],
)
def test_fractions_in_words(rendered, value):
    assert_reads_back(rendered, value)


@given(st.integers(min_value=1100, max_value=2099))
@example(1989)
@example(1905)
@example(2022)
def test_years_in_words(y):
    text = f"It began in {year_words(y)}."
    (m,) = scan(text)
    assert (text[m.start : m.end], m.value) == (year_words(y), y)
    assert m.year or y % 100 == 0  # "nineteen hundred" is a plain cardinal


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.sampled_from(["{a}-{b}", "{a} to {b}", "between {a} and {b}", "{a}–{b}",
                        "from {a} to {b}"]))
def test_ranges(a, b, form):
    text = form.format(a=f"{a:,}", b=f"{a + b:,}")
    low, high = scan(text)
    assert (low.value, high.value) == (a, a + b)
    expected = "from" if form.startswith("from") else "range"
    assert range_join(text, low.start, low.end, high.start) == expected


def test_two_numbers_are_not_one():
    assert found("In 1990 200 people came") == [("1990", 1990), ("200", 200)]
    assert found("3 4") == [("3", 3), ("4", 4)]
    assert parse_number("three and four") is None
    assert range_join("10 and 20", 0, 2, 7) is None  # "and" makes a range only after "between"
