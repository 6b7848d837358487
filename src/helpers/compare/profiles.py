"""PLACEHOLDER (branch ``storyscale``): the story profiles of issue 14, simplest version.

The real module belongs to the ``storysim`` branch and replaces this file at merge; only the
interface below is relied on elsewhere (:class:`StoryProfiles` with ``doc_ids``, ``terms``,
``published``; :func:`build_profiles`). Here ``terms`` are the background-weighted unit
vectors of :func:`.matching.vector`, hashed into a fixed number of columns.
"""

from __future__ import annotations

import zlib
from array import array
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .matching import _text_of, vector
from .published import of_documents

#: Hashed vocabulary width (2^24 columns: collisions between two articles' terms are rare).
N_COLUMNS = 1 << 24


@dataclass(frozen=True)
class StoryProfiles:
    """What the scorer needs of each article, row ``i`` for ``doc_ids[i]``."""

    doc_ids: list[str]
    terms: sp.csr_matrix  # (n, N_COLUMNS), rows L2-normalised: cosine = dot
    published: np.ndarray  # float64 days since 1970-01-01, NaN when unknown


def build_profiles(documents: pd.DataFrame, entities: pd.DataFrame | None = None,
                   figures: pd.DataFrame | None = None) -> StoryProfiles:
    """Profiles of a documents table (``entities`` and ``figures`` unused here)."""
    # array.array grows in place: no list of small arrays, no concatenated copy.
    indptr, indices, data = array("q", [0]), array("i"), array("f")
    titles = documents["title"] if "title" in documents else [None] * len(documents)
    for title, text in zip(titles, documents["text"], strict=True):
        cols: dict[int, float] = {}
        row = {"title": title if isinstance(title, str) else None, "text": text}
        for term, weight in vector(_text_of(row)).items():
            col = zlib.crc32(term.encode("utf-8")) & (N_COLUMNS - 1)
            cols[col] = cols.get(col, 0.0) + weight
        order = sorted(cols)
        indices.extend(order)
        data.extend(cols[c] for c in order)
        indptr.append(indptr[-1] + len(order))
    terms = sp.csr_matrix((np.frombuffer(data, dtype=np.float32),
                           np.frombuffer(indices, dtype=np.int32),
                           np.frombuffer(indptr, dtype=np.int64)),
                          shape=(len(documents), N_COLUMNS))
    published = of_documents(documents)
    return StoryProfiles(list(documents["doc_id"].astype(str)), terms, published)
