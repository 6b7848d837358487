"""News-database exports: Nexis Uni / LexisNexis, Factiva and ProQuest.

Each vendor's module (:mod:`.nexis`, :mod:`.factiva`, :mod:`.proquest`) says whether a text
looks like its export (``looks_like``) and splits it into articles (``split``: one
:class:`Article` per record, or a ``Skip`` naming a record it cannot use). This module turns
a file into text first (``.docx`` paragraphs, ``.rtf`` via striprtf, ``.html`` cells and blocks
as lines, ``.txt`` decoded) and maps each article's fields to the documents table: ``title``,
``outlet``, ``published``, ``author``, ``section`` and ``n_words`` (the length the export
states), every other field kept as a column of its own (``load_date``, ``subject``, ...).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import common
from .common import Context, Input
from .text import clean_text, count_words, decode_with_notes, parse_date


@dataclass
class Article:
    """One article of an export: its body and fields (lower-case snake_case names)."""

    body: str
    fields: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Skip:
    """A record of an export that is not loaded, and why."""

    reason: str


Record = Article | Skip


# --- files into text --------------------------------------------------------------------------


def is_office(head: bytes) -> bool:
    """An RTF file or a Word (.docx) document."""
    return head.lstrip().startswith(b"{\\rtf") or (
        head.startswith(b"PK\x03\x04") and b"word/" in head[:4096])


def document_text(item: Input) -> str:
    """The text of a .docx, .rtf, .html or plain-text export, paragraphs on their own lines."""
    raw = item.read()
    if raw.startswith(b"PK\x03\x04"):
        return docx_text(raw)
    if raw.lstrip().startswith(b"{\\rtf"):
        return rtf_text(raw)
    text = decode_with_notes(raw)[0]
    if re.match(r"\s*(?:<!doctype|<html|<\?xml|<div|<table)", text[:2048], re.IGNORECASE):
        return html_lines(text)
    return clean_text(text)[0]


def docx_text(raw: bytes) -> str:
    """Paragraph texts of a Word document, one per line (read with entity expansion off)."""
    import defusedxml.ElementTree as safe_xml

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError as exc:
            raise ValueError("a .docx without word/document.xml") from exc
        if info.file_size > common.MAX_FILE_BYTES:
            raise ValueError("word/document.xml is over the size limit: not read")
        xml = archive.read(info)
    root = safe_xml.fromstring(xml)
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    lines = []
    for paragraph in root.iter(f"{ns}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{ns}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{ns}tab",):
                parts.append("\t")
            elif node.tag in (f"{ns}br", f"{ns}cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return clean_text("\n".join(lines))[0]


def rtf_text(raw: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    text = decode_with_notes(raw)[0]
    return clean_text(rtf_to_text(text, errors="replace"))[0]


def html_lines(markup: str) -> str:
    """Text of an HTML export with every block and table cell on a line of its own."""
    import lxml.html

    root = lxml.html.fromstring(markup)
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//tr|//td|//th|//li|//h1|//h2|//h3|//h4|//b"
                            "|//table|//span[@class]"):
        block.tail = "\n" + (block.tail or "")
        if block.tag in ("td", "th", "div", "p", "b", "span"):
            block.text = "\n" + (block.text or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:  # runs of blank lines become one: paragraphs stay apart
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out)


# --- fields into records ----------------------------------------------------------------------

_WORDS = re.compile(r"([\d,.]+)\s*words?\b", re.IGNORECASE)
#: Field names (after each vendor's own mapping) that are documents-table columns.
MAPPED = ("title", "outlet", "published", "author", "section", "n_words")


def stated_words(value: str | None) -> int | None:
    m = _WORDS.search(value or "")
    if not m:
        return None
    digits = re.sub(r"[,.]", "", m.group(1))
    return int(digits) if digits.isdigit() else None


def record_of(article: Article, item: Input, number: int, ctx: Context) -> dict[str, Any]:
    """One documents-table record from an export's article."""
    where = f"{item.name}#article-{number}"
    fields = dict(article.fields)
    record: dict[str, Any] = {"doc_id": f"{item.doc_id}/{number}", "text": article.body,
                              "path": where}
    notes = list(article.notes)
    for key in ("title", "outlet", "author", "section"):
        if fields.get(key):
            record[key] = fields.pop(key)
    if fields.get("published"):
        value = fields.pop("published")
        published = parse_date(_date_words(value))
        if published is None:
            ctx.skip(where, f"unreadable date {value!r} (kept as missing)")
            record["published_as_stated"] = value
        else:
            record["published"] = published
    words = stated_words(fields.pop("n_words", None))
    if words is not None:
        record["n_words"] = words
        counted = count_words(article.body)
        if counted < 0.8 * words:
            notes.append(f"export states {words} words, its text has {counted}")
    for key, value in fields.items():
        if key not in record and value:
            record[key] = value
    if notes:
        record["notes"] = "; ".join(notes)
    return record


_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b,?", re.IGNORECASE)
_TRAILING = re.compile(r"\s*(?:\d{1,2}[:.]\d{2}.*|[A-Z]{2,4}|Correction Appended.*)$")


def _date_words(value: str) -> str:
    """A stated date without the weekday and edition words ("March 5, 2019 Tuesday 10:30 AM
    GMT" → "March 5, 2019 10:30 AM GMT")."""
    value = _WEEKDAY.sub("", value)
    return " ".join(value.replace("Last Updated:", "").split())


def parse_stated_date(value: str) -> Any:
    """A date as an export states it, or None."""
    return parse_date(_date_words(value))


def reader(split: Callable[[str], Iterator[Record]], kind: str):  # noqa: ANN201
    """The reader of one vendor's format."""
    def read(item: Input, ctx: Context, multi: bool) -> Iterator[dict[str, Any]]:
        text = document_text(item)
        number = 0
        for entry in split(text):
            number += 1
            if isinstance(entry, Skip):
                ctx.skip(f"{item.name}#article-{number}", entry.reason)
                continue
            if not entry.body.strip():
                ctx.skip(f"{item.name}#article-{number}", f"{kind} record without article text")
                continue
            yield record_of(entry, item, number, ctx)
        if number == 0:
            raise ValueError(f"no {kind} articles found")
    return read

