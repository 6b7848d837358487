"""``newskit eval speakers``: score speaker gender on the development quotes (quotes gold format).

The gold gender of a person in an article is the he/she of the gold pronoun attributions that
the gold resolves to them (``speaker_is_pronoun``, ``speaker``, ``speaker_entity``; a person
with both is left out). The kit's speakers of the same article are matched to gold people by
name (the gold person's surname among the words of the kit's name). On the gold people the kit
finds as speakers it reports accuracy (share right among those it gives a gender) and coverage
(share it gives a gender at all), for:

- all people with a gold gender, per article (``speakers`` table) and corpus-wide (``people``);
- those also named without a pronoun in the article;
- every person again with the pronoun evidence left out: as if the article never referred to
  them by a pronoun, so only honorifics, gendered roles and given names can work.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..lexicons import pronouns
from ..profiles import GENDER_ORDER, decide_gender
from ..profiles.records import GENDERS, GenderEvidence
from . import Report, read_jsonl, run_split

UNIT_KEY = "id"
_STOP = frozenset("the a an mr mrs ms dr sen rep gov president jr sr".split())
_WORD = re.compile(r"[a-z][\w'-]*")


@dataclass(frozen=True)
class GoldPerson:
    name: str
    gender: str  # "female" | "male"
    named: bool  # also has an attribution without a pronoun


def gold_people(line: dict[str, Any]) -> list[GoldPerson]:
    """The people of one gold article with a gold gender (from pronoun attributions)."""
    genders: dict[str, set[str]] = {}
    named: set[str] = set()
    for quote in line.get("quotes", []):
        who = quote.get("speaker_entity")
        if not who:
            continue
        if not quote.get("speaker_is_pronoun"):
            named.add(who)
            continue
        value = pronouns().get(str(quote.get("speaker", "")).lower(), {}).get("gender")
        if value in GENDERS:
            genders.setdefault(who, set()).add(GENDERS[value])
    return [GoldPerson(who, next(iter(g)), who in named)
            for who, g in sorted(genders.items()) if len(g) == 1]


def _words(name: str) -> list[str]:
    return [w for w in _WORD.findall(str(name).lower().replace("’s", "")) if w not in _STOP]


def match(person: GoldPerson, rows: pd.DataFrame) -> pd.Series | None:
    """The kit's speaker row (of the same article) that names ``person``: their surname among
    its words and no other given name ("Ellie McKinley" is not "Kevin McKinley"), most shared
    words first."""
    words = _words(person.name)
    if not words or rows.empty:
        return None
    best, score = None, 0
    for _, row in rows.iterrows():
        mine = _words(row["name"])
        shared = len(set(mine) & set(words))
        other_given = len(mine) > 1 and len(words) > 1 and mine[0][0] != words[0][0]
        if words[-1] in mine and not other_given and shared > score:
            best, score = row, shared
    return best


def _without_pronoun(row: pd.Series) -> str:
    evidence = GenderEvidence(None, _value(row["honorific_gender"]),
                              _value(row["given_name_gender"]))
    return decide_gender(evidence, [k for k in GENDER_ORDER if k != "pronoun"])[0]


def _value(v: Any) -> str | None:
    return None if pd.isna(v) else str(v)


class Tally:
    """Accuracy and coverage of one measure."""

    def __init__(self) -> None:
        self.n = self.known = self.right = 0

    def add(self, gold: str, predicted: Any) -> None:
        self.n += 1
        if isinstance(predicted, str) and predicted in GENDERS.values():
            self.known += 1
            self.right += predicted == gold

    @property
    def accuracy(self) -> float:
        return self.right / self.known if self.known else 0.0

    @property
    def coverage(self) -> float:
        return self.known / self.n if self.n else 0.0

    def line(self, label: str) -> str:
        return (f"  {label:<34} n={self.n:<4} accuracy {self.accuracy:.3f} "
                f"({self.right}/{self.known})  coverage {self.coverage:.3f}")


def score_lines(lines: list[dict[str, Any]], model: str | None = None) -> Report:
    """Analyse every gold article (the whole pipeline) and score the speakers' gender."""
    from .. import pipeline

    start = time.perf_counter()
    docs = pd.DataFrame({"doc_id": [str(line[UNIT_KEY]) for line in lines],
                         "text": [line["text"] for line in lines]})
    analysis = pipeline.analyze(docs, cache=False, model=model)
    speakers = analysis.speakers[analysis.speakers["entity_id"].notna()]
    by_doc = {doc_id: part for doc_id, part in speakers.groupby("doc_id")}
    people = analysis.people.set_index("entity_id")["gender"]
    tallies = {k: Tally() for k in ("article", "named", "no_pronoun", "people")}
    evidence: Counter = Counter()
    n_gold = 0
    for line in lines:
        rows = by_doc.get(str(line[UNIT_KEY]), pd.DataFrame())
        for person in gold_people(line):
            n_gold += 1
            row = match(person, rows)
            if row is None:
                continue
            tallies["article"].add(person.gender, row["gender"])
            evidence[(_value(row["gender_evidence"]) or "none",
                      row["gender"] == person.gender)] += 1
            if person.named:
                tallies["named"].add(person.gender, row["gender"])
            tallies["no_pronoun"].add(person.gender, _without_pronoun(row))
            tallies["people"].add(person.gender, people.get(row["entity_id"]))
    return _report(len(lines), n_gold, tallies, evidence, time.perf_counter() - start)


def _report(n_docs: int, n_gold: int, tallies: dict[str, Tally], evidence: Counter,
            seconds: float) -> Report:
    found = tallies["article"].n
    text = [
        f"speaker gender on {n_docs} articles: {n_gold} people with a gold gender "
        f"(he/she attributions resolved to them); the kit finds {found} of them as speakers "
        f"({found / n_gold if n_gold else 0:.3f})",
        tallies["article"].line("per article (speakers table)"),
        tallies["named"].line("also named without a pronoun"),
        tallies["no_pronoun"].line("pronoun evidence left out"),
        tallies["people"].line("corpus-wide (people table)"),
        "  decided by: " + ", ".join(
            f"{kind} {evidence[(kind, True)]}/{evidence[(kind, True)] + evidence[(kind, False)]}"
            for kind in (*GENDER_ORDER, "none")),
        f"  ({seconds:.1f} s)",
    ]
    metrics = {"found": found / n_gold if n_gold else 0.0}
    for name, tally in tallies.items():
        metrics[f"{name} accuracy"] = tally.accuracy
        metrics[f"{name} coverage"] = tally.coverage
    return Report("\n".join(text), metrics)


def run(gold_path: str | Path, limit: int | None = None, model: str | None = None,
        split: str = "all") -> str:
    """Score speaker gender on ``gold_path`` (or one half of it); returns the printed report."""
    lines = list(read_jsonl(gold_path))
    return run_split(lines, split, UNIT_KEY, lambda rows: score_lines(rows, model), limit)
