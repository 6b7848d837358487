"""Reading articles into the documents table.

``load_corpus`` accepts folders of ``.txt`` files (recursively), single ``.txt``/``.csv``/
``.jsonl``/``.parquet`` files, or a list of these, plus an optional metadata sidecar. It infers
only what an article actually carries (an agency header, a wire-service trailer, a title line)
and leaves everything else missing. Files that cannot be read are reported by name, with a
reason, and the rest are loaded: see ``documents.attrs["skipped"]``.

Hostile input is expected: bytes are decoded as UTF-8 (BOM or not), UTF-16/32 with a BOM,
BOM-less UTF-16, cp1252 or Latin-1; line endings are normalised; ANSI escapes and control
characters are removed; lone surrogates become U+FFFD. After the contract's columns every
article carries ``duplicate_of``, ``status`` ("ok" | "duplicate"), ``encoding`` and ``notes``
(what was repaired). Broken rows of CSV/JSONL files and sidecars are skipped by ``file:line``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import schema

TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
TEXT_SUFFIXES = {".txt"}
#: Column names accepted for the article body / id / outlet / date in tabular corpora.
TEXT_COLUMNS = ("text", "body", "content", "article")
ID_COLUMNS = ("doc_id", "id", "article_id")
OUTLET_COLUMNS = ("outlet", "source", "publisher", "media")
DATE_COLUMNS = ("published", "date", "published_at", "pubdate")


class CorpusError(ValueError):
    """A problem with the user's corpus or metadata that stops loading (one-line message)."""


class CorpusWarning(UserWarning):
    """A file or row that was skipped while the rest of the corpus loaded."""


@dataclass
class Skipped:
    path: str
    reason: str


# --- decoding -------------------------------------------------------------------------------

# Terminal escapes: CSI ("\x1b[31m"), OSC ("\x1b]0;title\x07") and two-character sequences.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
# C0/C1 controls except tab and newline; they carry no text and confuse tokenisers and HTML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# Any non-ASCII character other than U+FFFD: proof that a file is mostly valid UTF-8.
_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")


def _decode(raw: bytes) -> tuple[str, str, list[str]]:
    """``decode_bytes`` plus notes on repairs (replaced bytes)."""
    notes: list[str] = []
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text, encoding = raw.decode("utf-32", errors="replace"), "utf-32"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = raw.decode("utf-16", errors="replace"), "utf-16"
    elif raw.startswith(b"\xef\xbb\xbf"):
        text, encoding = raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif (bom_less := _utf16_without_bom(raw[:8192])) is not None:
        text, encoding = raw.decode(bom_less, errors="replace"), bom_less
    else:
        # A stray NUL happens in text; more than ~1 per KB means binary.
        if raw[:8192].count(0) > 2 + len(raw[:8192]) // 1000:
            raise ValueError("binary content (NUL bytes)")
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = raw.decode("utf-8", errors="replace")
            if _NON_ASCII.search(text):
                # Valid multi-byte UTF-8 elsewhere: a few stray bytes, not a legacy encoding.
                encoding = "utf-8"
            else:
                try:
                    text, encoding = raw.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    text, encoding = raw.decode("latin-1"), "latin-1"
    replaced = text.count("\ufffd")
    if replaced:
        notes.append(f"{replaced} undecodable byte sequence(s) replaced")
    # Terminal escapes are text styling, not binary; judge what is left.
    sample = _ANSI.sub("", text[:8192])
    if sample and len(_CONTROL.findall(sample)) > 0.2 * len(sample):
        raise ValueError("binary content (mostly control characters)")
    return text, encoding, notes


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``sample`` looks like BOM-less UTF-16 of mostly Latin
    text (a NUL in every other byte, on one side only), else None."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, else cp1252, else
    Latin-1; stray invalid bytes in otherwise UTF-8 text become U+FFFD. Returns
    ``(text, encoding)``. Raises ``ValueError`` for binary content."""
    text, encoding, _ = _decode(raw)
    return text, encoding


def normalize_text(text: str) -> str:
    """Normalise line endings and drop ANSI escapes and control characters."""
    return _clean(text)[0]


def _clean(text: str) -> tuple[str, list[str]]:
    """``normalize_text`` plus notes saying what was removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, n_ansi = _ANSI.subn("", text)
    text, n_control = _CONTROL.subn("", text)
    notes = []
    if n_ansi:
        notes.append(f"{n_ansi} ANSI escape sequence(s) removed")
    if n_control:
        notes.append(f"{n_control} control character(s) removed")
    return text, notes


