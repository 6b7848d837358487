"""The ranker: score each candidate of a pronoun or description, take the best above zero.

A candidate's score is its family's bias plus the weighted sum of its features
(:data:`.features.FEATURES`); leaving the anaphor unresolved scores 0, so the bias is the
threshold. The weights are fitted on the ``tune`` half of the development quotes by
``scripts/fit_speaker_ranker.py`` (a conditional logit: one choice among the candidates and
"no one") and shipped as ``data/speaker_ranker.csv``.

:func:`recording` collects every :class:`Ranking` made inside it: the fitting script's
training data, and a trace for debugging a resolution.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import MappingProxyType

from ..datafiles import rows
from .candidates import FAMILIES, Anaphor, Candidate
from .features import NAMES, describe
from .state import Query

WEIGHTS_FILE = "speaker_ranker.csv"


#: family → the group whose feature weights it uses: the pronouns share theirs (each has
#: few examples, and salience works alike for them); descriptions of people and of bodies
#: ("the agency") have their own (a full noun phrase is chosen by its role, or the words of
#: a name, more than by recency).
GROUP = MappingProxyType({"personal": "pronoun", "it": "pronoun", "they": "pronoun",
                          "description": "description", "body": "description"})
GROUPS = ("pronoun", "description")


@dataclass(frozen=True)
class Weights:
    """Per anaphor family: a bias and a weight per feature (in :data:`.features.NAMES`
    order)."""

    bias: Mapping[str, float]
    features: Mapping[str, tuple[float, ...]]

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping[str, str]]) -> Weights:
        """From the rows of ``data/speaker_ranker.csv``: ``name`` (``bias``, then every
        feature) and a column per family; a missing or unknown name is an error."""
        table = {r["name"]: r for r in rows}
        wanted = {"bias", *NAMES}
        if set(table) != wanted:
            raise ValueError(f"{WEIGHTS_FILE}: missing {sorted(wanted - set(table))}, "
                             f"unknown {sorted(set(table) - wanted)}")
        bias = {f: float(table["bias"][f]) for f in FAMILIES}
        feats = {f: tuple(float(table[n][f]) for n in NAMES) for f in FAMILIES}
        return cls(MappingProxyType(bias), MappingProxyType(feats))

    def score(self, family: str, values: Sequence[float]) -> float:
        return self.bias[family] + sum(
            w * v for w, v in zip(self.features[family], values, strict=True))


@functools.lru_cache(maxsize=1)
def weights() -> Weights:
    """The shipped weights (``data/speaker_ranker.csv``)."""
    return Weights.from_rows(rows(WEIGHTS_FILE))


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    values: tuple[float, ...]  # feature values, in FEATURES order
    score: float


@dataclass(frozen=True)
class Ranking:
    """One ranking: the anaphor (its head's characters), its family, the scored candidates,
    and the one chosen (None: left unresolved)."""

    start: int
    end: int
    family: str
    scored: tuple[Scored, ...]
    chosen: Candidate | None


_TRACE: ContextVar[list[Ranking] | None] = ContextVar("speaker_rankings", default=None)


@contextmanager
def recording() -> Iterator[list[Ranking]]:
    """``with recording() as rankings:`` every ranking made inside, in order."""
    log: list[Ranking] = []
    token = _TRACE.set(log)
    try:
        yield log
    finally:
        _TRACE.reset(token)


def rank(q: Query, a: Anaphor, candidates: Sequence[Candidate],
         table: Weights | None = None) -> Candidate | None:
    """The best-scoring candidate for ``a`` if its score is above 0 (ties: the nearest
    sighting), else None."""
    table = table or weights()
    scored = []
    for c in candidates:
        values = describe(q, a, c)
        scored.append(Scored(c, values, table.score(a.family, values)))
    best = max(scored, key=lambda s: (s.score, -abs(s.candidate.seen.head_i - a.tok.i)),
               default=None)
    chosen = best.candidate if best is not None and best.score > 0 else None
    log = _TRACE.get()
    if log is not None:
        log.append(Ranking(a.tok.idx, a.tok.idx + len(a.tok), a.family, tuple(scored), chosen))
    return chosen


# -- fitting ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Example:
    """One anaphor with known referent: its family, the feature values of its candidates,
    and which of them are right (none: it should stay unresolved)."""

    family: str
    values: tuple[tuple[float, ...], ...]
    positive: frozenset[int]


def fit(examples: Sequence[Example], prior: Weights, l2: float = 1.0,
        steps: int = 30) -> Weights:
    """Weights maximising the likelihood of the right choice among each example's
    candidates and "no one" (score 0) -- a conditional logit -- with an L2 penalty that
    pulls each weight towards ``prior`` (a feature the examples hardly show keeps its
    prior), by Newton steps on the Fisher information. Families of one :data:`GROUP` share
    their feature weights (the prior's are taken from the group's first family)."""
    import numpy as np

    center = np.array(_flat(prior))
    theta = center.copy()
    rows = [_design(ex) for ex in examples]
    for _ in range(steps):
        grad = -l2 * (theta - center)
        hess = l2 * np.eye(len(theta))
        for ex, x in zip(examples, rows, strict=True):
            s = np.concatenate(([0.0], x @ theta))  # "no one" first
            p = np.exp(s - s.max())
            p /= p.sum()
            target = np.zeros_like(p)
            if ex.positive:
                idx = [i + 1 for i in ex.positive]
                target[idx] = p[idx] / p[idx].sum()
            else:
                target[0] = 1.0
            xx = np.vstack([np.zeros(len(theta)), x])
            mean = p @ xx
            grad += (target - p) @ xx
            hess += (xx * p[:, None]).T @ xx - np.outer(mean, mean)
        step = np.linalg.solve(hess, grad)
        theta += step
        if np.abs(step).max() < 1e-6:
            break
    return _unflat([float(t) for t in theta])


def _flat(table: Weights) -> list[float]:
    """Biases (one per family), then each group's feature weights."""
    firsts = {g: next(f for f in FAMILIES if GROUP[f] == g) for g in GROUPS}
    return [table.bias[f] for f in FAMILIES] + [
        w for g in GROUPS for w in table.features[firsts[g]]]


def _unflat(theta: list[float]) -> Weights:
    n, k = len(FAMILIES), len(NAMES)
    block = {g: tuple(theta[n + i * k : n + (i + 1) * k]) for i, g in enumerate(GROUPS)}
    return Weights(MappingProxyType(dict(zip(FAMILIES, theta[:n], strict=True))),
                   MappingProxyType({f: block[GROUP[f]] for f in FAMILIES}))


def _design(ex: Example):
    """The candidates' rows: a one-hot family bias, then the feature values in the block
    of the family's group (zeros in the others)."""
    import numpy as np

    n, k = len(FAMILIES), len(NAMES)
    x = np.zeros((len(ex.values), n + k * len(GROUPS)))
    x[:, FAMILIES.index(ex.family)] = 1.0
    at = n + k * GROUPS.index(GROUP[ex.family])
    if ex.values:
        x[:, at : at + k] = np.array(ex.values)
    return x


def chooses_right(table: Weights, ex: Example) -> bool:
    """Would ``table`` make the right choice on ``ex``?"""
    scores = [table.score(ex.family, v) for v in ex.values]
    best = max(range(len(scores)), key=scores.__getitem__, default=None)
    if best is None or scores[best] <= 0:
        return not ex.positive
    return best in ex.positive
