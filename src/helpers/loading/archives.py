"""Archives read in place: ``.zip``, ``.tar`` (plain or gzip/bzip2/xz-compressed) and single
``.gz``/``.bz2``/``.xz`` files. Nothing is extracted to disk. A member whose path would escape
the archive's folder (absolute, or with ``..``), a link or device member, and a member that
decompresses past :data:`~.common.MAX_FILE_BYTES` (a decompression bomb) are skipped, named."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import IO

from . import common
from .common import Context, Input, strip_suffix, suffix_of

#: A zip member whose declared size is this many times its compressed size is not read.
MAX_RATIO = 1000


def container_of(head: bytes, suffix: str) -> str | None:
    """``"zip"``, ``"tar"``, ``"gzip"``, ``"bz2"``, ``"xz"`` or None (not a container). A
    ``.docx`` (a zip) is a document, not a container."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return None if b"word/" in head[:4096] or suffix == ".docx" else "zip"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh") and len(head) > 10 and head[4:10] == b"1AY&SY":
        return "bz2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    return None


def _unsafe(name: str) -> str | None:
    """Why a member name cannot be used, or None."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "absolute path escapes the archive's folder: not read"
    if ".." in path.parts:
        return "path with '..' escapes the archive's folder: not read"
    return None


def _member(item: Input, name: str, opener, size: int | None) -> Input:  # noqa: ANN001
    clean = PurePosixPath(name.replace("\\", "/")).as_posix().lstrip("./")
    return Input(name=f"{item.name}!{clean}", doc_id=f"{item.doc_id}/{strip_suffix(clean)}",
                 opener=opener, suffix=suffix_of(clean), size=size, depth=item.depth + 1,
                 nested=True, decompressed=True)


def members(item: Input, kind: str, ctx: Context) -> Iterator[Input]:
    """The readable members of an archive (or the one file inside a compressed file)."""
    if kind == "zip":
        yield from _zip_members(item, ctx)
    elif kind == "tar":
        yield from _tar_members(item, ctx)
    else:
        yield from _compressed(item, kind, ctx)


def _zip_members(item: Input, ctx: Context) -> Iterator[Input]:
    with item.open() as raw, zipfile.ZipFile(raw) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if not infos:
            ctx.skip(item.name, "empty archive (no files)")
        for info in infos:
            where = f"{item.name}!{info.filename}"
            reason = _unsafe(info.filename) or _zip_bomb(info)
            if reason:
                ctx.skip(where, reason)
                continue
            yield _member(item, info.filename, _capped(lambda i=info: archive.open(i)),
                          info.file_size)


def _zip_bomb(info: zipfile.ZipInfo) -> str | None:
    if info.file_size > common.MAX_FILE_BYTES:
        return (f"declares {info.file_size // (1024 * 1024)} MB uncompressed, over the "
                f"{common.MAX_FILE_BYTES // (1024 * 1024)} MB limit: not read, a possible "
                "decompression bomb")
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        return (f"compressed {info.file_size // max(info.compress_size, 1)}:1 "
                f"(over {MAX_RATIO}:1): not read, a likely decompression bomb")
    return None


def _tar_members(item: Input, ctx: Context) -> Iterator[Input]:
    # Streamed ("r|*": any compression): a member is held in memory while it is read.
    with item.open() as raw, tarfile.open(fileobj=raw, mode="r|*") as archive:
        for info in archive:
            if info.isdir():
                continue
            where = f"{item.name}!{info.name}"
            reason = _unsafe(info.name)
            if reason is None and not info.isfile():
                reason = "a link or device, not a file: not read"
            if reason is None and info.size > common.MAX_FILE_BYTES:
                reason = (f"{info.size // (1024 * 1024)} MB, over the "
                          f"{common.MAX_FILE_BYTES // (1024 * 1024)} MB limit: not read")
            if reason:
                ctx.skip(where, reason)
                continue
            fh = archive.extractfile(info)
            data = fh.read() if fh is not None else b""
            yield _member(item, info.name, lambda d=data: io.BytesIO(d), len(data))


def _compressed(item: Input, kind: str, ctx: Context) -> Iterator[Input]:
    """A compressed file: a tar inside is an archive; anything else is one file."""
    def opener() -> IO[bytes]:
        return _Decompressing(item.open(), kind)

    capped = _capped(opener)
    with capped() as fh:
        head = fh.read(1024)
    if len(head) > 262 and head[257:262] == b"ustar":
        yield from _tar_members(Input(item.name, item.doc_id, capped, ".tar", None,
                                      item.depth, item.nested, decompressed=True), ctx)
        return
    base = item.name.rsplit("/", 1)[-1]
    inner = base[: -len(item.suffix)] if item.suffix in (".gz", ".bz2", ".xz") else base
    yield Input(name=item.name, doc_id=strip_suffix(item.doc_id), opener=capped,
                suffix=".tar" if item.suffix == ".tgz" else suffix_of(inner), size=None,
                depth=item.depth + 1, nested=item.nested, decompressed=True)


class _Decompressing(io.BufferedIOBase):
    """A decompressing reader that closes the file under it too."""

    def __init__(self, raw: IO[bytes], kind: str) -> None:
        self._raw = raw
        self._inner = {"gzip": gzip.GzipFile, "bz2": bz2.BZ2File,
                       "xz": lzma.LZMAFile}[kind](fileobj=raw)

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._inner.read(-1 if size is None else size)

    def read1(self, size: int = -1) -> bytes:
        return self._inner.read1(size)

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            self._raw.close()
            super().close()


def _capped(opener):  # noqa: ANN001, ANN202
    """``opener`` whose streams refuse to give more than ``MAX_FILE_BYTES`` bytes."""
    def open_capped() -> IO[bytes]:
        return io.BufferedReader(_Capped(opener()), buffer_size=256 * 1024)
    return open_capped


class _Capped(io.RawIOBase):
    """A stream that raises once more than ``MAX_FILE_BYTES`` have come out of it: a
    decompression bomb is stopped while it is read, not after."""

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner = inner
        self._seen = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001
        data = self._inner.read(len(buffer))
        self._seen += len(data)
        if self._seen > common.MAX_FILE_BYTES:
            raise ValueError(
                f"decompresses to more than {common.MAX_FILE_BYTES // (1024 * 1024)} MB "
                "(the limit, loading.common.MAX_FILE_BYTES): skipped as a likely "
                "decompression bomb; nothing of it was loaded")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()
