"""Stories kept across scheduled runs: an SQLite state file that assigns new articles to the
stories of earlier runs or opens new ones, with story ids that never change.

The state holds each known article's ``doc_id``, content hash, story number and the story it
was first placed in (``articles``), the stories absorbed by an older one (``merges``), the
runs, each profiled article's profile (``profiles``, :mod:`.profile_store`) and every pair
score an update computed (``scored_pairs``, :mod:`.pair_store`). An update reads the new
articles (a known ``doc_id`` whose text changed counts as new), the known ones that could pair
with them (published within the candidate window, or undated) and the other known articles of
those ones' stories, takes their profiles and their pair scores from the state where they still
match, profiles only the rest, and groups them as the batch path would (:mod:`.placement`). No
pair is scored twice (known articles of one story count their stored scores, or 1 where none is
stored); the touched stories are re-formed next to the new articles, so two known stories that
new articles link merge, under the older (smaller) number (the state records absorbed ->
survivor), and a story joined early on little evidence splits when the new articles show two
groups in it: a story keeps its number where most of its articles are, and a piece split off
gets a new number, numbered after every story ever opened, like a group with no known article.
The whole update (articles, moves, merges, profiles, pair scores) is one SQLite transaction
(write-ahead log, full sync): ``kill -9`` at any moment leaves either the state before the run
or the state after it, and two runs at once cannot both write (the second is told to run
again).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from . import pair_store, profile_store, update_rows
from .candidates import Pairs
from .engine import EngineOptions
from .matching import _documents
from .placement import held, place, reach
from .profile_store import CachedProfiles
from .update_rows import UpdateRows

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS articles (doc_id TEXT PRIMARY KEY, content_hash TEXT,"
    " story INTEGER NOT NULL, run INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS runs (run INTEGER PRIMARY KEY, at TEXT NOT NULL,"
    " n_new INTEGER NOT NULL, n_joined INTEGER NOT NULL, n_opened INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS merges (story INTEGER PRIMARY KEY,"
    " merged_into INTEGER NOT NULL, run INTEGER NOT NULL)",
    profile_store.SCHEMA,
    *pair_store.SCHEMA,
)
#: Columns added to a table after its first release: ``(table, column, type)``, added to an
#: older state file when it is opened.
_ADDED_COLUMNS = (("articles", "first_story", "INTEGER"),)


class StateConflict(RuntimeError):
    """Another run updated the state while this one was computing; run again."""


@dataclass(frozen=True)
class StoryUpdate:
    """What one update did, and the corpus's documents table with ``story_id``/``story_size``."""

    table: pd.DataFrame
    n_known: int  # articles of the corpus already in the state (not re-scored)
    n_new: int  # articles added (new or changed)
    n_joined: int  # new articles that joined a story of an earlier run
    n_opened: int  # stories opened by this run
    n_stories: int  # stories in the state after the run
    n_state_only: int  # articles in the state but not in this corpus (kept)
    run: int  # number of this run (0 when nothing was new)
    n_profiled: int = 0  # articles profiled by this run (new, edited, or not cached yet)
    n_profiles_cached: int = 0  # articles whose profiles were read from the state
    n_merged: int = 0  # stories of earlier runs absorbed by an older one in this run
    n_moved: int = 0  # known articles that left their story (a piece split off, or moved)
    #: every story absorbed so far: ``story_id`` (the old id), ``merged_into`` (the story that
    #: holds its articles now) and the ``run`` that merged it; an old id still resolves here
    merged: pd.DataFrame = field(default_factory=lambda: _merged_table({}))


@dataclass(frozen=True)
class Known:
    """The state as read before an update."""

    stories: dict[str, int]  # doc_id -> story number
    hashes: dict[str, str]  # doc_id -> content hash
    last_run: int
    next_story: int
    first: dict[str, int] = field(default_factory=dict)  # doc_id -> story it was placed in
    merged: dict[int, tuple[int, int]] = field(default_factory=dict)  # story -> (into, run)


