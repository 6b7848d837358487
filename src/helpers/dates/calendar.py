"""Calendar vocabulary and arithmetic: month, weekday, holiday and season names
(``data/figure_calendar.csv``), the words of relative dates (``data/figure_date_words.csv``),
Easter, holidays, and moving a date by months, weeks or days."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from ..numbers import load_csv

__all__ = [
    "add_months", "date_words", "easter", "holiday", "month_length", "names", "parse_reference",
    "shift_date",
]


def parse_reference(reference: str | dt.date | None) -> dt.date | None:
    """An ISO date string (or date) → ``datetime.date``; None when missing or unreadable."""
    if reference is None:
        return None
    if isinstance(reference, dt.datetime):
        return reference.date()
    if isinstance(reference, dt.date):
        return reference
    try:
        return dt.date.fromisoformat(str(reference)[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def names() -> dict[str, dict[str, str]]:
    """``{"month": {name: "3"}, "weekday": {...}, "holiday": {...}, "season": {...}}``."""
    out: dict[str, dict[str, str]] = {"month": {}, "weekday": {}, "holiday": {}, "season": {}}
    for row in load_csv("figure_calendar.csv"):
        out[row["kind"]][row["name"]] = row["value"]
    return out


@functools.lru_cache(maxsize=1)
def date_words() -> dict[str, dict[str, str]]:
    """Words of relative dates by kind: ``shift``, ``anchored``, ``completed``, ``grain``,
    ``direction``, ``modifier`` → {word: value}."""
    out: dict[str, dict[str, str]] = {}
    for row in load_csv("figure_date_words.csv"):
        out.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return out


def key(word: str) -> str:
    """A vocabulary key: lower case, single spaces, no trailing full stop."""
    return re.sub(r"\s+", " ", word.lower()).rstrip(".")


def month_number(word: str) -> int:
    return int(names()["month"][key(word)])


def weekday_number(word: str) -> int:
    return int(names()["weekday"][key(word)])


def month_length(year: int | None, month: int) -> int:
    return calendar.monthrange(year if year is not None else 2000, month)[1]


def valid_day(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= month_length(year, month)


def add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved by ``n`` months, the day clamped to the month's length."""
    months = d.year * 12 + d.month - 1 + n
    y, m = divmod(months, 12)
    return dt.date(y, m + 1, min(d.day, month_length(y, m + 1)))


def _business_days(d: dt.date, k: int) -> dt.date:
    step, left = (1 if k > 0 else -1), abs(k)
    while left:
        d += dt.timedelta(days=step)
        left -= d.weekday() < 5
    return d


_MONTHS_PER = {"year": 12, "month": 1, "quarter": 3, "decade": 120, "century": 1200}
_DAYS_PER = {"week": 7, "fortnight": 14, "day": 1, "weekend": 7}


_SMALLER = {"year": (12, "month"), "month": (30, "day"), "week": (7, "day"), "decade": (10, "year"),
            "fortnight": (14, "day"), "quarter": (3, "month")}


def _whole(amounts: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """ "one and a half years" → 1 year and 6 months: fractions go to the next smaller unit."""
    out = []
    for n, unit in amounts:
        whole = float(int(n))
        out.append((whole, unit))
        if n != whole and unit in _SMALLER:
            per, smaller = _SMALLER[unit]
            out.extend(_whole([((n - whole) * per, smaller)]))
    return out


def shift_date(d: dt.date, amounts: list[tuple[float, str]], sign: int) -> dt.date:
    """``d`` moved by each (number, unit) of ``amounts`` forwards (``sign`` 1) or back (-1)."""
    for n, unit in _whole(amounts):
        k = int(n) * sign
        if unit in _MONTHS_PER:
            d = add_months(d, _MONTHS_PER[unit] * k)
        elif unit == "business day":
            d = _business_days(d, k)
        else:
            d += dt.timedelta(days=_DAYS_PER.get(unit, 1) * k)
    return d


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday(name: str, year: int) -> dt.date | None:
    """The date of a named holiday in ``year`` (rules in ``figure_calendar.csv``: "12-25",
    "easter-2", "11-thu-4" = fourth Thursday of November, "05-mon-last")."""
    rule = name[5:] if name.startswith("rule:") else names()["holiday"].get(key(name))
    if rule is None or not 1 <= year <= 9999:
        return None
    if rule.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(rule[6:] or 0))
    parts = rule.split("-")
    if len(parts) == 2:
        return dt.date(year, int(parts[0]), int(parts[1]))
    month, wd, nth = int(parts[0]), weekday_number(parts[1]), parts[-1]
    first = int(nth) if len(parts) == 4 else 1  # "11-tue-from-2": the first Tuesday from the 2nd
    days = [d for d in range(first, month_length(year, month) + 1)
            if dt.date(year, month, d).weekday() == wd]
    if len(parts) == 4:
        return dt.date(year, month, days[0])
    return dt.date(year, month, days[-1] if nth == "last" else days[int(nth) - 1])
