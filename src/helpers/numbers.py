"""Numbers as written in the news: digits, number words, scales and fractions → values.

``scan(text)`` finds every number phrase in a text ("75 million", "two and a half",
"4 thousand 3 hundred and 21", "half a million", "1,674,200.5") with its character span and
value; ``parse_number(phrase)`` is the same parser on one phrase. The vocabulary (number words,
scale words and abbreviations) lives in ``data/figure_number_words.csv`` and
``data/figure_scales.csv``.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "NumberMatch", "alternation", "load_csv", "parse_number", "scale_suffix", "scales", "scan",
    "word_values",
]


def load_csv(name: str) -> list[dict[str, str]]:
    """Rows of one of the kit's data files (``src/helpers/data/<name>``)."""
    text = resources.files("helpers").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@functools.lru_cache(maxsize=1)
def word_values() -> dict[str, tuple[float, str]]:
    """Number word → (value, type); types: unit, teen, ten, hundred, scale, dozen, fraction(s),
    vague."""
    return {r["word"]: (float(r["value"]), r["type"]) for r in load_csv("figure_number_words.csv")}


@functools.lru_cache(maxsize=1)
def scales() -> dict[str, tuple[float, bool]]:
    """Scale abbreviation (case-sensitive) → (multiplier, only after a currency)."""
    return {
        r["token"]: (float(r["multiplier"]), r["needs_currency"] == "yes")
        for r in load_csv("figure_scales.csv")
    }


@dataclass
class NumberMatch:
    """One number phrase: ``text[start:end]`` has value ``value``."""

    start: int
    end: int
    value: float
    words: bool = False  # written (at least partly) in words
    vague: bool = False  # "hundreds of", "dozens of": a floor, not an exact value
    digits: str = ""  # the digit string when the phrase is a bare digit number


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


@functools.lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    word_alt = alternation(list(word_values()))
    return re.compile(
        r"(?P<frac>(?<![\w./])[1-9]/(?:[2-9]|1[0-6])(?![\w/])|[½¼¾⅓⅔⅛])"
        r"|(?P<digits>(?-i:(?<![a-z\d_.,]))(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\.\d)|(?<![\w.,])\.\d+)"
        rf"|(?P<word>\b(?:{word_alt})\b)"
        r"|(?P<point>\bpoint\b)|(?P<and>\band\b)|(?P<a>\ba\b)|(?P<sign>\b(?:minus|negative)\b)"
        r"|(?P<of>\bof\b)",
        re.IGNORECASE,
    )


# Between two tokens of one number: spaces, or a hyphen ("twenty-one", "ninety - five").
_GAP = re.compile(r"[ \t]*(?:-[ \t]*)?|[ \t]+")


@dataclass
class _Tok:
    kind: str  # digits, unit, teen, ten, hundred, scale, dozen, fraction, fractions, vague,
    # point, and, a, sign, of
    value: float
    start: int
    end: int
    text: str


_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _token_re().finditer(text):
        kind = m.lastgroup or ""
        s = m.group()
        if kind == "digits":
            out.append(_Tok("digits", float(s.replace(",", "")), m.start(), m.end(), s))
        elif kind == "frac":
            a, _, b = s.partition("/")
            if b and int(a) >= int(b):  # "7/6" is a date or a score, not a fraction
                out.append(_Tok("digits", float(a), m.start(), m.start() + len(a), a))
                out.append(_Tok("digits", float(b), m.end() - len(b), m.end(), b))
                continue
            value = float(a) / float(b) if b else _VULGAR[s]
            out.append(_Tok("digits", value, m.start(), m.end(), s))
        elif kind == "word":
            value, wtype = word_values()[s.lower()]
            out.append(_Tok(wtype, value, m.start(), m.end(), s))
        else:
            out.append(_Tok(kind, 0.0, m.start(), m.end(), s))
    return out


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    """True when only a number-internal gap separates two tokens."""
    gap = text[a.end : b.start]
    if not gap:
        return a.kind != "digits" or b.kind != "digits"
    if "\n" in gap or len(gap) > 4:
        return False
    if "-" in gap and a.kind == "digits" and b.kind == "digits":
        return False  # "10-20" is a range, not one number
    return bool(_GAP.fullmatch(gap))


