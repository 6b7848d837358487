"""What the words around a figure add: a hedge ("about", "more than", "up to", "or more"), a
change ("rose 5%", "down 3 percentage points"), a minus sign in words ("minus five percent").

Hedges come from ``data/figure_qualifiers.csv`` and stay out of the figure's span; a change
word before a figure sets ``change`` to "increase" or "decrease".
"""

from __future__ import annotations

import functools
import re

from ..numbers import load_csv
from .kinds import Amount

__all__ = ["annotate", "change_before"]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip()).lower()


@functools.lru_cache(maxsize=1)
def _qualifiers() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = load_csv("figure_qualifiers.csv")
    lookup = {_norm(r["phrase"]): r["qualifier"] for r in rows}
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(lookup, key=len,
                                                                        reverse=True))
    return re.compile(rf"(?<![\w])(?P<q>{alt})\s+$", re.IGNORECASE), lookup


_OR_MORE = re.compile(r"\s+or\s+(?P<w>more|so|less|fewer|above|over)\b", re.IGNORECASE)
_OR_MORE_Q = {"more": "at least", "over": "at least", "above": "at least", "so": "approx",
              "less": "at most", "fewer": "at most"}
_MINUS_WORD = re.compile(r"(?<![\w])(?:minus|negative)\s+$", re.IGNORECASE)
_CHANGE = re.compile(
    r"(?<![\w])(?P<verb>rose|rises?|rising|risen|up|increased?|increasing|grew|grows?|growing|grown"
    r"|gained|gains?|jumped|jumps?|climbed|climbs?|surged|surges?|soared|soars?|added|adds?"
    r"|fell|falls?|falling|fallen|down|dropped|drops?|declined|declines?|decreased?|decreasing"
    r"|lost|loses?|slid|slides?|slipped|slips?|sank|sinks?|plunged|plunges?|tumbled|tumbles?"
    r"|shed|sheds|cut|cuts|lower|higher|raised|raises?|lifted|lifts?|boosted|boosts?|reduced"
    r"|reduces?|lowered|lowers|trimmed|trims?|slashed|slash(?:es)?|hiked|hikes?|widened|widens?"
    r"|narrowed|narrows?|eased|eases?|advanced|advances?|retreated|retreats?)"
    # "rose 5%", "rose by 5%", "raised rates by 0.27 points"
    r"(?:(?:\s+[\w'’-]+){1,2}?\s+by)?\s+(?:by\s+)?(?:(?:an?\s+)?(?:estimated\s+)?"
    r"(?:about|around|nearly|almost|some|roughly|more\s+than|less\s+than|over|just)\s+)?$",
    re.IGNORECASE,
)
_DOWN = re.compile(r"fell|fall|down|drop|declin|decreas|lost|lose|slid|slip|sank|sink|plung|tumbl"
                   r"|shed|cut|lower|reduc|trim|slash|narrow|eas|retreat", re.IGNORECASE)


def change_before(text: str, start: int) -> str | None:
    """ "increase" / "decrease" when a change verb ends right before ``start``."""
    m = _CHANGE.search(text, max(0, start - 40), start)
    if m is None or m.end() != start:
        return None
    return "decrease" if _DOWN.match(m["verb"]) else "increase"


def _qualifier(text: str, start: int) -> str | None:
    pattern, lookup = _qualifiers()
    m = pattern.search(text, max(0, start - 30), start)
    if m and m.end() == start:
        return lookup.get(_norm(m["q"]))
    return None


def annotate(text: str, a: Amount, vague: bool) -> None:
    """Set the hedge, the change and a minus word of ``a`` from the words around it."""
    m = _MINUS_WORD.search(text, max(0, a.start - 12), a.start)
    if m and m.end() == a.start and a.value > 0:
        a.start, a.value = m.start(), -a.value  # "minus five percent"
    qualifier = _qualifier(text, a.start)
    tail = _OR_MORE.match(text, a.end)
    if qualifier is None and tail:
        qualifier = _OR_MORE_Q[tail["w"].lower()]
    if qualifier is None and vague:
        qualifier = "at least"  # "hundreds of": a floor
    a.qualifier = qualifier
    a.change = change_before(text, a.start)
