"""Figures: amounts, percentages, counts, quantities and dates, normalised and attributed.

FIRST VERSION (foundation skeleton): to be built out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from spacy.tokens import Doc


def from_doc(
    doc: Doc, quotes: list[dict[str, Any]], reference_date: str | None = None
) -> list[dict[str, Any]]:
    """Figure records of one parsed document (no doc_id); ``figure_id`` is local ("f1", ...)."""
    return []


def extract(docs: Any, reference_date: str | None = None) -> pd.DataFrame:
    """Figures table for ``docs``; ``reference_date`` (ISO) is used when a document has no
    ``published`` date."""
    from .pipeline import analyze

    return analyze(docs, cache=False, reference_date=reference_date).figures