# --- inferring metadata from the text --------------------------------------------------------

# "date 2025-01-22 (MENAFN) ..." (a feed header carrying date and outlet)
_DATE_OUTLET_HEADER = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s*\((?P<outlet>[A-Za-z][\w .&'-]{0,40})\)\s*"
)
# "WASHINGTON (Reuters) - ..." (a wire dateline naming the outlet)
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .,'/-]{1,40}\s*\((?P<outlet>Reuters|AP|AFP|Bloomberg|UPI|dpa|Xinhua|"
    r"TASS|ANSA|EFE|PTI|IANS|CNN|MENAFN)\)\s*[-–—]+\s*"
)
# "MENAFN22012025000045015687ID1109117303": an agency trailer with the date as DDMMYYYY.
_TRAILER = re.compile(
    r"\n?\s*(?P<outlet>[A-Z]{3,12})(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})\d*ID\d+\s*$"
)
# "Title: ...", "Date: ...", "Source: ..." lines heading a file, ended by a blank line.
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z _-]{1,20}):[ \t]*(?P<value>\S.*)$")
_HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "author": "author",
    "byline": "author",
    "url": "url",
    "link": "url",
}


_MIN_DATE, _MAX_DATE = pd.Timestamp("1678-01-01"), pd.Timestamp("2261-12-31")


def _parse_date(value: str) -> pd.Timestamp | None:
    try:
        ts = pd.to_datetime(value.strip(), errors="raise", utc=False)
    except (ValueError, TypeError, OverflowError):
        return None
    if pd.isna(ts):
        return None
    if getattr(ts, "tzinfo", None) is not None:
        ts = ts.tz_convert(None)
    if not (_MIN_DATE <= ts <= _MAX_DATE):
        return None  # outside datetime64[ns] (years 1678-2261): not a publication date
    return pd.Timestamp(ts).normalize() if ts == ts.normalize() else pd.Timestamp(ts)


def split_metadata(text: str) -> tuple[str, dict[str, Any]]:
    """Remove a recognised metadata header/trailer from ``text`` and return ``(body, fields)``.

    Only what the text states is returned; nothing is guessed. ``body`` is stripped."""
    fields: dict[str, Any] = {}
    body = text

    lines = body.lstrip("\n").split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if header:
                body = "\n".join(lines[i + 1 :])
            break
        m = _KEY_VALUE.match(line.strip())
        key = m and _HEADER_KEYS.get(m["key"].strip().lower().replace(" ", "_"))
        if not key:
            header = {}
            break
        header[key] = m["value"].strip()
    for key, value in header.items():
        if key == "published":
            ts = _parse_date(value)
            if ts is not None:
                fields["published"] = ts
        else:
            fields[key] = value

    m = _DATE_OUTLET_HEADER.match(body)
    if m:
        ts = _parse_date(m["date"])
        if ts is not None:
            fields.setdefault("published", ts)
        fields.setdefault("outlet", m["outlet"].strip())
        body = body[m.end() :]
    else:
        m = _DATELINE.match(body)
        if m:
            fields.setdefault("outlet", m["outlet"])
            body = body[m.end() :]

    m = _TRAILER.search(body)
    if m:
        ts = _parse_date(f"{m['y']}-{m['m']}-{m['d']}")
        if ts is not None:
            fields.setdefault("published", ts)
        fields.setdefault("outlet", m["outlet"])
        body = body[: m.start()]

    body = body.strip()
    if "title" not in fields:
        first, sep, rest = body.partition("\n")
        # A short first line without final punctuation, set off by a blank line, is a title.
        if (
            sep
            and rest.startswith("\n")
            and 0 < len(first.split()) <= 20
            and not first.rstrip().endswith((".", ",", ";", ":", "?", "!", '"', "”"))
        ):
            fields["title"] = first.strip()
            body = rest.strip()
    return body, fields


# --- the documents table ---------------------------------------------------------------------


