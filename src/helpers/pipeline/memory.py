"""``analyze``: a corpus's tables in memory, one parse per document.

The corpus is read in chunks through ``running._stream``; the chunks' tables are joined and
linked across documents (``tables.link``), and the linked tables of the exact corpus are cached
as a whole, so a repeated run reads them back without parsing or linking again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..cache import ResultCache
from ..loading import as_documents
from ..worker import PIPE_BATCH
from .planning import (
    CHUNK_DOCS,
    _Chunk,
    _chunks,
    _corpus_key,
    _info,
    _keys,
    _repeated,
    _setup,
    _Stats,
)
from .result import MADE_TABLES, Analysis
from .running import _stream, make_runner
from .tables import _conform, link, note_errors


@dataclass
class _Gathered:
    """A run's per-chunk tables, gathered in memory, and what the run counted."""

    stats: _Stats = field(default_factory=_Stats)
    parts: dict[str, list[pd.DataFrame]] = field(
        default_factory=lambda: {name: [] for name in schema.EXTRACTED_TABLES}
    )
    #: doc_id → what failed on it
    errors: dict[str, list[str]] = field(default_factory=dict)

    def joined(self) -> dict[str, pd.DataFrame]:
        """One table per extractor (the parts are let go: only the joined tables stay)."""
        joined = {
            name: pd.concat(frames, ignore_index=True) if frames else schema.empty(name)
            for name, frames in self.parts.items()
        }
        self.parts.clear()
        return joined


def _gather(stream: Iterable[tuple[_Chunk, dict[str, pd.DataFrame]]]) -> _Gathered:
    run = _Gathered()
    for chunk, tables in stream:
        run.stats.add(chunk)
        run.errors.update(chunk.errors)
        for name, table in tables.items():
            run.parts[name].append(table)
    return run


def _memoised(
    store: ResultCache | None, corpus_key: str, n_documents: int
) -> dict[str, pd.DataFrame] | None:
    """The linked tables an earlier run stored for this exact corpus, in contract form."""
    if store is None or not n_documents:
        return None
    memo = store.get_tables(corpus_key, MADE_TABLES)
    if memo is None:
        return None
    return {name: _conform(memo[name], name) for name in MADE_TABLES}


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
    # A loaded corpus's notes (documents.attrs) stay aside while the run works.
    documents, notes = schema.without_attrs(as_documents(docs))
    model_name, mid, reference_date, store = _setup(model, reference_date, cache)
    try:
        keys, _ = _keys(documents, reference_date, mid)
        corpus_key = _corpus_key(documents["doc_id"], keys)
        memo = _memoised(store, corpus_key, len(documents))
        if memo is not None:
            stats = _Stats(len(documents), 0, len(documents))
            documents.attrs = notes
            return Analysis(documents=documents, **memo,
                            info=_info(stats, mid, reference_date, engine))
        runner = make_runner(engine, model_name, n_process, batch_size, scheduler)
        run = _gather(_stream(
            _chunks(documents, chunk_size), runner, reference_date, mid, store, batch_size,
            _repeated(keys, chunk_size), keys,
        ))
        tables = link(run.joined())
        if store is not None and len(documents) and not run.errors:
            store.put_tables(corpus_key, tables)
    finally:
        if store is not None:
            store.close()
    info = _info(run.stats, mid, reference_date, engine)
    info["extractor_errors"] = sum(len(v) for v in run.errors.values())
    documents = note_errors(documents, run.errors)
    documents.attrs = notes
    return Analysis(documents=documents, **tables, info=info)
