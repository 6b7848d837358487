"""Same-event score of article pairs: a logistic model over a few pair features.

:data:`FEATURES` is the ordered list of what a pair is judged by, each a named function of the
two profiles (:mod:`.profiles`). A feature that needs something only one article has (a title,
a date, an entity table) comes with a ``*_known`` indicator and is 0 when unknown: an unknown
date is a value of its own, neither a penalty nor a match. The weights
(``data/story_weights.csv``) are fitted on the tune halves of the development sets by
``scripts/fit_story_weights.py``: column ``full`` for profiles built with entity and figure
tables, ``text`` (the table features weigh 0) for profiles without. The score is the model's
probability that the two articles report the same event; it depends on the pair alone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .. import lexicons
from .profiles import StoryProfiles

WEIGHTS_FILE = "story_weights.csv"
#: Pairs scored at a time (bounds the memory of the row products).
CHUNK = 1024
#: Scores are rounded so that batch and pair computations agree to the last printed digit.
DIGITS = 10


@dataclass
class Pairs:
    """A chunk of pairs: the profiles and the two row-index arrays (row products are made
    once per profile matrix and kept in ``cache``)."""

    profiles: StoryProfiles
    left: np.ndarray
    right: np.ndarray
    cache: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def _shared(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """``(cosine, cover)`` of matrix ``name``: the sum of ``a_i b_i`` over shared terms,
        and the larger of ``sum a_i²`` and ``sum b_i²`` over them."""
        if name not in self.cache:
            m: sp.csr_matrix = getattr(self.profiles, name)
            if m.shape[1] == 0:
                zero = np.zeros(len(self.left))
                self.cache[name] = (zero, zero)
            else:
                a, b = m[self.left], m[self.right]
                ones_a = sp.csr_matrix((np.ones_like(a.data), a.indices, a.indptr), a.shape)
                ones_b = sp.csr_matrix((np.ones_like(b.data), b.indices, b.indptr), b.shape)
                a_on_b = a.multiply(ones_b).tocsr()  # a_i on the shared terms
                b_on_a = b.multiply(ones_a).tocsr()  # b_i on the same terms, same order
                cos = _row_sums(a_on_b.indptr, a_on_b.data * b_on_a.data)
                cover = np.maximum(_row_sums(a_on_b.indptr, a_on_b.data ** 2),
                                   _row_sums(b_on_a.indptr, b_on_a.data ** 2))
                self.cache[name] = (cos, cover)
        return self.cache[name]

    def cosine(self, name: str) -> np.ndarray:
        return self._shared(name)[0]

    def cover(self, name: str) -> np.ndarray:
        """The larger share of one article's squared weight on terms the other has too."""
        return self._shared(name)[1]

    def known(self, name: str) -> np.ndarray:
        nnz = np.diff(getattr(self.profiles, name).indptr)
        return ((nnz[self.left] > 0) & (nnz[self.right] > 0)).astype(np.float64)


