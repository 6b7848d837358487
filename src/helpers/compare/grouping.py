"""PLACEHOLDER (branch ``storyscale``): story grouping of issue 14, simplest version.

The real module belongs to the ``storysim`` branch and replaces this file at merge; only
:func:`group` is relied on elsewhere. Here: connected components of the pairs scoring at least
:data:`.matching.STORY_THRESHOLD` (union-find).
"""

from __future__ import annotations

import numpy as np

from .matching import STORY_THRESHOLD


def group(n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """A label per row (0, 1, … numbered by first row) from scored pairs; rows in no pair
    above the threshold are alone."""
    parent = np.arange(n)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keep = np.asarray(scores) >= STORY_THRESHOLD
    for a, b in zip(np.asarray(left)[keep].tolist(), np.asarray(right)[keep].tolist(),
                    strict=True):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([find(i) for i in range(n)], dtype=np.int64)
    _, labels = np.unique(roots, return_inverse=True)  # roots are each group's first row
    return labels.astype(np.int64)
