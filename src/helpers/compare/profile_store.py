"""Story profiles kept in the story state, so an update profiles only the articles it has not
profiled before.

Each profiled article has one row in the state's ``profiles`` table: its sparse profile
rows (term counts per matrix, the int32 term columns and the float32 weights, in
:data:`.profiles.MATRICES` order), its embedding and lead-sentence embeddings (float32) and
its publication day. A row is used only when both keys still match:

- ``fingerprint``: a hash of what the article's profile is built from (title, text,
  publication day, and its rows of the entities and figures tables when given), so an edited
  article, or one parsed again with other results, is profiled again;
- ``profile_key``: the profile code and data (:func:`profile_key`), so a change to how
  profiles are built rebuilds every cached row the next update reads.

Rows are written in the update's own SQLite transaction (:mod:`.state`): a crash leaves the
cache of the run before, never a half-written row. A cached row decodes to the very arrays
:func:`.profiles.build_profiles` gave, so scores are identical.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import profiles as profile_module
from . import published as published_module
from . import table_rows as table_rows_module
from . import text as text_module
from .profiles import (
    INDEX_TYPE,
    MATRICES,
    VALUE_TYPE,
    StoryProfiles,
    build_profiles,
    csr_rows,
    release_memory,
    stack,
    take,
)
from .published import of_documents

SCHEMA = ("CREATE TABLE IF NOT EXISTS profiles (doc_id TEXT PRIMARY KEY, fingerprint TEXT"
          " NOT NULL, profile_key TEXT NOT NULL, nnz BLOB NOT NULL, columns BLOB NOT NULL,"
          " weights BLOB NOT NULL, dense BLOB NOT NULL, published REAL)")
#: Layout of a stored row; part of :func:`profile_key`, so a new layout never reads old rows.
ROW_FORMAT = "profile-row-1"
_ENTITY_COLUMNS = ("label", "entity_id", "canonical")
_FIGURE_COLUMNS = ("kind", "surface", "value", "unit", "date_value")
#: Articles read or built at a time: memory holds the whole profiles plus one chunk.
CHUNK = 2000


class StoredRow(NamedTuple):
    """One article's stored profile (the SQL columns after its keys), as :func:`encode`
    makes it."""

    nnz: bytes  # int32 term count of each matrix, in MATRICES order
    columns: bytes  # the term columns of all matrices, one after the other
    weights: bytes  # their float32 weights
    dense: bytes  # float32 embedding, then the lead-sentence embeddings
    published: float | None  # publication day


class Write(NamedTuple):
    """A row to store: its keys, then the :class:`StoredRow`'s fields (flat, in the SQL
    column order :func:`write` inserts)."""

    doc_id: str
    fingerprint: str  # of what the profile reads (:func:`fingerprints`)
    profile_key: str  # of how profiles are built (:func:`profile_key`)
    nnz: bytes
    columns: bytes
    weights: bytes
    dense: bytes
    published: float | None


@functools.lru_cache(maxsize=2)
def profile_key(has_tables: bool) -> str:
    """Key of how profiles are built: the row layout, the source of the modules that build
    them, the extractor pipeline version (calendar vocabulary, and the entity and figure
    tables when ``has_tables``), the embedding and word-frequency packages."""
    from ..cache import pipeline_version

    digest = hashlib.sha256(f"{ROW_FORMAT}\x1f{has_tables}\x1f{pipeline_version()}".encode())
    for module in (profile_module, table_rows_module, text_module, published_module):
        digest.update(Path(module.__file__).read_bytes())
    for package in ("wordllama", "wordfreq"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?".encode())
    return digest.hexdigest()[:16]


def _row_digests(table: pd.DataFrame | None, columns: tuple[str, ...],
                 position: dict[str, int], n: int) -> np.ndarray:
    """Per article, an order-free sum of the hashes of its rows of ``table`` (uint64)."""
    out = np.zeros(n, dtype=np.uint64)
    if table is None or table.empty:
        return out
    at = table["doc_id"].astype(str).map(position)
    keep = at.notna().to_numpy()
    if not keep.any():
        return out
    present = [c for c in columns if c in table]
    hashed = pd.util.hash_pandas_object(table.loc[keep, present].astype(str), index=False)
    np.add.at(out, at[keep].to_numpy(dtype=np.int64), hashed.to_numpy(dtype=np.uint64))
    return out


def fingerprints(documents: pd.DataFrame, entities: pd.DataFrame | None = None,
                 figures: pd.DataFrame | None = None) -> list[str]:
    """Per article of ``documents``, a hash of everything its profile is built from."""
    ids = documents["doc_id"].astype(str).tolist()
    position = {d: i for i, d in enumerate(ids)}
    n = len(ids)
    titles = documents["title"].tolist() if "title" in documents else [None] * n
    when = of_documents(documents)
    ents = _row_digests(entities, _ENTITY_COLUMNS, position, n)
    figs = _row_digests(figures, _FIGURE_COLUMNS, position, n)
    out = []
    for title, text, day, e, f in zip(titles, documents["text"].tolist(), when, ents, figs,
                                      strict=True):
        raw = "\x1f".join([title if isinstance(title, str) else "\x00",
                           text if isinstance(text, str) else "\x00", repr(float(day)),
                           str(int(e)), str(int(f))])
        out.append(hashlib.blake2b(raw.encode("utf-8", "surrogatepass"),
                                   digest_size=16).hexdigest())
    return out


def encode(profiles: StoryProfiles) -> list[StoredRow]:
    """One :class:`StoredRow` per article."""
    matrices = [getattr(profiles, name) for name in MATRICES]
    dense = np.concatenate([profiles.embedding[:, None, :], profiles.sentences], axis=1) \
        if profiles.sentences is not None else profiles.embedding[:, None, :]
    rows = []
    for i in range(len(profiles)):
        spans = [(m.indptr[i], m.indptr[i + 1]) for m in matrices]
        nnz = np.array([hi - lo for lo, hi in spans], dtype=np.int32)
        columns = np.concatenate([m.indices[lo:hi] for m, (lo, hi) in zip(matrices, spans,
                                                                          strict=True)])
        weights = np.concatenate([m.data[lo:hi] for m, (lo, hi) in zip(matrices, spans,
                                                                       strict=True)])
        day = float(profiles.published[i])
        rows.append(StoredRow(nnz.tobytes(), columns.astype(INDEX_TYPE).tobytes(),
                              weights.astype(VALUE_TYPE).tobytes(),
                              np.ascontiguousarray(dense[i], dtype=np.float32).tobytes(),
                              None if np.isnan(day) else day))
    return rows


def decode(doc_ids: list[str], rows: list[StoredRow], has_tables: bool) -> StoryProfiles:
    """The profiles of stored ``rows`` (in order), as :func:`encode` took them."""
    n = len(rows)
    nnz = np.frombuffer(b"".join(r.nnz for r in rows), dtype=np.int32).reshape(n, len(MATRICES))
    columns = np.frombuffer(b"".join(r.columns for r in rows), dtype=INDEX_TYPE)
    weights = np.frombuffer(b"".join(r.weights for r in rows), dtype=VALUE_TYPE)
    owner = np.repeat(np.tile(np.arange(len(MATRICES), dtype=np.int8), n), nnz.ravel())
    matrices = {}
    for k, name in enumerate(MATRICES):
        mine = owner == k
        indptr = np.r_[0, np.cumsum(nnz[:, k], dtype=np.int64)]
        matrices[name] = csr_rows(weights[mine], columns[mine], indptr)
    dense = np.frombuffer(b"".join(r.dense for r in rows), dtype=np.float32)
    dense = dense.reshape(n, -1, profile_module.EMBEDDING_DIM)
    published = np.array([np.nan if r.published is None else r.published for r in rows],
                         dtype=np.float64)
    sentences = np.ascontiguousarray(dense[:, 1:]) if dense.shape[1] > 1 else None
    return StoryProfiles(doc_ids=list(doc_ids), published=published,
                         embedding=np.ascontiguousarray(dense[:, 0]), has_tables=has_tables,
                         sentences=sentences, **matrices)


@dataclass(frozen=True)
class CachedProfiles:
    """Profiles of an update's rows, and the stored rows to write for those built anew."""

    profiles: StoryProfiles
    n_cached: int  # rows read from the state
    n_built: int  # rows profiled by this update
    writes: list[Write]


