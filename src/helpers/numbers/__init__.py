"""Numbers as written in the news: digits, number words, scales and fractions → values.

``scan(text)`` finds every number phrase in a text with its character span and value:
digit strings with any group separator ("1,414,021", "1 414 021", thin spaces), decimals,
words ("two hundred and two thousand"), mixed ("4.5 million"), years in words ("nineteen
eighty-nine"), fractions ("two-thirds", "1 1/2"), ordinals ("21st", "twenty-first"), negatives
("-9.25", "minus five") and vague floors ("hundreds of"). The grammar is in
:mod:`.grammar`, the tokens in :mod:`.tokens`, the vocabulary in ``data/figure_number_words.csv``
and ``data/figure_scales.csv``. ``parse_number(phrase)`` reads one whole phrase;
``range_join`` says whether two numbers form a range ("10-20", "10 to 20", "between 10 and 20").
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from typing import Any

from .grammar import Stream, parse
from .lexicon import alternation, load_csv, scales, word_values
from .tokens import joined, number_tokens

__all__ = [
    "NumberMatch", "alternation", "as_dict", "load_csv", "parse_number", "range_join",
    "scale_suffix", "scales", "scan", "word_values",
]


@dataclass
class NumberMatch:
    """One number phrase: ``text[start:end]`` has value ``value``."""

    start: int
    end: int
    value: float
    words: bool = False  # written (at least partly) in words
    vague: bool = False  # "hundreds of", "dozens of": a floor, not an exact value
    digits: str = ""  # the digit string when the phrase is a bare digit number
    ordinal: bool = False  # "21st", "twenty-first"
    year: bool = False  # a year said in words ("nineteen eighty-nine")
    proportion: bool = False  # a share said as a fraction ("two-thirds", "half")


# A minus sign glued to digits ("-9.23", "−4"), not a hyphen after a word or a number.
_MINUS = "-−–"


def _attached_minus(text: str, start: int) -> bool:
    if start == 0 or text[start - 1] not in _MINUS:
        return False
    if start >= 2 and text[start - 2].isalnum():
        return False  # "F-16", "COVID-19"
    return not re.search(r"\d\s*$", text[max(0, start - 12) : start - 1])  # "10 - 20"


_SKIP = frozenset({"and", "point", "of", "oh"})


def scan(text: str) -> list[NumberMatch]:
    """Every number phrase in ``text``, left to right, non-overlapping."""
    toks = number_tokens(text)
    links = [joined(text, a, b) for a, b in zip(toks, toks[1:], strict=False)] + [False]
    stream = Stream(toks, links)
    out: list[NumberMatch] = []
    i = 0
    while i < len(toks):
        parsed = None if toks[i].kind in _SKIP else parse(stream, i)
        if parsed is None:
            i += 1
            continue
        first, last = toks[i], toks[parsed.end - 1]
        start, value = first.start, parsed.value
        if first.kind == "digits" and _attached_minus(text, start):
            start, value = start - 1, -value
        words = any(t.kind not in ("digits", "frac") for t in toks[i : parsed.end])
        digits = first.text if parsed.end == i + 1 and first.kind == "digits" else ""
        out.append(NumberMatch(start, last.end, value, words, parsed.vague, digits,
                               parsed.ordinal, parsed.year, parsed.proportion))
        i = parsed.end
    return out


@functools.lru_cache(maxsize=4)
def _scale_re(money: bool) -> re.Pattern[str]:
    attached = [t for t, (_, cur) in scales().items() if money or not cur]
    spaced = [t for t in attached if len(t) > 1 or t in "kK"]
    alt_a = "|".join(re.escape(t) for t in sorted(attached, key=len, reverse=True))
    alt_s = "|".join(re.escape(t) for t in sorted(spaced, key=len, reverse=True))
    return re.compile(rf"(?:(?P<a>{alt_a})|[ \t](?P<s>{alt_s}))(?![\w$€£¥])")


def scale_suffix(text: str, pos: int, money: bool = False) -> tuple[float, int] | None:
    """An abbreviated scale right after a number ending at ``pos`` ("10M", "2.33 k",
    "$5bn"; lower-case "m"/"b" only when ``money``): (multiplier, end) or None."""
    m = _scale_re(money).match(text, pos)
    if not m:
        return None
    token = m.group("a") or m.group("s")
    return scales()[token][0], m.end()


@functools.lru_cache(maxsize=4096)  # the date rules read the same few words again and again
def parse_number(phrase: str) -> float | None:
    """Value of a whole number phrase ("two and a half million" → 2500000.0), or None when the
    phrase is not exactly one number."""
    phrase = phrase.strip()
    found = scan(phrase)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(phrase):
        return None
    return found[0].value


_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|and)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?P<w>between|from)\s+$", re.IGNORECASE)


def range_join(text: str, low_start: int, low_end: int, high_start: int) -> str | None:
    """How the number (or figure) at ``text[low_start:low_end]`` joins one starting at
    ``high_start``: ``"range"`` ("10-20", "10 to 20", "between 10 and 20"), ``"from"`` ("from 6
    to 10": a change between two values, not a range) or None."""
    gap = text[low_end:high_start]
    if not _RANGE_JOIN.fullmatch(gap):
        return None
    word = gap.strip().lower()
    before = _BETWEEN.search(text, max(0, low_start - 24), low_start)
    lead = before["w"].lower() if before else ""
    if word == "and" and lead != "between":
        return None
    return "from" if lead == "from" else "range"


def as_dict(m: NumberMatch) -> dict[str, Any]:
    """A plain record of a match (for tests and debugging)."""
    return asdict(m)
