"""Candidate pairs for story grouping: blocking by shared terms within a date window, never
all pairs.

Articles are sorted by publication date and cut into slabs of at most ``slab_days`` days. A
slab is compared with the articles published within ``window_days`` of it (an article without
a date is compared with every article, and every article with it). Inside that window, the
terms held by more than ``max_df`` of its articles are dropped (a word in thousands of
articles of the same weeks is no evidence of one story, and the cap bounds each article's
work), and the rest are multiplied through an inverted index (a sparse product of the slab's
term vectors by the window's postings), ``block_rows`` articles at a time. Each article keeps
its ``top_k`` best partners above ``min_overlap``; a pair is a candidate when either side keeps
it. Time and memory grow with the number of articles (times the articles of one window, which
is bounded by the cap), never with the number of pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .profiles import StoryProfiles


@dataclass(frozen=True)
class CandidateParams:
    """How candidate pairs are blocked. ``max_df`` and ``top_k`` were measured on the BBC
    corpus (fast vs exact grouping; ``newskit bench --stories``)."""

    top_k: int = 10  # partners kept per article (union over both sides of a pair)
    max_df: int = 1000  # terms in more articles of a window than this are not blocking keys
    min_overlap: float = 0.02  # floor on the dot product of the kept terms
    window_days: float = 7.0  # dated articles further apart than this are never paired
    slab_days: float = 7.0  # dated articles compared against one window at a time
    slab_rows: int = 4096  # at most this many articles per slab
    block_rows: int = 256  # articles multiplied at once (bounds memory)


@dataclass(frozen=True)
class Pairs:
    """Row pairs with ``left < right``, unique, sorted by ``(left, right)``."""

    left: np.ndarray  # int64
    right: np.ndarray  # int64

    def __len__(self) -> int:
        return len(self.left)


@dataclass(frozen=True)
class Blocking:
    """The term vectors (shared, not copied), the dates, and the row order by date (undated
    last, ``n_dated`` dated rows first)."""

    terms: sp.csr_matrix
    published: np.ndarray
    by_date: np.ndarray
    n_dated: int


@dataclass(frozen=True)
class Slab:
    """Articles ``rows`` compared with the articles ``columns`` (row numbers)."""

    rows: np.ndarray
    columns: np.ndarray


def blocking(profiles: StoryProfiles) -> Blocking:
    """What every slab needs of ``profiles``."""
    published = np.asarray(profiles.published, dtype=np.float64)
    by_date = np.argsort(np.where(np.isnan(published), np.inf, published), kind="stable")
    return Blocking(profiles.terms.tocsr(), published, by_date,
                    int((~np.isnan(published)).sum()))


def plan(block: Blocking, params: CandidateParams, rows: np.ndarray | None = None) -> list[Slab]:
    """Slabs covering ``rows`` (default: every article), in date order."""
    order = block.by_date
    if rows is not None:
        wanted = np.zeros(len(order), dtype=bool)
        wanted[np.asarray(rows, dtype=np.int64)] = True
        order = order[wanted[order]]
    dates = block.published[order]
    dated_rows, undated_rows = order[~np.isnan(dates)], order[np.isnan(dates)]
    sorted_dates = block.published[block.by_date[:block.n_dated]]
    undated_columns = block.by_date[block.n_dated:]
    slabs, lo = [], 0
    while lo < len(dated_rows):
        first = block.published[dated_rows[lo]]
        hi = int(np.searchsorted(block.published[dated_rows], first + params.slab_days, "right"))
        hi = max(lo + 1, min(hi, lo + params.slab_rows))
        last = block.published[dated_rows[hi - 1]]
        c0 = np.searchsorted(sorted_dates, first - params.window_days, "left")
        c1 = np.searchsorted(sorted_dates, last + params.window_days, "right")
        columns = np.concatenate([block.by_date[c0:c1], undated_columns])
        slabs.append(Slab(dated_rows[lo:hi], columns))
        lo = hi
    for start in range(0, len(undated_rows), params.slab_rows):
        slabs.append(Slab(undated_rows[start:start + params.slab_rows], block.by_date))
    return slabs


def slab_pairs(block: Blocking, slab: Slab, params: CandidateParams) -> Pairs:
    """Candidate pairs of one slab's articles against its window (the slab's articles are in
    its window, so their terms are among the window's)."""
    window = block.terms[slab.columns]
    terms, inverse, df = np.unique(window.indices, return_inverse=True, return_counts=True)
    key = (df >= 2) & (df <= params.max_df)
    window = _compact(window, terms, key)
    postings = window.T.tocsr()
    parts = []
    for lo in range(0, len(slab.rows), params.block_rows):
        rows = slab.rows[lo:lo + params.block_rows]
        query = _compact(block.terms[rows], terms, key)
        product = (query @ postings).tocoo()
        parts.append(_best(block, rows[product.row], slab.columns[product.col],
                           product.data, params))
    return merge(parts)


def _compact(matrix: sp.csr_matrix, terms: np.ndarray, key: np.ndarray) -> sp.csr_matrix:
    """``matrix`` with columns renumbered as positions in ``terms`` (sorted), float32, only
    the ``key`` terms kept."""
    columns = np.searchsorted(terms, matrix.indices)
    data = matrix.data.astype(np.float32) * key[columns]
    out = sp.csr_matrix((data, columns, matrix.indptr), shape=(matrix.shape[0], len(terms)))
    out.eliminate_zeros()
    return out


def _best(block: Blocking, i: np.ndarray, j: np.ndarray, value: np.ndarray,
          params: CandidateParams) -> Pairs:
    """The ``top_k`` best partners of each row among the products ``(i, j, value)``."""
    gap = np.abs(block.published[i] - block.published[j])
    keep = (i != j) & (value >= params.min_overlap) & ~(gap > params.window_days)
    i, j, value = i[keep], j[keep], value[keep]
    order = np.lexsort((j, -value, i))
    i, j = i[order], j[order]
    rank = np.arange(len(i)) - np.searchsorted(i, i, side="left")
    best = rank < params.top_k
    return _pairs(i[best], j[best])


def _pairs(a: np.ndarray, b: np.ndarray) -> Pairs:
    """Unique ``left < right`` pairs of ``a``–``b``."""
    left = np.minimum(a, b).astype(np.int64)
    right = np.maximum(a, b).astype(np.int64)
    if not len(left):
        return Pairs(left, right)
    n = int(right.max()) + 1
    code = np.unique(left * n + right)
    return Pairs(code // n, code % n)


def merge(parts: Iterable[Pairs]) -> Pairs:
    """Union of several pair sets, unique and sorted."""
    parts = list(parts)
    if not parts:
        return _pairs(np.zeros(0, np.int64), np.zeros(0, np.int64))
    return _pairs(np.concatenate([p.left for p in parts]),
                  np.concatenate([p.right for p in parts]))


def candidate_pairs(profiles: StoryProfiles, params: CandidateParams | None = None,
                    rows: np.ndarray | None = None) -> Pairs:
    """Candidate pairs of ``profiles``: among all articles, or only pairs involving ``rows``."""
    params = params or CandidateParams()
    block = blocking(profiles)
    return merge(slab_pairs(block, slab, params) for slab in plan(block, params, rows))
