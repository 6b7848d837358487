"""Dates as written in the news → TIMEX-style values, resolved against a reference date.

``find(text, reference)`` returns every date expression in ``text`` with its span, its value at
the granularity the text gives ("2022", "2022-02", "2022-02-24", "XXXX-03-28" when the year is
unknown, "2016-W45" for weeks), an ``early``/``mid``/``late`` modifier and a relation
("since", "after", "before", "by", "until", "approx") when the text bounds the date.

Relative dates follow news usage: a bare month or month-day ("in January", "on March 28") is the
nearest one not after the reference date; a bare weekday ("on Saturday") is the most recent one
before it; "last Friday" / "next Friday" are that day in the previous / next week; "last year",
"three days ago", "in two weeks" count from the reference. Without a reference date, relative
expressions get no value and a month-day keeps an unknown year. Month, weekday and holiday
names live in ``data/figure_calendar.csv``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .numbers import alternation, load_csv, parse_number

__all__ = ["DateMatch", "find", "parse_reference", "easter"]


@dataclass
class DateMatch:
    """One date expression: ``text[start:end]``, its TIMEX ``value`` (None when it cannot be
    resolved), ``modifier`` (early/mid/late) and ``relation`` (since/after/before/by/until/
    approx)."""

    start: int
    end: int
    value: str | None
    modifier: str | None = None
    relation: str | None = None
    weak: bool = False  # bare numeric forms ("7/6", "2015") another reading may claim
    #: The value as the text states it, before the reference date fills in an unwritten year
    #: ("XXXX-03-28" for "March 28" resolved to "2024-03-28"); else the same as ``value``.
    written: str | None = None
    #: The next occurrence instead of the latest one ("on 17 April" after "will"), when the
    #: text leaves the year out; used when the sentence speaks of the future.
    future: str | None = None


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


# --- calendar vocabulary -------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _calendar() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"month": {}, "weekday": {}, "holiday": {}}
    for row in load_csv("figure_calendar.csv"):
        out[row["kind"]][row["name"]] = row["value"]
    return out


def _alt(words: list[str]) -> str:
    return alternation(words)


_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
         "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth"]


@functools.lru_cache(maxsize=1)
def _day_words() -> dict[str, int]:
    out = {}
    for i, w in enumerate(_UNITS + _TEENS, start=1):
        out[w] = i
    for i, w in enumerate(_ORDS, start=1):
        out[w] = i
    out.update({"twenty": 20, "twentieth": 20, "thirty": 30, "thirtieth": 30})
    for i, w in enumerate(_UNITS[:9], start=1):
        out[f"twenty {w}"] = 20 + i
    for i, w in enumerate(_ORDS[:9], start=1):
        out[f"twenty {w}"] = 20 + i
    out["thirty one"] = out["thirty first"] = 31
    return out


def _day_value(s: str) -> int | None:
    s = s.lower().strip()
    m = re.match(r"(\d{1,2})(?:st|nd|rd|th)?$", s)
    if m:
        d = int(m.group(1))
    else:
        d = _day_words().get(re.sub(r"[\s-]+", " ", s), 0)
    return d if 1 <= d <= 31 else None


_SEP = r"[\s-]+"
_TEENW = _alt(_TEENS)
_TENW = _alt(_TENS)
_UNITW = _alt(_UNITS)
_DAYW = (rf"(?:(?:twenty|thirty){_SEP}(?:{_alt(_ORDS[:9])}|{_UNITW})|{_alt(_ORDS)}|twentieth"
         rf"|thirtieth|{_TEENW}|{_UNITW}|twenty|thirty)")
_DAY = rf"(?:[0-3]?\d(?:st|nd|rd|th)?(?![\d:%]|\.\d|\s*(?:%|per\s?cent))|{_DAYW}\b)"
_SPOKEN_YEAR = (
    rf"(?:(?:{_TEENW}|twenty){_SEP}(?:hundred|(?:oh|zero|nought){_SEP}(?:{_UNITW})"
    rf"|(?:{_TENW})(?:{_SEP}(?:{_UNITW}))?|{_TEENW})"
    rf"|two{_SEP}thousand(?:(?:\s+and)?{_SEP}(?:(?:{_TENW})(?:{_SEP}(?:{_UNITW}))?|{_TEENW}"
    rf"|{_UNITW}))?)\b"
)
_YEAR4 = r"(?:1[0-9]\d\d|2[0-9]\d\d)(?!\d|[,.]\d|\s*(?:%|per\s?cent))"


def _year_value(s: str) -> int | None:
    s = s.strip().lower().lstrip("'")
    if s.isdigit():
        y = int(s)
        if len(s) == 2:
            y += 1900 if y > 30 else 2000
        return y
    words = re.sub(r"[\s-]+", " ", s).split()
    if words[:2] == ["two", "thousand"]:
        v = parse_number(s)
        return int(v) if v else None
    hi = parse_number(words[0])
    if hi is None:
        return None
    rest = [w for w in words[1:] if w not in ("oh", "zero", "nought")]
    if words[1:] == ["hundred"]:
        return int(hi) * 100
    lo = parse_number(" ".join(rest)) if rest else 0
    return int(hi) * 100 + int(lo or 0)


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    cal = _calendar()
    months = list(cal["month"])
    full = [m for m in months if len(m) > 4 or m in ("may", "june", "july", "sept")]
    return {
        "MON": rf"\b(?P<mon>{_alt(months)})(?:\b(?:\.(?=\s*\d))?|(?=\d))",
        "MONF": rf"\b(?P<mon>{_alt(full)})\b",
        "WD": rf"\b(?P<wd>{_alt(list(cal['weekday']))})\b\.?",
        "WDF": rf"\b(?P<wd>{_alt([w for w in cal['weekday'] if len(w) > 4])})\b",
        "HOL": rf"\b(?P<hol>{_alt(list(cal['holiday']))})\b",
    }


def _month(s: str) -> int:
    return int(_calendar()["month"][s.lower().rstrip(".")])


def _weekday(s: str) -> int:
    return int(_calendar()["weekday"][s.lower().rstrip(".")])


# --- arithmetic ---------------------------------------------------------------------------


def timex(y: int | None, m: int | None = None, d: int | None = None) -> str:
    """TIMEX-style value at the given granularity; an unknown year is ``XXXX``."""
    out = f"{y:04d}" if y is not None else "XXXX"
    if m is not None:
        out += f"-{m:02d}"
        if d is not None:
            out += f"-{d:02d}"
    return out


def _timex_date(d: dt.date) -> str:
    return timex(d.year, d.month, d.day)


def add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved by ``n`` months, the day clamped to the month's length."""
    months = d.year * 12 + d.month - 1 + n
    y, m = divmod(months, 12)
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _shift(d: dt.date, amounts: list[tuple[float, str]], sign: int) -> dt.date:
    for n, unit in amounts:
        k = int(n) * sign
        if unit == "year":
            d = add_months(d, 12 * k)
        elif unit == "month":
            d = add_months(d, k)
        elif unit == "week":
            d = d + dt.timedelta(weeks=k)
        elif unit == "business day":
            step = 1 if k > 0 else -1
            left = abs(k)
            while left:
                d = d + dt.timedelta(days=step)
                if d.weekday() < 5:
                    left -= 1
        elif unit == "fortnight":
            d = d + dt.timedelta(weeks=2 * k)
        elif unit == "decade":
            d = add_months(d, 120 * k)
        else:
            d = d + dt.timedelta(days=k)
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


