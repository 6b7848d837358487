"""A first look at a corpus, from the documents and entities tables: size, outlets, dates,
lengths, duplicates, skipped files and the most mentioned entities.

Every function takes the kit's tables and returns a small, deterministically sorted table (or a
dict of numbers); nothing here parses text.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

UNKNOWN_OUTLET = "(unknown)"
#: Entity labels shown by default in "top entities by label" tables.
MAIN_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC")
#: Labels that name something (spaCy's DATE, MONEY, CARDINAL... are figures, not entities).
NAMED_LABELS = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
)


def _outlets(documents: pd.DataFrame) -> pd.Series:
    return documents["outlet"].astype("string").fillna(UNKNOWN_OUTLET)


def summary(documents: pd.DataFrame) -> dict[str, Any]:
    """Headline facts: articles, outlets, dated articles and date range, words, duplicates,
    skipped files (from ``documents.attrs["skipped"]``)."""
    published = documents["published"].dropna() if len(documents) else pd.Series(dtype="object")
    words = documents["n_words"].astype("Int64") if len(documents) else pd.Series(dtype="Int64")
    duplicates = (
        int(documents["duplicate_of"].notna().sum()) if "duplicate_of" in documents else 0
    )
    return {
        "articles": len(documents),
        "outlets": int(documents["outlet"].dropna().nunique()) if len(documents) else 0,
        "without_outlet": int(documents["outlet"].isna().sum()) if len(documents) else 0,
        "dated": len(published),
        "date_from": published.min().date().isoformat() if len(published) else None,
        "date_to": published.max().date().isoformat() if len(published) else None,
        "words": int(words.sum()) if len(words) else 0,
        "median_words": int(words.median()) if len(words.dropna()) else 0,
        "duplicates": duplicates,
        "skipped": len(documents.attrs.get("skipped", [])),
    }


def summary_table(documents: pd.DataFrame) -> pd.DataFrame:
    """``summary`` as a two-column table (measure, value) for display."""
    s = summary(documents)
    rows = [
        ("articles", s["articles"]),
        ("outlets", s["outlets"]),
        ("articles without an outlet", s["without_outlet"]),
        ("articles with a date", s["dated"]),
        ("first date", s["date_from"] or "–"),
        ("last date", s["date_to"] or "–"),
        ("words (total)", f"{s['words']:,}"),
        ("words per article (median)", f"{s['median_words']:,}"),
        ("duplicate texts", s["duplicates"]),
        ("files skipped", s["skipped"]),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"]).astype({"value": "string"})


def documents_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per article (no text): doc_id, outlet, published, title, n_words; sorted by date
    (undated last), then doc_id."""
    cols = ["doc_id", "outlet", "published", "title", "n_words"]
    out = documents[cols].copy()
    out["published"] = out["published"].dt.date.astype("string")
    return out.sort_values(["published", "doc_id"], na_position="last", kind="stable").reset_index(
        drop=True
    )


def outlet_counts(documents: pd.DataFrame) -> pd.DataFrame:
    """Articles and words per outlet (missing outlet as "(unknown)"), most articles first."""
    if documents.empty:
        return pd.DataFrame({"outlet": pd.Series(dtype="string"),
                             "articles": pd.Series(dtype="Int64"),
                             "words": pd.Series(dtype="Int64")})
    table = (
        pd.DataFrame({"outlet": _outlets(documents), "n_words": documents["n_words"]})
        .groupby("outlet", dropna=False)
        .agg(articles=("n_words", "size"), words=("n_words", "sum"))
        .reset_index()
        .astype({"articles": "Int64", "words": "Int64"})
    )
    return table.sort_values(["articles", "outlet"], ascending=[False, True]).reset_index(drop=True)


def period_frequency(published: pd.Series) -> str:
    """``"D"``, ``"W"`` or ``"M"``: days for up to two months, weeks up to a year, else months."""
    dates = published.dropna()
    if dates.empty:
        return "D"
    span = (dates.max() - dates.min()).days
    return "D" if span <= 62 else "W" if span <= 366 else "M"


def articles_by_period(documents: pd.DataFrame, freq: str | None = None) -> pd.DataFrame:
    """Articles per day/week/month (``freq`` None: chosen from the date span), with empty
    periods filled with 0; columns ``period`` (start date), ``articles``. Undated articles are
    left out (``summary`` counts them)."""
    dates = documents["published"].dropna() if len(documents) else pd.Series(dtype="datetime64[ns]")
    if dates.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"),
                             "articles": pd.Series(dtype="Int64")})
    freq = freq or period_frequency(dates)
    rule = {"D": "D", "W": "W-MON", "M": "MS"}.get(freq, freq)
    counts = (
        pd.Series(1, index=pd.DatetimeIndex(dates).normalize())
        .resample(rule, label="left", closed="left")
        .sum()
    )
    out = counts.rename("articles").rename_axis("period").reset_index()
    out["articles"] = out["articles"].astype("Int64")
    out.attrs["freq"] = freq
    return out