@contextmanager
def connect(path: str | Path) -> Iterator[sqlite3.Connection]:
    """The state database at ``path`` (created with its folder), WAL mode, full sync."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        for statement in _SCHEMA:
            conn.execute(statement)
        for table, column, kind in _ADDED_COLUMNS:
            if column not in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        yield conn
    finally:
        conn.close()


def read(conn: sqlite3.Connection) -> Known:
    """The known articles, last run, next story number (after every story ever opened, merged
    ones included) and the merges so far."""
    rows = conn.execute("SELECT doc_id, content_hash, story, COALESCE(first_story, story)"
                        " FROM articles").fetchall()
    merged = {s: (into, run) for s, into, run in
              conn.execute("SELECT story, merged_into, run FROM merges")}
    last_run = conn.execute("SELECT COALESCE(MAX(run), 0) FROM runs").fetchone()[0]
    top = max((max(story, first) for _, _, story, first in rows), default=0)
    top = max(top, max(merged, default=0))
    return Known({d: s for d, _, s, _ in rows}, {d: h for d, h, _, _ in rows}, last_run,
                 top + 1, {d: f for d, _, _, f in rows}, merged)


def reset(path: str | Path) -> None:
    """Forget every story of the state at ``path`` (one transaction)."""
    with connect(path) as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM articles")
        conn.execute("DELETE FROM runs")
        conn.execute("DELETE FROM profiles")
        conn.execute("DELETE FROM merges")
        for table in pair_store.TABLES:
            conn.execute(f"DELETE FROM {table}")
        conn.execute("COMMIT")


def _new_mask(documents: pd.DataFrame, known: Known) -> np.ndarray:
    ids = documents["doc_id"].astype(str).tolist()
    hashes = documents["content_hash"].astype("string").fillna("").tolist() \
        if "content_hash" in documents else [""] * len(ids)
    return np.array([d not in known.stories or known.hashes.get(d) != h
                     for d, h in zip(ids, hashes, strict=True)], dtype=bool)


def _subset(table: pd.DataFrame | None, ids: set[str]) -> pd.DataFrame | None:
    if table is None or "doc_id" not in table:
        return table
    return table[table["doc_id"].astype(str).isin(ids)].reset_index(drop=True)


@dataclass(frozen=True)
class Placed:
    """Where an update put its new articles, and the profile rows it built."""

    numbers: np.ndarray  # story number of each new row of the documents, in order
    next_story: int
    profiles: CachedProfiles | None  # None when nothing was placed
    merged: dict[int, int] = field(default_factory=dict)  # absorbed story -> older story
    moved: dict[str, int] = field(default_factory=dict)  # known doc_id -> its story now
    pairs: pair_store.Fresh = field(default_factory=pair_store.nothing)  # pairs to store


def _place(conn: sqlite3.Connection, docs: Any, documents: pd.DataFrame, new: np.ndarray,
           known: Known, options: EngineOptions) -> Placed:
    """Place the new rows of ``documents`` (:func:`.placement.place`) among the rows they
    can reach: the candidate search reads what blocking needs of each reached row, the
    grouping the whole profiles of the rows it can weigh (:mod:`.update_rows`), from the
    state where it still holds them."""
    story_all = np.array([known.stories.get(d, -1) if not is_new else -1 for d, is_new in
                          zip(documents["doc_id"].astype(str), new, strict=True)], np.int64)
    rows = np.flatnonzero(reach(documents, new, options.candidates.window_days, story_all))
    sub = documents.iloc[rows].reset_index(drop=True)
    ids = set(sub["doc_id"].astype(str))
    entities, figures = (_subset(getattr(docs, t, None), ids) for t in ("entities", "figures"))
    reached = UpdateRows(conn, sub, entities, figures)
    story_of = story_all[rows]
    searched = update_rows.candidate_pairs(reached, np.flatnonzero(story_of < 0),
                                           options.candidates)
    kept = held(story_of, searched)
    profiles = reached.profiles(kept)
    key = pair_store.score_key(reached.has_tables)
    kept_ids = profiles.doc_ids
    stored = pair_store.StoredPairs(conn, kept_ids, key)  # read as the grouping asks
    at = np.searchsorted(kept, np.concatenate([searched.left, searched.right]))
    placement = place(profiles, story_of[kept], known.next_story, options, stored,
                      searched=Pairs(at[:len(searched)], at[len(searched):]))
    cached = CachedProfiles(profiles, int(reached.valid.sum()), len(reached.writes),
                            reached.writes)
    return Placed(placement.numbers, placement.next_story, cached, placement.merged,
                  {kept_ids[r]: k for r, k in placement.moved.items()},
                  pair_store.Fresh(kept_ids, placement.store, key))


def _write_articles(conn: sqlite3.Connection, rows: list[tuple[str, str, int, int]]) -> None:
    conn.executemany("INSERT OR REPLACE INTO articles (doc_id, content_hash, story, run,"
                     " first_story) VALUES (?, ?, ?, ?, ?)", [(*r, r[2]) for r in rows])


def _write_merges(conn: sqlite3.Connection, merged: dict[int, int], run: int) -> None:
    """Move the articles of each absorbed story to its survivor, and record the merge (earlier
    merges into an absorbed story now point at the survivor, so every old id resolves in one
    step)."""
    for story, into in sorted(merged.items()):
        conn.execute("UPDATE articles SET story = ? WHERE story = ?", (into, story))
        conn.execute("UPDATE merges SET merged_into = ? WHERE merged_into = ?", (into, story))
        conn.execute("INSERT OR REPLACE INTO merges VALUES (?, ?, ?)", (story, into, run))


def _commit(conn: sqlite3.Connection, known: Known, rows: list[tuple[str, str, int]],
            placed: Placed) -> int:
    """Write one run's articles and the profiles it built in one transaction; returns the run
    number."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        last = conn.execute("SELECT COALESCE(MAX(run), 0) FROM runs").fetchone()[0]
        if last != known.last_run:
            raise StateConflict("the story state was updated by another run meanwhile; "
                                "run again")
        run = last + 1
        profile_store.write(conn, placed.profiles.writes)
        _write_articles(conn, [(d, h, s, run) for d, h, s in rows])
        _write_merges(conn, placed.merged, run)
        # after the merges: a moved article's own story wins over its old story's survivor
        conn.executemany("UPDATE articles SET story = ? WHERE doc_id = ?",
                         [(k, d) for d, k in placed.moved.items()])
        pair_store.write(conn, [d for d, _, _ in rows if d in known.stories], placed.pairs)
        conn.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?)",
                     (run, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), len(rows),
                      int((placed.numbers < known.next_story).sum()),
                      placed.next_story - known.next_story))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return run


