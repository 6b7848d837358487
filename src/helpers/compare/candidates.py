"""Candidate pairs for story grouping: blocking by shared terms within a date window, never
all pairs.

Articles are sorted by publication date and cut into slabs of at most ``slab_days`` days. A
slab is compared with the articles published within ``window_days`` of it (an article without
a date is compared with every article, and every article with it). Inside that window, the
terms held by more than ``max_df`` of its articles are dropped (a word in thousands of
articles of the same weeks is no evidence of one story, and the cap bounds each article's
work), and the rest are multiplied through an inverted index (a sparse product of the slab's
term vectors by the window's postings), ``block_rows`` articles at a time. Each article keeps
its ``top_k`` best partners above ``min_overlap``, and its ``embedding_k`` nearest articles of
the window by sentence embedding (a story told in other words shares few rare terms); a pair is
a candidate when either side keeps it. Time and memory grow with the number of articles (times
the articles of one window, which is bounded by the cap), never with the number of pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import scipy.sparse as sp

from .profiles import StoryProfiles, release_memory


@dataclass(frozen=True)
class CandidateParams:
    """How candidate pairs are blocked. ``max_df`` and ``top_k`` were measured on the BBC
    corpus (fast vs exact grouping; ``newskit bench --stories``)."""

    top_k: int = 15  # partners kept per article (union over both sides of a pair)
    embedding_k: int = 10  # nearest articles by embedding kept per article as well
    max_df: int = 1000  # terms in more articles of a window than this are not blocking keys
    min_overlap: float = 0.02  # floor on the dot product of the kept terms
    window_days: float = 7.0  # dated articles further apart than this are never paired
    slab_days: float = 7.0  # dated articles compared against one window at a time
    slab_rows: int = 4096  # at most this many articles per slab
    block_rows: int = 256  # articles multiplied at once (bounds memory)
    window_rows: int = 10_000  # larger windows are walked in chunks of this many articles


@dataclass(frozen=True)
class Pairs:
    """Row pairs with ``left < right``, unique, sorted by ``(left, right)``."""

    left: np.ndarray  # int64
    right: np.ndarray  # int64

    def __len__(self) -> int:
        return len(self.left)


@dataclass(frozen=True)
class Blocking:
    """The term vectors and embeddings (shared, not copied), the dates, and the row order by
    date (undated last, ``n_dated`` dated rows first)."""

    terms: sp.csr_matrix
    embedding: np.ndarray
    published: np.ndarray
    by_date: np.ndarray
    n_dated: int
    # Articles holding each term over the whole corpus, counted only when needed (else empty)
    # and only for the terms of the articles whose window is walked in chunks: ``df[k]`` for
    # the term column ``df_terms[k]``. Sparse, as the columns are hashed terms (2^31 of them):
    # a dense count per column would take gigabytes.
    df: np.ndarray
    df_terms: np.ndarray


@dataclass(frozen=True)
class Slab:
    """Articles ``rows`` compared with the articles ``columns`` (row numbers)."""

    rows: np.ndarray
    columns: np.ndarray


def blocking(profiles: StoryProfiles) -> Blocking:
    """What every slab needs of ``profiles``."""
    published = np.asarray(profiles.published, dtype=np.float64)
    by_date = np.argsort(np.where(np.isnan(published), np.inf, published), kind="stable")
    return Blocking(profiles.terms.tocsr(), profiles.embedding, published, by_date,
                    int((~np.isnan(published)).sum()), np.zeros(0, dtype=np.int32),
                    np.zeros(0, dtype=np.int64))


def with_corpus_df(block: Blocking, slabs: list[Slab], params: CandidateParams) -> Blocking:
    """``block`` with the corpus-wide document frequencies when a slab's window is walked in
    chunks (they are counted only then, and only for the terms of those slabs' articles: a
    term no article of the slab holds multiplies nothing)."""
    chunked = [s.rows for s in slabs if len(s.columns) > params.window_rows]
    if block.df.size or not chunked:
        return block
    terms = np.unique(block.terms[np.concatenate(chunked)].indices)
    df = _document_frequencies(block.terms, terms, params.window_rows)
    release_memory()
    return replace(block, df=df, df_terms=terms)


def _document_frequencies(matrix: sp.csr_matrix | Any, terms: np.ndarray, rows: int) -> np.ndarray:
    """Articles holding each of the sorted term columns ``terms`` (a row holds a column at
    most once), counted ``rows`` articles at a time: memory follows ``terms`` and one chunk,
    never every distinct term of the corpus."""
    counts = np.zeros(len(terms), dtype=np.int64)
    if not len(terms):
        return counts.astype(np.int32)
    for lo in range(0, matrix.shape[0], rows):
        # a row slice (a stored state's rows are read a slice at a time, :mod:`.update_rows`)
        part = matrix[lo:lo + rows].indices
        at = np.minimum(np.searchsorted(terms, part), len(terms) - 1)
        counts += np.bincount(at[terms[at] == part], minlength=len(terms))
    return counts.astype(np.int32)


def _corpus_df(block: Blocking, terms: np.ndarray) -> np.ndarray:
    """Corpus-wide document frequency of the sorted columns ``terms``: 0 for a column not
    counted (no article of a chunked slab holds it, so it multiplies nothing there)."""
    if not len(block.df_terms):
        return np.zeros(len(terms), dtype=np.int64)
    at = np.minimum(np.searchsorted(block.df_terms, terms), len(block.df_terms) - 1)
    return np.where(block.df_terms[at] == terms, block.df[at], 0)


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
    """Candidate pairs of one slab's articles against its window. A window of up to
    ``window_rows`` articles is held at once and ``max_df`` counts within it; a larger one (the
    window of undated articles is the whole corpus) is walked in chunks, ``max_df`` counting
    over the whole corpus, each chunk's best partners kept (the best of the bests are exact)."""
    chunks = [slab.columns[lo:lo + params.window_rows]
              for lo in range(0, len(slab.columns), params.window_rows)]
    blocks = [slab.rows[lo:lo + params.block_rows]
              for lo in range(0, len(slab.rows), params.block_rows)]
    found: list[list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = [[] for _ in blocks]
    near: list[list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = [[] for _ in blocks]
    for columns in chunks:
        window = _postings(block, columns, params, global_df=len(chunks) > 1)
        for n, rows in enumerate(blocks):
            found[n].append(_products(block, rows, columns, window, params))
            near[n].append(_nearest(block, rows, columns, params))
        del window
        release_memory()  # each chunk's postings and products, before the next chunk's
    parts = []
    for triples, k in [*((t, params.top_k) for t in found),
                       *((t, params.embedding_k) for t in near)]:
        i, j, value = (np.concatenate(x) for x in zip(*triples, strict=True))
        i, j, _ = _top(i, j, value, k)
        parts.append(_pairs(i, j))
    found.clear()
    near.clear()
    release_memory()  # the slab's temporaries, scattered through the C heap, go back
    return merge(parts)


#: Vocabularies up to this width renumber terms through a dense table (one int32 a column),
#: wider ones by binary search (slower, no table).
DENSE_TABLE_MAX = 1 << 25


@dataclass(frozen=True)
class _Window:
    """Postings of a window's blocking terms, which are renumbered 0, 1, …"""

    keys: np.ndarray  # the blocking terms' columns, sorted
    position: np.ndarray  # dense table: new number of each column (-1: not a key), or empty
    postings: sp.csr_matrix  # (blocking terms, articles of the window)

    def renumber(self, indices: np.ndarray) -> np.ndarray:
        """New numbers of term columns ``indices`` (-1 for columns that are not keys)."""
        if self.position.size:
            return self.position[indices]
        if not len(self.keys):
            return np.full(len(indices), -1, dtype=np.int32)
        # In place and int32 (fewer keys than 2^31): a window's term columns number millions.
        found = np.searchsorted(self.keys, indices)
        np.minimum(found, len(self.keys) - 1, out=found)
        miss = self.keys[found] != indices
        out = found.astype(np.int32)
        del found
        out[miss] = -1
        return out


def _postings(block: Blocking, columns: np.ndarray, params: CandidateParams,
              global_df: bool) -> _Window:
    window = block.terms[columns]
    terms, df = np.unique(window.indices, return_counts=True)
    if global_df:
        df = _corpus_df(block, terms)
    keys = terms[(df >= 2) & (df <= params.max_df)]
    del terms, df
    position = np.zeros(0, dtype=np.int32)
    if block.terms.shape[1] <= DENSE_TABLE_MAX:
        position = np.full(block.terms.shape[1], -1, dtype=np.int32)
        position[keys] = np.arange(len(keys), dtype=np.int32)
    lookup = _Window(keys, position, sp.csr_matrix((0, 0)))
    compact = _compact(window, lookup)
    del window  # the window's rows, before its transposed copy is made
    return replace(lookup, postings=compact.T.tocsr())


def _products(block: Blocking, rows: np.ndarray, columns: np.ndarray, window: _Window,
              params: CandidateParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The best ``top_k`` partners of each of ``rows`` among ``columns``, as triples."""
    product = (_compact(block.terms[rows], window) @ window.postings).tocsr()
    # The overlap floor first: most products are faint, and row numbers, partners and gaps
    # are then made for the pairs above it only.
    above = product.data >= params.min_overlap
    value = product.data[above]
    i = rows[np.repeat(np.arange(len(rows)), np.diff(product.indptr))[above]]
    j = columns[product.indices[above]]
    del product, above
    gap = np.abs(block.published[i] - block.published[j])
    keep = (i != j) & ~(gap > params.window_days)
    return _top(i[keep], j[keep], value[keep], params.top_k)


def _nearest(block: Blocking, rows: np.ndarray, columns: np.ndarray, params: CandidateParams
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``embedding_k`` nearest of ``columns`` to each of ``rows`` by embedding cosine
    (within the date window; articles without text, whose embedding is zero, excluded)."""
    if params.embedding_k <= 0 or not len(rows) or not len(columns):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    e = block.embedding
    # Unusable partners become +inf in place: one (rows, columns) float32 table at a time.
    # Days are whole numbers, exact in float32, so the gap test is the float64 one.
    far = -(e[rows] @ e[columns].T)
    when = block.published.astype(np.float32)
    usable = ~(np.abs(when[rows][:, None] - when[columns][None, :]) > params.window_days)
    usable &= (rows[:, None] != columns[None, :]) & (far < 0)
    far[~usable] = np.inf
    k = min(params.embedding_k, len(columns))
    top = np.argpartition(far, k - 1, axis=1)[:, :k]
    i = np.repeat(np.arange(len(rows)), k)
    j = top.ravel()
    keep = usable[i, j]
    return rows[i[keep]], columns[j[keep]], -far[i[keep], j[keep]]


def _compact(matrix: sp.csr_matrix, window: _Window) -> sp.csr_matrix:
    """``matrix`` (float32) with its columns renumbered as the window's blocking terms; other
    columns dropped."""
    columns = window.renumber(matrix.indices)
    kept = columns >= 0
    data = np.where(kept, matrix.data.astype(np.float32, copy=False), np.float32(0))
    del kept
    np.maximum(columns, 0, out=columns)
    out = sp.csr_matrix((data, columns, matrix.indptr),
                        shape=(matrix.shape[0], len(window.keys)))
    out.eliminate_zeros()
    return out


def _top(i: np.ndarray, j: np.ndarray, value: np.ndarray, k: int
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``k`` largest ``value`` of each ``i`` (ties: smaller ``j``)."""
    order = np.lexsort((j, -value, i))
    i, j, value = i[order], j[order], value[order]
    rank = np.arange(len(i)) - np.searchsorted(i, i, side="left")
    best = rank < k
    return i[best], j[best], value[best]


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
    """Union of several pair sets, unique and sorted. Each set becomes one int64 code a pair
    (``left << 32 | right``: rows number fewer than 2^31, so the codes sort as the pairs) as it
    comes, so the slab pairs of a generator are held at 8 bytes a pair, not 16, and the codes
    are sorted in place: the union of the slabs (millions of pairs, many found from both
    sides) was the peak of the 100,000-article candidate stage when made by :func:`_pairs`."""
    codes = [_code(p) for p in parts]
    if not codes:
        return _pairs(np.zeros(0, np.int64), np.zeros(0, np.int64))
    code = np.concatenate(codes) if len(codes) > 1 else codes[0]
    codes.clear()
    code.sort()
    if len(code) > 1:
        fresh = np.empty(len(code), dtype=bool)
        fresh[0] = True
        np.not_equal(code[1:], code[:-1], out=fresh[1:])
        code = code[fresh]
        del fresh
    return Pairs(code >> 32, code & 0xFFFFFFFF)


def _code(pairs: Pairs) -> np.ndarray:
    """``min << 32 | max`` of each pair (int64; a new array, so ``pairs`` can be dropped)."""
    left = np.minimum(pairs.left, pairs.right).astype(np.int64)
    code = np.maximum(pairs.left, pairs.right).astype(np.int64)
    left <<= 32
    code |= left
    return code


def candidate_pairs(profiles: StoryProfiles, params: CandidateParams | None = None,
                    rows: np.ndarray | None = None) -> Pairs:
    """Candidate pairs of ``profiles``: among all articles, or only pairs involving ``rows``."""
    params = params or CandidateParams()
    block = blocking(profiles)
    slabs = plan(block, params, rows)
    block = with_corpus_df(block, slabs, params)
    return merge(slab_pairs(block, slab, params) for slab in slabs)
