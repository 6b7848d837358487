"""Number tokens: digit strings (with any group separator English text uses), ordinals,
fractions and number words, each with its character span.

Digit groups may be separated by commas or by spaces of any width ("1,414,021",
"1 414 021", with a no-break, thin or narrow no-break space too), as long as one number uses
one separator and every group after the first has three digits.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .lexicon import alternation, word_values
from .lowered import Scanner, fold_ascii, lowered, matches_at

__all__ = ["Tok", "digit_runs", "joined", "number_tokens", "tokenize"]

#: Characters that separate digit groups ("1,000", "1 000", "1\u202f000").
GROUP_SEPARATORS = ",\u00a0\u2009\u202f "

_VULGAR = {"½": 1 / 2, "¼": 1 / 4, "¾": 3 / 4, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 1 / 8,
           "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8, "⅕": 1 / 5}

_DIGITS = (
    # tokenised text: "1 . 85" is 1.85
    r"(?<![\w.,])\d+ \. \d+(?![\d.])|"
    r"(?-i:(?<![a-z\d_.,]))"
    # grouped with commas: "1,414,021.5"
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![.,]?\d)"
    # grouped with spaces: "1 414 021" (the last group not glued to a letter: "5 100m")
    r"|\d{1,3}(?P<sp>[ \u00a0\u2009\u202f])\d{3}(?:(?P=sp)\d{3})*(?:\.\d+)?(?![.,]?\d|[^\W\d_])"
    r"|\d+(?:\.\d+)?(?!\.\d|,\d{3}))"
    r"|(?<![\w.,])\.\d+"
)


#: The joining words a number may contain, by token kind, as regex alternations.
_JOINING = {"point": "point", "and": "and", "a": "an?", "sign": "minus|negative", "of": "of"}


@functools.lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    words = alternation(list(word_values()))
    joining = "".join(rf"|(?P<{kind}>\b(?:{alt})\b)" for kind, alt in _JOINING.items())
    return re.compile(
        r"(?P<ordd>(?-i:(?<![a-z\d_.,]))\d+(?:st|nd|rd|th)\b)"
        rf"|(?P<frac>(?<![\w./])\d{{1,2}}/\d{{1,2}}(?![\w/])|[{''.join(_VULGAR)}])"
        rf"|(?P<digits>{_DIGITS})"
        rf"|(?P<word>\b(?:{words})\b){joining}",
        re.IGNORECASE,
    )


@functools.lru_cache(maxsize=1)
def _starts() -> tuple[re.Pattern[str], Scanner]:
    """Where tokens can start: digit runs, a decimal point before a digit and vulgar fractions;
    and the words of word tokens."""
    words = alternation(list(word_values()))
    joining = "|".join(_JOINING.values())
    # one character each: the first digit of a run, "." before a digit, a vulgar fraction (a
    # pattern that opens with a character set lets the regex engine skip to its characters)
    first = f"[\\d.{''.join(_VULGAR)}]"
    return (re.compile(rf"{first}(?<!\d\d)(?:(?<=\.)(?=\d)|(?<!\.))"),
            Scanner.compile(rf"\b(?:{words}|{joining})\b"))


@functools.lru_cache(maxsize=16)
def _first_characters(text: str) -> tuple[int, ...]:
    """Where a digit run starts, "." before a digit and a vulgar fraction in ``text`` (read once
    for the number tokens and the date rules that start at a digit run)."""
    return tuple(m.start() for m in _starts()[0].finditer(text))


def digit_runs(text: str) -> list[int]:
    """Where each run of digits (``\\d+``) starts in ``text``."""
    return [p for p in _first_characters(text) if text[p].isdecimal()]  # \\d is category Nd


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The token regex's matches, tried only where a token can start: a digit token at the
    first digit of a run (every digit alternative refuses a digit or letter before it), a word
    token where a number or joining word stands, "." before a digit, a vulgar fraction."""
    _, words = _starts()
    low = lowered(text)
    if low is None or words.body is None:
        return _token_re().finditer(text)
    starts = set(_first_characters(text))
    starts.update(m.start() for m in words.finditer(text, low))
    return matches_at(_token_re(), text, sorted(starts))


@dataclass(frozen=True)
class _Nearby:
    """Number words alone, and a joining word right after or right before a token (only
    spaces, tabs and hyphens between: :func:`joined` allows no more), for a lowered text."""

    words: Scanner
    after: re.Pattern[str]
    before: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _nearby() -> _Nearby:
    joining = "|".join(_JOINING.values())
    return _Nearby(Scanner.compile(rf"\b(?:{alternation(list(word_values()))})\b"),
                   re.compile(rf"[ \t-]{{0,4}}\b(?P<j>{joining})\b"),
                   re.compile(rf"\b(?P<j>{joining})\b[ \t-]{{0,4}}\Z"))


#: How far before a token a joining word joined to it can start (longest word and gap).
_BEFORE = max(len(w) for alt in _JOINING.values() for w in alt.replace("?", "").split("|")) + 4


def _joining_next_to(low: str, start: int, end: int) -> list[int]:
    """Where a joining word right before or right after the token ``low[start:end]`` starts."""
    near = _nearby()
    out = []
    after = near.after.match(low, end)
    if after is not None:
        out.append(after.start("j"))
    before = near.before.search(low, max(0, start - _BEFORE), start)
    if before is not None:
        out.append(before.start("j"))
    return out