def valid(conn: sqlite3.Connection, ids: list[str], key: str, prints: list[str]) -> set[str]:
    """The ``ids`` whose stored row still matches (profile key and fingerprint)."""
    want = dict(zip(ids, prints, strict=True))
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (doc_id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM wanted")
    conn.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((d,) for d in ids))
    found = conn.execute("SELECT p.doc_id, p.fingerprint FROM profiles p JOIN wanted w"
                         " ON w.doc_id = p.doc_id WHERE p.profile_key = ?", (key,))
    out = {d for d, fp in found if want.get(d) == fp}
    conn.execute("DELETE FROM wanted")
    return out


def fetch(conn: sqlite3.Connection, ids: list[str]) -> list[StoredRow]:
    """Stored rows of ``ids`` (at most :data:`CHUNK`), in that order."""
    marks = ",".join("?" * len(ids))
    found = {d: StoredRow(*rest) for d, *rest in conn.execute(
        "SELECT doc_id, nnz, columns, weights, dense, published FROM profiles"
        f" WHERE doc_id IN ({marks})", ids)}
    return [found[d] for d in ids]


@dataclass(frozen=True)
class _Request:
    """What :func:`load` was asked for, shared by its chunks."""

    conn: sqlite3.Connection
    entities: pd.DataFrame | None
    figures: pd.DataFrame | None
    key: str
    valid: set[str]

    @property
    def has_tables(self) -> bool:
        return self.entities is not None and self.figures is not None


