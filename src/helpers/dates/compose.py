"""Joining neighbouring pieces into dates: a small grammar of named rules.

Pieces that stand next to each other (see :func:`chunks`) are reduced by the rules in
:data:`RULES`, in order, until none applies:

1. ``shift_grain``       "last" + "week", "the following" + "year", "the" + "quarter"
2. ``shift_date``        "last" + "April", "next" + "Friday", "this" + "spring"
3. ``rel_grain``         "year-ago" + "period"
4. ``duration_direction`` "two years" + "ago", "a year" + "earlier"
5. ``in_duration``       "in" + "two weeks"
6. ``duration_from_date`` "three days" + "after" + "Easter"
7. ``intersect``         "Friday" + "next week", "July" + "last year", "Saturday" + "April 25"
8. ``modifier``          "early" + "next year", "the end of" + "the month"

A composed piece keeps the names of the rules that made it (``Piece.rule``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .atoms import Piece, Rel
from .when import When

__all__ = ["RULES", "chunks", "reduce"]

_SHIFTS = ("shift", "occurrence", "anchored", "completed")
_DATES = ("time", "rel")
_SPACE = re.compile(r"\s+")
#: What may stand between two date pieces that name one date ("Friday, April 25", "July of
#: last year", "next year's first quarter", "this friday (jun-15)").
_INTERSECT_GAP = re.compile(r"\s*|\s*,\s*|\s+of\s+(?:the\s+)?|\s+in\s+|['’]s\s+|\s*-\s*|\s*\(\s*"
                            r"|\s+on\s+", re.IGNORECASE)
_MOD_GAP = re.compile(r"\s*-\s*|\s+(?:the\s+)?", re.IGNORECASE)
_FROM_GAP = re.compile(r"\s+(?:the\s+)?", re.IGNORECASE)
_DEICTIC_DIRECTIONS = frozenset({"ago", "from now", "hence", "before today", "before now",
                                 "from today", "after today"})
_TIMELINE_DIRECTIONS = frozenset({"earlier", "later"})
_DATE_DIRECTIONS = frozenset({"before", "after", "from"})
#: Grains "the" alone makes a date of: "the quarter", "the year" (not "the day", "the week").
_COMPLETED_GRAINS = frozenset({"quarter", "half", "year", "month"})
#: Looking back a number of years or months gives a date at that grain ("two years ago" → a
#: year, TIMEX usage); counting ahead ("in two years", "three months from now") a day.
_BACK = frozenset({"ago", "earlier", "before now", "later"})


def _joined(a: Piece, b: Piece, text: str, gap: re.Pattern[str]) -> bool:
    return bool(gap.fullmatch(text, a.end, b.start))


def _sign(k: int) -> int:
    return (k > 0) - (k < 0)


def _made(kind: str, first: Piece, last: Piece, rule: str, **kw: object) -> Piece:
    rules = "+".join(p.rule for p in (first, last) if p.rule)
    return Piece(kind, first.start, last.end, rule=f"{rules}+{rule}" if rules else rule, **kw)


# --- the rules -----------------------------------------------------------------------------


def shift_grain(text: str, a: Piece, b: Piece) -> Piece | None:
    if a.kind not in _SHIFTS or b.kind != "grain" or not _joined(a, b, text, _SPACE):
        return None
    grain, k = str(b.value), int(a.value)
    if grain == "fortnight" or (a.kind == "completed" and grain not in _COMPLETED_GRAINS):
        return None  # "the day", "the week" alone are too often not a date
    if a.kind == "completed":
        if re.match(r"\s+of\b", text[b.end :]):
            return None  # "the month of March", "the year of the flood": a description
        rel = Rel("focus", (), 0, grain, completed=True)
    else:
        unit = "week" if grain == "weekend" else grain
        rel = Rel("focus" if a.kind == "anchored" else "ref", ((abs(k), unit),), _sign(k), grain)
    return _made("rel", a, b, "shift_grain", rel=rel)


def shift_date(text: str, a: Piece, b: Piece) -> Piece | None:
    if a.kind not in ("shift", "occurrence", "anchored") or b.kind != "time":
        return None
    if not _joined(a, b, text, _SPACE) or b.when.year is not None or b.when.decade is not None:
        return None
    # "the following Thursday", "that December": the next (or latest) one from the time line
    mode = "occurrence" if a.kind in ("occurrence", "anchored") else "step"
    anchor = "focus" if a.kind == "anchored" else "ref"
    return _made("rel", a, b, "shift_date", rel=Rel(anchor, (), int(a.value), mode), when=b.when)


def rel_grain(text: str, a: Piece, b: Piece) -> Piece | None:
    if a.kind != "rel" or a.rel is None or a.rel.grain != "focus" or b.kind != "grain":
        return None
    if not _joined(a, b, text, _SPACE):
        return None
    return _made("rel", a, b, "rel_grain", rel=replace(a.rel, grain=str(b.value)))


def _finest(amounts: tuple[tuple[float, str], ...]) -> str:
    """The grain of a duration's result: its finest unit (a day for weeks counted ahead), the
    time line's quarter or else a year for whole years."""
    units = {u for _, u in amounts}
    for unit in ("day", "business day", "week"):
        if unit in units:
            return "day"
    for unit in ("month", "quarter"):
        if unit in units:
            return unit
    return "focus" if units == {"year"} else ("decade" if units == {"decade"} else "year")


