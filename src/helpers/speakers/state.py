"""Discourse state: what the text has established so far about who speaks.

Speakers are resolved in text order; each resolution reads a :class:`Discourse` (who spoke
how often, who spoke last, every earlier speaker as a :class:`Sighting`, whom the last
"he"/"she" meant, the genders pronouns gave people, what was reported) and the caller gets
the next one back (:func:`helpers.speakers.resolve`). Within one
resolution a :class:`Query` carries the mentions index, the content being attributed and the
discourse; resolving a "he"/"she" moves the query's pronoun chain on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from .mentions import Mentions

_EMPTY: Mapping[str, object] = MappingProxyType({})


@dataclass
class Resolution:
    """A speaker mention and who it refers to (``canonical``/``entity_id`` None if unknown)."""

    start: int
    end: int
    canonical: str | None = None
    entity_id: str | None = None
    kind: str = "name"  # name | pronoun | description | owned ("his aides") | unresolved


@dataclass(frozen=True)
class LastSpeaker:
    """The latest speaker resolved to someone."""

    head_i: int  # token index of the speaker mention's head
    canonical: str
    entity_id: str | None
    label: str  # entity label ("PERSON", "ORG", ...) or ""


@dataclass(frozen=True)
class Sighting:
    """An earlier speaker mention and who it resolved to: a mention of that referent the
    entity index does not have ("He said ...", "analysts said ..."), a candidate for later
    pronouns and descriptions (:mod:`.candidates`)."""

    head_i: int  # token index of the speaker mention's head
    canonical: str | None  # None: an unnamed group ("analysts"), named by its phrase
    entity_id: str | None
    label: str  # entity label ("PERSON", "ORG", ...) or ""
    plural: bool  # "analysts", "Mr. Orlen and Ms. Bayle", an organisation's "they"


@dataclass(frozen=True)
class Discourse:
    """Salience so far, in text order (read-only; each change makes a new one)."""

    #: entity id → how many attributions it has spoken so far
    spoken: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    last_speaker: LastSpeaker | None = None
    #: gender → entity id the last "he"/"she" resolved to
    last_by_gender: Mapping[str, str | None] = field(
        default_factory=lambda: MappingProxyType({}))
    #: the speakers so far, in text order (see :class:`Sighting`)
    sightings: tuple[Sighting, ...] = ()
    #: entity id → gender the article gave it by a "he"/"she" that resolved to it
    genders: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: character spans of the contents reported so far: what was said, not who said it
    reported: tuple[tuple[int, int], ...] = ()

    def with_pronoun(self, gender: str, entity_id: str | None) -> Discourse:
        """After a "he"/"she" resolved to ``entity_id``: the chain goes on from it, and the
        article has used that pronoun for that person."""
        chain = {**self.last_by_gender, gender: entity_id}
        genders = self.genders
        if entity_id and entity_id not in genders:
            genders = MappingProxyType({**genders, entity_id: gender})
        return replace(self, last_by_gender=MappingProxyType(chain), genders=genders)

    def with_report(self, content: tuple[int, int] | None) -> Discourse:
        """After an attribution whose content spans the characters ``content``."""
        if content is None:
            return self
        return replace(self, reported=(*self.reported, content))

    def in_report(self, pos: int) -> bool:
        """Is character ``pos`` inside a content reported so far?"""
        return any(a <= pos < b for a, b in self.reported)

    def after_speaker(self, head: Token, canonical: str | None, entity_id: str | None,
                      label: str) -> Discourse:
        """After an attribution whose speaker (headed by ``head``) resolved to
        ``canonical``/``entity_id``: spoken counts, the last speaker, and the speaker's
        sighting (an unnamed one's too: "analysts said" for a later "they", "a spokesman
        said" for a later "he")."""
        spoken = self.spoken
        if entity_id:
            spoken = MappingProxyType({**spoken, entity_id: spoken.get(entity_id, 0) + 1})
        plural = head.tag_ in ("NNS", "NNPS") or label in ("ORG", "NORP") or any(
            c.dep_ == "conj" for c in head.children)
        seen = (*self.sightings, Sighting(head.i, canonical, entity_id, label, plural))
        if canonical:
            last = LastSpeaker(head.i, canonical, entity_id, label)
            return replace(self, spoken=spoken, last_speaker=last, sightings=seen)
        # an unnamed group ("analysts said") for a later "they"; an unnamed person ("a
        # spokesman said") for a later "he"/"she"
        return replace(self, spoken=spoken, sightings=seen)


@dataclass
class Query:
    """One speaker resolution in progress: the index it reads, the content being
    attributed (names inside it are what the speaker talks about, not the speaker), the
    discourse (replaced when a "he"/"she" resolves), and the resolver, for mentions whose
    referent is another mention ("who" → its noun, "his" → its owner)."""

    mentions: Mentions
    discourse: Discourse
    content: tuple[int, int] | None
    resolver: Callable[[Query, Token], Resolution]

    def resolve(self, head: Token) -> Resolution:
        """Resolve another mention within this query (same content and discourse)."""
        return self.resolver(self, head)

    def resolve_aside(self, head: Token) -> Resolution:
        """Resolve ``head`` without moving the pronoun chain ("his" in "his lawyer" is not
        the next pronoun's antecedent)."""
        before = self.discourse
        res = self.resolver(self, head)
        self.discourse = before
        return res
