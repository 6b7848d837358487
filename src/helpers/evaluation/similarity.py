"""``newskit eval similarity``: graded similarity of news pairs against annotators.

Gold: a CSV with ``pair_id``, ``text1``, ``text2`` and the annotators' ``Overall`` score
(1 = very similar … 4 = very dissimilar), plus facets (``Geography``, ``Entities``, ``Time``,
``Narrative``, ``Style``, ``Tone``) when present (SemEval-2022 Task 8 format). The kit's
same-event score (:func:`helpers.compare.scoring.score_pairs`) is correlated with
``-Overall`` (Pearson, the task's measure, and Spearman); halves are split by ``pair_id``.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import Report, run_split

UNIT_KEY = "pair_id"
FACETS = ("Geography", "Entities", "Time", "Narrative", "Style", "Tone")


def read_pairs(path: str | Path) -> list[dict[str, Any]]:
    """Rows of the gold CSV; a row without texts or score raises ValueError naming it."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for number, row in enumerate(rows, start=2):
        if not row.get("text1") or not row.get("text2") or not row.get("Overall"):
            raise ValueError(f"{path}:{number}: a pair needs text1, text2 and Overall")
    return rows


def pair_documents(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Documents table with the two texts of each pair at rows ``2k`` and ``2k + 1``."""
    ids, texts = [], []
    for row in rows:
        for side in ("1", "2"):
            ids.append(f"{row['pair_id']}/{side}")
            texts.append(row[f"text{side}"])
    return pd.DataFrame({"doc_id": ids, "text": texts})


def _rank(x: np.ndarray) -> np.ndarray:
    return pd.Series(x).rank().to_numpy()


def pearson(x: Any, y: Any) -> float:
    """Pearson correlation (NaN when either side is constant)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if len(x) < 2 or x.std() == 0 or y.std() == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def pair_scores(rows: list[dict[str, Any]], model: str | None = None) -> np.ndarray:
    """The kit's score of every gold pair."""
    from ..compare.scoring import score_pairs
    from .stories import profiles_of

    profiles = profiles_of(pair_documents(rows), model)
    left = np.arange(0, 2 * len(rows), 2, dtype=np.int64)
    return score_pairs(profiles, left, left + 1)


def score_rows(rows: list[dict[str, Any]], model: str | None = None) -> Report:
    """Correlate the kit's scores with the annotators' on ``rows``."""
    started = time.perf_counter()
    scores = pair_scores(rows, model)
    overall = -np.array([float(r["Overall"]) for r in rows])
    r = pearson(scores, overall)
    rho = pearson(_rank(scores), _rank(overall))
    facets = []
    for name in FACETS:
        if rows and rows[0].get(name):
            facets.append(f"{name} {pearson(scores, [-float(x[name]) for x in rows]):.3f}")
    out = [
        f"similarity: {len(rows)} pairs, score vs -Overall: Pearson {r:.4f}, Spearman {rho:.4f}",
        "Pearson by facet: " + (", ".join(facets) if facets else "none in the file"),
        f"time {time.perf_counter() - started:.1f}s",
    ]
    return Report("\n".join(out), {"Pearson": r, "Spearman": rho})


def run(gold_path: str | Path, limit: int | None = None, model: str | None = None,
        split: str = "all") -> str:
    """Score graded similarity on ``gold_path`` (or one half of it, by ``pair_id``)."""
    rows = read_pairs(gold_path)
    return run_split(rows, split, UNIT_KEY, lambda part: score_rows(part, model), limit)
