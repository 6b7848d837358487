"""Streaming a corpus to a folder: ``analyze_to_folder`` and ``extract_folder`` (the CLI's).

Sources are read chunk by chunk (``_iter_source``), each chunk's tables written as a Parquet
part as it completes, so memory stays flat however large the corpus is; linking then runs over
the extracted tables (not the texts) and rewrites their parts (``_link_parts``). Everything is
written under a temporary work folder and moved into place at the end.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..loading import as_documents
from ..worker import PIPE_BATCH
from .planning import CHUNK_DOCS, _chunks, _info, _setup, _Stats
from .result import TABLE_NAMES, Analysis, _replace, _write_info
from .running import _stream, make_runner
from .tables import _conform, link, note_errors


def _iter_source(
    source: Any, metadata: Any, chunk_size: int, skipped: list[dict[str, str]],
    files: dict[str, Any] | None = None, format: str | None = None,  # noqa: A002
    notices: list[str] | None = None,
) -> Iterator[pd.DataFrame]:
    """Documents in chunks: a documents table is sliced; paths are read chunk by chunk when the
    loader can stream (``loading.iter_corpus``), else loaded whole and sliced. Files the loader
    skipped are appended to ``skipped``."""
    from .. import loading

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
    skipped: list[dict[str, str]] = []
    files: dict[str, Any] = {}
    notices: list[str] = []
    try:
        runner = make_runner(engine, model_name, n_process, batch_size, scheduler)
        chunks = _stream(
            _iter_source(source, metadata, chunk_size, skipped, files, format, notices), runner,
            reference_date, mid, store, batch_size,
        )
        n_parts, n_errors = _write_chunks(work, chunks, stats)
        if store is not None:
            store.close()
            store = None
        _link_parts(work, n_parts)
        info = _info(stats, mid, reference_date, engine)
        info.update(n_parts=n_parts, extractor_errors=n_errors, skipped=skipped, files=files,
                    notices=notices)
        _publish(work, folder, info, csv)
    finally:
        if store is not None:
            store.close()
        shutil.rmtree(work, ignore_errors=True)
    return info


def _write_chunks(work: Path, chunks: Iterable[tuple[Any, dict[str, pd.DataFrame]]],
                  stats: _Stats) -> tuple[int, int]:
    """Write each chunk's tables as the next Parquet part: ``(parts written, extractor
    errors)``; an empty corpus still gets one part of empty tables with their columns."""
    n_parts = n_errors = 0
    for chunk, tables in chunks:
        stats.add(chunk)
        n_errors += sum(len(v) for v in chunk.errors.values())
        chunk.documents = note_errors(chunk.documents, chunk.errors)
        for name, table in {"documents": chunk.documents, **tables}.items():
            _write_part(work / f"{name}.parquet", n_parts, table)
        n_parts += 1
    if n_parts == 0:
        for name in TABLE_NAMES:
            _write_part(work / f"{name}.parquet", 0, schema.empty(name))
        n_parts = 1
    return n_parts, n_errors


def _publish(work: Path, folder: Path, info: dict[str, Any], csv: bool) -> None:
    """CSV copies if asked, row counts into ``info``, then every file of ``work`` renamed into
    ``folder`` and ``analysis.json`` written last."""
    if csv:
        for name in TABLE_NAMES:
            _write_csv(work / f"{name}.parquet", work / f"{name}.csv")
    info["rows"] = {name: _count_rows(work / f"{name}.parquet") for name in TABLE_NAMES}
    for path in sorted(work.iterdir()):
        _replace(path, folder / path.name)
    _write_info(folder, info)


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
    from ..exports import data_dictionary, write_tables

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
