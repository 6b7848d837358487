"""Where batches are parsed, and the stream of chunks through them.

A runner maps batches of ``(key, text, reference date)`` items to their records: in this
process (``local_runner``), in worker processes that each parse *and* extract their share
(``pool_runner``: Docs never cross a process boundary, only small records), or on a Dask
cluster (``helpers.dask_engine``). ``_stream`` plans each chunk (``planning._plan``), feeds the
batches it needs to the runner, writes each returned batch to the cache, and yields the chunks
with their tables in order while later chunks are still parsing.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

import pandas as pd

from ..cache import ResultCache
from ..worker import PIPE_BATCH, Item, Records, init_worker, process_batch
from .planning import _Chunk, _plan
from .tables import Columns, _extractor_errors, chunk_tables, columnar

ENGINES = ("local", "dask")


#: A runner maps batches of items to lists of ``(key, records)``, lazily and in order.
Runner = Callable[[Iterable[list[Item]]], Iterator[list[tuple[str, Records]]]]


def _mp_context():
    """Start method of the worker processes: fork on Linux (workers start at once, share the
    parent's already-imported modules, and a user's script needs no ``__main__`` guard),
    the platform's default elsewhere; ``$NEWSKIT_START_METHOD`` overrides."""
    import multiprocessing as mp
    import sys

    method = os.environ.get("NEWSKIT_START_METHOD")
    if method is None and sys.platform.startswith("linux"):
        method = "fork"
    return mp.get_context(method)


def local_runner(model: str, batch_size: int = PIPE_BATCH) -> Runner:
    """Parse batches in this process."""

    def run(batches: Iterable[list[Item]]) -> Iterator[list[tuple[str, Records]]]:
        for batch in batches:
            yield process_batch(batch, model, batch_size)

    return run


def pool_runner(model: str, n_process: int, batch_size: int = PIPE_BATCH) -> Runner:
    """Parse batches in ``n_process`` worker processes, each loading the model once; at most
    two batches per worker are in flight, and results come back in order."""
    from concurrent.futures import ProcessPoolExecutor

    def run(batches: Iterable[list[Item]]) -> Iterator[list[tuple[str, Records]]]:
        stream = iter(batches)
        head = [b for b in (next(stream, None), next(stream, None)) if b is not None]
        if len(head) < 2:  # one batch or none: starting workers would cost more than it saves
            for batch in head:
                yield process_batch(batch, model, batch_size)
            return
        pool = ProcessPoolExecutor(
            max_workers=n_process, mp_context=_mp_context(), initializer=init_worker,
            initargs=(model,),
        )
        window: deque = deque()
        try:
            for batch in chain(head, stream):
                window.append(pool.submit(process_batch, batch, model, batch_size))
                if len(window) >= 2 * n_process:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    return run


def make_runner(
    engine: str, model: str, n_process: int, batch_size: int, scheduler: Any = None
) -> Runner:
    if engine == "dask":
        from ..dask_engine import dask_runner

        return dask_runner(model, scheduler, batch_size)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if n_process > 1:
        return pool_runner(model, n_process, batch_size)
    return local_runner(model, batch_size)


def _stream(
    chunks: Iterable[pd.DataFrame],
    runner: Runner,
    reference_date: str | None,
    mid: str,
    store: ResultCache | None,
    batch_size: int,
    repeated: set[str] | None = None,
    all_keys: list[str] | None = None,
) -> Iterator[tuple[_Chunk, dict[str, pd.DataFrame]]]:
    """Yield each chunk with its (unlinked) tables, in order, while later chunks are parsing.

    ``repeated``: keys known to occur in several chunks; their records are kept for reuse."""
    pending: deque[_Chunk] = deque()
    shared: dict[str, Columns] = {}

    def batches() -> Iterator[list[Item]]:
        offset = 0
        for documents in chunks:
            known = all_keys[offset : offset + len(documents)] if all_keys is not None else None
            offset += len(documents)
            chunk = _plan(documents, reference_date, mid, store, batch_size, shared, known)
            pending.append(chunk)
            yield from chunk.batches

    def finish(chunk: _Chunk) -> tuple[_Chunk, dict[str, pd.DataFrame]]:
        chunk.errors = _extractor_errors(chunk.documents["doc_id"], chunk.keys, chunk.results)
        if repeated:
            shared.update((k, chunk.results[k]) for k in chunk.keys if k in repeated)
        return chunk, chunk_tables(chunk.documents["doc_id"], chunk.keys, chunk.results)

    for result in runner(batches()):
        while pending[0].complete:
            yield finish(pending.popleft())
        chunk = pending[0]
        chunk.received += 1
        computed = {key: columnar(records) for key, records in result}
        chunk.results.update(computed)
        if store is not None:  # a failed extractor is retried next run, not cached
            store.put_many({k: v for k, v in computed.items() if "errors" not in v})
        if chunk.complete:
            yield finish(pending.popleft())
    while pending:
        yield finish(pending.popleft())
