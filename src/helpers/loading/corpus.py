"""``load_corpus`` and ``iter_corpus``: every source expanded into inputs (files, archive
members), each read by the reader of its format (:mod:`.sniff`), the records completed into
documents-table chunks."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .common import Context, CorpusError, CorpusNotice, CorpusWarning, Skipped, one_line
from .frame import _apply_meta, _finish, _IdAssigner, _read_metadata, _report_unknown
from .language import LanguageTally
from .sniff import FORMATS, expand, read_input

Source = str | Path | Iterable[str | Path]


def load_corpus(
    source: Source,
    metadata: str | Path | None = None,
    format: str | None = None,  # noqa: A002 - the name users know from --format
) -> pd.DataFrame:
    """Load articles into the documents table (see CONTRACT.md).

    ``source`` is a file, a folder (read recursively; formats may be mixed) or a list of these.
    Each file's format is recognised from its content: plain text, CSV/JSONL/Parquet tables,
    web pages, WARC archives, RSS/Atom feeds, Nexis Uni, Factiva and ProQuest exports
    (``.txt``, ``.rtf``, ``.docx``, ``.html``), with ``.zip``/``.tar.gz`` archives and
    ``.gz`` files read in place. ``format`` (one of :data:`FORMATS`) forces one format for
    every file. ``metadata`` is an optional CSV/JSONL keyed by ``doc_id`` whose fields override
    inferred ones. Skipped files and records are warned about, one line each, and listed in
    ``df.attrs["skipped"]`` as ``{"path", "reason"}`` dicts; ``df.attrs["files"]`` maps each
    file read to ``{"format", "articles"}``.
    """
    (docs,) = _stream(source, metadata, chunk_size=sys.maxsize, warn=False, format=format)
    for item in docs.attrs["skipped"]:
        warnings.warn(f"skipped {item['path']}: {one_line(item['reason'])}", CorpusWarning,
                      stacklevel=2)
    for notice in docs.attrs.get("notices", []):
        warnings.warn(notice, CorpusNotice, stacklevel=2)
    return docs


def iter_corpus(
    source: Source,
    metadata: str | Path | None = None,
    chunk_size: int = 1000,
    format: str | None = None,  # noqa: A002
) -> Iterator[pd.DataFrame]:
    """``load_corpus`` in chunks of ``chunk_size`` articles, each read only when needed, so a
    corpus larger than memory can be streamed (``pipeline.analyze_to_folder``). Chunks
    concatenated equal ``load_corpus``'s table: doc_ids stay corpus-unique and ``duplicate_of``
    points across chunks. WARC files and feeds are streamed record by record; a
    ``.csv``/``.jsonl``/``.parquet`` file is read whole, then cut into chunks. Each chunk's
    ``attrs["skipped"]`` lists what was skipped while it was read (the last chunk also what only
    the end can tell: sidecar rows that matched no article, the non-English summary)."""
    yield from _stream(source, metadata, chunk_size, warn=True, format=format)


def _check(sources: list[Any], chunk_size: int, format: str | None) -> None:  # noqa: A002
    if not sources:
        raise CorpusError("no corpus source given")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    if format is not None and format not in FORMATS:
        raise CorpusError(f"unknown format {format!r} (one of: {', '.join(FORMATS)})")


@dataclass
class _Chunk:
    """A finished chunk of articles, held back until the next one is ready (so the last one
    can carry what only the end of the corpus tells), with the skips and article counts of
    the files read for it."""

    documents: pd.DataFrame
    skipped: list[Skipped]
    files: dict[str, Any]


@dataclass
class _Stream:
    """What turning records into document chunks keeps from chunk to chunk."""

    ctx: Context
    warn: bool
    meta: Any = None  # the sidecar, read before any article
    meta_path: Path | None = None
    assign: _IdAssigner = field(default_factory=_IdAssigner)
    first_by_hash: dict[str, str] = field(default_factory=dict)
    languages: LanguageTally = field(default_factory=LanguageTally)

    def chunk(self, records: list[dict[str, Any]]) -> _Chunk:
        """The records as a documents table, with the skips and counts gathered since the last
        chunk (which start again empty)."""
        self.languages.label(records)
        docs = _finish(records, self.assign, self.first_by_hash)
        if self.meta is not None:
            docs = _apply_meta(docs, self.meta, self.meta_path, self.ctx.skipped)
        done = _Chunk(docs, self.ctx.skipped, self.ctx.counts)
        self.ctx.skipped, self.ctx.counts = [], {}
        return done

    def release(self, chunk: _Chunk, notices: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
        """The chunk's documents with its skips, file counts and notices in ``attrs`` (and as
        warnings when asked)."""
        if self.warn:
            for item in chunk.skipped:
                warnings.warn(f"skipped {item.path}: {one_line(item.reason)}", CorpusWarning,
                              stacklevel=3)
            for notice in notices:
                warnings.warn(notice, CorpusNotice, stacklevel=3)
        docs = chunk.documents
        docs.attrs["skipped"] = [{"path": s.path, "reason": s.reason} for s in chunk.skipped]
        docs.attrs["files"] = chunk.files
        docs.attrs["notices"] = list(notices)
        return docs


def _stream(
    source: Source,
    metadata: str | Path | None,
    chunk_size: int,
    warn: bool,
    format: str | None = None,  # noqa: A002
) -> Iterator[pd.DataFrame]:
    sources = [source] if isinstance(source, str | Path) else list(source)
    _check(sources, chunk_size, format)
    stream = _Stream(Context(forced=format), warn)
    ctx = stream.ctx
    # Every source is checked (CorpusError) and the sidecar read before any article is.
    stream.meta_path = Path(metadata) if metadata is not None else None
    # A sidecar kept inside the corpus folder is metadata, not articles.
    exclude = {stream.meta_path.resolve()} if stream.meta_path is not None else set()
    inputs = [item for src in sources for item in expand(src, ctx, exclude)]
    if stream.meta_path is not None:
        stream.meta = _read_metadata(stream.meta_path, ctx.skipped)
    records: list[dict[str, Any]] = []
    held: _Chunk | None = None
    multi = len(sources) > 1
    for item in inputs:
        for record in read_input(item, ctx, multi):
            records.append(record)
            if len(records) >= chunk_size:
                done, records = stream.chunk(records), []
                if held is not None:
                    yield stream.release(held)
                held = done
    if records or held is None:
        done = stream.chunk(records)
        if held is not None:
            yield stream.release(held)
        held = done
    if stream.meta is not None:
        _report_unknown(stream.meta, stream.assign.used, stream.meta_path, ctx.skipped)
    last = _Chunk(held.documents, held.skipped + ctx.skipped, {**held.files, **ctx.counts})
    yield stream.release(last, stream.languages.summary())
