"""The profiles an update of the story state reads, in two depths, so its memory does not grow
with the known articles it can reach (every undated one, and the dated ones of the window).

Every article an update reaches is a possible candidate partner of a new one: blocking keeps
the terms held by at most ``max_df`` articles of the window, and with a window of thousands of
articles nearly every one shares such a term with some new article (synthetic corpus, 10,000
undated known + 250 new: 10,250 of 10,250 articles share one; 9,467 still do with a cap of
20). So the candidate search reads every reached article, but only what blocking reads of it
(its ``terms`` row and its embedding, :class:`BlockingRows`), a window chunk at a time from
the stored rows (:mod:`.profile_store`); the whole profiles are decoded only for the articles
the grouping holds (:meth:`UpdateRows.profiles`): the new ones, their candidate partners and
the known articles of those partners' stories that :func:`.placement.place` can weigh.

A reached article whose stored row no longer matches (new, edited, parsed again, or profiled
by other code) is profiled as :func:`.profile_store.load` would profile it, once, and its row
is written by the update. The numbers are those of the whole profiles: a stored row decodes to
the arrays :func:`.profiles.build_profiles` gave.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import profile_store
from .candidates import Blocking, CandidateParams, Pairs, merge, plan, slab_pairs, with_corpus_df
from .profile_store import (
    CHUNK,
    StoredRow,
    Write,
    decode,
    encode,
    fetch,
    fingerprints,
)
from .profiles import (
    COLUMNS,
    EMBEDDING_DIM,
    INDEX_TYPE,
    VALUE_TYPE,
    StoryProfiles,
    build_profiles,
    csr_rows,
    release_memory,
    stack,
    take,
)
from .published import of_documents

#: The embedding's bytes at the head of a stored row's ``dense`` (lead sentences follow).
_EMBEDDING_BYTES = EMBEDDING_DIM * np.dtype(np.float32).itemsize


def _blocking_rows(conn: sqlite3.Connection, ids: list[str]
                   ) -> tuple[sp.csr_matrix, np.ndarray]:
    """The ``terms`` rows and embeddings of stored ``ids`` (in order), read without the rest
    of their profiles: a row's ``terms`` entries lead its ``columns`` and ``weights``."""
    rows: list[tuple[bytes, bytes, bytes, bytes]] = []
    for lo in range(0, len(ids), CHUNK):
        part = ids[lo:lo + CHUNK]
        marks = ",".join("?" * len(part))
        found = {d: row for d, *row in conn.execute(
            "SELECT doc_id, substr(nnz, 1, 4), columns, weights, substr(dense, 1, ?)"
            f" FROM profiles WHERE doc_id IN ({marks})", (_EMBEDDING_BYTES, *part))}
        rows.extend(found[d] for d in part)
    counts = np.frombuffer(b"".join(r[0] for r in rows), dtype=np.int32).astype(np.int64)
    sizes = np.array([len(r[1]) for r in rows], dtype=np.int64) // 4  # entries of a row
    indptr = np.r_[0, np.cumsum(counts)]
    # each row's first ``counts`` entries, in the row's place among all entries
    at = np.arange(indptr[-1]) + np.repeat(np.r_[0, np.cumsum(sizes)][:-1] - indptr[:-1],
                                           counts)
    columns = np.frombuffer(b"".join(r[1] for r in rows), dtype=INDEX_TYPE)[at]
    weights = np.frombuffer(b"".join(r[2] for r in rows), dtype=VALUE_TYPE)[at]
    embedding = np.frombuffer(b"".join(r[3] for r in rows), dtype=np.float32)
    return csr_rows(weights, columns, indptr), embedding.reshape(-1, EMBEDDING_DIM).copy()


@dataclass(frozen=True)
class _Asked:
    """Rows asked for and their answer."""

    rows: np.ndarray
    answer: sp.csr_matrix | np.ndarray


#: Embedding answers kept: a window chunk's are read with its term rows and asked once per
#: block of new rows, between asks of the block's own. Term rows are never kept: blocking
#: edits the index arrays of the term rows it is handed (``eliminate_zeros`` on a matrix
#: sharing them), so each ask gets its own.
_KEPT = 2
#: Up to this many reached articles, their blocking rows are read once and held (some 5 kB an
#: article): the search reads them twice or more otherwise (document frequencies, then each
#: window chunk's terms). Above it, memory stays that of a window chunk.
HOLD_ROWS = 20_000


