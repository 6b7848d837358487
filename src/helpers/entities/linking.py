"""Cross-document linking: one name and id per entity across the corpus.

``entity_mapping`` decides the renames (a lone surname whose full name is unique in the corpus
becomes that person; one display spelling per ``entity_id``); ``link_tables`` applies them to
the entities table and to what refers to entities: quotes' speakers and figures' claimants.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from .names import _norm, _surname, entity_key, lexicon


def entity_mapping(table: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """Corpus-level renaming: old entity_id → (label, canonical, entity_id).

    A lone PERSON name ("Trump") whose surname belongs to exactly one full PERSON name in the
    corpus becomes that person, and so does a lone GPE/ORG name that is no gazetteer entry
    when the corpus also tags it PERSON elsewhere; each remaining entity_id gets one spelling,
    its most frequent mixed-case canonical name."""
    if table.empty:
        return {}
    pairs = table.groupby(["entity_id", "label", "canonical"], sort=True).size()
    full: dict[str, set[str]] = defaultdict(set)
    lone: dict[str, str] = {}
    other: dict[str, str] = {}  # lone GPE/ORG names that are not known places or bodies
    lone_person_keys: set[str] = set()
    lex = lexicon()
    for (eid, label, canonical), _ in pairs.items():
        single = " " not in canonical.strip()
        if label in ("GPE", "ORG") and single and _norm(canonical) not in lex:
            other[eid] = _norm(canonical)
        if label != "PERSON":
            continue
        surname = _surname(canonical)
        if surname:
            full[surname].add(canonical)
        elif single:
            lone[eid] = _norm(canonical)
            lone_person_keys.add(_norm(canonical))
    mapping: dict[str, tuple[str, str, str]] = {}
    for eid, key in lone.items():
        names = full.get(key)
        if names and len(names) == 1:
            name = next(iter(names))
            mapping[eid] = ("PERSON", name, entity_key("PERSON", name))
    # "Blinken" tagged GPE in an article that never gives the full name, while the corpus
    # also has it tagged PERSON and knows one "Antony Blinken": that person.
    for eid, key in other.items():
        names = full.get(key)
        if names and len(names) == 1 and key in lone_person_keys:
            name = next(iter(names))
            mapping[eid] = ("PERSON", name, entity_key("PERSON", name))
    # One display spelling per id: the most frequent one that is not all capitals.
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, str] = {}
    for (eid, label, canonical), n in pairs.items():
        target = mapping.get(eid)
        new_id = target[2] if target else eid
        name = target[1] if target else canonical
        spellings[new_id][name] += int(n)
        labels[new_id] = label if not target else target[0]
    best = {}
    for eid, counter in spellings.items():
        ranked = sorted(counter.items(), key=lambda kv: (kv[0].isupper(), -kv[1], kv[0]))
        best[eid] = ranked[0][0]
    for (eid, _label, canonical), _ in pairs.items():
        target = mapping.get(eid)
        new_id = target[2] if target else eid
        if best[new_id] != canonical or new_id != eid:
            mapping[eid] = (labels[new_id], best[new_id], new_id)
    return mapping


def _renamed(values: pd.Series, names: dict[str, str]) -> pd.Series:
    """``values`` with the keys of ``names`` replaced (others, and NA, unchanged)."""
    return values.map(names).fillna(values).astype(values.dtype)


def link_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Cross-document linking of entities; updates speaker and claimant names to match.

    Renamed entities (see :func:`entity_mapping`) get their new label, canonical name and id;
    quotes whose ``speaker_entity_id`` is a renamed id get the new id and canonical name;
    figures' ``claimed_by`` (a canonical name) is renamed within the same document."""
    ents = tables.get("entities")
    if ents is None or ents.empty:
        return tables
    mapping = entity_mapping(ents)
    if not mapping:
        return tables
    ids = ents["entity_id"]
    hit = ids.isin(list(mapping))
    if not hit.any():
        return tables
    new_label = {old: new[0] for old, new in mapping.items()}
    new_name = {old: new[1] for old, new in mapping.items()}
    new_id = {old: new[2] for old, new in mapping.items()}
    renamed = ents.loc[hit, ["doc_id", "canonical", "entity_id"]]
    ents = ents.copy()
    for column, names in (("label", new_label), ("canonical", new_name)):
        ents[column] = ids.map(names).fillna(ents[column]).astype(ents[column].dtype)
    ents["entity_id"] = _renamed(ids, new_id)
    tables = dict(tables)
    tables["entities"] = ents

    quotes = tables.get("quotes")
    if quotes is not None and not quotes.empty and "speaker_entity_id" in quotes:
        speaker = quotes["speaker_entity_id"]
        if speaker.isin(list(mapping)).any():
            quotes = quotes.copy()
            name = speaker.map(new_name)
            quotes["speaker_canonical"] = name.fillna(quotes["speaker_canonical"]).astype(
                quotes["speaker_canonical"].dtype
            )
            quotes["speaker_entity_id"] = _renamed(speaker, new_id)
            tables["quotes"] = quotes

    figures = tables.get("figures")
    if figures is not None and not figures.empty and "claimed_by" in figures:
        renames = {
            (doc_id, canonical): new_name[eid]
            for doc_id, canonical, eid in renamed.drop_duplicates().itertuples(index=False)
            if new_name[eid] != canonical
        }
        if renames:
            claimed = figures["claimed_by"]
            keys = pd.Series(list(zip(figures["doc_id"], claimed, strict=True)),
                             index=figures.index, dtype=object)
            new = keys.map(renames)
            if new.notna().any():
                figures = figures.copy()
                figures["claimed_by"] = new.fillna(claimed).astype(claimed.dtype)
                tables["figures"] = figures
    return tables
