"""The number grammar: a recursive-descent parser over number tokens.

::

    number      := sign? (vague | year | fraction | cardinal)
    cardinal    := magnitude tail?
    magnitude   := group (scale group?)*          scales strictly decreasing ("4 thousand 3
                                                  hundred and 21"); a larger scale right after
                                                  a scale multiplies ("three lakh crore")
    group       := (below100 | small digits | "a")? "hundred" ("and"? below100)?
                 | below100 | digits | "a" (before a scale or "dozen")
    below100    := ten ("-"? unit)? | teen | unit
    tail        := "point" digit-words            "two point five"
                 | "and" fraction scale?           "two and a half (million)"
                 | fractions                       "three quarters", "ninety-five hundred fifths"
                 | frac                            "1 1/2", "2½"
    fraction    := "a"? fraction ("a"? scale)?     "half a million", "a quarter million"
                 | ("a" | "one") ordinal           "a third", "one-fifth"
    year        := (11..20) (10..99 | "oh" unit)   "nineteen eighty-nine", "twenty oh five"
    vague       := vague ("of" vague)*             "tens of thousands": a floor

Every production is a function ``(stream, index) -> Parsed | None``; :func:`parse` tries them all
and keeps the longest. Ordinals ("twenty-first", "21st") end their number and mark it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .tokens import Tok

__all__ = ["Parsed", "Stream", "parse"]

_BELOW_100 = ("unit", "teen", "ten")


@dataclass(frozen=True)
class Parsed:
    """A number found at some token: its value and the index of the token after it."""

    value: float
    end: int
    vague: bool = False  # "hundreds of": a floor, not an exact value
    ordinal: bool = False  # "21st", "twenty-first"
    year: bool = False  # "nineteen eighty-nine": a year said in words
    proportion: bool = False  # "two-thirds", "half", "a quarter": a share, not a count


@dataclass(frozen=True)
class Stream:
    """The tokens of a text and, for each, whether it is joined to the next one."""

    toks: list[Tok]
    joined: list[bool]

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def cont(self, i: int, *kinds: str) -> Tok | None:
        """Token ``i`` when it continues the number before it and is of one of ``kinds``."""
        if not 0 < i < len(self.toks) or not self.joined[i - 1]:
            return None
        t = self.toks[i]
        return t if t.kind in kinds else None


# --- groups below a thousand ---------------------------------------------------------------


def _below_100(s: Stream, i: int, first: bool = True) -> tuple[float, int] | None:
    t = s.tok(i) if first else s.cont(i, *_BELOW_100)
    if t is None or t.kind not in _BELOW_100:
        return None
    unit = s.cont(i + 1, "unit")
    if t.kind == "ten" and not t.ordinal and unit is not None and unit.value > 0:
        return t.value + unit.value, i + 2
    return t.value, i + 1


def _small_digits(t: Tok | None, limit: float) -> bool:
    return t is not None and t.plain_int and t.value < limit and not t.ordinal


def _head(s: Stream, i: int) -> tuple[float, int] | None:
    """What can multiply "hundred": "three", "ninety-five", "3", "a"."""
    t = s.tok(i)
    if t is None:
        return None
    if t.kind == "a" and s.cont(i + 1, "hundred"):
        return 1.0, i + 1
    if _small_digits(t, 100):
        return t.value, i + 1
    return _below_100(s, i)


def _remainder(s: Stream, j: int) -> tuple[float, int]:
    """What follows "hundred": "and sixty-one", "21", or nothing. A remainder that is itself
    followed by "hundred" starts a new number ("3 hundred and 2 hundred")."""
    k = j + 1 if s.cont(j, "and") else j
    if s.cont(k, *_BELOW_100):
        got = _below_100(s, k, first=False)
    elif _small_digits(s.cont(k, "digits"), 100):
        got = (s.toks[k].value, k + 1)
    else:
        return 0.0, j
    if got is None or s.cont(got[1], "hundred"):
        return 0.0, j
    return got


def _group(s: Stream, i: int) -> tuple[float, int] | None:
    """A group below a thousand, or one digit string of any size."""
    t = s.tok(i)
    if t is None:
        return None
    head = _head(s, i)
    if head is not None and s.cont(head[1], "hundred"):
        if s.toks[head[1]].ordinal:
            return head[0] * 100, head[1] + 1
        value, end = _remainder(s, head[1] + 1)
        return head[0] * 100 + value, end
    if t.kind == "hundred" and not t.ordinal:
        value, end = _remainder(s, i + 1)
        return 100 + value, end
    if t.kind in ("digits", "frac"):
        return t.value, i + 1
    if t.kind == "a" and s.cont(i + 1, "scale", "dozen"):
        return 1.0, i + 1
    return head


# --- magnitudes: groups and scales ---------------------------------------------------------


@dataclass(frozen=True)
class _Magnitude:
    value: float
    end: int
    last_scale: float | None  # the last scale word applied ("million"), None when none
    decimal: bool  # the first group was a decimal or grouped digit string


def _next_group(s: Stream, j: int, last_scale: float, decimal: bool
                ) -> tuple[float, int] | None:
    """The group after a scale ("4 thousand 3 hundred"): smaller than the scale, and a digit
    string only when small and plain ("$1.2 billion and 3,400 troops" is two figures)."""
    k = j + 1 if s.cont(j, "and") else j
    t = s.cont(k, "digits", *_BELOW_100, "hundred", "a")
    if t is None:
        return None
    if t.kind == "digits" and (decimal or not _small_digits(t, 1000)):
        return None
    got = _group(s, k)
    if got is None or got[0] >= last_scale or s.cont(got[1], "fraction", "fractions"):
        return None
    return got


def _magnitude(s: Stream, i: int) -> _Magnitude | None:
    first = _group(s, i)
    if first is None:
        return None
    decimal = s.toks[i].kind == "digits" and not s.toks[i].plain_int
    total, current, end = 0.0, first[0], first[1]
    last: float | None = None
    while (scale := s.cont(end, "scale", "dozen")) is not None:
        if last is not None and not current:
            if scale.value <= last:
                break
            total *= scale.value  # "three lakh crore", "a hundred thousand million"
        elif last is not None and scale.value >= last:
            break
        else:
            total += current * scale.value
        current, last, end = 0.0, scale.value, end + 1
        nxt = None if scale.ordinal else _next_group(s, end, last, decimal)
        if nxt is not None:
            current, end = nxt
    return _Magnitude(total + current, end, last, decimal)


# --- tails ---------------------------------------------------------------------------------


def _point_tail(s: Stream, m: _Magnitude) -> Parsed | None:
    """ "two hundred point zero three", "nine point nought four"."""
    if not s.cont(m.end, "point") or m.decimal:
        return None
    digits, k = "", m.end + 1
    while (t := s.cont(k, "unit", "oh", "teen", "ten")) is not None:
        got = _below_100(s, k, first=False) if t.kind != "oh" else (0.0, k + 1)
        if got is None:
            break
        digits += str(int(got[0]))
        k = got[1]
    if not digits:
        return None
    return Parsed(m.value + float("0." + digits), k)


def _fraction_word(s: Stream, j: int) -> tuple[float, int] | None:
    """ "a half", "a quarter", "a third", "three quarters", "three fifths" after "and"."""
    one = s.cont(j, "unit")
    if s.cont(j, "a") or (one is not None and one.value == 1 and s.cont(j + 1, "fraction")):
        t = s.cont(j + 1, "fraction", "unit", "teen", "ten")
        if t is None or t.kind != "fraction" and not _is_fraction_ordinal(t):
            return None
        return (t.value if t.kind == "fraction" else 1 / t.value), j + 2
    numerator = _below_100(s, j, first=False)
    if numerator is None or not s.cont(numerator[1], "fractions"):
        return None
    return numerator[0] * s.toks[numerator[1]].value, numerator[1] + 1


def _is_fraction_ordinal(t: Tok) -> bool:
    """ "third", "fifth", "tenth" read as a fraction after "a" / "one" ("second" is time)."""
    return t.ordinal and t.kind in _BELOW_100 and t.value >= 3


def _and_fraction_tail(s: Stream, m: _Magnitude) -> Parsed | None:
    """ "two and a half", "one million and a half", "five and a half million", "one billion
    and three quarters million"."""
    if not s.cont(m.end, "and"):
        return None
    got = _fraction_word(s, m.end + 1)
    if got is None:
        return None
    f, end = got
    scale = s.cont(end, "scale")
    if scale is not None and m.last_scale is None:
        return Parsed((m.value + f) * scale.value, end + 1)
    if scale is not None and scale.value < m.last_scale:
        return Parsed(m.value + f * scale.value, end + 1)
    return Parsed(m.value + f * (m.last_scale or 1.0), end)


