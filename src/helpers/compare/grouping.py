"""Story grouping from a sparse list of scored pairs: average linkage by reciprocal nearest
neighbours.

Two groups merge while the MEAN score over all their cross pairs is at least the merge level,
a pair absent from the list counting 0; a fragment (a group of at most :data:`FRAGMENT_SIZE`
articles) joins another group at a lower level (:data:`JOIN_LEVEL`). When two groups are each
other's best match but stay apart, their pair is set aside and each looks further. A group
therefore needs most of its articles to match each other: one strong link (a shared topic, a
shared name) cannot chain two events of the same kind together, as single linkage or connected
components would.

Average linkage is reducible (merging two groups never brings a third one closer than it was
to either), so merging every pair of groups that are each other's best neighbour at once gives
the same groups as merging the single best pair at a time. Each round is a few numpy
operations over the remaining edges, which shrink as groups merge and as groups whose best
mean is below the level (they can never merge again) drop out: near-linear in the edges.

A sparse list (candidate pairs) lacks most cross pairs of two groups, which would count 0 and
pull their mean down. With a scorer (``complete=``) the grouping completes, before each round's
merges, every pair of groups the merged groups will be linked with: the cross pairs not yet
weighed are scored and added, so each mean it compares is the one every pair would give. Only
pairs of groups already linked are completed, so the work follows the links, not n².
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

#: The level at which a fragment joins a group (or another fragment): more likely than not the
#: same event. Two larger groups need the higher, fitted merge level (``data/story_weights.csv``):
#: merging two established stories takes more evidence than adding one article, whose short
#: text may say little, to a story.
JOIN_LEVEL = 0.5
#: Groups of at most this many articles are fragments and join at :data:`JOIN_LEVEL`. Two or
#: three short reports that only match each other (a wire brief and its copies) are no
#: established story: at the merge level they would stay apart from the story they belong to.
FRAGMENT_SIZE = 3


def _coalesce(a: np.ndarray, b: np.ndarray, s: np.ndarray, n: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges as ``a < b`` without self-loops, parallel edges summed."""
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keep = lo != hi
    key = lo[keep] * n + hi[keep]
    del lo, hi
    if len(key) < 2 or bool((key[1:] > key[:-1]).all()):
        # Already unique and sorted (a candidate list): no sort, no inverse, no sums.
        return key // n, key % n, s[keep].astype(np.float64)
    uniq, inverse = np.unique(key, return_inverse=True)
    sums = np.bincount(inverse, weights=s[keep], minlength=len(uniq))
    return uniq // n, uniq % n, sums