def _number_matches(text: str) -> list[re.Match[str]]:
    """The token regex's matches that can be part of a number: every token but the joining
    words ("a", "and", "of", "point", "minus") that no chain of joined tokens links to a number
    token. Such a word starts no number and ends none (every rule of the grammar needs a
    number token joined to it), so :func:`helpers.numbers.scan` finds the same numbers without
    it; "a" and "of" are among the commonest words, and most stand nowhere near a number."""
    low = lowered(text)
    if low is None or _nearby().words.body is None:
        return list(_matches(text))
    starts = set(_first_characters(text))
    starts.update(s for s, _ in _nearby().words.spans(text, low))
    found = list(matches_at(_token_re(), text, sorted(starts)))
    new = found
    while new:  # joining words next to the tokens found last, until a round adds none
        near = {j for m in new for j in _joining_next_to(low, m.start(), m.end())} - starts
        starts |= near
        new = [m for j in sorted(near) if (m := _token_re().match(text, j)) is not None]
        found += new
    found.sort(key=lambda m: m.start())
    if any(a.end() > b.start() for a, b in zip(found, found[1:], strict=False)):
        return list(matches_at(_token_re(), text, sorted(starts)))  # never expected: stay exact
    return found


@dataclass(frozen=True)
class Tok:
    """One token: ``kind`` is ``digits``, ``ordinal`` (a digit or word ordinal), ``frac``, a
    number-word type (``unit``, ``teen``, ``ten``, ``hundred``, ``scale``, ``dozen``,
    ``fraction``, ``fractions``, ``vague``, ``oh``) or a joining word (``point``, ``and``, ``a``,
    ``sign``, ``of``)."""

    kind: str
    value: float
    start: int
    end: int
    text: str
    #: An ordinal ("21st", "twenty-first"): ``kind`` is the cardinal's place (``digits``,
    #: ``unit``, ``teen``, ``ten``, ``hundred``, ``scale``) and the ordinal ends its number.
    ordinal: bool = False

    @property
    def plain_int(self) -> bool:
        """A digit string without separators or decimals ("21", not "2,100" or "2.5")."""
        return self.kind == "digits" and self.text.isdigit()


def _digit_value(s: str) -> float:
    if " . " in s:
        return float(s.replace(" . ", "."))
    return float(re.sub(f"[{GROUP_SEPARATORS}]", "", s))


def _fraction_tokens(m: re.Match[str]) -> list[Tok]:
    s = m.group()
    if s in _VULGAR:
        return [Tok("frac", _VULGAR[s], m.start(), m.end(), s)]
    a, _, b = s.partition("/")
    if 0 < int(a) < int(b) <= 16:
        return [Tok("frac", int(a) / int(b), m.start(), m.end(), s)]
    # "7/6", "5/20": a date, a score or a ratio; its parts are plain numbers
    return [Tok("digits", float(a), m.start(), m.start() + len(a), a),
            Tok("digits", float(b), m.end() - len(b), m.end(), b)]


def _place(value: float) -> str:
    """The cardinal word type an ordinal stands in for ("fifth" → unit, "hundredth" → hundred)."""
    if value < 10:
        return "unit"
    if value < 20:
        return "teen"
    if value < 100:
        return "ten"
    return "hundred" if value == 100 else "scale"


def _word_key(word: str) -> str:
    """The number-word table's key for a matched word: ASCII-folded ("ſeven" matches the word
    pattern for "seven"), lower case, one space."""
    return re.sub(r"\s+", " ", fold_ascii(word).lower())


def tokenize(text: str) -> list[Tok]:
    """Every number token of ``text``, left to right."""
    return _tokens(_matches(text))


def number_tokens(text: str) -> list[Tok]:
    """The tokens of ``text`` that can be part of a number: :func:`tokenize` without the
    joining words that no number token is joined to (see :func:`_number_matches`)."""
    return _tokens(_number_matches(text))


def _tokens(matches: Iterable[re.Match[str]]) -> list[Tok]:
    out: list[Tok] = []
    for m in matches:
        kind, s = m.lastgroup or "", m.group()
        if kind == "sp":  # the separator group of a space-grouped number
            kind = "digits"
        if kind == "digits":
            out.append(Tok("digits", _digit_value(s), m.start(), m.end(), s))
        elif kind == "ordd":
            out.append(Tok("digits", float(s[:-2]), m.start(), m.end(), s, ordinal=True))
        elif kind == "frac":
            out.extend(_fraction_tokens(m))
        elif kind == "word":
            value, wtype = word_values()[_word_key(s)]
            if wtype == "ordinal":
                out.append(Tok(_place(value), value, m.start(), m.end(), s, ordinal=True))
            else:
                out.append(Tok(wtype, value, m.start(), m.end(), s))
        else:
            out.append(Tok(kind, 0.0, m.start(), m.end(), s))
    return out


# Between two tokens of one number: spaces, or a hyphen ("twenty-one", "ninety - five").
_GAP = re.compile(r"[ \t]*(?:-[ \t]*)?|[ \t]+")


def joined(text: str, a: Tok, b: Tok) -> bool:
    """True when only a number-internal gap separates two tokens."""
    if a.ordinal:
        return False  # an ordinal ends its number
    gap = text[a.end : b.start]
    if not gap:
        return a.kind != "digits" or b.kind != "digits"
    if "\n" in gap or len(gap) > 4:
        return False
    if "-" in gap and a.kind == "digits" and b.kind in ("digits", "frac"):
        return False  # "10-20" is a range, not one number
    return bool(_GAP.fullmatch(gap))
