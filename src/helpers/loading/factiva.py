"""Factiva exports (``.rtf``, ``.html``, ``.txt``), two layouts:

- **with field codes** ("Full Article/Report plus Indexing"): each field is a two-letter code
  (``HD`` headline, ``BY`` byline, ``WC`` word count, ``PD`` date, ``SN`` source name, ``SC``
  source code, ``LA`` language, ``CY`` copyright, ``LP`` lead paragraph, ``TD`` text, ``NS``
  subjects, ``AN`` accession number ...) on its own line or before its value;
- **without codes** ("Full Article/Report"): the headline, optional section and byline lines,
  ``N words``, the date, the source name, the source code, the language, the copyright, the
  text, and a ``Document <accession number>`` trailer.

Either way an article ends with ``Document <accession number>``. Codes map as: HD → title,
BY → author, WC → n_words, PD → published, SN → outlet, SE → section, LP + TD → the text;
the rest keep their code's name (``source_code``, ``subjects``, ``accession_number`` ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .exports import Article, Record, Skip, parse_stated_date

#: Factiva field codes → column names.
CODES = {
    "HD": "title", "BY": "author", "WC": "n_words", "PD": "published", "SN": "outlet",
    "SE": "section", "ET": "time", "SC": "source_code", "ED": "edition", "PG": "page",
    "VOL": "volume", "LA": "language", "CY": "copyright", "LP": "lead", "TD": "text",
    "CR": "credit", "CT": "contact", "RF": "reference", "CO": "companies", "IN": "industries",
    "NS": "subjects", "RE": "regions", "IPC": "publisher_codes", "IPD": "descriptors",
    "PUB": "publisher", "AN": "accession_number", "ART": "art", "CLM": "column",
}
_CODE_LINE = re.compile(r"^(?P<code>" + "|".join(sorted(CODES, key=len, reverse=True))
                        + r")(?:[ \t]+(?P<value>.*))?$")
_TRAILER = re.compile(r"^\s*Document\s+(?P<an>[A-Za-z0-9]{14,})\s*$", re.MULTILINE)
_WC_LINE = re.compile(r"^\s*[\d,.]+\s+words?\s*$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\s*(?:\(c\)|©|copyright)", re.IGNORECASE)
_LANGUAGES = {"english", "french", "german", "spanish", "italian", "portuguese", "dutch",
              "russian", "chinese", "japanese", "arabic", "swedish", "danish", "norwegian",
              "finnish", "polish", "turkish", "greek"}


def looks_like(text: str) -> bool:
    if not _TRAILER.search(text):
        return False
    lines = {line.split(" ", 1)[0].strip() for line in text.split("\n")[:4000]}
    coded = len(lines & {"HD", "WC", "PD", "SN", "LP", "TD", "AN"}) >= 3
    return coded or bool(re.search(r"^\s*[\d,.]+\s+words?\s*$", text, re.M | re.I))


def split(text: str) -> Iterator[Record]:
    pieces = _TRAILER.split(text)  # [text, an, text, an, ..., tail]
    tail = pieces.pop()
    for i in range(0, len(pieces), 2):
        chunk, accession = pieces[i], pieces[i + 1]
        yield _parse(chunk, accession)
    if tail.strip() and (_WC_LINE.search(tail) or _CODE_LINE.match(tail.strip())):
        parsed = _parse(tail, None)
        if isinstance(parsed, Article):
            parsed.notes.append("no 'Document …' trailer after it: the file may be cut")
        yield parsed


def _n_articles(lines: list[str]) -> int:
    coded = sum(1 for line in lines if re.match(r"^HD(?:\s|$)", line))
    if coded:
        return coded
    return sum(1 for line in lines if _WC_LINE.match(line))


def _parse(chunk: str, accession: str | None) -> Record:
    lines = [line.rstrip() for line in chunk.strip("\n").split("\n")]
    # Drop a leading "Page 1 of 5 © 2019 Factiva" running head or blank lines.
    lines = [x for x in lines if not re.match(r"^\s*Page \d+ of \d+", x)]
    if _n_articles(lines) > 1:
        return Skip(f"holds {_n_articles(lines)} articles' headers: the 'Document …' trailer "
                    "between them is missing; not loaded, to avoid merging two articles")
    coded = any(re.match(r"^(?:HD|TD|LP)(?:\s|$)", x) for x in lines)
    article = _parse_coded(lines) if coded else _parse_plain(lines)
    if accession and isinstance(article, Article):
        article.fields.setdefault("accession_number", accession)
    return article


def _parse_coded(lines: list[str]) -> Record:
    fields: dict[str, list[str]] = {}
    current = None
    for line in lines:
        m = _CODE_LINE.match(line.strip()) if line[:1].strip() else None
        if m:
            current = CODES[m["code"]]
            fields.setdefault(current, [])
            if m["value"]:
                fields[current].append(m["value"].strip())
        elif current is not None:
            fields[current].append(line.strip())
    body = "\n".join(fields.pop("lead", []) + [""] + fields.pop("text", [])).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    joined = {key: " ".join(x for x in values if x).strip() for key, values in fields.items()}
    if joined.get("accession_number", "").startswith("Document "):
        joined["accession_number"] = joined["accession_number"][len("Document "):]
    if not body:
        return Skip("Factiva record without LP or TD text")
    return Article(body, {k: v for k, v in joined.items() if v})


def _parse_plain(lines: list[str]) -> Record:
    """The layout without codes, read around its ``N words`` line."""
    content = [x.strip() for x in lines]
    wc = next((i for i, x in enumerate(content) if _WC_LINE.match(x)), None)
    if wc is None:
        return Skip("no 'N words' line and no field codes: not a Factiva article")
    before = [x for x in content[:wc] if x]
    fields: dict[str, str] = {"n_words": content[wc]}
    if before:
        fields["title"] = before[0]
        if len(before) > 2:
            fields["section"] = before[1]
        if len(before) > 1:
            fields["author"] = before[-1]
    # The header after the word count ends with the copyright line (else the language line).
    window = range(wc + 1, min(len(content), wc + 14))
    end = next((k for k in window if _COPYRIGHT.match(content[k])), None)
    if end is None:
        end = next((k for k in window if content[k].lower() in _LANGUAGES), None)
    if end is None:
        return Skip("no copyright or language line after the word count: cannot tell the "
                    "header from the text")
    head = [x for x in content[wc + 1 : end + 1] if x]
    i = end + 1
    fields.update(_plain_header(head))
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(content[i:]).strip())
    return Article(body, fields)


def _plain_header(head: list[str]) -> dict[str, str]:
    """Date, time, outlet, source code, language and copyright from the lines after WC."""
    out: dict[str, str] = {}
    rest = []
    for line in head:
        if "published" not in out and parse_stated_date(line) is not None and not rest:
            out["published"] = line
        elif _COPYRIGHT.match(line):
            out["copyright"] = line
        elif line.lower() in _LANGUAGES:
            out["language"] = line
        elif re.fullmatch(r"\d{1,2}[:.]\d{2}(?:\s*\w+)?", line):
            out["time"] = line
        else:
            rest.append(line)
    if rest:
        out["outlet"] = rest[0]
    if len(rest) > 1 and re.fullmatch(r"[A-Z0-9]{2,12}", rest[1]):
        out["source_code"] = rest[1]
        rest = rest[2:]
    else:
        rest = rest[1:]
    if rest:
        out["edition"] = "; ".join(rest)
    return out
