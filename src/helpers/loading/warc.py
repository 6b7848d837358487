"""Web archives (``.warc``, ``.warc.gz``): every HTML response record becomes an article with
its target URI and crawl date.

The archive is streamed record by record with warcio (gzip per record or whole-file), so a
multi-GB crawl never sits in memory: only one record's payload (at most
:data:`~.common.MAX_RECORD_BYTES`) is held at a time. Protocol records (``request``,
``warcinfo``, ``metadata``) are not pages and are counted in one summary line; a response that
is not HTML (an image, a stylesheet, binary bytes), a revisit without payload, a failed or
empty page are skipped with one line per record (the first :data:`MAX_RECORD_LINES` of a file,
then one line counting the rest). Captures of the same text are flagged as duplicates by the
documents table (``duplicate_of``).
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterator
from typing import Any

from . import common
from .common import Context, Input
from .html import page_record
from .text import parse_date

#: Per-record skip lines printed for one file before the rest are only counted.
MAX_RECORD_LINES = 20
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Records that describe the crawl rather than hold a page.
_PROTOCOL = {"request", "warcinfo", "metadata", "conversion", "continuation"}


def is_gzipped_warc(item: Input) -> bool:
    """Whether a gzip file holds a WARC (its first decompressed bytes say ``WARC/``)."""
    try:
        with item.open() as raw, gzip.GzipFile(fileobj=raw) as fh:
            return fh.read(5) == b"WARC/"
    except (OSError, EOFError):
        return False


class _Skips:
    """Skip lines for one archive: one per record up to a limit, then counted by reason."""

    def __init__(self, item: Input, ctx: Context) -> None:
        self.item, self.ctx = item, ctx
        self.n_lines = 0
        self.rest: Counter[str] = Counter()
        self.protocol: Counter[str] = Counter()

    def record(self, number: int, uri: str | None, reason: str, kind: str) -> None:
        if self.n_lines < MAX_RECORD_LINES:
            where = f"{self.item.name}#record-{number}" + (f" ({uri})" if uri else "")
            self.ctx.skip(where, reason)
            self.n_lines += 1
        else:
            self.rest[kind] += 1

    def close(self) -> None:
        if self.rest:
            kinds = ", ".join(f"{k} ×{n}" for k, n in self.rest.most_common())
            self.ctx.skip(self.item.name, f"{sum(self.rest.values())} more record(s) skipped "
                                          f"({kinds})")
        if self.protocol:
            kinds = ", ".join(f"{k} ×{n}" for k, n in sorted(self.protocol.items()))
            self.ctx.skip(self.item.name, f"{sum(self.protocol.values())} crawl record(s) "
                                          f"that are not pages ({kinds})")


def read_warc(item: Input, ctx: Context, multi: bool) -> Iterator[dict[str, Any]]:
    """The ``warc`` format: one article per HTML response record, streamed."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skips = _Skips(item, ctx)
    n_pages = number = 0
    try:
        with item.open() as fh:
            for number, record in enumerate(ArchiveIterator(fh), start=1):  # noqa: B007
                page = _page(record, number, item, skips, n_pages + 1)
                if page is not None:
                    n_pages += 1
                    yield page
    except ArchiveLoadFailed as exc:
        if number == 0:
            raise ValueError(f"not a readable WARC file ({exc})") from exc
        raise ValueError(f"damaged WARC after record {number} ({exc})") from exc
    finally:
        skips.close()
    if number == 0:
        raise ValueError("WARC file holds no records")


def _page(record: Any, number: int, item: Input, skips: _Skips,
          index: int) -> dict[str, Any] | None:
    kind = record.rec_type
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if kind in _PROTOCOL:
        skips.protocol[kind] += 1
        return None
    if kind == "revisit":
        skips.record(number, uri, "revisit record (no payload: the page was unchanged since "
                                  "an earlier capture)", "revisit")
        return None
    if kind not in ("response", "resource"):
        skips.record(number, uri, f"{kind} record, not a page", kind)
        return None
    content_type = _content_type(record)
    if not content_type.startswith(_HTML_TYPES):
        skips.record(number, uri, f"{content_type or 'no content type'}, not a web page",
                     content_type.split(";")[0] or "untyped")
        return None
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    if status and not str(status).startswith("2"):
        skips.record(number, uri, f"HTTP status {status}, not a page", f"HTTP {status}")
        return None
    payload = record.content_stream().read(common.MAX_RECORD_BYTES + 1)
    if len(payload) > common.MAX_RECORD_BYTES:
        skips.record(number, uri, f"payload over {common.MAX_RECORD_BYTES // (1024 * 1024)} MB, "
                                  "not read", "oversized")
        return None
    if getattr(record.raw_stream, "limit", 0):
        # Fewer bytes than the record's Content-Length: the archive ends inside this record.
        raise ValueError(f"WARC file is truncated inside record {number} ({uri}); the records "
                         "after it, if any, were not read")
    if payload[:8192].count(0) > 8:
        skips.record(number, uri, "binary bytes labelled as HTML, not a web page", "binary")
        return None
    try:
        rec = page_record(payload, f"{item.name}#record-{number}", f"{item.doc_id}/{index}", uri)
    except ValueError as exc:
        skips.record(number, uri, str(exc), "no article text")
        return None
    canonical = rec.get("url")
    rec["url"] = uri or canonical
    if canonical and canonical != rec["url"]:
        rec["canonical_url"] = canonical
    crawl = parse_date(record.rec_headers.get_header("WARC-Date") or "")
    rec["crawl_date"] = crawl
    rec["warc_record_id"] = record.rec_headers.get_header("WARC-Record-ID")
    return rec


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.strip().lower()