def _holiday(name: str, year: int) -> dt.date | None:
    rule = _calendar()["holiday"][re.sub(r"\s+", " ", name.lower())]
    if rule.startswith("easter"):
        offset = int(rule[6:] or 0)
        return easter(year) + dt.timedelta(days=offset)
    parts = rule.split("-")
    if len(parts) == 2:
        return dt.date(year, int(parts[0]), int(parts[1]))
    month, wd, nth = int(parts[0]), _weekday(parts[1]), parts[2]
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).weekday() == wd]
    return dt.date(year, month, days[-1] if nth == "last" else days[int(nth) - 1])


def _past_md(ref: dt.date | None, m: int, d: int) -> str:
    if ref is None:
        return timex(None, m, d)
    y = ref.year if (m, d) <= (ref.month, ref.day) else ref.year - 1
    return timex(y, m, d)


def _past_month(ref: dt.date | None, m: int) -> str:
    if ref is None:
        return timex(None, m)
    return timex(ref.year if m <= ref.month else ref.year - 1, m)


def _valid(y: int | None, m: int, d: int | None = None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    return 1 <= d <= calendar.monthrange(y if y is not None else 2000, m)[1]


# --- rules --------------------------------------------------------------------------------


@dataclass
class _R:
    value: str | None
    modifier: str | None = None
    weak: bool = False
    written: str | None = None  # when the text leaves the year out: "XXXX-03-28"
    future: str | None = None  # the reading as the next occurrence, for future-tense text


Handler = Callable[[re.Match[str], dt.date | None], _R | None]
_RULES: list[tuple[str, Handler, str | None]] = []


def _rule(pattern: str, trigger: str | None = None) -> Callable[[Handler], Handler]:
    """Register a date rule; ``trigger``: a cheap regex the text must contain for the rule to
    be tried at all (most texts have no "ago" or "next month": their rules are skipped)."""

    def deco(fn: Handler) -> Handler:
        _RULES.append((pattern, fn, trigger))
        return fn

    return deco


_MOD_BEFORE = re.compile(
    r"\b(?:the\s+)?(?P<mod>early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of|earlier"
    r"|later)(?:\s+|-)(?:(?<=of\s)the\s+)?$", re.IGNORECASE)
_MODS = {"early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid",
         "late": "late", "end": "late"}


def _full(y: int | None, mo: int, d: int, ref: dt.date | None) -> _R | None:
    if not _valid(y, mo, d):
        return None
    if y is not None:
        return _R(timex(y, mo, d))
    future = None
    if ref is not None:
        future = timex(ref.year if (mo, d) >= (ref.month, ref.day) else ref.year + 1, mo, d)
    return _R(_past_md(ref, mo, d), written=timex(None, mo, d), future=future)


def _lower_ambiguous(m: re.Match[str]) -> bool:
    """Lower-case "may"/"march" are a verb far more often than a month."""
    mon = m.group("mon")
    return mon in ("may", "march", "mar")


@_rule(r"\b(?P<y>[12]\d{3})\s?(?P<s>[-/.])\s?(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})\b(?![-/.]\d)")
def _iso(m, ref):
    return _full(int(m["y"]), int(m["m"]), int(m["d"]), ref)


@_rule(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)\s?,?(?P<y>\d{4}|\d{2})\b"
       r"(?![-/.]\d)"
       r"|(?<![\d/.-])(?P<a2>\d{1,2})/(?P<b2>\d{1,2}),(?P<y2>\d{4}|\d{2})\b")
def _mdy(m, ref):
    a, b, ys = (m["a"], m["b"], m["y"]) if m["a"] else (m["a2"], m["b2"], m["y2"])
    a, b = int(a), int(b)
    y = _year_value(ys)
    mo, d = (b, a) if a > 12 else (a, b)
    return _full(y, mo, d, ref)


