"""Scoring the kit on gold JSONL files (``newskit eval TASK --gold FILE``).

One module per task (``entities``, ``quotes``, ``figures``, ``stories``), each with
``run(gold_path, limit=None, model=None) -> str`` returning the printed report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def read_jsonl(path: str | Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Gold lines in order; a broken line raises ValueError naming file and line."""
    with Path(path).open(encoding="utf-8") as fh:
        n = 0
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: broken JSON ({exc.msg})") from exc
            n += 1
            if limit is not None and n >= limit:
                return


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
