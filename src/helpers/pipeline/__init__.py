"""``analyze``: one parse per document, every extractor, cached per document, streamed in chunks.

Documents flow through in chunks. For each chunk the cache is asked first; only documents it
lacks are parsed, in this process, in a pool of worker processes (each parses *and* extracts its
share, so Docs never cross a process boundary, only small records), or on a Dask cluster. The
records of a chunk become DataFrames at once and go to the cache as each batch returns, so a
crash loses at most one batch. Cross-document steps (linking one entity's mentions across the
corpus) run on the assembled tables afterwards.

``analyze`` returns the tables in memory; ``analyze_to_folder`` writes each chunk as Parquet
part files as it goes (``<folder>/<table>.parquet/part-NNNNN.parquet``), so memory stays flat
however large the corpus is, and ``Analysis.load`` reads either layout.

Where each part lives (this package's ``__init__`` is the public face):

- ``result.py``    the ``Analysis`` type: the tables, ``save`` and ``load``
- ``planning.py``  cache keys, which articles to parse (language skip), chunk plans, settings
- ``running.py``   runners (this process, worker processes, Dask hand-off) and ``_stream``
- ``tables.py``    records to tables: ``columnar``, ``chunk_tables``, ``link``, ``note_errors``
- ``memory.py``    ``analyze``: the tables in memory, the linked corpus cached whole
- ``folder.py``    ``analyze_to_folder`` and ``extract_folder``: Parquet parts streamed to a folder

Pipeline code is not part of the cache key (``helpers.cache.pipeline_version`` hashes the
extractors and data): a change to how entries or tables are assembled bumps
``cache.ENTRY_FORMAT`` or ``TABLES_FORMAT``.
"""

from __future__ import annotations

from .folder import analyze_to_folder, extract_folder
from .memory import analyze
from .planning import CHUNK_DOCS, TABLES_FORMAT
from .result import MADE_TABLES, TABLE_NAMES, Analysis
from .running import ENGINES, Runner, local_runner, make_runner, pool_runner
from .tables import _LOCAL_IDS, Columns, _conform, chunk_tables, columnar, link, note_errors

__all__ = [
    "CHUNK_DOCS",
    "ENGINES",
    "MADE_TABLES",
    "TABLES_FORMAT",
    "TABLE_NAMES",
    "Analysis",
    "Columns",
    "Runner",
    "_LOCAL_IDS",
    "_conform",
    "analyze",
    "analyze_to_folder",
    "chunk_tables",
    "columnar",
    "extract_folder",
    "link",
    "local_runner",
    "make_runner",
    "note_errors",
    "pool_runner",
]
