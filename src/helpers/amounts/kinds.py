"""What kind of figure a number is: named rules, tried in order on each number.

1. ``money``    a currency before or after it ("$5bn", "US$150 million", "50 cents", "30 MUSD")
2. ``percent``  the text states a percentage: "%", "percent", "per cent", "pct", or
               "percentage points" (unit "percentage point"); never a bare number near the word
3. ``quantity`` a unit of measure after it ("10 km", "70 degrees f", "188 miles an hour"),
               or an age ("aged 12", "25-year-old")
4. ``count``    anything else that is not an ordinal, a time of day, a code or a bare year
               (the parse later adds the counted noun, or drops names, addresses and scores)

Each rule takes a :class:`Site` (the number and its surroundings) and returns an
:class:`Amount` or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import numbers
from ..numbers import NumberMatch
from . import units

__all__ = ["RULES", "Amount", "Site", "classify"]


@dataclass
class Amount:
    """A typed figure: ``text[start:end]`` is ``value`` ``unit``; ``rule`` says which rule made
    it; ``number`` is the index of its number in the scan, ``absorbed`` those it took in (a
    range's low end, the cents of "13 dollars 45 cents")."""

    kind: str
    start: int
    end: int
    value: float
    unit: str | None = None
    dimension: str | None = None
    rule: str = ""
    number: int = -1
    absorbed: list[int] = field(default_factory=list)
    qualifier: str | None = None
    change: str | None = None
    range_low: float | None = None
    range_high: float | None = None


@dataclass(frozen=True)
class Site:
    """Number ``i`` of ``nums`` in ``text``; nothing before ``floor`` (the previous figure's
    end) can belong to it."""

    text: str
    nums: list[NumberMatch]
    i: int
    floor: int = 0

    @property
    def n(self) -> NumberMatch:
        return self.nums[self.i]

    def left(self, width: int = 40) -> str:
        return self.text[max(0, self.n.start - width, self.floor) : self.n.start]


_MONEY_NEARBY = re.compile(r"[$€£¥₹]|\b(?:dollars?|euros?|pounds|yen|yuan|rupees?|francs)\b",
                           re.IGNORECASE)


def _scaled(site: Site, money: bool) -> tuple[float, int] | None:
    """An abbreviated scale after the number ("10M", "$5bn", "38m" in a sentence about money:
    lower-case m/b are millions and billions there, metres elsewhere)."""
    n, text = site.n, site.text
    scaled = numbers.scale_suffix(text, n.end, money=money)
    if scaled is None and not n.words:
        loose = numbers.scale_suffix(text, n.end, money=True)
        if loose and (units.suffix(text, loose[1]) or _MONEY_NEARBY.search(
                text, max(0, n.start - 150), min(len(text), n.end + 150))):
            scaled = loose
    if scaled is None or (n.words and scaled[1] - n.end <= 1):
        return None
    return scaled


def money(site: Site) -> Amount | None:
    n, text = site.n, site.text
    before = units.prefix(text, n.start, site.floor)
    before = before if before is not None and before.unit.kind == "money" else None
    value, end = n.value, n.end
    scaled = _scaled(site, money=before is not None)
    if scaled is not None:
        value, end = value * scaled[0], scaled[1]
    after = units.suffix(text, end)
    if after is not None and after.unit.kind == "money" and not (
            before and after.unit.divisor == 1):
        return Amount("money", before.start if before else n.start, after.end,
                      value * after.multiplier / after.unit.divisor, after.unit.name,
                      rule="money_suffix")
    if before is None:
        return None
    return Amount("money", before.start, end, value * before.multiplier / before.unit.divisor,
                  before.unit.name, rule="money_prefix")


_PERCENT = re.compile(
    r"[ \t]?(?:(?P<points>percentage[ \t]+points?|per[ \t]?cent(?:age)?[ \t]+points?)\b|%|"
    r"(?:per[ \t]?cent|pct|percents?|percentage)\b)", re.IGNORECASE)


#: "percents of twenty": the percent word before its number (as some writers put it) -- only
#: when no number of its own comes before the word ("50 percent of 30 people": 30 is a count).
_PERCENT_BEFORE = re.compile(r"(?<![\w.,%])(?P<w>per[ \t]?cents?|percents?)[ \t]+of[ \t]+$",
                             re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty"
                            r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred))\W*$",
                            re.IGNORECASE)


def percent(site: Site) -> Amount | None:
    m = _PERCENT.match(site.text, site.n.end)
    if m is not None:
        unit = "percentage point" if m["points"] else "%"
        return Amount("percent", site.n.start, m.end(), site.n.value, unit, rule="percent")
    before = _PERCENT_BEFORE.search(site.left(30))
    if before is None:
        return None
    start = site.n.start - len(site.left(30)) + before.start()
    if _NUMBER_BEFORE.search(site.text, max(0, start - 20), start):
        return None
    return Amount("percent", start, site.n.end, site.n.value, "%", rule="percent_before")


