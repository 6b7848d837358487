"""Decoding bytes into clean text and reading what a plain-text article states about itself
(a ``Title:``/``Date:`` header, an agency dateline or trailer, a title line)."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

import pandas as pd

from .common import safe_str

# --- decoding -------------------------------------------------------------------------------

# Terminal escapes: CSI ("\x1b[31m"), OSC ("\x1b]0;title\x07") and two-character sequences.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
# C0/C1 controls except tab and newline; they carry no text and confuse tokenisers and HTML.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# Any non-ASCII character other than U+FFFD: proof that a file is mostly valid UTF-8.
_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")


def decode_with_notes(raw: bytes) -> tuple[str, str, list[str]]:
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
    sample = ANSI.sub("", text[:8192])
    if sample and len(CONTROL.findall(sample)) > 0.2 * len(sample):
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
    text, encoding, _ = decode_with_notes(raw)
    return text, encoding


def normalize_text(text: str) -> str:
    """Normalise line endings and drop ANSI escapes and control characters."""
    return clean_text(text)[0]


def clean_text(text: str) -> tuple[str, list[str]]:
    """``normalize_text`` plus notes saying what was removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, n_ansi = ANSI.subn("", text)
    text, n_control = CONTROL.subn("", text)
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


def parse_date(value: str) -> pd.Timestamp | None:
    try:
        # ISO dates (web pages, WARC headers, feeds) without pandas' slower format guessing.
        ts = pd.Timestamp(datetime.fromisoformat(value.strip()))
    except (ValueError, TypeError, OverflowError):
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
            ts = parse_date(value)
            if ts is not None:
                fields["published"] = ts
        else:
            fields[key] = value

    m = _DATE_OUTLET_HEADER.match(body)
    if m:
        ts = parse_date(m["date"])
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
        ts = parse_date(f"{m['y']}-{m['m']}-{m['d']}")
        if ts is not None:
            fields.setdefault("published", ts)
        fields.setdefault("outlet", m["outlet"])
        body = body[: m.start()]

    body = body.strip()
    title = title_line(body)
    if "title" not in fields and title is not None and _set_off(body, title):
        fields["title"] = body[title[0] : title[1]]
        body = body[title[1] :].strip()
    return body, fields


#: A headline: the text's first line, up to ``TITLE_WORDS`` words, with text after it.
_TITLE = re.compile(r"[ \t]*(?P<line>[^\n]{3,200})\n")
TITLE_WORDS = 25
#: Inside a headline no sentence ends ("Storm hits. Town waits" is running text).
_SENTENCE_BREAK = re.compile(r"\w[.!?] +[A-Z]")
#: How a one-line paragraph of running text, a lead-in or a one-line question or quotation
#: ends: such a first line stays in the body (it may be the article's first paragraph).
_RUNNING_END = (".", ",", ";", ":", "?", "!", '"', "”")
#: A title moved out of the body is shorter than one the extractors read in place.
_SET_OFF_WORDS = 20
_ANY_TEXT = re.compile(r"\S")


def title_line(text: str) -> tuple[int, int] | None:
    """Character span of ``text``'s headline, the one rule for what a title line is: its
    first line when short, with no sentence break inside and more text after it; else None.
    (A final period may be an abbreviation's: "Sanctions Hit Firms in U.S.")"""
    m = _TITLE.match(text)
    if m is None or _ANY_TEXT.search(text, m.end()) is None:
        return None
    line = m.group("line").rstrip()
    if len(line.split()) > TITLE_WORDS or _SENTENCE_BREAK.search(line):
        return None
    return m.start("line"), m.start("line") + len(line)


def _set_off(body: str, title: tuple[int, int]) -> bool:
    """Whether a title line may leave the body: a blank line follows it, it has at most
    ``_SET_OFF_WORDS`` words and it does not end like running text. Moving text out of the
    body needs this stricter layout; a title left in place stays the first line, where the
    extractors find it by title_line."""
    line = body[title[0] : title[1]]
    return (body[title[1] :].startswith("\n\n") and len(line.split()) <= _SET_OFF_WORDS
            and not line.endswith(_RUNNING_END))


# --- the documents table ---------------------------------------------------------------------


def content_hash(text: str) -> str:
    """Stable hash of an article's text (sha256, first 16 hex digits)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


_WORD = re.compile(r"\S+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))



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



def clean_field(value: str) -> str:
    """A metadata value (title, outlet, ...) as clean text: valid Unicode without terminal
    escapes or control characters, which HTML pages and Excel sheets cannot hold."""
    value = valid_unicode(value)
    if value.isprintable():
        return value
    return CONTROL.sub("", ANSI.sub("", value))



def read_text(raw: bytes, name: str, doc_id: str) -> dict[str, Any]:
    """One plain-text article from a file's bytes, with what its header states."""
    if not raw.strip():
        raise ValueError("empty file")
    text, encoding, notes = decode_with_notes(raw)
    text, cleaned = clean_text(text)
    if not text.strip():
        raise ValueError("empty after decoding (whitespace or control characters only)")
    body, fields = split_metadata(text)
    if not body:
        raise ValueError("no article text after removing the metadata header")
    return {"doc_id": safe_str(doc_id), "text": body, "path": safe_str(name),
            "encoding": encoding, "notes": "; ".join(notes + cleaned) or None, **fields}
