"""Same-story matching: pairwise similarity and story grouping, for a batch of articles.

The score of a pair is :func:`.scoring.score_pairs` on the articles' profiles
(:mod:`.profiles`): the probability, from a logistic model fitted on the development sets'
tune halves, that the two articles report the same event, from their words, embedding, title,
entities, figures, dates and publication dates. It depends on the pair alone, so a pair scores
the same alone as inside any corpus. ``stories`` groups articles by average linkage over
those scores (:mod:`.grouping`), stopping at the fitted merge level :data:`STORY_THRESHOLD`,
so the number of stories is found, not given. Passing an ``Analysis`` brings its entity and
figure tables; plain texts are scored with the text-only weights.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from ..loading import as_documents
from .grouping import group
from .profiles import StoryProfiles, build_profiles, story_text, term_weights
from .scoring import merge_level, score_pairs

#: Average-linkage stop: groups whose mean pairwise score is below this stay apart (the merge
#: level fitted with the weights, ``data/story_weights.csv``).
STORY_THRESHOLD = merge_level()
#: Up to this many articles ``stories`` scores every pair; beyond, pairs below
#: :data:`MIN_EDGE` are left out of the grouping (they count as 0, nearly what they are).
EXACT_UP_TO = 2000
MIN_EDGE = 0.02


def _documents(docs: Any) -> pd.DataFrame:
    """Documents table of ``docs``: a str, strings, a documents table, or an ``Analysis``."""
    if isinstance(getattr(docs, "documents", None), pd.DataFrame):
        docs = docs.documents
    return as_documents(docs)


def _text_of(row: dict[str, Any]) -> str:
    return story_text(row.get("title"), row.get("text"))


def vector(text: str) -> dict[str, float]:
    """Unit-length term vector of one text: words and adjacent word pairs, weighted by
    ``(1 + ln tf) × surprisal`` (a pair weighs the mean surprisal of its two words)."""
    weights_ = term_weights(text)
    norm = sum(x * x for x in weights_.values()) ** 0.5
    return {t: x / norm for t, x in weights_.items()} if norm else {}


def _tables(docs: Any) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The entities and figures tables when ``docs`` is an ``Analysis``, else None."""
    entities = getattr(docs, "entities", None)
    figures = getattr(docs, "figures", None)
    if isinstance(entities, pd.DataFrame) and isinstance(figures, pd.DataFrame):
        return entities, figures
    return None, None


def profiles_of(docs: Any) -> StoryProfiles:
    """Story profiles of ``docs``; an ``Analysis`` brings its entity and figure tables."""
    entities, figures = _tables(docs)
    return build_profiles(_documents(docs), entities, figures)


def score_matrix(docs: Any) -> tuple[list[str], np.ndarray]:
    """``(doc_ids, n×n score matrix)`` for ``docs`` (str, strings, documents table, Analysis):
    every pair scored by :func:`.scoring.score_pairs` (for small corpora)."""
    profiles = profiles_of(docs)
    n = len(profiles)
    a, b = np.triu_indices(n, k=1)
    scores = np.eye(n, dtype=np.float64)
    values = score_pairs(profiles, a, b)
    scores[a, b] = values
    scores[b, a] = values
    return profiles.doc_ids, scores


def pair_score(text_a: str, text_b: str) -> float:
    """Same-event score of two texts (same value as inside any batch of texts)."""
    profiles = build_profiles(as_documents([text_a, text_b]))
    return float(score_pairs(profiles, np.array([0]), np.array([1]))[0])


def pairs_table(ids: list[str], scores: np.ndarray, min_score: float = 0.0) -> pd.DataFrame:
    """Upper triangle of a score matrix as ``doc_a, doc_b, score`` (pairs below ``min_score``
    left out)."""
    a, b = np.triu_indices(len(ids), k=1)
    values = scores[a, b]
    if min_score > 0:
        keep = values >= min_score
        a, b, values = a[keep], b[keep], values[keep]
    return pair_frame(ids, a, b, values)


def similarity(docs: Any, min_score: float | None = None, top_k: int | None = None
               ) -> pd.DataFrame:
    """Pairwise table ``doc_a, doc_b, score`` (0..1: the probability that the two articles
    report the same event), one row per unordered pair in document order.

    Sparse options: ``min_score`` keeps the pairs scoring at least that; ``top_k`` keeps, for
    each article, its ``top_k`` best-scoring partners (a pair stays when either article keeps
    it). Pairs are scored a block of rows at a time, so the dense matrix is never built."""
    profiles = profiles_of(docs)
    if min_score is None and top_k is None:
        n = len(profiles)
        a, b = np.triu_indices(n, k=1)
        return pair_frame(profiles.doc_ids, a, b, score_pairs(profiles, a, b))
    a, b, s = sparse_pairs(profiles, min_score or 0.0, top_k)
    return pair_frame(profiles.doc_ids, a, b, s)


