"""Corpus-wide table work on the speakers table (no parsing): entity ids after cross-document
linking, and the ``people`` table, one row per person or organisation across the corpus.

A person's row aggregates their per-article rows: ``gender`` is the one most of their
articles give (articles that say nothing do not vote; a tie is ``unknown``), with the strongest
kind of evidence among the articles that agree and the number of articles that disagree
(``gender_conflicts``); role, affiliation, nationality and source type are the most frequent
stated ones (ties: alphabetical), ``unknown`` source type only when no article states one.
"""

from __future__ import annotations

import pandas as pd

from .gender import ORDER
from .records import UNKNOWN

PEOPLE_COLUMNS = (
    "entity_id", "name", "label", "n_articles", "n_quotes", "gender", "gender_evidence",
    "gender_conflicts", "role", "affiliation", "affiliation_entity_id", "nationality",
    "source_type",
)


def link_speakers(speakers: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame
                  ) -> pd.DataFrame:
    """``speakers`` with the entity ids (and names) cross-document linking gave the entities
    table (``before`` → ``after``, the same rows); rows of one article that now name the same
    entity are merged (their quotes added up)."""
    if speakers.empty or before.empty or len(before) != len(after):
        return speakers
    old, new = before["entity_id"].astype(object), after["entity_id"].astype(object)
    changed = (old != new) | (before["canonical"].astype(object) != after["canonical"])
    if not changed.any():
        return speakers
    ids = dict(zip(old[changed], new[changed], strict=True))
    names = dict(zip(new[changed], after["canonical"][changed], strict=True))
    out = speakers.copy()
    for id_col, name_col in (("entity_id", "name"), ("affiliation_entity_id", "affiliation")):
        renamed = out[id_col].map(ids)
        hit = renamed.notna()
        out.loc[hit, id_col] = renamed[hit]
        out.loc[hit, name_col] = out.loc[hit, id_col].map(names)
    return _merge_duplicates(out)


def _merge_duplicates(speakers: pd.DataFrame) -> pd.DataFrame:
    resolved = speakers["entity_id"].notna()
    dup = speakers[resolved].duplicated(["doc_id", "entity_id"], keep=False)
    if not dup.any():
        return speakers
    counts = speakers[resolved].groupby(["doc_id", "entity_id"])["n_quotes"].transform("sum")
    out = speakers.copy()
    out.loc[counts.index, "n_quotes"] = counts
    keep = ~(resolved & speakers.duplicated(["doc_id", "entity_id"], keep="first"))
    return out[keep].reset_index(drop=True)


def people(speakers: pd.DataFrame) -> pd.DataFrame:
    """One row per resolved speaker (``entity_id``) across the corpus, most quoted first."""
    rows = speakers[speakers["entity_id"].notna()]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PEOPLE_COLUMNS})
    table = rows.groupby("entity_id", sort=True).agg(
        n_articles=("doc_id", "nunique"), n_quotes=("n_quotes", "sum"))
    table = table.join(_mode(rows, ["name"])).join(_mode(rows, ["label"]))
    table = table.join(_gender(rows))
    table = table.join(_mode(rows, ["role"])).join(
        _mode(rows, ["affiliation", "affiliation_entity_id"]))
    table = table.join(_mode(rows, ["nationality"]))
    stated = rows[rows["source_type"] != UNKNOWN]
    table = table.join(_mode(stated, ["source_type"]))
    table["source_type"] = table["source_type"].fillna(UNKNOWN)
    table = table.reset_index().sort_values(["n_quotes", "name"], ascending=[False, True])
    return table[list(PEOPLE_COLUMNS)].reset_index(drop=True)


def _mode(rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Per entity, the most frequent combination of ``columns`` whose first is stated."""
    stated = rows[rows[columns[0]].notna()]
    if stated.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="entity_id"))
    counts = stated.groupby(["entity_id", *columns], dropna=False).size().reset_index(name="n")
    counts = counts.sort_values(["entity_id", "n", *columns],
                                ascending=[True, False, *([True] * len(columns))])
    return counts.drop_duplicates("entity_id").set_index("entity_id")[columns]


def _gender(rows: pd.DataFrame) -> pd.DataFrame:
    """gender, gender_evidence and gender_conflicts per entity."""
    known = rows[rows["gender"].notna() & (rows["gender"] != UNKNOWN)]
    votes = known.groupby(["entity_id", "gender"]).size().unstack(fill_value=0)
    out = pd.DataFrame(index=rows["entity_id"].drop_duplicates().sort_values())
    out.index.name = "entity_id"
    out["gender"] = rows.groupby("entity_id")["gender"].first()
    out.loc[out["gender"].notna(), "gender"] = UNKNOWN
    out["gender_evidence"] = pd.NA
    out["gender_conflicts"] = 0
    if votes.empty:
        return out
    top = votes.max(axis=1)
    winner = votes.idxmax(axis=1).where((votes == top.to_numpy()[:, None]).sum(axis=1) == 1)
    out.loc[winner.index, "gender"] = winner.fillna(UNKNOWN)
    out.loc[votes.index, "gender_conflicts"] = (votes.sum(axis=1) - top).where(
        winner.notna(), votes.sum(axis=1))
    agree = known.merge(winner.rename("winner"), left_on="entity_id", right_index=True)
    agree = agree[agree["gender"] == agree["winner"]]
    rank = agree["gender_evidence"].map({kind: i for i, kind in enumerate(ORDER)})
    strongest = agree.assign(rank=rank).sort_values("rank").drop_duplicates("entity_id")
    out.loc[strongest["entity_id"], "gender_evidence"] = strongest["gender_evidence"].to_numpy()
    return out
