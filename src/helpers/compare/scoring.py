"""PLACEHOLDER (branch ``storyscale``): the same-event pair score of issue 14, simplest version.

The real module belongs to the ``storysim`` branch and replaces this file at merge; only
:func:`score_pairs` is relied on elsewhere. Here the score is the cosine of the term vectors.
"""

from __future__ import annotations

import numpy as np

from .profiles import StoryProfiles

#: Pairs scored at a time (bounds the memory of the row gathers).
_CHUNK = 10_000


def score_pairs(profiles: StoryProfiles, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Score in [0, 1] of each pair of rows ``(left[i], right[i])``, independent of the batch."""
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    out = np.zeros(len(left), dtype=np.float64)
    for lo in range(0, len(left), _CHUNK):
        a = profiles.terms[left[lo:lo + _CHUNK]].astype(np.float64)
        b = profiles.terms[right[lo:lo + _CHUNK]].astype(np.float64)
        out[lo:lo + _CHUNK] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return np.round(np.clip(out, 0.0, 1.0), 10)
