"""``analyze``: a corpus's tables in memory, one parse per document.

The corpus is read in chunks through ``running._stream``; the chunks' tables are joined and
linked across documents (``tables.link``), and the linked tables of the exact corpus are cached
as a whole, so a repeated run reads them back without parsing or linking again.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..loading import as_documents
from ..worker import PIPE_BATCH
from .planning import CHUNK_DOCS, _chunks, _corpus_key, _info, _keys, _setup, _Stats
from .result import MADE_TABLES, Analysis
from .running import _stream, make_runner
from .tables import _conform, link, note_errors


def analyze(
    docs: Any,
    n_process: int = 1,
    cache: bool | str | Path = True,
    model: str | None = None,
    reference_date: str | None = None,
    batch_size: int = PIPE_BATCH,
    engine: str = "local",
    scheduler: Any = None,
    chunk_size: int = CHUNK_DOCS,
) -> Analysis:
    """Run every extractor over ``docs`` with one parse per document.

    ``docs``: a str, strings, or a documents table. ``cache``: True (the kit's default cache
    folder), False (none) or a folder. ``reference_date`` (ISO) resolves relative dates in
    documents without ``published``. ``n_process``: worker processes (each parses and extracts
    its batches). ``engine="dask"`` with ``scheduler`` (an address such as
    ``"tcp://host:8786"``, a ``distributed.Client`` or a cluster) runs the same batches on a Dask
    cluster; the tables are identical to local mode."""
    documents = as_documents(docs)
    model_name, mid, reference_date, store = _setup(model, reference_date, cache)
    stats = _Stats()
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in schema.EXTRACTED_TABLES}
    errors: dict[str, list[str]] = {}
    try:
        keys, _ = _keys(documents, reference_date, mid)
        corpus_key = _corpus_key(documents["doc_id"], keys)
        if store is not None and len(documents):
            memo = store.get_tables(corpus_key, MADE_TABLES)
            if memo is not None:
                stats = _Stats(len(documents), 0, len(documents))
                tables = {name: _conform(memo[name], name) for name in MADE_TABLES}
                return Analysis(documents=documents, **tables,
                                info=_info(stats, mid, reference_date, engine))
        counts = Counter(keys)
        repeated = {k for k, n in counts.items() if n > 1} if len(documents) > chunk_size else None
        runner = make_runner(engine, model_name, n_process, batch_size, scheduler)
        for chunk, tables in _stream(
            _chunks(documents, chunk_size), runner, reference_date, mid, store, batch_size,
            repeated, keys,
        ):
            stats.n_documents += len(chunk.keys)
            stats.n_parsed += chunk.n_parsed
            stats.n_cached += chunk.n_cached
            errors.update(chunk.errors)
            for name, table in tables.items():
                parts[name].append(table)
        joined = {
            name: pd.concat(frames, ignore_index=True) if frames else schema.empty(name)
            for name, frames in parts.items()
        }
        del parts
        if len(documents) == 0:
            joined = {name: schema.empty(name) for name in schema.EXTRACTED_TABLES}
        tables = link(joined)
        if store is not None and len(documents) and not errors:
            store.put_tables(corpus_key, tables)
    finally:
        if store is not None:
            store.close()
    info = _info(stats, mid, reference_date, engine)
    info["extractor_errors"] = sum(len(v) for v in errors.values())
    documents = note_errors(documents, errors)
    return Analysis(documents=documents, **tables, info=info)
