"""Pair scores kept in the story state: every score an update computed, so a later update
re-forms a known story on its own pairs and weighs it against other stories on the pairs
already scored (and may split it, or move articles between stories, when new articles show
other groups) without scoring known articles against each other again: no pair is scored
twice.

A row of ``scored_pairs`` holds the two articles' integer keys (``pair_docs``: one per
``doc_id``, ``a < b``), the score and the integer key of how it was scored (``score_keys``:
:func:`score_key`, the profile key and the scoring model): integers, so a row costs a few
bytes where two ``doc_id`` and a 16-character key cost some 70. A row of another key is not
read, so a pair of one story without a usable row counts 1, the state's own decision, and one
of two stories is scored when new articles link their groups (:mod:`.placement`); the update
that writes rows of the current key deletes those of any other. An update reads only the pairs
among the articles it asks for (:class:`StoredPairs`, both ends in the set, through the
primary key), never the whole table. An article whose text changed is placed as new: its rows
are deleted before the run writes its new ones. Rows are written in the update's own SQLite
transaction (:mod:`.state`).
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import datafiles
from . import scoring
from .candidates import Pairs
from .placement import Links, no_links
from .profile_store import profile_key

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS pair_docs (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS score_keys (id INTEGER PRIMARY KEY,"
    " score_key TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS scored_pairs (a INTEGER NOT NULL, b INTEGER NOT NULL,"
    " score REAL NOT NULL, key INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID",
    # the rows of one article (a replaced one's delete) and the b end of a targeted read
    "CREATE INDEX IF NOT EXISTS scored_pairs_b ON scored_pairs (b)",
)
#: Stored pairs with both ends in ``temp.pair_nodes`` (integer key -> profile row): CROSS JOIN
#: fixes the loop order (asked articles outside, the primary key inside), which the planner,
#: with no statistics of the temp table, would otherwise turn into a scan of the pairs.
AMONG = ("SELECT x.row, y.row, p.score FROM temp.pair_nodes x CROSS JOIN scored_pairs p"
         " ON p.a = x.id CROSS JOIN temp.pair_nodes y ON y.id = p.b WHERE p.key = ?")
TABLES = ("scored_pairs", "score_keys", "pair_docs")


@functools.lru_cache(maxsize=2)
def score_key(has_tables: bool) -> str:
    """Key of how a pair was scored: the profile key, the scoring code and its weights."""
    digest = hashlib.sha256(profile_key(has_tables).encode())
    digest.update(Path(scoring.__file__).read_bytes())
    digest.update(repr(datafiles.rows(scoring.WEIGHTS_FILE)).encode())
    return digest.hexdigest()[:16]


def _doc_keys(conn: sqlite3.Connection, doc_ids: list[str], add: bool = False
              ) -> dict[str, int]:
    """Integer key of each of ``doc_ids`` that has one (``add``: given one where missing,
    inside the caller's transaction)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS pair_docs_asked (doc_id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.pair_docs_asked")
    conn.executemany("INSERT OR IGNORE INTO temp.pair_docs_asked VALUES (?)",
                     ((d,) for d in doc_ids))
    if add:
        conn.execute("INSERT OR IGNORE INTO pair_docs (doc_id)"
                     " SELECT doc_id FROM temp.pair_docs_asked")
    # CROSS JOIN: the asked ids outside, pair_docs' doc_id index inside (never a scan)
    found = dict(conn.execute("SELECT k.doc_id, k.id FROM temp.pair_docs_asked w"
                              " CROSS JOIN pair_docs k ON k.doc_id = w.doc_id"))
    conn.execute("DELETE FROM temp.pair_docs_asked")
    return found


def _key_id(conn: sqlite3.Connection, key: str) -> int | None:
    found = conn.execute("SELECT id FROM score_keys WHERE score_key = ?", (key,)).fetchone()
    return None if found is None else found[0]


@dataclass(frozen=True)
class StoredPairs:
    """The stored scores an update may read, asked for by profile rows (``doc_ids``: the
    update's rows) while its connection is open (:meth:`among`)."""

    conn: sqlite3.Connection
    doc_ids: list[str]
    key: str  # score key of this update: rows of another are not read

    def among(self, rows: np.ndarray) -> Links:
        """Stored scores of the pairs with both ends in ``rows`` (profile rows), as row
        pairs, sorted: the query walks the primary key from each asked article and keeps the
        partners asked too, so it reads the pairs of those articles, not the table."""
        key = _key_id(self.conn, self.key)
        if key is None or not len(rows):
            return no_links()
        keys = _doc_keys(self.conn, [self.doc_ids[r] for r in rows])
        row = {d: int(r) for r, d in zip(rows, (self.doc_ids[r] for r in rows), strict=True)}
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS pair_nodes (id INTEGER PRIMARY KEY,"
                          " row INTEGER NOT NULL)")
        self.conn.execute("DELETE FROM temp.pair_nodes")
        self.conn.executemany("INSERT INTO temp.pair_nodes VALUES (?, ?)",
                              ((k, row[d]) for d, k in keys.items()))
        found = np.array(self.conn.execute(AMONG, (key,)).fetchall(),
                         dtype=np.float64).reshape(-1, 3)
        self.conn.execute("DELETE FROM temp.pair_nodes")
        left, right = found[:, 0].astype(np.int64), found[:, 1].astype(np.int64)
        lo, hi = np.minimum(left, right), np.maximum(left, right)
        order = np.lexsort((hi, lo))
        return Links(Pairs(lo[order], hi[order]), found[order, 2])


@dataclass(frozen=True)
class Fresh:
    """The pairs an update scored, to store: row pairs of ``doc_ids`` and their scores."""

    doc_ids: list[str]
    links: Links
    key: str


def nothing(key: str = "") -> Fresh:
    """No pairs to store."""
    return Fresh([], no_links(), key)


def _drop_stale(conn: sqlite3.Connection, key: str) -> int:
    """Delete the rows of every score key but ``key`` (never read again); the id of ``key``."""
    conn.execute("INSERT OR IGNORE INTO score_keys (score_key) VALUES (?)", (key,))
    stale = [k for (k,) in conn.execute("SELECT id FROM score_keys WHERE score_key != ?",
                                        (key,))]
    if stale:  # rare (new scoring code): a scan of the table, then it holds one key again
        marks = ",".join("?" * len(stale))
        conn.execute(f"DELETE FROM scored_pairs WHERE key IN ({marks})", stale)
        conn.execute(f"DELETE FROM score_keys WHERE id IN ({marks})", stale)
    return _key_id(conn, key)


def write(conn: sqlite3.Connection, replaced: list[str], fresh: Fresh) -> None:
    """Delete the rows of the ``replaced`` articles (placed again as new: their text changed)
    and those of another score key, and store the ``fresh`` pairs (inside the caller's
    transaction)."""
    gone = _doc_keys(conn, replaced)
    conn.executemany("DELETE FROM scored_pairs WHERE a = ? OR b = ?",
                     ((k, k) for k in gone.values()))
    if not fresh.key:
        return
    key = _drop_stale(conn, fresh.key)
    left, right = fresh.links.pairs.left, fresh.links.pairs.right
    used = np.unique(np.concatenate([left, right]))
    keys = _doc_keys(conn, [fresh.doc_ids[r] for r in used], add=True)
    code = np.zeros(len(fresh.doc_ids), dtype=np.int64)
    code[used] = [keys[fresh.doc_ids[r]] for r in used]
    a, b = code[left], code[right]
    conn.executemany("INSERT OR REPLACE INTO scored_pairs VALUES (?, ?, ?, ?)",
                     zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(),
                         fresh.links.scores.tolist(), [key] * len(a), strict=True))
