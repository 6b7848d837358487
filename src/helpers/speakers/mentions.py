"""The read-only index of one document's entity mentions that speaker resolution reads.

Built once per document from the parse and the entity records (:meth:`Mentions.build`):
the mentions that can speak, in text order, each a :class:`Mention` with its token span and
the words describing it; which mention covers each token; the sentence number of every
token (a section break, "___" between the items of a live blog, adds ``SECTION_GAP``
sentences so that no window reaches into another story); people's surnames and genders;
the quotation spans; the named polls; and who "I" is in first-person narration.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from ..lexicons import described_as, media_words, word_set
from ..nlp import doc_text
from .roles import (
    is_inner_hyphen,
    missed_given_name,
    name_gender,
    role_words,
    text_gender,
    without_role,
)

#: Entity labels that can speak (organisations and countries can, too).
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART"})
#: Sentences a section break counts for (more than any window looks back or ahead).
SECTION_GAP = 100
_SECTION_BREAK = re.compile(r"^[ \t]*(?:_{3,}|-{3,}|\*[ \t]*\*[ \t]*\*)\.?[ \t]*$", re.M)
#: How far ahead (in sentences) a description looks for the person it introduces.
FORWARD_WINDOW = 8


@dataclass(frozen=True)
class Mention:
    """One entity mention that can speak."""

    k: int  # position in the index, in text order
    label: str | None
    entity_id: str
    canonical: str | None  # as the entity record has it
    surface: str
    start: int  # token span
    end: int
    char_start: int
    char_end: int
    #: words describing a PERSON mention (title, apposition), see :func:`roles.role_words`
    words: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        """The name a speaker is given: the canonical name without a role word in it."""
        return without_role(str(self.canonical or self.surface), self.label == "PERSON")

    @property
    def record(self) -> tuple[str, str]:
        """(name, entity id): who a speaker mention resolved to this mention is."""
        return self.name, self.entity_id


@dataclass(frozen=True)
class Mentions:
    """Entity mentions of one document, indexed for speaker resolution (read-only)."""

    doc: Doc
    text: str
    items: tuple[Mention, ...]
    by_token: Mapping[int, int]  # token index → mention covering it (the first)
    starts: tuple[int, ...]  # first token of each mention
    char_starts: tuple[int, ...]
    sentence: tuple[int, ...]  # token index → sentence number (section breaks add gaps)
    section_start: tuple[int, ...]  # token index → first sentence number of its section
    surnames: Mapping[str, tuple[int, ...]]  # surname → PERSON mentions ending in it
    gender: Mapping[str, str]  # entity id → "m" | "f" (the text's word, else the given name)
    text_gender: Mapping[str, str]  # entity id → "m" | "f" by an honorific or gendered role
    by_entity: Mapping[str, tuple[int, ...]]  # entity id → its mentions, in text order
    eid_words: Mapping[str, frozenset[str]]  # entity id → words of all its mentions
    quotations: tuple[tuple[int, int], ...]
    polls: tuple[tuple[int, str], ...]  # (token index, name) of named polls and surveys
    signed: tuple[int, ...]  # mentions signing a paragraph of their own ("Jane Doe.")
    author_note: int | None  # the closing author note's or the byline's person

    @classmethod
    def build(cls, doc: Doc, entities: Iterable[Mapping[str, Any]],
              quotations: Iterable[tuple[int, int]] = ()) -> Mentions:
        text = doc_text(doc)
        spans, by_token = _spans(doc, entities)

        def label_at(i: int) -> str | None:
            k = by_token.get(i)
            return spans[k][0].get("label") if k is not None else None

        items = tuple(_mention(doc, k, record, a, b, label_at)
                      for k, (record, a, b) in enumerate(spans))
        sentence, section_start = _sentences(doc, text)
        eid_words: dict[str, set[str]] = {}
        surnames: dict[str, list[int]] = {}
        by_entity: dict[str, list[int]] = {}
        said: dict[str, str] = {}  # gender by the text's words
        named: dict[str, str] = {}  # gender by the given name
        for m in items:
            by_entity.setdefault(m.entity_id, []).append(m.k)
            if m.label != "PERSON":
                continue
            eid_words.setdefault(m.entity_id, set()).update(m.words)
            surnames.setdefault(doc[m.end - 1].lower_, []).append(m.k)
            g = text_gender(doc, m.start, m.end, m.words)
            if g:
                said.setdefault(m.entity_id, g)
            name = str(m.canonical or m.surface)
            g = name_gender(doc, m.start, m.end, name)
            if missed_given_name(doc, m.start, name):
                named[m.entity_id] = g or ""  # the given name seen: it decides (or no one)
            elif g:
                named.setdefault(m.entity_id, g)
        signed, note = _authors(doc, text, items)
        return cls(doc, text, items, by_token, tuple(m.start for m in items),
                   tuple(m.char_start for m in items), sentence, section_start,
                   {s: tuple(ks) for s, ks in surnames.items()}, {**named, **said}, said,
                   {e: tuple(ks) for e, ks in by_entity.items()},
                   {e: frozenset(w) for e, w in eid_words.items()},
                   tuple(sorted(quotations)), _polls(doc, text), signed, note)

    # -- lookups --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, k: int) -> Mention:
        return self.items[k]

    def at(self, tok: Token) -> Mention | None:
        """The mention covering ``tok``, if any."""
        k = self.by_token.get(tok.i)
        return self.items[k] if k is not None else None

    def entity_at(self, tok: Token) -> int | None:
        """Index of the mention covering ``tok``, if any."""
        return self.by_token.get(tok.i)

    def label_at(self, tok: Token) -> str | None:
        m = self.at(tok)
        return m.label if m is not None else None

    def is_person(self, tok: Token) -> bool:
        return self.label_at(tok) == "PERSON"

    def starts_mention(self, i: int) -> bool:
        """Does a mention start at token ``i``?"""
        k = bisect.bisect_left(self.starts, i)
        return k < len(self.starts) and self.starts[k] == i

    def before(self, i: int) -> int:
        """Number of mentions starting before token ``i`` (they are ``items[:before(i)]``)."""
        return bisect.bisect_left(self.starts, i)

    def after(self, i: int) -> int:
        """Index of the first mention starting after token ``i``."""
        return bisect.bisect_right(self.starts, i)

    def sent_of(self, i: int) -> int:
        return self.sentence[i]

    def quoted(self, pos: int) -> bool:
        """Is character ``pos`` inside a quotation?"""
        k = bisect.bisect_right(self.quotations, (pos, len(self.text) + 1)) - 1
        return k >= 0 and self.quotations[k][0] < pos < self.quotations[k][1]

    def eids_between(self, a: int, b: int) -> set[str]:
        """Entity ids of the mentions starting in characters ``a..b``."""
        lo = bisect.bisect_left(self.char_starts, a)
        hi = bisect.bisect_left(self.char_starts, b)
        return {self.items[k].entity_id for k in range(lo, hi)}

    def mention_span(self, head: Token) -> tuple[int, int]:
        """Character span of the speaker mention headed by ``head`` (left modifiers + name)."""
        doc = self.doc
        # Contiguous left modifiers only ("Tulsa police Chief Chuck Jordan"), never across
        # punctuation: a mis-attached quotation mark must not pull the quote into the mention.
        start_i = head.i
        j = head.i - 1
        while j >= head.left_edge.i and not doc[j].is_space and (
            not doc[j].is_punct or is_inner_hyphen(doc[j])
        ) and doc[j].dep_ not in ("cc", "prep"):
            if doc[j].text.endswith(".") and self.starts_mention(j + 1) and (
                j in self.by_token
            ):
                break  # "the U.S. Russia has": a sentence end the parser missed
            start_i = j
            j -= 1
        end_i = _partitive_end(head)
        k = self.by_token.get(head.i)
        if k is not None:
            start_i = min(start_i, self.items[k].start)
            end_i = max(end_i, self.items[k].end - 1)
        while start_i < head.i and doc[start_i].is_punct:
            start_i += 1
        return doc[start_i].idx, doc[end_i].idx + len(doc[end_i])


def _partitive_end(head: Token) -> int:
    """Last token of a speaker noun: "a majority of voters", "one of the family's attorneys"
    name the group in the "of" phrase."""
    if head.lemma_.lower() in word_set("partitive"):
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            return of.right_edge.i
    return head.i


def _spans(doc: Doc, entities: Iterable[Mapping[str, Any]]
           ) -> tuple[list[tuple[Mapping[str, Any], int, int]], dict[int, int]]:
    """The entity records that can speak with their token spans, and token → record."""
    spans: list[tuple[Mapping[str, Any], int, int]] = []
    by_token: dict[int, int] = {}
    for record in sorted(entities, key=lambda r: (r["start"], r["end"])):
        if record.get("label") not in SPEAKER_LABELS:
            words = str(record.get("canonical") or "").lower().replace(".", "").split()
            if not words or words[-1] not in media_words():
                continue
            # "the Springfield Morning News" tagged as an event: an outlet, which can speak
            record = {**record, "label": "ORG"}
        span = doc.char_span(record["start"], record["end"], alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        for i in range(span.start, span.end):
            by_token.setdefault(i, len(spans))
        spans.append((record, span.start, span.end))
    return spans, by_token


def _mention(doc: Doc, k: int, record: Mapping[str, Any], start: int, end: int,
             label_at: Any) -> Mention:
    label = record.get("label")
    words = role_words(doc, start, end, label_at) if label == "PERSON" else frozenset()
    return Mention(k, label, str(record["entity_id"]), record.get("canonical"),
                   str(record["surface"]), start, end, int(record["start"]),
                   int(record["end"]), words)


def _sentences(doc: Doc, text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sentence number of every token and of the first sentence of its section."""
    sent_of = [0] * len(doc)
    section_start = [0] * len(doc)
    breaks = [m.start() for m in _SECTION_BREAK.finditer(text)]
    n = b = first = 0
    for sent in doc.sents:
        while b < len(breaks) and breaks[b] < sent.start_char:
            n += SECTION_GAP
            b += 1
            first = n
        for i in range(sent.start, sent.end):
            sent_of[i] = n
            section_start[i] = first
        n += 1
    return tuple(sent_of), tuple(section_start)


