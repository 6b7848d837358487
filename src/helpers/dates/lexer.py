"""Running the atom rules over a text: every piece, longest first, without overlaps."""

from __future__ import annotations

import functools
import re

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


@functools.lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str], Builder, re.Pattern[str] | None]]:
    out = []
    for name, pattern, fn, trigger in _ATOMS:
        trig = re.compile(_fill(trigger), re.IGNORECASE) if trigger else None
        out.append((name, re.compile(_fill(pattern), re.IGNORECASE), fn, trig))
    return out


def _windows(trigger: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Merged stretches of ``text`` around the trigger's hits."""
    out: list[tuple[int, int]] = []
    for m in trigger.finditer(text):
        s, e = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _candidates(text: str) -> list[tuple[int, Piece]]:
    found: list[tuple[int, Piece]] = []
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    whole = [(0, len(text))]
    for order, (name, pattern, fn, trigger) in enumerate(_compiled()):
        if trigger is not None and trigger not in windows:
            windows[trigger] = _windows(trigger, text)
        spans = whole if trigger is None else windows[trigger]
        seen: set[int] = set()
        for ws, we in spans:
            for m in pattern.finditer(text, ws, we):
                if m.end() == m.start() or m.start() in seen:
                    continue
                seen.add(m.start())
                try:
                    piece = fn(m)
                except (ValueError, OverflowError):
                    continue  # beyond the calendar
                if piece is not None and piece.end > piece.start:
                    piece.rule = piece.rule or name
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
