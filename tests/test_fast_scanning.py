"""Fast scanning finds exactly what a plain IGNORECASE scan finds (helpers.numbers.lowered and
its users: the date lexer's triggers and rules, the number tokenizer)."""

from __future__ import annotations

import re

import pytest

from helpers import numbers
from helpers.dates import lexer
from helpers.numbers import lowered as fast
from helpers.numbers import tokens

TEXTS = [
    "Last WEEK the firm said profits rose 12% in the Third Quarter of 2019, up from Q3 2018.",
    "On 3.4 the F16 landed; by 12/25/2015 and 2015-03-04 the 1990s were long over.",
    "Two AND a half MILLION people came on Friday, March 28th, and again the following year.",
    "In two weeks' time, within three days of Christmas Eve, the day after tomorrow.",
    "ſeven days later the Kelvin sign K and a dotless ı appeared in İstanbul.",
    "L'ÉTÉ 2015: Élysée officials met on Monday; the Café reopened in mid-April.",
    "Minus five of a dozen, twenty-one point five, ½ and 2½, .5 and 3.5, 1 414 021.",
    "the year two thousand and five, nineteen eighty-nine, in the year 1066 AD, FY2024",
    "",
    "A",
    "mid-20th century, in the early 2000s, the '80s, since 1 January, 21st, the 3rd",
]


def test_lowered_keeps_offsets_and_lowers_only_ascii() -> None:
    assert fast.lowered("Élysée SAID Hi") == "Élysée said hi"
    assert fast.lowered("CAFÉ") == "cafÉ"
    assert fast.lowered("abc") == "abc"


@pytest.mark.parametrize("text", ["ſeven", "the \u212a sign", "İstanbul", "dotless ı"])
def test_lowered_refuses_characters_ignorecase_takes_for_ascii_letters(text: str) -> None:
    assert fast.lowered(text) is None


def test_lower_pattern_keeps_escapes_and_group_names() -> None:
    assert fast.lower_pattern(r"\b(?P<Mon>JAN)\S+\W[QH]") == r"\b(?P<Mon>jan)\S+\W[qh]"
    assert fast.lower_pattern(r"(?-i:Q)1") is None
    assert fast.lower_pattern(r"(?P<s>x)(?P=s)") is None
    assert fast.lower_pattern(r"(a)\1") is None
    assert fast.lower_pattern("café") is None


PATTERNS = [
    r"\b(?:last|next|the)\b",
    r"\b(?P<m>jan(?:uary)?|march|may)(?:\b|(?=\d))",
    r"\b(?:in|within)\s+\S+\s+\S+s?\b",
    r"(?:day|week|year)s?\b",
    r"quarter|half|\b[QH][1-4]|[1-4]Q\b",
    r"\b(?:the\s+)?year\s+\d{4}",
    r"\bseven\b",
]


@pytest.mark.parametrize("source", PATTERNS)
def test_scanner_finds_what_an_ignorecase_scan_finds(source: str) -> None:
    scanner = fast.Scanner.compile(source)
    plain = re.compile(source, re.IGNORECASE)
    for text in TEXTS:
        low = fast.lowered(text)
        want = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in scanner.finditer(text, low)] == want, text
        assert list(scanner.spans(text, low)) == want, text
        for pos, end in ((3, 40), (10, 11), (0, len(text) // 2)):
            got = [(m.span(), m.groups()) for m in scanner.finditer(text, low, pos, end)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text, pos, end)], text


@pytest.mark.parametrize(("source", "needed"), [
    (r"new\s+year's\s+(?:day|eve)|easter(?:\s+monday)?|earth\s+day", ("earth", "easter", "year's")),
    (r"(?:day|week|month)s?\b", ("day", "week", "month")),
    (r"(?P<m>jan(?:uary)?|march)\b", ("jan", "march")),
    (r"\d+|x", None),
    (r"(?:the\s+)?year", ("year",)),
    (r"a?b", ("b",)),
])
def test_required_literals_are_strings_every_match_holds(source: str, needed: object) -> None:
    assert fast.required_literals(source) == needed


def test_a_scan_skips_a_text_without_the_strings_its_matches_need() -> None:
    scanner = fast.Scanner.compile(r"\b(?:boxing\s+day|easter)\b")
    assert scanner.required == ("boxing", "easter")
    for text in ["Boxing  Day and EASTER", "no holiday here", "easterly boxing"]:
        plain = re.compile(scanner.pattern.pattern, re.IGNORECASE)
        want = [m.span() for m in plain.finditer(text)]
        assert list(scanner.spans(text, fast.lowered(text))) == want


def test_a_pattern_is_tried_only_where_its_starts_match() -> None:
    source = r"\b(?:the\s+)?(?:year\s+)?(?P<y>[12]\d{3})\b|\bFY\s?(?P<fy>\d{2})\b"
    scanner = fast.Scanner.compile(source, starts=r"the\s+(?:year\s|[12])|year\s+[12]|1\d{3}"
                                                   r"|2\d{3}|fy")
    assert scanner.tried
    plain = re.compile(source, re.IGNORECASE)
    for text in [*TEXTS, "the 1990 and THE YEAR 2004; other 2005, the year x 2006, FY24 justify"]:
        low = fast.lowered(text)
        assert ([(m.span(), m.groups()) for m in scanner.finditer(text, low)]
                == [(m.span(), m.groups()) for m in plain.finditer(text)]), text
        assert list(scanner.spans(text, low)) == [m.span() for m in plain.finditer(text)]


def test_a_leading_word_boundary_becomes_a_check() -> None:
    assert fast.Scanner.compile(r"\b(?:last|next)\b").boundary
    assert not fast.Scanner.compile(r"\b(?:the\s+)?year").boundary  # nothing to skip ahead to
    assert not fast.Scanner.compile(r"\bq1|\bq2").boundary  # the \b belongs to one branch


def test_matches_at_gives_finditer_for_patterns_that_start_there() -> None:
    pattern = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/]|\.\d)")
    for text in [*TEXTS, "1/2 3/4 and 12/25/2015 5/6"]:
        starts = [m.start() for m in re.finditer(r"\d+", text)]
        assert ([m.span() for m in fast.matches_at(pattern, text, starts)]
                == [m.span() for m in pattern.finditer(text)])


