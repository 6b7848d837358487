"""The database-export vendors the loader knows (Nexis, Factiva, ProQuest): each vendor module
says whether a text looks like its export (``looks_like``) and splits it into articles
(``split``); this module turns them into readers and sniffs which vendor wrote a file.

Kept apart from ``exports`` (the shared record types and helpers the vendor modules import),
so the import graph has no cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import factiva, nexis, proquest
from .common import Input
from .exports import document_text, html_lines, is_office, reader
from .text import decode_with_notes


def _registry() -> tuple[dict[str, Any], list[tuple[str, Callable[[str], bool]]]]:
    modules = {"nexis": nexis, "factiva": factiva, "proquest": proquest}
    readers = {name: reader(module.split, name) for name, module in modules.items()}
    return readers, [(name, module.looks_like) for name, module in modules.items()]


def detect_vendor(item: Input, head: bytes) -> str | None:
    """``"nexis"``, ``"factiva"`` or ``"proquest"`` when a file looks like that export."""
    try:
        if is_office(head):
            text = document_text(item)[:200_000]
        else:
            text = decode_with_notes(head)[0]
            if "<" in text[:2048]:
                text = html_lines(text)
    except Exception:  # noqa: BLE001 - undecidable here; the reader will name the problem
        return None
    for name, looks_like in DETECTORS:
        if looks_like(text):
            return name
    return None


READERS, DETECTORS = _registry()