@_rule(r"(?<![\d.,])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d,]|\.\d)")
def _compact(m, ref):
    return _full(int(m["y"]), int(m["m"]), int(m["d"]), ref)


@_rule(r"(?<![\d.,/-])(?P<y>[12]\d{3})\s?[-/.]\s?(?P<m>\d{1,2})\b(?![-/.]\d|\s*%|\.\d)")
def _ym(m, ref):
    mo = int(m["m"])
    if len(m["m"]) == 2 and mo == (int(m["y"]) + 1) % 100 and "." not in m.group():
        return _R(timex(int(m["y"])))  # "2010-11": a season or fiscal year, from 2010
    if not 1 <= mo <= 12:
        return None
    if m.group().count(".") and len(m["m"]) > 1 and mo > 9:
        return None
    return _R(timex(int(m["y"]), mo))


@_rule(r"(?<![\d.,/-])(?P<m>\d{1,2})\s?[-/]\s?(?P<y>[12]\d{3})\b(?![-/.]\d)")
def _my(m, ref):
    mo = int(m["m"])
    return _R(timex(int(m["y"]), mo)) if 1 <= mo <= 12 else None


@_rule(r"(?<![\d.,/-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/]|\.\d)"
       r"|(?<=\bon\s)(?P<a2>\d{1,2})\.(?P<b2>\d{1,2})(?![\d/]|\.\d)")
def _md(m, ref):
    a, b = (int(m["a"]), int(m["b"])) if m["a"] else (int(m["a2"]), int(m["b2"]))
    mo, d = (b, a) if a > 12 else (a, b)
    r = _full(None, mo, d, ref)
    if r:
        r.weak = True
    return r


@_rule(r"\b(?P<y>[12]\d{3})/(?P<d>\d{1,2})/{MON}|\b(?P<y2>[12]\d{3})/{MON2}/(?P<d2>\d{1,2})\b"
       r"|\b(?P<d3>\d{1,2})-(?P<y3>[12]\d{3})-{MON3}", trigger='{MON}')
def _ydm(m, ref):
    y = int(m["y"] or m["y2"] or m["y3"])
    d = int(m["d"] or m["d2"] or m["d3"])
    mon = m["mon"] or m["mon2"] or m["mon3"]
    return _full(y, _month(mon), d, ref)


_YEAR_PART = (rf"(?:,?\s*(?:of\s+|in\s+)?(?P<y>{_YEAR4}|{_SPOKEN_YEAR})"
              r"|\s*(?:,|of)\s*(?P<y2>'?\d\d)\b(?![\d.]))")


def _written_year(m: re.Match) -> int | None:
    """The year a month-day match states (either year group), or None when it states none."""
    written = m["y"] or m["y2"]
    return _year_value(written) if written else None


@_rule(rf"{{MON}}(?:\s*[,.-]?\s*|(?<=[a-z])(?=\d))(?P<d>{_DAY})(?:(?<=\d)\b|(?<![\d]))"
       rf"(?:{_YEAR_PART})?", trigger='{MON}')
def _mon_day(m, ref):
    d = _day_value(m["d"])
    if d is None or (_lower_ambiguous(m) and not m["y"] and not m["d"][0].isdigit()):
        return None
    y = _written_year(m)
    return _full(y, _month(m["mon"]), d, ref)


@_rule(rf"(?<![\d.,$€£])\b(?P<d>{_DAY})(?:\s+day)?(?:\s+of)?(?:\s+|-)?{{MON}}"
       rf"(?:{_YEAR_PART})?", trigger='{MON}')
def _day_mon(m, ref):
    d = _day_value(m["d"])
    if d is None:
        return None
    if _lower_ambiguous(m) and not m["d"][0].isdigit():
        return None
    y = _written_year(m)
    return _full(y, _month(m["mon"]), d, ref)


@_rule(rf"{{MON}}\s*(?:,|of|-|/)?\s*(?P<y>{_YEAR4}|{_SPOKEN_YEAR}|'\d\d\b|(?<=of\s)\d\d\b"
       rf"|(?<=\s)[4-9]\d\b(?![\d.,]))", trigger='{MON}')
def _mon_year(m, ref):
    y = _year_value(m["y"])
    if y is None:
        return None
    return _R(timex(y, _month(m["mon"])))


@_rule(rf"\b(?P<y>{_YEAR4})\s*[,/-]?\s*{{MON}}(?!\s*[-/]?\s*\d)", trigger='{MON}')
def _year_mon(m, ref):
    return _R(timex(int(m["y"]), _month(m["mon"])))


_FUNCTION_WORDS = frozenset(
    "in on at by since until till from to of for during before after early mid late last next "
    "this the that every each until around about through throughout between and or but since "
    "as when while its his her their our".split())
_NEXT_WORD = re.compile(r"[ \t]+([a-z][\w'’-]*)")
_LINK_VERBS = frozenset("is was will has had falls fell comes came approaches arrives".split())
_PREVIOUS_WORD = re.compile(r"(\w[\w'’-]*)[ \t]+$")


def _after_name(text: str, start: int) -> bool:
    """True when the word before ``start`` is a capitalised non-function word ("Theresa May",
    "Holocaust Memorial Day", "Radio 4's Today"): the expression is part of a name."""
    m = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    if not m:
        return False
    word = m.group(1)
    if word[0].isdigit() and word.endswith(("'s", "’s")):
        return True  # "Radio 4's Today"
    if not word[0].isupper() or word.lower() in _FUNCTION_WORDS:
        return False
    # A capitalised word that starts a sentence is not a name.
    head = text[max(0, m.start(1) - 3) : m.start(1)].strip()
    return not (head == "" and m.start(1) - 3 <= 0 or head[-1:] in '.!?"“”:;' and head != "")


