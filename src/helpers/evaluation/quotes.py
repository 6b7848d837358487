"""``newskit eval quotes``: score quote extraction on a gold JSONL file (CONTRACT.md).

A predicted quote matches a gold one when its content span covers at least 30% (also 80%)
of the gold content's characters (gold content may be several spans); matching is one-to-one
(maximum bipartite matching, so one long prediction cannot claim two gold quotes). Speaker
accuracy is measured on the quotes matched at 30%: entity-level against the gold
``speaker_entity`` where present (else against the gold mention), and mention-level by
overlap of the predicted and gold speaker spans.
"""

from __future__ import annotations

import functools
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..datafiles import rows
from . import Report, prf, read_jsonl, run_split

THRESHOLDS = (0.3, 0.8)
_PRONOUNS = frozenset(
    "i me my we us our you your he him his she her it its they them their who which that".split()
)
_STOP = frozenset(
    "the a an of and 's ’s mr mrs ms dr gov sen rep president unnamed former "
    "second third other another".split()
)


def _chars(spans: list[list[int]]) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        out.update(range(a, b))
    return out


def coverage(pred: tuple[int, int], gold_chars: set[int]) -> float:
    """Share of the gold content's characters inside the predicted content span."""
    if not gold_chars:
        return 0.0
    a, b = pred
    return sum(1 for c in gold_chars if a <= c < b) / len(gold_chars)


def match(preds: list[tuple[int, int]], golds: list[set[int]], threshold: float) -> dict[int, int]:
    """One-to-one matching gold index → pred index (maximum bipartite matching)."""
    edges = [
        [j for j, p in enumerate(preds) if coverage(p, g) >= threshold] for g in golds
    ]
    owner: dict[int, int] = {}  # pred → gold

    def augment(g: int, seen: set[int]) -> bool:
        for j in edges[g]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = g
                return True
        return False

    # Gold quotes with fewer candidates first: greedy order for a maximum matching.
    for g in sorted(range(len(golds)), key=lambda i: len(edges[i])):
        augment(g, set())
    return {g: j for j, g in owner.items()}


def _tokens(name: str) -> set[str]:
    name = re.sub(r"\b((?:[A-Za-z]\.){2,})", lambda m: m.group(1).replace(".", ""), name)
    words = re.findall(r"[\w]+", name.lower().replace("’s", "").replace("'s", ""))
    return {w for w in words if w not in _STOP}


def _with_acronyms(name: str) -> set[str]:
    """Tokens plus the initials of runs of capitalised words ("United Nations" → "un"), so
    "U.N. Security Council" and "United Nations Security Council" name the same body."""
    out = _tokens(name)
    words = [w for w in re.findall(r"[\w]+", name) if w.lower() not in ("and", "of", "for", "to")]
    caps = [w for w in words if w[:1].isupper()]
    for n in range(2, 6):
        for i in range(len(caps) - n + 1):
            out.add("".join(w[0] for w in caps[i : i + n]).lower())
    return out


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_LIST_SPLIT = re.compile(r"\s*(?:;|\band\b|&)\s*")


def _person_name(name: str) -> tuple[str, str] | None:
    """(given name, surname) of a "Given [M.] Surname [Jr.]" name, else None."""
    words = [w for w in re.findall(r"[\w'’-]+", name.lower()) if w not in _SUFFIXES]
    words = [w for w in words if len(w) > 1]
    if len(words) < 2 or not all(w.isalpha() for w in (words[0], words[-1])):
        return None
    return words[0], words[-1]


def _same_person(pred: str, gold: str) -> bool:
    """"Len Burman" ~ "Leonard Burman", "Joseph R. Biden Jr." ~ "Joe Biden": same surname,
    and the given names equal, one the start of the other ("Chris"/"Christopher") or a
    listed short form (``data/quote_nicknames.csv``), ignoring initials and suffixes.
    "Bill Clinton" and "Hillary Clinton" stay apart."""
    p, g = _person_name(pred), _person_name(gold)
    if p is None or g is None or p[1] != g[1]:
        return False
    a, b = sorted((p[0], g[0]), key=len)
    return a == b or (len(a) >= 3 and b.startswith(a)) or (a, b) in _nicknames()


