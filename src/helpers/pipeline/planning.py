"""Planning a run: cache keys, which articles to parse, and the run's settings and counts.

Each article's cache key is its content hash, reference date (for relative dates) and model
id (``_keys``); an article in another language is not parsed and has a key of its own
(``_analysed``). ``_plan`` splits a chunk into cache hits and batches still to parse;
``_corpus_key`` keys the linked tables of one exact corpus; ``_setup`` resolves the model and
opens the cache.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .. import nlp
from .._version import __version__
from ..cache import ResultCache, entry_key, open_cache, pipeline_version
from ..worker import Item
from .tables import Columns

#: Documents per chunk: the unit of streaming (tables, Parquet parts, cache look-ups).
CHUNK_DOCS = 1000


#: Version of how tables are assembled and linked here; part of the whole-corpus cache key.
TABLES_FORMAT = "tables-2"


def _reference(published: Any, reference_date: str | None) -> str | None:
    if published is not None and not pd.isna(published):
        return pd.Timestamp(published).date().isoformat()
    return reference_date


def _refs(documents: pd.DataFrame, reference_date: str | None) -> list[str | None]:
    if "published" in documents:
        return [_reference(p, reference_date) for p in documents["published"]]
    return [reference_date] * len(documents)


def _keys(documents: pd.DataFrame, reference_date: str | None, mid: str) -> tuple[list, list]:
    refs = _refs(documents, reference_date)
    # An article left out of the English analysis has a key of its own (its empty result).
    hashes = [h if ok else f"{h}:not-analysed" for h, ok in
              zip(documents["content_hash"], _analysed(documents), strict=True)]
    keys = [entry_key(h, r or "", mid) for h, r in zip(hashes, refs, strict=True)]
    return keys, refs


def _analysed(documents: pd.DataFrame) -> list[bool]:
    """Which articles the English analysis parses: not those loaded with another language."""
    from ..loading.language import analysable

    if "language" not in documents:
        return [True] * len(documents)
    return [analysable(None if pd.isna(v) else v) for v in documents["language"]]


def _analysed_texts(documents: pd.DataFrame) -> list[str]:
    """The texts to parse: an article in another language is parsed as "" (no rows)."""
    return [t if ok else "" for t, ok in zip(documents["text"], _analysed(documents),
                                              strict=True)]


@dataclass
class _Chunk:
    documents: pd.DataFrame
    keys: list[str]
    results: dict[str, Columns]
    batches: list[list[Item]]
    n_cached: int
    n_parsed: int
    received: int = 0
    #: doc_id → what failed on it ("quotes extractor failed: ValueError: ...").
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.received == len(self.batches)


@dataclass
class _Stats:
    """What a run counted: documents, and how many were parsed or read from the cache."""

    n_documents: int = 0
    n_parsed: int = 0
    n_cached: int = 0

    def add(self, chunk: _Chunk) -> None:
        self.n_documents += len(chunk.keys)
        self.n_parsed += chunk.n_parsed
        self.n_cached += chunk.n_cached


def _plan(
    documents: pd.DataFrame,
    reference_date: str | None,
    mid: str,
    store: ResultCache | None,
    batch_size: int,
    shared: dict[str, Columns],
    keys: list[str] | None = None,
) -> _Chunk:
    """What a chunk needs: its cache hits, and batches of the documents left to parse."""
    if keys is None:
        keys, refs = _keys(documents, reference_date, mid)
    else:
        refs = _refs(documents, reference_date)
    wanted = [k for k in dict.fromkeys(keys) if k not in shared]
    results = {k: shared[k] for k in dict.fromkeys(keys) if k in shared}
    if store is not None and wanted:
        results.update(store.get_many(wanted))
    todo: list[Item] = []
    queued = set(results)
    for key, text, ref in zip(keys, _analysed_texts(documents), refs, strict=True):
        if key not in queued:
            queued.add(key)
            todo.append((key, text, ref))
    batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
    n_parsed = sum(1 for k in keys if k not in results)
    return _Chunk(documents, keys, results, batches, len(keys) - n_parsed, n_parsed)


def _chunks(documents: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    for i in range(0, len(documents), size):
        yield documents.iloc[i : i + size]


def _repeated(keys: list[str], chunk_size: int) -> set[str] | None:
    """Keys that occur more than once in a corpus of several chunks (identical articles): their
    records are kept for the later chunks. None for a corpus of one chunk."""
    if len(keys) <= chunk_size:
        return None
    return {k for k, n in Counter(keys).items() if n > 1}


def _setup(
    model: str | None, reference_date: str | None, cache: bool | str | Path
) -> tuple[str, str, str | None, ResultCache | None]:
    if reference_date is not None:
        reference_date = pd.Timestamp(reference_date).date().isoformat()
    model_name = nlp.resolve_model_name(model)
    mid = nlp.model_id_for(model_name)  # from meta.json: a warm run never loads the model
    if nlp.gemm_backend() != "numpy":  # another matrix backend may round differently
        mid += f"+{nlp.gemm_backend()}"
    store = None if cache is False else open_cache(None if cache is True else cache)
    return model_name, mid, reference_date, store


def _info(stats: _Stats, mid: str, reference_date: str | None, engine: str) -> dict[str, Any]:
    return {
        "kit_version": __version__,
        "pipeline_version": pipeline_version(),
        "model": mid,
        "n_documents": stats.n_documents,
        "n_parsed": stats.n_parsed,
        "n_cached": stats.n_cached,
        "reference_date": reference_date,
        "engine": engine,
    }


def _corpus_key(doc_ids: Iterable[str], keys: list[str]) -> str:
    """Key of one exact corpus: its doc_ids and per-document keys, in order, and how the
    tables are assembled."""
    digest = hashlib.sha256(f"{TABLES_FORMAT}\x1e".encode())
    for doc_id, key in zip(doc_ids, keys, strict=True):
        digest.update(f"{doc_id}\x1f{key}\x1e".encode())
    return digest.hexdigest()
