"""``newskit eval stories``: same-story pair ranking (ROC-AUC), story clustering (adjusted Rand
index, with no event count given) and the batch-independence check, on gold JSONL lines
``{"article_id", "event_id", "outlet", "text", "title"?, ...}``.

Both measures are implemented here with numpy (no scikit-learn). The report also gives the
text-reuse share between different outlets of the same event (independent writing should stay
near zero) when the reuse module is available.
"""

from __future__ import annotations

import time
from collections import Counter
from math import comb
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import Report, read_jsonl, run_split


def roc_auc(scores: Any, labels: Any) -> float:
    """Area under the ROC curve (probability a positive outranks a negative; ties count half)."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    sorted_s = s[order]
    ranks = np.empty(len(s), dtype=np.float64)
    # average rank over ties
    _, first, counts = np.unique(sorted_s, return_index=True, return_counts=True)
    avg = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(avg, counts)
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def adjusted_rand_index(labels_a: Any, labels_b: Any) -> float:
    """Adjusted Rand index of two clusterings of the same items (1 = identical, ~0 = chance)."""
    a, b = list(labels_a), list(labels_b)
    if len(a) != len(b):
        raise ValueError("clusterings differ in length")
    n = len(a)
    if n < 2:
        return 1.0
    pairs = sum(comb(k, 2) for k in Counter(zip(a, b, strict=True)).values())
    pa = sum(comb(k, 2) for k in Counter(a).values())
    pb = sum(comb(k, 2) for k in Counter(b).values())
    expected = pa * pb / comb(n, 2)
    best = (pa + pb) / 2
    if best == expected:
        return 1.0
    return float((pairs - expected) / (best - expected))


def story_documents(lines: list[dict[str, Any]]) -> pd.DataFrame:
    """Documents table of gold lines (``date`` becomes ``published``; missing values NA)."""
    return pd.DataFrame(
        {
            "doc_id": [str(r.get("article_id", i)) for i, r in enumerate(lines)],
            "text": [r["text"] for r in lines],
            "title": [r.get("title") for r in lines],
            "outlet": [r.get("outlet") for r in lines],
            "published": pd.to_datetime(pd.Series([r.get("date") for r in lines], dtype=object),
                                        errors="coerce"),
        }
    )


def profiles_of(docs: pd.DataFrame, model: str | None = None) -> Any:
    """Story profiles of ``docs`` with the kit's entity and figure tables (parsed once, then
    read from the kit's result cache)."""
    from ..compare.profiles import build_profiles
    from ..pipeline import analyze

    analysis = analyze(docs[["doc_id", "text"]], cache=True, model=model)
    return build_profiles(docs, analysis.entities, analysis.figures)