def top_entities(
    entities: pd.DataFrame,
    top_n: int | None = 15,
    labels: tuple[str, ...] | list[str] | None = NAMED_LABELS,
) -> pd.DataFrame:
    """Most mentioned entities: canonical, label, mentions, articles, entity_id; by mentions,
    then articles, then name. ``labels`` keeps only those entity types (default: names, not
    dates or numbers; None: every label)."""
    ents = entities
    if labels:
        ents = ents[ents["label"].isin(list(labels)).fillna(False).astype(bool)]
    if ents.empty:
        return pd.DataFrame({
            "canonical": pd.Series(dtype="string"), "label": pd.Series(dtype="string"),
            "mentions": pd.Series(dtype="Int64"), "articles": pd.Series(dtype="Int64"),
            "entity_id": pd.Series(dtype="string"),
        })
    # An entity's label is its most frequent one (label repair may leave a stray mention).
    label = (
        ents.groupby(["entity_id", "label"]).size().rename("n").reset_index()
        .sort_values(["entity_id", "n", "label"], ascending=[True, False, True])
        .drop_duplicates("entity_id").set_index("entity_id")["label"]
    )
    name = (
        ents.groupby(["entity_id", "canonical"]).size().rename("n").reset_index()
        .sort_values(["entity_id", "n", "canonical"], ascending=[True, False, True])
        .drop_duplicates("entity_id").set_index("entity_id")["canonical"]
    )
    table = ents.groupby("entity_id").agg(
        mentions=("doc_id", "size"), articles=("doc_id", "nunique")
    )
    table["canonical"] = name
    table["label"] = label
    table = table.reset_index()[["canonical", "label", "mentions", "articles", "entity_id"]]
    table = table.astype({"canonical": "string", "label": "string", "mentions": "Int64",
                          "articles": "Int64", "entity_id": "string"})
    table = table.sort_values(
        ["mentions", "articles", "canonical", "entity_id"], ascending=[False, False, True, True]
    ).reset_index(drop=True)
    return table if top_n is None else table.head(top_n)


def top_entities_by_label(
    entities: pd.DataFrame, top_n: int = 5, labels: tuple[str, ...] | list[str] = MAIN_LABELS
) -> pd.DataFrame:
    """The ``top_n`` most mentioned entities of each label, labels in the given order."""
    parts = []
    for lab in labels:
        part = top_entities(entities, top_n, labels=[lab])
        part.insert(0, "rank", pd.array(range(1, len(part) + 1), dtype="Int64"))
        parts.append(part)
    out = pd.concat(parts, ignore_index=True) if parts else top_entities(entities, 0)
    return out[["label", "rank", "canonical", "mentions", "articles"]]


def label_counts(entities: pd.DataFrame) -> pd.DataFrame:
    """Mentions, distinct entities and articles per entity label, most mentions first."""
    if entities.empty:
        return pd.DataFrame({"label": pd.Series(dtype="string"),
                             "mentions": pd.Series(dtype="Int64"),
                             "entities": pd.Series(dtype="Int64"),
                             "articles": pd.Series(dtype="Int64")})
    table = (
        entities.groupby("label")
        .agg(mentions=("doc_id", "size"), entities=("entity_id", "nunique"),
             articles=("doc_id", "nunique"))
        .reset_index()
        .astype({"mentions": "Int64", "entities": "Int64", "articles": "Int64"})
    )
    return table.sort_values(["mentions", "label"], ascending=[False, True]).reset_index(drop=True)


def duplicates(documents: pd.DataFrame) -> pd.DataFrame:
    """Articles whose text is identical to an earlier one: doc_id, duplicate_of, outlet, title."""
    cols = ["doc_id", "duplicate_of", "outlet", "title"]
    if "duplicate_of" not in documents:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in cols})
    dup = documents[documents["duplicate_of"].notna()]
    return dup[cols].sort_values(["duplicate_of", "doc_id"]).reset_index(drop=True)


def skipped(documents: pd.DataFrame) -> pd.DataFrame:
    """Files or rows that were not loaded, with the reason: path, reason (sorted by path)."""
    rows = documents.attrs.get("skipped", [])
    table = pd.DataFrame(rows, columns=["path", "reason"]).astype("string")
    return table.sort_values("path").reset_index(drop=True)


def headline_numbers(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Counts shown at the top of a report: articles, entity mentions, distinct entities,
    quotes, figures, citations."""
    ents = tables.get("entities", pd.DataFrame())
    return {
        "articles": len(tables.get("documents", ())),
        "entity mentions": len(ents),
        "distinct entities": int(ents["entity_id"].nunique()) if len(ents) else 0,
        "quotes": len(tables.get("quotes", ())),
        "figures": len(tables.get("figures", ())),
        "citations": len(tables.get("citations", ())),
    }