@_rule(r"(?:\b(?P<rel>this|next|last|previous|coming|the)\s+)?{MONF}"
       r"(?:\s+(?P<rel2>next|last|this)\s+year)?(?!\s*\d)", trigger="{MONF}")
def _month_only(m, ref):
    mon = m["mon"]
    if mon in ("may", "march"):
        return None  # lower-case "may" / "march": the verb
    if not m["rel"] and not m["rel2"] and _after_name(m.string, m.start()):
        return None  # "Theresa May", "Ides of March" aside, a name before the month
    mo = _month(mon)
    rel = (m["rel"] or "").lower()
    rel2 = (m["rel2"] or "").lower()
    mod = None
    if ref is None:
        return _R(timex(None, mo) if not (rel in ("next", "last") or rel2) else None, mod)
    if rel2:
        y = ref.year + {"next": 1, "last": -1, "this": 0}[rel2]
    elif rel == "this":
        y = ref.year
    elif rel in ("next", "coming"):
        y = ref.year + 1 if rel == "next" or mo <= ref.month else ref.year
    elif rel in ("last", "previous"):
        y = ref.year - 1
    else:
        return _R(_past_month(ref, mo), mod, written=timex(None, mo),
                  future=timex(ref.year if mo >= ref.month else ref.year + 1, mo))
    return _R(timex(y, mo), mod)


@_rule(rf"\b(?:the\s+)?(?:calendar\s+|fiscal\s+)?year\s+(?P<y>{_YEAR4})\b(?![-/]\d)"
       rf"|(?<![\d$€£¥.,/])(?<!\d-)\b(?P<y2>{_YEAR4})\b(?![-/]\d|\s?(?:GMT|BST|UTC|CET|EST|ET|hrs?|hours)\b)")
def _year(m, ref):
    y = int(m["y"] or m["y2"])
    if not 1000 <= y <= 2199:
        return None
    return _R(timex(y), weak=not m["y"])


@_rule(rf"(?:\b(?:in|since|of|by|until|before|after)\s+)(?P<core>{_SPOKEN_YEAR})"
       rf"|\b(?P<core2>(?:{_TEENW}){_SEP}(?:(?:{_TENW})(?:{_SEP}(?:{_UNITW}))?|{_TEENW}))\b",
       trigger=r"(?:teen|ty|thousand)\b")
def _spoken_year(m, ref):
    y = _year_value(m["core"] or m["core2"])
    if y is None or not 1000 <= y <= 2199:
        return None
    return _R(timex(y))


@_rule(r"\b(?P<w>today|tonight|yesterday|tomorrow|tmrw|the\s+day\s+before\s+yesterday"
       r"|the\s+day\s+after\s+(?:tomorrow|tmrw)|the\s+(?:next|following)\s+day"
       r"|the\s+(?:previous|preceding)\s+day|the\s+day\s+(?:before|after)(?=\s*[.,;:!?)]|\s*$)"
       r"|this\s+day)\b")
def _rel_day(m, ref):
    if m["w"][0].isupper() and m.start() > 0 and _after_name(m.string, m.start()):
        return None  # "BBC Radio 4's Today programme"
    if ref is None:
        return _R(None)
    w = re.sub(r"\s+", " ", m["w"].lower())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "tmrw": 1,
              "the day before yesterday": -2, "this day": 0, "the day before": -1,
              "the day after": 1}.get(w)
    if offset is None:
        if "after" in w:
            offset = 2
        elif "next" in w or "following" in w:
            offset = 1
        else:
            offset = -1
    return _R(_timex_date(ref + dt.timedelta(days=offset)))


@_rule(r"\b(?P<rel>this|next|last|previous|past|coming|the\s+following|the\s+previous"
       r"|the\s+coming|the\s+past|current)\s+(?P<unit>week|month|year|decade)\b"
       r"(?!\s*(?:on\s+|-\s*)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
       r"|(?P<mod2>\bend\s+of\s+(?:the\s+)?)(?P<unit2>month|year|week)\b"
       r"|\bthe\s+(?P<unit3>year|month|week)\s+after\s+(?:the\s+)?next\b",
       trigger=r"\b(?:week|month|year|decade)\b")
def _rel_period(m, ref):
    unit = (m["unit"] or m["unit2"] or m["unit3"]).lower()
    mod = "late" if m["mod2"] else None
    if ref is None:
        return _R(None, mod)
    rel = re.sub(r"^the\s+", "", (m["rel"] or "this").lower())
    k = {"this": 0, "current": 0, "next": 1, "coming": 1, "following": 1, "last": -1,
         "previous": -1, "past": -1}[rel]
    if m["unit3"]:
        k = 2
    if unit == "year":
        return _R(timex(ref.year + k), mod)
    if unit == "decade":
        return _R(f"{(ref.year // 10 + k) * 10 // 10:03d}X", mod)
    if unit == "month":
        d = add_months(ref.replace(day=1), k)
        return _R(timex(d.year, d.month), mod)
    d = ref + dt.timedelta(weeks=k)
    iso = d.isocalendar()
    return _R(f"{iso[0]:04d}-W{iso[1]:02d}", mod)


def _week_monday(ref: dt.date, k: int) -> dt.date:
    return ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=k)


@_rule(r"\b(?P<rel>this|next|last|previous|coming)\s+week\s*(?:-\s*|on\s+|,\s*)?{WDF}"
       r"|{WDF2}\s*,?\s*(?P<rel2>this|next|last|previous)\s+week\b", trigger="{WDF}")
