"""Reading articles into the documents table.

``load_corpus`` accepts files, folders (recursively, formats mixed) and lists of these, plus an
optional metadata sidecar. Each file's format is recognised by content (:mod:`.sniff`):

- plain text (``.txt``): one article, with what its header or agency trailer states;
- tables (``.csv``, ``.jsonl``, ``.parquet``): one article per row (:mod:`.tables`);
- web pages (``.html``): the main text and metadata (:mod:`.html`);
- web archives (``.warc``, ``.warc.gz``): one article per HTML response, streamed (:mod:`.warc`);
- RSS/Atom feeds: one article per item (:mod:`.feeds`);
- Nexis Uni/LexisNexis, Factiva and ProQuest exports (``.txt``, ``.rtf``, ``.docx``,
  ``.html``), split into articles (:mod:`.exports`);
- ``.zip``/``.tar[.gz]`` archives and ``.gz`` files, read in place (:mod:`.archives`).

Files, archive members and records that cannot be read are reported by name, with a reason,
and the rest are loaded: see ``documents.attrs["skipped"]``. Hostile input is expected: bytes
are decoded as UTF-8 (BOM or not), UTF-16/32 with a BOM, BOM-less UTF-16, cp1252 or Latin-1;
line endings are normalised; ANSI escapes and control characters are removed; lone surrogates
become U+FFFD. After the contract's columns every article carries ``duplicate_of``, ``status``
("ok" | "duplicate"), ``encoding`` and ``notes`` (what was repaired). Each article's language
is detected offline (:mod:`.language`); articles not in English are loaded, flagged and left
out of the English analysis.
"""

from __future__ import annotations

from .common import CorpusError, CorpusNotice, CorpusWarning, Skipped
from .corpus import iter_corpus, load_corpus
from .frame import STATUS_COLUMNS, apply_metadata, as_documents, documents_frame
from .sniff import FORMATS
from .tables import (
    COMPUTED_COLUMNS,
    DATE_COLUMNS,
    ID_COLUMNS,
    OUTLET_COLUMNS,
    TEXT_COLUMNS,
)
from .text import (
    content_hash,
    count_words,
    decode_bytes,
    normalize_text,
    split_metadata,
    valid_unicode,
)

__all__ = [
    "COMPUTED_COLUMNS", "DATE_COLUMNS", "FORMATS", "ID_COLUMNS", "OUTLET_COLUMNS",
    "STATUS_COLUMNS", "TEXT_COLUMNS", "CorpusError", "CorpusNotice", "CorpusWarning", "Skipped",
    "apply_metadata", "as_documents", "content_hash", "count_words", "decode_bytes",
    "documents_frame", "iter_corpus", "load_corpus", "normalize_text", "split_metadata",
    "valid_unicode",
]
