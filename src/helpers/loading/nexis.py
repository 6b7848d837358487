"""Nexis Uni / LexisNexis exports (``.docx``, ``.rtf``, ``.txt``), two layouts:

- **Nexis Uni** (2017 on): each article is a title line, the outlet, the date, ``Section:``,
  ``Length:``, ``Byline:`` ... field lines, a ``Body`` line, the text, then ``Classification``
  fields (``Language:``, ``Subject:``, ``Load-Date:``) and an ``End of Document`` line. A cover
  page (search terms, document list) may come first.
- **LexisNexis Academic** (older ``.txt``): each article opens with ``N of M DOCUMENTS``, then
  the outlet, the date, the edition and the headline, upper-case fields (``BYLINE:``,
  ``SECTION:``, ``LENGTH:``), the text, then ``LOAD-DATE:``, ``LANGUAGE:`` ... and a copyright.

Field names map as: Byline → author, Section → section, Length → n_words, the date line →
published; every other field keeps its name (``load_date``, ``dateline``, ``subject`` ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .exports import Article, Record, Skip, parse_stated_date

_END = re.compile(r"^\s*End of Document\s*$", re.MULTILINE)
_OLD_START = re.compile(r"^\s*\d+\s+of\s+\d+\s+DOCUMENTS?\s*$", re.MULTILINE | re.IGNORECASE)
_BODY = re.compile(r"^\s*Body\s*$", re.MULTILINE)
_FIELD = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z -]{1,30}?):\s*(?P<value>.*)$")
#: Field names that end the article text (the trailing block of either layout).
_TRAILING = {"load-date", "language", "publication-type", "subject", "organization",
             "industry", "geographic", "person", "company", "ticker", "document-type",
             "journal-code", "notes", "graphic", "url", "correction-date", "distribution"}
_HEADER = {"byline", "section", "length", "dateline", "highlight", "headline", "edition",
           "series", "author", "type", "body"}
_COVER = re.compile(r"Search Terms:|Client/Matter:|Documents \(\d+\)|Search Type:|Narrowed by:")
_RENAME = {"byline": "author", "length": "n_words", "headline": "title"}


def looks_like(text: str) -> bool:
    if _OLD_START.search(text) and re.search(r"^\s*(?:LENGTH|LOAD-DATE):", text, re.MULTILINE):
        return True
    return bool(_END.search(text) and (
        _BODY.search(text) or re.search(r"^\s*(?:Load-Date|Length):", text, re.MULTILINE)))


def split(text: str) -> Iterator[Record]:
    if _OLD_START.search(text) and not _END.search(text):
        chunks = _OLD_START.split(text)[1:]
        for chunk in chunks:
            yield _parse(chunk, old=True)
        return
    chunks = _END.split(text)
    tail = chunks.pop() if chunks else ""
    for i, chunk in enumerate(chunks):
        if i == 0 and not _BODY.search(chunk) and _COVER.search(chunk):
            # A cover page before the first article: the part before its title block.
            chunk = _after_cover(chunk)
        yield _parse(chunk, old=False)
    if tail.strip():
        if _BODY.search(tail):
            parsed = _parse(tail, old=False)
            if isinstance(parsed, Article):
                parsed.notes.append("no 'End of Document' line after it: the file may be cut")
            yield parsed
        elif not _COVER.search(tail):
            yield Skip("text after the last 'End of Document' is not an article (no 'Body')")


def _after_cover(chunk: str) -> str:
    lines = chunk.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if _COVER.search(lines[i]) or re.match(r"^\s*\d+\.\s", lines[i]):
            return "\n".join(lines[i + 1 :])
    return chunk


def _key(raw: str) -> str:
    return raw.strip().lower().replace(" ", "-")


def _parse(chunk: str, old: bool) -> Record:
    lines = chunk.strip("\n").split("\n")
    n_bodies = sum(1 for line in lines if line.strip() == "Body")
    n_lengths = sum(1 for line in lines if re.match(r"^\s*LENGTH:", line, re.IGNORECASE))
    if n_bodies > 1 or n_lengths > 1:
        return Skip(f"holds {max(n_bodies, n_lengths)} articles' headers: the separator "
                    f"('End of Document') between them is missing; not loaded, to avoid "
                    "merging two articles into one")
    start = _body_start(lines, old)
    if start is None:
        return Skip("no 'Body' line or 'Length:' field: not a Nexis article")
    end = _body_end(lines, start)
    fields: dict[str, str] = {}
    plain: list[str | None] = []
    for line in lines[:start]:
        m = _FIELD.match(line)
        if m and _key(m["key"]) in _HEADER | _TRAILING:
            fields.setdefault(_key(m["key"]), m["value"].strip())
        else:
            plain.append(line.strip() or None)
    for line in lines[end:]:
        m = _FIELD.match(line)
        if m and _key(m["key"]) not in ("body",):
            fields.setdefault(_key(m["key"]), m["value"].strip())
        elif line.strip().lower().startswith(("copyright", "©")):
            fields.setdefault("copyright", line.strip())
    fields.pop("body", None)
    body = "\n".join(lines[start:end]).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    out = {_RENAME.get(k, k).replace("-", "_"): v for k, v in fields.items()}
    out.update(_title_block(plain, old))
    return Article(body, out)


def _body_start(lines: list[str], old: bool) -> int | None:
    for i, line in enumerate(lines):
        if line.strip() == "Body":
            return i + 1
    last = None
    for i, line in enumerate(lines):
        m = _FIELD.match(line)
        if m and _key(m["key"]) in _HEADER:
            last = i
        elif m and _key(m["key"]) in _TRAILING:
            break
    return None if last is None else last + 1


def _body_end(lines: list[str], start: int) -> int:
    for i in range(start, len(lines)):
        text = lines[i].strip()
        m = _FIELD.match(lines[i])
        if text == "Classification" or (m and _key(m["key"]) in _TRAILING):
            return i
    return len(lines)


def _title_block(plain: list[str | None], old: bool) -> dict[str, str]:
    """Title, outlet, date and copyright from the header's plain lines."""
    out: dict[str, str] = {}
    lines = [line for line in plain if line]
    copyright_lines = [x for x in lines if x.lower().startswith(("copyright", "©"))]
    if copyright_lines:
        out["copyright"] = copyright_lines[0]
    lines = [x for x in lines if x not in copyright_lines]
    date_at = next((i for i, x in enumerate(lines) if parse_stated_date(x) is not None), None)
    if date_at is not None:
        out["published"] = lines[date_at]
    if date_at == 1 and (old or len(lines) > 2 and _blocks_after(plain, lines[1])):
        out.update(_outlet_first(plain, lines))
    elif lines:
        out.update(_title_first(lines, date_at))
    return out


