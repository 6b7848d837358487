"""Offers: which tokens of a document each cue rule (``cues.py``) is offered at all.

A rule's ``when`` test reads a spaCy ``Token``, and spaCy builds one (and a string for each
attribute read) at every access; most tokens are no cue. Each rule therefore declares the
tokens it can claim at all -- by coarse (``VERB``) or fine (``NNS``) tag, with a lemma when it
needs one ("make" for ``made_clear``, the stance words of ``data/quote_cues.csv``), or by word
("according") -- and a :class:`CueIndex`, read from the document's attribute arrays in one
pass, offers each token only to the rules that can claim it. An offer is a cheap first test,
never the decision: the rule's ``when`` still decides, so the attributions are those of
offering every token to every rule (tests/test_attribution_cue_index.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc


@dataclass(frozen=True)
class Offer:
    """Tokens a cue rule is offered: those tagged ``tag`` (coarse, "VERB", or fine, "NNS"),
    only those with a lower-case lemma of ``lemmas()`` when it is given; or (no tag) the
    lower-case word ``word``."""

    tag: str = ""
    lemmas: Callable[[], Collection[str]] | None = None
    word: str = ""


class Offering(Protocol):
    """What the index reads of a rule (:class:`.cues.CueRule`): its offers."""

    @property
    def offers(self) -> tuple[Offer, ...]: ...


Rule = TypeVar("Rule", bound=Offering)


@dataclass(frozen=True)
class CueIndex(Generic[Rule]):
    """The tokens of one document each cue rule is offered (read from the document's
    arrays: no ``Token`` made): token index → its rules, in rule order, for the tokens
    offered to any."""

    offered: dict[int, tuple[Rule, ...]]

    @classmethod
    def build(cls, doc: Doc, rules: Sequence[Rule]) -> CueIndex[Rule]:
        """The index of ``doc`` for ``rules``."""
        if not len(doc):
            return cls({})
        columns = doc.to_array([POS, TAG, LOWER, LEMMA])
        pattern = _by_tag_or_word(columns, rules)
        for i, bits in _by_lemma(doc, columns, rules).items():
            pattern[i] |= bits
        chosen = {p: tuple(r for n, r in enumerate(rules) if p >> n & 1) for p in set(pattern)}
        return cls({i: chosen[p] for i, p in enumerate(pattern) if p})


def _by_tag_or_word(columns: np.ndarray, rules: Sequence[Offering]) -> list[int]:
    """Each token's rules (one bit each) offered it by its coarse or fine tag alone, or by
    its word (``columns``: ids of coarse tag, fine tag, lower-case word, lemma)."""
    tags: dict[int, int] = {}  # tag id → rule bits
    words: dict[int, int] = {}  # word id → rule bits
    for n, rule in enumerate(rules):
        for offer in rule.offers:
            if offer.lemmas is None:
                table, key = (words, offer.word) if offer.word else (tags, offer.tag)
                table[get_string_id(key)] = table.get(get_string_id(key), 0) | 1 << n
    pos, tag = columns[:, 0].tolist(), columns[:, 1].tolist()
    pattern = [tags.get(p, 0) | tags.get(t, 0) for p, t in zip(pos, tag, strict=True)]
    for word, bits in words.items():
        for i in np.flatnonzero(columns[:, 2] == word).tolist():
            pattern[i] |= bits
    return pattern


def _by_lemma(doc: Doc, columns: np.ndarray, rules: Sequence[Offering]) -> dict[int, int]:
    """Token index → the rules (one bit each) offered it by its tag and lemma; each lemma
    of the document is lower-cased once (``columns`` as above)."""
    gated: dict[int, list[tuple[int, Collection[str]]]] = {}  # tag id → (rule bit, lemmas)
    for n, rule in enumerate(rules):
        for offer in rule.offers:
            if offer.lemmas is not None:
                gated.setdefault(get_string_id(offer.tag), []).append((1 << n, offer.lemmas()))
    strings = doc.vocab.strings
    lowered: dict[int, str] = {}  # lemma id → the lemma in lower case
    out: dict[int, int] = {}
    for key, offers in gated.items():
        at = np.flatnonzero((columns[:, 0] == key) | (columns[:, 1] == key))
        for i, lemma in zip(at.tolist(), columns[at, 3].tolist(), strict=True):
            text = lowered.get(lemma)
            if text is None:
                text = lowered[lemma] = strings[lemma].lower()
            for bit, lemmas in offers:
                if text in lemmas:
                    out[i] = out.get(i, 0) | bit
    return out