_NUMERIC = {"digits", "unit", "teen", "ten"}


def _parse(toks: list[_Tok], joined: list[bool], i: int) -> tuple[float, int, bool] | None:
    """Longest number starting at token ``i``: (value, index after it, vague) or None."""
    n = len(toks)
    sign = 1.0
    j = i
    if toks[j].kind == "sign":
        sign = -1.0
        j += 1
    total = 0.0
    current = 0.0  # the group being built (below the last scale)
    have = False  # any numeric content yet
    open_slot = float("inf")  # the group accepts an addend below this
    last = ""  # kind of the previous meaningful token
    last_scale = 0.0
    frac_in_group = False
    best: tuple[float, int, bool] | None = None
    decimal = False  # a digit token with a decimal point or separators was used
    before_addend: tuple[float, int, bool] | None = None
    before_and: tuple[float, int, bool] | None = None
    vague = False

    def commit(k: int) -> None:
        nonlocal best
        value = total + (current * last_scale if frac_in_group and last_scale else current)
        best = (sign * value, k, vague)

    while j < n:
        if j > i and not joined[j - 1]:
            break
        t = toks[j]
        k = t.kind
        if k in ("and", "a", "of", "point") and j + 1 >= n:
            break
        if k == "and":
            # "hundred and sixty", "two and a half", "6 crore and two hundred"
            if not have or toks[j + 1].kind not in _NUMERIC | {"a", "fraction", "hundred"}:
                break
            if last in ("unit", "teen", "ten", "digits") and last_scale == 0 and current >= 1:
                # "two and a half" only; "three and four" is two numbers
                if not (toks[j + 1].kind == "a" or toks[j + 1].kind == "fraction"):
                    break
            before_and = best
            j += 1
            continue
        if k == "a":
            # "a dozen", "a hundred", "a million", "half a million", "a half"
            nxt = toks[j + 1].kind if j + 1 < n else ""
            if nxt not in ("dozen", "hundred", "scale", "fraction"):
                break
            if not have and nxt != "fraction":
                current, have, open_slot = 1.0, True, 0.0
                last = "unit"
            j += 1
            continue
        if k == "point":
            if not have or frac_in_group or last in ("point",):
                break
            digits = ""
            m = j + 1
            while m < n and toks[m].kind in ("unit", "teen", "ten"):
                if m > j + 1 and not joined[m - 1]:
                    break
                v = toks[m].value
                if toks[m].kind == "ten" and m + 1 < n and toks[m + 1].kind == "unit" \
                        and joined[m] and toks[m + 1].value > 0:
                    v += toks[m + 1].value
                    m += 1
                digits += str(int(v))
                m += 1
            if not digits:
                break
            current += float("0." + digits)
            j = m
            commit(j)
            break
        if k in _NUMERIC and have:
            before_addend = best if toks[j - 1].kind != "and" else before_and
        if k == "digits":
            # After a scale only a small plain integer continues the number ("4 thousand 3
            # hundred and 21"); "$1.2 billion and 3,400 troops" is two figures.
            if have and not (last in ("hundred", "scale", "and") and t.value < open_slot
                             and t.value < 1000 and t.text.isdigit() and not decimal):
                break
            decimal = decimal or not t.text.isdigit()
            current += t.value
            have = True
            open_slot = 0.0
            last = "digits"
        elif k in ("unit", "teen", "ten"):
            if have and t.value >= open_slot:
                break
            if have and last == "digits":
                break
            current += t.value
            have = True
            open_slot = 10.0 if k == "ten" else 0.0
            last = k
        elif k == "hundred":
            if current >= 100 or frac_in_group:
                # "3 hundred and 2 hundred": the addend starts a new number
                if last in ("unit", "teen", "ten", "digits") and before_addend is not None:
                    best = before_addend
                break
            current = (current or 1.0) * 100
            have = True
            open_slot = 100.0
            last = "hundred"
        elif k == "scale":
            if not have:
                break
            if current == 0 and total and t.value > last_scale:
                total *= t.value  # "three lakh crore"
            elif current and (not last_scale or t.value < last_scale):
                total += current * t.value
                current = 0.0
                frac_in_group = False
            else:
                break
            last_scale = t.value
            open_slot = t.value
            last = "scale"
        elif k == "dozen":
            current = (current or 1.0) * 12
            have = True
            open_slot = 0.0
            last = "dozen"
        elif k == "fraction":
            # "half", "quarter": "two and a half", "half a million", "quarter million"
            if have and last not in ("and", "a", "scale", "unit") and last_scale == 0:
                break
            if have and last == "unit" and toks[j - 1].kind != "a":
                if toks[j - 1].value != 1:
                    break  # "three quarter" is odd
                current -= 1.0  # "one half" is "a half"
            current += t.value
            frac_in_group = True
            have = True
            open_slot = 0.0
            last = "fraction"
        elif k == "fractions":
            # "three quarters", "three fifths": numerator × unit fraction
            if not have or last not in ("unit", "teen", "ten", "digits") or current >= 20:
                break
            group = current
            current = group * t.value
            frac_in_group = True
            open_slot = 0.0
            last = "fraction"
        elif k == "vague":
            # "hundreds of", "tens of thousands of": a floor
            if have:
                break
            current = t.value
            have = True
            vague = True
            if j + 2 < n and toks[j + 1].kind == "of" and toks[j + 2].kind == "vague" \
                    and toks[j + 2].value > t.value:
                current = t.value * toks[j + 2].value
                j += 2
            commit(j + 1)
            break
        else:
            break
        j += 1
        commit(j)
    if best is not None and best[1] > i and toks[best[1] - 1].kind in ("sign",):
        return None
    return best


