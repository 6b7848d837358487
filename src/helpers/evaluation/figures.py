"""``newskit eval figures --gold FILE``: span and value P/R/F1 per kind and overall.

Gold lines: ``{"id", "text", "reference_date"?, "annotated_kinds", "expected": [{"kind",
"surface", "start", "end", "value", "unit"}]}``. The texts go through the kit's normal path
(``helpers.analyze`` on a documents table whose ``published`` is each line's reference date).

Scoring, per kind, with one-to-one matching inside a line:

- precision counts only predictions of the kinds a line annotates;
- **span**: same kind and exactly the gold character offsets;
- **value**: same kind, overlapping spans and the same value (relative tolerance 1e-6); for
  money the ISO unit must match too; for dates the gold TIMEX string must equal the date
  field the file is scored on (see below).

**Which date field.** A gold file either leaves a year the text does not state unknown
("March 28" → "XXXX-03-28", the contract's ``date_value``) or always states it, read from the
article's date ("2024-03-28", the extra column ``date_resolved``). :func:`date_field` decides
per file: a file whose every line carries a ``reference_date`` and annotates dates only (news
articles annotated against their publication date, such as ``dates_tempeval_dev.jsonl``) is
scored on ``date_resolved``; any other file (``figures_dev.jsonl`` mixes kinds and its date
lines write unknown years as ``XXXX``) on ``date_value``. The report names the field it scores
and, for information, gives the date F1 on the other one.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from . import Report, prf, read_jsonl, run_split

KINDS = ("money", "percent", "count", "quantity", "date")
#: The two date fields a gold TIMEX value can be compared with.
DATE_FIELDS = ("date_value", "date_resolved")


def date_field(lines: list[dict[str, Any]]) -> str:
    """``"date_resolved"`` for a file of dates read against each article's date (every line
    has a ``reference_date`` and annotates only dates), else ``"date_value"``."""
    if lines and all(x.get("reference_date") and list(x.get("annotated_kinds") or []) == ["date"]
                     for x in lines):
        return "date_resolved"
    return "date_value"


def _same_value(kind: str, gold: dict[str, Any], pred: dict[str, Any],
                field: str = "date_value") -> bool:
    if kind == "date":
        pv = pred.get(field)
        return pv is not None and not pd.isna(pv) and str(pv) == str(gold.get("value") or "")
    gv, pv = gold.get("value"), pred.get("value")
    if gv is None or pv is None or pd.isna(pv):
        return False
    if not math.isclose(float(gv), float(pv), rel_tol=1e-6, abs_tol=1e-9):
        return False
    if kind == "money":
        return str(gold.get("unit")) == str(pred.get("unit"))
    return True


def _match(golds: list[dict], preds: list[dict], how: str, field: str = "date_value") -> int:
    used: set[int] = set()
    tp = 0
    for g in golds:
        for j, p in enumerate(preds):
            if j in used or p["kind"] != g["kind"]:
                continue
            if how == "span":
                ok = p["start"] == g["start"] and p["end"] == g["end"]
            else:
                ok = p["start"] < g["end"] and g["start"] < p["end"] and _same_value(
                    g["kind"], g, p, field)
            if ok:
                used.add(j)
                tp += 1
                break
    return tp


def score(lines: list[dict[str, Any]], predictions: dict[str, list[dict[str, Any]]],
          field: str = "date_value") -> dict[str, dict[str, float]]:
    """Counts per kind (and ``all``): n_gold, n_pred, span_tp, value_tp (dates compared with
    ``field``) and other_tp (dates compared with the other date field)."""
    other = DATE_FIELDS[1 - DATE_FIELDS.index(field)]
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for line in lines:
        kinds = set(line.get("annotated_kinds") or KINDS)
        preds = [p for p in predictions.get(str(line["id"]), []) if p["kind"] in kinds]
        for kind in kinds:
            g = [x for x in line.get("expected", []) if x["kind"] == kind]
            p = [x for x in preds if x["kind"] == kind]
            c = counts[kind]
            c["n_gold"] += len(g)
            c["n_pred"] += len(p)
            c["span_tp"] += _match(g, p, "span")
            c["value_tp"] += _match(g, p, "value", field)
            c["other_tp"] += _match(g, p, "value", other)
    total: dict[str, float] = defaultdict(float)
    for c in counts.values():
        for k, v in c.items():
            total[k] += v
    out = {k: dict(v) for k, v in counts.items()}
    out["all"] = dict(total)
    return out


def predict(lines: list[dict[str, Any]], model: str | None = None) -> dict[str, list[dict]]:
    """Figure records per line id, through ``helpers.analyze`` (one document per line)."""
    from ..pipeline import analyze

    docs = pd.DataFrame({
        "doc_id": [str(x["id"]) for x in lines],
        "text": [x["text"] for x in lines],
        "published": pd.to_datetime([x.get("reference_date") for x in lines], errors="coerce"),
    })
    figures = analyze(docs, cache=False, model=model).figures
    out: dict[str, list[dict]] = defaultdict(list)
    for rec in figures.to_dict("records"):
        out[str(rec["doc_id"])].append(rec)
    return out


#: Which field of a gold line picks its tune/check half.
UNIT_KEY = "id"


def run(gold_path: str | Path, limit: int | None = None, model: str | None = None,
        split: str = "all") -> str:
    """Score the kit on a gold file (or one half of it); returns the printed report."""
    lines = list(read_jsonl(gold_path))
    name = Path(gold_path).name
    return run_split(lines, split, UNIT_KEY, lambda rows: score_lines(rows, name, model), limit)


def score_lines(lines: list[dict[str, Any]], name: str, model: str | None = None) -> Report:
    """Extract figures from every gold sentence in ``lines`` and score them."""
    start = time.perf_counter()
    predictions = predict(lines, model=model)
    seconds = time.perf_counter() - start
    field = date_field(lines)
    counts = score(lines, predictions, field)
    metrics: dict[str, float] = {}
    rows = [f"figures on {name}: {len(lines)} sentences"]
    if "date" in counts:
        rows.append(f"date values scored on {field}" + (
            " (the gold states every year, read from each article's date)"
            if field == "date_resolved" else " (a year the text leaves out is XXXX)"))
    rows.append(f"{'kind':<9} {'gold':>5} {'pred':>5}   {'span P':>6} {'R':>5} {'F1':>5}   "
                f"{'value P':>7} {'R':>5} {'F1':>5}")
    for kind in (*[k for k in KINDS if k in counts], "all"):
        c = counts[kind]
        sp = prf(c["span_tp"], c["n_pred"], c["n_gold"])
        vp = prf(c["value_tp"], c["n_pred"], c["n_gold"])
        metrics[f"{kind} value F1"] = vp[2]
        rows.append(f"{kind:<9} {int(c['n_gold']):>5} {int(c['n_pred']):>5}   "
                    f"{sp[0]:>6.3f} {sp[1]:>5.3f} {sp[2]:>5.3f}   "
                    f"{vp[0]:>7.3f} {vp[1]:>5.3f} {vp[2]:>5.3f}")
    if "date" in counts:
        c = counts["date"]
        st = prf(c["other_tp"], c["n_pred"], c["n_gold"])
        other = DATE_FIELDS[1 - DATE_FIELDS.index(field)]
        rows.append(f"for information, date value F1 scoring {other} instead: {st[2]:.3f}")
    rows.append(f"{seconds / max(len(lines), 1):.4f} s per sentence "
                f"({seconds:.1f} s for {len(lines)}, parse included)")
    return Report("\n".join(rows), metrics)