def test_date_rules_find_what_a_whole_text_scan_finds() -> None:
    """Digit-anchored rules and lowered scans change where the regexes run, not what they find."""
    for text in TEXTS:
        t = lexer._Text(text, fast.lowered(text))
        for rule in lexer._compiled():
            got = [m.span() for m in lexer._matches(rule, t)]
            if rule.trigger is None:
                assert got == [m.span() for m in rule.pattern.pattern.finditer(text)], rule.name
            else:
                plain = re.compile(rule.trigger.pattern.pattern, re.IGNORECASE)
                spans = [m.span() for m in plain.finditer(text)]
                windows = []
                for s, e in spans:
                    s, e = max(0, s - lexer._WINDOW), min(len(text), e + lexer._WINDOW)
                    if windows and s <= windows[-1][1]:
                        windows[-1] = (windows[-1][0], e)
                    else:
                        windows.append((s, e))
                want = [m.span() for s, e in windows
                        for m in rule.pattern.pattern.finditer(text, s, e)]
                assert got == want, rule.name


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_are_those_of_a_scan_at_every_position(text: str) -> None:
    got = [(m.span(), m.lastgroup) for m in tokens._matches(text)]
    assert got == [(m.span(), m.lastgroup) for m in tokens._token_re().finditer(text)]


def test_the_fold_table_is_every_character_ignorecase_reads_as_an_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    folding = {chr(c) for c in range(0x80, 0x110000) if letter.match(chr(c))}
    assert set(fast.ASCII_FOLDS) == folding
    for ch, ascii_letter in fast.ASCII_FOLDS.items():
        assert re.fullmatch(ascii_letter, ch, re.IGNORECASE)



JOINED = [
    "Minus a half, negative a hundred, and a quarter of a million, two and a half and a third.",
    "It is a pity: of all the a's and an's, none of the one-off offers was a deal.",
    "tens of thousands of people, a - a one, point five, 3 point 5 and - and 7, minus a a two.",
    "an\nhundred and\n  a dozen, a\tdozen a  -  dozen, a dozen-and-a-half, AND A HALF",
]
_JOINING_KINDS = ("point", "and", "a", "sign", "of")


@pytest.mark.parametrize("text", TEXTS + JOINED)
def test_number_tokens_leave_out_only_joining_words_no_number_is_joined_to(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    every, some = tokens.tokenize(text), tokens.number_tokens(text)
    kept = set(some)
    assert some == [t for t in every if t in kept]
    for k, t in enumerate(every):
        if t in kept:
            continue
        assert t.kind in _JOINING_KINDS
        neighbours = [(every[k - 1], t)] if k else []
        neighbours += [(t, every[k + 1])] if k + 1 < len(every) else []
        assert not any(tokens.joined(text, a, b) and (a in kept or b in kept)
                       for a, b in neighbours)
    found = [numbers.as_dict(m) for m in numbers.scan(text)]
    monkeypatch.setattr(numbers, "number_tokens", tokens.tokenize)
    assert found == [numbers.as_dict(m) for m in numbers.scan(text)]
