"""One table-driven resolver for what names a number's unit: currencies and units of measure,
before or after the number.

The tables are ``data/figure_currencies.csv`` (symbols, ISO codes, names and prefixes such as
``US$``, ``Mex$``, ``C$``, ``Rs.``; minor units such as cents with their divisor) and
``data/figure_units.csv`` (units of measure, temperature scales, and time units that only
divide). From them the resolver builds one prefix pattern and one suffix pattern and reads:

- a currency before the number ("US$ 5", "c $ 16.4", "€2", "MAUD 60" with M for millions);
- a currency or unit after it ("5 dollars", "30 MUSD", "50p", "12-cent", "10 km", "5ft");
- a degree with its scale as one temperature ("70 degrees f", "40 deg celsius", "100° C");
- a compound unit ("188 miles an hour", "3 metres per second", "10 tonnes a year").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..numbers import load_csv

__all__ = ["Unit", "UnitMatch", "prefix", "suffix"]


@dataclass(frozen=True)
class Unit:
    """What a number counts: ``kind`` "money" (``name`` an ISO 4217 code, ``divisor`` 100 for
    a minor unit such as cents) or "quantity" (``name`` a unit, ``dimension`` what it measures)."""

    kind: str
    name: str
    dimension: str
    divisor: float = 1.0


@dataclass(frozen=True)
class UnitMatch:
    """A unit found at ``text[start:end]``; ``multiplier``: "M" before an ISO code is millions."""

    unit: Unit
    start: int
    end: int
    multiplier: float = 1.0


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip()).lower()


def _pattern_of(surface: str) -> str:
    """Regex for a table surface: flexible spaces, and "us $" for "US$" (tokenised text)."""
    out = []
    for ch in surface:
        if ch == " ":
            out.append(r"\s+")
        elif ch == "$" and out:
            out.append(r"\s?\$")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@dataclass(frozen=True)
class _Table:
    lookup: dict[str, Unit]  # normalised surface → unit (case-sensitive ones as written)
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    scale: re.Pattern[str]  # a temperature scale after a degree word
    per: re.Pattern[str]  # the denominator of a compound unit


def _alt(patterns: list[str]) -> str:
    return "|".join(patterns) if patterns else "(?!)"


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    lookup: dict[str, Unit] = {}
    prefix, money_suffix, unit_suffix, scales, per = [], [], [], [], []
    currencies = sorted(load_csv("figure_currencies.csv"), key=lambda r: -len(r["surface"]))
    for r in currencies:
        s, exact = r["surface"], r["case_sensitive"] == "yes"
        lookup[s.replace(" ", "") if exact else _norm(s).replace(" ", "")] = Unit(
            "money", r["iso"], "currency", float(r["divisor"]))
        pat = re.escape(s) if exact else f"(?i:{_pattern_of(s)})"
        if r["position"] in ("prefix", "both"):
            prefix.append(pat)
        if r["position"] in ("suffix", "both"):
            money_suffix.append(pat)
    for r in sorted(load_csv("figure_units.csv"), key=lambda r: -len(r["surface"])):
        unit = Unit("quantity", r["unit"], r["dimension"])
        lookup.setdefault(_norm(r["surface"]).replace(" ", ""), unit)
        pat = _pattern_of(r["surface"])
        if r["dimension"] == "temperature scale":
            scales.append(pat)
        if r["attach"] == "denominator" or r["dimension"] in ("length", "weight", "volume"):
            per.append(pat)
        if r["attach"] in ("any", "attached"):
            unit_suffix.append(pat if r["attach"] == "any" else f"(?<=\\d){pat}")
    iso = "|".join(sorted({r["iso"] for r in currencies}))
    return _Table(
        lookup=lookup,
        prefix=re.compile(rf"(?<![A-Za-z])(?:(?P<mega>M)(?={iso}))?(?P<u>{_alt(prefix)})\s?$"),
        suffix=re.compile(
            rf"(?:[ \t]*|[ \t]?-[ \t]?)(?:(?:(?P<mega>M)(?={iso}))?(?P<m>{_alt(money_suffix)})"
            # "3 USD50": a currency glued to the next number is that number's prefix
            r"(?![A-Za-z])(?!\d|(?<=[^\w\s])\s?\d)"
            rf"|(?i:(?P<q>{_alt(unit_suffix)}))(?![\w°]))"),
        scale=re.compile(rf"[ \t]?(?i:(?P<s>{_alt(scales)}))(?![\w°])"),
        per=re.compile(rf"(?:\s*/\s*|\s+(?:per|an?|each)\s+)(?i:(?P<d>{_alt(per)}))(?![\w°])"),
    )


def _unit(surface: str) -> Unit | None:
    lookup = _table().lookup
    key = re.sub(r"\s+", "", surface)
    return lookup.get(key) or lookup.get(key.lower())


def prefix(text: str, start: int, floor: int = 0) -> UnitMatch | None:
    """A currency written right before the number starting at ``start`` ("US$ 5", "€2");
    nothing before ``floor`` counts."""
    left_start = max(0, start - 12, floor)
    m = _table().prefix.search(text, left_start, start)
    if m is None or m.end() != start:
        return None
    unit = _unit(m["u"])
    if unit is None:
        return None
    return UnitMatch(unit, m.start(), m.end(), 1e6 if m["mega"] else 1.0)


def _temperature(text: str, m: re.Match[str], unit: Unit) -> UnitMatch:
    """A degree word, and the scale after it when there is one ("70 degrees f")."""
    scale = _table().scale.match(text, m.end())
    if scale is not None:
        named = _unit(scale["s"])
        if named is not None:
            return UnitMatch(Unit("quantity", named.name, "temperature"), m.start("q"),
                             scale.end())
    return UnitMatch(unit, m.start("q"), m.end())


def _compound(text: str, found: UnitMatch) -> UnitMatch:
    """ "miles an hour", "metres per second", "tonnes a year", "km/h": one compound unit."""
    m = _table().per.match(text, found.end)
    if m is None or found.unit.dimension in ("age", "temperature", "degree"):
        return found
    denominator = _unit(m["d"])
    if denominator is None or denominator.name == found.unit.name:
        return found
    name = f"{found.unit.name} per {denominator.name}"
    dimension = f"{found.unit.dimension} per {denominator.dimension}"
    return UnitMatch(Unit("quantity", name, dimension), found.start, m.end())


@functools.lru_cache(maxsize=64)  # the money and quantity rules both read it: parse it once
def suffix(text: str, end: int) -> UnitMatch | None:
    """A currency or unit written right after a number ending at ``end``."""
    m = _table().suffix.match(text, end)
    if m is None:
        return None
    surface = m["m"] or m["q"]
    unit = _unit(surface)
    if unit is None:
        return None
    if m["m"]:
        start = m.start("mega") if m["mega"] else m.start("m")
        return UnitMatch(unit, start, m.end(), 1e6 if m["mega"] else 1.0)
    if unit.dimension == "temperature scale":
        unit = Unit("quantity", unit.name, "temperature")
    if unit.dimension == "degree":
        return _temperature(text, m, unit)
    return _compound(text, UnitMatch(unit, m.start("q"), m.end()))