def _week_day(m, ref):
    if ref is None:
        return _R(None)
    rel = (m["rel"] or m["rel2"]).lower()
    k = {"this": 0, "next": 1, "coming": 1, "last": -1, "previous": -1}[rel]
    wd = _weekday(m["wd"] or m["wd2"])
    return _R(_timex_date(_week_monday(ref, k) + dt.timedelta(days=wd)))


@_rule(r"(?:\b(?P<rel>this\s+past|this\s+upcoming|this\s+coming|this|next|last|past|coming"
       r"|previous|following|upcoming)\s+)?{WDF}(?:,?\s+(?:the\s+)?(?P<d>[0-3]?\d(?:st|nd|rd|th)"
       rf"|{_DAYW}\b))?(?!\s*,?\s*(?:\d|{{MONX}}))", trigger="{WDF}")
def _weekday_rule(m, ref):
    if ref is None:
        return _R(None)
    wd = _weekday(m["wd"])
    if m["d"]:
        d = _day_value(m["d"])
        if d is None:
            return None
        # "Friday the 22nd": that day of the month, nearest not after the reference.
        return _R(_past_md(ref, ref.month, d) if d <= ref.day else _past_md(
            ref, add_months(ref.replace(day=1), -1).month, d))
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    delta = (wd - ref.weekday()) % 7
    if rel in ("next",):
        day = _week_monday(ref, 1) + dt.timedelta(days=wd)
    elif rel in ("last", "previous"):
        day = _week_monday(ref, -1) + dt.timedelta(days=wd)
    elif rel == "this":
        day = _week_monday(ref, 0) + dt.timedelta(days=wd)
    elif rel in ("this upcoming", "this coming", "coming", "upcoming", "following"):
        day = ref + dt.timedelta(days=delta or 7)
    else:  # bare or "past": the most recent one before the reference date
        back = (ref.weekday() - wd) % 7 or 7
        day = ref - dt.timedelta(days=back)
        if not rel:
            return _R(_timex_date(day), future=_timex_date(ref + dt.timedelta(days=delta or 7)))
    return _R(_timex_date(day))


@_rule(r"\b(?P<n>first|second|third|fourth|last)\s+{WDF}(?:\s+(?:of|in)\s+{MONF})?",
       trigger="{WDF}")
def _nth_weekday(m, ref):
    wd = _weekday(m["wd"])
    if m["mon"]:
        mo = _month(m["mon"])
        if ref is None:
            return _R(None)
        y = int(_past_month(ref, mo)[:4])
    elif ref is None:
        return _R(None)
    else:
        y, mo = ref.year, ref.month
    days = [d for d in range(1, calendar.monthrange(y, mo)[1] + 1)
            if dt.date(y, mo, d).weekday() == wd]
    n = m["n"].lower()
    d = days[-1] if n == "last" else days[["first", "second", "third", "fourth"].index(n)]
    return _R(timex(y, mo, d))


@_rule(r"\bon\s+(?P<core>(?:the\s+)?(?P<d>[0-3]?\d(?:st|nd|rd|th)))"
       r"(?=\s*(?:[.,;:!?)]|$|at\b|and\b))")
def _day_only(m, ref):
    """"on the 15th": that day of the reference month, or of the month before when it is
    still to come (the next one when the sentence speaks of the future)."""
    d = _day_value(m["d"])
    if d is None:
        return None
    written = f"XXXX-XX-{d:02d}"
    if ref is None:
        return _R(written)
    this = ref.replace(day=1)
    past = this if d <= ref.day else add_months(this, -1)
    ahead = this if d >= ref.day else add_months(this, 1)
    if not _valid(past.year, past.month, d):
        return None
    future = timex(ahead.year, ahead.month, d) if _valid(ahead.year, ahead.month, d) else None
    return _R(timex(past.year, past.month, d), written=written, future=future)


@_rule(rf"\b(?P<d>[0-3]?\d(?:st|nd|rd|th)|{_DAYW})\s+(?:of\s+)?"
       r"(?P<rel>this|next|last|the\s+next|the\s+previous)\s+month\b", trigger=r"month")
def _day_of_rel_month(m, ref):
    d = _day_value(m["d"])
    if ref is None or d is None:
        return _R(None) if d else None
    rel = m["rel"].lower().replace("the ", "")
    k = {"this": 0, "next": 1, "last": -1, "previous": -1}[rel]
    base = add_months(ref.replace(day=1), k)
    if not _valid(base.year, base.month, d):
        return None
    return _R(timex(base.year, base.month, d))


@_rule(r"(?:\b(?P<rel>last|next|this|following|previous|the\s+following)\s+)?{HOL}"
       rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR4})|\s+of\s+(?P<rel2>this|next|last)\s+year)?",
       trigger="{HOL}")
def _holiday_rule(m, ref):
    name = m["hol"]
    if not m["rel"] and _after_name(m.string, m.start()):
        return None  # "Holocaust Memorial Day"
    if not m["rel"] and not m["y"] and not m["rel2"]:
        nxt = _NEXT_WORD.match(m.string, m.end())
        if nxt and nxt.group(1).lower() not in _FUNCTION_WORDS | _LINK_VERBS:
            return None  # "a Christmas tree", "Christmas sales": the holiday names a thing
    if m["y"]:
        d = _holiday(name, int(m["y"]))
        return _R(_timex_date(d)) if d else None
    if ref is None:
        return _R(None)
    if m["rel2"]:
        d = _holiday(name, ref.year + {"this": 0, "next": 1, "last": -1}[m["rel2"].lower()])
        return _R(_timex_date(d)) if d else None
    rel = re.sub(r"^the\s+", "", (m["rel"] or "").lower())
    this = _holiday(name, ref.year)
    if this is None:
        return None
    if rel in ("next", "following"):
        d = this if this > ref else _holiday(name, ref.year + 1)
    elif rel == "this":
        d = this
    else:  # bare and "last": the most recent one not after the reference
        d = this if this <= ref and rel != "last" or this < ref else _holiday(name, ref.year - 1)
        if not rel and d:
            ahead = this if this >= ref else _holiday(name, ref.year + 1)
            return _R(_timex_date(d), future=_timex_date(ahead) if ahead else None)
    return _R(_timex_date(d)) if d else None


_QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                "4th": 4, "final": 4}


@_rule(rf"\b(?:(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter|Q(?P<qn>[1-4]))"
       rf"(?:\s+(?:of\s+)?(?:(?P<y>{_YEAR4})|(?P<rel>this|last|next)\s+year)|\s*(?P<y2>{_YEAR4}))?\b",
       trigger=r"quarter|\bQ[1-4]")
def _quarter(m, ref):
    """"the third quarter of 2004" → 2004-Q3; "the fourth quarter" → the latest one; "last
    quarter" → the one before the reference date's."""
    word = (m["ord"] or "").lower()
    y = m["y"] or m["y2"]
    if m["qn"] and not y and m.group()[0] == "q":
        return None  # lower-case "q1" alone is too often something else
    if word == "last" and not (y or m["rel"]):
        if ref is None:
            return _R(None)
        q = (ref.month - 1) // 3
        return _R(f"{ref.year - (q == 0):04d}-Q{q or 4}")
    q = int(m["qn"]) if m["qn"] else _QUARTER_ORD.get(word, 4)
    if y:
        return _R(f"{int(y):04d}-Q{q}")
    if ref is None:
        return _R(f"XXXX-Q{q}")
    current = (ref.month - 1) // 3 + 1
    if m["rel"]:
        year = ref.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        return _R(f"{year:04d}-Q{q}")
    latest = ref.year if q <= current else ref.year - 1
    ahead = ref.year if q >= current else ref.year + 1
    return _R(f"{latest:04d}-Q{q}", written=f"XXXX-Q{q}", future=f"{ahead:04d}-Q{q}")


_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
            "winter": ("WI", 12)}


@_rule(rf"(?:\b(?P<rel>this|last|next|the|past|coming)\s+)?\b(?P<s>spring|summer|autumn|winter|fall)\b"
       rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR4}))?", trigger=r"spring|summer|autumn|winter|fall")
def _season(m, ref):
    """"the summer of 2020" → 2020-SU; "last winter", "this spring" from the reference date."""
    code, start = _SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["s"].lower() == "fall" and not (rel or m["y"]):
        return None  # "fall" the verb
    if m["s"].lower() == "spring" and not (rel or m["y"]) and m.string[m.start()].isupper() \
            and _after_name(m.string, m.start()):
        return None  # "Arab Spring"
    if m["y"]:
        return _R(f"{int(m['y']):04d}-{code}")
    if ref is None:
        return _R(None if rel in ("last", "next", "this", "past", "coming") else f"XXXX-{code}")
    recent = ref.year if ref.month >= start else ref.year - 1  # the latest one begun
    ongoing = (ref.month - start) % 12 < 3
    if rel == "this":
        y = recent if ongoing else recent + 1
    elif rel in ("last", "past"):
        y = recent - 1 if ongoing else recent
    elif rel in ("next", "coming"):
        y = recent + 1
    else:  # "the summer", "summer"
        return _R(f"{recent:04d}-{code}", written=f"XXXX-{code}",
                  future=f"{recent if ongoing else recent + 1:04d}-{code}")
    return _R(f"{y:04d}-{code}")


@_rule(r"\b(?:(?P<c>1[0-9]|20)(?P<d>\d)0s|'(?P<d2>\d)0s)\b", trigger=r"0s\b")
def _decade(m, ref):
    """"the 1990s" → 199X; "the '80s" → 198X (a twentieth-century reading)."""
    if m["c"]:
        return _R(f"{m['c']}{m['d']}X")
    return _R(f"19{m['d2']}X")


# Durations: "two years", "1 month 21 days", "a few days", "a week".
_DUR_UNIT = (r"(?:business\s+days?|days?|weeks?|fortnights?|months?|years?|decades?)")
_DUR_NUM = (r"(?:\d+|an?|a\s+few|a\s+couple\s+of|several|few|"
            rf"(?:(?:{_TENW}){_SEP})?(?:{_UNITW})|{_TEENW}|{_TENW}|(?:{_UNITW})\s+hundred)")
_DUR = rf"(?:{_DUR_NUM}\s+{_DUR_UNIT}(?:(?:\s*,\s*|\s+and\s+|\s+){_DUR_NUM}\s+{_DUR_UNIT})*)"
_DUR_PART = re.compile(rf"(?P<n>{_DUR_NUM})\s+(?P<u>{_DUR_UNIT})", re.IGNORECASE)


def _duration(s: str) -> list[tuple[float, str]] | None:
    out = []
    for m in _DUR_PART.finditer(s):
        word = re.sub(r"\s+", " ", m["n"].lower())
        n = {"a": 1, "an": 1, "a few": 3, "few": 3, "several": 3, "a couple of": 2}.get(word)
        if n is None:
            n = parse_number(word)
        if n is None:
            return None
        unit = re.sub(r"\s+", " ", m["u"].lower()).rstrip("s")
        out.append((float(n), unit))
    return out or None


