"""Amounts: every number in a text typed as money, percent, quantity or count.

``find(text)`` scans the numbers (:mod:`helpers.numbers`), types each by the rules of
:mod:`.kinds` (units and currencies from the resolver in :mod:`.units`), lets ranges and minor
units take in their neighbours (:mod:`.ranges`) and reads hedges and changes around each
(:mod:`.context`). What a count counts, and which numbers only name something (a team, an
address, a score), needs the parse: see :mod:`.counts`.
"""

from __future__ import annotations

import math

from .. import numbers
from .context import annotate
from .kinds import Amount, Site, classify
from .ranges import attach_minor, attach_range

__all__ = ["Amount", "find"]


def find(text: str) -> tuple[list[Amount], list[numbers.NumberMatch]]:
    """The amounts of ``text`` in order, and the numbers they were read from."""
    nums = numbers.scan(text)
    by_number: dict[int, Amount] = {}
    floor = 0
    for i, n in enumerate(nums):
        if n.start < floor:
            continue
        a = classify(Site(text, nums, i, floor))
        if a is None or not math.isfinite(a.value):
            continue  # "1e309"-sized digit strings overflow a float: not a usable figure
        by_number[i] = a
        floor = a.end
    for a in by_number.values():
        attach_minor(text, nums, a)
    for i in sorted(by_number):
        attach_range(text, nums, by_number[i], by_number)
    absorbed = {k for a in by_number.values() for k in a.absorbed}
    out = [a for i, a in sorted(by_number.items()) if i not in absorbed]
    for a in out:
        annotate(text, a, nums[a.number].vague)
    return out, nums
