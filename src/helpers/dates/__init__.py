"""Dates as news writes them → TIMEX values, read against the publication date.

``find(text, reference, tense=None)`` returns every date expression in ``text`` with its span,
its value as written (``written``: "XXXX-03-28" when the text leaves the year out) and resolved
(``value``: "2024-03-28"), an ``early``/``mid``/``late`` modifier, a relation ("since",
"after", "before", "by", "until", "approx") when the text bounds the date, and the names of the
rules that made it.

How it works, in three layers:

- :mod:`.atoms` and :mod:`.relative` find the pieces: calendar dates ("March 28", "2022-02",
  "the third quarter", "the 1990s", "Friday", "Easter") and the parts of relative dates
  ("last", "week", "two years", "ago", "early").
- :mod:`.compose` joins neighbouring pieces by a small grammar of named rules ("last" +
  "week", "Friday" + "next week", "July" + "last year", "three days" + "after" + "Easter").
- :mod:`.timeline` reads each date against the article: relative dates from the reference
  date, a year the text leaves out by the tense of the sentence (a "Saturday" in a past-tense
  report is the Saturday before publication, a "Saturday" something will happen on the next
  one), and anchored dates ("the following year", "that day", "a year earlier") from the
  article's own time line: the latest date it has stated.

Without a reference date, relative expressions get no value and a month-day keeps an unknown
year. Vocabulary: ``data/figure_calendar.csv`` and ``data/figure_date_words.csv``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .calendar import add_months, easter, parse_reference
from .compose import chunks, reduce
from .lexer import pieces
from .tense import Tense, doc_tense, text_tense
from .timeline import Context, evaluate
from .when import When, timex

__all__ = ["DateMatch", "add_months", "doc_tense", "easter", "find", "parse_reference", "timex"]


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
    #: The value as the text states it, before a year the text leaves out is filled in
    #: ("XXXX-03-28" for "March 28" resolved to "2024-03-28"); else the same as ``value``.
    written: str | None = None
    #: The rules that made it ("month_day", "shift_grain+intersect").
    rule: str = ""


_RELATION = re.compile(
    r"\b(?P<rel>since|after|before|by|until|till|starting(?:\s+(?:on|from|in))?|beginning(?:\s+on)?"
    r"|around|as\s+of|no\s+later\s+than|later\s+than|greater\s+than|year\s+greater\s+than)"
    r"\s+(?:the\s+)?$", re.IGNORECASE)
_RELATIONS = {"since": "since", "starting": "since", "beginning": "since", "after": "after",
              "greater": "after", "later": "after", "year": "after", "before": "before",
              "by": "by", "no": "by", "until": "until", "till": "until", "around": "approx",
              "as": "since"}
_OR_LATER = re.compile(r"\s+or\s+(?:later|after)\b|\s+(?:onwards?|and\s+later)\b", re.IGNORECASE)
_WEEK_OF = re.compile(r"\b(?:the\s+week\s+(?:of|beginning(?:\s+on)?|starting(?:\s+on)?)|w/c)\s+$",
                      re.IGNORECASE)
_MORE = re.compile(r"\b(?:more\s+than|less\s+than|at\s+least)\s+$", re.IGNORECASE)


def _extend(text: str, d: DateMatch, computed: bool) -> None:
    """Grow a date over what bounds it: "since <date>", "the week of <date>", "<date> or
    later", "more than <two weeks before today>"."""
    before = text[max(0, d.start - 40) : d.start]
    m = _MORE.search(before)
    if m and computed:
        d.start -= len(before) - m.start()
        d.relation = "before" if re.search(r"\bbefore\b", text[d.start : d.end], re.I) else "after"
        before = text[max(0, d.start - 40) : d.start]
    m = _WEEK_OF.search(before)
    if m:
        d.start -= len(before) - m.start()
        before = text[max(0, d.start - 40) : d.start]
    m = _RELATION.search(before)
    if m:
        word = m["rel"].lower().split()[0]
        d.relation = _RELATIONS.get(word, word)
        d.start -= len(before) - m.start()
    m = _OR_LATER.match(text, d.end)
    if m:
        d.end = m.end()
        d.relation = "since"
    if d.relation or m:
        d.weak = False


def find(text: str, reference: str | dt.date | None = None, tense: Tense | None = None
         ) -> list[DateMatch]:
    """Every date expression in ``text``, read against ``reference`` (ISO date or None).

    ``tense``: character offset → "past" / "present" / "future" / None for the verb that
    governs a date there (from a parse); without it a guess from the words before the date."""
    ctx = Context(text, parse_reference(reference), tense or text_tense(text))
    out: list[DateMatch] = []
    for chunk in chunks(text, pieces(text)):
        for p in reduce(text, chunk):
            if p.kind not in ("time", "rel") or p.partner:
                continue
            written, resolved = evaluate(p, ctx)
            if written is None and resolved is None and p.kind == "time":
                continue
            d = DateMatch(p.start, p.end, timex(resolved), p.modifier, None, p.weak,
                          timex(written), p.rule)
            _extend(text, d, p.computed)
            ctx.remember(resolved if resolved is not None and resolved.year is not None
                         or (resolved is not None and resolved.decade is not None) else None)
            out.append(d)
    return out


__all__ += ["When"]
