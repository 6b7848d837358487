"""Same-story matching: pairwise similarity and story grouping.

Each article becomes a sparse vector of its words and word pairs (title + text), weighted by
``(1 + ln tf) × surprisal`` under the background model of :mod:`.text`; the score of a pair is
the cosine of their vectors. Nothing depends on the batch (no corpus IDF), so a pair scores the
same alone as inside any corpus. ``stories`` groups articles by average-linkage clustering of
these scores, stopping at :data:`STORY_THRESHOLD`, so the number of stories is found, not given.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from ..loading import as_documents
from .text import surprisal, tokens

#: Average-linkage stop: clusters whose mean pairwise score is below this stay apart.
#: Calibrated on the BASIL dev set (ARI ≥ 0.975 anywhere in 0.18–0.22); the middle is taken.
STORY_THRESHOLD = 0.20
#: Scores are rounded so that batch and pair computations agree to the last printed digit.
DIGITS = 10
#: Matrix columns processed at a time (bounds memory for large corpora).
_CHUNK = 4096
#: Terms in at least this many documents (or 5% of them) go through dense matrix products.
_DENSE_MIN_DF = 8
#: Up to this many documents everything is one dense product (fastest for small batches).
_SMALL = 200


def _documents(docs: Any) -> pd.DataFrame:
    """Documents table of ``docs``: a str, strings, a documents table, or an ``Analysis``."""
    if isinstance(getattr(docs, "documents", None), pd.DataFrame):
        docs = docs.documents
    return as_documents(docs)


def _text_of(row: dict[str, Any]) -> str:
    title = row.get("title")
    text = row.get("text") or ""
    if isinstance(title, str) and title.strip() and not text.startswith(title):
        return f"{title}\n{text}"
    return text


def vector(text: str) -> dict[str, float]:
    """Unit-length term vector of one text: words and adjacent word pairs, weighted by
    ``(1 + ln tf) × surprisal`` (a pair weighs the mean surprisal of its two words)."""
    words = tokens(text)
    counts = Counter(words)
    counts.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    weights = {}
    for term, n in counts.items():
        if " " in term:
            a, b = term.split(" ", 1)
            w = (surprisal(a) + surprisal(b)) / 2
        else:
            w = surprisal(term)
        weights[term] = (1.0 + math.log(n)) * w
    norm = math.sqrt(sum(x * x for x in weights.values()))
    return {t: x / norm for t, x in weights.items()} if norm else {}


def _score_matrix(vectors: list[dict[str, float]]) -> np.ndarray:
    """Cosine matrix of unit vectors; only terms shared by two or more documents matter.

    Frequent terms go through dense block products; rare ones (most of the vocabulary) add
    their few document pairs directly, which keeps large corpora fast."""
    n = len(vectors)
    df = Counter(t for v in vectors for t in v)
    dense_from = 2 if n <= _SMALL else max(_DENSE_MIN_DF, n // 20)
    dense_vocab = sorted(t for t, k in df.items() if k >= dense_from)
    sparse_vocab = sorted(t for t, k in df.items() if 1 < k < dense_from)
    dense_index = {t: i for i, t in enumerate(dense_vocab)}
    sparse_index = {t: i for i, t in enumerate(sparse_vocab)}
    rows, cols, vals = [], [], []
    postings: list[list[tuple[int, float]]] = [[] for _ in sparse_vocab]
    for d, v in enumerate(vectors):
        for t, x in v.items():
            j = dense_index.get(t)
            if j is not None:
                rows.append(d)
                cols.append(j)
                vals.append(x)
                continue
            j = sparse_index.get(t)
            if j is not None:
                postings[j].append((d, x))
    scores = np.zeros((n, n), dtype=np.float64)
    r, c, x = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64), np.asarray(vals)
    for lo in range(0, len(dense_vocab), _CHUNK):
        hi = min(lo + _CHUNK, len(dense_vocab))
        keep = (c >= lo) & (c < hi)
        block = np.zeros((n, hi - lo), dtype=np.float64)
        block[r[keep], c[keep] - lo] = x[keep]
        scores += block @ block.T
    if postings:
        # Terms with the same document frequency k are stacked, so their pairs come at once.
        by_df: dict[int, list[list[tuple[int, float]]]] = {}
        for plist in postings:
            by_df.setdefault(len(plist), []).append(plist)
        flat, weights = [], []
        for k, lists in by_df.items():
            docs = np.array([[d for d, _ in p] for p in lists], dtype=np.int64)
            w = np.array([[v for _, v in p] for p in lists], dtype=np.float64)
            a, b = np.triu_indices(k, k=1)
            flat.append((docs[:, a] * n + docs[:, b]).ravel())
            weights.append((w[:, a] * w[:, b]).ravel())
        pair_sums = np.bincount(np.concatenate(flat), weights=np.concatenate(weights),
                                minlength=n * n).reshape(n, n)
        scores += pair_sums + pair_sums.T
    np.clip(scores, 0.0, 1.0, out=scores)
    np.fill_diagonal(scores, 1.0)
    return np.round(scores, DIGITS)


def score_matrix(docs: Any) -> tuple[list[str], np.ndarray]:
    """``(doc_ids, n×n score matrix)`` for ``docs`` (str, strings, documents table, Analysis)."""
    documents = _documents(docs)
    vectors = [vector(_text_of(r)) for r in documents.to_dict("records")]
    return list(documents["doc_id"]), _score_matrix(vectors)


def pair_score(text_a: str, text_b: str) -> float:
    """Similarity of two texts (same value as inside any batch)."""
    return float(_score_matrix([vector(text_a), vector(text_b)])[0, 1])


def pairs_table(ids: list[str], scores: np.ndarray, min_score: float = 0.0) -> pd.DataFrame:
    """Upper triangle of a score matrix as ``doc_a, doc_b, score`` (pairs below ``min_score``
    left out)."""
    a, b = np.triu_indices(len(ids), k=1)
    values = scores[a, b]
    if min_score > 0:
        keep = values >= min_score
        a, b, values = a[keep], b[keep], values[keep]
    ids_arr = np.asarray(ids, dtype=object)
    return pd.DataFrame(
        {
            "doc_a": pd.array(ids_arr[a], dtype="string"),
            "doc_b": pd.array(ids_arr[b], dtype="string"),
            "score": pd.array(values, dtype="Float64"),
        }
    )


def similarity(docs: Any) -> pd.DataFrame:
    """Pairwise table ``doc_a, doc_b, score`` (0..1, 1 = same story), one row per unordered pair
    in document order. The score is a background-weighted cosine (see module docstring)."""
    ids, scores = score_matrix(docs)
    return pairs_table(ids, scores)


def cluster(scores: np.ndarray, threshold: float = STORY_THRESHOLD) -> list[int]:
    """Average-linkage agglomerative clustering of a similarity matrix; merging stops when the
    best mean between-cluster score falls below ``threshold``. Returns a label per row, numbered
    by first appearance."""
    n = len(scores)
    if n == 0:
        return []
    sums = scores.astype(np.float64).copy()  # sum of pairwise scores between clusters
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members = [[i] for i in range(n)]
    np.fill_diagonal(sums, -np.inf)
    while alive.sum() > 1:
        mean = sums / np.outer(sizes, sizes)
        mean[~alive, :] = -np.inf
        mean[:, ~alive] = -np.inf
        k = int(np.argmax(mean))
        i, j = divmod(k, n)
        if mean[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sums[i, i] = -np.inf
        sizes[i] += sizes[j]
        alive[j] = False
        members[i].extend(members[j])
        members[j] = []
    labels = [-1] * n
    order = sorted((min(m), m) for m in members if m)
    for k, (_, m) in enumerate(order):
        for i in m:
            labels[i] = k
    return labels


def stories(docs: Any, threshold: float = STORY_THRESHOLD) -> pd.DataFrame:
    """The documents table plus ``story_id`` ("s1", "s2", … by first article) grouping articles
    about the same story, and ``story_size`` (articles in that story). ``docs``: a str,
    strings, a documents table or an ``Analysis``."""
    documents = _documents(docs)
    vectors = [vector(_text_of(r)) for r in documents.to_dict("records")]
    return label_stories(documents, _score_matrix(vectors), threshold)


def label_stories(
    documents: pd.DataFrame, scores: np.ndarray, threshold: float = STORY_THRESHOLD
) -> pd.DataFrame:
    """``documents`` plus ``story_id`` and ``story_size`` from a precomputed score matrix."""
    documents = documents.copy()
    labels = cluster(scores, threshold)
    documents["story_id"] = pd.array([f"s{k + 1}" for k in labels], dtype="string")
    sizes = Counter(labels)
    documents["story_size"] = pd.array([sizes[k] for k in labels], dtype="Int64")
    return documents
