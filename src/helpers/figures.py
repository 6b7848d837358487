"""Figures: amounts, percentages, counts, quantities and dates, normalised and attributed.

Every number phrase in a text (:mod:`helpers.numbers`) is typed by the rules of
:mod:`helpers.amounts`: a currency before or after it makes it money (ISO 4217 code in
``unit``, cents and pence turned into major units), a stated percentage ("%", "percent",
"percentage points") a percent, a unit of measure a quantity, and anything else a count of the
noun it modifies ("four Ukrainian regions" → 4, unit "region"), unless the parse shows it is
part of a name, an address or a score. Dates come from :mod:`helpers.dates`. Hedges before a
figure ("about", "more than", "up to") go to ``qualifier`` and stay out of the span; a range
("10-20%", "between $5 and $7 million") is one figure on its upper end with
``range_low``/``range_high``; a figure right after a verb of change ("down 3%", "rose 5
percentage points") gets ``change`` = "increase"/"decrease".

``date_value`` is TIMEX-style at the granularity the text states: relative expressions ("last
Wednesday", "this September") are resolved against the reference date, but a year the text
leaves out stays unknown ("March 28" → "XXXX-03-28"), as TIMEX annotation does; the extra column
``date_resolved`` fills that year in as news usage implies: by the tense of the sentence and the
publication date ("2024-03-28" for an article published on 2024-04-02).

A figure inside a quote's content span is claimed by that quote's speaker. spaCy's entities
are not used to find figures (their spans swallow hedges and drop symbols); the parse is used
for sentences, the tense a date is read in, and what a count counts. Lexicons:
``data/figure_*.csv``. ``rule`` (an extra column) names the rule that made each row.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd
from spacy.tokens import Doc

from . import amounts, dates
from .amounts.counts import counted
from .nlp import doc_text, sentence_starts, token_starts

__all__ = ["from_doc", "find", "extract", "EXTRA_COLUMNS"]

#: Columns figures add after the contract's.
EXTRA_COLUMNS = {
    "range_low": "Float64",
    "range_high": "Float64",
    "change": "string",
    "date_relation": "string",
    "date_resolved": "string",
    "dimension": "string",
    "rule": "string",
}


def find(text: str, reference_date: str | None = None) -> list[dict[str, Any]]:
    """Figure records of one text (no sentence, unit lemma or attribution: see ``from_doc``)."""
    return _find(text, reference_date, None, [])


_ONE_HYPHEN = re.compile(r"-[A-Za-z]")


def _covered(text: str, spans: Iterable[tuple[int, int]]) -> bytearray:
    """The characters of ``text`` inside any of ``spans``: an overlap test is then one
    ``find`` instead of a loop over every span."""
    mask = bytearray(len(text))
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _overlaps(a: Any, covered: bytearray) -> bool:
    """Whether the (non-empty) span of ``a`` shares a character with the covered ones."""
    return covered.find(1, a.start, a.end) != -1


def _keep(text: str, a: amounts.Amount, n: Any, doc: Doc | None) -> bool:
    """Whether a count counts something (and set what, from the parse)."""
    if a.kind != "count":
        return True
    if n.words and a.value == 1 and _ONE_HYPHEN.match(text, n.end):
        return False  # "one-way", "one-off": a modifier
    if doc is None:
        return not (n.words and text[n.start : n.end].lower() == "one")
    verdict = counted(doc, n, text)
    a.unit = verdict.lemma
    return verdict.keep


def _amount_records(text: str, doc: Doc | None, found_dates: list[Any]) -> list[dict[str, Any]]:
    found, nums = amounts.find(text)
    strong = _covered(text, ((d.start, d.end) for d in found_dates if not d.weak))
    every = _covered(text, ((d.start, d.end) for d in found_dates))
    out = []
    for a in found:
        if _overlaps(a, strong) or (a.kind == "count" and _overlaps(a, every)):
            continue  # a date's day, year or number: part of the date
        if not _keep(text, a, nums[a.number], doc):
            continue
        out.append({"kind": a.kind, "start": a.start, "end": a.end, "value": a.value,
                    "unit": a.unit, "qualifier": a.qualifier, "range_low": a.range_low,
                    "range_high": a.range_high, "change": a.change, "dimension": a.dimension,
                    "rule": a.rule})
    return out


def _date_records(found_dates: list[Any], typed: bytearray) -> list[dict[str, Any]]:
    out = []
    for d in found_dates:
        if d.weak and _overlaps(d, typed):
            continue  # "7/6" read as a fraction of money, "2015" as an amount
        out.append({"kind": "date", "start": d.start, "end": d.end, "value": None,
                    "unit": None, "qualifier": "approx" if d.relation == "approx" else None,
                    "date_value": d.written, "date_modifier": d.modifier,
                    "date_relation": d.relation, "date_resolved": d.value,
                    "rule": f"date:{d.rule}"})
    return out


def _find(text: str, reference_date: str | None, doc: Doc | None,
          quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tense = dates.doc_tense(doc) if doc is not None else None
    found_dates = dates.find(text, reference_date, tense)
    recs = _amount_records(text, doc, found_dates)
    typed = _covered(text, ((r["start"], r["end"]) for r in recs if r["kind"] != "count"))
    recs += _date_records(found_dates, typed)
    recs.sort(key=lambda r: (r["start"], r["end"]))
    sentences = _sentence_index(doc) if doc is not None and recs else None
    spans = _quote_spans(quotes)
    return [_record(k, rec, text, sentences, spans) for k, rec in enumerate(recs, start=1)]


def _record(k: int, rec: dict[str, Any], text: str, sentences: Any,
            quotes: list[tuple[Any, Any, dict[str, Any]]]) -> dict[str, Any]:
    s, e = rec["start"], rec["end"]
    quote = _quote_for(quotes, s, e)
    return {
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
        "rule": rec.get("rule") or None,
    }


def _tidy(value: float | None) -> float | None:
    """15 significant digits: 8.2 × 1e9 is 8200000000.0, not 8199999999.999999."""
    if value is None or not math.isfinite(float(value)):
        return None
    return float(f"{float(value):.15g}")


# --- sentences and quotes ------------------------------------------------------------


def _sentence_index(doc: Doc) -> tuple[list[int], str]:
    """Character offsets where sentences start (read from arrays: iterating ``doc.sents``
    builds a Python object per token, which costs more than finding the figures)."""
    if not len(doc):
        return [0], doc_text(doc)
    idx = token_starts(doc)
    return [0] + [idx[i] for i in sentence_starts(doc) if i > 0], doc_text(doc)


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


def _quote_spans(quotes: list[dict[str, Any]]) -> list[tuple[Any, Any, dict[str, Any]]]:
    """``(content_start, content_end, quote)`` of the quotes that have a content span, in order
    (read once per document, not once per figure)."""
    out = []
    for q in quotes:
        cs, ce = q.get("content_start"), q.get("content_end")
        if cs is None or ce is None or pd.isna(cs) or pd.isna(ce):
            continue
        out.append((cs, ce, q))
    return out


def _quote_for(quotes: list[tuple[Any, Any, dict[str, Any]]], start: int, end: int
               ) -> dict[str, Any] | None:
    """The innermost quote (of :func:`_quote_spans`) whose content span contains
    ``[start, end)``."""
    best = None
    for cs, ce, q in quotes:
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
    from .registry import extract_table

    return extract_table("figures", docs, reference_date=reference_date)


def records_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Figure records (with ``doc_id``) → the figures table with the extra columns."""
    from .schema import frame

    return frame(list(records), "figures", extra=EXTRA_COLUMNS)