def content_hash(text: str) -> str:
    """Stable hash of an article's text (sha256, first 16 hex digits)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


_WORD = re.compile(r"\S+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _safe_str(value: str) -> str:
    """A file name as valid Unicode: undecodable bytes (surrogate escapes) become U+FFFD, so
    ids and paths can always be written to Parquet, CSV and HTML."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return os.fsencode(value).decode("utf-8", errors="replace")


def _read_text_file(path: Path, doc_id: str) -> dict[str, Any]:
    raw = path.read_bytes()
    if not raw.strip():
        raise ValueError("empty file")
    text, encoding, notes = _decode(raw)
    text, cleaned = _clean(text)
    if not text.strip():
        raise ValueError("empty after decoding (whitespace or control characters only)")
    body, fields = split_metadata(text)
    if not body:
        raise ValueError("no article text after removing the metadata header")
    return {"doc_id": _safe_str(doc_id), "text": body, "path": _safe_str(str(path)),
            "encoding": encoding, "notes": "; ".join(notes + cleaned) or None, **fields}


def _first(columns: Iterable[str], names: Iterable[str]) -> str | None:
    lower = {c.lower(): c for c in columns}
    for name in names:
        if name in lower:
            return lower[name]
    return None


def _read_jsonl(path: Path, skipped: list[Skipped]) -> list[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each readable line; broken lines are skipped by number."""
    rows = []
    with path.open("rb") as fh:
        lines: Iterable[bytes | str] = fh
        if fh.read(4).startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16/32: decode whole
            lines = _decode(path.read_bytes())[0].split("\n")
        fh.seek(0)
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                if isinstance(raw, str):
                    line = raw
                else:
                    try:
                        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                    except UnicodeDecodeError:
                        line = raw.decode("cp1252", errors="replace")  # a legacy-encoded line
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError(f"a JSON {type(row).__name__}, not an object")
            except (ValueError, RecursionError) as exc:
                skipped.append(Skipped(f"{path}:{number}", f"broken JSON line ({exc})"))
                continue
            rows.append((number, row))
    return rows


def _read_csv(
    path: Path, skipped: list[Skipped]
) -> tuple[list[tuple[int, dict[str, Any]]], list[str], str]:
    """``(line number, row)`` for each well-formed CSV record, the header and the file's
    encoding. Rows whose field count differs from the header's are skipped by line number."""
    text, encoding, _ = _decode(path.read_bytes())
    csv.field_size_limit(sys.maxsize)  # an article can exceed the csv module's 128 KiB default
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, dict[str, Any]]] = []
    header: list[str] | None = None
    line = 1
    try:
        for record in reader:
            first_line, line = line, reader.line_num + 1
            if not record or not any(field.strip() for field in record):
                continue
            if header is None:
                header = [h.strip() for h in record]
                continue
            if len(record) != len(header):
                reason = f"CSV row has {len(record)} fields, header has {len(header)}"
                skipped.append(Skipped(f"{path}:{first_line}", reason))
                continue
            rows.append((first_line, dict(zip(header, record, strict=True))))
    except csv.Error as exc:
        raise ValueError(f"malformed CSV near line {line}: {exc}") from exc
    if header is None:
        raise ValueError("empty CSV (no header)")
    return rows, header, encoding


#: Columns the kit computes itself; a corpus file's own columns of these names are ignored.
COMPUTED_COLUMNS = {"content_hash", "n_words", "path", "duplicate_of", "status", "notes",
                    "encoding"}


