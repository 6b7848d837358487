"""Figures: amounts, percentages, counts, quantities and dates, normalised and attributed.

Every number phrase in a text (:mod:`helpers.numbers`) is typed by what surrounds it: a
currency before or after it makes it money (ISO 4217 code in ``unit``, cents and pence turned
into major units), "%"/"percent" a percentage, a unit of measure a quantity, and anything else
a count of the noun it modifies ("four Ukrainian regions" → 4, unit "region"). Dates come from
:mod:`helpers.dates`. Hedges before a figure ("about", "more than", "up to") go to
``qualifier`` and stay out of the span; a range ("10-20%", "between $5 and $7 million") is one
figure on its upper end with ``range_low``/``range_high``; a figure right after a verb of
change ("down 3%", "rose 5 percentage points") gets ``change`` = "increase"/"decrease".

``date_value`` is TIMEX-style at the granularity the text states: relative expressions ("last
Wednesday", "this September") are resolved against the reference date, but a year the text
leaves out stays unknown ("March 28" → "XXXX-03-28"), as TIMEX annotation does; the extra column
``date_resolved`` fills that year in from the reference date as news usage implies
("2024-03-28" for an article published on 2024-04-02).

A figure inside a quote's content span is claimed by that quote's speaker. spaCy's entities
are not used to find figures (their spans swallow hedges and drop symbols); the parse is used
only for sentences and for the noun a count counts. Lexicons: ``data/figure_*.csv``.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from . import dates, numbers
from .nlp import doc_text
from .numbers import NumberMatch, load_csv

__all__ = ["from_doc", "find", "extract", "EXTRA_COLUMNS"]

#: Columns figures add after the contract's.
EXTRA_COLUMNS = {
    "range_low": "Float64",
    "range_high": "Float64",
    "change": "string",
    "date_relation": "string",
    "date_resolved": "string",
    "dimension": "string",
}


# --- lexicons ---------------------------------------------------------------------------


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip())


def _pattern_of(surface: str) -> str:
    """Regex for a lexicon surface: flexible spaces, and "us $" for "US$" (tokenised text)."""
    out = []
    for ch in surface:
        if ch == " ":
            out.append(r"\s+")
        elif ch == "$" and out:
            out.append(r"\s?\$")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _currencies() -> dict[str, Any]:
    rows = load_csv("figure_currencies.csv")
    lookup: dict[str, tuple[str, float]] = {}
    prefix, suffix = [], []
    for r in sorted(rows, key=lambda r: len(r["surface"]), reverse=True):
        s = r["surface"]
        sensitive = r["case_sensitive"] == "yes"
        key = s.replace(" ", "") if sensitive else s.lower().replace(" ", "")
        lookup[key] = (r["iso"], float(r["divisor"]))
        if sensitive:
            pat = re.escape(s)  # written exactly so: "A$", not "a $"
        else:
            pat = f"(?i:{_pattern_of(s)})"
        if r["position"] in ("prefix", "both"):
            prefix.append(pat)
        if r["position"] in ("suffix", "both"):
            suffix.append(pat)
    iso3 = sorted({r["iso"] for r in rows})
    return {
        "lookup": lookup,
        # "US$ 5", "c $ 16.4", "€2", "MAUD 60" (M = millions), "Rs. 500"
        "prefix": re.compile(
            rf"(?<![A-Za-z])(?:(?P<mega>M)(?={'|'.join(iso3)}))?(?P<cur>{'|'.join(prefix)})"
            r"\s?$"
        ),
        # "5 dollars", "420 million finnish markka", "115USD", "30 MUSD", "12-cent", "50p"
        "suffix": re.compile(
            rf"(?:[ \t]*|-)(?:(?P<mega>M)(?={'|'.join(iso3)}))?(?P<cur>{'|'.join(suffix)})"
            # "3 USD50", "1 $10": a currency glued to the next number is that number's prefix
            r"(?![A-Za-z])(?!\d|(?<=[^\w\s])\s?\d)"
        ),
    }


def _currency(surface: str) -> tuple[str, float] | None:
    lookup = _currencies()["lookup"]
    key = re.sub(r"\s+", "", surface)
    return lookup.get(key) or lookup.get(key.lower())


@functools.lru_cache(maxsize=1)
def _units() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    rows = load_csv("figure_units.csv")
    lookup = {}
    spaced, attached = [], []
    for r in sorted(rows, key=lambda r: len(r["surface"]), reverse=True):
        lookup[_norm(r["surface"].lower())] = (r["unit"], r["dimension"])
        (attached if r["attach"] == "attached" else spaced).append(_pattern_of(r["surface"]))
    pattern = re.compile(
        rf"(?:(?:[ \t]?-[ \t]?|[ \t]?)(?P<u>{'|'.join(spaced)})|(?P<ua>{'|'.join(attached)}))"
        r"(?![\w°])",
        re.IGNORECASE,
    )
    return pattern, lookup


@functools.lru_cache(maxsize=1)
def _qualifiers() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = load_csv("figure_qualifiers.csv")
    lookup = {_norm(r["phrase"].lower()): r["qualifier"] for r in rows}
    alt = "|".join(_pattern_of(p) for p in sorted(lookup, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?P<q>{alt})\s+$", re.IGNORECASE), lookup


_PERCENT = re.compile(
    r"[ \t]?(?:%|percentage\s+points?|per\s?cent(?:age)?(?:\s+points?)?\b|pct\b|percentage\b"
    r"|percents?\b)",
    re.IGNORECASE,
)
_PERCENT_PREFIX = re.compile(r"(?<![\w])(?:per\s?cents?|percents?|percentage)\s+of\s+$",
                             re.IGNORECASE)
_MINUS_WORD = re.compile(r"(?<![\w])(?:minus|negative)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<![\w])(?:between|from)\s+$", re.IGNORECASE)
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
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME = re.compile(r"(?::\d\d|\s?(?:[ap]\.?m\b\.?|o'clock\b|GMT\b|UTC\b|EST\b|EDT\b|BST\b|CET\b))",
                   re.IGNORECASE)
_CODE_LEFT = re.compile(r"(?:[A-Za-z]-?|#|\bN[Oo]\.?\s?|\bno\.\s?|\bnumber\s|\d[-:/]|\d\s-\s)$")
_CODE_RIGHT = re.compile(r"(?:[A-Za-z]|-\d|[:/]\d|\s-\s\d{3,})")
_OR_MORE = re.compile(r"\s+or\s+(?P<w>more|so|less|fewer|above|over)\b", re.IGNORECASE)
_OR_MORE_Q = {"more": "at least", "over": "at least", "above": "at least", "so": "approx",
              "less": "at most", "fewer": "at most"}
_MONEY_NEARBY = re.compile(r"[$€£¥₹]|\b(?:dollars?|euros?|pounds|yen|yuan|rupees?|francs)\b",
                           re.IGNORECASE)
_NAME_ENTITIES = frozenset({"ORG", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW",
                            "GPE", "LOC", "NORP", "LANGUAGE"})
_FRACTION_WORD = re.compile(r"\b(?:half|halves|quarters?|thirds|fourths|fifths|sixths|eighths"
                            r"|tenths)\b|-(?:thirds?|quarters?)\b", re.IGNORECASE)
_GLUED_LEFT = re.compile(r"[A-Za-z]\d*-?$")
_CENTS_AFTER = re.compile(r"^\s*(?:and\s+)?$", re.IGNORECASE)


# --- classification -----------------------------------------------------------------------


def _qualifier(text: str, start: int) -> str | None:
    pattern, lookup = _qualifiers()
    m = pattern.search(text, max(0, start - 30), start)
    if m and m.end() == start:
        return lookup.get(_norm(m["q"].lower()))
    return None


def _classify(text: str, nums: list[NumberMatch], i: int, floor: int = 0
              ) -> dict[str, Any] | None:
    """Kind, value, unit and span of number ``i`` from its surroundings (None: not a figure);
    nothing before ``floor`` (the previous figure's end) can be part of it."""
    n = nums[i]
    s, e, value = n.start, n.end, n.value
    left = text[max(0, s - 40, floor) : s]
    cur = _currencies()
    rec: dict[str, Any] = {}

    m = cur["prefix"].search(left)
    prefix = None
    if m and m.end() == len(left):
        found = _currency(m["cur"])
        if found:
            prefix = found
            s = s - len(left) + m.start()
            if m["mega"]:
                value *= 1e6
    scaled = numbers.scale_suffix(text, e, money=prefix is not None)
    if scaled is None and not n.words:
        # "77m euros", or "38m" in a sentence about money: lower-case m/b are millions and
        # billions there, metres elsewhere ("the 60m hurdles").
        loose = numbers.scale_suffix(text, e, money=True)
        if loose and (cur["suffix"].match(text, loose[1]) or _MONEY_NEARBY.search(
                text, max(0, s - 150), min(len(text), e + 150))):
            scaled = loose
    if scaled and not n.words:
        value *= scaled[0]
        e = scaled[1]
    elif scaled and n.words and scaled[1] - e > 1:
        value *= scaled[0]
        e = scaled[1]
    m = cur["suffix"].match(text, e)
    if m and (m["cur"][0].isalpha() or m.start() == m.end() - len(m["cur"]) - bool(m["mega"])
              or text[e:m.start("cur")].strip() == ""):
        found = _currency(m["cur"])
        if found and not (prefix and found[1] == 1):
            iso, divisor = found
            if m["mega"]:
                value *= 1e6
            rec = {"kind": "money", "unit": iso, "start": s, "end": m.end(),
                   "value": value / divisor}
            if divisor == 1:
                _add_minor(text, nums, i, rec)
            return rec
    if prefix is None and _GLUED_LEFT.search(left):
        return None  # "scp-173 m", "ef75": part of a name or code
    if prefix:
        return {"kind": "money", "unit": prefix[0], "start": s, "end": e,
                "value": value / prefix[1]}
    m = _PERCENT.match(text, e)
    if m:
        return {"kind": "percent", "unit": "%", "start": s, "end": m.end(), "value": value}
    m = _PERCENT_PREFIX.search(left)
    if m and m.end() == len(left):
        return {"kind": "percent", "unit": "%", "start": s - len(left) + m.start(), "end": e,
                "value": value}
    pattern, lookup = _units()
    m = pattern.match(text, e)
    if m:
        surface = m["u"] or m["ua"]
        unit, dim = lookup.get(_norm(surface.lower()), (surface.lower(), ""))
        end = m.end()
        if unit == "foot":
            inches = re.match(r"\s+(\d{1,2})\s*(?:in|inches|\")(?!\w)", text[end : end + 15])
            if inches:
                value += int(inches.group(1)) / 12
                end += inches.end()
        return {"kind": "quantity", "unit": unit, "dimension": dim, "start": s, "end": end,
                "value": value}
    if scaled:
        return {"kind": "count", "unit": None, "start": s, "end": e, "value": value}
    # Not a count: ordinals, times, codes and model numbers, years.
    right = text[e : e + 12]
    if not n.words:
        if _ORDINAL.match(right) or _TIME.match(right):
            return None
        if (_CODE_LEFT.search(left) or _CODE_RIGHT.match(right)) and not _count_range(
                text, nums, i):
            return None  # "F16", "No 10", "555-1234", the score "2-1"
        if re.fullmatch(r"[12]\d{3}", n.digits or ""):
            return None
    if re.search(r"\baged\s+$", left, re.IGNORECASE):
        return {"kind": "quantity", "unit": "year (age)", "dimension": "age", "start": s,
                "end": e, "value": value}
    return {"kind": "count", "unit": None, "start": s, "end": e, "value": value}


def _count_range(text: str, nums: list[NumberMatch], i: int) -> bool:
    """True when number ``i`` is an end of a range of counts ("10-20 people"): two plain numbers
    joined by a hyphen, the first smaller, and no third number glued on (a phone number or a
    date) -- a score ("won 2-1") has the larger number first or names a result."""
    for a, b in ((i, i + 1), (i - 1, i)):
        if a < 0 or b >= len(nums):
            continue
        low, high = nums[a], nums[b]
        if not re.fullmatch(r"\s*[-–]\s*", text[low.end : high.start]):
            continue
        if re.match(r"\s*[-–/:]\s*\d", text[high.end : high.end + 3]) or (
                low.start > 0 and text[low.start - 1] in "-–/:"):
            return False
        if len(low.digits) == 3 and len(high.digits) == 4:
            return False  # "555-1234": a phone number
        if re.search(r"\b(?:won|win|beat|lost|lose|drew|draw|score[sd]?|led|lead|victory|defeat)"
                     r"\s+(?:\w+\s+){0,2}$", text[max(0, low.start - 30) : low.start], re.I):
            return False
        return low.value < high.value
    return False


def _add_minor(text: str, nums: list[NumberMatch], i: int, rec: dict[str, Any]) -> None:
    """"thirteen dollars forty-five cents", "15 dollars and 50": the minor part."""
    if i + 1 >= len(nums):
        return
    nxt = nums[i + 1]
    if not _CENTS_AFTER.match(text[rec["end"] : nxt.start]) or not 0 < nxt.value < 100:
        return
    if nxt.value != int(nxt.value):
        return
    end = nxt.end
    m = re.match(r"\s*(?:cents?|pence|p\b)", text[end : end + 8], re.IGNORECASE)
    tail = text[end : end + 12]
    if m:
        end += m.end()
    elif re.match(r"\s*[A-Za-z]", tail) and not re.match(r"\s*(?:and|or|to|in|for|a)\b", tail):
        return  # "3 thousand dollars two hundred times": the number counts something else
    rec["value"] += nxt.value / 100
    rec["end"] = end
    rec["_consumed"] = i + 1


def _attach_range(text: str, nums: list[NumberMatch], i: int, rec: dict[str, Any],
                  recs: dict[int, dict[str, Any]]) -> None:
    """A bare number joined to this figure by "-", "to" or "between … and" is its low end."""
    if i == 0:
        return
    prev = nums[i - 1]
    prev_rec = recs.get(i - 1)
    if prev_rec is not None and prev_rec["kind"] != "count":
        # "$5 to $7 million": a currency on both ends; the low end's scale comes from the high.
        if prev_rec["kind"] != rec["kind"] or prev_rec.get("unit") != rec.get("unit"):
            return
    join = text[prev.end if prev_rec is None else prev_rec["end"] : rec["start"]]
    if not _RANGE_JOIN.match(join):
        return
    word = join.strip().lower()
    between = _BETWEEN.search(text[max(0, prev.start - 12) : max(0, prev.start - 1)] + " ")
    if word == "and" and not (between and between.group().lower().startswith("between")):
        return
    if between and between.group().lower().startswith("from"):
        return  # "rose from £6 to £10": a change between two figures, not a range
    if word == "to":
        # "rose 32,000 to 1.41 million", "fell 65 cents to $14.35": a change and a level
        start = prev.start if prev_rec is None else prev_rec["start"]
        ch = _CHANGE.search(text, max(0, start - 40), start)
        if ch and ch.end() == start:
            return
    low = prev.value if prev_rec is None else prev_rec["value"]
    factor = rec["value"] / nums[i].value if nums[i].value else 1.0
    last_word = text[nums[i].start : nums[i].end].split()[-1].lower()
    word = numbers.word_values().get(last_word)
    if word and word[1] == "scale":
        factor *= word[0]
    if factor >= 1000 and low == prev.value and abs(low) < abs(rec["value"]) / 900:
        low *= factor  # "5 to 7 million", "$5 to $7 million": the scale is stated once
    rec["range_low"] = low
    rec["range_high"] = rec["value"]
    rec["_range_of"] = i - 1


def find(text: str, reference_date: str | None = None) -> list[dict[str, Any]]:
    """Figure records of one text (no sentence, unit lemma or attribution: see ``from_doc``)."""
    return _find(text, reference_date, None, [])


def _find(text: str, reference_date: str | None, doc: Doc | None,
          quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tense = dates.doc_tense(doc) if doc is not None else None
    found_dates = dates.find(text, reference_date, tense)
    nums = numbers.scan(text)
    recs: dict[int, dict[str, Any]] = {}
    floor = 0
    for i in range(len(nums)):
        if nums[i].start < floor:
            continue
        rec = _classify(text, nums, i, floor)
        if rec is not None and not math.isfinite(rec["value"]):
            rec = None  # "1e309"-sized digit strings overflow a float: not a usable figure
        if rec is not None:
            recs[i] = rec
            floor = rec["end"]
    # Ranges and minor units absorb their neighbours.
    for i in sorted(recs):
        _attach_range(text, nums, i, recs[i], recs)
    dropped = set()
    for rec in recs.values():
        if "_consumed" in rec:
            dropped.add(rec["_consumed"])
        if "_range_of" in rec:
            dropped.add(rec["_range_of"])
    out: list[dict[str, Any]] = []
    strong_spans = [(d.start, d.end) for d in found_dates if not d.weak]
    typed_spans = []
    for i, rec in sorted(recs.items()):
        if i in dropped:
            continue
        s, e = rec["start"], rec["end"]
        if any(s < de and ds < e for ds, de in strong_spans):
            continue
        if rec["kind"] == "count" and any(
            s < d.end and d.start < e for d in found_dates
        ):
            continue
        if rec["kind"] != "count":
            typed_spans.append((s, e))
        n = nums[i]
        # "minus five percent"
        mm = _MINUS_WORD.search(text, max(0, s - 12), s)
        if mm and mm.end() == s and rec["value"] > 0:
            rec["start"] = s = mm.start()
            rec["value"] = -rec["value"]
        qualifier = _qualifier(text, s)
        tail = _OR_MORE.match(text, rec["end"])
        if qualifier is None and tail:
            qualifier = _OR_MORE_Q[tail["w"].lower()]
        if qualifier is None and n.vague:
            qualifier = "at least"
        rec["qualifier"] = qualifier
        ch = _CHANGE.search(text, max(0, s - 40), s)
        if ch and ch.end() == s and rec["kind"] in ("money", "percent", "count", "quantity"):
            rec["change"] = "decrease" if _DOWN.match(ch["verb"]) else "increase"
        if rec["kind"] == "count":
            surface = text[n.start : n.end]
            if n.words and (abs(rec["value"]) < 1 and _FRACTION_WORD.search(surface)
                            or rec["value"] == 1 and re.match(r"-[A-Za-z]", text[n.end :])):
                continue  # "a quarter", "two-thirds of", "one-way": proportions and modifiers
            if doc is not None:
                unit, keep = _counted(doc, n, text)
                if not keep:
                    continue
                rec["unit"] = unit
            elif n.words and text[n.start : n.end].lower() == "one":
                continue
        out.append(rec)
    for d in found_dates:
        if d.weak and any(d.start < e and s < d.end for s, e in typed_spans):
            continue
        out.append({"kind": "date", "start": d.start, "end": d.end, "value": None,
                    "unit": None, "qualifier": "approx" if d.relation == "approx" else None,
                    "date_value": d.written, "date_modifier": d.modifier,
                    "date_relation": d.relation, "date_resolved": d.value})
    out.sort(key=lambda r: (r["start"], r["end"]))
    sentences = _sentence_index(doc) if doc is not None and out else None
    records = []
    for k, rec in enumerate(out, start=1):
        s, e = rec["start"], rec["end"]
        quote = _quote_for(quotes, s, e)
        records.append({
            "figure_id": f"f{k}",
            "kind": rec["kind"],
            "surface": text[s:e],
            "start": s,
            "end": e,
            "value": _tidy(rec.get("value")),
            "unit": rec.get("unit"),
            "qualifier": rec.get("qualifier"),
            "date_value": rec.get("date_value"),
            "date_modifier": rec.get("date_modifier"),
            "sentence": _sentence(sentences, s) if sentences else None,
            "claimed_by": _speaker(quote) if quote else None,
            "quote_id": quote.get("quote_id") if quote else None,
            "range_low": _tidy(rec.get("range_low")),
            "range_high": _tidy(rec.get("range_high")),
            "change": rec.get("change"),
            "date_relation": rec.get("date_relation"),
            "date_resolved": rec.get("date_resolved"),
            "dimension": rec.get("dimension") or None,
        })
    return records


def _tidy(value: float | None) -> float | None:
    """15 significant digits: 8.2 × 1e9 is 8200000000.0, not 8199999999.999999."""
    if value is None or not math.isfinite(float(value)):
        return None
    return float(f"{float(value):.15g}")


# --- the parse: counted nouns, sentences, quotes -------------------------------------------


def _counted(doc: Doc, n: NumberMatch, text: str) -> tuple[str | None, bool]:
    """(lemma of the counted noun, keep?) for a count; a lone "one" that counts nothing (the
    pronoun: "the one you mentioned", "one of them") is dropped."""
    span = doc.char_span(n.start, n.end, alignment_mode="expand")
    if span is None or not len(span):
        return None, True
    tok = span[-1]
    if tok.ent_type_ in _NAME_ENTITIES:
        return None, False  # "Radio 4", "FTSE 100", "the Guildford Four": part of a name
    noun = None
    if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.i > tok.i and \
            tok.head.pos_ in ("NOUN", "PROPN"):
        noun = tok.head
    elif tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "NOUN" and doc[tok.i + 1].tag_ != "NN" \
            or tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "NOUN" and n.value == 1:
        noun = doc[tok.i + 1]
    elif n.vague and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
        # "dozens of homes", "hundreds of thousands of people"
        k = tok.i + 2
        while k < len(doc) and doc[k].pos_ in ("ADJ", "DET", "NUM", "ADP") and k < tok.i + 6:
            k += 1
        if k < len(doc) and doc[k].pos_ == "NOUN":
            noun = doc[k]
    if text[n.start : n.end].lower() == "one" and noun is None:
        return None, False
    if noun is None:
        return None, True
    if noun.lower_ in ("%", "percent"):
        return None, True
    return noun.lemma_.lower(), True


def _sentence_index(doc: Doc) -> tuple[list[int], str]:
    """Character offsets where sentences start (read from arrays: iterating ``doc.sents``
    builds a Python object per token, which costs more than finding the figures)."""
    if not len(doc):
        return [0], doc_text(doc)
    arr = doc.to_array([IDX, SENT_START])
    starts = [0] + arr[1:, 0][arr[1:, 1] == 1].tolist()
    return starts, doc_text(doc)


#: Longest ``sentence`` value; a run-on "sentence" (a text without sentence breaks) is cut to a
#: window around the figure, so each figure does not copy (and keep) the whole text.
_MAX_SENTENCE = 1000


def _sentence(index: tuple[list[int], str], start: int) -> str | None:
    starts, text = index
    k = bisect.bisect_right(starts, start) - 1
    if k < 0:
        return None
    begin, end = starts[k], starts[k + 1] if k + 1 < len(starts) else len(text)
    if end - begin > _MAX_SENTENCE:
        begin = max(begin, start - _MAX_SENTENCE // 2)
        end = min(end, begin + _MAX_SENTENCE)
    return text[begin:end].strip() or None


def _quote_for(quotes: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    """The innermost quote whose content span contains ``[start, end)``."""
    best = None
    for q in quotes:
        cs, ce = q.get("content_start"), q.get("content_end")
        if cs is None or ce is None or pd.isna(cs) or pd.isna(ce):
            continue
        if cs <= start and end <= ce and (best is None or ce - cs < best[1] - best[0]):
            best = (cs, ce, q)
    return best[2] if best else None


def _speaker(quote: dict[str, Any]) -> str | None:
    for key in ("speaker_canonical", "speaker"):
        v = quote.get(key)
        if v is not None and not (isinstance(v, float) and pd.isna(v)) and v is not pd.NA:
            return str(v)
    return None


def from_doc(
    doc: Doc, quotes: list[dict[str, Any]], reference_date: str | None = None
) -> list[dict[str, Any]]:
    """Figure records of one parsed document (no doc_id); ``figure_id`` is local ("f1", ...)."""
    return _find(doc_text(doc), reference_date, doc, list(quotes or []))


def extract(docs: Any, reference_date: str | None = None) -> pd.DataFrame:
    """Figures table for ``docs``; ``reference_date`` (ISO) is used when a document has no
    ``published`` date."""
    from .pipeline import analyze

    return analyze(docs, cache=False, reference_date=reference_date).figures


def records_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Figure records (with ``doc_id``) → the figures table with the extra columns."""
    from .schema import frame

    return frame(list(records), "figures", extra=EXTRA_COLUMNS)