def _outlet_first(plain: list[str | None], lines: list[str]) -> dict[str, str]:
    """Older layout: outlet, date, edition, then the headline block."""
    out = {"outlet": lines[0]}
    blocks = _blocks(plain)
    title_block = blocks[-1] if len(blocks) > 2 else []
    if title_block and title_block[0] not in (lines[0], lines[1]):
        out["title"] = " ".join(title_block)
    edition = [x for x in lines[2:] if x not in title_block]
    if edition:
        out["edition"] = "; ".join(edition)
    return out


def _title_first(lines: list[str], date_at: int | None) -> dict[str, str]:
    """Nexis Uni layout: title, outlet, date and edition lines."""
    out = {"title": lines[0]}
    if len(lines) > 1 and (date_at is None or date_at > 1):
        out["outlet"] = lines[1]
    rest = [x for i, x in enumerate(lines[2:], start=2) if i != date_at]
    if rest:
        out["edition"] = "; ".join(rest)
    return out


def _blocks(plain: list[str | None]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in plain:
        if line is None:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [b for b in blocks if b]


def _blocks_after(plain: list[str | None], date_line: str) -> bool:
    """Whether a separate block (the headline) follows the date's block."""
    blocks = _blocks(plain)
    for i, block in enumerate(blocks):
        if date_line in block:
            return i < len(blocks) - 1
    return False
