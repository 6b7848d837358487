"""Web pages: the article's main text and metadata, from saved HTML.

The main text comes from trafilatura (the best-scoring open extractor on the public
article-extraction benchmarks) in its precision mode with comments excluded; then
:data:`TEXT_RULES` drop, line by line, what it still keeps around the article: the headline
repeated as the first line, and closing calls to action (follow us, listen, subscribe,
newsletter sign-ups, comment counts). Metadata: title, author(s),
publication date, outlet (the page's site name, else the domain looked up in
``data/web_outlets.csv``, else the domain itself), canonical URL and declared language.
``newskit eval html`` scores the text on the development pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..datafiles import rows
from .common import Context, Input
from .text import clean_text, parse_date

#: Largest page handed to the extractor (bigger "pages" are data dumps, not articles).
MAX_PAGE_BYTES = 32 * 1024 * 1024
#: Fewer words than this in the extracted text: the page holds no article (a script shell,
#: an index page, a consent wall).
MIN_WORDS = 15
#: trafilatura's precision mode: chosen on the tune half (F1 0.983 with the text rules vs 0.980
#: in its default mode; ``newskit eval html --split tune``).
FAVOR_PRECISION = True


@dataclass
class Page:
    """What one web page gives: its main text and the metadata found."""

    text: str
    title: str | None = None
    author: str | None = None
    published: Any = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None


# --- text, line by line ------------------------------------------------------------------------

_TOKENS = re.compile(r"\w+")
#: A closing line that asks the reader to do something else: follow, listen, subscribe, join,
#: comment, read on. Only trailing lines are dropped, so a sentence in the article is safe.
_CALL_TO_ACTION = re.compile(
    r"^(?:follow|listen|subscribe|sign up|join|download|get the|read more|more:|related:|"
    r"click|share|comments?\b|\d+ comments|if you (?:enjoyed|liked)|support|donate|"
    r"the .{0,40} is committed to|we'?d like to hear|.{0,40}\bnewsletter\b.{0,40}$)",
    re.IGNORECASE)
#: Closing lines longer than this are article text whatever they start with.
MAX_CTA_WORDS = 45


def _words(text: str) -> list[str]:
    return [t.lower() for t in _TOKENS.findall(text)]


def drop_repeated_title(lines: list[str], title: str | None) -> list[str]:
    """The headline repeated as the first line of the text (it is in the title column)."""
    if title and lines and _words(lines[0]) and _words(lines[0]) == _words(title):
        return lines[1:]
    return lines


def drop_closing_calls_to_action(lines: list[str], title: str | None) -> list[str]:
    """Closing lines that invite to follow, listen, subscribe, comment or join."""
    end = len(lines)
    while end > 1:
        line = lines[end - 1].strip()
        if line and not (_CALL_TO_ACTION.match(line) and len(line.split()) <= MAX_CTA_WORDS):
            break
        end -= 1
    return lines[:end]


#: Named rules applied to the extracted text's lines, in order.
TEXT_RULES = [
    ("headline repeated as the first line", drop_repeated_title),
    ("closing calls to action", drop_closing_calls_to_action),
]


# --- metadata ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    return {row["domain"].lower(): row["outlet"] for row in rows("web_outlets.csv")}


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    host = host.lower().removeprefix("www.").removeprefix("m.").removeprefix("amp.")
    return host or None


def outlet_for(url: str | None, sitename: str | None = None) -> str | None:
    """The outlet: the page's own site name, else the domain's entry in the outlet table
    (tried from the full host down to the registered domain), else the domain."""
    if sitename and sitename.strip() and not sitename.strip().lower().startswith("http"):
        return sitename.strip()
    host = domain_of(url)
    if host is None:
        return None
    parts = host.split(".")
    table = _outlets()
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in table:
            return table[candidate]
    return host


# --- extraction -------------------------------------------------------------------------------


def extract_page(data: bytes | str, url: str | None = None) -> Page:
    """The main text and metadata of one page. Raises ValueError when the page holds no
    article text (a script shell, an empty or index page)."""
    import trafilatura

    if isinstance(data, bytes) and len(data) > MAX_PAGE_BYTES:
        raise ValueError(f"page of {len(data) // (1024 * 1024)} MB is over the "
                         f"{MAX_PAGE_BYTES // (1024 * 1024)} MB limit for a web page")
    from trafilatura.utils import load_html

    tree = load_html(data)  # parsed once, for the text and the metadata
    if tree is None:
        raise ValueError("not a readable web page (no HTML tree)")
    doc = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, with_metadata=True, include_tables=True,
        favor_precision=FAVOR_PRECISION,
    )
    lines = ((doc.text or "") if doc is not None else "").split("\n")
    for _, rule in TEXT_RULES:
        lines = rule(lines, doc.title if doc is not None else None)
    text = clean_text("\n".join(lines))[0].strip()
    if len(text.split()) < MIN_WORDS:
        raise ValueError(_why_empty(data))
    page_url = (doc.url if doc is not None else None) or url
    return Page(
        text=text,
        title=doc.title or None,
        author=doc.author or None,
        published=parse_date(doc.date) if doc.date else None,
        outlet=outlet_for(page_url or url, doc.sitename),
        url=page_url,
        language=doc.language or None,
        description=doc.description or None,
    )


_SCRIPT = re.compile(rb"<script\b", re.IGNORECASE)


def _why_empty(data: bytes | str) -> str:
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    if len(_SCRIPT.findall(raw)) and len(re.sub(rb"<script.*?</script>|<[^>]+>|\s", b"", raw,
                                                   flags=re.DOTALL | re.IGNORECASE)) < 200:
        return ("web page holds no article text, only scripts (a page built by JavaScript: "
                "save it after it has rendered)")
    return "web page holds no article text (fewer than 15 words of main text)"


def page_record(data: bytes, name: str, doc_id: str, url: str | None = None) -> dict[str, Any]:
    """One article record from a page's bytes."""
    page = extract_page(data, url)
    record: dict[str, Any] = {
        "doc_id": doc_id, "text": page.text, "path": name, "title": page.title,
        "outlet": page.outlet, "author": page.author, "url": page.url,
        "language": page.language, "description": page.description,
    }
    if page.published is not None:
        record["published"] = page.published
    return record


def read_page(item: Input, ctx: Context, multi: bool) -> Iterator[dict[str, Any]]:
    """The ``html`` format: one saved page, one article."""
    yield page_record(item.read(), item.name, item.doc_id)