@functools.lru_cache(maxsize=1)
def _nicknames() -> frozenset[tuple[str, str]]:
    """(short form, given name) pairs from ``data/quote_nicknames.csv``."""
    return frozenset((r["short"], r["given"]) for r in rows("quote_nicknames.csv"))


def same_entity(pred: str | None, gold: str) -> bool:
    """Does a predicted speaker name denote the gold entity? Token containment either way
    ("Clinton" ~ "Hillary Clinton", "the source" ~ "unnamed source"), or the same person
    under a short given name (:func:`_same_person`); pronouns never match."""
    if not pred:
        return False
    p = _tokens(pred)
    if not p or p <= _PRONOUNS:
        return False
    several = [x for x in _LIST_SPLIT.split(pred) if x.strip()]
    if len(several) > 1 and ";" in gold:
        # "Obama and Clinton" for gold "Barack Obama; Hillary Clinton": every named person
        # must be one of the gold speakers, and all of them named
        parts = [x for x in gold.split(";") if x.strip()]
        return len(several) == len(parts) and all(
            any(same_entity(x, g) for g in parts) for x in several
        )
    p_ext = _with_acronyms(pred)
    for part in gold.split(";"):
        g = _tokens(part)
        if g and (p <= g or g <= p or g <= p_ext or p <= _with_acronyms(part)):
            return True
        if _same_person(pred, part):
            return True
    return False


def _overlap(a: tuple[int, int] | None, b: list[int] | None) -> bool:
    if a is None or b is None:
        return False
    return a[0] < b[1] and b[0] < a[1]


