"""What each input is, by content: the format registry, folder expansion and containers.

A file's format is recognised from its first bytes, in the order of :data:`DETECTORS` (magic
numbers first, then markup, then the markers of each news database's export); the suffix only
breaks ties (``.csv`` for CSV). Containers are opened in place: ``.zip`` and ``.tar[.gz]``
archives member by member, ``.gz`` files as the file inside. ``--format NAME`` forces the
format of every file (archives are still opened). Every reader takes an :class:`Input` and the
:class:`Context` and yields article records (dicts); a record it cannot use is skipped by name
in ``ctx.skipped``, and an error that stops a file names the file and how many articles it gave.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from . import archives, exports, feeds, html, vendors, warc
from .common import Context, CorpusError, Input, file_input, safe_str
from .tables import read_table
from .text import read_text

#: Bytes read to recognise a format.
HEAD_BYTES = 64 * 1024
#: Archives inside archives are opened this deep, no deeper.
MAX_DEPTH = 3

Reader = Callable[[Input, Context, bool], Iterator[dict[str, Any]]]


def _read_plain(item: Input, ctx: Context, multi: bool) -> Iterator[dict[str, Any]]:
    yield read_text(item.read(), item.name, item.doc_id)


def _table_reader(kind: str) -> Reader:
    def read(item: Input, ctx: Context, multi: bool) -> Iterator[dict[str, Any]]:
        prefix = f"{item.doc_id}/" if multi or item.nested else ""
        yield from read_table(item, ctx.skipped, prefix, kind)
    return read


#: Format name → reader. These are the values of ``--format`` and of ``source_format``.
READERS: dict[str, Reader] = {
    "text": _read_plain,
    "csv": _table_reader("csv"),
    "jsonl": _table_reader("jsonl"),
    "parquet": _table_reader("parquet"),
    "html": html.read_page,
    "warc": warc.read_warc,
    "feed": feeds.read_feed,
    **vendors.READERS,  # nexis, factiva, proquest
}
FORMATS = tuple(READERS)

#: Suffixes a folder is searched for (anything else is recognised by content or reported).
KNOWN_SUFFIXES = {
    ".txt", ".text", ".csv", ".jsonl", ".ndjson", ".parquet", ".html", ".htm", ".xhtml",
    ".mhtml", ".warc", ".warc.gz", ".gz", ".xml", ".rss", ".atom", ".docx", ".rtf", ".zip",
    ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz",
}

_DOCTYPE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                      re.IGNORECASE | re.DOTALL)
_FEED = re.compile(rb"<(?:rss[\s>]|feed[\s>][^>]*|rdf:RDF[\s>])", re.IGNORECASE)
_XML_START = re.compile(rb"^\s*<(?:\?xml|rss|feed|rdf:RDF|!DOCTYPE\s+(?:rss|feed|rdf))",
                        re.IGNORECASE)
_JSON_START = re.compile(rb"^\s*\{")


def _is_html(head: bytes, suffix: str) -> bool:
    if _DOCTYPE.match(head[:4096].lstrip(b"\xef\xbb\xbf")):
        return True
    # A page fragment saved as .html: judge by markup, not by the first characters.
    return suffix in {".html", ".htm", ".xhtml"} and b"<" in head


def _is_feed(head: bytes, suffix: str) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf")
    return bool(_XML_START.match(start[:2048]) and _FEED.search(start[:8192]))


def detect(item: Input, head: bytes) -> str:
    """The format name of a non-container input from its first bytes and suffix."""
    suffix = item.suffix
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b") and suffix == ".warc.gz":
        return "warc"
    if suffix in {".docx", ".rtf"} or exports.is_office(head):
        return vendors.detect_vendor(item, head) or "text"
    if _is_feed(head, suffix):
        return "feed"
    if _is_html(head, suffix):
        return vendors.detect_vendor(item, head) or "html"
    if suffix == ".csv":
        return "csv"
    if suffix in {".jsonl", ".ndjson"} or (suffix == ".json" and _JSON_START.match(head)):
        return "jsonl"
    return vendors.detect_vendor(item, head) or "text"


def _head(item: Input) -> bytes:
    with item.open() as fh:
        return fh.read(HEAD_BYTES)


def read_input(item: Input, ctx: Context, multi: bool) -> Iterator[dict[str, Any]]:
    """Every article record of one input (a container's: of each member), with
    ``source_format``; errors become one skip line naming the input."""
    n = 0
    kind = "?"
    try:
        head = _head(item)
        container = archives.container_of(head, item.suffix)
        if container is not None:
            yield from _read_container(item, head, container, ctx, multi)
            return
        kind = ctx.forced or detect(item, head)
        for record in READERS[kind](item, ctx, multi):
            record.setdefault("source_format", kind)
            n += 1
            yield record
    except (OSError, ValueError, UnicodeError, EOFError, zlib.error, lzma.LZMAError) as exc:
        ctx.skip(item.name, _reason(exc, n))
    except Exception as exc:  # a third-party parser failing on a hostile file
        ctx.skip(item.name, _reason(exc, n, unexpected=True))
    if n:
        ctx.counts[item.name] = {"format": kind, "articles": n}


def _reason(exc: BaseException, n: int, unexpected: bool = False) -> str:
    if isinstance(exc, EOFError | zlib.error | lzma.LZMAError | gzip.BadGzipFile) or (
        isinstance(exc, OSError) and "compressed" in str(exc).lower()
    ):
        text = f"truncated or damaged compressed data ({type(exc).__name__}: {exc})"
    elif unexpected:
        text = f"unreadable ({type(exc).__name__}: {exc})"
    else:
        text = str(exc) or type(exc).__name__
    if n:
        text += f"; the {n} article(s) before that point were loaded, the rest was not read"
    return text


def _read_container(item: Input, head: bytes, container: str, ctx: Context,
                    multi: bool) -> Iterator[dict[str, Any]]:
    if item.depth >= MAX_DEPTH:
        raise ValueError(f"archive nested more than {MAX_DEPTH} deep: not opened")
    if container == "gzip" and warc.is_gzipped_warc(item):
        kind = ctx.forced or "warc"
        n = 0
        for record in READERS[kind](item, ctx, multi):
            record.setdefault("source_format", kind)
            n += 1
            yield record
        if n:
            ctx.counts[item.name] = {"format": kind, "articles": n}
        return
    for member in archives.members(item, container, ctx):
        yield from read_input(member, ctx, multi)


# --- sources ----------------------------------------------------------------------------------


def expand(source: str | Path, ctx: Context, exclude: set[Path] = frozenset()) -> list[Input]:
    """The inputs one source names: a file, or a folder's files (recursively, by suffix or,
    for other names, by content)."""
    path = Path(source).expanduser()
    if path.is_dir():
        return _folder(path, ctx, exclude)
    if path.is_file():
        return [file_input(path)]
    if path.exists():
        raise CorpusError(f"corpus source is not a regular file or folder: {path}")
    raise CorpusError(f"corpus source not found: {path}")


def _folder(path: Path, ctx: Context, exclude: set[Path]) -> list[Input]:
    # rglob does not follow symlinked folders, so a link loop cannot trap it.
    inputs, others = [], []
    for p in sorted(path.rglob("*")):
        if p.is_dir() or (exclude and p.resolve() in exclude):
            continue
        if not p.is_file():  # never open a pipe: reading would hang
            reason = "not a regular file (broken link, pipe, socket or device)"
            ctx.skip(str(p), reason)
            continue
        item = file_input(p, path, nested=True)
        if item.suffix in KNOWN_SUFFIXES or _recognised(item):
            inputs.append(item)
        else:
            others.append(item.suffix or "(no suffix)")
    if others:
        kinds = ", ".join(f"{s} ×{others.count(s)}" for s in sorted(set(others)))
        ctx.skip(str(path), f"{len(others)} file(s) of no article format ignored ({kinds})")
    if not inputs and not any(s.path.startswith(str(path)) for s in ctx.skipped):
        ctx.skip(str(path), "folder has no article files")
    return inputs


def _recognised(item: Input) -> bool:
    """Whether a file with an unknown suffix is, by content, a format the kit reads (plain
    text is not assumed: a folder's README or licence is not an article)."""
    try:
        head = _head(item)
    except OSError:
        return False
    if archives.container_of(head, item.suffix) is not None:
        return True
    return detect(item, head) not in {"text", "csv", "jsonl"}


def open_stream(raw: IO[bytes], kind: str) -> IO[bytes]:
    """A decompressing stream over ``raw`` for ``kind`` gzip, bz2 or xz."""
    opener = {"gzip": gzip.GzipFile, "bz2": bz2.BZ2File, "xz": lzma.LZMAFile}[kind]
    return opener(fileobj=raw)


__all__ = ["FORMATS", "READERS", "detect", "expand", "read_input", "safe_str"]