class UpdateRows:
    """The reached articles of an update (``documents``: its rows), stored rows where they
    still match, the others profiled once (:attr:`writes`)."""

    def __init__(self, conn: sqlite3.Connection, documents: pd.DataFrame,
                 entities: pd.DataFrame | None, figures: pd.DataFrame | None):
        self.conn = conn
        self.doc_ids = documents["doc_id"].astype(str).tolist()
        self.has_tables = entities is not None and figures is not None
        key = profile_store.profile_key(self.has_tables)
        prints = fingerprints(documents, entities, figures)
        stored = profile_store.valid(conn, self.doc_ids, key, prints)
        self.valid = np.array([d in stored for d in self.doc_ids], dtype=bool)
        self.published = np.floor(of_documents(documents))  # as build_profiles stores it
        built_rows = np.flatnonzero(~self.valid)
        self.built_at = np.full(len(self.doc_ids), -1, dtype=np.int64)
        self.built_at[built_rows] = np.arange(len(built_rows))
        self.built, self.writes = _build(documents.iloc[built_rows], entities, figures,
                                         [prints[i] for i in built_rows], key) \
            if len(built_rows) else (None, [])
        self._asked: list[_Asked] = []  # embeddings only
        self._held: tuple[sp.csr_matrix, np.ndarray] | None = None  # every row's, when few

    def __len__(self) -> int:
        return len(self.doc_ids)

    def blocking(self, rows: np.ndarray, what: str) -> sp.csr_matrix | np.ndarray:
        """``terms`` rows or ``embedding`` of ``rows`` (in order)."""
        if self._held is None and len(self) <= HOLD_ROWS:
            self._held = self._read(np.arange(len(self)))
        if self._held is not None:
            terms, embedding = self._held
            if what == "embedding":
                return embedding[rows]
            part = terms[rows]  # a copy: blocking may edit it
            return csr_rows(part.data, part.indices, part.indptr)
        for asked in self._asked if what == "embedding" else ():
            if np.array_equal(asked.rows, rows):
                return asked.answer
        terms, embedding = self._read(rows)
        self._asked = [_Asked(np.array(rows, copy=True), embedding), *self._asked[:_KEPT - 1]]
        return terms if what == "terms" else embedding

    def _read(self, rows: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray]:
        """``terms`` rows and embeddings of ``rows`` (in order): stored ones from the state,
        the others from the profiles built."""
        stored = self.valid[rows]
        parts = [_blocking_rows(self.conn, [self.doc_ids[r] for r in rows[stored]])] \
            if stored.any() else []
        if (~stored).any():
            built = self.built_at[rows[~stored]]
            parts.append((self.built.terms[built], self.built.embedding[built]))
        terms = sp.vstack([t for t, _ in parts], format="csr")
        embedding = np.concatenate([e for _, e in parts])
        if len(parts) > 1:
            order = np.argsort(np.r_[np.flatnonzero(stored), np.flatnonzero(~stored)],
                               kind="stable")
            terms, embedding = terms[order], embedding[order]
        return csr_rows(terms.data.astype(VALUE_TYPE, copy=False), terms.indices,
                        terms.indptr), embedding

    def profiles(self, rows: np.ndarray) -> StoryProfiles:
        """The whole profiles of ``rows`` (in order)."""
        rows = np.asarray(rows, dtype=np.int64)
        stored = self.valid[rows]
        parts, order = [], []
        for lo in range(0, int(stored.sum()), CHUNK):
            ids = [self.doc_ids[r] for r in rows[stored][lo:lo + CHUNK]]
            found: list[StoredRow] = fetch(self.conn, ids)
            parts.append(decode(ids, found, self.has_tables))
        order.append(np.flatnonzero(stored))
        if (~stored).any():
            parts.append(take(self.built, self.built_at[rows[~stored]]))
        order.append(np.flatnonzero(~stored))
        whole = parts[0] if len(parts) == 1 else stack(parts)
        return take(whole, np.argsort(np.concatenate(order), kind="stable"))


def _build(documents: pd.DataFrame, entities: pd.DataFrame | None,
           figures: pd.DataFrame | None, prints: list[str], key: str
           ) -> tuple[StoryProfiles, list[Write]]:
    """Profiles of ``documents`` (a :data:`.profile_store.CHUNK` at a time) and their rows to
    store."""
    parts, writes = [], []
    for lo in range(0, len(documents), CHUNK):
        part = documents.iloc[lo:lo + CHUNK]
        ids = set(part["doc_id"].astype(str))
        built = build_profiles(part, *(None if t is None else t[t["doc_id"].astype(str)
                                                               .isin(ids)]
                                       for t in (entities, figures)))
        writes.extend(Write(doc_id=d, fingerprint=f, profile_key=key, **row._asdict())
                      for d, f, row in zip(built.doc_ids, prints[lo:lo + CHUNK],
                                           encode(built), strict=True))
        parts.append(built)
        release_memory()
    return (parts[0] if len(parts) == 1 else stack(parts)), writes


class Lazy:
    """``terms`` or ``embedding`` of :class:`UpdateRows` as blocking indexes them
    (``block.terms[rows]``, ``block.terms.shape``), read on demand."""

    def __init__(self, rows: UpdateRows, what: str):
        self.rows, self.what = rows, what
        self.shape = (len(rows), COLUMNS if what == "terms" else EMBEDDING_DIM)

    def __getitem__(self, rows: np.ndarray | slice) -> sp.csr_matrix | np.ndarray:
        if isinstance(rows, slice):
            rows = np.arange(len(self.rows))[rows]
        return self.rows.blocking(np.asarray(rows, dtype=np.int64), self.what)


def candidate_pairs(rows: UpdateRows, new_rows: np.ndarray, params: CandidateParams) -> Pairs:
    """The candidate pairs of ``new_rows`` among all of ``rows``, as
    :func:`.candidates.candidate_pairs` finds them on the whole profiles (the same slabs,
    window chunks and document frequencies), each window chunk's ``terms`` and embeddings
    read from the state as the search reaches it."""
    published = rows.published
    by_date = np.argsort(np.where(np.isnan(published), np.inf, published), kind="stable")
    block = Blocking(Lazy(rows, "terms"), Lazy(rows, "embedding"), published, by_date,
                     int((~np.isnan(published)).sum()), np.zeros(0, dtype=np.int32),
                     np.zeros(0, dtype=np.int64))
    slabs = plan(block, params, new_rows)
    block = with_corpus_df(block, slabs, params)
    return merge(slab_pairs(block, slab, params) for slab in slabs)