def duration_direction(text: str, a: Piece, b: Piece) -> Piece | None:
    if a.kind != "dur" or b.kind != "dir" or not _joined(a, b, text, _SPACE):
        return None
    word = str(b.value)
    if word not in _DEICTIC_DIRECTIONS | _TIMELINE_DIRECTIONS:
        return None
    sign = -1 if word in ("ago", "earlier", "before today", "before now") else 1
    anchor = "ref" if word in _DEICTIC_DIRECTIONS else "focus"
    grain = _finest(a.value)
    if word not in _BACK and grain in ("month", "focus", "year", "decade"):
        grain = "day"  # "two years from now": that day
    rel = Rel(anchor, tuple(a.value), sign, grain)
    return _made("rel", a, b, "duration_direction", rel=rel, computed=True)


_SPAN_OF_TIME = re.compile(
    r"\b(?:\w+est|first|second|third|fourth|fifth|only|last|once|twice|times|level|record)\b"
    r"(?:\s+[\w'’-]+){0,3}\s+$|\b(?:years?|decades?|months?|weeks?|days?)\s+$", re.IGNORECASE)
_NOT_AHEAD = re.compile(r"\s+(?:ago|later|from|after|before|of|old|earlier|time)\b", re.IGNORECASE)


def in_duration(text: str, a: Piece, b: Piece) -> Piece | None:
    """ "in two weeks", "within 3 days": that long after the reference date -- not "its lowest
    level in three years" (a span looking back) nor "in two years' time" of a plan."""
    if a.kind != "in" or b.kind != "dur" or not _joined(a, b, text, _SPACE):
        return None
    if any(unit == "quarter" for _, unit in b.value):
        return None  # "in a quarter of cases"
    if _SPAN_OF_TIME.search(text, max(0, a.start - 40), a.start) or _NOT_AHEAD.match(text, b.end):
        return None
    rel = Rel("ref", tuple(b.value), 1, "day")
    return _made("rel", a, b, "in_duration", rel=rel, computed=True)


def duration_from_date(text: str, a: Piece, b: Piece, c: Piece) -> Piece | None:
    if a.kind != "dur" or b.kind != "dir" or c.kind not in _DATES or c.partner:
        return None
    if str(b.value) not in _DATE_DIRECTIONS or not _joined(a, b, text, _SPACE):
        return None
    if not _joined(b, c, text, _FROM_GAP):
        return None
    sign = -1 if b.value == "before" else 1
    grain = _finest(a.value).replace("focus", "year")
    rel = Rel(c, tuple(a.value), sign, "day" if c.when.grain == "day" else grain)
    return _made("rel", a, c, "duration_from_date", rel=rel, computed=True)


def _coherent(w: When) -> bool:
    """Fields that name one date together: a weekday needs a week or a month and day; a day
    of the month needs a month; nothing else combines with a weekday."""
    if w.weekday is not None and w.week is None and w.day is None:
        return w.nth is not None  # a weekday needs its week, its day or its place in a month
    if w.day is not None and w.month is None and w.week is None:
        return w.weekday is not None  # "Thursday the 21st"
    return not (w.season and w.month) and not (w.quarter and (w.month or w.season))


