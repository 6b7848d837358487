"""Records to tables: per-document results assembled into contract tables, then linked.

A document's records are kept in columnar form (``columnar``: what the cache holds);
``chunk_tables`` makes a chunk's tables from them, with corpus-unique local ids; ``link`` runs
the cross-document steps on the assembled tables (entity linking, speaker profiles, people);
``note_errors`` records in ``documents.notes`` which extractor failed on which article.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import pandas as pd

from .. import entities, profiles, schema
from ..worker import Records

#: Records that carry a per-document id which becomes corpus-unique as ``<doc_id>:<id>``.
_LOCAL_IDS = {"quotes": ("quote_id",), "figures": ("figure_id", "quote_id")}


def _conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Contract columns and dtypes, and nullable dtypes for extra columns too, so the result
    does not depend on how the corpus was cut into chunks."""
    spec = schema.TABLES[name]
    if all(c in df.columns and str(df[c].dtype) == d for c, d in spec.items()):
        df = df[list(spec) + [c for c in df.columns if c not in spec]].reset_index(drop=True)
    else:
        df = schema.frame(df, name)
    for column in df.columns[len(spec) :]:
        dtype = df[column].dtype
        if pd.api.types.is_object_dtype(dtype) or (
            isinstance(dtype, pd.StringDtype) and dtype.na_value is not pd.NA
        ):
            df[column] = df[column].convert_dtypes()
    return df


#: One document's results in columnar form: table → column → values (what the cache holds).
Columns = dict[str, dict[str, list[Any]]]


def columnar(records: Records) -> Columns:
    """``{table: [record, ...]}`` → ``{table: {column: [value, ...]}}``; columns in order of
    first appearance, None where a record lacks one. Smaller to store and much faster to read
    back and assemble than one dict per record."""
    out: Columns = {}
    for name, rows in records.items():
        if not rows:
            continue
        names = list(dict.fromkeys(k for row in rows for k in row))
        out[name] = {c: [row.get(c) for row in rows] for c in names}
    return out


def _array(values: list[Any], dtype: str | None) -> Any:
    """Values as a typed array (contract dtype where known), or None if they don't fit it."""
    if dtype is None or dtype == schema.DATETIME:
        return None
    try:
        return pd.array(values, dtype=dtype)
    except (TypeError, ValueError, OverflowError):
        return None


@dataclass(frozen=True)
class _Part:
    """One document's rows of one table, in columnar form."""

    doc_id: str
    columns: dict[str, list[Any]]
    n_rows: int


def _parts(
    name: str, doc_ids: list[str], keys: list[str], results: dict[str, Columns]
) -> list[_Part]:
    """The documents that have rows in table ``name``, in order."""
    parts = []
    for doc_id, key in zip(doc_ids, keys, strict=True):
        cols = results[key].get(name)
        if cols:
            parts.append(_Part(doc_id, cols, len(next(iter(cols.values())))))
    return parts


def _joined_columns(parts: list[_Part]) -> dict[str, list[Any]]:
    """``doc_id``, then every column any part has, in order of first appearance; None where a
    part lacks a column."""
    names = list(dict.fromkeys(c for part in parts for c in part.columns if c != "doc_id"))
    data: dict[str, list[Any]] = {
        "doc_id": [part.doc_id for part in parts for _ in range(part.n_rows)],
    }
    for column in names:
        values: list[Any] = []
        for part in parts:
            found = part.columns.get(column)
            values.extend(found if found is not None else repeat(None, part.n_rows))
        data[column] = values
    return data


def _corpus_unique_ids(name: str, data: dict[str, list[Any]]) -> None:
    """Per-document ids (``_LOCAL_IDS``) made corpus-unique: ``<doc_id>:<id>``."""
    for id_field in _LOCAL_IDS.get(name, ()):
        if id_field in data:
            data[id_field] = [
                None if v is None else f"{d}:{v}"
                for d, v in zip(data["doc_id"], data[id_field], strict=True)
            ]


def _typed_frame(name: str, data: dict[str, list[Any]]) -> pd.DataFrame:
    """The columns as a DataFrame, each in its contract dtype where its values fit it."""
    if not data["doc_id"]:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in data})
    spec = schema.TABLES[name]
    columns = {}
    for column, values in data.items():
        typed = _array(values, spec.get(column))
        columns[column] = typed if typed is not None else pd.array(values, dtype=object)
    return pd.DataFrame(columns)


def chunk_tables(
    doc_ids: Iterable[str], keys: list[str], results: dict[str, Columns]
) -> dict[str, pd.DataFrame]:
    """Per-document columnar results → tables with doc_ids and corpus-unique local ids (not yet
    linked across documents)."""
    doc_ids = list(doc_ids)
    tables = {}
    for name in schema.EXTRACTED_TABLES:
        data = _joined_columns(_parts(name, doc_ids, keys, results))
        _corpus_unique_ids(name, data)
        tables[name] = _conform(_typed_frame(name, data), name)
    return tables


def link(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Corpus-wide tables in contract form, then cross-document entity linking (speaker
    profiles follow the entities' new ids), then the corpus tables (``people``)."""
    conformed = {name: _conform(tables[name], name) for name in tables}
    linked = entities.link_tables(conformed)
    if "speakers" in linked and "entities" in linked:
        linked["speakers"] = _conform(profiles.link_speakers(
            linked["speakers"], conformed["entities"], linked["entities"]), "speakers")
        linked["people"] = _conform(profiles.people(linked["speakers"]), "people")
    return linked


def _extractor_errors(
    doc_ids: Iterable[str], keys: list[str], results: dict[str, Columns]
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for doc_id, key in zip(doc_ids, keys, strict=True):
        failed = results[key].get("errors")
        if failed:
            out[doc_id] = [
                f"{name} extractor failed: {error}"
                for name, error in zip(failed["extractor"], failed["error"], strict=True)
            ]
    return out


def note_errors(documents: pd.DataFrame, errors: dict[str, list[str]]) -> pd.DataFrame:
    """``documents`` with each failed extractor added to its article's ``notes``, and a
    warning naming the article: a table missing from one article is never silent."""
    if not errors:
        return documents
    documents = documents.copy()
    if "notes" not in documents:
        documents["notes"] = pd.array([None] * len(documents), dtype=schema.STRING)
    for doc_id, messages in errors.items():
        warnings.warn(f"{doc_id}: {'; '.join(messages)}", RuntimeWarning, stacklevel=3)
    notes = []
    for doc_id, note in zip(documents["doc_id"], documents["notes"], strict=True):
        extra = errors.get(doc_id)
        if extra:
            note = "; ".join(([] if pd.isna(note) else [note]) + extra)
        notes.append(note)
    documents["notes"] = pd.array(notes, dtype=schema.STRING)
    return documents