def _na(value: Any) -> Any:
    try:
        import pandas as pd

        return None if value is None or pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def score_document(preds: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts for one document (pred records as from ``quotes.from_doc``)."""
    spans = [(int(p["content_start"]), int(p["content_end"])) for p in preds]
    golds = [_chars(g["content_spans"]) for g in gold]
    out: dict[str, Any] = {"n_pred": len(preds), "n_gold": len(gold)}
    for th in THRESHOLDS:
        m = match(spans, golds, th)
        out[f"tp@{th}"] = len(m)
        if th == THRESHOLDS[0]:
            matched = set(m.values())
            out["rules"] = Counter(str(p.get("rule")) for p in preds)
            out["rules_ok"] = Counter(str(p.get("rule")) for j, p in enumerate(preds)
                                      if j in matched)
            types: Counter = Counter()
            found: Counter = Counter()
            ent_ok = ent_n = men_ok = men_n = pro_ok = pro_n = 0
            for gi, g in enumerate(gold):
                kind = "mixed" if g.get("mixed") else g["type"]
                types[g["type"]] += 1
                types[kind + "*"] += 1 if kind == "mixed" else 0
                if gi not in m:
                    continue
                found[g["type"]] += 1
                if kind == "mixed":
                    found["mixed*"] += 1
                p = preds[m[gi]]
                ps = p.get("speaker_start")
                pspan = None if _na(ps) is None else (int(ps), int(p["speaker_end"]))
                gspan = g.get("speaker_span")
                men_n += 1
                men_ok += int(_overlap(pspan, gspan) or (pspan is None and gspan is None))
                name = _na(p.get("speaker_canonical")) or _na(p.get("speaker"))
                if g.get("speaker_entity"):
                    ok = same_entity(name, g["speaker_entity"])
                elif g.get("speaker"):
                    ok = same_entity(name, g["speaker"]) or _overlap(pspan, gspan)
                else:
                    ok = pspan is None
                ent_n += 1
                ent_ok += int(ok)
                if g.get("speaker_is_pronoun"):
                    pro_n += 1
                    pro_ok += int(ok)
            out.update(types=types, found=found, ent=(ent_ok, ent_n), men=(men_ok, men_n),
                       pro=(pro_ok, pro_n))
    return out


#: Which field of a gold line picks its tune/check half.
UNIT_KEY = "id"


def run(gold_path: str | Path, limit: int | None = None, model: str | None = None,
        split: str = "all") -> str:
    """Score the kit's quotes on ``gold_path`` (or one half of it); returns the printed
    report."""
    lines = list(read_jsonl(gold_path))
    return run_split(lines, split, UNIT_KEY, lambda rows: score_lines(rows, model), limit)


def score_lines(lines: list[dict[str, Any]], model: str | None = None) -> Report:
    """Parse and extract every gold article in ``lines``, then score them."""
    from .. import entities, nlp, quotes

    language = nlp.load_model(model)
    totals: Counter = Counter()
    types: Counter = Counter()
    found: Counter = Counter()
    by_rule: Counter = Counter()
    by_rule_ok: Counter = Counter()
    start = time.perf_counter()
    extract_seconds = 0.0
    docs = nlp.parse(language, (line["text"] for line in lines))
    for line, doc in zip(lines, docs, strict=True):
        t0 = time.perf_counter()
        preds = quotes.from_doc(doc, entities.from_doc(doc))
        extract_seconds += time.perf_counter() - t0
        s = score_document(preds, line.get("quotes", []))
        for key in ("n_pred", "n_gold", *(f"tp@{th}" for th in THRESHOLDS)):
            totals[key] += s[key]
        types.update(s["types"])
        found.update(s["found"])
        by_rule.update(s["rules"])
        by_rule_ok.update(s["rules_ok"])
        for name in ("ent", "men", "pro"):
            totals[f"{name}_ok"] += s[name][0]
            totals[f"{name}_n"] += s[name][1]
    seconds = time.perf_counter() - start
    report = _report(len(lines), totals, types, found, seconds, extract_seconds)
    return Report(report.text + "\n" + by_rule_line(by_rule, by_rule_ok), report.metrics)


def by_rule_line(by_rule: Counter, by_rule_ok: Counter) -> str:
    """"precision by rule @0.3: reported_clause 0.93 (457/493), ...": which rule made the
    predictions and how many of them matched a gold quote, most frequent first."""
    parts = [f"{rule} {by_rule_ok[rule] / n:.2f} ({by_rule_ok[rule]}/{n})"
             for rule, n in by_rule.most_common()]
    return "precision by rule @0.3: " + ", ".join(parts)


def _report(n_lines: int, totals: Counter, types: Counter, found: Counter, seconds: float,
            extract_seconds: float) -> Report:
    n = max(n_lines, 1)
    metrics: dict[str, float] = {}
    out = [f"quotes: {n_lines} articles, {totals['n_gold']} gold, {totals['n_pred']} predicted"]
    for th in THRESHOLDS:
        p, r, f = prf(totals[f"tp@{th}"], totals["n_pred"], totals["n_gold"])
        metrics.update({f"precision@{th}": p, f"recall@{th}": r, f"F1@{th}": f})
        out.append(f"@{th:.1f} coverage: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    parts = []
    for kind in ("direct", "indirect", "mixed*"):
        if types[kind]:
            label = "indirect (mixed)" if kind == "mixed*" else kind
            metrics[f"{label} recall@0.3"] = found[kind] / types[kind]
            parts.append(f"{label} {found[kind] / types[kind]:.3f} ({found[kind]}/{types[kind]})")
    out.append("recall by type @0.3: " + ", ".join(parts))

    def share(name: str) -> float:
        return totals[f"{name}_ok"] / totals[f"{name}_n"] if totals[f"{name}_n"] else 0.0

    ent, men, pro = share("ent"), share("men"), share("pro")
    metrics.update({"speaker entity": ent, "speaker mention": men, "speaker pronoun": pro})
    out.append(
        f"speaker accuracy on matched @0.3: entity {ent:.3f} ({totals['ent_ok']}/{totals['ent_n']})"
        f", mention {men:.3f} ({totals['men_ok']}/{totals['men_n']})"
    )
    out.append(
        f"speaker accuracy on matched pronoun speakers @0.3: entity {pro:.3f} "
        f"({totals['pro_ok']}/{totals['pro_n']})"
    )
    out.append(
        f"seconds per article: {seconds / n:.3f} (parse + extract; quote/entity extraction "
        f"{extract_seconds / n:.4f})"
    )
    return Report("\n".join(out), metrics)
