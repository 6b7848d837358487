"""A date as the calendar fields a text states, and how it becomes a TIMEX value.

A :class:`When` holds only what is stated or computed: "March 28" is ``month=3, day=28`` with no
year; "Friday next week" is ``year, week, weekday``. Two Whens combine by intersection
(:meth:`When.merge`). :func:`resolve` fills a missing year (or week, or month) from an anchor
date in a direction: ``past`` (the latest one not after the anchor), ``future`` (the next one
not before it) or ``nearest``. :func:`timex` writes the value at the finest stated grain
(``2022``, ``2022-Q3``, ``2022-SU``, ``2022-02``, ``2022-W35``, ``2022-02-24``, ``199X``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

from .calendar import add_months, holiday, month_length, valid_day

__all__ = ["When", "containing", "missing", "resolve", "span", "step", "timex"]

#: Season code → the month it begins (a season belongs to the year it begins in).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class When:
    """Calendar fields of one date expression (None: not stated)."""

    year: int | None = None
    century: int | None = None  # 19 for the 1900s ("19XX")
    decade: int | None = None  # 199 for the 1990s ("199X")
    half: int | None = None  # 1 or 2
    quarter: int | None = None
    season: str | None = None  # SP, SU, FA, WI
    month: int | None = None
    week: int | None = None  # ISO week of ``year`` (then an ISO year)
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    nth: int | None = None  # with a weekday: the nth of its month (-1: the last)
    holiday: str | None = None
    weekend: bool = False

    def merge(self, other: When) -> When | None:
        """The intersection of two Whens; None when they state different values."""
        out: dict[str, object] = {"weekend": self.weekend or other.weekend}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if f.name == "weekend":
                continue
            if a is not None and b is not None and a != b:
                return None
            out[f.name] = a if a is not None else b
        return When(**out)

    @property
    def grain(self) -> str:
        """The finest stated grain: day, week, month, season, quarter, half, year, decade,
        century ("day" also for a weekday or holiday)."""
        if self.day is not None or self.holiday or (self.weekday is not None and not self.weekend):
            return "day"
        for name in ("week", "month", "season", "quarter", "half", "year", "decade", "century"):
            if getattr(self, name) is not None:
                return name
        return "none"

    def date(self) -> dt.date | None:
        """The day this When names, when it names one and its year is known."""
        y = self.year
        if y is None or not 1 <= y <= 9999:
            return None
        if self.holiday:
            return holiday(self.holiday, y)
        if self.nth is not None and self.weekday is not None and self.month is not None:
            return _nth_weekday(y, self.month, self.weekday, self.nth)
        if self.month is not None and self.day is not None:
            return dt.date(y, self.month, self.day) if valid_day(y, self.month, self.day) else None
        if self.week is not None and self.weekday is not None:
            try:
                return dt.date.fromisocalendar(y, self.week, self.weekday + 1)
            except ValueError:
                return None
        return None


def _nth_weekday(y: int, month: int, weekday: int, nth: int) -> dt.date | None:
    days = [d for d in range(1, month_length(y, month) + 1)
            if dt.date(y, month, d).weekday() == weekday]
    if nth == -1:
        return dt.date(y, month, days[-1])
    return dt.date(y, month, days[nth - 1]) if 0 < nth <= len(days) else None


def containing(d: dt.date, grain: str) -> When:
    """The When at ``grain`` that contains the day ``d``."""
    if grain in ("week", "weekend"):
        iso = d.isocalendar()
        return When(year=iso[0], week=iso[1], weekend=grain == "weekend")
    parts = {
        "day": When(d.year, month=d.month, day=d.day),
        "month": When(d.year, month=d.month),
        "quarter": When(d.year, quarter=(d.month - 1) // 3 + 1),
        "half": When(d.year, half=1 if d.month <= 6 else 2),
        "year": When(d.year),
        "season": _season_of(d),
        "decade": When(decade=d.year // 10),
        "century": When(century=d.year // 100),
    }
    return parts.get(grain, parts["day"])


def _season_of(d: dt.date) -> When:
    code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[max(m for m in (3, 6, 9, 12) if m <= d.month)
                                                 if d.month >= 3 else 12]
    return When(d.year - (d.month < 3), season=code)


def _first_day(w: When) -> dt.date | None:
    d = w.date()
    if d is not None:
        return d
    y = w.year
    if y is None or not 1 <= y <= 9998:
        return None
    if w.week is not None:
        return dt.date.fromisocalendar(y, w.week, 6 if w.weekend else 1)
    if w.month is not None:
        return dt.date(y, w.month, 1)
    starts = ((w.season, lambda: SEASON_START[w.season]), (w.quarter, lambda: 3 * w.quarter - 2),
              (w.half, lambda: 6 * w.half - 5))
    for stated, month in starts:
        if stated is not None:
            return dt.date(y, month(), 1)
    return dt.date(y, 1, 1)


_MONTHS_LONG = {"season": 3, "quarter": 3, "half": 6, "year": 12}


def span(w: When) -> tuple[dt.date, dt.date] | None:
    """First and last day of a When whose year is known."""
    if w.year is None and (w.decade is not None or w.century is not None):
        first = w.decade * 10 if w.decade is not None else w.century * 100
        length = 10 if w.decade is not None else 100
        if not 1 <= first <= 9999 - length:
            return None
        return dt.date(max(first, 1), 1, 1), dt.date(first + length - 1, 12, 31)
    start = _first_day(w)
    if start is None:
        return None
    grain = w.grain
    if grain == "day":
        return start, start
    if grain == "week":
        return start, start + dt.timedelta(days=1 if w.weekend else 6)
    months = _MONTHS_LONG.get(grain, 1)
    end = add_months(start, months - 1)
    return start, end.replace(day=month_length(end.year, end.month))


def timex(w: When | None) -> str | None:
    """The TIMEX value of a When ("XXXX" for an unknown year); None when it cannot be written
    (a bare weekday, nothing stated)."""
    if w is None:
        return None
    y = f"{w.year:04d}" if w.year is not None else "XXXX"
    grain = w.grain
    if grain == "day":
        d = w.date()
        if d is not None:
            return d.isoformat()
        if w.month is not None and w.day is not None:
            return f"{y}-{w.month:02d}-{w.day:02d}"
        if w.day is not None and w.weekday is None and not w.holiday:
            return f"{y}-XX-{w.day:02d}"
        return None
    simple = {
        "week": lambda: f"{y}-W{w.week:02d}" + ("-WE" if w.weekend else ""),
        "month": lambda: f"{y}-{w.month:02d}",
        "season": lambda: f"{y}-{w.season}",
        "quarter": lambda: f"{y}-Q{w.quarter}",
        "half": lambda: f"{y}-H{w.half}",
        "year": lambda: y,
        "decade": lambda: f"{w.decade:03d}X",
        "century": lambda: f"{w.century:02d}XX",
    }
    return simple[grain]() if grain in simple else None


# --- filling in what the text leaves out ---------------------------------------------------


def missing(w: When) -> str | None:
    """Which coarser field a When needs from an anchor: "year", "month" (a bare day of the
    month), "week" (a bare weekday) or None (complete, or nothing to fill)."""
    if w.year is not None or w.decade is not None or w.century is not None:
        return None
    if w.month is None and (w.day is not None or w.nth is not None):
        return "month"
    if w.weekday is not None and w.month is None and w.week is None and not w.holiday:
        return "week"
    if any(getattr(w, f) is not None for f in ("month", "week", "season", "quarter", "half",
                                                "holiday")):
        return "year"
    return None


def _filled(w: When, anchor: dt.date, need: str, k: int) -> When | None:
    """``w`` with its missing year, month or week taken ``k`` steps from the anchor's."""
    if need == "year":
        return replace(w, year=anchor.year + k)
    if need == "month":
        m = add_months(anchor.replace(day=1), k)
        ok = w.day is None or valid_day(m.year, m.month, w.day)
        return replace(w, year=m.year, month=m.month) if ok else None
    iso = (anchor + dt.timedelta(weeks=k)).isocalendar()
    return replace(w, year=iso[0], week=iso[1])


