"""RSS and Atom feeds: one article per item or entry.

Parsed with defusedxml, so a feed that declares entities (the "billion laughs" expansion
attack, external entities) is refused, named, instead of expanding in memory. Each item gives
title, link, published date, author and its full content (``content:encoded`` or Atom
``content``) where the feed carries it, else its summary, which the ``feed_text`` column marks
as ``"summary"``. HTML inside an item is reduced to its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .common import Context, Input
from .text import clean_text, parse_date

#: Tag names (without namespace) read from an item, by field, in order of preference.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "url": ("link", "guid", "id"),
    "published": ("pubDate", "published", "date", "issued", "updated", "modified"),
    "author": ("creator", "author", "name"),
    "content": ("encoded", "content"),
    "summary": ("description", "summary", "abstract"),
    "section": ("category",),
}
_ITEMS = {"item", "entry"}
_CHANNEL_TITLE = ("title",)


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text_of(element: Any) -> str:
    """An element's text; HTML (escaped or XHTML) reduced to text."""
    if _local(element.tag) == "link" and element.get("href"):
        return element.get("href")
    if len(element):  # XHTML content or nested author <name>
        inner = "".join(element.itertext())
    else:
        inner = element.text or ""
    return html_to_text(inner) if "<" in inner else inner.strip()


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment, paragraphs on their own lines."""
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{markup}</div>")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", markup).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3|//h4|//blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return re.sub(r"\n\s*\n+", "\n\n", root.text_content()).strip()


def _first_field(item: Any, names: tuple[str, ...]) -> str | None:
    children = {}
    for child in item.iter():
        if child is item:
            continue
        children.setdefault(_local(child.tag), child)
    for name in names:
        if name in children:
            value = _text_of(children[name])
            if value:
                return value
    return None


def parse_feed(data: bytes) -> tuple[str | None, list[dict[str, Any]]]:
    """The feed's title and one dict per item. Raises ValueError on a feed that is not
    well-formed XML or declares entities."""
    import defusedxml.ElementTree as safe_xml
    from defusedxml import DefusedXmlException

    try:
        root = safe_xml.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                   forbid_external=True)
    except DefusedXmlException as exc:
        raise ValueError(f"feed declares XML entities ({type(exc).__name__}): refused, as an "
                         "entity-expansion attack is possible; nothing of it was loaded") from exc
    except safe_xml.ParseError as exc:
        raise ValueError(f"feed is not well-formed XML ({exc})") from exc
    channel = next((el for el in root.iter() if _local(el.tag) in ("channel", "feed")), root)
    feed_title = None
    for child in channel:
        if _local(child.tag) == "title":
            feed_title = _text_of(child) or None
            break
    items = [el for el in root.iter() if _local(el.tag) in _ITEMS]
    return feed_title, [{k: _first_field(el, names) for k, names in FIELDS.items()}
                        for el in items]


def read_feed(item: Input, ctx: Context, multi: bool) -> Iterator[dict[str, Any]]:
    """The ``feed`` format: one article per item; items without text are skipped by number."""
    feed_title, entries = parse_feed(item.read())
    if not entries:
        raise ValueError("feed has no items")
    for number, entry in enumerate(entries, start=1):
        where = f"{item.name}#item-{number}"
        body, kind = entry["content"], "content"
        if not body:
            body, kind = entry["summary"], "summary"
        text = clean_text(body or "")[0].strip()
        if not text:
            ctx.skip(where, "feed item has neither content nor summary")
            continue
        record: dict[str, Any] = {
            "doc_id": f"{item.doc_id}/{number}", "text": text, "path": where,
            "title": entry["title"], "url": entry["url"], "author": entry["author"],
            "outlet": feed_title, "feed_text": kind, "section": entry["section"],
        }
        if entry["published"]:
            published = parse_date(entry["published"])
            if published is None:
                ctx.skip(where, f"unreadable date {entry['published']!r} (kept as missing)")
            else:
                record["published"] = published
        yield record
