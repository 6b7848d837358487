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


def _documents(lines: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [str(r.get("article_id", i)) for i, r in enumerate(lines)],
            "text": [r["text"] for r in lines],
            "title": [r.get("title") for r in lines],
            "outlet": [r.get("outlet") for r in lines],
        }
    )


#: Which field of a gold line picks its tune/check half: whole events go to one half.
UNIT_KEY = "event_id"


def run(gold_path: str | Path, limit: int | None = None, model: str | None = None,
        split: str = "all") -> str:
    """Score story matching on ``gold_path`` (or one half of it, whole events per half);
    returns the printed report (``model`` unused: matching is lexical and needs no parse)."""
    lines = list(read_jsonl(gold_path))
    return run_split(lines, split, UNIT_KEY, score_lines, limit)


def score_lines(lines: list[dict[str, Any]]) -> Report:
    """Group the articles in ``lines`` into stories and score pairs and clusters."""
    from ..compare import matching

    started = time.perf_counter()
    docs = _documents(lines)
    events = [str(r["event_id"]) for r in lines]
    pairs = matching.similarity(docs)
    index = {d: i for i, d in enumerate(docs["doc_id"])}
    ia = pairs["doc_a"].map(index).to_numpy()
    ib = pairs["doc_b"].map(index).to_numpy()
    same = np.array([events[i] == events[j] for i, j in zip(ia, ib, strict=True)])
    scores = pairs["score"].to_numpy(dtype=np.float64)
    auc = roc_auc(scores, same)

    clustered = matching.stories(docs)
    ari = adjusted_rand_index(clustered["story_id"].tolist(), events)
    n_pred = clustered["story_id"].nunique()

    # Alone == in batch: every pair re-scored on its own, from its two texts only.
    texts = [matching._text_of(r) for r in docs.to_dict("records")]
    checked = identical = 0
    max_diff = 0.0
    for k, (i, j) in enumerate(zip(ia, ib, strict=True)):
        alone = matching.pair_score(texts[i], texts[j])
        checked += 1
        identical += alone == scores[k]
        max_diff = max(max_diff, abs(alone - scores[k]))

    lines_out = [
        f"stories: {len(docs)} articles, {len(set(events))} gold events, {len(pairs)} pairs "
        f"({int(same.sum())} same-story)",
        f"pair ROC-AUC {auc:.4f} | ARI {ari:.4f} ({n_pred} stories found, no count given, "
        f"threshold {matching.STORY_THRESHOLD:.2f})",
        f"alone == batch: {identical}/{checked} re-scored pairs identical "
        f"(max |diff| {max_diff:.1e})",
    ]
    reuse_line = _reuse_line(docs, events)
    if reuse_line:
        lines_out.append(reuse_line)
    lines_out.append(f"time {time.perf_counter() - started:.1f}s")
    return Report("\n".join(lines_out), {"pair ROC-AUC": auc, "ARI": ari})


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
