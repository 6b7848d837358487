"""The extractor registry: each extractor by name, with the function it runs and what it needs.

An extractor turns one parsed ``Doc`` into plain records. It is registered by name (as spaCy
registers its components) with ``needs``: the records of earlier extractors (``"entities"``)
or per-document inputs (``"reference_date"``) it takes, in the order its function takes them
after the Doc. ``worker.extract_document`` loops over ``EXTRACTORS.in_order()`` (needs first,
then registration order), so adding an extractor is one ``register`` call, not an edit of a
hard-coded sequence. Built-in registrations live in ``worker``, which imports the extractors.

The ``extract(docs)`` conveniences (``helpers.entities.extract`` and the others) run the whole
pipeline, which sits *above* the extractors; an extractor module importing it would be an
import cycle (pipeline → worker → extractor → pipeline). So the dependency is inverted: the
conveniences' one implementation lives in ``helpers.api``, which installs it here with
``install_table_runner`` when the package is imported (``helpers/__init__`` imports ``api``,
and Python always runs it before ``import helpers.entities`` or ``from helpers import quotes``
returns); each public ``extract`` calls ``extract_table`` and this module hands the call on.
This module imports nothing from the kit, so the extractor layer never points upwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

#: Per-document inputs an extractor may need besides other extractors' records.
CONTEXT_INPUTS = ("reference_date",)


@dataclass(frozen=True)
class Extractor:
    """One registered extractor. ``source`` is a callable, or a module whose ``from_doc`` is
    looked up at each call (so a patched or reloaded module is honoured)."""

    name: str
    source: Callable[..., list[dict[str, Any]]] | ModuleType
    needs: tuple[str, ...] = ()

    @property
    def func(self) -> Callable[..., list[dict[str, Any]]]:
        if isinstance(self.source, ModuleType):
            return self.source.from_doc
        return self.source


class RegistryError(ValueError):
    """A registration that cannot run: a duplicate name, an unknown need, or a cycle."""


class Registry:
    """Extractors by name, in registration order; ``in_order`` sorts them by their needs."""

    def __init__(self) -> None:
        self._entries: dict[str, Extractor] = {}

    def register(
        self, name: str, source: Any = None, *, needs: Iterable[str] = ()
    ) -> Any:
        """Register ``source`` (a ``from_doc``-like callable or a module) as ``name``; without
        ``source``, a decorator. ``needs``: names of extractors or of ``CONTEXT_INPUTS``."""
        if source is None:

            def decorate(fn: Callable[..., list[dict[str, Any]]]) -> Callable:
                self.register(name, fn, needs=needs)
                return fn

            return decorate
        if name in self._entries or name in CONTEXT_INPUTS:
            raise RegistryError(f"extractor {name!r} is already registered")
        entry = Extractor(name, source, tuple(needs))
        self._entries[name] = entry
        return entry

    def unregister(self, name: str) -> Extractor:
        return self._entries.pop(name)

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def __getitem__(self, name: str) -> Extractor:
        return self._entries[name]

    def names(self) -> tuple[str, ...]:
        return tuple(entry.name for entry in self.in_order())

    def in_order(self) -> list[Extractor]:
        """Every extractor after the ones it needs; ties keep registration order."""
        for entry in self._entries.values():
            unknown = [n for n in entry.needs if n not in self._entries and n not in CONTEXT_INPUTS]
            if unknown:
                raise RegistryError(f"extractor {entry.name!r} needs unknown {unknown}")
        done: list[Extractor] = []
        placed: set[str] = set(CONTEXT_INPUTS)
        pending = list(self._entries.values())
        while pending:
            ready = next((e for e in pending if placed.issuperset(e.needs)), None)
            if ready is None:
                raise RegistryError(f"extractors need each other: {[e.name for e in pending]}")
            done.append(ready)
            placed.add(ready.name)
            pending.remove(ready)
        return done

    def __iter__(self) -> Iterator[Extractor]:
        return iter(self.in_order())


#: The kit's extractors (registered by ``worker``).
EXTRACTORS = Registry()


# --- the extract(docs) conveniences: implemented in helpers.api, installed at import --------

TableRunner = Callable[..., Any]
_table_runner: TableRunner | None = None


def install_table_runner(runner: TableRunner) -> None:
    """Called by ``helpers.api`` on import: ``runner(table, docs, **options)`` → DataFrame."""
    global _table_runner
    _table_runner = runner


def extract_table(table: str, docs: Any, **options: Any) -> Any:
    """The ``table`` of the analysis of ``docs`` via the installed runner (``helpers.api``)."""
    if _table_runner is None:
        raise RuntimeError(
            "no pipeline installed for extract(docs): import the helpers package "
            "(helpers.api installs it)"
        )
    return _table_runner(table, docs, **options)
