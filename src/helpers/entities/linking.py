"""Cross-document linking: one name and id per entity across the corpus.

``entity_mapping`` decides the renames (a lone surname whose full name is unique in the corpus
becomes that person; one display spelling per ``entity_id``); ``link_tables`` applies them to
the entities table and to what refers to entities: quotes' speakers and figures' claimants.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd

from .names import _norm, _surname, entity_key, lexicon

#: A renamed entity: (label, canonical name, entity_id).
Target = tuple[str, str, str]


@dataclass
class _CorpusNames:
    """What the corpus's (entity_id, label, canonical) triples say about its names."""

    full: dict[str, set[str]]  # surname key → the full PERSON names with that surname
    lone: dict[str, str]  # entity_id of a one-word PERSON name → its key
    other: dict[str, str]  # entity_id of a one-word GPE/ORG name not in the gazetteer → key
    lone_person_keys: set[str]  # keys of the one-word PERSON names

    @classmethod
    def of(cls, pairs: pd.Series) -> _CorpusNames:
        names = cls(defaultdict(set), {}, {}, set())
        lex = lexicon()
        for (eid, label, canonical), _ in pairs.items():
            single = " " not in canonical.strip()
            if label in ("GPE", "ORG") and single and _norm(canonical) not in lex:
                names.other[eid] = _norm(canonical)
            if label != "PERSON":
                continue
            surname = _surname(canonical)
            if surname:
                names.full[surname].add(canonical)
            elif single:
                names.lone[eid] = _norm(canonical)
                names.lone_person_keys.add(_norm(canonical))
        return names

    def only_person(self, key: str) -> Target | None:
        """The one full PERSON name in the corpus with surname ``key``, if exactly one."""
        found = self.full.get(key)
        if not found or len(found) != 1:
            return None
        name = next(iter(found))
        return "PERSON", name, entity_key("PERSON", name)


def _surname_targets(names: _CorpusNames) -> dict[str, Target]:
    """A lone PERSON surname ("Trump") whose full name is unique in the corpus is that person;
    so is a lone GPE/ORG name ("Blinken" tagged GPE in an article that never gives the full
    name) that the corpus also tags PERSON, when it knows one full name for it."""
    mapping: dict[str, Target] = {}
    for eid, key in names.lone.items():
        if (target := names.only_person(key)) is not None:
            mapping[eid] = target
    for eid, key in names.other.items():
        if key in names.lone_person_keys and (target := names.only_person(key)) is not None:
            mapping[eid] = target
    return mapping


def _best_spelling(counts: Counter[str]) -> str:
    """The most frequent spelling that is not all capitals (ties: the first alphabetically)."""
    return min(counts.items(), key=lambda kv: (kv[0].isupper(), -kv[1], kv[0]))[0]


