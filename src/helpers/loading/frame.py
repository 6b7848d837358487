"""The documents table: unique ids, hashes, duplicates, status columns, the metadata sidecar."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from .common import CorpusError, Skipped, blank, one_line, present
from .tables import COMPUTED_COLUMNS, id_value, read_csv, read_jsonl
from .text import clean_field, content_hash, count_words, parse_date, valid_unicode


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
                rec[key] = valid_unicode(value) if key in ("text", "path") else clean_field(value)
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
            pd.Series([present(v) for v in values], index=docs.index), None
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
            numbered, header, _ = read_csv(path, skipped)
            columns.update(header)
        else:
            numbered = read_jsonl(path, skipped)
    except (OSError, ValueError) as exc:
        raise CorpusError(f"metadata file {path} is unreadable: {one_line(str(exc))}") from exc
    rows = []
    for number, row in numbered:
        doc_id = id_value(row.get("doc_id"))
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



def _apply_meta(
    docs: pd.DataFrame, meta: pd.DataFrame, path: Path, skipped: list[Skipped]
) -> pd.DataFrame:
    protected = {"doc_id", "text", *COMPUTED_COLUMNS}
    docs = docs.copy()
    by_id = {
        row["doc_id"]: {k: clean_field(v) if isinstance(v, str) else v for k, v in row.items()}
        for row in meta.to_dict("records")
    }
    for column in [c for c in meta.columns if c not in protected]:
        values = []
        currents = docs[column] if column in docs else [pd.NA] * len(docs)
        for doc_id, current in zip(docs["doc_id"], currents, strict=True):
            row = by_id.get(doc_id)
            value = row.get(column) if row else None
            values.append(value if present(value) else current)
        if column == "published":
            parsed = []
            for doc_id, value in zip(docs["doc_id"], values, strict=True):
                ts = parse_date(str(value)) if present(value) else None
                if present(value) and ts is None:
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
        df, attrs = schema.without_attrs(docs)
        df["doc_id"] = [valid_unicode(str(d)) for d in df["doc_id"]]
        df["text"] = [valid_unicode(t) if isinstance(t, str) else ("" if blank(t) else str(t))
                      for t in df["text"]]
        if "content_hash" not in df.columns:
            df["content_hash"] = [content_hash(t) for t in df["text"]]
        if "n_words" not in df.columns:
            df["n_words"] = [count_words(t) for t in df["text"]]
        out = schema.frame(df, "documents")
        out.attrs = attrs
        return out
    if isinstance(docs, str):
        docs = [docs]
    texts = list(docs)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise CorpusError(f"document {i} is {type(t).__name__}, not str")
    return documents_frame([{"doc_id": str(i), "text": t} for i, t in enumerate(texts)])
