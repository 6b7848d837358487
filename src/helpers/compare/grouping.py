"""Story grouping from a sparse list of scored pairs: average linkage by reciprocal nearest
neighbours.

Two groups merge while the MEAN score over all their cross pairs is at least the merge level,
a pair absent from the list counting 0; a single article joins at a lower level
(:data:`JOIN_LEVEL`). When two groups are each other's best match but stay apart, their pair
is set aside and each looks further. A group therefore needs most of its articles to match
each other: one strong link (a shared topic, a shared name) cannot chain two events of the
same kind together, as single linkage or connected components would.

Average linkage is reducible (merging two groups never brings a third one closer than it was
to either), so merging every pair of groups that are each other's best neighbour at once gives
the same groups as merging the single best pair at a time. Each round is a few numpy
operations over the remaining edges, which shrink as groups merge and as groups whose best
mean is below the level (they can never merge again) drop out: near-linear in the edges.
"""

from __future__ import annotations

import numpy as np

#: The level at which a single article joins a group (or another article): more likely than
#: not the same event. Two groups of several articles need the higher, fitted merge level
#: (``data/story_weights.csv``): merging two established stories takes more evidence than
#: adding one article, whose short text may say little, to a story.
JOIN_LEVEL = 0.5


def _coalesce(a: np.ndarray, b: np.ndarray, s: np.ndarray, n: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges as ``a < b`` without self-loops, parallel edges summed."""
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keep = lo != hi
    key = lo[keep] * n + hi[keep]
    uniq, inverse = np.unique(key, return_inverse=True)
    sums = np.bincount(inverse, weights=s[keep], minlength=len(uniq))
    return uniq // n, uniq % n, sums


def _best_neighbours(a: np.ndarray, b: np.ndarray, mean: np.ndarray, n: int
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Each node's best neighbour by mean score (ties: the smaller id) and that mean; -1 and
    -inf for nodes without edges."""
    src = np.concatenate([a, b])
    order = np.argsort(src, kind="stable")
    src = src[order]
    dst = np.concatenate([b, a])[order]
    val = np.concatenate([mean, mean])[order]
    starts = np.flatnonzero(np.r_[True, src[1:] != src[:-1]])
    top = np.maximum.reduceat(val, starts)
    counts = np.diff(np.r_[starts, len(src)])
    candidates = np.where(val == np.repeat(top, counts), dst, n)
    best = np.full(n, -1, dtype=np.int64)
    best_val = np.full(n, -np.inf)
    nodes = src[starts]
    best[nodes] = np.minimum.reduceat(candidates, starts)
    best_val[nodes] = top
    return best, best_val


def _numbered(root: np.ndarray) -> np.ndarray:
    """Labels 0.. in order of each group's first member."""
    _, first, inverse = np.unique(root, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse].astype(np.int64)


def group(n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray,
          threshold: float | None = None, join_level: float | None = None) -> np.ndarray:
    """Story labels (int64, numbered 0.. by first appearance) of ``n`` articles from the
    scored pairs ``left[k], right[k], scores[k]``; pairs absent from the list count as
    unrelated (score 0). Groups merge while their mean cross-pair score is at least
    ``threshold`` (default: the fitted merge level of :func:`.scoring.weights`); a single
    article joins a group at ``join_level`` already (default :data:`JOIN_LEVEL`; pass
    ``join_level=threshold`` for plain average linkage)."""
    if threshold is None:
        from .scoring import merge_level

        threshold = merge_level()
    if join_level is None:
        join_level = JOIN_LEVEL
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    a, b, s = _coalesce(np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64),
                        np.asarray(scores, dtype=np.float64), n)
    parent = np.arange(n, dtype=np.int64)
    size = np.ones(n, dtype=np.float64)
    join = threshold if join_level is None else min(join_level, threshold)
    while len(a):
        mean = s / (size[a] * size[b])
        best, best_val = _best_neighbours(a, b, mean, n)
        # A group whose best mean is below the level never merges again (a merge of its
        # neighbours averages their means): its edges are dropped.
        live = best_val >= join
        keep = live[a] & live[b]
        a, b, s, mean = a[keep], b[keep], s[keep], mean[keep]
        x = np.flatnonzero((best >= 0) & live)
        y = best[x]
        mutual = (best[y] == x) & (x < y)
        x, y = x[mutual], y[mutual]
        small = np.minimum(size[x], size[y]) <= 1
        ok = best_val[x] >= np.where(small, join, threshold)
        if not ok.all():  # two stories that stay apart: forget their pair, look further
            drop = np.isin(a * n + b, x[~ok] * n + y[~ok])
            a, b, s = a[~drop], b[~drop], s[~drop]
            x, y = x[ok], y[ok]
            if not len(x):
                continue
        if not len(x):
            break
        parent[y] = x
        size[x] += size[y]
        a, b, s = _coalesce(parent[a], parent[b], s, n)
    root = parent.copy()
    while True:  # follow merged groups to their final representative
        nxt = parent[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    return _numbered(root)