def _spellings(
    pairs: pd.Series, mapping: dict[str, Target]
) -> tuple[dict[str, str], dict[str, str]]:
    """Each (renamed) entity_id's display spelling, and its label."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, str] = {}
    for (eid, label, canonical), n in pairs.items():
        target = mapping.get(eid)
        new_id = target[2] if target else eid
        name = target[1] if target else canonical
        spellings[new_id][name] += int(n)
        labels[new_id] = label if not target else target[0]
    return {eid: _best_spelling(counts) for eid, counts in spellings.items()}, labels


def entity_mapping(table: pd.DataFrame) -> dict[str, Target]:
    """Corpus-level renaming: old entity_id → (label, canonical, entity_id).

    A lone PERSON name ("Trump") whose surname belongs to exactly one full PERSON name in the
    corpus becomes that person, and so does a lone GPE/ORG name that is no gazetteer entry
    when the corpus also tags it PERSON elsewhere (``_surname_targets``); each remaining
    entity_id gets one spelling, its most frequent mixed-case canonical name."""
    if table.empty:
        return {}
    pairs = table.groupby(["entity_id", "label", "canonical"], sort=True).size()
    mapping = _surname_targets(_CorpusNames.of(pairs))
    best, labels = _spellings(pairs, mapping)
    for (eid, _label, canonical), _ in pairs.items():
        target = mapping.get(eid)
        new_id = target[2] if target else eid
        if best[new_id] != canonical or new_id != eid:
            mapping[eid] = (labels[new_id], best[new_id], new_id)
    return mapping


def _renamed(values: pd.Series, names: dict[str, str]) -> pd.Series:
    """``values`` with the keys of ``names`` replaced (others, and NA, unchanged)."""
    return values.map(names).fillna(values).astype(values.dtype)


@dataclass(frozen=True)
class _Renames:
    """``entity_mapping`` by field: old entity_id → new label, canonical name and id."""

    label: dict[str, str]
    name: dict[str, str]
    id: dict[str, str]

    @classmethod
    def of(cls, mapping: dict[str, Target]) -> _Renames:
        return cls(
            {old: new[0] for old, new in mapping.items()},
            {old: new[1] for old, new in mapping.items()},
            {old: new[2] for old, new in mapping.items()},
        )


def _linked_entities(ents: pd.DataFrame, renames: _Renames) -> pd.DataFrame:
    """Renamed entities get their new label, canonical name and id."""
    ids = ents["entity_id"]
    ents = ents.copy()
    for column, names in (("label", renames.label), ("canonical", renames.name)):
        ents[column] = ids.map(names).fillna(ents[column]).astype(ents[column].dtype)
    ents["entity_id"] = _renamed(ids, renames.id)
    return ents


def _linked_quotes(quotes: pd.DataFrame | None, renames: _Renames) -> pd.DataFrame | None:
    """Quotes whose ``speaker_entity_id`` is a renamed id get the new id and canonical name;
    None when no quote's speaker was renamed."""
    if quotes is None or quotes.empty or "speaker_entity_id" not in quotes:
        return None
    speaker = quotes["speaker_entity_id"]
    if not speaker.isin(list(renames.id)).any():
        return None
    quotes = quotes.copy()
    name = speaker.map(renames.name)
    quotes["speaker_canonical"] = name.fillna(quotes["speaker_canonical"]).astype(
        quotes["speaker_canonical"].dtype
    )
    quotes["speaker_entity_id"] = _renamed(speaker, renames.id)
    return quotes


def _linked_figures(
    figures: pd.DataFrame | None, renamed: pd.DataFrame, renames: _Renames
) -> pd.DataFrame | None:
    """Figures' ``claimed_by`` (a canonical name) renamed within the same document, from the
    ``renamed`` entity rows (doc_id, old canonical, old entity_id); None when none changes."""
    if figures is None or figures.empty or "claimed_by" not in figures:
        return None
    claims = {
        (doc_id, canonical): renames.name[eid]
        for doc_id, canonical, eid in renamed.drop_duplicates().itertuples(index=False)
        if renames.name[eid] != canonical
    }
    if not claims:
        return None
    claimed = figures["claimed_by"]
    keys = pd.Series(list(zip(figures["doc_id"], claimed, strict=True)),
                     index=figures.index, dtype=object)
    new = keys.map(claims)
    if not new.notna().any():
        return None
    figures = figures.copy()
    figures["claimed_by"] = new.fillna(claimed).astype(claimed.dtype)
    return figures


def link_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Cross-document linking of entities; updates speaker and claimant names to match.

    Renamed entities (see :func:`entity_mapping`) get their new label, canonical name and id;
    quotes whose ``speaker_entity_id`` is a renamed id get the new id and canonical name;
    figures' ``claimed_by`` (a canonical name) is renamed within the same document."""
    ents = tables.get("entities")
    if ents is None or ents.empty:
        return tables
    mapping = entity_mapping(ents)
    hit = ents["entity_id"].isin(list(mapping))
    if not mapping or not hit.any():
        return tables
    renames = _Renames.of(mapping)
    renamed = ents.loc[hit, ["doc_id", "canonical", "entity_id"]]
    tables = dict(tables)
    tables["entities"] = _linked_entities(ents, renames)
    quotes = _linked_quotes(tables.get("quotes"), renames)
    if quotes is not None:
        tables["quotes"] = quotes
    figures = _linked_figures(tables.get("figures"), renamed, renames)
    if figures is not None:
        tables["figures"] = figures
    return tables