@_rule(rf"\b(?P<dur>{_DUR})\s+"
       r"(?P<dir>ago|later|from\s+now|hence|earlier|before\s+(?:today|now)"
       r"|(?:from|after)\s+(?:today|now))\b", trigger=r"\b(?:ago|later|now|hence|earlier|today)\b")
def _dur_rel(m, ref):
    amounts = _duration(m["dur"])
    if amounts is None:
        return None
    if ref is None:
        return _R(None)
    direction = m["dir"].lower()
    sign = -1 if direction.startswith(("ago", "earlier", "before")) else 1
    return _R(_timex_date(_shift(ref, amounts, sign)))


_SPAN_OF_TIME = re.compile(
    r"\b(?:\w+est|first|second|third|fourth|fifth|only|last|once|twice|times|level|record)\b"
    r"(?:\s+[\w'’-]+){0,3}\s+$|\b(?:years?|decades?|months?|weeks?|days?)\s+$", re.IGNORECASE)


@_rule(rf"\b(?:in|within)\s+(?P<dur>{_DUR})(?!\s+(?:ago|later|from|after|before|of|old))\b",
       trigger=r"(?:day|week|fortnight|month|year|decade)s?\b")
def _in_dur(m, ref):
    # "its lowest level in three years", "the first time in a decade": a span of time
    # looking back, not a date ahead.
    if _SPAN_OF_TIME.search(m.string, max(0, m.start() - 40), m.start()):
        return None
    amounts = _duration(m["dur"])
    if amounts is None:
        return None
    if ref is None:
        return _R(None)
    return _R(_timex_date(_shift(ref, amounts, 1)))


_TRIM_THE = {_year, _mon_year, _year_mon, _month_only, _holiday_rule, _day_mon, _spoken_year}
_LEADING_THE = re.compile(r"the\s+", re.IGNORECASE)
_COMPILED: list[tuple[re.Pattern[str], Handler, re.Pattern[str] | None]] | None = None


def _compiled() -> list[tuple[re.Pattern[str], Handler, re.Pattern[str] | None]]:
    global _COMPILED
    if _COMPILED is None:
        names = _names()
        subs = {
            "{MON}": names["MON"], "{MONF}": names["MONF"], "{WD}": names["WD"],
            "{WDF}": names["WDF"], "{HOL}": names["HOL"],
            "{MON2}": names["MON"].replace("?P<mon>", "?P<mon2>"),
            "{MON3}": names["MON"].replace("?P<mon>", "?P<mon3>"),
            "{WDF2}": names["WDF"].replace("?P<wd>", "?P<wd2>"),
            "{MONX}": names["MON"].replace("?P<mon>", "?:"),
        }
        out = []
        for pattern, fn, trigger in _RULES:
            for key, value in subs.items():
                pattern = pattern.replace(key, value)
            if trigger:
                for key, value in subs.items():
                    trigger = trigger.replace(key, value)
            trig = re.compile(trigger, re.IGNORECASE) if trigger else None
            out.append((re.compile(pattern, re.IGNORECASE), fn, trig))
        _COMPILED = out
    return _COMPILED


_MORE_BEFORE = re.compile(r"\b(?:more\s+than|less\s+than|at\s+least)\s+$", re.IGNORECASE)
_ARITH = re.compile(rf"(?:\b(?P<more>more\s+than|less\s+than|at\s+least)\s+)?\b(?P<dur>{_DUR})"
                    r"\s+(?P<dir>from|after|before)\s+$", re.IGNORECASE)
