"""The pieces date expressions are built from, found by small named rules.

Each rule is a regex and a builder registered with :func:`atom`, in an ordered list; the first
rules win ties. A :class:`Piece` is either a date (``time``: the calendar fields the text
states, such as "March 28" or "the third quarter"), a date relative to an anchor (``rel``:
"yesterday", "two years ago" once composed), or a part that only means something next to
others (``shift`` "last", ``grain`` "week", ``dur`` "two weeks", ``dir`` "ago", ``mod``
"early", ``in`` "within"). :mod:`.compose` joins neighbouring pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..numbers import alternation, parse_number
from .calendar import key, month_number, names, valid_day, weekday_number
from .when import When

__all__ = ["Piece", "Rel", "after_name", "atom", "day_value", "year_value"]


@dataclass(frozen=True)
class Rel:
    """A date relative to an anchor: the anchor (``"ref"`` = the reference date, ``"focus"`` =
    the article's time line, or a :class:`Piece` holding a date) moved by ``amounts`` in
    direction ``sign``, then taken at ``grain``; ``completed``: the latest such period already
    over ("the latest quarter")."""

    anchor: object
    amounts: tuple[tuple[float, str], ...] = ()
    sign: int = 0
    grain: str = "day"
    completed: bool = False


@dataclass
class Piece:
    kind: str  # time, rel, shift, occurrence, anchored, completed, grain, dur, dir, mod, in
    start: int
    end: int
    when: When = field(default_factory=When)  # time: what the text states; rel: extra fields
    rel: Rel | None = None
    value: object = None  # shift: offset; grain: name; dur: amounts; dir: word; mod: modifier
    rule: str = ""
    weak: bool = False  # a bare number another reading may claim ("2015", "7/6")
    partner: bool = False  # means a date only next to another piece (a bare "15th")
    computed: bool = False  # from arithmetic ("two weeks from now")
    modifier: str | None = None  # early, mid, late


Builder = Callable[[re.Match[str]], Piece | None]


@dataclass(frozen=True)
class AtomRule:
    """One registered rule: its regex source, builder, trigger and where its matches start."""

    name: str
    pattern: str
    build: Builder
    trigger: str | None = None
    at_digits: bool = False
    starts: str | None = None


_ATOMS: list[AtomRule] = []


def atom(name: str, pattern: str, trigger: str | None = None, at_digits: bool = False,
         starts: str | None = None) -> Callable[[Builder], Builder]:
    """Register an atom rule; ``trigger``: a cheap regex a text must contain for the rule to run
    (most texts have no "ago" or "quarter"); ``at_digits``: every match starts where a run of
    digits starts, so the rule is tried only there instead of at every character (the lexer
    then finds exactly what a scan of the whole text finds); ``starts``: a regex that matches
    wherever a match can start, for a rule with neither (the rule is tried only at its hits:
    ``helpers.numbers.lowered.Scanner``). ``{MON}``, ``{WD}``, ``{HOL}`` in a pattern are the
    month, weekday and holiday names."""

    def deco(fn: Builder) -> Builder:
        _ATOMS.append(AtomRule(name, pattern, fn, trigger, at_digits, starts))
        return fn

    return deco


def _time(m: re.Match[str], when: When, span: str | None = None, **kw: object) -> Piece:
    s, e = m.span(span) if span else m.span()
    return Piece("time", s, e, when, **kw)


# --- vocabulary fragments --------------------------------------------------------------------

_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
         "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_SEP = r"[\s-]+"
_UNITW, _TEENW, _TENW = alternation(_UNITS), alternation(_TEENS), alternation(_TENS)
_ORDW = alternation(_ORDS)
_DAYW = (rf"(?:(?:twenty|thirty){_SEP}(?:{alternation(_ORDS[:9])}|{_UNITW})|{_ORDW}|twentieth"
         rf"|thirtieth|{_TEENW}|{_UNITW}|twenty|thirty)")
_DAY = rf"(?:[0-3]?\d(?:st|nd|rd|th)?(?![\d%]|[:.]\d|\s*(?:%|per\s?cent))|{_DAYW}\b)"
_SPOKEN_YEAR = (
    rf"(?:(?:{_TEENW}|twenty){_SEP}(?:hundred|(?:oh|zero|nought){_SEP}(?:{_UNITW})"
    rf"|(?:{_TENW})(?:{_SEP}(?:{_UNITW}))?|{_TEENW})"
    rf"|two{_SEP}thousand(?:(?:\s+and)?{_SEP}(?:(?:{_TENW})(?:{_SEP}(?:{_UNITW}))?|{_TEENW}"
    rf"|{_UNITW}))?)\b"
)
_YEAR4 = r"(?:1[0-9]\d\d|2[0-9]\d\d)(?!\d|[,.]\d|\s*(?:%|per\s?cent))"
_YEAR_PART = (rf"(?:,?\s*(?:of\s+|in\s+)?(?P<y>{_YEAR4}|{_SPOKEN_YEAR})"
              r"|\s*(?:,|of)\s*(?P<y2>'?\d\d)\b(?![\d.]))")


def day_value(s: str) -> int | None:
    """ "28", "28th", "twenty-eighth" → 28 (None outside 1..31)."""
    s = s.lower().strip()
    m = re.match(r"(\d{1,2})(?:st|nd|rd|th)?$", s)
    d = int(m.group(1)) if m else int(parse_number(re.sub(r"\s+", " ", s)) or 0)
    return d if 1 <= d <= 31 else None


def year_value(s: str) -> int | None:
    """ "1998", "'98", "98", "nineteen ninety-eight", "two thousand and five" → the year."""
    s = s.strip().lower().lstrip("'’")
    if s.isdigit():
        y = int(s)
        return y + (1900 if y > 30 else 2000) if len(s) == 2 else y
    v = parse_number(s)
    return int(v) if v is not None and v == int(v) else None


def _full(y: int | None, mo: int, d: int | None, m: re.Match[str], weak: bool = False
          ) -> Piece | None:
    if not 1 <= mo <= 12 or (d is not None and not valid_day(y, mo, d)):
        return None
    return _time(m, When(y, month=mo, day=d), weak=weak)


_LOWER_VERBS = frozenset({"may", "march", "mar"})


def _verb_like(mon: str, written_day: str | None, year: str | None) -> bool:
    """Lower-case "may"/"march" are a verb far more often than a month."""
    return mon in _LOWER_VERBS and not year and not (written_day or "x")[0].isdigit()


# --- numeric dates -------------------------------------------------------------------------


@atom("iso", r"\b(?P<y>[12]\d{3})\s?(?P<s>[-/.])\s?(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})\b"
             r"(?![-/.]\d)", at_digits=True)
def _iso(m):
    return _full(int(m["y"]), int(m["m"]), int(m["d"]), m)


@atom("month_day_year_digits",
      r"(?<![\d/.-])(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)\s?,?(?P<y>\d{4}|\d{2})\b"
      r"(?![-/.]\d)|(?<![\d/.-])(?P<a2>\d{1,2})/(?P<b2>\d{1,2}),(?P<y2>\d{4}|\d{2})\b",
      at_digits=True)
def _mdy(m):
    a, b, ys = (m["a"], m["b"], m["y"]) if m["a"] else (m["a2"], m["b2"], m["y2"])
    a, b = int(a), int(b)
    mo, d = (b, a) if a > 12 else (a, b)
    return _full(year_value(ys), mo, d, m)


@atom("compact", r"(?<![\d.,])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d,]|\.\d)",
      at_digits=True)
def _compact(m):
    return _full(int(m["y"]), int(m["m"]), int(m["d"]), m)


@atom("year_month_digits",
      r"(?<![\d.,/-])(?P<y>[12]\d{3})\s?[-/.]\s?(?P<m>\d{1,2})\b(?![-/.]\d|\s*%|\.\d)",
      at_digits=True)
def _ym(m):
    mo, y = int(m["m"]), int(m["y"])
    if len(m["m"]) == 2 and mo == (y + 1) % 100 and "." not in m.group():
        return _time(m, When(y))  # "2010-11": a season or fiscal year, from 2010
    if not 1 <= mo <= 12 or (m.group().count(".") and len(m["m"]) > 1 and mo > 9):
        return None
    return _time(m, When(y, month=mo))


@atom("month_year_digits", r"(?<![\d.,/-])(?P<m>\d{1,2})\s?[-/]\s?(?P<y>[12]\d{3})\b(?![-/.]\d)",
      at_digits=True)
def _my(m):
    mo = int(m["m"])
    return _time(m, When(int(m["y"]), month=mo)) if 1 <= mo <= 12 else None


@atom("month_day_digits", r"(?<![\d/.-])(?<!\d\s)(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/]|\.\d)"
                          r"|(?<=\bon\s)(?P<a2>\d{1,2})\.(?P<b2>\d{1,2})(?![\d/]|\.\d)",
      at_digits=True)
def _md(m):
    a, b = (int(m["a"]), int(m["b"])) if m["a"] else (int(m["a2"]), int(m["b2"]))
    mo, d = (b, a) if a > 12 else (a, b)
    return _full(None, mo, d, m, weak=True)


@atom("year_day_month", r"\b(?P<y>[12]\d{3})/(?P<d>\d{1,2})/{MON}|\b(?P<y2>[12]\d{3})/{MON2}/"
                        r"(?P<d2>\d{1,2})\b|\b(?P<d3>\d{1,2})-(?P<y3>[12]\d{3})-{MON3}",
      trigger="{MON}")
def _ydm(m):
    mon = m["mon"] or m["mon2"] or m["mon3"]
    return _full(int(m["y"] or m["y2"] or m["y3"]), month_number(mon),
                 int(m["d"] or m["d2"] or m["d3"]), m)


# --- dates with month names ----------------------------------------------------------------


def _written_year(m: re.Match[str]) -> int | None:
    written = m["y"] or m["y2"]
    return year_value(written) if written else None


@atom("month_day", rf"{{MON}}(?:\s*[,.-]?\s*(?:the\s+)?|(?<=[a-z])(?=\d))(?P<d>{_DAY})"
                   rf"(?:(?<=\d)\b|(?<![\d]))(?:{_YEAR_PART})?", trigger="{MON}")
def _mon_day(m):
    d = day_value(m["d"])
    if d is None or _verb_like(m["mon"], m["d"], m["y"]):
        return None
    return _full(_written_year(m), month_number(m["mon"]), d, m)


@atom("day_month", rf"(?<![\d.,$€£])\b(?:the\s+)?(?P<d>{_DAY})(?:\s+day)?(?:\s+of)?(?:\s+|-)?"
                   rf"{{MON}}(?:{_YEAR_PART})?", trigger="{MON}")
def _day_mon(m):
    d = day_value(m["d"])
    if d is None or _verb_like(m["mon"], m["d"], None):
        return None
    return _full(_written_year(m), month_number(m["mon"]), d, m)


@atom("month_year", rf"{{MON}}\s*(?:,|of|-|/)?\s*(?P<y>{_YEAR4}|{_SPOKEN_YEAR}|'\d\d\b"
                    rf"|(?<=of\s)\d\d\b|(?<=\s)[4-9]\d\b(?![\d.,]))", trigger="{MON}")
def _mon_year(m):
    y = year_value(m["y"])
    return _time(m, When(y, month=month_number(m["mon"]))) if y else None


@atom("year_month", rf"\b(?P<y>{_YEAR4})\s*[,/-]?\s*{{MON}}(?!\s*[-/]?\s*\d)", trigger="{MON}")
def _year_mon(m):
    return _time(m, When(int(m["y"]), month=month_number(m["mon"])))


_FUNCTION_WORDS = frozenset(
    "in on at by since until till from to of for during before after early mid late last next "
    "this the that every each around about through throughout between and or but as when while "
    "its his her their our".split())
_LINK_VERBS = frozenset("is was will has had falls fell comes came approaches arrives".split())
_PREVIOUS_WORD = re.compile(r"(\w[\w'’-]*)[ \t]+$")


def after_name(text: str, start: int) -> bool:
    """True when the word before ``start`` is a capitalised non-function word ("Theresa May",
    "Holocaust Memorial Day", "Radio 4's Today"): the expression is part of a name."""
    m = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    if not m:
        return False
    word = m.group(1)
    if word[0].isdigit() and word.endswith(("'s", "’s")):
        return True
    if not word[0].isupper() or word.lower() in _FUNCTION_WORDS:
        return False
    head = text[max(0, m.start(1) - 3) : m.start(1)].strip()
    return not (head == "" and m.start(1) - 3 <= 0 or head[-1:] in '.!?"“”:;' and head != "")


@atom("month", r"{MONF}(?!\s*\d)", trigger="{MONF}")
def _month(m):
    if m["mon"] in ("may", "march"):
        return None  # lower-case "may" / "march": the verb
    piece = _time(m, When(month=month_number(m["mon"])))
    piece.partner = after_name(m.string, m.start())  # "Theresa May" unless "last May"
    return piece


# --- years, decades, centuries -------------------------------------------------------------


@atom("year", r"\b(?:the\s+)?(?:(?P<cal>calendar|fiscal|financial)\s+)?"
              rf"(?P<word>year\s+(?:of\s+)?)?(?P<y>{_YEAR4})\b"
              r"(?![-/]\d|\s?(?:GMT|BST|UTC|CET|EST|ET|hrs?|hours)\b)"
              r"|\bFY\s?(?P<fy>\d{2}|\d{4})\b",
      # where it can start: "the", a fiscal word or "year" before a year or the year itself,
      # or "FY" (each branch opens with a letter or digit, so the scan skips to those)
      starts=r"the\s+(?:calendar|fiscal|financial|year\s|[12])|calendar\s+(?:year\s|[12])"
             r"|fiscal\s+(?:year\s|[12])|financial\s+(?:year\s|[12])|year\s+(?:of\s+)?[12]"
             r"|1\d{3}|2\d{3}|FY")
def _year(m):
    if m["fy"]:
        return _time(m, When(year_value(m["fy"])))
    y = int(m["y"])
    text, s = m.string, m.start("y")
    if not 1000 <= y <= 2199 or (not m["word"] and re.search(r"[\d$€£¥.,/]$|\d-$",
                                                              text[max(0, s - 2) : s])):
        return None
    strong = bool(m["word"] or m["cal"])
    return _time(m, When(y), span=None if strong else "y", weak=not strong)


@atom("spoken_year", rf"\b(?:(?P<lead>(?:the\s+)?year)|in|since|of|by|until|before|after)\s+"
                     rf"(?P<core>{_SPOKEN_YEAR})|\b(?P<core2>(?:{_TEENW}){_SEP}(?:(?:{_TENW})"
                     rf"(?:{_SEP}(?:{_UNITW}))?|{_TEENW}))\b", trigger=r"(?:teen|ty|thousand)\b")
def _spoken_year(m):
    """ "in nineteen eighty-nine", "the year two thousand", "nineteen ninety-six"."""
    y = year_value(m["core"] or m["core2"])
    if y is None or not 1000 <= y <= 2199:
        return None
    piece = _time(m, When(y), span="core" if m["core"] else "core2")
    if m["lead"]:
        piece.start = m.start()
    return piece


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


@atom("decade", r"(?:\b(?P<c>1[0-9]|20)(?P<d>\d)0'?s|(?<!\w)['’](?P<d2>\d)0s)\b"
                rf"|\bthe\s+(?:nineteen[\s-]+)?(?P<w>{alternation(list(_DECADE_WORDS))})\b",
      trigger=r"0'?s\b|ties\b")
def _decade(m):
    """ "the 1990s" → 199X; "the '80s", "the nineties" → a twentieth-century decade."""
    if m["c"]:
        return _time(m, When(decade=int(m["c"] + m["d"])))
    digit = int(m["d2"]) if m["d2"] else _DECADE_WORDS[m["w"].lower()]
    return _time(m, When(decade=190 + digit))


@atom("century", rf"\b(?:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_ORDW}|twentieth|twenty[\s-]first)"
                 r"[\s-]+century\b", trigger=r"century")
def _century(m):
    n = day_value(m["n"].replace("-", " "))
    return _time(m, When(century=n - 1)) if n else None


# --- weekdays, holidays, seasons, quarters -------------------------------------------------


@atom("weekday", r"{WD}", trigger="{WD}")
def _weekday(m):
    piece = _time(m, When(weekday=weekday_number(m["wd"])))
    if m.group().endswith(".") and len(m["wd"]) > 4:
        piece.end -= 1  # a sentence's full stop after "Friday"
    # "Sun", "Wed", "Sat" alone are more often a name or a word than a weekday
    piece.partner = len(m["wd"]) <= 4 and not m.group().endswith(".")
    return piece


@atom("holiday", r"{HOL}", trigger="{HOL}")
def _holiday(m):
    piece = _time(m, When(holiday=key(m["hol"])))
    nxt = re.match(r"[ \t]+([a-z][\w'’-]*)", m.string[m.end() :])
    named_thing = nxt and nxt.group(1).lower() not in _FUNCTION_WORDS | _LINK_VERBS
    piece.partner = after_name(m.string, m.start()) or bool(named_thing)  # "a Christmas tree"
    return piece


@atom("season", r"\b(?:the\s+)?(?P<s>spring|summer|autumn|winter|fall)\b",
      trigger=r"spring|summer|autumn|winter|fall")
def _season(m):
    word = m["s"].lower()
    piece = _time(m, When(season=names()["season"][word]))
    has_the = m.group().lower().startswith("the")
    # "fall" the verb, "Arab Spring": a season only with "the", a year or a shift word
    piece.partner = (word == "fall" and not has_the) or (
        m["s"][0].isupper() and after_name(m.string, m.start()))
    return piece


_QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                "4th": 4, "final": 4}


@atom("quarter", r"\b(?:the\s+)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
                 r"(?:[\s-]+(?:fiscal|financial|calendar))?[\s-]+(?P<what>quarter|half)"
                 r"(?!\s+of\s+(?:the|this|next|last)\s+(?:month|week)\b)"
                 r"|(?-i:Q(?P<qn>[1-4])|(?P<qn2>[1-4])Q|H(?P<hn>[12])))\b",
      # "quarter", "half", "Q3"/"H1" at a word start, "3Q": written to open with a character set
      # (where each hit starts), so the scan skips to those characters
      trigger=r"[QH1-4](?:(?<=Q)UARTER|(?<=H)ALF|(?<=[QH])(?<!\w[QH])[1-4]|(?<=[1-4])Q\b)")
def _quarter(m):
    """ "the third quarter" → Q3, "third-quarter", "Q3", "3Q"; "the first half" → H1."""
    if m["hn"]:
        return _time(m, When(half=int(m["hn"])))
    n = int(m["qn"] or m["qn2"] or 0) or _QUARTER_ORD[m["ord"].lower()]
    if m["what"] and m["what"].lower() == "half":
        return _time(m, When(half=n)) if n <= 2 else None
    return _time(m, When(quarter=n))


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "final": -1}


@atom("nth_weekday", r"\b(?P<the>the\s+)?(?P<n>first|second|third|fourth|fifth|last|final)\s+"
                     r"{WD}", trigger="{WD}")
def _nth_weekday(m):
    """ "the first Monday (of May)", "the last Friday of the month": its place in a month."""
    if not m["the"] and not re.match(r"\s+(?:of|in)\s", m.string[m.end() :]):
        return None  # "last Monday" without "the" or "of": the shift, not a place in a month
    n = _NTH[m["n"].lower()]
    return _time(m, When(weekday=weekday_number(m["wd"]), nth=n))


@atom("day_of_month", rf"(?:\b(?P<on>on|by|until|around)\s+)?(?P<core>\b(?:the\s+)?"
                      rf"(?P<d>[0-3]?\d(?:st|nd|rd|th)|{_DAYW}\b))(?=\s*(?:[.,;:!?)]|$|at\b|and\b"
                      r"|of\s+(?:this|next|last|the)\s|(?:this|next|last)\s+month))",
      trigger=r"\d(?:st|nd|rd|th)\b|month")
def _day_of_month(m):
    """ "on the 15th", "the 21st this month": a day of some month (alone only after "on")."""
    d = day_value(m["d"])
    if d is None or not (m["d"][0].isdigit() or m.group("core").lower().startswith("the")):
        return None
    piece = _time(m, When(day=d), span="core")
    piece.partner = not m["on"]
    return piece
