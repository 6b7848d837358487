"""Per-document work: one parse, every extractor, plain records out.

Kept in its own importable module so process pools (fork or spawn) and Dask workers can call
``process_batch`` by reference. No spaCy object leaves this module: Docs become records here.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from . import citations, entities, figures, nlp, quotes


def extract_document(doc: Doc, reference_date: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """All extractors on one parsed document; records carry no ``doc_id`` yet."""
    ents = entities.from_doc(doc)
    quote_records = quotes.from_doc(doc, ents)
    return {
        "entities": ents,
        "quotes": quote_records,
        "figures": figures.from_doc(doc, quote_records, reference_date),
        "citations": citations.from_doc(doc, ents),
    }


def process_batch(
    items: list[tuple[str, str, str | None]], model: str | None = None
) -> list[tuple[str, dict[str, list[dict[str, Any]]]]]:
    """Parse and extract ``(key, text, reference_date)`` items; returns ``(key, records)``."""
    language = nlp.load_model(model)
    out = []
    docs = nlp.parse(language, (text for _, text, _ in items))
    for (key, _, reference), doc in zip(items, docs, strict=True):
        out.append((key, extract_document(doc, reference)))
    return out
