"""Same-event score of article pairs: a logistic model over a few pair features.

:data:`FEATURES` is the ordered list of what a pair is judged by, each a named function of the
two profiles (:mod:`.profiles`). A feature that needs something only one article has (a title,
a date, an entity table) comes with a ``*_known`` indicator and is 0 when unknown: an unknown
date is a value of its own, neither a penalty nor a match. The weights
(``data/story_weights.csv``, read through :mod:`helpers.datafiles`) are fitted on the tune
halves of the development sets by ``scripts/fit_story_weights.py``: column ``full`` for
profiles built with entity and figure tables, ``text`` (the table features weigh 0) for
profiles without. The score is the model's probability that the two articles report the same
event; it depends on the pair alone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .. import datafiles
from .profiles import StoryProfiles

WEIGHTS_FILE = "story_weights.csv"
#: Pairs scored at a time (bounds the memory of the row products).
CHUNK = 1024
#: Scores are rounded so that batch and pair computations agree to the last printed digit.
DIGITS = 10
_SETS = ("titles", "people", "places", "others", "numbers", "dates", "years", "lead_people")
#: Sets of calendar keys, weighed by how far the two texts share a topic: articles of one news
#: period name the same year, month and weekdays whatever they report, so a shared date or year
#: is evidence of one event only between texts about the same thing (two earthquakes told apart
#: by their dates), not a link between unrelated stories of that week.
CALENDAR = frozenset({"dates", "years"})
#: Sets weighed by the embedding cosine: the calendar, and the people named in the leads (one
#: person can be in the lead of reports on unrelated things; between two reports of the same
#: kind of event, the same people in the leads are what makes them one event, and other people
#: another: the same offence by another player, the same award with another host).
TOPICAL = CALENDAR | {"lead_people"}


@dataclass
class Pairs:
    """A chunk of pairs: the profiles and the two row-index arrays (row products are made
    once per profile matrix and kept in ``cache``)."""

    profiles: StoryProfiles
    left: np.ndarray
    right: np.ndarray
    cache: dict[str, np.ndarray] = field(default_factory=dict)

    def cosine(self, name: str) -> np.ndarray:
        """Sum of ``a_i b_i`` over the terms of matrix ``name`` (rows are unit length)."""
        if name not in self.cache:
            m: sp.csr_matrix = getattr(self.profiles, name)
            product = m[self.left].multiply(m[self.right]).tocsr()
            self.cache[name] = _row_sums(product.indptr, product.data)
        return self.cache[name]

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


def lead(p: Pairs) -> np.ndarray:
    """Cosine of the leads (title and first sentences: where the event is named)."""
    return p.cosine("leads")


def embedding(p: Pairs) -> np.ndarray:
    """Cosine of the wordllama sentence embeddings (what the texts are about)."""
    if "embedding cosine" not in p.cache:
        e = p.profiles.embedding
        cosine = np.einsum("ij,ij->i", e[p.left], e[p.right])
        p.cache["embedding cosine"] = cosine.astype(np.float64)
    return p.cache["embedding cosine"]


def _topical(p: Pairs) -> np.ndarray:
    """The embedding cosine clipped at 0: how far two texts are about the same thing."""
    return np.clip(embedding(p), 0.0, None)


def _set_feature(name: str) -> tuple[Callable[[Pairs], np.ndarray], Callable[[Pairs], np.ndarray]]:
    gated = name in TOPICAL

    def overlap(p: Pairs) -> np.ndarray:
        return p.cosine(name) * _topical(p) if gated else p.cosine(name)

    def known(p: Pairs) -> np.ndarray:
        return p.known(name)

    what = name.replace("_", " ")
    overlap.__doc__ = f"Cosine of the two articles' {what} (0 unless both have some)."
    if gated:
        overlap.__doc__ = (f"Cosine of the two articles' {what} times their embedding cosine "
                           f"(clipped at 0): shared {what} count between texts on one topic.")
    known.__doc__ = f"Both articles have {what}."
    return overlap, known


def best_sentence(p: Pairs) -> np.ndarray:
    """Highest cosine between a lead sentence of one article and one of the other: the same
    facts told twice."""
    s = p.profiles.sentences
    if s is None:
        return np.zeros(len(p.left))
    sims = np.einsum("pik,pjk->pij", s[p.left], s[p.right])
    return sims.reshape(len(p.left), -1).max(axis=1).astype(np.float64)


def days_apart(p: Pairs) -> np.ndarray:
    """``ln(1 + |days between publication dates|)``, 0 when either date is unknown."""
    a, b = p.profiles.published[p.left], p.profiles.published[p.right]
    gap = np.abs(a - b)
    return np.where(np.isnan(gap), 0.0, np.log1p(np.nan_to_num(gap)))


#: The features in weight order: (name, function).
FEATURES: tuple[tuple[str, Callable[[Pairs], np.ndarray]], ...] = (
    ("lexical", lexical),
    ("lexical_sqrt", lexical_sqrt),
    ("lead", lead),
    ("embedding", embedding),
    ("best_sentence", best_sentence),
    *((f"{kind}{suffix}", fn) for kind in _SETS
      for suffix, fn in zip(("", "_known"), _set_feature(kind), strict=True)),
    # Publication dates only count against a pair (far apart: different events). Being close
    # earns nothing: the development sets' events lie years apart, so a bonus for closeness
    # fitted there would merge the many different events a real corpus has on any one day.
    ("days_apart", days_apart),
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
    table = {r["name"]: r for r in datafiles.rows(WEIGHTS_FILE)}
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


def merge_level() -> float:
    """The grouping's fitted merge level alone (readable while the weights are refitted)."""
    rows = [r for r in datafiles.rows(WEIGHTS_FILE) if r["name"] == "threshold"]
    return float(rows[0]["full"]) if rows else 0.5


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
    # A text against itself: its float32 profile weights sum to 1 within about 1e-7.
    p[x[:, 0] >= 1.0 - 1e-6] = 1.0
    words = np.diff(profiles.terms.indptr) > 0
    p[~(words[left] & words[right])] = 0.0
    return np.round(np.clip(p, 0.0, 1.0), DIGITS)
