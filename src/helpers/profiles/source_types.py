"""What kind of source a speaker is, from what the article states about them.

The types (``SOURCE_TYPES``) follow the usual sourcing categories of media research. A
speaker's type comes from the first rule of :data:`RULES` that gives one, so every row can say
which rule decided (``source_type_rule``):

1. ``not_a_person``: a body or place speaking ("the State Department said", "Russia
   insisted"): the type its own name gives (a news medium, a ministry, a university), else
   ``organisation``; a country or a national group speaks as its government (``official``);
2. ``unnamed``: a person the article does not name ("a senior official", "sources") is an
   unnamed source whatever their role (the role stays in the ``role`` column);
3. ``role_by_affiliation``: a role whose affiliation decides ("a spokesperson for the State
   Department" is an official, for a company business, for a charity an advocate);
4. ``role``: the role word's own type ("professor" → expert, "senator" → official);
5. ``affiliation``: no role, but a body the person belongs to;
6. otherwise ``unknown``: nothing is stated.

Role words and their types are in ``data/profile_roles.csv``; the words that say what a body
is (``university``, ``ministry``, ``inc.``), in priority order, in
``data/profile_affiliations.csv``; news media are recognised by the citation gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..citations import gazetteer
from ..lexicons import descriptions, profile_vocabulary, pronouns
from .records import PERSON_LABELS, Finding

#: Source type → how the kit's charts and the README name it.
SOURCE_TYPES = {
    "official": "official or politician",
    "expert": "expert or academic",
    "advocate": "advocate or spokesperson for a group",
    "business": "business",
    "media": "media",
    "ordinary": "ordinary person",
    "unnamed": "unnamed source",
    "organisation": "organisation",
    "unknown": "unknown",
}
#: Labels of places and groups that speak as a government.
GOVERNMENT_LABELS = frozenset({"GPE", "NORP"})
_WORD = re.compile(r"[\w.&'-]+")


@dataclass(frozen=True)
class Who:
    """The speaker a type is decided for: its entity label (None when unresolved), the name or
    mention as written, and the best finding about them (None when nothing was read)."""

    label: str | None
    name: str
    finding: Finding | None


def affiliation_type(name: str, label: str | None = None) -> str | None:
    """The source type a body's or place's name gives: a news medium, the type of its highest
    priority word in ``data/profile_affiliations.csv``, or ``official`` for a place."""
    if name in gazetteer().names or f"The {name}" in gazetteer().names:
        return "media"
    ranked = profile_vocabulary().affiliations
    found = [ranked[w] for w in _WORD.findall(name.lower()) if w in ranked]
    if found:
        return min(found)[1]
    if label in GOVERNMENT_LABELS:
        return "official"
    return None


def _not_a_person(who: Who) -> str | None:
    if who.label is None or who.label in PERSON_LABELS:
        return None
    return affiliation_type(who.name, who.label) or "organisation"


def _unnamed(who: Who) -> str | None:
    if who.label is not None:
        return None
    words = who.name.lower().split()
    if not words or words[-1] in pronouns():
        return None
    kind = descriptions().get(_singular(words[-1]), {}).get("kind")
    if kind == "media":
        return "media"
    if kind in ("org", "gpe"):
        return "organisation" if kind == "org" else "official"
    if kind == "person" or (who.finding is not None and who.finding.role is not None):
        return "unnamed"
    return None


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and word[:-1] in descriptions() else word


def _role_by_affiliation(who: Who) -> str | None:
    f = who.finding
    if f is None or not f.by_affiliation or f.affiliation_type is None:
        return None
    return f.affiliation_type


def _role(who: Who) -> str | None:
    return who.finding.role_type if who.finding is not None else None


def _affiliation(who: Who) -> str | None:
    return who.finding.affiliation_type if who.finding is not None else None


#: The rules in order; the first that gives a type decides.
RULES: tuple[tuple[str, Callable[[Who], str | None]], ...] = (
    ("not_a_person", _not_a_person),
    ("unnamed", _unnamed),
    ("role_by_affiliation", _role_by_affiliation),
    ("role", _role),
    ("affiliation", _affiliation),
)


def source_type(who: Who) -> tuple[str, str | None]:
    """(type, rule that decided it); ``("unknown", None)`` when nothing is stated."""
    for name, rule in RULES:
        found = rule(who)
        if found:
            return found, name
    return "unknown", None
