"""Reading a date against the article: its reference (publication) date, the tense of the
sentence, and the article's own time line.

:class:`Context` carries the reference date, a ``tense`` function (character offset →
``"past"``, ``"present"``, ``"future"`` or None) and the ``focus``: the latest date the article
has stated so far, which "the following year", "that day" or "a year earlier" count from.
:func:`evaluate` turns a composed piece into (the date as written, the date resolved).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .atoms import Piece, Rel
from .calendar import shift_date
from .tense import Tense
from .when import When, containing, missing, resolve, span, step

__all__ = ["Context", "evaluate"]


#: How a year the text leaves out is filled in, by the tense of the sentence: a past-tense
#: report means the latest such date, a future one the next, the present the nearest.
DIRECTIONS = {"past": "past", "future": "future", "present": "nearest"}
#: The direction when the tense is unknown (a headline, a fragment): a weekday is the latest
#: one (news reports what happened), a date without its year the nearest one.
DEFAULT_DIRECTION = {"week": "past", "month": "past", "year": "nearest"}


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$", re.IGNORECASE)
#: An end point ahead ("extended to Nov. 20", "until mid-November", "by Oct. 31"): whatever
#: the tense, the nearest such date, not last year's.
_UNTIL = re.compile(r"\b(?:until|till|through|to|by|before|ahead\s+of|effective|due|starting"
                    r"|payable|record)\s+"
                    r"(?:the\s+)?(?:(?:early|mid|late|end\s+of)[\s-]+)?$", re.IGNORECASE)
@dataclass
class Context:
    text: str
    ref: dt.date | None
    tense: Tense
    focus: When | None = None

    def direction(self, pos: int, need: str | None = None, bounds: bool = True) -> str:
        """How to fill in what the date at ``pos`` leaves out (``need``: see ``missing``);
        ``bounds``: whether a word before it ("since", "until") bounds the date itself."""
        if bounds and _SINCE.search(self.text, max(0, pos - 30), pos):
            return "past"  # "since August" looks back whatever the tense
        if bounds and _UNTIL.search(self.text, max(0, pos - 30), pos):
            return "nearest"
        tense = self.tense(pos)
        return DIRECTIONS[tense] if tense in DIRECTIONS else DEFAULT_DIRECTION.get(need or "",
                                                                                   "past")

    def period(self) -> When | None:
        """The quarter (or half) the article is about so far: its time line's."""
        return self.focus if self.focus is not None and self.focus.grain in _PERIODS else None

    def remember(self, w: When | None) -> None:
        """A resolved date becomes the time line's focus."""
        if w is not None and span(w) is not None:
            self.focus = w


def _start(w: When | None) -> dt.date | None:
    s = span(w) if w is not None else None
    return s[0] if s else None


def _anchor(rel: Rel, ctx: Context) -> tuple[dt.date | None, When | None]:
    if isinstance(rel.anchor, Piece):
        # "two days before May 5": "before" counts from the date, it does not bound it
        _, resolved = evaluate(rel.anchor, ctx, bounded=False)
        return _start(resolved), resolved
    if rel.anchor == "focus" and ctx.focus is not None:
        return _start(ctx.focus), ctx.focus
    return ctx.ref, None


_PERIODS = ("quarter", "half")


def _completed(grain: str, base: dt.date, focus: When | None) -> When:
    """ "the quarter", "the latest quarter": the period the article is about (its time line's
    quarter), else the latest one already over; "the year", "the month": the current one."""
    if focus is not None and focus.grain == grain:
        return focus
    if grain in _PERIODS:
        return containing(shift_date(base, ((1, grain),), -1), grain)
    return containing(base, grain)


def _shifted(rel: Rel, base: dt.date, focus: When | None, ctx: Context) -> When:
    grain = rel.grain
    if grain == "focus" or (grain in _PERIODS and rel.anchor == "focus" and focus is None):
        # "a year earlier" than a quarter is that quarter a year before; "the year-ago
        # quarter" without one is the latest quarter over, a year before
        period = focus if focus is not None and focus.grain in _PERIODS else ctx.period()
        if period is None and grain in _PERIODS:
            period = _completed(grain, base, None)
        if period is not None:
            base, grain = _start(period) or base, period.grain
        else:
            grain = "year"
    return containing(shift_date(base, rel.amounts, rel.sign), grain)