def _fractions_tail(s: Stream, m: _Magnitude) -> Parsed | None:
    """ "three quarters", "two-thirds", "ninety-five hundred fifths": numerator × fraction."""
    t = s.cont(m.end, "fractions")
    if t is None or m.last_scale is not None:
        return None
    return Parsed(m.value * t.value, m.end + 1, proportion=True)


def _frac_tail(s: Stream, m: _Magnitude) -> Parsed | None:
    """A whole number and a fraction: "1 1/2", "2½", "101 1/4"."""
    t = s.cont(m.end, "frac")
    if t is None or m.last_scale is not None or m.decimal or m.end - 1 < 0:
        return None
    if not s.toks[m.end - 1].plain_int:
        return None
    return Parsed(m.value + t.value, m.end + 1)


_TAILS: tuple[Callable[[Stream, _Magnitude], Parsed | None], ...] = (
    _point_tail, _and_fraction_tail, _fractions_tail, _frac_tail)


# --- the productions -----------------------------------------------------------------------


def _cardinal(s: Stream, i: int) -> Parsed | None:
    m = _magnitude(s, i)
    if m is None:
        return None
    for tail in _TAILS:
        got = tail(s, m)
        if got is not None:
            return got
    ordinal = any(t.ordinal for t in s.toks[i : m.end])
    return Parsed(m.value, m.end, ordinal=ordinal)


