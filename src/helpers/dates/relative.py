"""Atoms of relative dates: "yesterday", "last", "week", "two years", "ago", "early", "in".

The words come from ``data/figure_date_words.csv`` (shift, occurrence, anchored, completed,
grain, direction, modifier); :mod:`.compose` joins them with each other and with calendar
dates ("last" + "week", "two years" + "ago", "early" + "next year").
"""

from __future__ import annotations

import re

from ..numbers import alternation, parse_number, word_values
from .atoms import Piece, Rel, after_name, atom
from .calendar import date_words, key, names

__all__: list[str] = []

_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "tmrw": 1,
            "the day before yesterday": -2, "the day after tomorrow": 2,
            "the day after tmrw": 2}


@atom("deictic_day", r"\b(?P<w>today|tonight|yesterday|tomorrow|tmrw|the\s+day\s+before\s+yesterday"
                     r"|the\s+day\s+after\s+(?:tomorrow|tmrw))\b",
      trigger=r"day\b|night\b|tomorrow|tmrw")
def _deictic(m):
    if m["w"][0] == "T" and m.start() > 0 and after_name(m.string, m.start()):
        return None  # "BBC Radio 4's Today programme"
    k = _DEICTIC[key(m["w"])]
    return Piece("rel", m.start(), m.end(), rel=Rel("ref", ((abs(k), "day"),), (k > 0) - (k < 0)))


@atom("day_before_after", r"\bthe\s+day\s+(?P<w>before|after)(?=\s*[.,;:!?)]|\s*$)",
      trigger=r"\bday\s+(?:before|after)")
def _day_before(m):
    sign = -1 if m["w"].lower() == "before" else 1
    return Piece("rel", m.start(), m.end(), rel=Rel("focus", ((1, "day"),), sign))


def _words(*kinds: str) -> str:
    return alternation([w for k in kinds for w in date_words()[k]])


_WORD_KINDS = ("shift", "occurrence", "anchored", "completed")


def _date_word_ahead() -> str:
    """What a shift word must come before to start a date ("last" + "week", "the" +
    "quarter", "next" + "Friday", "this" + "spring", "next" + "5/12"): checked first, as "the"
    and "this" are everywhere."""
    cal = names()
    words = [*date_words()["grain"], *cal["month"], *cal["weekday"], *cal["season"],
             *(h.split()[0] for h in cal["holiday"]), "first", "second", "third", "fourth",
             "final"]
    return rf"(?=\s+(?:{alternation(words)})\b|\s+\d)"


@atom("shift_word", rf"\b(?P<w>{_words(*_WORD_KINDS)}){_date_word_ahead()}",
      trigger=rf"\b(?:{_words(*_WORD_KINDS)})\b")
def _shift(m):
    word = key(m["w"])
    for kind in _WORD_KINDS:
        if word in date_words()[kind]:
            return Piece(kind, m.start(), m.end(), value=int(date_words()[kind][word]))
    return None


@atom("grain", rf"\b(?P<w>{_words('grain')})\b", trigger=rf"\b(?:{_words('grain')})\b")
def _grain(m):
    return Piece("grain", m.start(), m.end(), value=date_words()["grain"][key(m["w"])])


_DUR_UNIT = r"(?:business\s+days?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?)"
_NUMBER_WORD = alternation([w for w, (_, kind) in word_values().items()
                            if kind in ("unit", "teen", "ten", "hundred", "scale", "fraction")])
_DUR_NUM = (rf"(?:\d+(?:\.\d+)?|an?|a\s+few|a\s+couple\s+of|several|few"
            rf"|(?:{_NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+(?:an?\s+)?)(?:{_NUMBER_WORD}))*)")
# "the day before the vote": one day, only right before "before"/"after"
_THE_ONE = r"the(?=\s+\w+\s+(?:before|after)\b)"
_DUR_PART = re.compile(rf"(?P<n>{_DUR_NUM}|the)\s+(?P<u>{_DUR_UNIT})\b", re.IGNORECASE)
_VAGUE = {"a": 1, "an": 1, "the": 1, "a few": 3, "few": 3, "several": 3, "a couple of": 2}


def duration(text: str) -> tuple[tuple[float, str], ...] | None:
    """ "1 month, 21 days" → ((1, "month"), (21, "day")); None when a number is unreadable."""
    out = []
    for m in _DUR_PART.finditer(text):
        word = key(m["n"])
        n = _VAGUE.get(word)
        if n is None:
            n = parse_number(word)
        if n is None or n < 0:
            return None
        out.append((float(n), key(m["u"]).rstrip("s")))
    return tuple(out) or None


_DUR_MORE = rf"(?:(?:\s*,\s*|\s+and\s+|\s+){_DUR_NUM}\s+{_DUR_UNIT})*"


@atom("duration", rf"\b(?P<dur>(?:{_DUR_NUM}|{_THE_ONE})\s+{_DUR_UNIT}{_DUR_MORE})\b",
      trigger=r"(?:day|week|fortnight|month|quarter|year|decade)s?\b")
def _duration(m):
    amounts = duration(m["dur"])
    return Piece("dur", m.start(), m.end(), value=amounts) if amounts else None


@atom("direction", rf"\b(?P<w>{_words('direction')})\b",
      trigger=rf"\b(?:{_words('direction')})\b")
def _direction(m):
    return Piece("dir", m.start(), m.end(), value=key(m["w"]))


@atom("modifier", rf"\b(?P<w>{_words('modifier')})(?:\s+the)?(?=[\s-])",
      trigger=r"\b(?:early|mid|late|beginning|start|middle|end|close|earlier|later)\b")
def _modifier(m):
    return Piece("mod", m.start(), m.end(), value=date_words()["modifier"][key(m["w"])] or None)


@atom("in_within", r"\b(?:in|within)(?=\s)", trigger=r"\b(?:in|within)\s+\S+\s+\S+s?\b")
def _in(m):
    return Piece("in", m.start(), m.end())


@atom("year_ago", r"\b(?:the\s+(?:(?:comparable|corresponding|same)\s+)?year[\s-]"
                  r"|(?:(?:comparable|corresponding|same)\s+)?year-)(?:earlier|ago)\b",
      trigger=r"\byear[\s-](?:earlier|ago)")
def _year_ago(m):
    """ "the year-earlier quarter", "year-ago results": a year before the article's period."""
    return Piece("rel", m.start(), m.end(), rel=Rel("focus", ((1, "year"),), -1, grain="focus"))


@atom("after_next", r"\bthe\s+(?P<g>week|month|year)\s+after\s+next\b", trigger=r"after\s+next")
def _after_next(m):
    grain = key(m["g"])
    return Piece("rel", m.start(), m.end(), rel=Rel("ref", ((2, grain),), 1, grain))
