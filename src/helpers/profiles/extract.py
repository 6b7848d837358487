"""One article's speaker profiles: group the quotes by speaker, read what the article says
about each (:mod:`.rules`), decide gender (:mod:`.gender`) and source type
(:mod:`.source_types`), and return one plain record per speaker.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.tokens import Doc

from ..lexicons import descriptions, profile_vocabulary, pronouns
from . import gender as genders
from .records import PERSON_LABELS, Article, Finding, GenderEvidence, Speaker
from .rules import description_finding, findings_at
from .source_types import Who, source_type

Record = dict[str, Any]
#: What a speaker row shows when no rule read anything about them.
NOTHING = Finding(rule=None, at=-1)


def speakers_of(quotes: Iterable[Mapping[str, Any]],
                entities: Iterable[Mapping[str, Any]]) -> list[Speaker]:
    """The article's speakers in order of their first quote: one per resolved entity, one per
    unresolved mention as written; quotes without a speaker are left out."""
    labels = {str(e["entity_id"]): str(e["label"]) for e in entities}
    found: dict[tuple[str, str], Speaker] = {}
    for quote in quotes:
        eid, written = quote.get("speaker_entity_id"), quote.get("speaker")
        if eid:
            key = ("entity", str(eid))
            name = str(quote.get("speaker_canonical") or written or eid)
            label = labels.get(str(eid), str(eid).split(":", 1)[0])
        elif written:
            key, name, label, eid = ("mention", str(written)), str(written), None, None
        else:
            continue
        speaker = found.setdefault(key, Speaker(name, label, eid))
        speaker.quotes.append(quote)
    return list(found.values())


def from_doc(doc: Doc, entities: list[Mapping[str, Any]],
             quotes: list[Mapping[str, Any]]) -> list[Record]:
    """Speaker profile records of one parsed document (no doc_id), in order of each
    speaker's first quote."""
    speakers = speakers_of(quotes, entities)
    if not speakers:
        return []
    article = Article.build(doc, entities)
    return [profile(article, s) for s in speakers]


def profile(article: Article, speaker: Speaker) -> Record:
    """One speaker's row: who, how often quoted, gender and its evidence, role, affiliation,
    nationality, source type, and the rules that decided."""
    mentions = article.mentions_of(speaker.entity_id) if speaker.entity_id else []
    findings = [f for m in mentions for f in findings_at(article, m)]
    findings += _description_findings(article, speaker, mentions)
    best = best_finding(findings)
    evidence = gender_evidence(article, speaker, mentions, findings)
    gender, decided_by = (None, None) if evidence is None else genders.decide(evidence)
    evidence = evidence or GenderEvidence()
    kind, kind_rule = source_type(Who(speaker.label, speaker.name, best))
    shown = best or NOTHING
    return {
        "entity_id": speaker.entity_id,
        "name": speaker.name,
        "label": speaker.label,
        "n_quotes": len(speaker.quotes),
        "gender": gender,
        "gender_evidence": decided_by,
        "role": shown.role,
        "affiliation": shown.affiliation,
        "affiliation_entity_id": shown.affiliation_entity_id,
        "nationality": next((f.nationality for f in findings if f.nationality), None),
        "source_type": kind,
        "pronoun_gender": evidence.pronoun,
        "honorific_gender": evidence.honorific,
        "given_name_gender": evidence.given_name,
        "role_rule": shown.rule,
        "source_type_rule": kind_rule,
    }


def gender_evidence(article: Article, speaker: Speaker, mentions: list,
                    findings: list[Finding]) -> GenderEvidence | None:
    """The gender evidence for a person (resolved or not); None for a body or a place."""
    if speaker.label is not None and speaker.label not in PERSON_LABELS:
        return None
    if speaker.label is None and not one_person(article, speaker):
        return None
    named = speaker.label in PERSON_LABELS
    return GenderEvidence(
        pronoun=genders.pronoun_gender(speaker.quotes),
        honorific=genders.honorific_gender(article, mentions, findings),
        given_name=genders.name_gender(speaker.name) if named else None,
    )


def one_person(article: Article, speaker: Speaker) -> bool:
    """An unresolved speaker mention that names one person the article does not identify:
    a singular personal pronoun or "who", or a singular person noun ("a senior official",
    "the source"). Groups ("officials", "they"), things ("the documents", "which") and bodies
    ("the ministry") are no one person, so they have no gender."""
    words = speaker.name.lower().split()
    if not words:
        return False
    entry = pronouns().get(words[-1])
    if entry is not None:
        return entry.get("kind") in ("person", "first", "second") and entry.get("number") != "pl" \
            or words[-1] == "who"
    quote = speaker.quotes[0]
    span = article.doc.char_span(int(quote["speaker_start"]), int(quote["speaker_end"]),
                                 alignment_mode="expand") if quote.get("speaker_end") else None
    if span is None or not len(span) or span.root.tag_ in ("NNS", "NNPS"):
        return False
    head = span.root.lemma_.lower()
    return head in profile_vocabulary().roles or (
        descriptions().get(head, {}).get("kind") == "person")


def best_finding(findings: list[Finding]) -> Finding | None:
    """The finding that says most (a role, then an affiliation, then a nationality); the
    earliest in the article among equals."""
    if not findings:
        return None
    return max(findings, key=lambda f: (f.weight, -f.at))


def _description_findings(article: Article, speaker: Speaker, mentions: list) -> list[Finding]:
    """Findings from the speaker mentions of the quotes that are descriptions, not the name
    or a pronoun ("the spokeswoman said")."""
    out = []
    spans = {(m.char_start, m.char_end) for m in mentions}
    for quote in speaker.quotes:
        start, end = quote.get("speaker_start"), quote.get("speaker_end")
        written = str(quote.get("speaker") or "").lower()
        if start is None or end is None or written in pronouns():
            continue
        if any(a < end and start < b for a, b in spans):
            continue  # the name itself, read by the mention rules
        found = description_finding(article, int(start), int(end))
        if found is not None:
            out.append(found)
    return out
