"""Running the atom rules over a text: every piece, longest first, without overlaps.

Speed without changing what is found: a rule with a trigger runs only in windows around the
trigger's hits, and the triggers (compiled IGNORECASE) are scanned over the text with its ASCII
letters in lower case by a case-sensitive copy of their regex, which the regex engine scans
several times faster, and which finds the same spans (a text holding a character IGNORECASE
equates with an ASCII letter, such as "ſ" or the Kelvin sign, is scanned as it is). A rule
whose matches start where a run of digits starts (``at_digits``) is tried only there.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..numbers import alternation
from . import relative  # noqa: F401  (registers the relative atoms after the calendar ones)
from .atoms import _ATOMS, Builder, Piece
from .calendar import names

__all__ = ["pieces"]

#: A rule with a trigger runs only this far around the trigger's hits (no date expression is
#: longer).
_WINDOW = 64


@functools.lru_cache(maxsize=1)
def _placeholders() -> dict[str, str]:
    cal = names()
    months = list(cal["month"])
    full = [m for m in months if len(m) > 4 or m in ("may", "june", "july", "sept")]
    mon = rf"\b(?P<mon>{alternation(months)})(?:\b(?:\.(?=\s*\d))?|(?=\d))"
    return {
        "{MON}": mon,
        "{MON2}": mon.replace("?P<mon>", "?P<mon2>"),
        "{MON3}": mon.replace("?P<mon>", "?P<mon3>"),
        "{MONF}": rf"\b(?P<mon>{alternation(full)})\b",
        "{WD}": rf"\b(?P<wd>{alternation(list(cal['weekday']))})\b\.?",
        "{HOL}": rf"\b(?P<hol>{alternation(list(cal['holiday']))})\b",
    }


def _fill(pattern: str) -> str:
    for name, value in _placeholders().items():
        pattern = pattern.replace(name, value)
    return pattern


# --- scanning a text with its ASCII letters in lower case -----------------------------------

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_GROUP_NAME = re.compile(r"\(\?P<\w+>")
#: Inline flags, back-references (IGNORECASE compares them case-insensitively, non-ASCII letters
#: too) and characters given by code: a lowered copy of such a regex could find other spans.
_UNSAFE = re.compile(r"\(\?[aiLmsux-]|\(\?P=|\\[0-9xuUN]")


def lower_pattern(source: str) -> str | None:
    """``source`` (an ASCII regex meant for IGNORECASE) for a case-sensitive scan of a text whose
    ASCII letters are in lower case: its letters lowered, escapes ("\\S", "\\W") and group names
    kept; None when that could find other spans."""
    if not source.isascii() or _UNSAFE.search(source):
        return None
    out: list[str] = []
    i = 0
    while i < len(source):
        m = _GROUP_NAME.match(source, i)
        if m:
            out.append(m.group())
            i = m.end()
        elif source[i] == "\\":
            out.append(source[i : i + 2])
            i += 2
        else:
            out.append(source[i].lower())
            i += 1
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _folds_to_ascii(ch: str) -> bool:
    """A non-ASCII character IGNORECASE takes for an ASCII letter ("ſ" for "s", "K" for "k")."""
    return re.match("[a-z]", ch, re.IGNORECASE) is not None


def lowered(text: str) -> str | None:
    """``text`` with its ASCII letters in lower case (same length, same offsets), or None when a
    character in it matches an ASCII letter under IGNORECASE without being one."""
    if text.isascii():
        return text.lower()
    if any(_folds_to_ascii(ch) for ch in set(text) if not ch.isascii()):
        return None
    return text.translate(_ASCII_LOWER)


@dataclass(frozen=True)
class Trigger:
    """A rule's trigger: compiled IGNORECASE for the text, and case-sensitive (None when it
    cannot be) for the lowered text."""

    exact: re.Pattern[str]
    lower: re.Pattern[str] | None

    def finditer(self, text: str, low: str | None) -> Iterator[re.Match[str]]:
        if low is not None and self.lower is not None:
            return self.lower.finditer(low)
        return self.exact.finditer(text)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    build: Builder
    trigger: Trigger | None
    at_digits: bool


@functools.lru_cache(maxsize=1)
def _compiled() -> list[Rule]:
    triggers: dict[str, Trigger] = {}
    out = []
    for a in _ATOMS:
        trig = None
        if a.trigger:
            source = _fill(a.trigger)
            if source not in triggers:
                low = lower_pattern(source)
                triggers[source] = Trigger(re.compile(source, re.IGNORECASE),
                                           re.compile(low) if low is not None else None)
            trig = triggers[source]
        out.append(Rule(a.name, re.compile(_fill(a.pattern), re.IGNORECASE), a.build, trig,
                        a.at_digits))
    return out


# --- where each rule runs --------------------------------------------------------------------

_DIGIT_RUN = re.compile(r"\d+")


@dataclass
class _Text:
    """One text and what several rules share: its lowered copy, trigger windows, digit runs."""

    text: str
    low: str | None
    windows: dict[Trigger, list[tuple[int, int]]] = field(default_factory=dict)
    digit_runs: list[int] | None = None


def _windows(trigger: Trigger, t: _Text) -> list[tuple[int, int]]:
    """Merged stretches of the text around the trigger's hits."""
    out: list[tuple[int, int]] = []
    n = len(t.text)
    for m in trigger.finditer(t.text, t.low):
        s, e = max(0, m.start() - _WINDOW), min(n, m.end() + _WINDOW)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _at_starts(pattern: re.Pattern[str], text: str, starts: list[int]
               ) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that matches only at ``starts`` (sorted) and
    never matches empty: tried at those positions only."""
    end = 0
    for s in starts:
        if s < end:
            continue
        m = pattern.match(text, s)
        if m is not None:
            end = m.end()
            yield m


def _matches(rule: Rule, t: _Text) -> Iterator[re.Match[str]]:
    if rule.at_digits:
        if t.digit_runs is None:
            t.digit_runs = [m.start() for m in _DIGIT_RUN.finditer(t.text)]
        yield from _at_starts(rule.pattern, t.text, t.digit_runs)
    elif rule.trigger is None:
        yield from rule.pattern.finditer(t.text)
    else:
        if rule.trigger not in t.windows:
            t.windows[rule.trigger] = _windows(rule.trigger, t)
        for ws, we in t.windows[rule.trigger]:
            yield from rule.pattern.finditer(t.text, ws, we)


def _candidates(text: str) -> list[tuple[int, Piece]]:
    found: list[tuple[int, Piece]] = []
    t = _Text(text, lowered(text))
    for order, rule in enumerate(_compiled()):
        seen: set[int] = set()
        for m in _matches(rule, t):
            if m.end() == m.start() or m.start() in seen:
                continue
            seen.add(m.start())
            try:
                piece = rule.build(m)
            except (ValueError, OverflowError):
                continue  # beyond the calendar
            if piece is not None and piece.end > piece.start:
                piece.rule = piece.rule or rule.name
                found.append((order, piece))
    return found


def pieces(text: str) -> list[Piece]:
    """The atoms of ``text``: on overlaps the longest wins, then the earlier rule."""
    cands = sorted(_candidates(text), key=lambda c: (c[1].start - c[1].end, c[0], c[1].start))
    taken: list[Piece] = []
    for _, p in cands:
        if any(p.start < t.end and t.start < p.end for t in taken):
            continue
        taken.append(p)
    return sorted(taken, key=lambda p: p.start)