def _best_neighbours(a: np.ndarray, b: np.ndarray, mean: np.ndarray, n: int
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Each node's best neighbour by mean score (ties: the smaller id) and that mean; -1 and
    -inf for nodes without edges. Reduced per node in place (``ufunc.at``), never through a
    sorted copy of both directions of every edge (the first rounds hold millions)."""
    best_val = np.full(n, -np.inf)
    np.maximum.at(best_val, a, mean)
    np.maximum.at(best_val, b, mean)
    best = np.full(n, n, dtype=np.int64)
    top = mean == best_val[a]
    np.minimum.at(best, a[top], b[top])
    top = mean == best_val[b]
    np.minimum.at(best, b[top], a[top])
    best[best == n] = -1
    return best, best_val


def _numbered(root: np.ndarray) -> np.ndarray:
    """Labels 0.. in order of each group's first member."""
    _, first, inverse = np.unique(root, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse].astype(np.int64)


#: Touched edges and completed article pairs handled at a time by lazy completion: its
#: temporaries stay a few MB however many pairs the candidates (and their closure) hold.
COMPLETE_BATCH = 50_000

#: Scores a batch of article pairs ``(left, right)`` (row numbers, ``left < right``) exactly.
Scorer = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass
class _Edges:
    """The edges between current groups (``a < b``, roots) and their summed pair scores,
    sorted by code ``a * n + b`` when a round starts (:func:`_coalesce` sorts, :meth:`take`
    keeps the order); ``apart``: the group pairs set aside (sorted codes), which lazy
    completion must not score again."""

    a: np.ndarray
    b: np.ndarray
    s: np.ndarray
    apart: np.ndarray

    def take(self, keep: np.ndarray) -> None:
        self.a, self.b, self.s = self.a[keep], self.b[keep], self.s[keep]


def group(n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray,
          threshold: float | None = None, join_level: float | None = None,
          complete: Scorer | None = None, batch: int = COMPLETE_BATCH) -> np.ndarray:
    """Story labels (int64, numbered 0.. by first appearance) of ``n`` articles from the
    scored pairs ``left[k], right[k], scores[k]``; pairs absent from the list count as
    unrelated (score 0). Groups merge while their mean cross-pair score is at least
    ``threshold`` (default: the fitted merge level of :func:`.scoring.weights`); a fragment
    (at most :data:`FRAGMENT_SIZE` articles) joins a group at ``join_level`` already (default
    :data:`JOIN_LEVEL`; pass ``join_level=threshold`` for plain average linkage).

    ``complete`` (lazy completion): when a merge links two groups through some of their
    articles only, the cross pairs missing from the list are scored by ``complete`` and added,
    so every group pair the linkage weighs has the mean that all its pairs give (as when every
    pair is listed); groups with no listed pair between them still count as unrelated. It
    works ``batch`` touched edges and ``batch`` scored pairs at a time (same groups for any
    ``batch``)."""
    if threshold is None:
        from .scoring import merge_level

        threshold = merge_level()
    if join_level is None:
        join_level = JOIN_LEVEL
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    edges = _Edges(*_coalesce(np.asarray(left, dtype=np.int64),
                              np.asarray(right, dtype=np.int64),
                              np.asarray(scores, dtype=np.float64), n),
                   apart=np.zeros(0, dtype=np.int64))
    parent = np.arange(n, dtype=np.int64)
    root = parent.copy()  # each article's current group
    size = np.ones(n, dtype=np.float64)
    join = min(join_level, threshold)
    while len(edges.a):
        merging = _round(edges, size, n, join, threshold)
        if merging is None:
            break
        x, y = merging
        if not len(x):
            continue
        if complete is not None:
            _complete(edges, root, x, y, n, complete, batch)
        parent[y] = x
        size[x] += size[y]
        edges.a, edges.b, edges.s = _coalesce(parent[edges.a], parent[edges.b], edges.s, n)
        if complete is not None:
            root = parent[root]
            edges.apart = _renamed(edges.apart, parent, n)
    return _numbered(_roots(parent))


def _round(edges: _Edges, size: np.ndarray, n: int, join: float, threshold: float
           ) -> tuple[np.ndarray, np.ndarray] | None:
    """One round of reciprocal nearest neighbours: the pairs of groups ``(x, y)`` to merge
    (empty arrays when only set-aside pairs were found), or None when nothing can merge."""
    mean = edges.s / (size[edges.a] * size[edges.b])
    best, best_val = _best_neighbours(edges.a, edges.b, mean, n)
    # A group whose best mean is below the level never merges again (a merge of its
    # neighbours averages their means): its edges are dropped.
    live = best_val >= join
    edges.take(live[edges.a] & live[edges.b])
    x = np.flatnonzero((best >= 0) & live)
    y = best[x]
    mutual = (best[y] == x) & (x < y)
    x, y = x[mutual], y[mutual]
    small = np.minimum(size[x], size[y]) <= FRAGMENT_SIZE
    ok = best_val[x] >= np.where(small, join, threshold)
    if not ok.all():  # two stories that stay apart: forget their pair, look further
        codes = x[~ok] * n + y[~ok]
        edges.take(~np.isin(edges.a * n + edges.b, codes))
        edges.apart = np.union1d(edges.apart, codes)
        return x[ok], y[ok]
    return (x, y) if len(x) else None


def _roots(parent: np.ndarray) -> np.ndarray:
    """Each article's final group (following merged groups to their representative)."""
    root = parent.copy()
    while True:
        nxt = parent[root]
        if np.array_equal(nxt, root):
            return root
        root = nxt


def _renamed(codes: np.ndarray, parent: np.ndarray, n: int) -> np.ndarray:
    """Group pair codes ``a * n + b`` after a merge round (pairs inside one group dropped)."""
    a, b = parent[codes // n], parent[codes % n]
    keep = a != b
    return np.unique(np.minimum(a, b)[keep] * n + np.maximum(a, b)[keep])


def _complete(edges: _Edges, root: np.ndarray, x: np.ndarray, y: np.ndarray, n: int,
              complete: Scorer, batch: int) -> None:
    """Before groups ``y`` merge into ``x``: add an edge of summed exact scores for each pair
    of current groups ``(p, q)`` that is not an edge but will be merged with one (``p`` or
    ``q`` merges, and its partner has an edge to the other side). The touched edges are read
    ``batch`` at a time: the first rounds touch most of a million edges, each making three
    component pairs, which at once were the grouping's largest temporaries."""
    partner = np.full(n, -1, dtype=np.int64)
    partner[x], partner[y] = y, x
    touched = np.flatnonzero((partner[edges.a] >= 0) | (partner[edges.b] >= 0))
    known = edges.a * n + edges.b  # sorted and unique (see _Edges)
    found = [_missing(edges.a[part], edges.b[part], partner, n, known, edges.apart)
             for part in (touched[lo:lo + batch] for lo in range(0, len(touched), batch))]
    del touched, known
    missing = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    if not len(missing):
        return
    p, q = missing // n, missing % n
    sums = _group_pair_sums(root, p, q, complete, batch)
    edges.a = np.concatenate([edges.a, p])
    edges.b = np.concatenate([edges.b, q])
    edges.s = np.concatenate([edges.s, sums])


def _missing(a: np.ndarray, b: np.ndarray, partner: np.ndarray, n: int, known: np.ndarray,
             apart: np.ndarray) -> np.ndarray:
    """Codes of the group pairs the merge of touched edges ``(a, b)`` weighs that are neither
    an edge (``known``) nor set aside (``apart``; both sorted), nor inside one new group."""
    # Each touched edge (a, b) stands for the new group pair; its other component pairs are
    # (partner a, b), (a, partner b) and (partner a, partner b).
    pa, pb = partner[a], partner[b]
    cand_a = np.concatenate([pa, a, pa])
    cand_b = np.concatenate([b, pb, pb])
    ok = (cand_a >= 0) & (cand_b >= 0) & (cand_a != cand_b)
    lo = np.minimum(cand_a[ok], cand_b[ok])
    hi = np.maximum(cand_a[ok], cand_b[ok])
    wanted = np.unique(lo * n + hi)
    # A component pair inside one new group (x with y) is not a cross pair.
    wanted = wanted[_new_root(wanted // n, partner) != _new_root(wanted % n, partner)]
    return wanted[~(in_sorted(wanted, known) | in_sorted(wanted, apart))]


def in_sorted(codes: np.ndarray, sorted_codes: np.ndarray) -> np.ndarray:
    """Mask of ``codes`` found in the sorted array ``sorted_codes`` (a binary search: no
    sorted copy of both, as ``np.isin`` makes, of a million edge codes per batch)."""
    if not len(sorted_codes):
        return np.zeros(len(codes), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_codes, codes), len(sorted_codes) - 1)
    return sorted_codes[at] == codes


def _new_root(g: np.ndarray, partner: np.ndarray) -> np.ndarray:
    """The group each of ``g`` belongs to after the merge (the smaller of a merging pair)."""
    other = partner[g]
    return np.where(other >= 0, np.minimum(g, other), g)


def _group_pair_sums(root: np.ndarray, p: np.ndarray, q: np.ndarray, complete: Scorer,
                     batch: int) -> np.ndarray:
    """Summed ``complete`` scores of every article pair across groups ``p[k]`` and ``q[k]``
    (``root``: each article's current group), ``batch`` article pairs at a time. The pairs
    are numbered across all group pairs and added in that order whatever the batch (as one
    ``bincount`` would add them), so the sums do not depend on it."""
    order = np.argsort(root, kind="stable")
    sorted_root = root[order]
    p0 = np.searchsorted(sorted_root, p, "left")
    q0 = np.searchsorted(sorted_root, q, "left")
    nq = np.searchsorted(sorted_root, q, "right") - q0
    total = (np.searchsorted(sorted_root, p, "right") - p0) * nq
    ends = np.cumsum(total)
    starts = ends - total
    sums = np.zeros(len(p), dtype=np.float64)
    for start in range(0, int(ends[-1]) if len(ends) else 0, batch):
        pair = np.arange(start, min(start + batch, int(ends[-1])))
        k = np.searchsorted(ends, pair, side="right")
        offset = pair - starts[k]
        u = order[p0[k] + offset // nq[k]]
        v = order[q0[k] + offset % nq[k]]
        np.add.at(sums, k, complete(np.minimum(u, v), np.maximum(u, v)))
    return sums
