"""Figures that take in their neighbours: a range's low end ("10-20%", "between $5 and $7
million": one figure on the upper end with ``range_low``/``range_high``) and the minor unit
of an amount ("thirteen dollars forty-five cents", "15 dollars and 50")."""

from __future__ import annotations

import re

from .. import numbers
from ..numbers import NumberMatch
from .context import change_before
from .kinds import Amount

__all__ = ["attach_minor", "attach_range"]

_CENTS_AFTER = re.compile(r"\s*(?:and\s+)?", re.IGNORECASE)
_MINOR_WORD = re.compile(r"\s*(?:cents?|pence|p\b)", re.IGNORECASE)
_COUNTS_SOMETHING = re.compile(r"\s*[A-Za-z]")
_JOINING = re.compile(r"\s*(?:and|or|to|in|for|a)\b", re.IGNORECASE)


def attach_minor(text: str, nums: list[NumberMatch], a: Amount) -> None:
    """ "thirteen dollars forty-five cents", "15 dollars and 50": add the minor part."""
    i = a.number
    if a.kind != "money" or a.rule != "money_suffix" or i + 1 >= len(nums):
        return
    nxt = nums[i + 1]
    if not _CENTS_AFTER.fullmatch(text, a.end, nxt.start) or not 0 < nxt.value < 100:
        return
    if nxt.value != int(nxt.value):
        return
    end = nxt.end
    word = _MINOR_WORD.match(text, end)
    if word:
        end = word.end()
    elif _COUNTS_SOMETHING.match(text, end) and not _JOINING.match(text, end):
        return  # "3 thousand dollars two hundred times": the number counts something else
    a.value += nxt.value / 100
    a.end = end
    a.absorbed.append(i + 1)


def _scale_once(low: float, a: Amount, n: NumberMatch, text: str) -> float:
    """ "5 to 7 million", "$5 to $7 million": the scale is stated once, on the high end."""
    factor = a.value / n.value if n.value else 1.0
    last_word = text[n.start : n.end].split()[-1].lower()
    word = numbers.word_values().get(last_word)
    if word and word[1] == "scale":
        factor *= word[0]
    if factor >= 1000 and abs(low) < abs(a.value) / 900:
        return low * factor
    return low


def attach_range(text: str, nums: list[NumberMatch], a: Amount,
                 by_number: dict[int, Amount]) -> None:
    """A number (or a figure of the same kind and unit) joined to ``a`` by "-", "to" or
    "between ... and" is the low end of a range."""
    i = a.number
    if i <= 0:
        return
    prev = by_number.get(i - 1)
    if prev is not None and prev.kind != "count" and (
            prev.kind != a.kind or prev.unit != a.unit):
        return
    low_start, low_end = (nums[i - 1].start, nums[i - 1].end) if prev is None else (
        prev.start, prev.end)
    join = numbers.range_join(text, low_start, low_end, a.start)
    if join != "range":
        return  # "rose from £6 to £10": a change between two figures, not a range
    if text[low_end:a.start].strip().lower() == "to" and change_before(text, low_start):
        return  # "rose 32,000 to 1.41 million": a change and a level
    low = prev.value if prev is not None else nums[i - 1].value
    if prev is None or prev.value == nums[i - 1].value:
        low = _scale_once(low, a, nums[i], text)
    a.range_low, a.range_high = low, a.value
    a.absorbed.append(i - 1)
