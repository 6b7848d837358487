"""The records profiles are built from: one document's entity mentions in tokens, what one
rule read about a person, and the finished per-article profile row.

Everything here is plain data (frozen dataclasses); the Doc is only held by
:class:`Article`, which never leaves the extractor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

#: Entity labels that stand for a person (gender applies) and for a body or a place.
PERSON_LABELS = frozenset({"PERSON"})

#: How the lexicons' "f" / "m" read in the tables.
GENDERS = {"f": "female", "m": "male"}
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Mention:
    """One entity mention of the article, as a token span."""

    entity_id: str
    label: str
    canonical: str
    start: int  # token span
    end: int
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Article:
    """One parsed document with its entity mentions indexed by token (read-only)."""

    doc: Doc
    mentions: tuple[Mention, ...]
    by_token: Mapping[int, Mention]  # token index → the entity mention covering it

    def mentions_of(self, entity_id: str) -> list[Mention]:
        return [m for m in self.mentions if m.entity_id == entity_id]

    def label_at(self, i: int) -> str | None:
        found = self.by_token.get(i)
        return found.label if found else None

    @classmethod
    def build(cls, doc: Doc, entities: Iterable[Mapping[str, Any]]) -> Article:
        """Token spans of the entity records (character offsets into the Doc's text)."""
        mentions = []
        for record in entities:
            span = doc.char_span(int(record["start"]), int(record["end"]),
                                 alignment_mode="expand")
            if span is None or not len(span):
                continue
            mentions.append(Mention(
                str(record["entity_id"]), str(record["label"]),
                str(record.get("canonical") or record["surface"]), span.start, span.end,
                int(record["start"]), int(record["end"]),
            ))
        by_token = {i: m for m in reversed(mentions) for i in range(m.start, m.end)}
        return cls(doc, tuple(mentions), by_token)


@dataclass(frozen=True)
class Finding:
    """What one rule read about a person at one place in the article: a role as written
    ("secretary of state"), the body or country it belongs to, a nationality, and the gender a
    gendered role noun gives ("spokeswoman"). ``rule`` names the rule; ``at`` is the token
    where it was read (earlier findings win ties)."""

    rule: str | None
    at: int
    role: str | None = None
    role_type: str | None = None  # the role word's default source type
    by_affiliation: bool = False  # the affiliation decides the source type
    affiliation: str | None = None
    affiliation_entity_id: str | None = None
    affiliation_type: str | None = None  # source type the affiliation's words give
    nationality: str | None = None
    gender: str | None = None  # "f" | "m" from a gendered role noun

    @property
    def weight(self) -> tuple[int, int, int]:
        """How much a finding says: a role, an affiliation, a nationality."""
        return (self.role is not None, self.affiliation is not None,
                self.nationality is not None)


@dataclass(frozen=True)
class GenderEvidence:
    """Each kind of evidence for one speaker in one article: "f" | "m" | None."""

    pronoun: str | None = None
    honorific: str | None = None
    given_name: str | None = None


@dataclass
class Speaker:
    """One speaker of one article: a resolved entity (``entity_id``) or, unresolved, the
    mention as written (``name``, ``entity_id`` None); the quotes attributed to it."""

    name: str
    label: str | None
    entity_id: str | None
    quotes: list[Mapping[str, Any]] = field(default_factory=list)
