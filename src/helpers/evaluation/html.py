"""``newskit eval html``: main text kept from web pages, scored as the public
article-extraction benchmark scores it, plus title and date coverage.

Gold lines: ``{"id", "file", "url", "text"}`` with ``file`` beside the gold file. The metric
is the benchmark's: the text is cut into word tokens (``\\w+``), every run of 4 consecutive
tokens is a shingle, and each page's true/false positives and negatives are counted over the
shingle multisets and normalised by their sum (so long pages weigh no more than short ones);
precision and recall are the means over pages (pages where they are undefined left out), F1 is
their harmonic mean. Title and date coverage: the share of pages where a title and a
publication date were found (the gold has neither, so they are not scored for correctness).
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from . import Report, read_jsonl, run_split

#: Which field of a gold line picks its tune/check half.
UNIT_KEY = "id"
SHINGLE = 4
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of runs of ``n`` consecutive word tokens (a shorter text: all of it)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i : i + n])


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """``(tp, fp, fn)`` of one page over shingles, normalised to sum to 1."""
    true, pred = shingles(gold), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def benchmark_scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision, mean recall (each over the pages where it is defined) and their F1."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_lines(lines: list[dict[str, Any]], folder: Path) -> Report:
    from ..loading.html import extract_page

    counts, worst = [], []
    titles = dates = failed = 0
    start = time.perf_counter()
    for line in lines:
        data = (folder / line["file"]).read_bytes()
        try:
            page = extract_page(data, line.get("url"))
        except ValueError:
            failed += 1
            counts.append(page_counts(line["text"], ""))
            continue
        counts.append(page_counts(line["text"], page.text))
        titles += bool(page.title)
        dates += page.published is not None
        worst.append((counts[-1][1], counts[-1][2], line["id"]))
    seconds = time.perf_counter() - start
    p, r, f = benchmark_scores(counts)
    n = max(len(lines), 1)
    text = "\n".join([
        f"pages: {len(lines)} ({failed} with no text kept), {len(lines) / max(seconds, 1e-9):.1f} "
        "pages/s",
        f"main text (4-word shingles, per-page means): precision {p:.3f}  recall {r:.3f}  "
        f"F1 {f:.3f}",
        f"title found: {titles}/{len(lines)} ({titles / n:.1%})   "
        f"date found: {dates}/{len(lines)} ({dates / n:.1%})",
    ])
    return Report(text, {"F1": f, "precision": p, "recall": r, "title found": titles / n,
                         "date found": dates / n})


def run(gold_path: str | Path, limit: int | None = None, model: str | None = None,
        split: str = "all") -> str:
    """Score main-text extraction on ``gold_path`` (``model`` unused: no parse)."""
    gold_path = Path(gold_path)
    lines = list(read_jsonl(gold_path))
    return run_split(lines, split, UNIT_KEY, lambda rows: score_lines(rows, gold_path.parent),
                     limit)