def _chunk(request: _Request, documents: pd.DataFrame, prints: list[str]
           ) -> tuple[StoryProfiles, list[Write]]:
    """Profiles of a chunk of documents (in order) and the rows to store for those built."""
    ids = documents["doc_id"].astype(str).tolist()
    hit = np.array([d in request.valid for d in ids], dtype=bool)
    parts, order, writes = [], [], []
    if hit.any():
        found = [ids[i] for i in np.flatnonzero(hit)]
        parts.append(decode(found, fetch(request.conn, found), request.has_tables))
        order.append(np.flatnonzero(hit))
    if (~hit).any():
        miss = np.flatnonzero(~hit)
        wanted = {ids[i] for i in miss}
        built = build_profiles(documents.iloc[miss], *(
            None if t is None else t[t["doc_id"].astype(str).isin(wanted)]
            for t in (request.entities, request.figures)))
        writes = [Write(doc_id=ids[i], fingerprint=prints[i], profile_key=request.key,
                        **row._asdict())
                  for i, row in zip(miss, encode(built), strict=True)]
        parts.append(built)
        order.append(miss)
    if len(parts) == 1:
        return parts[0], writes
    return take(stack(parts), np.argsort(np.concatenate(order))), writes


def load(conn: sqlite3.Connection, documents: pd.DataFrame, entities: pd.DataFrame | None,
         figures: pd.DataFrame | None) -> CachedProfiles:
    """Profiles of ``documents`` (rows in order): stored rows where they still match, the
    others built (``entities`` / ``figures``: the kit's tables for those documents), a
    :data:`CHUNK` of articles at a time."""
    key = profile_key(entities is not None and figures is not None)
    ids = documents["doc_id"].astype(str).tolist()
    prints = fingerprints(documents, entities, figures)
    request = _Request(conn, entities, figures, key, valid(conn, ids, key, prints))
    parts, writes = [], []
    for lo in range(0, len(ids), CHUNK):
        part, part_writes = _chunk(request, documents.iloc[lo:lo + CHUNK],
                                   prints[lo:lo + CHUNK])
        parts.append(part)
        writes.extend(part_writes)
        release_memory()
    whole = parts[0] if len(parts) == 1 else stack(parts)
    return CachedProfiles(whole, len(ids) - len(writes), len(writes), writes)


def write(conn: sqlite3.Connection, rows: list[Write]) -> None:
    """Store profile rows (inside the caller's transaction)."""
    conn.executemany("INSERT OR REPLACE INTO profiles (doc_id, fingerprint, profile_key, nnz,"
                     " columns, weights, dense, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     rows)