def _candidates(w: When, anchor: dt.date, need: str) -> list[When]:
    out = [c for k in (-1, 0, 1) if (c := _filled(w, anchor, need, k)) is not None]
    if need in ("year", "month") and w.weekday is not None and w.day is not None:
        # "Saturday, April 25", "Thursday the 21st": where that day is that weekday, if near
        fitting = [c for c in out if (d := c.date()) is not None and d.weekday() == w.weekday]
        out = fitting or out
    return out


def _distance(s: tuple[dt.date, dt.date], anchor: dt.date) -> int:
    if s[0] <= anchor <= s[1]:
        return 0
    return min(abs((s[0] - anchor).days), abs((s[1] - anchor).days))


def resolve(w: When, anchor: dt.date | None, direction: str = "past") -> When:
    """``w`` with the missing year (or month, or week) filled in from ``anchor``: the latest
    one starting on or before it (``past``) or ending before it (``before``), the next one
    ending on or after it (``future``), or the ``nearest`` (ties go to the past). Unchanged
    when nothing is missing."""
    need = missing(w)
    if need is None or anchor is None:
        return w
    scored = [(c, s) for c in _candidates(w, anchor, need) if (s := span(c)) is not None]
    return _choose(scored, anchor, direction) if scored else w


def _choose(scored: list[tuple[When, tuple[dt.date, dt.date]]], anchor: dt.date,
            direction: str) -> When:
    if direction == "future":
        ahead = [c for c, s in scored if s[1] >= anchor]
        return ahead[0] if ahead else scored[-1][0]
    before = [c for c, s in scored if s[0] <= anchor]
    if direction == "before":
        before = [c for c, s in scored if s[1] < anchor]
    if direction in ("past", "before"):
        return before[-1] if before else scored[0][0]
    return min(scored, key=lambda cs: (_distance(cs[1], anchor), cs[1][0] > anchor))[0]


