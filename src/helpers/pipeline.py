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
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
import warnings
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import pandas as pd

from . import entities, nlp, profiles, schema
from ._version import __version__
from .cache import ResultCache, entry_key, open_cache, pipeline_version
from .loading import as_documents
from .worker import PIPE_BATCH, Item, Records, init_worker, process_batch

TABLE_NAMES = ("documents", *schema.EXTRACTED_TABLES, *schema.CORPUS_TABLES)
#: Tables the pipeline makes and caches (everything but the documents).
MADE_TABLES = (*schema.EXTRACTED_TABLES, *schema.CORPUS_TABLES)
#: Tables an analysis saved by an earlier version of the kit may lack (read as empty).
_LATER_TABLES = ("speakers", "people")
#: Records that carry a per-document id which becomes corpus-unique as ``<doc_id>:<id>``.
_LOCAL_IDS = {"quotes": ("quote_id",), "figures": ("figure_id", "quote_id")}
#: Documents per chunk: the unit of streaming (tables, Parquet parts, cache look-ups).
CHUNK_DOCS = 1000
ENGINES = ("local", "dask")
#: Version of how tables are assembled and linked here; part of the whole-corpus cache key.
TABLES_FORMAT = "tables-2"

#: A runner maps batches of items to lists of ``(key, records)``, lazily and in order.
Runner = Callable[[Iterable[list[Item]]], Iterator[list[tuple[str, Records]]]]


# --- the Analysis -----------------------------------------------------------------------------


