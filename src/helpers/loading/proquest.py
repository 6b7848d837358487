"""ProQuest exports (``.txt``): articles separated by a line of underscores, each a title
line, then ``Key: value`` fields, the text after ``Full text:`` running to the next field.
Older exports number them (``Document 1 of 20``). Fields map as: Title → title, Author →
author, Publication title → outlet, Publication date → published, Section → section, Word
count → n_words; the rest keep their names (``proquest_document_id``, ``subject``,
``publication_info``, ...)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .exports import Article, Record, Skip

_SEPARATOR = re.compile(r"^\s*_{20,}\s*$|^\s*Document \d+ of \d+\s*$", re.MULTILINE)
#: Field names a ProQuest record carries (lower case); only these start a field line, so a
#: sentence in the text with a colon does not.
FIELDS = {
    "abstract", "author", "authors", "full text", "title", "publication title",
    "publication date", "publication year", "publication info", "pages", "section", "publisher",
    "place of publication", "country of publication", "publication subject", "issn", "isbn",
    "source type", "language of publication", "document type", "proquest document id",
    "document url", "copyright", "last updated", "database", "subject", "location", "people",
    "company / organization", "identifier / keyword", "links", "volume", "issue", "word count",
    "dateline", "credit", "edition", "column", "accession number", "document feature",
    "publication edition", "url", "illustration", "caption", "byline", "classification",
    "first page", "update", "start page", "journal subject", "sponsor", "notes",
}
_FIELD = re.compile(r"^(?P<key>[A-Z][A-Za-z /&-]{1,40}):\s?(?P<value>.*)$")
_RENAME = {"publication title": "outlet", "publication date": "published", "authors": "author",
           "byline": "author", "word count": "n_words", "full text": "text"}


def looks_like(text: str) -> bool:
    return bool(re.search(r"^Full text:", text, re.MULTILINE) and re.search(
        r"^(?:Publication title|ProQuest document ID|Publication info):", text, re.MULTILINE))


def split(text: str) -> Iterator[Record]:
    for chunk in _SEPARATOR.split(text):
        if not chunk.strip():
            continue
        if not _FIELD.search(chunk) and "Full text:" not in chunk:
            # A cover page or the document list before the first record.
            continue
        yield _parse(chunk)


def _parse(chunk: str) -> Record:
    lines = chunk.strip("\n").split("\n")
    if sum(1 for line in lines if line.startswith("Full text:")) > 1:
        return Skip("holds 2 or more 'Full text:' fields: the separator line between articles "
                    "is missing; not loaded, to avoid merging two articles")
    fields: dict[str, list[str]] = {}
    first: str | None = None
    current = None
    for line in lines:
        m = _FIELD.match(line)
        key = m["key"].strip().lower() if m else None
        if key in FIELDS:
            current = key
            fields.setdefault(current, []).append(m["value"].strip())
        elif current is not None:
            fields[current].append(line.rstrip())
        elif line.strip() and first is None:
            first = line.strip()
    if "full text" not in fields:
        if "abstract" in fields:
            fields["full text"] = fields["abstract"]
            fields["text_is"] = ["abstract"]
        else:
            return Skip("ProQuest record without 'Full text:' or 'Abstract:'")
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(fields.pop("full text")).strip())
    out = {}
    for key, values in fields.items():
        value = " ".join(v.strip() for v in values if v.strip())
        out[_RENAME.get(key, key).replace(" / ", "_").replace(" ", "_").replace("/", "_")] = value
    outlet, _, place = out.get("outlet", "").partition(";")
    if place.strip():  # "The Example Gazette; Harbourtown": the outlet, then its place
        out["outlet"], out["publication_place"] = outlet.strip(), place.strip()
    if first and "title" not in out:
        out["title"] = first
    return Article(body, out)