def _read_table(path: Path, skipped: list[Skipped], prefix: str) -> list[dict[str, Any]]:
    suffix = path.suffix.lower()
    encoding: str | None = None
    columns: dict[str, None] = {}
    if suffix == ".csv":
        numbered, header, encoding = _read_csv(path, skipped)
        columns.update(dict.fromkeys(header))
    elif suffix == ".parquet":
        table = pd.read_parquet(path)
        columns.update(dict.fromkeys(map(str, table.columns)))
        numbered = list(enumerate(table.to_dict("records"), start=1))
    else:
        numbered = _read_jsonl(path, skipped)
        encoding = "utf-8"
    for _, row in numbered:
        columns.update(dict.fromkeys(map(str, row)))
    text_col = _first(columns, TEXT_COLUMNS)
    if text_col is None:
        raise ValueError(
            f"no text column (looked for {', '.join(TEXT_COLUMNS)}; "
            f"found {', '.join(columns) or 'no columns'})"
        )
    if not numbered:
        raise ValueError("no rows")
    id_col = _first(columns, ID_COLUMNS)
    outlet_col = _first(columns, OUTLET_COLUMNS)
    date_col = _first(columns, DATE_COLUMNS)
    title_col = _first(columns, ("title", "headline"))
    known = {text_col, id_col, outlet_col, date_col, title_col} - {None}
    records = []
    for i, (number, row) in enumerate(numbered):
        where = f"{path}:{number}"
        value = row.get(text_col)
        if not isinstance(value, str) or not value.strip():
            reason = "empty text" if _blank(value) else f"text is a {type(value).__name__}"
            skipped.append(Skipped(where, reason))
            continue
        text, cleaned = _clean(value)
        body, fields = split_metadata(text)
        if not body:
            skipped.append(Skipped(where, "no article text after removing the metadata header"))
            continue
        doc_id = _id_value(row.get(id_col)) if id_col else None
        rec: dict[str, Any] = {"doc_id": doc_id or f"{prefix}{i}", "text": body,
                               "path": _safe_str(where), "encoding": encoding,
                               "notes": "; ".join(cleaned) or None, **fields}
        if outlet_col and _present(row.get(outlet_col)):
            rec["outlet"] = str(row.get(outlet_col))
        if title_col and _present(row.get(title_col)):
            rec["title"] = str(row.get(title_col))
        if date_col and _present(row.get(date_col)):
            ts = _parse_date(str(row.get(date_col)))
            if ts is None:
                reason = f"unreadable date {row.get(date_col)!r} (kept as missing)"
                skipped.append(Skipped(where, reason))
            else:
                rec["published"] = ts
        for key, value in row.items():
            if key not in known and key not in rec and key not in COMPUTED_COLUMNS:
                rec[str(key)] = value
        records.append(rec)
    return records


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and pd.isna(value))


