"""Profile rows taken from the kit's own tables: the entities an article names and the figures
it states, as ``{key: weight}`` rows per document (:mod:`.profiles` turns them into unit-length
sparse rows).

- ``people``, ``places``, ``others``: canonical entity ids by label group, each weighted
  ``(1 + ln mentions) x mean surprisal of the name's words`` (:func:`name_weight`);
- ``lead_people``: the people whose mention starts in the first :data:`LEAD_PEOPLE_CHARS`
  characters of the text, URLs removed (:func:`lead_end`);
- ``numbers``, ``dates``, ``years``: the figures table's non-date values with kind and unit,
  and the calendar keys of its dates.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from ..dates import calendar
from .text import URL, surprisal, tokens

#: Entity labels by profile group; other labels (dates, amounts, ordinals) are left out.
PEOPLE = frozenset({"PERSON"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
OTHERS = frozenset({"ORG", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
#: Characters of the text (URLs removed) whose people are the event's participants: about the
#: first sentence, where a report names who did what.
LEAD_PEOPLE_CHARS = 200


@functools.lru_cache(maxsize=50_000)
def name_weight(name: str) -> float:
    """Mean background surprisal of a name's words: rare names weigh more than common ones."""
    words = tokens(name)
    return sum(surprisal(w) for w in words) / len(words) if words else 0.0


def _grouped(table: pd.DataFrame | None, doc_ids: list[str],
             rows_of: Callable[[pd.DataFrame], Iterable[tuple[str, str, float]]],
             ) -> dict[str, list[dict[str, float]]]:
    """Per profile group, one ``{key: weight}`` per document from ``rows_of(table)``, which
    yields ``(group, key, weight)`` for the rows of one document."""
    position = {d: i for i, d in enumerate(doc_ids)}
    out: dict[str, list[dict[str, float]]] = {}
    if table is None or table.empty:
        return out
    for doc_id, part in table.groupby(table["doc_id"].astype(str), sort=False):
        i = position.get(doc_id)
        if i is None:
            continue
        for group, key, weight in rows_of(part):
            rows = out.setdefault(group, [{} for _ in doc_ids])
            rows[i][key] = rows[i].get(key, 0.0) + weight
    return out


def _entity_rows(part: pd.DataFrame) -> Iterable[tuple[str, str, float]]:
    counts = Counter(zip(part["label"].astype(str), part["entity_id"].astype(str),
                         part["canonical"].astype(str), strict=True))
    for (label, entity_id, canonical), n in counts.items():
        group = ("people" if label in PEOPLE else "places" if label in PLACES
                 else "others" if label in OTHERS else None)
        if group and entity_id != "<NA>":
            yield group, entity_id, (1.0 + math.log(n)) * name_weight(canonical)


def lead_end(text: Any, chars: int = LEAD_PEOPLE_CHARS) -> int:
    """Offset in ``text`` where its first ``chars`` characters without URLs end (an entity
    table's offsets are into the raw text; :func:`.profiles.clean_text` turns each link into a
    space)."""
    if not isinstance(text, str):
        return 0
    raw = clean = 0
    for link in URL.finditer(text):
        gap = link.start() - raw
        if clean + gap >= chars:
            break
        clean += gap + 1
        raw = link.end()
    return raw + (chars - clean)


def lead_people(entities: pd.DataFrame | None, doc_ids: list[str],
                 texts: list[Any]) -> list[dict[str, float]]:
    """Per document, ``{person id: 1}`` for the people whose mention starts before
    :func:`lead_end` (none when the table has no offsets)."""
    rows: list[dict[str, float]] = [{} for _ in doc_ids]
    if entities is None or entities.empty or "start" not in entities:
        return rows
    position = {d: i for i, d in enumerate(doc_ids)}
    ends = [lead_end(t) for t in texts]
    for doc_id, label, entity_id, start in zip(
            entities["doc_id"].astype(str), entities["label"].astype(str),
            entities["entity_id"].astype(str), entities["start"], strict=True):
        i = position.get(doc_id)
        if i is not None and label in PEOPLE and entity_id != "<NA>" and not pd.isna(start) \
                and int(start) < ends[i]:
            rows[i][entity_id] = 1.0
    return rows


def _date_keys(surface: str, date: Any) -> Iterable[tuple[str, str, float]]:
    """A date figure's keys: its year, its month or day, and the weekday it names (an event's
    "on Thursday" is known even when its calendar date is not)."""
    weekdays = calendar.names()["weekday"]
    for word in tokens(surface):
        if len(word) > 3 and word in weekdays:
            yield "dates", f"weekday:{weekdays[word]}", 1.0
    if isinstance(date, str) and date[:4].isdigit():
        yield "years", date[:4], 1.0
        if len(date) >= 7:
            yield "dates", date[:10], 1.0


def _figure_rows(part: pd.DataFrame) -> Iterable[tuple[str, str, float]]:
    for kind, surface, value, unit, date in zip(
            part["kind"].astype(str), part["surface"].astype(str), part["value"], part["unit"],
            part["date_value"], strict=True):
        if kind == "date":
            yield from _date_keys(surface, date)
        elif not pd.isna(value):
            unit_name = unit if isinstance(unit, str) else ""
            yield "numbers", f"{kind}:{float(value):.6g}:{unit_name}", 1.0


def entity_groups(entities: pd.DataFrame | None,
                  doc_ids: list[str]) -> dict[str, list[dict[str, float]]]:
    """``people``, ``places`` and ``others`` rows of ``doc_ids`` from an entities table."""
    return _grouped(entities, doc_ids, _entity_rows)


def figure_groups(figures: pd.DataFrame | None,
                  doc_ids: list[str]) -> dict[str, list[dict[str, float]]]:
    """``numbers``, ``dates`` and ``years`` rows of ``doc_ids`` from a figures table."""
    return _grouped(figures, doc_ids, _figure_rows)