def sparse_pairs(profiles: StoryProfiles, min_score: float = 0.0, top_k: int | None = None,
                 block: int = 256) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``i < j`` scoring at least ``min_score`` (and among either article's ``top_k``
    best when given), scored ``block`` rows at a time against all later rows."""
    n = len(profiles)
    kept_a, kept_b, kept_s = [], [], []
    for lo in range(0, n, block):
        rows = np.arange(lo, min(lo + block, n))
        left = np.repeat(rows, n)
        right = np.tile(np.arange(n), len(rows))
        keep = left != right
        left, right = left[keep], right[keep]
        s = score_pairs(profiles, left, right)
        keep = s >= min_score
        if top_k is not None:
            keep &= top_k_mask(left, s, top_k)
        lo_idx = np.minimum(left[keep], right[keep])
        hi_idx = np.maximum(left[keep], right[keep])
        kept_a.append(lo_idx)
        kept_b.append(hi_idx)
        kept_s.append(s[keep])
    if not kept_a:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    a, b, s = np.concatenate(kept_a), np.concatenate(kept_b), np.concatenate(kept_s)
    key, first = np.unique(a * max(n, 1) + b, return_index=True)
    return a[first], b[first], s[first]


def top_k_mask(left: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """True for each row's ``k`` highest scores (ties: the earlier pair)."""
    order = np.lexsort((-scores, left))
    rank = np.empty(len(order), dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(np.diff(left[order])) + 1]
    counts = np.diff(np.r_[starts, len(order)])
    rank[order] = np.arange(len(order)) - np.repeat(starts, counts)
    return rank < k


def pair_frame(ids: list[str], a: np.ndarray, b: np.ndarray, values: np.ndarray
               ) -> pd.DataFrame:
    """The ``doc_a, doc_b, score`` table of row pairs ``a[k], b[k]`` of the articles ``ids``."""
    ids_arr = np.asarray(ids, dtype=object)
    return pd.DataFrame(
        {
            "doc_a": pd.array(ids_arr[a], dtype="string"),
            "doc_b": pd.array(ids_arr[b], dtype="string"),
            "score": pd.array(values, dtype="Float64"),
        }
    )


def cluster(scores: np.ndarray, threshold: float = STORY_THRESHOLD) -> list[int]:
    """Average-linkage clustering of a dense similarity matrix (:func:`.grouping.group` on
    its upper triangle); merging stops when the best mean between-cluster score falls below
    ``threshold``. Returns a label per row, numbered by first appearance."""
    n = len(scores)
    a, b = np.triu_indices(n, k=1)
    values = np.asarray(scores, dtype=np.float64)[a, b]
    return group(n, a, b, values, threshold, join_level=threshold).tolist()


def story_labels(profiles: StoryProfiles, threshold: float = STORY_THRESHOLD) -> np.ndarray:
    """Story label of each profile row: every pair up to :data:`EXACT_UP_TO` articles, else
    the pairs scoring at least :data:`MIN_EDGE`."""
    n = len(profiles)
    if n <= EXACT_UP_TO:
        a, b = np.triu_indices(n, k=1)
        return group(n, a, b, score_pairs(profiles, a, b), threshold)
    a, b, s = sparse_pairs(profiles, MIN_EDGE)
    return group(n, a, b, s, threshold)


def stories(docs: Any, threshold: float = STORY_THRESHOLD) -> pd.DataFrame:
    """The documents table plus ``story_id`` ("s1", "s2", … by first article) grouping articles
    about the same story, and ``story_size`` (articles in that story). ``docs``: a str,
    strings, a documents table or an ``Analysis``."""
    documents = _documents(docs)
    return with_labels(documents, story_labels(profiles_of(docs), threshold).tolist())


def label_stories(
    documents: pd.DataFrame, scores: np.ndarray, threshold: float = STORY_THRESHOLD
) -> pd.DataFrame:
    """``documents`` plus ``story_id`` and ``story_size`` from a precomputed score matrix
    (grouped as :func:`stories` does)."""
    n = len(scores)
    a, b = np.triu_indices(n, k=1)
    values = np.asarray(scores, dtype=np.float64)[a, b]
    return with_labels(documents, group(n, a, b, values, threshold).tolist())


def with_labels(documents: pd.DataFrame, labels: list[int]) -> pd.DataFrame:
    """``documents`` plus ``story_id`` ("s1", …) and ``story_size`` from story labels."""
    documents = documents.copy()
    documents["story_id"] = pd.array([f"s{k + 1}" for k in labels], dtype="string")
    sizes = Counter(labels)
    documents["story_size"] = pd.array([sizes[k] for k in labels], dtype="Int64")
    return documents