def _row_sums(indptr: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Sum of ``values`` per CSR row."""
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    return np.bincount(rows, weights=values, minlength=len(indptr) - 1).astype(np.float64)


def lexical(p: Pairs) -> np.ndarray:
    """Cosine of the surprisal-weighted word and word-pair vectors."""
    return p.cosine("terms")


def lexical_sqrt(p: Pairs) -> np.ndarray:
    """Its square root: spreads the low cosines where most different-event pairs lie."""
    return np.sqrt(np.clip(p.cosine("terms"), 0.0, None))


def lexical_cover(p: Pairs) -> np.ndarray:
    """Share of the better-covered article's term weight the other shares: a short report
    inside a long one scores high where the cosine stays low."""
    return p.cover("terms")


def embedding(p: Pairs) -> np.ndarray:
    """Cosine of the wordllama sentence embeddings (what the texts are about)."""
    e = p.profiles.embedding
    return np.einsum("ij,ij->i", e[p.left], e[p.right]).astype(np.float64)


def _set_feature(name: str) -> tuple[Callable[[Pairs], np.ndarray], Callable[[Pairs], np.ndarray]]:
    def overlap(p: Pairs) -> np.ndarray:
        return p.cosine(name)

    def known(p: Pairs) -> np.ndarray:
        return p.known(name)

    overlap.__doc__ = f"Cosine of the two articles' {name} (0 unless both have some)."
    known.__doc__ = f"Both articles have {name}."
    return overlap, known


def days_apart(p: Pairs) -> np.ndarray:
    """``ln(1 + |days between publication dates|)``, 0 when either date is unknown."""
    a, b = p.profiles.published[p.left], p.profiles.published[p.right]
    gap = np.abs(a - b)
    return np.where(np.isnan(gap), 0.0, np.log1p(np.nan_to_num(gap)))


def dates_known(p: Pairs) -> np.ndarray:
    """Both publication dates are known."""
    a, b = p.profiles.published[p.left], p.profiles.published[p.right]
    return (~np.isnan(a) & ~np.isnan(b)).astype(np.float64)


_SETS = ("titles", "people", "places", "others", "numbers", "dates", "years")
#: The features in weight order: (name, function).
FEATURES: tuple[tuple[str, Callable[[Pairs], np.ndarray]], ...] = (
    ("lexical", lexical),
    ("lexical_sqrt", lexical_sqrt),
    ("lexical_cover", lexical_cover),
    ("embedding", embedding),
    *((f"{kind}{suffix}", fn) for kind in _SETS
      for suffix, fn in zip(("", "_known"), _set_feature(kind), strict=True)),
    ("days_apart", days_apart),
    ("published_known", dates_known),
)
#: Features that need the entity or figure tables (weight 0 in the ``text`` column).
TABLE_FEATURES = frozenset(f"{k}{s}" for k in _SETS[1:] for s in ("", "_known"))


@dataclass(frozen=True)
class Weights:
    """A logistic model: ``bias`` and one weight per feature, for profiles with tables
    (``full``) and without (``text``); ``threshold``: the grouping's merge level."""

    full: np.ndarray
    text: np.ndarray
    bias_full: float
    bias_text: float
    threshold: float


@functools.lru_cache(maxsize=1)
def weights() -> Weights:
    """The shipped weights (``data/story_weights.csv``: ``name, full, text, what``)."""
    table = {r["name"]: r for r in lexicons.rows(WEIGHTS_FILE)}
    names = [name for name, _ in FEATURES]
    missing = [n for n in ("bias", "threshold", *names) if n not in table]
    if missing:
        raise ValueError(f"{WEIGHTS_FILE}: no weight for {', '.join(missing)}")
    return Weights(
        full=np.array([float(table[n]["full"]) for n in names]),
        text=np.array([float(table[n]["text"]) for n in names]),
        bias_full=float(table["bias"]["full"]),
        bias_text=float(table["bias"]["text"]),
        threshold=float(table["threshold"]["full"]),
    )


def feature_matrix(profiles: StoryProfiles, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``(pairs, features)`` matrix of :data:`FEATURES` for the pairs ``left[k], right[k]``."""
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    out = np.zeros((len(left), len(FEATURES)), dtype=np.float64)
    for lo in range(0, len(left), CHUNK):
        chunk = Pairs(profiles, left[lo:lo + CHUNK], right[lo:lo + CHUNK])
        for j, (_, fn) in enumerate(FEATURES):
            out[lo:lo + CHUNK, j] = fn(chunk)
    return out


def probability(x: np.ndarray, w: np.ndarray, bias: float) -> np.ndarray:
    """The logistic model's probability for feature rows ``x``."""
    return 1.0 / (1.0 + np.exp(-(x @ w + bias)))


def score_pairs(profiles: StoryProfiles, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Same-event scores in [0, 1] (float64) of the pairs of row indices ``left[k], right[k]``;
    a pair's score depends on its two articles only. A text scored against the same text gets
    1, and against a text without words 0."""
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    if len(left) == 0:
        return np.zeros(0, dtype=np.float64)
    w = weights()
    x = feature_matrix(profiles, left, right)
    if profiles.has_tables:
        p = probability(x, w.full, w.bias_full)
    else:
        p = probability(x, w.text, w.bias_text)
    p[x[:, 0] >= 1.0 - 1e-9] = 1.0
    words = np.diff(profiles.terms.indptr) > 0
    p[~(words[left] & words[right])] = 0.0
    return np.round(np.clip(p, 0.0, 1.0), DIGITS)