def _id_value(value: Any) -> str | None:
    """A doc_id from an id cell: a clean single-line string, or None when blank."""
    if not _present(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON/Parquet ids read as 7.0 stay "7"
    text = " ".join(_CONTROL.sub("", str(value)).split())
    return text or None


def _present(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    if isinstance(value, float) and pd.isna(value):
        return False
    return str(value).strip() != ""


def _doc_id_for(path: Path, root: Path | None) -> str:
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return rel.with_suffix("").as_posix()


def _expand(source: str | Path, skipped: list[Skipped]) -> list[tuple[Path, Path | None]]:
    """Files named by one source, each with the folder its doc_id is relative to."""
    path = Path(source).expanduser()
    if path.is_dir():
        # rglob does not follow symlinked folders, so a link loop cannot trap it.
        candidates = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES)
        files = [p for p in candidates if p.is_file()]
        for p in candidates:
            if not p.is_file() and not p.is_dir():  # never open a pipe: reading would hang
                reason = "not a regular file (broken link, pipe, socket or device)"
                skipped.append(Skipped(_safe_str(str(p)), reason))
        if not files:
            skipped.append(Skipped(str(path), "folder has no .txt files"))
        return [(p, path) for p in files]
    if path.is_file():
        if path.suffix.lower() not in TEXT_SUFFIXES | TABLE_SUFFIXES:
            skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'}"))
            return []
        return [(path, None)]
    if path.exists():
        raise CorpusError(f"corpus source is not a regular file or folder: {path}")
    raise CorpusError(f"corpus source not found: {path}")


def load_corpus(
    source: str | Path | Iterable[str | Path],
    metadata: str | Path | None = None,
) -> pd.DataFrame:
    """Load articles into the documents table (see CONTRACT.md).

    ``source`` is a folder (every ``*.txt``, recursively), a file (``.txt``, ``.csv``,
    ``.jsonl``, ``.parquet``) or a list of these. ``metadata`` is an optional CSV/JSONL keyed by
    ``doc_id`` whose fields override inferred ones. Skipped files are warned about and listed
    in ``df.attrs["skipped"]`` as ``{"path", "reason"}`` dicts.
    """
    (docs,) = _stream(source, metadata, chunk_size=sys.maxsize, warn=False)
    for item in docs.attrs["skipped"]:
        warnings.warn(f"skipped {item['path']}: {_one_line(item['reason'])}", CorpusWarning,
                      stacklevel=2)
    return docs


def iter_corpus(
    source: str | Path | Iterable[str | Path],
    metadata: str | Path | None = None,
    chunk_size: int = 1000,
) -> Iterator[pd.DataFrame]:
    """``load_corpus`` in chunks of ``chunk_size`` articles, each read only when needed, so a
    corpus larger than memory can be streamed (``pipeline.analyze_to_folder``). Chunks
    concatenated equal ``load_corpus``'s table: doc_ids stay corpus-unique and ``duplicate_of``
    points across chunks. A ``.csv``/``.jsonl``/``.parquet`` file is read whole, then cut into
    chunks. Each chunk's ``attrs["skipped"]`` lists what was skipped while it was read (the last
    chunk also what only the end can tell: sidecar rows that matched no article)."""
    yield from _stream(source, metadata, chunk_size, warn=True)


def _stream(
    source: str | Path | Iterable[str | Path],
    metadata: str | Path | None,
    chunk_size: int,
    warn: bool,
) -> Iterator[pd.DataFrame]:
    sources = [source] if isinstance(source, str | Path) else list(source)
    if not sources:
        raise CorpusError("no corpus source given")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    skipped: list[Skipped] = []
    # Every source is checked (CorpusError) and the sidecar read before any article is.
    files = [(path, root) for src in sources for path, root in _expand(src, skipped)]
    meta_path = Path(metadata) if metadata is not None else None
    meta = _read_metadata(meta_path, skipped) if meta_path is not None else None
    assign = _IdAssigner()
    first_by_hash: dict[str, str] = {}
    records: list[dict[str, Any]] = []
    # A finished chunk is held back until the next one is ready, so the last chunk can carry
    # what only the end of the corpus tells (sidecar rows that matched no article).
    held: tuple[pd.DataFrame, list[Skipped]] | None = None

    def finish(batch: list[dict[str, Any]]) -> pd.DataFrame:
        docs = _finish(batch, assign, first_by_hash)
        return _apply_meta(docs, meta, meta_path, skipped) if meta is not None else docs

    def release(docs: pd.DataFrame, items: list[Skipped]) -> pd.DataFrame:
        if warn:
            for item in items:
                warnings.warn(f"skipped {item.path}: {_one_line(item.reason)}", CorpusWarning,
                              stacklevel=3)
        docs.attrs["skipped"] = [{"path": s.path, "reason": s.reason} for s in items]
        return docs

    for path, root in files:
        try:
            if path.suffix.lower() in TEXT_SUFFIXES:
                records.append(_read_text_file(path, _doc_id_for(path, root)))
            else:
                prefix = f"{path.stem}/" if len(sources) > 1 else ""
                records.extend(_read_table(path, skipped, prefix))
        except (OSError, ValueError, UnicodeError) as exc:
            skipped.append(Skipped(_safe_str(str(path)), str(exc) or type(exc).__name__))
        except Exception as exc:  # a third-party parser failing on a hostile file
            skipped.append(
                Skipped(_safe_str(str(path)), f"unreadable ({type(exc).__name__}: {exc})")
            )
        while len(records) >= chunk_size:
            docs = finish(records[:chunk_size])
            records = records[chunk_size:]
            if held is not None:
                yield release(*held)
            held, skipped = (docs, skipped), []
    if records or held is None:
        docs = finish(records)
        if held is not None:
            yield release(*held)
        held, skipped = (docs, skipped), []
    if meta is not None:
        _report_unknown(meta, assign.used, meta_path, skipped)
    docs, items = held
    yield release(docs, items + skipped)


def _one_line(message: str, limit: int = 300) -> str:
    message = " ".join(str(message).split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


class _IdAssigner:
    """Corpus-unique doc_ids: the first use of an id keeps it, repeats become ``id~2``,
    ``id~3``, ... (never an id already in use)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._last: dict[str, int] = {}

    def __call__(self, doc_id: str) -> str:
        if doc_id not in self.used:
            self.used.add(doc_id)
            return doc_id
        n = self._last.get(doc_id, 1)
        while f"{doc_id}~{n}" in self.used or n == 1:
            n += 1
        self._last[doc_id] = n
        self.used.add(f"{doc_id}~{n}")
        return f"{doc_id}~{n}"


#: Columns the loader adds after the contract's: what happened to each article.
STATUS_COLUMNS = {
    "duplicate_of": schema.STRING,  # doc_id of the first article with the same text
    "status": schema.STRING,  # "ok" or "duplicate"
    "encoding": schema.STRING,  # how the file was decoded (utf-8, utf-8-sig, utf-16, cp1252, ...)
    "notes": schema.STRING,  # repairs made while reading (control characters removed, ...)
}


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(value: str) -> str:
    """``value`` with lone surrogates (from JSON ``"\\ud800"`` escapes or undecodable file
    names) replaced by U+FFFD, one character for one, so offsets are unchanged and the text can
    be stored as UTF-8 (Arrow, Parquet, SQLite, HTML)."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)


def documents_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Complete records (hash, word count, duplicates, unique ids, status) into the documents
    table."""
    return _finish(records, _IdAssigner(), {})


def _finish(
    records: list[dict[str, Any]], assign: _IdAssigner, first_by_hash: dict[str, str]
) -> pd.DataFrame:
    """``documents_frame`` with the id and duplicate state of the chunks before these."""
    for rec in records:
        for key, value in rec.items():
            if isinstance(value, str):
                rec[key] = valid_unicode(value) if key in ("text", "path") else _field(value)
        rec["text"] = str(rec["text"])
        rec.setdefault("content_hash", content_hash(rec["text"]))
        rec.setdefault("n_words", count_words(rec["text"]))
        doc_id = assign(str(rec["doc_id"]))
        if doc_id != rec["doc_id"]:
            note = f"doc_id {rec['doc_id']!r} repeated, renamed {doc_id!r}"
            rec["notes"] = f"{rec['notes']}; {note}" if rec.get("notes") else note
        rec["doc_id"] = doc_id
        first = first_by_hash.setdefault(rec["content_hash"], doc_id)
        rec["duplicate_of"] = None if first == doc_id else first
        rec["status"] = "ok" if rec["duplicate_of"] is None else "duplicate"
    return _tidy(schema.frame(records, "documents", extra=STATUS_COLUMNS))


def _tidy(docs: pd.DataFrame) -> pd.DataFrame:
    """Make extra metadata columns storable: nested values become JSON text and mixed-type
    columns become strings, so Parquet/CSV export never fails on a corpus's own columns."""
    for column in docs.columns[len(schema.TABLES["documents"]) :]:
        if docs[column].dtype != object:
            continue
        values = [
            json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, dict | list | tuple)
            else v
            for v in docs[column]
        ]
        docs[column] = pd.Series(values, index=docs.index, dtype=object).where(
            pd.Series([_present(v) for v in values], index=docs.index), None
        ).astype(schema.STRING)
    return docs


def _read_metadata(path: Path, skipped: list[Skipped]) -> pd.DataFrame:
    """The sidecar's rows. A sidecar that cannot be used at all (missing, wrong format, no
    doc_id column) is a ``CorpusError``; broken rows are skipped by line number."""
    if not path.is_file():
        raise CorpusError(f"metadata file not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".jsonl", ".ndjson"}:
        raise CorpusError(f"metadata must be .csv or .jsonl: {path}")
    columns: set[str] = set()
    try:
        if suffix == ".csv":
            numbered, header, _ = _read_csv(path, skipped)
            columns.update(header)
        else:
            numbered = _read_jsonl(path, skipped)
    except (OSError, ValueError) as exc:
        raise CorpusError(f"metadata file {path} is unreadable: {_one_line(str(exc))}") from exc
    rows = []
    for number, row in numbered:
        doc_id = _id_value(row.get("doc_id"))
        if doc_id is None:
            skipped.append(Skipped(f"{path}:{number}", "metadata row without a doc_id"))
            continue
        rows.append({**{str(k): v for k, v in row.items()}, "doc_id": doc_id})
    columns.update(str(k) for _, row in numbered for k in row)
    if "doc_id" not in columns:
        found = ", ".join(sorted(columns)) or "none"
        raise CorpusError(f"metadata file {path} has no doc_id column (found: {found})")
    meta = pd.DataFrame(rows, columns=sorted(columns, key=lambda c: c != "doc_id"))
    repeated = meta["doc_id"].duplicated(keep="last")
    if repeated.any():
        skipped.append(Skipped(str(path), f"{int(repeated.sum())} repeated doc_id row(s); "
                                          "the last one of each is used"))
        meta = meta[~repeated]
    return meta


def apply_metadata(
    docs: pd.DataFrame, metadata: str | Path, skipped: list[Skipped]
) -> pd.DataFrame:
    """Override inferred fields with a sidecar keyed by ``doc_id``."""
    path = Path(metadata)
    meta = _read_metadata(path, skipped)
    _report_unknown(meta, set(docs["doc_id"]), path, skipped)
    return _apply_meta(docs, meta, path, skipped)


def _report_unknown(
    meta: pd.DataFrame, known: set[str], path: Path, skipped: list[Skipped]
) -> None:
    unknown = sorted(set(meta["doc_id"]) - known)
    if unknown:
        reason = f"{len(unknown)} metadata rows match no article (e.g. {unknown[0]!r})"
        skipped.append(Skipped(str(path), reason))


def _field(value: str) -> str:
    """A metadata value (title, outlet, ...) as clean text: valid Unicode without terminal
    escapes or control characters, which HTML pages and Excel sheets cannot hold."""
    value = valid_unicode(value)
    if value.isprintable():
        return value
    return _CONTROL.sub("", _ANSI.sub("", value))


def _apply_meta(
    docs: pd.DataFrame, meta: pd.DataFrame, path: Path, skipped: list[Skipped]
) -> pd.DataFrame:
    protected = {"doc_id", "text", *COMPUTED_COLUMNS}
    docs = docs.copy()
    by_id = {
        row["doc_id"]: {k: _field(v) if isinstance(v, str) else v for k, v in row.items()}
        for row in meta.to_dict("records")
    }
    for column in [c for c in meta.columns if c not in protected]:
        values = []
        currents = docs[column] if column in docs else [pd.NA] * len(docs)
        for doc_id, current in zip(docs["doc_id"], currents, strict=True):
            row = by_id.get(doc_id)
            value = row.get(column) if row else None
            values.append(value if _present(value) else current)
        if column == "published":
            parsed = []
            for doc_id, value in zip(docs["doc_id"], values, strict=True):
                ts = _parse_date(str(value)) if _present(value) else None
                if _present(value) and ts is None:
                    skipped.append(Skipped(str(path), f"unreadable date {value!r} for {doc_id}"))
                parsed.append(ts)
            series = pd.to_datetime(pd.Series(parsed, dtype=object), errors="coerce")
            docs[column] = series.astype(schema.DATETIME).values
        else:
            docs[column] = pd.Series(values, index=docs.index, dtype=object)
    return _tidy(schema.frame(docs, "documents", extra=STATUS_COLUMNS))


def as_documents(docs: Any) -> pd.DataFrame:
    """The extractors' input forms (a str, strings, or a documents DataFrame) as a documents
    table."""
    if isinstance(docs, pd.DataFrame):
        missing = {"doc_id", "text"} - set(docs.columns)
        if missing:
            raise CorpusError(f"documents table lacks column(s): {', '.join(sorted(missing))}")
        df = docs.copy()
        df["doc_id"] = [valid_unicode(str(d)) for d in df["doc_id"]]
        df["text"] = [valid_unicode(t) if isinstance(t, str) else ("" if _blank(t) else str(t))
                      for t in df["text"]]
        if "content_hash" not in df.columns:
            df["content_hash"] = [content_hash(t) for t in df["text"]]
        if "n_words" not in df.columns:
            df["n_words"] = [count_words(t) for t in df["text"]]
        return schema.frame(df, "documents")
    if isinstance(docs, str):
        docs = [docs]
    texts = list(docs)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise CorpusError(f"document {i} is {type(t).__name__}, not str")
    return documents_frame([{"doc_id": str(i), "text": t} for i, t in enumerate(texts)])