_FOOT_INCHES = re.compile(r"\s+(\d{1,2})\s*(?:in|inches|\")(?!\w)")
_AGED = re.compile(r"\baged\s+$", re.IGNORECASE)


def quantity(site: Site) -> Amount | None:
    n, text = site.n, site.text
    if numbers.scale_suffix(text, n.end) is not None:
        return None  # "10M", "2.33 k": a scaled count, not metres
    found = units.suffix(text, n.end)
    if found is not None and found.unit.kind == "quantity":
        value, end = n.value, found.end
        if found.unit.name == "foot" and (inches := _FOOT_INCHES.match(text, end)):
            value, end = value + int(inches.group(1)) / 12, inches.end()  # "5 ft 2 in"
        return Amount("quantity", n.start, end, value, found.unit.name, found.unit.dimension,
                      rule="quantity")
    if _AGED.search(site.left(12)):
        return Amount("quantity", n.start, n.end, n.value, "year (age)", "age", rule="age")
    return None


_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME = re.compile(r"(?::\d\d|\s?(?:[ap]\.?m\b\.?|o'clock\b|GMT\b|UTC\b|EST\b|EDT\b|BST\b|CET\b"
                   r"|hrs\b|h\d\d))", re.IGNORECASE)
_CODE_LEFT = re.compile(r"(?:[A-Za-z]-?|#|\bN[Oo]\.?\s?|\bno\.\s?|\bnumber\s|\d[-:/]|\d\s-\s)$")
_CODE_RIGHT = re.compile(r"(?:[A-Za-z]|-\d|[:/]\d|\s-\s\d{3,})")
_GLUED_LEFT = re.compile(r"[A-Za-z]\d*-?$")


def _is_code(site: Site) -> bool:
    """ "F16", "No 10", "555-1234", "COVID-19", "7:30 pm": a number that names, not counts."""
    left, right = site.left(), site.text[site.n.end : site.n.end + 12]
    if _TIME.match(right) or _ORDINAL.match(right):
        return True
    return bool(_CODE_LEFT.search(left) or _CODE_RIGHT.match(right))


_SCORE_WORDS = re.compile(r"\b(?:won|win|wins|beat|beats|lost|lose|loses|drew|draw|score[sd]?"
                          r"|led|lead|leads|victory|defeat|trail(?:ed|s)?)\s+(?:\w+\s+){0,2}$",
                          re.IGNORECASE)


def count_range(site: Site) -> bool:
    """True when the number is an end of a range of counts ("10-20 people"): two plain numbers
    joined by a hyphen, the first smaller, no third number glued on (a phone number, a date),
    and not a score line ("won 2-1")."""
    nums, text, i = site.nums, site.text, site.i
    for a, b in ((i, i + 1), (i - 1, i)):
        if a < 0 or b >= len(nums):
            continue
        low, high = nums[a], nums[b]
        if not re.fullmatch(r"\s*[-–]\s*", text[low.end : high.start]):
            continue
        glued = re.match(r"\s*[-–/:]\s*\d", text[high.end : high.end + 3]) or (
            low.start > 0 and text[low.start - 1] in "-–/:")
        phone = len(low.digits) == 3 and len(high.digits) == 4
        score = _SCORE_WORDS.search(text, max(0, low.start - 30), low.start)
        return not (glued or phone or score) and low.value < high.value
    return False


def count(site: Site) -> Amount | None:
    n = site.n
    if n.ordinal or n.year or (n.proportion and abs(n.value) < 1):
        return None  # "21st", "nineteen eighty-nine", "two-thirds": not a count of anything
    scaled = _scaled(site, money=False)
    if scaled is not None:
        return Amount("count", n.start, scaled[1], n.value * scaled[0], rule="count")
    if not n.words and re.fullmatch(r"[12]\d{3}", n.digits or ""):
        return None  # a bare year
    if not n.words and _is_code(site) and not count_range(site):
        return None
    return Amount("count", n.start, n.end, n.value, rule="count")


Rule = Callable[[Site], Amount | None]
#: The rules, in the order they are tried.
RULES: list[Rule] = [money, percent, quantity, count]


def classify(site: Site) -> Amount | None:
    """The first rule's reading of the number at ``site`` (None: not a figure)."""
    for rule in RULES:
        if rule is not money and not site.n.words and _GLUED_LEFT.search(site.left()):
            return None  # "scp-173 m", "ef75": part of a name or a code
        got = rule(site)
        if got is not None:
            got.number = site.i
            return got
    return None
