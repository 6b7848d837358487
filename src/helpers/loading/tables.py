"""CSV, JSONL and Parquet corpora: one article per row."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .common import Input, Skipped, blank, file_input, present, safe_str
from .text import CONTROL, clean_text, decode_with_notes, parse_date, split_metadata

#: Column names accepted for the article body / id / outlet / date in tabular corpora.
TEXT_COLUMNS = ("text", "body", "content", "article")
ID_COLUMNS = ("doc_id", "id", "article_id")
OUTLET_COLUMNS = ("outlet", "source", "publisher", "media")
DATE_COLUMNS = ("published", "date", "published_at", "pubdate")


def _first(columns: Iterable[str], names: Iterable[str]) -> str | None:
    lower = {c.lower(): c for c in columns}
    for name in names:
        if name in lower:
            return lower[name]
    return None


def read_jsonl(item: Input | Path, skipped: list[Skipped]) -> list[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each readable line; broken lines are skipped by number."""
    item = file_input(item) if isinstance(item, Path) else item
    path = item.name
    rows = []
    with item.open() as fh:
        wide = fh.read(4).startswith((b"\xff\xfe", b"\xfe\xff"))
    with item.open() as fh:
        lines: Iterable[bytes | str] = fh
        if wide:  # UTF-16/32: decode whole
            lines = decode_with_notes(item.read())[0].split("\n")
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


def read_csv(
    item: Input | Path, skipped: list[Skipped]
) -> tuple[list[tuple[int, dict[str, Any]]], list[str], str]:
    """``(line number, row)`` for each well-formed CSV record, the header and the file's
    encoding. Rows whose field count differs from the header's are skipped by line number."""
    item = file_input(item) if isinstance(item, Path) else item
    path = item.name
    text, encoding, _ = decode_with_notes(item.read())
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


@dataclass
class _Columns:
    """Which of a table's columns hold the text and the fields the kit maps."""

    text: str
    doc_id: str | None
    outlet: str | None
    date: str | None
    title: str | None

    @property
    def known(self) -> set[str]:
        return {self.text, self.doc_id, self.outlet, self.date, self.title} - {None}


def _table_rows(item: Input, skipped: list[Skipped], kind: str
                ) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, None], str | None]:
    """(numbered rows, every column seen, encoding) of a csv, parquet or jsonl table."""
    encoding: str | None = None
    columns: dict[str, None] = {}
    if kind == "csv":
        numbered, header, encoding = read_csv(item, skipped)
        columns.update(dict.fromkeys(header))
    elif kind == "parquet":
        table = pd.read_parquet(io.BytesIO(item.read()))
        columns.update(dict.fromkeys(map(str, table.columns)))
        numbered = list(enumerate(table.to_dict("records"), start=1))
    else:
        numbered = read_jsonl(item, skipped)
        encoding = "utf-8"
    for _, row in numbered:
        columns.update(dict.fromkeys(map(str, row)))
    return numbered, columns, encoding


def _mapped_columns(columns: dict[str, None]) -> _Columns:
    text_col = _first(columns, TEXT_COLUMNS)
    if text_col is None:
        raise ValueError(
            f"no text column (looked for {', '.join(TEXT_COLUMNS)}; "
            f"found {', '.join(columns) or 'no columns'})"
        )
    return _Columns(text_col, _first(columns, ID_COLUMNS), _first(columns, OUTLET_COLUMNS),
                    _first(columns, DATE_COLUMNS), _first(columns, ("title", "headline")))


def read_table(
    item: Input, skipped: list[Skipped], prefix: str, kind: str
) -> list[dict[str, Any]]:
    """The articles of a ``kind`` ("csv", "jsonl" or "parquet") table, one per row."""
    numbered, columns, encoding = _table_rows(item, skipped, kind)
    cols = _mapped_columns(columns)
    if not numbered:
        raise ValueError("no rows")
    records = []
    for i, (number, row) in enumerate(numbered):
        where = f"{item.name}:{number}"
        rec = _row_record(row, cols, where, skipped)
        if rec is not None:
            rec.update(doc_id=rec["doc_id"] or f"{prefix}{i}", encoding=encoding)
            records.append(rec)
    return records


def _row_record(row: dict[str, Any], cols: _Columns, where: str, skipped: list[Skipped]
                ) -> dict[str, Any] | None:
    """One row as an article record, or None (with the reason in ``skipped``)."""
    value = row.get(cols.text)
    if not isinstance(value, str) or not value.strip():
        reason = "empty text" if blank(value) else f"text is a {type(value).__name__}"
        skipped.append(Skipped(where, reason))
        return None
    text, cleaned = clean_text(value)
    body, fields = split_metadata(text)
    if not body:
        skipped.append(Skipped(where, "no article text after removing the metadata header"))
        return None
    doc_id = id_value(row.get(cols.doc_id)) if cols.doc_id else None
    rec: dict[str, Any] = {"doc_id": doc_id, "text": body, "path": safe_str(where),
                           "encoding": None, "notes": "; ".join(cleaned) or None, **fields}
    if cols.outlet and present(row.get(cols.outlet)):
        rec["outlet"] = str(row.get(cols.outlet))
    if cols.title and present(row.get(cols.title)):
        rec["title"] = str(row.get(cols.title))
    if cols.date and present(row.get(cols.date)):
        ts = parse_date(str(row.get(cols.date)))
        if ts is None:
            reason = f"unreadable date {row.get(cols.date)!r} (kept as missing)"
            skipped.append(Skipped(where, reason))
        else:
            rec["published"] = ts
    for key, cell in row.items():
        if key not in cols.known and key not in rec and key not in COMPUTED_COLUMNS:
            rec[str(key)] = cell
    return rec


def id_value(value: Any) -> str | None:
    """A doc_id from an id cell: a clean single-line string, or None when blank."""
    if not present(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON/Parquet ids read as 7.0 stay "7"
    text = " ".join(CONTROL.sub("", str(value)).split())
    return text or None

