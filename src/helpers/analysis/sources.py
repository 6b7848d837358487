"""Who the voices are: the sourcing view media researchers report, from the quotes, speakers,
people and documents tables.

- :func:`quote_profiles`: every attribution with its speaker's profile (gender, source type,
  role, affiliation);
- :func:`gender_shares`: per outlet (or article), the quotes given to people by gender, with the
  share of unknown gender shown, not hidden;
- :func:`source_type_shares`: per outlet, the quotes by source type;
- :func:`most_quoted`: the most quoted people and organisations with role and affiliation.

Every function returns a small, deterministically sorted table; nothing here parses text.
"""

from __future__ import annotations

import pandas as pd

from ..profiles import SOURCE_TYPES
from .quotes import with_groups

GENDER_COLUMNS = ("female", "male", "unknown")
#: Source type of an attribution that names no speaker at all.
NO_SPEAKER = "unknown"


def quote_profiles(quotes: pd.DataFrame, speakers: pd.DataFrame, documents: pd.DataFrame,
                   people: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes (with ``group`` and ``who``, see :func:`.quotes.with_groups`) plus their
    speaker's ``gender``, ``source_type``, ``role`` and ``affiliation``: resolved speakers by
    ``(doc_id, entity_id)``, unresolved ones by the mention as written. With ``people``, a
    resolved speaker's gender is the corpus-wide one (what all their articles say)."""
    q = with_groups(quotes, documents)
    cols = ["gender", "source_type", "role", "affiliation"]
    resolved = speakers[speakers["entity_id"].notna()]
    unresolved = speakers[speakers["entity_id"].isna()]
    by_entity = q.merge(
        resolved[["doc_id", "entity_id", *cols]].drop_duplicates(["doc_id", "entity_id"]),
        how="left", left_on=["doc_id", "speaker_entity_id"], right_on=["doc_id", "entity_id"],
    ).drop(columns="entity_id")
    by_mention = q[["doc_id", "speaker"]].merge(
        unresolved[["doc_id", "name", *cols]].drop_duplicates(["doc_id", "name"]),
        how="left", left_on=["doc_id", "speaker"], right_on=["doc_id", "name"],
    )
    use_mention = q["speaker_entity_id"].isna().to_numpy()
    for c in cols:
        by_entity.loc[use_mention, c] = by_mention.loc[use_mention, c].to_numpy()
        by_entity[c] = by_entity[c].astype("string")
    by_entity["source_type"] = by_entity["source_type"].fillna(NO_SPEAKER)
    if people is not None and len(people):
        corpus = by_entity["speaker_entity_id"].map(people.set_index("entity_id")["gender"])
        by_entity["gender"] = corpus.astype("string").fillna(by_entity["gender"])
    return by_entity


def gender_shares(quotes: pd.DataFrame, speakers: pd.DataFrame, documents: pd.DataFrame,
                  people: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quotes given to people, per group, by gender: ``group, quotes, female, male, unknown,
    female_share, male_share, unknown_share`` (shares of the group's quotes by people, 0..1).
    Quotes by bodies and places ("the ministry said") are not counted. With ``people``,
    resolved speakers have their corpus-wide gender (see :func:`quote_profiles`)."""
    q = quote_profiles(quotes, speakers, documents, people)
    q = q[q["gender"].notna()]
    counts = pd.crosstab(q["group"], q["gender"]).reindex(columns=list(GENDER_COLUMNS),
                                                          fill_value=0)
    counts.columns.name = None
    table = counts.reset_index()
    table.insert(1, "quotes", counts.sum(axis=1).to_numpy())
    for g in GENDER_COLUMNS:
        share = table[g] / table["quotes"].where(table["quotes"] > 0)
        table[f"{g}_share"] = share.round(3).astype("Float64")
        table[g] = table[g].astype("Int64")
    table["quotes"] = table["quotes"].astype("Int64")
    table["group"] = table["group"].astype("string")
    columns = ["group", "quotes", *GENDER_COLUMNS, *(f"{g}_share" for g in GENDER_COLUMNS)]
    return table.reindex(columns=columns).sort_values("group").reset_index(drop=True)


def source_type_shares(quotes: pd.DataFrame, speakers: pd.DataFrame,
                       documents: pd.DataFrame) -> pd.DataFrame:
    """Quotes per group and source type: ``group, source_type, quotes, share`` (of the group's
    quotes, 0..1), source types in the order of :data:`helpers.profiles.SOURCE_TYPES`."""
    q = quote_profiles(quotes, speakers, documents)
    cols = ["group", "source_type", "quotes", "share"]
    if q.empty:
        return pd.DataFrame({c: pd.Series(dtype="Float64" if c == "share" else "string")
                             for c in cols}).astype({"quotes": "Int64"})
    table = q.groupby(["group", "source_type"]).size().reset_index(name="quotes")
    totals = table.groupby("group")["quotes"].transform("sum")
    table["share"] = (table["quotes"] / totals).round(3).astype("Float64")
    order = {kind: i for i, kind in enumerate(SOURCE_TYPES)}
    table = table.assign(_o=table["source_type"].map(order).fillna(len(order)))
    table = table.sort_values(["group", "_o", "source_type"]).drop(columns="_o")
    table["quotes"] = table["quotes"].astype("Int64")
    return table[cols].astype({"group": "string", "source_type": "string"}).reset_index(
        drop=True)


def most_quoted(people: pd.DataFrame, top_n: int = 15) -> pd.DataFrame:
    """The ``top_n`` most quoted people and organisations: ``name, quotes, articles, role,
    affiliation, nationality, gender, source_type`` (most quotes first, then name)."""
    cols = ["name", "quotes", "articles", "role", "affiliation", "nationality", "gender",
            "source_type"]
    table = people.rename(columns={"n_quotes": "quotes", "n_articles": "articles"})
    table = table.sort_values(["quotes", "name"], ascending=[False, True]).head(top_n)
    return table.reindex(columns=cols).reset_index(drop=True)
