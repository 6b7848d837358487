"""Cited media and documents ("according to The New York Times", "a Bloomberg report").

FIRST VERSION (foundation skeleton): to be built out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from spacy.tokens import Doc


def from_doc(doc: Doc, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Citation records of one parsed document (no doc_id)."""
    return []


def extract(docs: Any) -> pd.DataFrame:
    """Cited-media table for ``docs`` (str, strings, or documents table)."""
    from .pipeline import analyze

    return analyze(docs, cache=False).citations
