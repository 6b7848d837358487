"""The attribution record and the per-document context every stage reads.

An :class:`Attribution` is made by a named rule (``data/quote_rules.csv``): the rule gives
its confidence and the *form* of its content, which the later stages read (a ``bare`` cue
waits for a quotation; ``ccomp``, ``dobj`` and ``colon`` cues take a quotation right after
them; ``direct`` and ``continued`` attributions are quotations). When a quotation is attached
to a cue the attribution *becomes* another rule (``quotation_at_cue``), so the output's
``rule`` column always names the rule whose confidence it carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..lexicons import rules

if TYPE_CHECKING:
    from ..speakers import Mentions, Resolution


@dataclass
class Attribution:
    """One attribution while it is being built: cue, speaker token, content span, the
    quotations attached to it and the rule that made it."""

    cue: str
    cue_start: int
    cue_end: int
    speaker_tok: Token | None
    content_start: int
    content_end: int
    rule: str
    cue_i: int = -1
    #: the form of the content (``quote_rules.csv``), read by attachment and filters
    form: str = ""
    quotes: list[tuple[int, int]] = field(default_factory=list)
    #: the speaker mention's characters when the rule knows them better than the parse
    #: ("PENCE:" as a transcript turn, "Said Ellis:")
    speaker_override: tuple[int, int] | None = None
    resolution: Resolution | None = None
    #: the attribution a continued quotation inherits its speaker from
    inherited: Attribution | None = None
    #: the rule a bare cue becomes when a quotation is attached to it
    on_quotation: str = "quotation_at_cue"

    def __post_init__(self) -> None:
        if not self.form:
            self.form = rules()[self.rule].form

    @property
    def confidence(self) -> float:
        """The confidence of the rule that made the attribution."""
        return rules()[self.rule].confidence

    def become(self, rule: str) -> None:
        """Now made by ``rule`` (a quotation attached to a cue): its form and confidence."""
        self.rule = rule
        self.form = rules()[rule].form


def make(rule: str, cue: tuple[str, int, int], speaker: Token | None,
         content: tuple[int, int], cue_i: int) -> Attribution:
    """An attribution made by ``rule``: ``cue`` is (lemma or phrase, start, end)."""
    name, start, end = cue
    return Attribution(name, start, end, speaker, content[0], content[1], rule, cue_i)


def bare(cue: tuple[str, int, int], speaker: Token | None, cue_i: int,
         rule: str = "bare_cue") -> Attribution:
    """A cue with no content of its own, kept to attach a quotation next to it."""
    return make(rule, cue, speaker, (-1, -1), cue_i)


@dataclass
class Context:
    """What every stage reads about one document: the parse, its text, the speaker
    mentions, the quotation spans; plus what detection passes forward: the speaker of a
    second reporting verb coordinated inside a first one's content ("to accuse X of ... and
    encourage Americans to ...": token index of the second verb → the first verb's speaker
    token index), and the speech tag of each quotation that has one."""

    doc: Doc
    text: str
    mentions: Mentions
    quotes: list[tuple[int, int]]
    coordinated: dict[int, int] = field(default_factory=dict)
    #: the speech tag found after each quotation (its start → the tag's bare cue)
    tags: dict[int, Attribution] = field(default_factory=dict)