def _read_table(path: Path) -> pd.DataFrame:
    """One table: a Parquet file, or a folder of ``part-*.parquet`` files read in order."""
    if path.is_dir():
        parts = sorted(path.glob("part-*.parquet"))
        frames = [pd.read_parquet(p) for p in parts]
        frames = [f for f in frames if len(f.columns)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return pd.read_parquet(path)


def _replace(tmp: Path, final: Path) -> None:
    """Move ``tmp`` (file or folder) to ``final``, replacing whatever is there."""
    if tmp.is_dir() and (final.is_file() or final.is_symlink()):
        final.unlink()
    if final.is_dir() and not final.is_symlink():
        trash = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(final, trash)
        os.replace(tmp, final)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(tmp, final)


@dataclass
class Analysis:
    """The kit's tables for one corpus (see CONTRACT.md)."""

    documents: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    figures: pd.DataFrame
    citations: pd.DataFrame
    info: dict[str, Any] = field(default_factory=dict)
    #: one row per speaker per article (``helpers.profiles``)
    speakers: pd.DataFrame = field(default_factory=lambda: schema.empty("speakers"))
    #: one row per resolved speaker across the corpus
    people: pd.DataFrame = field(default_factory=lambda: schema.empty("people"))

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def save(self, folder: str | Path) -> Path:
        """Write every table as Parquet plus ``analysis.json``; files are replaced atomically."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in self.tables().items():
            tmp = folder / f".{name}.parquet.tmp"
            table.to_parquet(tmp, index=False)
            _replace(tmp, folder / f"{name}.parquet")
        _write_info(folder, self.info)
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> Analysis:
        """Read what ``save`` or ``analyze_to_folder`` wrote (single files or part folders)."""
        folder = Path(folder)
        tables = {}
        for name in TABLE_NAMES:
            path = folder / f"{name}.parquet"
            if name in _LATER_TABLES and not path.exists():
                tables[name] = schema.empty(name)
                continue
            tables[name] = _conform(_read_table(path), name)
        info_path = folder / "analysis.json"
        info = json.loads(info_path.read_text()) if info_path.is_file() else {}
        return cls(**tables, info=info)


def _write_info(folder: Path, info: dict[str, Any]) -> None:
    tmp = folder / ".analysis.json.tmp"
    tmp.write_text(json.dumps(info, indent=2, default=str))
    os.replace(tmp, folder / "analysis.json")


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


# --- runners: where batches are parsed --------------------------------------------------------


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
        from .dask_engine import dask_runner

        return dask_runner(model, scheduler, batch_size)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if n_process > 1:
        return pool_runner(model, n_process, batch_size)
    return local_runner(model, batch_size)


# --- the streaming core -----------------------------------------------------------------------


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
    from .loading.language import analysable

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
    n_documents: int = 0
    n_parsed: int = 0
    n_cached: int = 0


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


def chunk_tables(
    doc_ids: Iterable[str], keys: list[str], results: dict[str, Columns]
) -> dict[str, pd.DataFrame]:
    """Per-document columnar results → tables with doc_ids and corpus-unique local ids (not yet
    linked across documents)."""
    doc_ids = list(doc_ids)
    tables = {}
    for name in schema.EXTRACTED_TABLES:
        spec = schema.TABLES[name]
        parts = []
        for doc_id, key in zip(doc_ids, keys, strict=True):
            cols = results[key].get(name)
            if cols:
                parts.append((doc_id, cols, len(next(iter(cols.values())))))
        names = list(dict.fromkeys(c for _, cols, _ in parts for c in cols if c != "doc_id"))
        data: dict[str, Any] = {
            "doc_id": [d for d, _, n in parts for _ in range(n)],
        }
        for column in names:
            values: list[Any] = []
            for _, cols, n in parts:
                found = cols.get(column)
                values.extend(found if found is not None else repeat(None, n))
            data[column] = values
        for id_field in _LOCAL_IDS.get(name, ()):
            if id_field in data:
                data[id_field] = [
                    None if v is None else f"{d}:{v}"
                    for d, v in zip(data["doc_id"], data[id_field], strict=True)
                ]
        columns = {}
        for column, values in data.items():
            typed = _array(values, spec.get(column))
            columns[column] = typed if typed is not None else pd.array(values, dtype=object)
        df = pd.DataFrame(columns) if data["doc_id"] else pd.DataFrame(
            {c: pd.Series([], dtype=object) for c in data}
        )
        tables[name] = _conform(df, name)
    return tables


def _chunks(documents: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    for i in range(0, len(documents), size):
        yield documents.iloc[i : i + size]


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


# --- public API -------------------------------------------------------------------------------


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


def _corpus_key(doc_ids: Iterable[str], keys: list[str]) -> str:
    """Key of one exact corpus: its doc_ids and per-document keys, in order, and how the
    tables are assembled."""
    import hashlib

    digest = hashlib.sha256(f"{TABLES_FORMAT}\x1e".encode())
    for doc_id, key in zip(doc_ids, keys, strict=True):
        digest.update(f"{doc_id}\x1f{key}\x1e".encode())
    return digest.hexdigest()


def _iter_source(
    source: Any, metadata: Any, chunk_size: int, skipped: list[dict[str, str]],
    files: dict[str, Any] | None = None, format: str | None = None,  # noqa: A002
    notices: list[str] | None = None,
) -> Iterator[pd.DataFrame]:
    """Documents in chunks: a documents table is sliced; paths are read chunk by chunk when the
    loader can stream (``loading.iter_corpus``), else loaded whole and sliced. Files the loader
    skipped are appended to ``skipped``."""
    from . import loading

    if isinstance(source, pd.DataFrame) or (
        not isinstance(source, str | Path) and not _is_path_list(source)
    ):
        documents = as_documents(source)
        skipped.extend(getattr(source, "attrs", {}).get("skipped", []))
        yield from _chunks(documents, chunk_size)
        return
    streaming = getattr(loading, "iter_corpus", None)
    if streaming is not None:
        for chunk in streaming(source, metadata=metadata, chunk_size=chunk_size, format=format):
            skipped.extend(chunk.attrs.get("skipped", []))
            if files is not None:
                files.update(chunk.attrs.get("files", {}))
            if notices is not None:
                notices.extend(chunk.attrs.get("notices", []))
            yield chunk
    else:
        documents = loading.load_corpus(source, metadata=metadata)
        skipped.extend(documents.attrs.get("skipped", []))
        yield from _chunks(documents, chunk_size)


def _is_path_list(source: Any) -> bool:
    if isinstance(source, list | tuple) and source:
        return all(isinstance(s, Path) or (isinstance(s, str) and Path(s).exists()) for s in source)
    return False


def analyze_to_folder(
    source: Any,
    folder: str | Path,
    metadata: str | Path | None = None,
    n_process: int = 1,
    cache: bool | str | Path = True,
    model: str | None = None,
    reference_date: str | None = None,
    batch_size: int = PIPE_BATCH,
    engine: str = "local",
    scheduler: Any = None,
    chunk_size: int = CHUNK_DOCS,
    csv: bool = False,
    format: str | None = None,  # noqa: A002 - the loader's forced format (--format)
) -> dict[str, Any]:
    """Analyse ``source`` (paths as for ``load_corpus``, or any input ``analyze`` accepts) and
    write every table as partitioned Parquet, ``<folder>/<table>.parquet/part-NNNNN.parquet``,
    one part per chunk as it completes, so memory stays flat as the corpus grows. Cross-document
    linking then runs over the extracted tables (not the texts) and rewrites their parts. With
    ``csv``, ``<table>.csv`` files are written too, part by part. Everything is written under
    temporary names and renamed at the end. Returns the run's info (also in ``analysis.json``);
    ``Analysis.load(folder)`` reads the result."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model_name, mid, reference_date, store = _setup(model, reference_date, cache)
    _remove_stale_work(folder)
    work = folder / f".newskit-{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    work.mkdir()
    stats = _Stats()
    n_parts = 0
    n_errors = 0
    skipped: list[dict[str, str]] = []
    files: dict[str, Any] = {}
    notices: list[str] = []
    try:
        runner = make_runner(engine, model_name, n_process, batch_size, scheduler)
        for chunk, tables in _stream(
            _iter_source(source, metadata, chunk_size, skipped, files, format, notices), runner,
            reference_date, mid, store,
            batch_size,
        ):
            stats.n_documents += len(chunk.keys)
            stats.n_parsed += chunk.n_parsed
            stats.n_cached += chunk.n_cached
            n_errors += sum(len(v) for v in chunk.errors.values())
            chunk.documents = note_errors(chunk.documents, chunk.errors)
            for name, table in {"documents": chunk.documents, **tables}.items():
                _write_part(work / f"{name}.parquet", n_parts, table)
            n_parts += 1
        if store is not None:
            store.close()
            store = None
        if n_parts == 0:
            for name in TABLE_NAMES:
                _write_part(work / f"{name}.parquet", 0, schema.empty(name))
            n_parts = 1
        _link_parts(work, n_parts)
        if csv:
            for name in TABLE_NAMES:
                _write_csv(work / f"{name}.parquet", work / f"{name}.csv")
        info = _info(stats, mid, reference_date, engine)
        info["n_parts"] = n_parts
        info["extractor_errors"] = n_errors
        info["skipped"] = skipped
        info["files"] = files
        info["notices"] = notices
        info["rows"] = {name: _count_rows(work / f"{name}.parquet") for name in TABLE_NAMES}
        for path in sorted(work.iterdir()):
            _replace(path, folder / path.name)
        _write_info(folder, info)
    finally:
        if store is not None:
            store.close()
        shutil.rmtree(work, ignore_errors=True)
    return info


def _remove_stale_work(folder: Path) -> None:
    """Delete work folders left by runs that were killed (their process no longer exists)."""
    for work in folder.glob(".newskit-*.tmp"):
        try:
            pid = int(work.name.split("-")[1])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(work, ignore_errors=True)
        except (ValueError, IndexError, PermissionError, OSError):
            continue


def _write_part(table_dir: Path, index: int, table: pd.DataFrame) -> None:
    table_dir.mkdir(exist_ok=True)
    table.to_parquet(table_dir / f"part-{index:05d}.parquet", index=False)


def _link_parts(work: Path, n_parts: int) -> None:
    """Link entities across the whole corpus: load the extracted tables (small next to texts
    and parsed Docs), link, and rewrite them part by part."""
    loaded = {}
    sizes = {}
    for name in schema.EXTRACTED_TABLES:
        frames = [
            pd.read_parquet(work / f"{name}.parquet" / f"part-{i:05d}.parquet")
            for i in range(n_parts)
        ]
        sizes[name] = [len(f) for f in frames]
        loaded[name] = pd.concat(frames, ignore_index=True)
        del frames
    linked = link(loaded)
    del loaded
    for name, table in linked.items():
        if name not in sizes or len(table) != sum(sizes[name]):
            # A corpus table, or linking changed the number of rows: one part.
            shutil.rmtree(work / f"{name}.parquet", ignore_errors=True)
            _write_part(work / f"{name}.parquet", 0, table)
            continue
        start = 0
        for i, size in enumerate(sizes[name]):
            _write_part(work / f"{name}.parquet", i, table.iloc[start : start + size])
            start += size


def _write_csv(table_dir: Path, target: Path) -> None:
    """One CSV from a table's parts, part by part, with the union of their columns."""
    import pyarrow.parquet as pq

    name = table_dir.name.removesuffix(".parquet")
    parts = sorted(table_dir.glob("part-*.parquet"))
    columns = list(schema.TABLES[name])
    for part in parts:
        columns += [c for c in pq.read_schema(part).names if c not in columns]
    with target.open("w", encoding="utf-8", newline="") as fh:
        for i, part in enumerate(parts):
            table = _conform(pd.read_parquet(part), name).reindex(columns=columns)
            table.to_csv(fh, index=False, header=(i == 0))


def _count_rows(table_dir: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in table_dir.glob("part-*.parquet"))


def extract_folder(
    source: Any, out: str | Path, metadata: str | Path | None = None, xlsx: bool = False,
    **options: Any,
) -> dict[str, Any]:
    """What ``newskit extract`` writes: ``analyze_to_folder`` with CSV copies of every table,
    ``data_dictionary.csv``, and with ``xlsx`` an Excel workbook (which needs the tables in
    memory, so it suits small corpora)."""
    from .exports import data_dictionary, write_tables

    out = Path(out)
    info = analyze_to_folder(source, out, metadata=metadata, csv=True, **options)
    heads = {
        name: _conform(pd.read_parquet(out / f"{name}.parquet" / "part-00000.parquet"), name)
        for name in TABLE_NAMES
    }
    tmp = out / ".data_dictionary.csv.tmp"
    data_dictionary(heads).to_csv(tmp, index=False)
    os.replace(tmp, out / "data_dictionary.csv")
    if xlsx:
        staging = out / f".xlsx-{uuid.uuid4().hex[:8]}.tmp"
        try:
            write_tables(Analysis.load(out).tables(), staging, xlsx=True)
            os.replace(staging / "tables.xlsx", out / "tables.xlsx")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return info
