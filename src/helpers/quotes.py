"""Quotes: direct, indirect and mixed attributions with resolved speakers.

FIRST VERSION (foundation skeleton): to be built out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from spacy.tokens import Doc


def from_doc(doc: Doc, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote records of one parsed document (no doc_id); ``quote_id`` is local ("q1", ...)."""
    return []


def extract(docs: Any) -> pd.DataFrame:
    """Quotes table for ``docs`` (str, strings, or documents table)."""
    from .pipeline import analyze

    return analyze(docs, cache=False).quotes
