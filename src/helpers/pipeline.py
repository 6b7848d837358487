"""``analyze``: one parse per document, every extractor, cached per document.

Documents are parsed in batches (in this process, or a pool of worker processes); each parsed
Doc is turned into plain records at once by :mod:`helpers.worker` and never kept. Results are
cached per document by content hash, reference date, pipeline version and model, so a re-run
only parses new or changed articles. Cross-document steps (linking one entity's mentions across
the corpus) run on the tables afterwards.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__, entities, nlp, schema
from .cache import ResultCache, entry_key, pipeline_version
from .loading import as_documents
from .worker import process_batch

TABLE_NAMES = ("documents", *schema.EXTRACTED_TABLES)
#: Records that carry a per-document id which becomes corpus-unique as ``<doc_id>:<id>``.
_LOCAL_IDS = {"quotes": ("quote_id",), "figures": ("figure_id", "quote_id")}


@dataclass
class Analysis:
    """The kit's tables for one corpus (see CONTRACT.md)."""

    documents: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    figures: pd.DataFrame
    citations: pd.DataFrame
    info: dict[str, Any] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def save(self, folder: str | Path) -> Path:
        """Write every table as Parquet plus ``analysis.json``; files are replaced atomically."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in self.tables().items():
            tmp = folder / f".{name}.parquet.tmp"
            table.to_parquet(tmp, index=False)
            os.replace(tmp, folder / f"{name}.parquet")
        tmp = folder / ".analysis.json.tmp"
        tmp.write_text(json.dumps(self.info, indent=2, default=str))
        os.replace(tmp, folder / "analysis.json")
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> Analysis:
        folder = Path(folder)
        tables = {}
        for name in TABLE_NAMES:
            df = pd.read_parquet(folder / f"{name}.parquet")
            tables[name] = schema.frame(df, name)
        info_path = folder / "analysis.json"
        info = json.loads(info_path.read_text()) if info_path.is_file() else {}
        return cls(**tables, info=info)


def _reference(published: Any, reference_date: str | None) -> str | None:
    if published is not None and not pd.isna(published):
        return pd.Timestamp(published).date().isoformat()
    return reference_date


def _batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _run(
    items: list[tuple[str, str, str | None]], model: str, n_process: int, batch_size: int
) -> Iterator[tuple[str, dict[str, list[dict[str, Any]]]]]:
    if n_process <= 1 or len(items) <= batch_size:
        yield from process_batch(items, model)
        return
    with ProcessPoolExecutor(max_workers=n_process) as pool:
        for results in pool.map(process_batch, _batches(items, batch_size), [model] * (
            (len(items) + batch_size - 1) // batch_size
        )):
            yield from results


def analyze(
    docs: Any,
    n_process: int = 1,
    cache: bool | str | Path = True,
    model: str | None = None,
    reference_date: str | None = None,
    batch_size: int = 32,
) -> Analysis:
    """Run every extractor over ``docs`` with one parse per document.

    ``docs``: a str, strings, or a documents table. ``cache``: True (the kit's default cache
    folder), False (none) or a folder. ``reference_date`` (ISO) resolves relative dates in
    documents without ``published``."""
    if reference_date is not None:
        reference_date = pd.Timestamp(reference_date).date().isoformat()
    documents = as_documents(docs)
    language = nlp.load_model(model)
    model_name = nlp.resolve_model_name(model)
    mid = nlp.model_id(language)
    published = documents["published"] if "published" in documents else [None] * len(documents)
    refs = [_reference(p, reference_date) for p in published]
    keys = [
        entry_key(h, r or "", mid) for h, r in zip(documents["content_hash"], refs, strict=True)
    ]

    store = None
    if cache is not False:
        store = ResultCache(None if cache is True else cache)
    results: dict[str, dict[str, list[dict[str, Any]]]] = store.get_many(keys) if store else {}
    todo = []
    seen = set(results)
    for key, text, ref in zip(keys, documents["text"], refs, strict=True):
        if key not in seen:
            seen.add(key)
            todo.append((key, text, ref))
    n_cached = len(documents) - len(todo)
    pending: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for key, records in _run(todo, model_name, n_process, batch_size):
        results[key] = records
        if store is not None:
            pending[key] = records
            if len(pending) >= batch_size:
                store.put_many(pending)
                pending = {}
    if store is not None:
        if pending:
            store.put_many(pending)
        store.close()

    tables = assemble(documents, keys, results)
    info = {
        "kit_version": __version__,
        "pipeline_version": pipeline_version(),
        "model": mid,
        "n_documents": len(documents),
        "n_parsed": len(todo),
        "n_cached": n_cached,
        "reference_date": reference_date,
    }
    return Analysis(documents=documents, **tables, info=info)


def assemble(
    documents: pd.DataFrame, keys: list[str], results: dict[str, dict[str, list[dict[str, Any]]]]
) -> dict[str, pd.DataFrame]:
    """Per-document records → corpus tables, with doc_ids, corpus-unique ids and linked entities."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in schema.EXTRACTED_TABLES}
    for doc_id, key in zip(documents["doc_id"], keys, strict=True):
        for name in schema.EXTRACTED_TABLES:
            id_fields = _LOCAL_IDS.get(name, ())
            for record in results[key].get(name, []):
                row = {"doc_id": doc_id, **record}
                for id_field in id_fields:
                    if row.get(id_field) is not None:
                        row[id_field] = f"{doc_id}:{row[id_field]}"
                rows[name].append(row)
    tables = {name: schema.frame(rows[name], name) for name in schema.EXTRACTED_TABLES}
    return entities.link_tables(tables)
