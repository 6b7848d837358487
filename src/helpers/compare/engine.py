"""Story grouping at scale: profiles → candidate pairs → pair scores → groups.

Never a dense n×n table: :mod:`.candidates` proposes about ``top_k`` partners per article,
only those pairs are scored (:func:`.scoring.score_pairs`) and grouped
(:func:`.grouping.group`). Up to :data:`SMALL_CORPUS` articles :func:`stories` keeps the exact
all-pairs grouping of :func:`.matching.stories`. The candidate and scoring stages run locally
or as Dask tasks (``engine="dask"``, the scheduler of ``helpers.dask_engine``) with identical
results: the tasks are the same functions on the same slabs and chunks, merged in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .candidates import (
    CandidateParams,
    Pairs,
    blocking,
    merge,
    plan,
    slab_pairs,
    with_corpus_df,
)
from .grouping import JOIN_LEVEL, group, in_sorted
from .matching import _documents, pair_frame, top_k_mask, with_labels
from .matching import stories as matching_stories
from .profiles import StoryProfiles, build_profiles, release_memory
from .scoring import score_pairs

#: Up to this many articles ``stories`` scores every pair (exact); above, candidate pairs.
SMALL_CORPUS = 1000
#: Pairs scored per task (a chunk's feature table, 24 float64 a pair, is its memory).
SCORE_CHUNK = 50_000


@dataclass(frozen=True)
class EngineOptions:
    """Where and how the scale path runs."""

    candidates: CandidateParams = field(default_factory=CandidateParams)
    engine: str = "local"  # "local" or "dask"
    scheduler: Any = None  # Dask scheduler address, Client or cluster when engine="dask"
    score_chunk: int = SCORE_CHUNK


@dataclass(frozen=True)
class StoryGraph:
    """Scored candidate pairs of a corpus and the story label of each article."""

    profiles: StoryProfiles
    pairs: Pairs
    scores: np.ndarray
    labels: np.ndarray


def all_pairs(n: int) -> Pairs:
    """Every unordered pair of ``n`` rows (the exact path; quadratic, for small corpora)."""
    left, right = np.triu_indices(n, k=1)
    return Pairs(left.astype(np.int64), right.astype(np.int64))


def candidates(profiles: StoryProfiles, options: EngineOptions | None = None,
               rows: np.ndarray | None = None) -> Pairs:
    """Candidate pairs (only those involving ``rows`` when given), locally or on Dask."""
    options = options or EngineOptions()
    block = blocking(profiles)
    slabs = plan(block, options.candidates, rows)
    block = with_corpus_df(block, slabs, options.candidates)
    if options.engine != "dask":
        pairs = merge(slab_pairs(block, slab, options.candidates) for slab in slabs)
    else:
        with _client(options) as client:
            shared = client.scatter(block, broadcast=True)
            futures = [client.submit(slab_pairs, shared, slab, options.candidates, pure=False)
                       for slab in slabs]
            pairs = merge(client.gather(futures))
    del block
    release_memory()  # the slabs' and the union's temporaries, before the pairs are scored
    return pairs


def scores(profiles: StoryProfiles, pairs: Pairs, options: EngineOptions | None = None
           ) -> np.ndarray:
    """Score of every pair, in chunks of ``score_chunk``, locally or on Dask."""
    options = options or EngineOptions()
    bounds = range(0, len(pairs), options.score_chunk)
    chunks = [(pairs.left[lo:lo + options.score_chunk], pairs.right[lo:lo + options.score_chunk])
              for lo in bounds]
    if options.engine != "dask":
        parts = []
        for left, right in chunks:
            parts.append(score_pairs(profiles, left, right))
            release_memory()  # a chunk's feature rows, freed, would stay resident
    else:
        with _client(options) as client:
            shared = client.scatter(profiles, broadcast=True)
            futures = [client.submit(score_pairs, shared, left, right, pure=False)
                       for left, right in chunks]
            parts = client.gather(futures)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float64)


class _client:
    """``with _client(options) as client``: a Dask client, closed after use when opened here."""

    def __init__(self, options: EngineOptions):
        from ..dask_engine import connect

        self.client, self.owned = connect(options.scheduler)

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.owned:
            self.client.close()


def story_graph(profiles: StoryProfiles, options: EngineOptions | None = None,
                exact: bool = False) -> StoryGraph:
    """Candidate pairs (every pair when ``exact``), their scores and the story labels."""
    n = len(profiles.doc_ids)
    pairs = all_pairs(n) if exact else candidates(profiles, options)
    scored = scores(profiles, pairs, options)
    if exact:
        return StoryGraph(profiles, pairs, scored, group(n, pairs.left, pairs.right, scored))
    pairs, scored = closure(profiles, pairs, scored, options)
    return StoryGraph(profiles, pairs, scored, group_candidates(profiles, pairs, scored, options))


def closure(profiles: StoryProfiles, pairs: Pairs, scored: np.ndarray,
            options: EngineOptions | None = None,
            wanted: Callable[[Pairs], np.ndarray] | None = None) -> tuple[Pairs, np.ndarray]:
    """The scored candidate pairs plus the pairs they imply, scored: ``(i, k)`` when the
    candidates ``(i, j)`` and ``(j, k)`` both score at least :data:`.grouping.JOIN_LEVEL` and
    ``j`` has at most ``top_k`` such partners (``pairs``: unique and sorted, as
    :func:`candidates` gives them; so is the result). ``wanted`` (mask of the implied pairs
    to keep) drops implied pairs before they are scored: a story-state update drops those of
    two known articles of one story, already joined (:mod:`.placement`).

    Blocking proposes each article's best partners, so two reports of one story may both pair
    with a third and never with each other (their shared terms rank below other partners'); the
    grouping then weighs them only once their groups are linked, and may have joined one of
    them elsewhere by then. Two strong links make the third pair a candidate from the start.
    A hub (more strong partners than ``top_k``) implies nothing: its implied pairs would grow
    with the square of its links, and its partners' pairs are left to the grouping's lazy
    completion. The implied pairs are slotted into the sorted list by binary search (no
    re-sort of millions of pairs), and the heap is trimmed after: the grouping that follows
    is the 100,000-article run's peak."""
    options = options or EngineOptions()
    n = len(profiles.doc_ids)
    known = pairs.left * n + pairs.right
    if len(known) > 1 and not bool((known[1:] > known[:-1]).all()):
        raise ValueError("closure: pairs must be unique and sorted, as candidates() gives them")
    implied = _implied(n, pairs, scored >= JOIN_LEVEL, options.candidates.top_k, known)
    if wanted is not None:
        keep = wanted(implied)
        implied = Pairs(implied.left[keep], implied.right[keep])
    at = np.searchsorted(known, implied.left * n + implied.right)
    del known
    if not len(implied):
        return pairs, scored
    added = scores(profiles, implied, options)
    at += np.arange(len(at))  # the implied pairs' places in the merged list
    old = np.ones(len(pairs) + len(implied), dtype=bool)
    old[at] = False

    def merged(before: np.ndarray, new: np.ndarray) -> np.ndarray:
        out = np.empty(len(old), dtype=before.dtype)
        out[old], out[at] = before, new
        return out

    result = (Pairs(merged(pairs.left, implied.left), merged(pairs.right, implied.right)),
              merged(scored, added))
    release_memory()
    return result


#: Common partners whose implied pairs are made at a time (bounds the product's memory).
IMPLIED_CHUNK = 10_000


def _implied(n: int, pairs: Pairs, strong: np.ndarray, max_partners: int, known: np.ndarray
             ) -> Pairs:
    """Pairs ``(i, k)``, ``i < k``, with a common partner ``j`` of at most ``max_partners``
    through two ``strong`` pairs, that are not among the sorted pair codes ``known``
    (``i * n + k``) (unique, sorted)."""
    a, b = pairs.left[strong], pairs.right[strong]
    hub, partner = np.concatenate([a, b]), np.concatenate([b, a])
    fits = np.bincount(hub, minlength=n)[hub] <= max_partners
    links = sp.csr_matrix((np.ones(int(fits.sum()), dtype=np.int32),
                           (hub[fits], partner[fits])), shape=(n, n))
    found = []
    for lo in range(0, n, IMPLIED_CHUNK):
        part = links[lo:lo + IMPLIED_CHUNK]
        two = sp.triu(part.T @ part, k=1).tocoo()
        code = two.row.astype(np.int64) * n + two.col
        found.append(code[~in_sorted(code, known)])
    code = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return Pairs(code // n, code % n)


#: Candidate pairs scoring below this do not link two groups by themselves (a group pair
#: linked only by such pairs cannot reach the join level); they still count when the pair
#: of groups is completed.
MIN_LINK = 0.2


def group_candidates(profiles: StoryProfiles, pairs: Pairs, scored: np.ndarray,
                     options: EngineOptions | None = None) -> np.ndarray:
    """Story labels from scored candidate pairs: the pairs of at least :data:`MIN_LINK` link
    groups, and the grouping scores the other cross pairs of each pair of groups it weighs
    (lazy completion, :func:`.grouping.group`), so its means are those of the exact path."""
    link = scored >= MIN_LINK
    return group(len(profiles.doc_ids), pairs.left[link], pairs.right[link], scored[link],
                 complete=completion(profiles, options))


def completion(profiles: StoryProfiles, options: EngineOptions | None = None
               ) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """The grouping's scorer of missing pairs: :func:`scores`, in this process (the rounds of
    the grouping ask for few pairs at a time; a pair scores the same anywhere)."""
    local = replace(options or EngineOptions(), engine="local")

    def complete(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return scores(profiles, Pairs(left, right), local)

    return complete


def first_seen(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered 0, 1, … in order of first appearance."""
    labels = np.asarray(labels)
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse.ravel()]


def label_table(documents: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    """``documents`` plus ``story_id`` ("s1", … by first article) and ``story_size``."""
    return with_labels(documents, first_seen(labels).tolist())


def _tables(docs: Any) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The entities and figures tables of an ``Analysis`` (None for plain documents)."""
    return getattr(docs, "entities", None), getattr(docs, "figures", None)


def stories(docs: Any, options: EngineOptions | None = None,
            small: int | None = None) -> pd.DataFrame:
    """The documents table plus ``story_id`` and ``story_size``: exact all-pairs grouping up to
    ``small`` articles (default :data:`SMALL_CORPUS`; :func:`.matching.stories`), the
    candidate path above."""
    documents = _documents(docs)
    if len(documents) <= (SMALL_CORPUS if small is None else small):
        return matching_stories(docs)
    profiles = build_profiles(documents, *_tables(docs))
    return label_table(documents, story_graph(profiles, options).labels)


def sparse_similarity(docs: Any, min_score: float | None = None, top_k: int | None = None,
                      options: EngineOptions | None = None) -> pd.DataFrame:
    """``doc_a, doc_b, score`` for candidate pairs only: each article's ``top_k`` best partners
    (default: the candidates' ``top_k``) scoring at least ``min_score``, in document order."""
    options = options or EngineOptions()
    if top_k is not None:
        options = replace(options, candidates=replace(options.candidates, top_k=top_k))
    documents = _documents(docs)
    profiles = build_profiles(documents, *_tables(docs))
    pairs = candidates(profiles, options)
    scored = scores(profiles, pairs, options)
    keep = _top_by_score(pairs, scored, options.candidates.top_k)
    if min_score is not None:
        keep &= scored >= min_score
    return pair_frame(profiles.doc_ids, pairs.left[keep], pairs.right[keep], scored[keep])


def _top_by_score(pairs: Pairs, scored: np.ndarray, k: int) -> np.ndarray:
    """Mask of the pairs among the ``k`` best of either of their articles."""
    both = top_k_mask(np.concatenate([pairs.left, pairs.right]), np.tile(scored, 2), k)
    return both[:len(pairs)] | both[len(pairs):]
