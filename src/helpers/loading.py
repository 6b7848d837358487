"""Reading articles into the documents table.

``load_corpus`` accepts folders of ``.txt`` files (recursively), single ``.txt``/``.csv``/
``.jsonl``/``.parquet`` files, or a list of these, plus an optional metadata sidecar. It infers
only what an article actually carries (an agency header, a wire-service trailer, a title line)
and leaves everything else missing. Files that cannot be read are reported by name, with a
reason, and the rest are loaded: see ``documents.attrs["skipped"]``.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Iterable
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

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
# C0/C1 controls except tab and newline; they carry no text and confuse tokenisers and HTML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252, else
    Latin-1. Returns ``(text, encoding)``. Raises ``ValueError`` for binary content."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if b"\x00" in raw[:8192]:
        raise ValueError("binary content (NUL bytes)")
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = raw.decode("latin-1"), "latin-1"
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > 0.1 * len(sample):
        raise ValueError("binary content (mostly control characters)")
    return text, encoding


def normalize_text(text: str) -> str:
    """Normalise line endings and drop ANSI escapes and control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    return _CONTROL.sub("", text)


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


def _parse_date(value: str) -> pd.Timestamp | None:
    try:
        ts = pd.to_datetime(value.strip(), errors="raise", utc=False)
    except (ValueError, TypeError, OverflowError):
        return None
    if pd.isna(ts):
        return None
    if getattr(ts, "tzinfo", None) is not None:
        ts = ts.tz_convert(None)
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


def _read_text_file(path: Path, doc_id: str) -> dict[str, Any]:
    raw = path.read_bytes()
    if not raw.strip():
        raise ValueError("empty file")
    text, encoding = decode_bytes(raw)
    text = normalize_text(text)
    if not text.strip():
        raise ValueError("empty after decoding (whitespace or control characters only)")
    body, fields = split_metadata(text)
    if not body:
        raise ValueError("no article text after removing the metadata header")
    return {"doc_id": doc_id, "text": body, "path": str(path), "encoding": encoding, **fields}


def _first(columns: Iterable[str], names: Iterable[str]) -> str | None:
    lower = {c.lower(): c for c in columns}
    for name in names:
        if name in lower:
            return lower[name]
    return None


def _read_jsonl(path: Path, skipped: list[Skipped]) -> pd.DataFrame:
    rows = []
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8-sig"))
                if not isinstance(row, dict):
                    raise ValueError("not a JSON object")
            except (ValueError, UnicodeDecodeError) as exc:
                skipped.append(Skipped(f"{path}:{number}", f"broken JSON line ({exc})"))
                continue
            rows.append(row)
    return pd.DataFrame(rows)


def _read_table(path: Path, skipped: list[Skipped], prefix: str) -> list[dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding_errors="replace")
    elif suffix == ".parquet":
        df = pd.read_parquet(path)
    else:
        df = _read_jsonl(path, skipped)
    if df.empty:
        raise ValueError("no rows")
    text_col = _first(df.columns, TEXT_COLUMNS)
    if text_col is None:
        raise ValueError(
            f"no text column (looked for {', '.join(TEXT_COLUMNS)}; found {', '.join(map(str, df.columns))})"
        )
    id_col = _first(df.columns, ID_COLUMNS)
    outlet_col = _first(df.columns, OUTLET_COLUMNS)
    date_col = _first(df.columns, DATE_COLUMNS)
    title_col = _first(df.columns, ("title", "headline"))
    known = {text_col, id_col, outlet_col, date_col, title_col} - {None}
    records = []
    for i, row in enumerate(df.to_dict("records")):
        where = f"{path}:{i + 2 if suffix == '.csv' else i + 1}"
        value = row.get(text_col)
        if not isinstance(value, str) or not value.strip():
            skipped.append(Skipped(where, "empty text"))
            continue
        body, fields = split_metadata(normalize_text(value))
        if not body:
            skipped.append(Skipped(where, "no article text after removing the metadata header"))
            continue
        doc_id = str(row[id_col]) if id_col and _present(row[id_col]) else f"{prefix}{i}"
        rec: dict[str, Any] = {"doc_id": doc_id, "text": body, "path": where, **fields}
        if outlet_col and _present(row[outlet_col]):
            rec["outlet"] = str(row[outlet_col])
        if title_col and _present(row[title_col]):
            rec["title"] = str(row[title_col])
        if date_col and _present(row[date_col]):
            ts = _parse_date(str(row[date_col]))
            if ts is None:
                skipped.append(Skipped(where, f"unreadable date {row[date_col]!r} (kept as missing)"))
            else:
                rec["published"] = ts
        for key, value in row.items():
            if key not in known and key not in rec:
                rec[key] = value
        records.append(rec)
    return records


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value) != ""


def _doc_id_for(path: Path, root: Path | None) -> str:
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return rel.with_suffix("").as_posix()


