"""Errors, skip records, the reader's input and small value helpers shared by every reader."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

import pandas as pd

#: Largest number of bytes read from one file or archive member (after decompression). A file
#: that decompresses past it is skipped, named, as a possible decompression bomb: nothing is
#: silently cut. WARC files are streamed record by record and are not bound by it (each record
#: is, by :data:`MAX_RECORD_BYTES`).
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Largest WARC record payload read as one web page.
MAX_RECORD_BYTES = 64 * 1024 * 1024


class CorpusError(ValueError):
    """A problem with the user's corpus or metadata that stops loading (one-line message)."""


class CorpusWarning(UserWarning):
    """A file or row that was skipped while the rest of the corpus loaded."""


class CorpusNotice(UserWarning):
    """Something every user should know about a corpus that loaded (e.g. non-English articles)."""


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class Input:
    """One file to read: on disk, or a member of an archive.

    ``name`` is what messages and the ``path`` column show (``dir/a.html``,
    ``dir/pages.zip!2019/a.html``); ``doc_id`` is the id stem articles from it get (relative to
    the folder given, without the suffix); ``opener`` opens a fresh binary stream."""

    name: str
    doc_id: str
    opener: Callable[[], IO[bytes]]
    suffix: str = ""
    size: int | None = None
    #: How many archives this input sits in, to cap nesting.
    depth: int = 0
    #: Read from a folder or an archive (its table rows get the file's name as id prefix).
    nested: bool = False
    #: Comes out of a decompressor (an archive member, a .gz file): reads are size-capped.
    decompressed: bool = False

    def open(self) -> IO[bytes]:
        return self.opener()

    def read(self, limit: int | None = None) -> bytes:
        """The whole content, refusing (ValueError) anything past ``limit`` bytes (by default
        :data:`MAX_FILE_BYTES` for decompressed content; a plain file on disk is read whole)."""
        if limit is None and not self.decompressed:
            with self.open() as fh:
                return fh.read()
        limit = MAX_FILE_BYTES if limit is None else limit
        with self.open() as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise ValueError(
                f"more than {limit // (1024 * 1024)} MB after decompression (the limit, "
                "loading.common.MAX_FILE_BYTES): not read, possibly a decompression bomb")
        return data


@dataclass
class Context:
    """What reading one corpus carries from file to file: the skip list, a forced format,
    and how many articles each file gave."""

    skipped: list[Skipped] = field(default_factory=list)
    forced: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def skip(self, where: str, reason: str) -> None:
        self.skipped.append(Skipped(safe_str(where), reason))


def one_line(message: str, limit: int = 300) -> str:
    message = " ".join(str(message).split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


def safe_str(value: str) -> str:
    """A file name as valid Unicode: undecodable bytes (surrogate escapes) become U+FFFD, so
    ids and paths can always be written to Parquet, CSV and HTML."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return os.fsencode(value).decode("utf-8", errors="replace")


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and pd.isna(value))


def present(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    if isinstance(value, float) and pd.isna(value):
        return False
    return str(value).strip() != ""


def file_input(path: Path, root: Path | None = None, nested: bool = False) -> Input:
    """An :class:`Input` for a file on disk; its doc_id is relative to ``root`` when given."""
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return Input(name=safe_str(str(path)), doc_id=safe_str(strip_suffix(rel.as_posix())),
                 opener=lambda: path.open("rb"), suffix=suffix_of(path.name),
                 size=path.stat().st_size if path.is_file() else None, nested=nested)


#: Suffixes of two parts that name one format.
_DOUBLE_SUFFIXES = (".warc.gz", ".tar.gz", ".tar.bz2", ".tar.xz", ".arc.gz")


def suffix_of(name: str) -> str:
    """The lower-case suffix, with the compound ones (``.warc.gz``, ``.tar.gz``) whole."""
    lower = name.lower()
    for double in _DOUBLE_SUFFIXES:
        if lower.endswith(double):
            return double
    return PurePosixPath(lower).suffix


def strip_suffix(name: str) -> str:
    suffix = suffix_of(name)
    return name[: len(name) - len(suffix)] if suffix and name.lower().endswith(suffix) else name
