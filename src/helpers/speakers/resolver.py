"""The resolver: an ordered dispatch over the families of speaker mentions.

Each step takes the query, the mention's head token and its character span, and either
resolves the mention or passes (None); the first step that resolves it wins. The order is
the one that matters when a mention fits several families: a pronoun before its entity, a
party member ("The Republican", tagged NORP) before the party, a description before the
owner that names it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from . import descriptions, epithets, headlines, names, possessives, pronouns
from .mentions import Mentions
from .state import Discourse, Query, Resolution

Step = Callable[[Query, Token, tuple[int, int]], "Resolution | None"]

#: (name, step) in the order they are tried.
STEPS: tuple[tuple[str, Step], ...] = (
    ("each_or_both", pronouns.each_or_both),  # "Vance and Moreau ..., each saying"
    ("pronoun", pronouns.pronoun),  # he, she, it, they, who, which, I
    ("party_member", descriptions.party_member),  # "The Republican said" (NORP)
    ("misread_title", names.misread_title),  # a clause tagged as a work of art
    ("entity_name", names.entity_name),  # a named entity (namesakes, knights)
    ("name_before_title", names.name_before_title),  # "Frank Field MP", "Jo Roe QC"
    ("apposition_of_name", names.apposition_of_name),  # "Tom Reed (D), Vance's opponent,"
    ("named_apposition", names.named_apposition),  # "a spokesperson, Ruth Kell,"
    ("name_ending_title", names.name_ending_title),  # "spokesman for sport Hugh Robertson"
    ("poll_share", descriptions.poll_share),  # "63 percent said"
    ("group_examples", descriptions.group_examples),  # "critics, like Sen. Jo Roe,"
    ("headline_description", headlines.headline_description),  # "Popular Website Shows"
    ("description", descriptions.description),  # "the newspaper", "his lawyer"
    ("described_by_text", epithets.described_by_text),  # "airline Lufthansa" ... "the airline"
    ("surname_after_given_name", names.surname_after_given_name),  # "Sylvia" + "Heal"
    ("missed_name", names.missed_name),  # a proper noun the NER missed
    ("owned_or_unresolved", possessives.owned_or_unresolved),  # "his aides", or no one
)


def _dispatch(q: Query, head: Token) -> Resolution:
    span = q.mentions.mention_span(head)
    for _name, step in STEPS:
        found = step(q, head, span)
        if found is not None:
            return found
    raise AssertionError("the last step always resolves")  # pragma: no cover


def resolve(mentions: Mentions, discourse: Discourse, head: Token,
            content: tuple[int, int] | None = None) -> tuple[Resolution, Discourse]:
    """Resolve the speaker mention headed by ``head`` of an attribution whose content spans
    the characters ``content`` (names inside it are not the speaker), given the discourse so
    far. Returns the resolution and the discourse after it (a "he"/"she" moves the pronoun
    chain on, the content is reported; :meth:`Discourse.after_speaker` records the speaker
    itself)."""
    q = Query(mentions, discourse, content, _dispatch)
    res = _dispatch(q, head)
    return res, q.discourse.with_report(content)