def _fraction(s: Stream, i: int) -> Parsed | None:
    """A number that starts with a fraction: "half a million", "a quarter", "one-third"."""
    j = i + 1 if s.toks[i].kind == "a" else i
    t = s.toks[j] if j == i else s.cont(j, "fraction", "unit", "teen", "ten")
    if t is not None and t.kind == "fraction":
        k = j + 2 if s.cont(j + 1, "a") and s.cont(j + 2, "scale") else j + 1
        scale = s.cont(k, "scale")
        if scale is not None:
            return Parsed(t.value * scale.value, k + 1)  # "half a million", "quarter million"
        return Parsed(t.value, j + 1, proportion=True)
    return _one_nth(s, i)


def _one_nth(s: Stream, i: int) -> Parsed | None:
    """ "a third", "one-fifth": one over an ordinal."""
    first = s.toks[i]
    if not (first.kind == "a" or (first.kind == "unit" and first.value == 1)):
        return None
    nxt = s.cont(i + 1, "unit", "teen", "ten")
    if nxt is None or not _is_fraction_ordinal(nxt):
        return None
    return Parsed(1 / nxt.value, i + 2, proportion=True)


def _year(s: Stream, i: int) -> Parsed | None:
    """A year said in words: "nineteen eighty-nine", "twenty twenty-two", "twenty oh five"."""
    hi = _below_100(s, i)
    if hi is None or not 11 <= hi[0] <= 20 or s.toks[i].ordinal:
        return None
    if s.cont(hi[1], "oh"):
        lo = s.cont(hi[1] + 1, "unit")
        if lo is None or lo.value == 0:
            return None
        return Parsed(hi[0] * 100 + lo.value, hi[1] + 2, year=True, ordinal=lo.ordinal)
    lo = _below_100(s, hi[1], first=False)
    if lo is None or lo[0] < 10 or s.cont(lo[1], "hundred", "scale"):
        return None
    ordinal = any(t.ordinal for t in s.toks[i : lo[1]])
    return Parsed(hi[0] * 100 + lo[0], lo[1], year=True, ordinal=ordinal)


def _vague(s: Stream, i: int) -> Parsed | None:
    """ "hundreds of", "dozens", "tens of thousands of": a floor."""
    t = s.toks[i]
    if t.kind != "vague":
        return None
    value, end = t.value, i + 1
    while s.cont(end, "of") and (nxt := s.cont(end + 1, "vague")) and nxt.value > value:
        value, end = value * nxt.value, end + 2
    return Parsed(value, end, vague=True)


_PRODUCTIONS = (_cardinal, _year, _fraction, _vague)


def parse(s: Stream, i: int) -> Parsed | None:
    """The longest number starting at token ``i`` (None: no number starts there)."""
    sign = s.toks[i].kind == "sign"
    j = i + 1 if sign else i
    if sign and not s.cont(j, "digits", "unit", "teen", "ten", "a", "fraction", "hundred"):
        return None
    if j >= len(s.toks):
        return None
    best: Parsed | None = None
    for production in _PRODUCTIONS:
        got = production(s, j)
        if got is not None and (best is None or got.end > best.end):
            best = got
    if best is None or not sign:
        return best
    return replace(best, value=-best.value)