def update(docs: Any, path: str | Path, options: EngineOptions | None = None) -> StoryUpdate:
    """Assign the articles of ``docs`` (str, strings, documents table or ``Analysis``) that the
    state at ``path`` does not know to its stories or to new ones; known articles keep their
    story, unless new articles link it with an older one (then both are one, under the older
    id; ``StoryUpdate.merged`` and the table's ``first_story_id`` keep the old ids) or show it
    to hold two groups (the smaller one gets a new id; ``StoryUpdate.n_moved``).
    """
    options = options or EngineOptions()
    # A loaded corpus's notes (docs.attrs) stay aside while the update works.
    docs, attrs = schema.without_attrs(docs) if isinstance(docs, pd.DataFrame) else (docs, {})
    documents = _documents(docs)
    ids = documents["doc_id"].astype(str).tolist()
    with connect(path) as conn:
        known = read(conn)
        new = _new_mask(documents, known)
        placed, run = Placed(np.zeros(0, np.int64), known.next_story, None), 0
        if new.any():
            placed = _place(conn, docs, documents, new, known, options)
            hashes = documents["content_hash"].astype("string").fillna("").tolist() \
                if "content_hash" in documents else [""] * len(ids)
            rows = [(ids[i], hashes[i], int(k))
                    for i, k in zip(np.flatnonzero(new), placed.numbers, strict=True)]
            run = _commit(conn, known, rows, placed)
    return _result(documents, attrs, new, known, placed, run)