_RELATION = re.compile(
    r"\b(?P<rel>since|after|before|by|until|till|starting(?:\s+(?:on|from|in))?|beginning(?:\s+on)?"
    r"|around|as\s+of|no\s+later\s+than|later\s+than|greater\s+than|year\s+greater\s+than)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE)
_RELATIONS = {"since": "since", "starting": "since", "beginning": "since", "after": "after",
              "greater": "after", "later": "after", "year": "after", "before": "before",
              "by": "by", "no": "by", "until": "until", "till": "until", "around": "approx",
              "as": "since"}
_OR_LATER = re.compile(r"^\s+or\s+(?:later|after)\b|^\s+(?:onwards?|and\s+later)\b", re.IGNORECASE)
_WEEK_OF = re.compile(r"\b(?:the\s+week\s+(?:of|beginning(?:\s+on)?|starting(?:\s+on)?)|w/c)\s+$",
                      re.IGNORECASE)
_WEEKDAY_PREFIX: re.Pattern[str] | None = None


def _weekday_prefix() -> re.Pattern[str]:
    global _WEEKDAY_PREFIX
    if _WEEKDAY_PREFIX is None:
        wd = _names()["WD"].replace("?P<wd>", "?P<wd>")
        _WEEKDAY_PREFIX = re.compile(
            rf"(?:\b(?P<rel>this|next|last|on)\s+)?{wd}\s*[,-]?\s*$", re.IGNORECASE)
    return _WEEKDAY_PREFIX


#: A rule with a trigger runs only this far around the trigger's hits.
_WINDOW = 64


def _windows(trigger: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Merged stretches of ``text`` around the trigger's hits (a rule's match must contain a
    hit, and no date expression is longer than the margin)."""
    out: list[tuple[int, int]] = []
    for m in trigger.finditer(text):
        s, e = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def find(text: str, reference: str | dt.date | None = None) -> list[DateMatch]:
    """Every date expression in ``text``, resolved against ``reference`` (ISO date or None)."""
    ref = parse_reference(reference)
    cands: list[tuple[int, int, int, _R]] = []
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    whole = [(0, len(text))]
    for order, (pattern, fn, trigger) in enumerate(_compiled()):
        if trigger is None:
            spans = whole
        else:
            if trigger not in windows:
                windows[trigger] = _windows(trigger, text)
            spans = windows[trigger]
        for m in (m for ws, we in spans for m in pattern.finditer(text, ws, we)):
            if m.end() == m.start():
                continue
            try:
                r = fn(m, ref)
            except (ValueError, OverflowError):
                continue  # "in 99999 years": beyond the calendar
            if r is None:
                continue
            gd = m.groupdict()
            if gd.get("core"):
                s, e = m.span("core")
            elif gd.get("core2"):
                s, e = m.span("core2")
            else:
                s, e = m.span()
            # Trailing spaces are not part of the date, nor a leading "the" ("the end of 2000",
            # "the calendar year 2008") except where it makes the expression ("the day after").
            while e > s and text[e - 1] in " \t,":
                e -= 1
            if fn in _TRIM_THE:
                lead = _LEADING_THE.match(text, s, e)
                if lead:
                    s = lead.end()
            cands.append((s, e, order, r))
    # Longest first; on equal length the earlier rule wins.
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[DateMatch] = []
    for s, e, _, r in cands:
        if any(s < t.end and t.start < e for t in taken):
            continue
        taken.append(DateMatch(s, e, r.value, r.modifier, None, r.weak, r.written or r.value,
                               r.future))
    taken.sort(key=lambda t: t.start)
    for t in taken:
        try:
            _extend(text, t, ref)
        except (ValueError, OverflowError):
            pass  # arithmetic beyond the calendar: keep the date as written
    # An extended date swallows the pieces it grew over ("Monday" in "Monday two weeks from now").
    out: list[DateMatch] = []
    for t in sorted(taken, key=lambda t: (t.start, -(t.end - t.start))):
        if out and t.start < out[-1].end:
            if t.end - t.start > out[-1].end - out[-1].start:
                out[-1] = t
            continue
        out.append(t)
    return out


def _extend(text: str, t: DateMatch, ref: dt.date | None) -> None:
    """Grow a date over what qualifies it: "3 days after <date>", "Friday, <date>",
    "the week of <date>", "since <date>", "<year> or later"."""
    before = text[max(0, t.start - 60) : t.start]
    if t.future and _future_tense(text, t.start) and not _SINCE.search(before):
        t.value = t.future
    if t.value is None or len(t.value) in (4, 7) or "W" in t.value:
        m = _MOD_BEFORE.search(before)
        if m:
            word = m["mod"].lower().split()[0]
            if word in _MODS:
                t.modifier = _MODS[word]
            t.start -= len(before) - m.start("mod")
            before = text[max(0, t.start - 60) : t.start]
            t.weak = False
    m = _MORE_BEFORE.search(before)
    if m and _is_arith(text, t):
        t.start -= len(before) - m.start()
        before = text[max(0, t.start - 60) : t.start]
    m = _ARITH.search(before)
    if m:
        amounts = _duration(m["dur"])
        if amounts is not None:
            t.start -= len(before) - m.start("dur") if not m["more"] else len(before) - m.start()
            base = parse_reference(t.value) if t.value and len(t.value) == 10 else None
            if base is None and t.value and t.value.startswith("XXXX") and ref and \
                    len(t.value) == 10:
                base = dt.date(ref.year, int(t.value[5:7]), int(t.value[8:10]))
            if base is not None:
                sign = -1 if m["dir"].lower() == "before" else 1
                try:
                    t.value = _timex_date(_shift(base, amounts, sign))
                except (ValueError, OverflowError):
                    t.value = None  # beyond the calendar
                t.written = t.value
            if m["more"]:
                t.relation = "before" if m["dir"].lower() == "before" else "after"
            before = text[max(0, t.start - 60) : t.start]
            t.weak = False
    m = _weekday_prefix().search(before)
    if m and t.value and len(t.value) == 10:
        keep_rel = m["rel"] and m["rel"].lower() != "on"
        t.start -= len(before) - (m.start() if keep_rel else m.start("wd"))
        before = text[max(0, t.start - 60) : t.start]
        if not t.value.startswith("X") and m.group().strip().lower().split()[0] not in (
                "this", "next", "last"):
            base = dt.date.fromisoformat(t.value)
            wd = _weekday(m["wd"])
            if base.weekday() != wd and _is_arith(text, t):
                t.value = t.written = _timex_date(base - dt.timedelta(days=base.weekday() - wd))
        t.weak = False
    m = _WEEK_OF.search(before)
    if m:
        t.start -= len(before) - m.start()
        before = text[max(0, t.start - 60) : t.start]
        t.weak = False
    m = _RELATION.search(before)
    if m:
        word = m["rel"].lower().split()[0]
        t.relation = _RELATIONS.get(word, word)
        t.start -= len(before) - m.start()
        t.weak = False
    m = _OR_LATER.match(text[t.end : t.end + 20])
    if m:
        t.end += m.end()
        t.relation = "since"
        t.weak = False


_FUTURE = re.compile(r"\b(?:will|shall|going\s+to|due\s+to|set\s+to|scheduled|upcoming)\b|'ll\b",
                     re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s")


def _future_tense(text: str, start: int) -> bool:
    """True when the sentence speaks of the future before ``start`` ("It will happen 3 days
    after January 12th", "the race will be held on 17 April"): a date whose year the text leaves
    out is then the next one, not the latest one."""
    window = text[max(0, start - 120) : start]
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    return bool(_FUTURE.search(window))


def _is_arith(text: str, t: DateMatch) -> bool:
    """True when the date is computed ("two weeks from now"), so a weekday picks a day in it."""
    s = text[t.start : t.end].lower()
    return bool(re.search(r"\b(?:from now|ago|later|hence|after|before|from)\b", s))