def _expand(source: str | Path, skipped: list[Skipped]) -> list[tuple[Path, Path | None]]:
    """Files named by one source, each with the folder its doc_id is relative to."""
    path = Path(source).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        if not files:
            skipped.append(Skipped(str(path), "folder has no .txt files"))
        return [(p, path) for p in files]
    if path.is_file():
        if path.suffix.lower() not in TEXT_SUFFIXES | TABLE_SUFFIXES:
            skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'}"))
            return []
        return [(path, None)]
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
    sources = [source] if isinstance(source, str | Path) else list(source)
    if not sources:
        raise CorpusError("no corpus source given")
    skipped: list[Skipped] = []
    records: list[dict[str, Any]] = []
    for src in sources:
        for path, root in _expand(src, skipped):
            try:
                if path.suffix.lower() in TEXT_SUFFIXES:
                    records.append(_read_text_file(path, _doc_id_for(path, root)))
                else:
                    prefix = f"{path.stem}/" if len(sources) > 1 else ""
                    records.extend(_read_table(path, skipped, prefix))
            except (OSError, ValueError, UnicodeError) as exc:
                skipped.append(Skipped(str(path), str(exc) or type(exc).__name__))
            except Exception as exc:  # a third-party parser failing on a hostile file
                skipped.append(Skipped(str(path), f"unreadable ({type(exc).__name__}: {exc})"))
    docs = documents_frame(records)
    if metadata is not None:
        docs = apply_metadata(docs, metadata, skipped)
    for item in skipped:
        warnings.warn(f"skipped {item.path}: {item.reason}", CorpusWarning, stacklevel=2)
    docs.attrs["skipped"] = [{"path": s.path, "reason": s.reason} for s in skipped]
    return docs


def _unique_ids(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for doc_id in ids:
        n = seen.get(doc_id, 0)
        seen[doc_id] = n + 1
        out.append(doc_id if n == 0 else f"{doc_id}~{n + 1}")
    return out


def documents_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Complete records (hash, word count, duplicates, unique ids) into the documents table."""
    for rec in records:
        rec["text"] = str(rec["text"])
        rec.setdefault("content_hash", content_hash(rec["text"]))
        rec.setdefault("n_words", count_words(rec["text"]))
    ids = _unique_ids([str(r["doc_id"]) for r in records])
    first_by_hash: dict[str, str] = {}
    for rec, doc_id in zip(records, ids, strict=True):
        rec["doc_id"] = doc_id
        rec["duplicate_of"] = first_by_hash.setdefault(rec["content_hash"], doc_id)
        if rec["duplicate_of"] == doc_id:
            rec["duplicate_of"] = None
    return schema.frame(records, "documents", extra={"duplicate_of": schema.STRING})


def _read_metadata(path: Path, skipped: list[Skipped]) -> pd.DataFrame:
    if not path.is_file():
        raise CorpusError(f"metadata file not found: {path}")
    try:
        if path.suffix.lower() == ".csv":
            meta = pd.read_csv(path, dtype=str, keep_default_na=False)
        elif path.suffix.lower() in {".jsonl", ".ndjson"}:
            meta = _read_jsonl(path, skipped)
        else:
            raise CorpusError(f"metadata must be .csv or .jsonl: {path}")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise CorpusError(f"metadata file {path} is malformed: {exc}") from exc
    if "doc_id" not in meta.columns:
        raise CorpusError(f"metadata file {path} has no doc_id column")
    return meta


def apply_metadata(docs: pd.DataFrame, metadata: str | Path, skipped: list[Skipped]) -> pd.DataFrame:
    """Override inferred fields with a sidecar keyed by ``doc_id``."""
    path = Path(metadata)
    meta = _read_metadata(path, skipped)
    meta["doc_id"] = meta["doc_id"].astype(str)
    known = set(docs["doc_id"])
    unknown = sorted(set(meta["doc_id"]) - known)
    if unknown:
        skipped.append(
            Skipped(str(path), f"{len(unknown)} metadata rows match no article (e.g. {unknown[0]!r})")
        )
    protected = {"doc_id", "text", "content_hash", "n_words", "path"}
    docs = docs.copy()
    by_id = {row["doc_id"]: row for row in meta.to_dict("records")}
    for column in [c for c in meta.columns if c not in protected]:
        values = []
        for doc_id, current in zip(docs["doc_id"], docs.get(column, [pd.NA] * len(docs)), strict=True):
            row = by_id.get(doc_id)
            value = row.get(column) if row else None
            values.append(value if _present(value) else current)
        if column == "published":
            parsed = []
            for doc_id, value in zip(docs["doc_id"], values, strict=True):
                ts = value if isinstance(value, pd.Timestamp) or not _present(value) else _parse_date(str(value))
                if _present(value) and ts is None:
                    skipped.append(Skipped(str(path), f"unreadable date {value!r} for {doc_id}"))
                parsed.append(ts)
            docs[column] = pd.to_datetime(pd.Series(parsed, dtype=object), errors="coerce").astype(schema.DATETIME).values
        else:
            docs[column] = pd.Series(values, index=docs.index, dtype=object)
    return schema.frame(docs, "documents", extra={"duplicate_of": schema.STRING})


def as_documents(docs: Any) -> pd.DataFrame:
    """The extractors' input forms (a str, strings, or a documents DataFrame) as a documents table."""
    if isinstance(docs, pd.DataFrame):
        missing = {"doc_id", "text"} - set(docs.columns)
        if missing:
            raise CorpusError(f"documents table lacks column(s): {', '.join(sorted(missing))}")
        df = docs.copy()
        df["doc_id"] = df["doc_id"].astype(str)
        df["text"] = df["text"].astype(object).where(df["text"].notna(), "").astype(str)
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