def _with_extra(w: When, extra: When) -> When:
    """The relative date narrowed by what the text adds ("Friday" + "next week", "July" + "last
    year", "Monday" + "two weeks from now": the Monday of that week)."""
    if extra == When():
        return w
    if extra.weekday is not None and w.grain == "day" and (d := w.date()) is not None:
        w = containing(d, "week")
    elif extra.month is not None and w.grain == "day" and (d := w.date()) is not None:
        w = containing(d, "year")
    merged = w.merge(extra)
    return merged if merged is not None else w


def _relative(p: Piece, ctx: Context) -> When | None:
    rel = p.rel
    assert rel is not None
    base, focus = _anchor(rel, ctx)
    if base is None:
        return None
    if rel.grain in ("step", "occurrence"):
        # "last Friday" as news means it is the latest Friday, not the Friday of last week
        last_weekday = rel.sign < 0 and missing(p.when) == "week"
        return step(p.when, base, rel.sign, by_week=rel.grain == "step" and not last_weekday)
    w = (_completed(rel.grain, base, focus) if rel.completed
         else _shifted(rel, base, focus, ctx))
    return _with_extra(w, p.when)


def _exact(p: Piece, ctx: Context) -> When | None:
    """ "two years ago", "three months later" as the text computes them: a day (the resolved
    value keeps the grain the text counts in, "2014", as TIMEX does)."""
    rel = p.rel
    if rel is None or not p.computed or isinstance(rel.anchor, Piece) or p.when != When():
        return None
    if rel.grain not in ("year", "month", "focus", "decade") or ctx.period() is not None:
        return None  # a year before the article's quarter: that quarter
    base, _ = _anchor(rel, ctx)
    return containing(shift_date(base, rel.amounts, rel.sign), "day") if base else None


def _literal(p: Piece, ctx: Context) -> When | None:
    """ "last April", "last Friday" read by the calendar: April of last year, the Friday of
    last week (the resolved value reads them as news does: the latest April, Friday)."""
    rel = p.rel
    if rel is None or rel.grain != "step" or isinstance(rel.anchor, Piece):
        return None
    base, _ = _anchor(rel, ctx)
    return step(p.when, base, rel.sign, by_week=True, literal=True) if base else None


def evaluate(p: Piece, ctx: Context, bounded: bool = True) -> tuple[When | None, When | None]:
    """(the date as the text states it, the date resolved against the reference date and
    the time line); a year the text leaves out stays unknown in the first."""
    if p.kind == "rel":
        resolved = _relative(p, ctx)
        if p.when.month is not None and p.when.day is not None and p.when.year is None:
            # "next Friday, June 15", "this friday (jun-15)": as written, June 15 of a year
            # the text does not state
            return replace(p.when, weekday=None), resolved
        return _exact(p, ctx) or _literal(p, ctx) or resolved, resolved
    w = p.when
    if ctx.ref is None:
        return w, w
    direction = ctx.direction(p.start, missing(w), bounded)
    if direction == "future" and w.grain in _PERIODS:
        direction = "nearest"  # "expects to report third-quarter results": the quarter just over
    resolved = resolve(w, ctx.ref, direction)
    # A bare weekday cannot be written without its week, nor a holiday without its year: as
    # written they are read without context, as the latest one before the reference date.
    return _written(w, ctx.ref), resolved


def _written(w: When, ref: dt.date) -> When:
    """A date as the text states it. What cannot be written without its context is read
    without the tense: a bare weekday as the latest one before the reference date ("Thursday
    the 21st" too), "the second Sunday" in the reference's month, a holiday or "the last Friday
    of November" in the latest year whose day or month has begun."""
    need = missing(w)
    if w.nth is not None and w.month is None:
        return replace(w, year=ref.year, month=ref.month)
    if need == "week" or (need == "month" and w.weekday is not None):
        return resolve(w, ref, "before")
    if w.holiday is not None and w.year is None:
        return resolve(w, ref, "past")
    if w.nth is not None and w.year is None:
        return replace(w, year=resolve(When(month=w.month), ref, "past").year)
    return w
