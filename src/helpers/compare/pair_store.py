"""Pair scores kept in the story state: every score an update computed, so a later update
re-forms a known story on its own pairs and weighs it against other stories on the pairs
already scored (and may split it, or move articles between stories, when new articles show
other groups) without scoring known articles against each other again: no pair is scored
twice.

A row holds the two ``doc_id`` (``a < b``), the score and the key of how it was scored
(:func:`score_key`: the profile key and the scoring model); a row of another key is not read,
so a pair of one story without a usable row counts 1, the state's own decision, and one of
two stories is scored when new articles link their groups (:mod:`.placement`). An
article whose text changed is placed as new: its rows are deleted before the run writes its
new ones. Rows are written in the update's own SQLite transaction (:mod:`.state`).
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from pathlib import Path

import numpy as np

from .. import datafiles
from . import scoring
from .candidates import Pairs
from .placement import Links, no_links
from .profile_store import profile_key

SCHEMA = ("CREATE TABLE IF NOT EXISTS pair_scores (a TEXT NOT NULL, b TEXT NOT NULL,"
          " score REAL NOT NULL, score_key TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID",
          "CREATE INDEX IF NOT EXISTS pair_scores_b ON pair_scores (b)")


@functools.lru_cache(maxsize=2)
def score_key(has_tables: bool) -> str:
    """Key of how a pair was scored: the profile key, the scoring code and its weights."""
    digest = hashlib.sha256(profile_key(has_tables).encode())
    digest.update(Path(scoring.__file__).read_bytes())
    digest.update(repr(datafiles.rows(scoring.WEIGHTS_FILE)).encode())
    return digest.hexdigest()[:16]


def load(conn: sqlite3.Connection, doc_ids: list[str], story_of: np.ndarray, key: str
         ) -> Links:
    """Stored scores of the pairs of known rows (``doc_ids``: the update's rows, ``story_of``:
    their story, -1 for new ones), as row pairs, sorted."""
    known = [d for d, s in zip(doc_ids, story_of, strict=True) if s >= 0]
    if not known:
        return no_links()
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS pair_rows (doc_id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM pair_rows")
    conn.executemany("INSERT OR IGNORE INTO pair_rows VALUES (?)", ((d,) for d in known))
    found = conn.execute("SELECT p.a, p.b, p.score FROM pair_scores p"
                         " JOIN pair_rows x ON x.doc_id = p.a JOIN pair_rows y ON y.doc_id = p.b"
                         " WHERE p.score_key = ?", (key,)).fetchall()
    conn.execute("DELETE FROM pair_rows")
    row = {d: i for i, d in enumerate(doc_ids)}
    left = np.array([row[a] for a, _, _ in found], dtype=np.int64)
    right = np.array([row[b] for _, b, _ in found], dtype=np.int64)
    score = np.array([s for _, _, s in found], dtype=np.float64)
    lo, hi = np.minimum(left, right), np.maximum(left, right)
    order = np.lexsort((hi, lo))
    return Links(Pairs(lo[order], hi[order]), score[order])


def rows(doc_ids: list[str], links: Links, key: str) -> list[tuple[str, str, float, str]]:
    """Rows to store for the row pairs of ``links`` (``doc_ids``: the update's rows)."""
    out = []
    for i, j, s in zip(links.pairs.left, links.pairs.right, links.scores, strict=True):
        a, b = sorted((doc_ids[i], doc_ids[j]))
        out.append((a, b, float(s), key))
    return out


def write(conn: sqlite3.Connection, replaced: list[str],
          rows: list[tuple[str, str, float, str]]) -> None:
    """Delete the rows of the ``replaced`` articles (placed again as new: their text changed)
    and store ``rows`` (inside the caller's transaction)."""
    conn.executemany("DELETE FROM pair_scores WHERE a = ? OR b = ?", ((d, d) for d in replaced))
    conn.executemany("INSERT OR REPLACE INTO pair_scores VALUES (?, ?, ?, ?)", rows)