def all_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Every unordered pair of ``n`` rows as two int64 arrays."""
    a, b = np.triu_indices(n, k=1)
    return a.astype(np.int64), b.astype(np.int64)


def unit_key(lines: list[dict[str, Any]]) -> str:
    """Whole topics per half when the lines have one (ECB+: a topic's two events of the same
    kind must be told apart within one half), else whole events."""
    return "topic" if lines and all(r.get("topic") is not None for r in lines) else UNIT_KEY


#: Which field of a gold line picks its tune/check half: whole events go to one half.
UNIT_KEY = "event_id"
#: Pairs re-scored alone for the batch-independence check.
ALONE_PAIRS = 200


def run(gold_path: str | Path, limit: int | None = None, model: str | None = None,
        split: str = "all") -> str:
    """Score story matching on ``gold_path`` (or one half of it, whole events, or whole topics
    when lines have one, per half); returns the printed report."""
    lines = list(read_jsonl(gold_path))
    return run_split(lines, split, unit_key(lines), lambda part: score_lines(part, model), limit)


def _alone_check(docs: pd.DataFrame, profiles: Any, left: np.ndarray, right: np.ndarray,
                 scores: np.ndarray, model: str | None) -> str:
    """Re-score a sample of pairs from profiles of their two articles only."""
    from ..compare.profiles import build_profiles
    from ..compare.scoring import score_pairs
    from ..pipeline import analyze

    analysis = analyze(docs[["doc_id", "text"]], cache=True, model=model)
    step = max(1, len(left) // ALONE_PAIRS)
    identical = checked = 0
    max_diff = 0.0
    for k in range(0, len(left), step):
        two = docs.iloc[[left[k], right[k]]].reset_index(drop=True)
        ids = set(two["doc_id"])
        ents = analysis.entities[analysis.entities["doc_id"].isin(ids)]
        figs = analysis.figures[analysis.figures["doc_id"].isin(ids)]
        alone = score_pairs(build_profiles(two, ents, figs), np.array([0]), np.array([1]))[0]
        checked += 1
        identical += alone == scores[k]
        max_diff = max(max_diff, abs(alone - scores[k]))
    return (f"alone == batch: {identical}/{checked} re-scored pairs identical "
            f"(max |diff| {max_diff:.1e})")


def score_lines(lines: list[dict[str, Any]], model: str | None = None) -> Report:
    """Group the articles in ``lines`` into stories and score pairs and clusters."""
    from ..compare.grouping import FRAGMENT_SIZE, JOIN_LEVEL, group
    from ..compare.scoring import score_pairs, weights

    started = time.perf_counter()
    docs = story_documents(lines)
    events = np.array([str(r["event_id"]) for r in lines], dtype=object)
    profiles = profiles_of(docs, model)
    left, right = all_pairs(len(docs))
    scores = score_pairs(profiles, left, right)
    same = events[left] == events[right]
    auc = roc_auc(scores, same)
    labels = group(len(docs), left, right, scores)
    ari = adjusted_rand_index(labels.tolist(), events.tolist())
    metrics = {"pair ROC-AUC": auc}
    lines_out = [
        f"stories: {len(docs)} articles, {len(set(events))} gold events, {len(left)} pairs "
        f"({int(same.sum())} same-story)",
        f"pair ROC-AUC {auc:.4f} | ARI {ari:.4f} ({len(set(labels.tolist()))} stories found, "
        f"no count given, merge level {weights().threshold:.2f}, groups of up to "
        f"{FRAGMENT_SIZE} articles join at {JOIN_LEVEL:.2f})",
    ]
    topics = [r.get("topic") for r in lines]
    if all(t is not None for t in topics):
        t = np.array([str(x) for x in topics], dtype=object)
        within = t[left] == t[right]
        topic_auc = roc_auc(scores[within], same[within])
        metrics["within-topic AUC"] = topic_auc
        lines_out.append(f"pairs within one topic: {int(within.sum())} "
                         f"({int(same[within].sum())} same-event), ROC-AUC {topic_auc:.4f}")
    metrics["ARI"] = ari
    lines_out.append(_alone_check(docs, profiles, left, right, scores, model))
    reuse_line = _reuse_line(docs, events.tolist())
    if reuse_line:
        lines_out.append(reuse_line)
    lines_out.append(f"time {time.perf_counter() - started:.1f}s")
    return Report("\n".join(lines_out), metrics)


def _reuse_line(docs: pd.DataFrame, events: list[str]) -> str | None:
    """Reuse share between different outlets covering the same event (should be near zero)."""
    try:
        from ..compare import reuse
    except ImportError:
        return None
    shares = []
    by_event: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        by_event.setdefault(e, []).append(i)
    outlets = docs["outlet"].tolist()
    texts = docs["text"].tolist()
    for members in by_event.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if outlets[i] == outlets[j]:
                    continue
                shares.append(reuse.reuse_share(texts[i], texts[j]))
    if not shares:
        return None
    arr = np.asarray(shares)
    return (
        f"text reuse between outlets on the same event: mean share {arr.mean():.3f}, "
        f"max {arr.max():.3f}, pairs ≥ {reuse.SYNDICATED_SHARE:.2f} (syndicated): "
        f"{int((arr >= reuse.SYNDICATED_SHARE).sum())}/{len(arr)}"
    )
