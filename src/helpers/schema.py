"""Column names and dtypes of the kit's tables (see CONTRACT.md).

Every extractor builds its DataFrame through :func:`frame`, so each table always has the
contract's columns, in the contract's order, with nullable dtypes (``pd.NA`` for missing).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

STRING = "string"
INT = "Int64"
FLOAT = "Float64"
DATETIME = "datetime64[ns]"

TABLES: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": STRING,
        "outlet": STRING,
        "published": DATETIME,
        "title": STRING,
        "text": STRING,
        "path": STRING,
        "n_words": INT,
        "content_hash": STRING,
        "author": STRING,
        "url": STRING,
        "language": STRING,
        "source_format": STRING,
    },
    "entities": {
        "doc_id": STRING,
        "start": INT,
        "end": INT,
        "surface": STRING,
        "label": STRING,
        "canonical": STRING,
        "entity_id": STRING,
    },
    "quotes": {
        "doc_id": STRING,
        "quote_id": STRING,
        "type": STRING,
        "content": STRING,
        "content_start": INT,
        "content_end": INT,
        "speaker": STRING,
        "speaker_start": INT,
        "speaker_end": INT,
        "speaker_canonical": STRING,
        "speaker_entity_id": STRING,
        "cue": STRING,
        "cue_start": INT,
        "cue_end": INT,
        "confidence": FLOAT,
    },
    "figures": {
        "doc_id": STRING,
        "figure_id": STRING,
        "kind": STRING,
        "surface": STRING,
        "start": INT,
        "end": INT,
        "value": FLOAT,
        "unit": STRING,
        "qualifier": STRING,
        "date_value": STRING,
        "date_modifier": STRING,
        "sentence": STRING,
        "claimed_by": STRING,
        "quote_id": STRING,
    },
    "citations": {
        "doc_id": STRING,
        "cited": STRING,
        "cue": STRING,
        "start": INT,
        "end": INT,
    },
    # One row per speaker per article (helpers.profiles): a resolved entity, or an unresolved
    # speaker mention as written (entity_id NA, name = the mention).
    "speakers": {
        "doc_id": STRING,
        "entity_id": STRING,
        "name": STRING,
        "label": STRING,
        "n_quotes": INT,
        "gender": STRING,
        "gender_evidence": STRING,
        "role": STRING,
        "affiliation": STRING,
        "affiliation_entity_id": STRING,
        "nationality": STRING,
        "source_type": STRING,
        "pronoun_gender": STRING,
        "honorific_gender": STRING,
        "given_name_gender": STRING,
        "role_rule": STRING,
        "source_type_rule": STRING,
    },
    # One row per resolved speaker (person or organisation) across the corpus.
    "people": {
        "entity_id": STRING,
        "name": STRING,
        "label": STRING,
        "n_articles": INT,
        "n_quotes": INT,
        "gender": STRING,
        "gender_evidence": STRING,
        "gender_conflicts": INT,
        "role": STRING,
        "affiliation": STRING,
        "affiliation_entity_id": STRING,
        "nationality": STRING,
        "source_type": STRING,
    },
}

#: Columns the kit adds after a table's contract columns (the contract may be extended, never
#: renamed): always present, in this order, with these dtypes.
EXTRAS: dict[str, dict[str, str]] = {
    "quotes": {"rule": STRING},  # the rule that made the attribution (data/quote_rules.csv)
}

#: Tables produced per document by the extractors (documents come from loading).
EXTRACTED_TABLES = ("entities", "quotes", "figures", "citations", "speakers")
#: Tables made from the extracted ones across the whole corpus, after cross-document linking.
CORPUS_TABLES = ("people",)


def columns(table: str) -> list[str]:
    """The contract's columns of ``table``, in order."""
    return list(TABLES[table])


def _cast(series: pd.Series, dtype: str) -> pd.Series:
    if dtype == DATETIME:
        return pd.to_datetime(series, errors="coerce").astype(DATETIME)
    if dtype in (INT, FLOAT):
        return pd.to_numeric(series, errors="coerce").astype(dtype)
    if dtype == STRING:
        # None/NaN become pd.NA; everything else becomes its str().
        return series.astype("object").where(series.notna(), None).astype(STRING)
    return series.astype(dtype)


def without_attrs(table: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A shallow copy of ``table`` without ``DataFrame.attrs``, and a copy of the attrs.

    pandas deep-copies ``attrs`` on every operation, and a loaded corpus's attrs hold one dict
    per file read, which made a warm ``analyze`` of 300 articles 7x slower: work on the bare
    copy and set the attrs on the result once."""
    bare = table.copy(deep=False)  # the one deep copy of the attrs
    attrs, bare.attrs = bare.attrs, {}
    return bare, attrs


def frame(
    records: Iterable[Mapping[str, Any]] | pd.DataFrame,
    table: str,
    extra: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Build ``table`` from records: contract columns first, in order, then the table's
    :data:`EXTRAS`, any ``extra`` columns (name → dtype) and any other columns the records
    carry, all with nullable dtypes."""
    if isinstance(records, pd.DataFrame):
        bare, attrs = without_attrs(records)
        df = bare.copy()
    else:
        df, attrs = pd.DataFrame.from_records(list(records)), {}
    dtypes = dict(TABLES[table])
    for name, dtype in {**EXTRAS.get(table, {}), **(extra or {})}.items():
        dtypes.setdefault(name, dtype)
    for name in dtypes:
        if name not in df.columns:
            df[name] = pd.NA
    ordered = list(dtypes) + [c for c in df.columns if c not in dtypes]
    df = df[ordered]
    for name, dtype in dtypes.items():
        df[name] = _cast(df[name], dtype)
    df = df.reset_index(drop=True)
    df.attrs = attrs
    return df


def empty(table: str) -> pd.DataFrame:
    """An empty ``table`` with every contract column and dtype."""
    return frame([], table)
