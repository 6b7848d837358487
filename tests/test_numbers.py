"""Number phrases → values (helpers.numbers)."""

from __future__ import annotations

import pytest

from helpers.numbers import parse_number, scale_suffix, scan


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("94,000", 94000),
        ("48.2", 48.2),
        (".5", 0.5),
        ("four", 4),
        ("twenty-one", 21),
        ("fifty   two", 52),
        ("one hundred and sixty-one", 161),
        ("two hundred and two thousand", 202000),
        ("4 thousand 3 hundred and 21", 4321),
        ("75 million", 75e6),
        ("twenty-one trillion", 21e12),
        ("two and a half", 2.5),
        ("five and a half million", 5.5e6),
        ("half a million", 5e5),
        ("quarter million", 2.5e5),
        ("one million and a half", 1.5e6),
        ("two million and three fifths", 2.6e6),
        ("one billion and three quarters million", 1000750000),
        ("a dozen", 12),
        ("6 crore and two hundred", 60000200),
        ("three lakh crore", 3e12),
        ("two hundred point zero three", 200.03),
        ("nine point nought four", 9.04),
        ("minus five", -5),
        ("-9.25", -9.25),
        ("1/2", 0.5),
    ],
)
def test_parse_number(phrase, value):
    assert parse_number(phrase) == pytest.approx(value)


@pytest.mark.parametrize("phrase", ["a", "an", "and", "million", "the", "3 4"])
def test_not_one_number(phrase):
    assert parse_number(phrase) is None


def test_scan_splits_separate_numbers():
    text = "4000 3 hundred and 21 are two numbers; so are 3 hundred and 2 hundred"
    found = [(text[m.start : m.end], m.value) for m in scan(text)]
    assert found == [
        ("4000", 4000), ("3 hundred and 21", 321), ("two", 2), ("3 hundred", 300),
        ("2 hundred", 200),
    ]


def test_scan_offsets_match_text():
    text = "About $1.5bn, or twenty-two percent, went to 3,400 schools in 2021."
    for m in scan(text):
        assert text[m.start : m.end].strip() == text[m.start : m.end]
        assert m.end > m.start


def test_ranges_are_two_numbers():
    assert [m.value for m in scan("10-20")] == [10, 20]
    assert [m.value for m in scan("between 10 and 20")] == [10, 20]


def test_vague_numbers_are_floors():
    (m,) = scan("hundreds of people")
    assert (m.value, m.vague) == (100, True)
    (m,) = scan("tens of thousands of troops")
    assert (m.value, m.vague) == (10000, True)


def test_scale_suffixes():
    assert scale_suffix("10M", 2) == (1e6, 3)
    assert scale_suffix("2.33 k", 4) == (1e3, 6)
    assert scale_suffix("5bn", 1) == (1e9, 3)
    assert scale_suffix("1 m", 1) is None  # a metre, not a million
    assert scale_suffix("$5m", 2, money=True) == (1e6, 3)
    assert scale_suffix("10 km", 2) is None


def test_number_words_with_letters_read_as_ascii_do_not_crash() -> None:
    # The word pattern matches case-insensitively, so "ſeven" (long s) or "nİne" (dotted capital
    # I) reach the word table; they must read as their ASCII words, not raise KeyError.
    values = [m.value for m in scan("ſeven ships and nİne boats")]
    assert values == [7.0, 9.0]