_GRAIN_ORDER = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")


def _finer(stated: str, rel_grain: str) -> bool:
    """What the text adds to a relative date must be finer than it: "July" + "last year",
    "Friday" + "next week" -- not "the second quarter" + "the year-ago quarter"."""
    if rel_grain not in _GRAIN_ORDER or stated not in _GRAIN_ORDER:
        return True
    if rel_grain == "day":
        return stated == "day"  # "Monday" + "two weeks from now"
    return _GRAIN_ORDER.index(stated) < _GRAIN_ORDER.index(rel_grain)


def _merged(a: Piece, b: Piece) -> When | None:
    """The fields two date pieces state together, when they name one date."""
    rel = a.rel if a.kind == "rel" else b.rel
    extra = a.when.merge(b.when)
    if extra is None or (rel is not None and not _finer(extra.grain, rel.grain)):
        return None
    if (rel is None or rel.grain in ("step", "occurrence")) and not _coherent(extra):
        return None
    return extra


def intersect(text: str, a: Piece, b: Piece) -> Piece | None:
    if a.kind not in _DATES or b.kind not in _DATES or not _joined(a, b, text, _INTERSECT_GAP):
        return None
    if a.kind == "rel" and b.kind == "rel":
        return None
    extra = _merged(a, b)
    if extra is None:
        return None
    rel = a.rel if a.kind == "rel" else b.rel
    kind = "rel" if rel is not None else "time"
    return _made(kind, a, b, "intersect", rel=rel, when=extra, computed=a.computed or b.computed,
                 modifier=a.modifier or b.modifier)


def modifier(text: str, a: Piece, b: Piece) -> Piece | None:
    """ "early 2022", "mid-November", "the end of the month", "earlier this year"."""
    is_mod = a.kind == "mod" or (a.kind == "dir" and a.value in ("earlier", "later"))
    if not is_mod or b.kind not in (*_DATES, "grain") or not _joined(a, b, text, _MOD_GAP):
        return None
    value = a.value if a.kind == "mod" else None
    if b.kind == "grain":  # "end of month": this month's end
        if b.value in ("day", "fortnight", "period"):
            return None
        b = replace(b, kind="rel", rel=Rel("ref", (), 0, str(b.value)))
    grown = replace(b, start=a.start, rule=f"{b.rule}+modifier" if b.rule else "modifier",
                    partner=False, weak=False)
    grown.modifier = value or b.modifier
    return grown


Rule = Callable[..., Piece | None]
#: The composition rules, in the order they are tried.
RULES: list[Rule] = [shift_grain, shift_date, rel_grain, duration_direction, in_duration,
                     duration_from_date, intersect, modifier]
_ARITY = {rule: rule.__code__.co_argcount - 1 for rule in RULES}


def _apply_once(text: str, ps: list[Piece]) -> bool:
    for rule in RULES:
        n = _ARITY[rule]
        for i in range(len(ps) - n + 1):
            got = rule(text, *ps[i : i + n])
            if got is not None:
                ps[i : i + n] = [got]
                return True
    return False


def reduce(text: str, ps: list[Piece]) -> list[Piece]:
    """The pieces of one chunk after every rule has been applied as long as one applies."""
    ps = list(ps)
    while len(ps) > 1 and _apply_once(text, ps):
        pass
    return ps


_CHUNK_GAP = re.compile(r"[\s,()'’s-]*(?:\b(?:of|in|on|the|after|before|from)\b[\s,()-]*)*",
                        re.IGNORECASE)


def chunks(text: str, ps: list[Piece]) -> list[list[Piece]]:
    """Runs of pieces close enough to compose (at most a few joining words apart)."""
    out: list[list[Piece]] = []
    for p in sorted(ps, key=lambda p: p.start):
        if out and p.start - out[-1][-1].end <= 12 and _CHUNK_GAP.fullmatch(
                text, out[-1][-1].end, p.start):
            out[-1].append(p)
        else:
            out.append([p])
    return out