def scan(text: str) -> list[NumberMatch]:
    """Every number phrase in ``text``, left to right, non-overlapping."""
    toks = _tokens(text)
    joined = [_joined(text, a, b) for a, b in zip(toks, toks[1:], strict=False)] + [False]
    out: list[NumberMatch] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.kind in ("and", "point", "of"):
            i += 1
            continue
        if t.kind == "sign" and not (i + 1 < n and joined[i]):
            i += 1
            continue
        parsed = _parse(toks, joined, i)
        if parsed is None:
            i += 1
            continue
        value, end, vague = parsed
        start = t.start
        # A directly attached minus sign ("-9.23") belongs to the number.
        if toks[i].kind == "digits" and start > 0 and text[start - 1] in "-−" and (
            start < 2 or not (text[start - 2].isalnum())
        ) and not re.search(r"\d\s*$", text[max(0, start - 12) : start - 1]):
            start -= 1
            value = -value
        words = any(toks[m].kind != "digits" for m in range(i, end))
        digits = toks[i].text if end == i + 1 and toks[i].kind == "digits" else ""
        out.append(NumberMatch(start, toks[end - 1].end, value, words, vague, digits))
        i = end
    return out


@functools.lru_cache(maxsize=4)
def _scale_re(money: bool) -> re.Pattern[str]:
    attached = [t for t, (_, cur) in scales().items() if money or not cur]
    spaced = [t for t in attached if len(t) > 1 or t in "kK"]
    alt_a = "|".join(re.escape(t) for t in sorted(attached, key=len, reverse=True))
    alt_s = "|".join(re.escape(t) for t in sorted(spaced, key=len, reverse=True))
    return re.compile(rf"(?:(?P<a>{alt_a})|[ \t](?P<s>{alt_s}))(?![\w$€£¥])")


def scale_suffix(text: str, pos: int, money: bool = False) -> tuple[float, int] | None:
    """An abbreviated scale right after a number ending at ``pos`` ("10M", "2.33 k",
    "$5bn"; lower-case "m"/"b" only when ``money``): (multiplier, end) or None."""
    m = _scale_re(money).match(text, pos)
    if not m:
        return None
    token = m.group("a") or m.group("s")
    return scales()[token][0], m.end()


def parse_number(phrase: str) -> float | None:
    """Value of a whole number phrase ("two and a half million" → 2500000.0), or None when the
    phrase is not exactly one number."""
    found = scan(phrase.strip())
    if len(found) != 1:
        return None
    m = found[0]
    if m.start != 0 or m.end != len(phrase.strip()):
        return None
    return m.value


def as_dict(m: NumberMatch) -> dict[str, Any]:
    """A plain record of a match (for tests and debugging)."""
    return {"start": m.start, "end": m.end, "value": m.value, "words": m.words, "vague": m.vague}
