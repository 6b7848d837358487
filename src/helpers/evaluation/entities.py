"""``newskit eval entities``: the kit's entity mentions against bare spaCy on CoNLL-style gold.

Both systems are scored on the same parses. spaCy labels map to CoNLL ones (PERSON→PER,
ORG→ORG, GPE/LOC/FAC→LOC, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE→MISC; numeric and date
labels are dropped). Two measures:

- span F1: a predicted mention counts when its start, end and label equal a gold one;
- inventory F1: per document, the set of distinct ``(normalised text, label)`` pairs, compared
  as sets (what a reader of "who and what is mentioned" sees), micro-averaged over documents.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import entities, nlp, schema
from . import Report, prf, read_jsonl, run_split

CONLL_LABELS = ("PER", "ORG", "LOC", "MISC")
SPACY_TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSS = re.compile(r"\s*['’]s?$")
_SPACE = re.compile(r"\s+")

Span = tuple[int, int, str]


def normalise(text: str) -> str:
    """Inventory key of a mention: lower case, no leading "the", no possessive, single spaces."""
    text = _SPACE.sub(" ", text.strip()).lower()
    return _POSS.sub("", _THE.sub("", text)).strip()


def _mapped(items: Iterable[tuple[int, int, str]]) -> set[Span]:
    out = set()
    for start, end, label in items:
        conll = SPACY_TO_CONLL.get(label)
        if conll is not None:
            out.add((int(start), int(end), conll))
    return out


def _inventory(text: str, spans: set[Span]) -> set[tuple[str, str]]:
    return {(normalise(text[s:e]), label) for s, e, label in spans}


class _Tally:
    """True positives, predictions and gold counts, overall and per label."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.pred: Counter[str] = Counter()
        self.gold: Counter[str] = Counter()

    def add(self, pred: set, gold: set) -> None:
        # The label is the last element of both span and inventory tuples.
        for item in pred:
            self.pred[item[-1]] += 1
            self.pred["ALL"] += 1
        for item in gold:
            self.gold[item[-1]] += 1
            self.gold["ALL"] += 1
        for item in pred & gold:
            self.tp[item[-1]] += 1
            self.tp["ALL"] += 1

    def scores(self, label: str = "ALL") -> tuple[float, float, float]:
        return prf(self.tp[label], self.pred[label], self.gold[label])


def evaluate(
    gold_path: str | Path, limit: int | None = None, model: str | None = None
) -> dict[str, Any]:
    """Score bare spaCy and the kit on ``gold_path``; returns the tallies and timings."""
    return evaluate_lines(list(read_jsonl(gold_path, limit=limit)), model)


def evaluate_lines(lines: list[dict[str, Any]], model: str | None = None) -> dict[str, Any]:
    """Score bare spaCy and the kit on gold ``lines``; returns the tallies and timings."""
    language = nlp.load_model(model)
    texts = [line["text"] for line in lines]

    t0 = time.perf_counter()
    docs = list(nlp.parse(language, texts))
    parse_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    rows = []
    for line, doc in zip(lines, docs, strict=True):
        for record in entities.from_doc(doc):
            rows.append({"doc_id": str(line["id"]), **record})
    empty = {name: schema.empty(name) for name in ("quotes", "figures", "citations")}
    table = entities.link_tables({"entities": schema.frame(rows, "entities"), **empty})[
        "entities"
    ]
    kit_seconds = time.perf_counter() - t0

    kit_by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for doc_id, start, end, label in zip(
        table["doc_id"], table["start"], table["end"], table["label"], strict=True
    ):
        kit_by_doc.setdefault(doc_id, []).append((start, end, label))

    span = {"spacy": _Tally(), "kit": _Tally()}
    inventory = {"spacy": _Tally(), "kit": _Tally()}
    for line, doc in zip(lines, docs, strict=True):
        text = line["text"]
        gold = {(g["start"], g["end"], g["label"]) for g in line["entities"]}
        predictions = {
            "spacy": _mapped((e.start_char, e.end_char, e.label_) for e in doc.ents),
            "kit": _mapped(kit_by_doc.get(str(line["id"]), [])),
        }
        for system, pred in predictions.items():
            span[system].add(pred, gold)
            inventory[system].add(_inventory(text, pred), _inventory(text, gold))
    return {
        "n_documents": len(lines),
        "n_gold": sum(len(line["entities"]) for line in lines),
        "span": span,
        "inventory": inventory,
        "parse_seconds": parse_seconds,
        "kit_seconds": kit_seconds,
    }


def _table(title: str, tallies: dict[str, _Tally]) -> list[str]:
    out = [f"{title}", f"  {'label':<6} {'system':<11} {'P':>6} {'R':>6} {'F1':>6}"]
    for label in ("ALL", *CONLL_LABELS):
        for system, name in (("spacy", "bare spaCy"), ("kit", "kit")):
            p, r, f = tallies[system].scores(label)
            out.append(f"  {label:<6} {name:<11} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f}")
        gain = 100 * (tallies["kit"].scores(label)[2] - tallies["spacy"].scores(label)[2])
        out.append(f"  {label:<6} {'gain':<11} {'':>6} {'':>6} {gain:+6.1f}")
    return out


#: Which field of a gold line picks its tune/check half.
UNIT_KEY = "id"


def run(gold_path: str | Path, limit: int | None = None, model: str | None = None,
        split: str = "all") -> str:
    """The printed report of ``newskit eval entities`` (on one half of the file, or all)."""
    lines = list(read_jsonl(gold_path))
    name = Path(gold_path).name
    return run_split(lines, split, UNIT_KEY,
                     lambda rows: _report(evaluate_lines(rows, model), name), limit)


def _report(result: dict[str, Any], name: str) -> Report:
    n = max(result["n_documents"], 1)
    lines = [
        f"entities: {result['n_documents']} documents, {result['n_gold']} gold mentions "
        f"({name})",
        *_table("span F1 (exact start, end and CoNLL label)", result["span"]),
        *_table("document-inventory F1 (per document set of (normalised text, label))",
                result["inventory"]),
    ]
    span_gain = 100 * (result["span"]["kit"].scores()[2] - result["span"]["spacy"].scores()[2])
    inv_gain = 100 * (
        result["inventory"]["kit"].scores()[2] - result["inventory"]["spacy"].scores()[2]
    )
    lines.append(f"gain over bare spaCy: span F1 {span_gain:+.1f}, inventory F1 {inv_gain:+.1f}")
    parse = result["parse_seconds"] / n
    kit = result["kit_seconds"] / n
    share = 100 * result["kit_seconds"] / result["parse_seconds"] if result["parse_seconds"] else 0
    lines.append(
        f"seconds per document: spaCy parse {parse:.4f}, kit entity rules {kit:.4f} "
        f"(+{share:.1f}% on top of the parse)"
    )
    metrics = {f"span F1 {label}": result["span"]["kit"].scores(label)[2]
               for label in ("ALL", *CONLL_LABELS)}
    metrics["inventory F1 ALL"] = result["inventory"]["kit"].scores()[2]
    return Report("\n".join(lines), metrics)
