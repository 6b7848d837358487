"""Per-document work: one parse, every extractor, plain records out.

Kept in its own importable module so process pools (fork, forkserver or spawn) and Dask workers
can call ``process_batch`` by reference. No spaCy object leaves this module: each Doc becomes
records as soon as it is parsed and is dropped, so only small records cross process boundaries.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import citations, entities, figures, nlp, profiles, quotes
from .registry import EXTRACTORS, Registry

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: One work item: (cache key, article text, ISO reference date or None).
Item = tuple[str, str, str | None]
Records = dict[str, list[dict[str, Any]]]

#: Documents handed to ``nlp.pipe`` at once inside a worker.
PIPE_BATCH = 32

# The kit's extractors: each module's ``from_doc(doc, *needs)``. A table's records are keyed by
# the extractor's name (``schema.EXTRACTED_TABLES``); ``registry`` orders them by their needs.
EXTRACTORS.register("entities", entities)
EXTRACTORS.register("quotes", quotes, needs=("entities",))
EXTRACTORS.register("figures", figures, needs=("quotes", "reference_date"))
EXTRACTORS.register("citations", citations, needs=("entities",))
EXTRACTORS.register("speakers", profiles, needs=("entities", "quotes"))


def extract_document(
    doc: Doc, reference_date: str | None = None, registry: Registry = EXTRACTORS
) -> Records:
    """Every registered extractor on one parsed document, needs first; records carry no
    ``doc_id`` yet.

    An extractor that fails on an article costs only its own table for that article: the
    others still run (on what they need, empty if it failed), and ``records["errors"]`` says
    which failed and why, so the pipeline reports it by name and does not cache the result."""
    records: Records = {}
    errors: list[dict[str, Any]] = []
    context = {"reference_date": reference_date}
    for extractor in registry.in_order():
        inputs = [records[n] if n in records else context[n] for n in extractor.needs]
        try:
            records[extractor.name] = extractor.func(doc, *inputs)
        except Exception as exc:  # noqa: BLE001 - one bad article must not end the run
            records[extractor.name] = []
            error = f"{type(exc).__name__}: {exc}"[:300]
            errors.append({"extractor": extractor.name, "error": error})
    if errors:
        records["errors"] = errors
    return records


def init_worker(model: str | None = None) -> None:
    """Pool initializer: load the model once per worker process (later calls hit the cache)."""
    nlp.load_model(model)


#: Models that already ran one batch in this process (see ``iter_batch``).
_WARM: set[int] = set()


def iter_batch(
    items: list[Item], model: str | None = None, batch_size: int = PIPE_BATCH
) -> Iterator[tuple[str, Records]]:
    """Yield ``(key, records)`` for each item, in order, parsing with ``nlp.pipe``.

    After a process's first batch, batches run inside spaCy's ``memory_zone``: the strings and
    lexemes a batch adds to the vocabulary are freed when it ends (its Docs are gone by then),
    so a long-running worker's memory stays flat instead of growing with every new word. The
    first batch runs outside, so anything an extractor builds lazily keeps its strings."""
    language = nlp.load_model(model)
    zone = getattr(language, "memory_zone", None)
    warm = id(language) in _WARM
    with zone() if zone is not None and warm else contextlib.nullcontext():
        docs = nlp.parse(language, (text for _, text, _ in items), batch_size=batch_size)
        for (key, _, reference), doc in zip(items, docs, strict=True):
            yield key, extract_document(doc, reference)
    _WARM.add(id(language))


def process_batch(
    items: list[Item], model: str | None = None, batch_size: int = PIPE_BATCH
) -> list[tuple[str, Records]]:
    """Parse and extract ``(key, text, reference_date)`` items; returns ``(key, records)``."""
    return list(iter_batch(items, model, batch_size))