def _step_weekday(w: When, anchor: dt.date, k: int, by_week: bool) -> When:
    """ "next Friday" (the Friday of next week), "this past Wednesday" (the latest one)."""
    if by_week or k == 0:
        d = anchor + dt.timedelta(weeks=k)
    else:
        days = ((anchor.weekday() - w.weekday) % 7 or 7) if k < 0 else (
            (w.weekday - anchor.weekday()) % 7 or 7)
        d = anchor + dt.timedelta(days=days * k)
    iso = d.isocalendar()
    return replace(w, year=iso[0], week=iso[1])


def _step_season(w: When, anchor: dt.date, k: int) -> When:
    """ "this summer": the one under way, else the coming one; "last summer": the one before
    that; "next summer": the one after the latest begun."""
    begun = resolve(w, anchor, "past")
    s = span(begun)
    ongoing = s is not None and s[0] <= anchor <= s[1]
    year = begun.year if begun.year is not None else anchor.year
    offset = {0: 0 if ongoing else 1, -1: -1 if ongoing else 0, 1: 1}[k]
    return replace(w, year=year + offset)


def step(w: When, anchor: dt.date, k: int, by_week: bool, literal: bool = False
         ) -> When | None:
    """ "last April", "next Friday", "this spring": the one ``k`` steps (-1, 0, 1) from
    ``anchor``. A weekday steps by calendar week when ``by_week`` ("next Friday" is the Friday
    of next week), else to the latest one before (or first one after) the anchor ("this past
    Wednesday"). A season steps from the one under way. Other dates step to the latest one
    before the anchor's own month (or quarter ...) or the first one after it ("last April" said
    in October is this year's, as news means it); ``literal`` reads a month by the calendar
    ("last April" is April of last year)."""
    need = missing(w)
    if w.weekday is not None and need == "week":
        return _step_weekday(w, anchor, k, by_week)
    if need != "year":
        return resolve(w, anchor, "past" if k < 0 else "future") if need else None
    if w.season is not None:
        return _step_season(w, anchor, k)
    if literal and w.month is not None and w.day is None:
        return replace(w, year=anchor.year + k)
    return _step_year(w, anchor, k)


def _step_year(w: When, anchor: dt.date, k: int) -> When | None:
    """The latest one before the anchor's own period (k -1), the first one after it (1), or
    the one under way, else this year's (0)."""
    spans = [(c, s) for y in range(-2, 3) if (s := span(c := replace(w, year=anchor.year + y)))]
    own = span(containing(anchor, w.grain)) or (anchor, anchor)
    if k < 0:
        older = [c for c, s in spans if s[1] < own[0]]
        return older[-1] if older else None
    if k > 0:
        newer = [c for c, s in spans if s[0] > own[1]]
        return newer[0] if newer else None
    here = [c for c, s in spans if s[0] <= anchor <= s[1]]
    return here[0] if here else replace(w, year=anchor.year)
