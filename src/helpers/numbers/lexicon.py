"""The number vocabulary: number words and scale abbreviations, read from ``src/helpers/data``.

``figure_number_words.csv`` types every word: ``unit`` (zero..nine), ``teen`` (ten..nineteen),
``ten`` (twenty..ninety), ``hundred``, ``scale`` (thousand, million, lakh, crore ...), ``dozen``,
``fraction`` (half, quarter), ``fractions`` (plural unit fractions: "thirds", "quarters"),
``vague`` ("hundreds", "dozens": a floor), ``ordinal`` (first .. billionth) and ``oh`` (the
zero of a year said in words). ``figure_scales.csv`` lists abbreviated scales ("k", "M", "bn").
"""

from __future__ import annotations

import functools
import re

from ..datafiles import rows

__all__ = ["alternation", "load_csv", "scales", "word_values"]


def load_csv(name: str) -> list[dict[str, str]]:
    """Rows of one of the kit's data files (``src/helpers/data/<name>``)."""
    return rows(name)


@functools.lru_cache(maxsize=1)
def word_values() -> dict[str, tuple[float, str]]:
    """Number word → (value, type) (the types are listed in the module docstring)."""
    return {r["word"]: (float(r["value"]), r["type"]) for r in load_csv("figure_number_words.csv")}


@functools.lru_cache(maxsize=1)
def scales() -> dict[str, tuple[float, bool]]:
    """Scale abbreviation (case-sensitive) → (multiplier, only after a currency)."""
    return {
        r["token"]: (float(r["multiplier"]), r["needs_currency"] == "yes")
        for r in load_csv("figure_scales.csv")
    }


def alternation(words: list[str]) -> str:
    """A prefix-factored regex alternation of ``words`` (a space matches any run of spaces):
    the regex engine then rejects most positions at the first character, which keeps scanning
    long texts fast."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w.lower():
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    alts = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        alts.append(piece + _trie_regex(node[ch]))
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body
