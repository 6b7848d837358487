"""Comparing outlets: same-story similarity, story grouping, and per-story comparison tables.

FIRST VERSION (foundation skeleton): to be built out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .loading import as_documents


def similarity(docs: Any) -> pd.DataFrame:
    """Pairwise table ``doc_a, doc_b, score`` (0..1), one row per unordered pair."""
    documents = as_documents(docs)
    rows = []
    ids = list(documents["doc_id"])
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            rows.append({"doc_a": ids[i], "doc_b": ids[j], "score": 0.0})
    return pd.DataFrame(rows, columns=["doc_a", "doc_b", "score"])


def stories(docs: Any) -> pd.DataFrame:
    """The documents table plus ``story_id`` grouping articles about the same story."""
    documents = as_documents(docs)
    documents["story_id"] = [f"s{i}" for i in range(len(documents))]
    return documents