def _result(documents: pd.DataFrame, attrs: dict[str, Any], new: np.ndarray, known: Known,
            placed: Placed, run: int) -> StoryUpdate:
    """The :class:`StoryUpdate` of a run (``run`` 0: nothing was new)."""
    ids = documents["doc_id"].astype(str).tolist()
    stories = {d: placed.merged.get(k, k) for d, k in known.stories.items()}
    stories.update(placed.moved)
    first = dict(known.first)
    for i, k in zip(np.flatnonzero(new), placed.numbers, strict=True):
        stories[ids[i]] = first[ids[i]] = int(k)
    merged = {s: (placed.merged.get(into, into), r) for s, (into, r) in known.merged.items()}
    merged.update({s: (into, run) for s, into in placed.merged.items()})
    table = _table(documents, stories, first)
    table.attrs = attrs
    return StoryUpdate(
        table=table, n_known=int((~new).sum()), n_new=int(new.sum()),
        n_joined=int((placed.numbers < known.next_story).sum()),
        n_opened=placed.next_story - known.next_story, n_stories=len(set(stories.values())),
        n_state_only=len(set(stories) - set(ids)), run=run,
        n_profiled=placed.profiles.n_built if placed.profiles else 0,
        n_profiles_cached=placed.profiles.n_cached if placed.profiles else 0,
        n_merged=len(placed.merged), n_moved=len(placed.moved), merged=_merged_table(merged))


def _merged_table(merged: dict[int, tuple[int, int]]) -> pd.DataFrame:
    """``story_id, merged_into, run`` of the absorbed stories, oldest id first."""
    keys = sorted(merged)
    return pd.DataFrame({
        "story_id": pd.array([f"s{k}" for k in keys], dtype="string"),
        "merged_into": pd.array([f"s{merged[k][0]}" for k in keys], dtype="string"),
        "run": pd.array([merged[k][1] for k in keys], dtype="Int64")})


def _table(documents: pd.DataFrame, stories: dict[str, int], first: dict[str, int]
           ) -> pd.DataFrame:
    """``documents`` plus ``story_id`` ("s" + the story number), ``story_size`` (articles of
    that story in the whole state) and ``first_story_id`` (the story the article was placed
    in when it was added: its ``story_id`` until a merge)."""
    sizes = pd.Series(list(stories.values())).value_counts()
    numbers = [stories[d] for d in documents["doc_id"].astype(str)]
    out = documents.copy()
    out["story_id"] = pd.array([f"s{k}" for k in numbers], dtype="string")
    out["story_size"] = pd.array([int(sizes[k]) for k in numbers], dtype="Int64")
    out["first_story_id"] = pd.array([f"s{first.get(d, k)}" for d, k in
                                      zip(documents["doc_id"].astype(str), numbers,
                                          strict=True)], dtype="string")
    return out


def largest(table: pd.DataFrame, n: int = 5) -> list[str]:
    """One line for each of the ``n`` largest stories of ``table`` with two or more articles:
    its id, size in the state, and the title of its first article in the table."""
    multi = table[table["story_size"] > 1]
    if multi.empty:
        return []
    first = multi.drop_duplicates("story_id").sort_values(["story_size", "story_id"],
                                                          ascending=[False, True]).head(n)
    titles = first["title"] if "title" in first else pd.Series(pd.NA, index=first.index)
    return [f"{s} ({k} articles): {t if isinstance(t, str) else '(untitled)'}"
            for s, k, t in zip(first["story_id"], first["story_size"], titles, strict=True)]