def _polls(doc: Doc, text: str) -> tuple[tuple[int, str], ...]:
    """Named polls and surveys: "a new Washington Post-ABC News national poll" →
    (its token index, "Washington Post-ABC News poll")."""
    polls = []
    poll_words = described_as("poll")
    for t in doc:
        if t.pos_ != "NOUN" or t.lemma_.lower() not in poll_words:
            continue
        names = [x for x in doc[t.left_edge.i : t.i] if x.pos_ == "PROPN"]
        if names:
            name = text[names[0].idx : names[-1].idx + len(names[-1])]
            polls.append((t.i, f"{name} {t.lemma_.lower()}"))
    return tuple(polls)


def _signed(text: str, m: Mention) -> bool:
    """Is ``m`` a PERSON name standing alone as a paragraph ("Jane Doe.")?"""
    if m.label != "PERSON":
        return False
    line_start = text.rfind("\n", 0, m.char_start) + 1
    line_end = text.find("\n", m.char_end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start : m.char_start].strip() and (
        text[m.char_end : line_end].strip() in ("", "."))


_BYLINE = re.compile(r"\s*by\s*$", re.I)


def _authors(doc: Doc, text: str, items: tuple[Mention, ...]
             ) -> tuple[tuple[int, ...], int | None]:
    """First-person narrator candidates: the signature paragraphs ("Jane Doe."), and the
    closing author note's person ("Jane Doe is a professor ..."), else the byline's ("By
    Jane Doe") at the top."""
    signed = tuple(m.k for m in items if _signed(text, m))
    tail = max(text.rstrip().rfind("\n\n"), 0)
    note = next((m.k for m in items if m.label == "PERSON" and m.char_start >= tail
                 and m.end < len(doc) and not text[tail : m.char_start].strip()
                 and doc[m.end].lemma_ == "be"), None)
    if note is None:
        note = next((m.k for m in items if m.char_start < 300 and m.label == "PERSON"
                     and _BYLINE.match(text[text.rfind("\n", 0, m.char_start) + 1 :
                                            m.char_start])), None)
    return signed, note
