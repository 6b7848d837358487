"""Running the kit's per-batch work on a Dask cluster.

The cluster runs exactly what a local worker process runs, ``worker.process_batch`` (parse a
batch of articles and extract every table), and sends back only the small records; the client
keeps the cache, assembles the tables and writes Parquet, so results are identical to local
mode. Each Dask worker loads the spaCy model once (the kit and the model must be installed on
the workers). A Dask task costs far more overhead than a local process pool, which is why the
local default stays a pool: use Dask when one machine is not enough.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from .worker import PIPE_BATCH, Item, Records, process_batch


def connect(scheduler: Any) -> tuple[Any, bool]:
    """``(client, owned)`` for a scheduler address (``"tcp://host:8786"``), a
    ``distributed.Client`` or a cluster object; ``owned`` clients are closed by the caller."""
    from distributed import Client

    if scheduler is None:
        raise ValueError("engine='dask' needs scheduler=ADDRESS (e.g. 'tcp://host:8786')")
    if isinstance(scheduler, Client):
        return scheduler, False
    return Client(scheduler, set_as_default=False), True


def dask_runner(model: str, scheduler: Any, batch_size: int = PIPE_BATCH):
    """A runner (see ``pipeline.Runner``) submitting each batch as one Dask task, with about two
    tasks in flight per worker thread, results taken in order."""

    def run(batches: Iterable[list[Item]]) -> Iterator[list[tuple[str, Records]]]:
        client, owned = connect(scheduler)
        window: deque = deque()
        try:
            slots = 2 * max(1, sum(client.nthreads().values()))
            for batch in batches:
                # pure=False: a batch is never deduplicated by hashing its (large) texts.
                window.append(client.submit(process_batch, batch, model, batch_size, pure=False))
                if len(window) >= slots:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            for future in window:
                future.cancel()
            if owned:
                client.close()

    return run
