"""Stories kept across scheduled runs: an SQLite state file that assigns new articles to the
stories of earlier runs or opens new ones, with story ids that never change.

The state holds each known article's ``doc_id``, content hash and story number. An update
profiles only the new articles (a known ``doc_id`` whose text changed counts as new), the
known ones that could pair with them (published within the candidate window, or undated) and
the other known articles of those ones' stories, and decides as the batch path
(:func:`.engine.group_candidates`) does: candidate pairs involving a new article that score at
least ``MIN_LINK`` link, and the grouping's lazy completion scores the missing cross pairs of
each pair of groups it weighs, so a new article is weighed against the whole known story (at
most ``MAX_JOINED`` of its articles), not against the one article it happened to pair with.
Known articles are never re-scored against each other: those of one story enter the grouping
already joined (their pairs count 1) and those of two stories count 0 (a run never merges
earlier stories), so known articles never move and story ids stay. A group with no known
article opens a new story, numbered after every story ever opened. The whole update is one
SQLite transaction (write-ahead log, full sync): ``kill -9`` at any moment leaves either the
state before the run or the state after it, and two runs at once cannot both write (the
second is told to run again).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .candidates import Pairs, merge
from .engine import MIN_LINK, EngineOptions, candidates, first_seen, scores
from .grouping import Scorer, group
from .matching import _documents
from .profiles import StoryProfiles, build_profiles
from .published import of_documents

#: Known articles of one story in an update's grouping (caps its certain pairs and the pairs
#: completion scores between a new article and the story).
MAX_JOINED = 50
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS articles (doc_id TEXT PRIMARY KEY, content_hash TEXT,"
    " story INTEGER NOT NULL, run INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS runs (run INTEGER PRIMARY KEY, at TEXT NOT NULL,"
    " n_new INTEGER NOT NULL, n_joined INTEGER NOT NULL, n_opened INTEGER NOT NULL)",
)


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


@dataclass(frozen=True)
class Known:
    """The state as read before an update."""

    stories: dict[str, int]  # doc_id -> story number
    hashes: dict[str, str]  # doc_id -> content hash
    last_run: int
    next_story: int


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
        yield conn
    finally:
        conn.close()


def read(conn: sqlite3.Connection) -> Known:
    """The known articles, last run and next story number."""
    rows = conn.execute("SELECT doc_id, content_hash, story FROM articles").fetchall()
    last_run = conn.execute("SELECT COALESCE(MAX(run), 0) FROM runs").fetchone()[0]
    top = max((story for _, _, story in rows), default=0)
    return Known({d: s for d, _, s in rows}, {d: h for d, h, _ in rows}, last_run, top + 1)


def reset(path: str | Path) -> None:
    """Forget every story of the state at ``path`` (one transaction)."""
    with connect(path) as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM articles")
        conn.execute("DELETE FROM runs")
        conn.execute("COMMIT")


def _new_mask(documents: pd.DataFrame, known: Known) -> np.ndarray:
    ids = documents["doc_id"].astype(str).tolist()
    hashes = documents["content_hash"].astype("string").fillna("").tolist() \
        if "content_hash" in documents else [""] * len(ids)
    return np.array([d not in known.stories or known.hashes.get(d) != h
                     for d, h in zip(ids, hashes, strict=True)], dtype=bool)


def _reach(documents: pd.DataFrame, new: np.ndarray, window: float,
           story_of: np.ndarray) -> np.ndarray:
    """Rows worth profiling: the new articles, the known ones within ``window`` days of one
    (all of them when a new article has no date; undated known ones always), and every known
    article of a story one of those belongs to (a new article is weighed against the whole
    story, as the batch path's completion weighs it). ``story_of``: -1 for new rows."""
    when = of_documents(documents)
    if np.isnan(when[new]).any():
        return np.ones(len(documents), dtype=bool)
    lo, hi = np.min(when[new], initial=np.inf), np.max(when[new], initial=-np.inf)
    near = new | ((when >= lo - window) & (when <= hi + window)) | np.isnan(when)
    active = np.unique(story_of[near & (story_of >= 0)])
    return near | np.isin(story_of, active)


def _members(rows: np.ndarray, story_of: np.ndarray, touched: np.ndarray) -> np.ndarray:
    """Known rows (sorted) of the stories that the ``touched`` rows belong to: at most
    ``MAX_JOINED`` a story, the touched ones first, then the latest rows."""
    known = rows[story_of[rows] >= 0]
    stories = np.unique(story_of[touched][story_of[touched] >= 0])
    known = known[np.isin(story_of[known], stories)]
    order = np.lexsort((-known, ~np.isin(known, touched), story_of[known]))
    known, story = known[order], story_of[known[order]]
    starts = np.flatnonzero(np.r_[len(story) > 0, story[1:] != story[:-1]])
    rank = np.arange(len(known)) - np.repeat(starts, np.diff(np.r_[starts, len(known)]))
    return np.sort(known[rank < MAX_JOINED])


def _certain_pairs(rows: np.ndarray, stories: np.ndarray) -> Pairs:
    """Pairs of known rows of the same story (``rows`` holds at most ``MAX_JOINED`` a story):
    known stories enter the grouping already joined."""
    order = np.lexsort((rows, stories))
    rows, stories = rows[order], stories[order]
    starts = np.flatnonzero(np.r_[True, stories[1:] != stories[:-1]])
    parts = []
    for members in np.split(rows, starts[1:]):
        a, b = np.triu_indices(len(members), k=1)
        parts.append(Pairs(members[a], members[b]))
    return merge(parts)


@dataclass(frozen=True)
class LocalGraph:
    """The articles one update groups: profile ``rows`` (sorted; node k is ``rows[k]``) and
    their known ``story`` numbers (-1 for new articles)."""

    rows: np.ndarray
    story: np.ndarray

    def nodes(self, rows: np.ndarray) -> np.ndarray:
        """Node numbers of profile ``rows`` (all of them in the graph)."""
        return np.searchsorted(self.rows, rows)


def _completion(profiles: StoryProfiles, graph: LocalGraph, options: EngineOptions) -> Scorer:
    """The grouping's scorer of missing node pairs: two known articles are never re-scored
    (1 when of one story, 0 when of two: a run does not merge earlier stories), a pair with a
    new article is scored as the batch path's completion scores it."""
    local = replace(options, engine="local")

    def complete(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b = graph.story[left], graph.story[right]
        known = (a >= 0) & (b >= 0)
        out = (known & (a == b)).astype(np.float64)
        ask = ~known
        if ask.any():
            out[ask] = scores(profiles, Pairs(graph.rows[left[ask]], graph.rows[right[ask]]),
                              local)
        return out

    return complete


def _assign(labels: np.ndarray, story_of: np.ndarray, next_story: int) -> tuple[np.ndarray, int]:
    """Story number of every node of the local graph: a group's best-represented known story
    (ties: the oldest), else a new number in order of first appearance. ``story_of`` is -1 for
    new articles. Returns ``(numbers, next free number)``."""
    ranks = first_seen(labels)
    n_groups = int(ranks.max()) + 1 if len(ranks) else 0
    chosen = np.full(n_groups, -1, dtype=np.int64)
    known = story_of >= 0
    if known.any():
        group_story, counts = np.unique(np.stack([ranks[known], story_of[known]]), axis=1,
                                        return_counts=True)
        order = np.lexsort((group_story[1], -counts, group_story[0]))
        first = np.r_[True, group_story[0][order][1:] != group_story[0][order][:-1]]
        chosen[group_story[0][order][first]] = group_story[1][order][first]
    opened = np.flatnonzero(chosen < 0)  # groups of new articles only, in order
    chosen[opened] = next_story + np.arange(len(opened))
    out = story_of.copy()
    out[~known] = chosen[ranks[~known]]
    return out, next_story + len(opened)


def _subset(table: pd.DataFrame | None, ids: set[str]) -> pd.DataFrame | None:
    if table is None or "doc_id" not in table:
        return table
    return table[table["doc_id"].astype(str).isin(ids)].reset_index(drop=True)


def _place(docs: Any, documents: pd.DataFrame, new: np.ndarray, known: Known,
           options: EngineOptions) -> tuple[np.ndarray, int]:
    """Story numbers of the new rows of ``documents`` and the next free number: the batch
    path's grouping (:func:`.engine.group_candidates`: candidate pairs of at least
    ``MIN_LINK`` link, lazy completion) of the new articles, their linked partners and the
    known stories of those, known stories entering already joined."""
    story_all = np.array([known.stories.get(d, -1) if not is_new else -1 for d, is_new in
                          zip(documents["doc_id"].astype(str), new, strict=True)], np.int64)
    reach = np.flatnonzero(_reach(documents, new, options.candidates.window_days, story_all))
    sub = documents.iloc[reach].reset_index(drop=True)
    ids = set(sub["doc_id"].astype(str))
    profiles = build_profiles(sub, _subset(getattr(docs, "entities", None), ids),
                              _subset(getattr(docs, "figures", None), ids))
    story_of = story_all[reach]
    new_rows = np.flatnonzero(new[reach])
    pairs = candidates(profiles, options, rows=new_rows)
    scored = scores(profiles, pairs, options)
    link = scored >= MIN_LINK
    pairs, scored = Pairs(pairs.left[link], pairs.right[link]), scored[link]
    touched = np.unique(np.concatenate([new_rows, pairs.left, pairs.right]))
    old = _members(np.arange(len(story_of)), story_of, touched)
    graph = LocalGraph(np.union1d(touched, old), story_of[np.union1d(touched, old)])
    certain = _certain_pairs(old, story_of[old])
    left = graph.nodes(np.concatenate([pairs.left, certain.left]))
    right = graph.nodes(np.concatenate([pairs.right, certain.right]))
    weight = np.concatenate([scored, np.ones(len(certain))])
    order = np.lexsort((right, left))
    labels = group(len(graph.rows), left[order], right[order], weight[order],
                   complete=_completion(profiles, graph, options))
    numbers, next_story = _assign(labels, graph.story, known.next_story)
    return numbers[graph.nodes(new_rows)], next_story


def _write_articles(conn: sqlite3.Connection, rows: list[tuple[str, str, int, int]]) -> None:
    conn.executemany("INSERT OR REPLACE INTO articles (doc_id, content_hash, story, run) "
                     "VALUES (?, ?, ?, ?)", rows)


def _commit(conn: sqlite3.Connection, known: Known, rows: list[tuple[str, str, int]],
            n_joined: int, n_opened: int) -> int:
    """Write one run's articles in one transaction; returns the run number."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        last = conn.execute("SELECT COALESCE(MAX(run), 0) FROM runs").fetchone()[0]
        if last != known.last_run:
            raise StateConflict("the story state was updated by another run meanwhile; "
                                "run again")
        run = last + 1
        _write_articles(conn, [(d, h, s, run) for d, h, s in rows])
        conn.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?)",
                     (run, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), len(rows),
                      n_joined, n_opened))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return run


def update(docs: Any, path: str | Path, options: EngineOptions | None = None) -> StoryUpdate:
    """Assign the articles of ``docs`` (str, strings, documents table or ``Analysis``) that the
    state at ``path`` does not know to its stories or to new ones; known articles keep theirs.
    """
    options = options or EngineOptions()
    documents = _documents(docs)
    ids = documents["doc_id"].astype(str).tolist()
    with connect(path) as conn:
        known = read(conn)
        new = _new_mask(documents, known)
        numbers, next_story, run = np.zeros(0, np.int64), known.next_story, 0
        if new.any():
            numbers, next_story = _place(docs, documents, new, known, options)
            hashes = documents["content_hash"].astype("string").fillna("").tolist() \
                if "content_hash" in documents else [""] * len(ids)
            rows = [(ids[i], hashes[i], int(k))
                    for i, k in zip(np.flatnonzero(new), numbers, strict=True)]
            n_joined = int((numbers < known.next_story).sum())
            run = _commit(conn, known, rows, n_joined, next_story - known.next_story)
    stories = dict(known.stories)
    stories.update({ids[i]: int(k) for i, k in zip(np.flatnonzero(new), numbers, strict=True)})
    return StoryUpdate(
        table=_table(documents, stories), n_known=int((~new).sum()), n_new=int(new.sum()),
        n_joined=int((numbers < known.next_story).sum()),
        n_opened=next_story - known.next_story, n_stories=len(set(stories.values())),
        n_state_only=len(set(stories) - set(ids)), run=run)


def _table(documents: pd.DataFrame, stories: dict[str, int]) -> pd.DataFrame:
    """``documents`` plus ``story_id`` ("s" + the story number) and ``story_size`` (articles of
    that story in the whole state)."""
    sizes = pd.Series(list(stories.values())).value_counts()
    numbers = [stories[d] for d in documents["doc_id"].astype(str)]
    out = documents.copy()
    out["story_id"] = pd.array([f"s{k}" for k in numbers], dtype="string")
    out["story_size"] = pd.array([int(sizes[k]) for k in numbers], dtype="Int64")
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
