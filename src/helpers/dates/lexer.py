"""Running the atom rules over a text: every piece, longest first, without overlaps.

Speed without changing what is found: a rule with a trigger runs only in windows around the
trigger's hits; the triggers are scanned case-sensitively over the text's lowered copy
(:mod:`helpers.numbers.lowered`: the same spans, several times faster); a rule whose matches
start where a run of digits starts (``at_digits``) is tried only there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..numbers import alternation
from ..numbers.lowered import Scanner, lowered, matches_at
from ..numbers.tokens import digit_runs
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


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: Scanner
    build: Builder
    trigger: Scanner | None
    at_digits: bool


@functools.lru_cache(maxsize=1)
def _compiled() -> list[Rule]:
    triggers: dict[str, Scanner] = {}
    out = []
    for a in _ATOMS:
        trig = None
        if a.trigger:
            source = _fill(a.trigger)
            trig = triggers.setdefault(source, Scanner.compile(source))
        pattern = Scanner.compile(_fill(a.pattern), a.starts and _fill(a.starts))
        out.append(Rule(a.name, pattern, a.build, trig, a.at_digits))
    return out


# --- where each rule runs --------------------------------------------------------------------

@dataclass
class _Text:
    """One text and what several rules share: its lowered copy, trigger windows, digit runs."""

    text: str
    low: str | None
    windows: dict[Scanner, list[tuple[int, int]]] = field(default_factory=dict)
    digit_runs: list[int] | None = None


def _windows(trigger: Scanner, t: _Text) -> list[tuple[int, int]]:
    """Merged stretches of the text around the trigger's hits."""
    out: list[tuple[int, int]] = []
    n = len(t.text)
    for start, end in trigger.spans(t.text, t.low):
        s, e = max(0, start - _WINDOW), min(n, end + _WINDOW)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _matches(rule: Rule, t: _Text) -> Iterator[re.Match[str]]:
    if rule.at_digits:
        if t.digit_runs is None:
            t.digit_runs = digit_runs(t.text)
        yield from matches_at(rule.pattern.pattern, t.text, t.digit_runs)
    elif rule.trigger is None:
        yield from rule.pattern.finditer(t.text, t.low)
    else:
        if rule.trigger not in t.windows:
            t.windows[rule.trigger] = _windows(rule.trigger, t)
        for ws, we in t.windows[rule.trigger]:
            yield from rule.pattern.finditer(t.text, t.low, ws, we)


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
    used = bytearray(len(text))  # characters already inside a taken piece (pieces are short)
    for _, p in cands:
        if any(used[p.start : p.end]):
            continue
        used[p.start : p.end] = b"\x01" * (p.end - p.start)
        taken.append(p)
    return sorted(taken, key=lambda p: p.start)
