"""Cited media and documents ("according to The New York Times", "a Bloomberg report").

A citation is a mention of a medium (or of who issued a report) plus a cue around it:

1. media mentions: names from the gazetteer ``data/citation_media.csv`` (with aliases), ORG
   entities ending in a media word ("The Kyiv Post"), unnamed media ("a French broadcaster",
   "Russian state television") and anaphors ("the newspaper"), which are resolved to the last
   named medium of a compatible type before them, or kept unnamed;
2. cues from ``data/citation_cues.yaml``: regexes on the sentence text just before the mention
   ("according to", "told", "interview with") or just after it ("report", "reported");
3. documents: an organisation, person or place issuing a report, study, memo, …
   ("according to a report by the Congressional Budget Office", "a Pentagon report"), and
   unnamed documents ("according to court documents").

Records: ``cited`` (canonical name, or the unnamed phrase as written), ``cue``, ``start``/``end``
(the mention as written: ``text[start:end] == surface``), plus ``surface``, ``kind`` (medium |
unnamed | document), ``medium_type`` (newspaper, agency, broadcaster, …), ``resolved_from``
(the anaphor's own words when it was resolved), ``cue_start``/``cue_end``.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import yaml
from spacy.tokens import Doc

from . import datafiles
from .nlp import doc_text
from .registry import extract_table

#: Entity labels that can issue a cited document.
_ISSUER_LABELS = {"ORG", "GPE", "PERSON", "NORP", "FAC"}
#: How far cue regexes look around a mention (characters, within its sentence).
_LEFT, _RIGHT = 160, 100
_TRAILING_THE = re.compile(r"\b[Tt]he\s+$")
#: Media nouns that are often modifiers ("TV interview"); a lower-case word after them says so.
_ADJECTIVAL = {"TV", "television", "radio", "network", "channel", "media", "press", "daily",
               "weekly", "paper"}
_LOWER_NEXT = re.compile(r"[ \t]+[a-z]")
_DOC_NOUN_LEMMAS = {"studies": "study", "analyses": "analysis", "memoranda": "memo",
                    "memorandum": "memo", "memorandums": "memo", "stories": "story",
                    "documentaries": "documentary", "tallies": "tally", "indictments": "indictment"}
_VERB_LEMMAS = {"said": "say", "says": "say", "wrote": "write", "writes": "write",
                "found": "find", "finds": "find", "broadcast": "broadcast", "learned": "learn"}


@dataclass(frozen=True)
class Medium:
    canonical: str
    type: str
    country: str


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, Medium]  # alias as written -> medium
    short: dict[str, list[Medium]]  # short alias ("the Times") -> media it may stand for
    pattern: re.Pattern[str]


def _data(name: str) -> str:
    return datafiles.text(name)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The media gazetteer (``data/citation_media.csv``) and one regex over all its aliases."""
    names: dict[str, Medium] = {}
    short: dict[str, list[Medium]] = {}
    for row in datafiles.rows("citation_media.csv"):
        medium = Medium(row["canonical"], row["type"], row["country"])
        for alias in filter(None, (a.strip() for a in row["aliases"].split("|"))):
            names.setdefault(alias, medium)
        for alias in filter(None, (a.strip() for a in row["short_aliases"].split("|"))):
            short.setdefault(alias, []).append(medium)
    aliases = sorted(set(names) | set(short), key=len, reverse=True)
    body = "|".join(re.escape(a) for a in aliases)
    # Case-sensitive: "AP", "RT", "The Sun" are media only when written so.
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-]|['’]\w\w)")
    return Gazetteer(names, short, pattern)


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, list[dict[str, Any]]]:
    data = yaml.safe_load(_data("citation_cues.yaml"))
    out: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    for side in ("before", "after"):
        for entry in data[side]:
            pattern = entry["pattern"] if side == "after" else f"(?:{entry['pattern']})$"
            compiled = {
                **entry,
                "regex": re.compile(pattern, re.IGNORECASE),
                "requires": re.compile(entry["requires_before"], re.IGNORECASE)
                if entry.get("requires_before")
                else None,
            }
            out[side].append(compiled)
    return out


@functools.lru_cache(maxsize=1)
def _terms() -> dict[str, Any]:
    data = yaml.safe_load(_data("citation_terms.yaml"))
    nouns: dict[str, str] = data["unnamed_nouns"]
    modifiers = "|".join(re.escape(m) for m in sorted(set(data["unnamed_modifiers"]), key=len,
                                                         reverse=True))
    noun_alt = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    unnamed = re.compile(
        rf"\b(?P<det>an?|one|another|the|The|A|An)?\s*"
        rf"(?P<mods>(?:(?:[A-Z][\w-]+|{modifiers})\s+){{0,3}})(?P<noun>{noun_alt})\b"
    )
    heads = set(data["media_heads"])
    return {
        "nouns": nouns,
        "unnamed": unnamed,
        "heads": heads,
        "dropped": set(data["unresolved_dropped"]),
        "documents": re.compile(data["unnamed_documents"], re.IGNORECASE),
    }


@dataclass
class _Mention:
    start: int
    end: int
    kind: str  # medium | unnamed | anaphor | issuer
    cited: str
    medium_type: str | None = None
    candidates: tuple[Medium, ...] = ()  # for short aliases ("the Times")


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _noun_follows(doc: Doc, end: int) -> bool:
    """Is the word right after character ``end`` a lower-case noun ("a TV interview")?"""
    m = _LOWER_NEXT.match(doc_text(doc), end)
    if not m:
        return False
    span = doc.char_span(m.end() - 1, m.end(), alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].pos_ in ("NOUN", "ADJ")


@dataclass
class _MediaScan:
    """One article as the media finders see it; each finder adds to ``mentions`` and
    ``taken`` (the spans already claimed, which later finders leave alone)."""

    doc: Doc
    text: str
    entities: list[dict[str, Any]]
    mentions: list[_Mention] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)

    def add(self, mention: _Mention) -> None:
        self.mentions.append(mention)
        self.taken.append((mention.start, mention.end))


def _gazetteer_media(scan: _MediaScan) -> None:
    """Outlets the gazetteer names ("Reuters"), and short aliases ("the Times") to resolve
    later against the outlets named before them."""
    gaz = gazetteer()
    persons = [(e["start"], e["end"]) for e in scan.entities if e.get("label") == "PERSON"]
    for m in gaz.pattern.finditer(scan.text):
        s, e = m.span()
        # "Michael Bloomberg": the name is part of a longer person's name.
        if any(ps <= s and e <= pe and (pe - ps) > (e - s) for ps, pe in persons):
            continue
        alias = m.group()
        if alias in gaz.names:
            medium = gaz.names[alias]
            scan.add(_Mention(s, e, "medium", medium.canonical, medium.type))
        else:
            scan.add(_Mention(s, e, "short", alias, None, tuple(gaz.short[alias])))


def _headed_outlets(scan: _MediaScan) -> None:
    """Organisation names ending in a media head word ("the Kyiv Independent", "Daily Post")."""
    heads = _terms()["heads"]
    for ent in scan.entities:
        if ent.get("label") not in ("ORG", "WORK_OF_ART"):
            continue
        s, e = int(ent["start"]), int(ent["end"])
        words = scan.text[s:e].split()
        if not words or words[-1].strip("’'s") not in heads or len(words) < 2:
            continue
        if _overlaps(scan.taken, s, e):
            continue
        name = re.sub(r"^[Tt]he\s+", "The ", scan.text[s:e]).strip()
        scan.add(_Mention(s, e, "medium", re.sub(r"['’]s?$", "", name), "other"))


def _named_after(scan: _MediaScan, end: int) -> bool:
    """A capitalised name follows ``end`` and a media mention starts right there."""
    return bool(re.match(r"\s+(?:[A-Z][\w-]*\s*){1,4}", scan.text[end : end + 40])) and any(
        mm.start >= end and mm.start - end <= 2 for mm in scan.mentions
    )


def _unnamed_medium(scan: _MediaScan, m: re.Match[str]) -> _Mention | None:
    """One match of the unnamed-media pattern as a mention: "a local newspaper" (unnamed),
    "the newspaper" (an anaphor for an outlet named before), or None."""
    s, e = m.span()
    if m.group("det") is None and not m.group("mods"):
        return None  # a bare noun ("newspaper") is not a mention of one medium
    if m.group("det") is None:
        s = m.start("mods")
    if _overlaps(scan.taken, s, e):
        return None
    if _named_after(scan, e):
        return None  # "French broadcaster LCI": the appositive name is the medium
    noun = m.group("noun")
    mtype = _terms()["nouns"][noun]
    bare = not m.group("mods").strip()
    if mtype == "generic" and bare:
        return None  # "the media", "the press": no outlet in particular
    if noun in _ADJECTIVAL and _noun_follows(scan.doc, e):
        return None  # "a TV interview", "a radio ad": the noun describes something else
    if (m.group("det") or "").lower() == "the" and bare:
        return _Mention(s, e, "anaphor", noun, mtype)
    return _Mention(s, e, "unnamed", scan.text[s:e], mtype)


def _unnamed_media(scan: _MediaScan) -> None:
    """Media described, not named: "a local newspaper", "the broadcaster"."""
    for m in _terms()["unnamed"].finditer(scan.text):
        mention = _unnamed_medium(scan, m)
        if mention is not None:
            scan.add(mention)


#: The media finders, in order: a span one claims is not looked at by those after it.
_MEDIA_FINDERS = (_gazetteer_media, _headed_outlets, _unnamed_media)


def _media_mentions(doc: Doc, entities: list[dict[str, Any]]) -> list[_Mention]:
    """Every media mention of the article, in text order (``_MEDIA_FINDERS``)."""
    scan = _MediaScan(doc, doc_text(doc), entities)
    for finder in _MEDIA_FINDERS:
        finder(scan)
    return sorted(scan.mentions, key=lambda x: x.start)


def _cue(doc: Doc, text: str, entry: dict[str, Any], m: re.Match[str], offset: int) -> tuple[
    str, int, int
]:
    """(cue, cue_start, cue_end) for a matched cue regex; ``offset`` maps match to doc text."""
    if "cue" in m.re.groupindex and m.group("cue"):
        cs, ce = m.start("cue") + offset, m.end("cue") + offset
        word = text[cs:ce].lower()
        span = doc.char_span(cs, ce, alignment_mode="expand")
        lemma = span[-1].lemma_.lower() if span is not None and len(span) else word
        if lemma == word:  # the model keeps some forms; fall back to small tables
            lemma = _DOC_NOUN_LEMMAS.get(word) or _VERB_LEMMAS.get(word) or word
        return lemma, cs, ce
    s, e = m.span()
    words = m.group().strip()
    lead = len(m.group()) - len(m.group().lstrip())
    return entry["cue"], s + offset + lead, s + offset + lead + len(words)


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    try:
        sents = list(doc.sents)
    except ValueError:  # no sentence boundaries set (blank pipeline)
        return [0], [len(doc_text(doc))]
    return [s.start_char for s in sents], [s.end_char for s in sents]


def _find_cue(
    doc: Doc, text: str, start: int, end: int, bounds: tuple[list[int], list[int]], applies: str
) -> tuple[str, int, int] | None:
    starts, ends = bounds
    k = max(bisect.bisect_right(starts, start) - 1, 0)
    left_from = max(starts[k], start - _LEFT)
    right_to = min(ends[k] if k < len(ends) else len(text), end + _RIGHT)
    left = text[left_from:start]
    # "speaking to the BBC": the article before a name is not part of the cue.
    left = _TRAILING_THE.sub("", left)
    right = text[end:right_to]
    cues = _cues()
    for entry in cues["before"]:
        if entry["applies_to"] != applies:
            continue
        m = entry["regex"].search(left)
        if m:
            return _cue(doc, text, entry, m, left_from)
    for entry in cues["after"]:
        if entry["applies_to"] != applies:
            continue
        if entry["requires"] is not None and not entry["requires"].search(left):
            continue
        m = entry["regex"].match(right)
        if m:
            return _cue(doc, text, entry, m, end)
    return None


def _compatible(medium_type: str | None, wanted: str | None) -> bool:
    return wanted in (None, "any") or medium_type in (wanted, "other")


@dataclass(frozen=True)
class _Cited:
    """What a media mention cites once short aliases and anaphors are resolved."""

    cited: str
    medium_type: str | None
    kind: str
    resolved_from: str | None = None


def _resolve(mention: _Mention, named: list[_Mention], text: str) -> _Cited | None:
    """"the Times" → the "... Times" outlet named before (else None); "the newspaper" → the
    last compatible outlet named before, else an unnamed medium (or None for the nouns that
    say nothing on their own)."""
    surface = text[mention.start : mention.end]
    if mention.kind == "short":
        prior = [n for n in reversed(named) if any(c.canonical == n.cited
                                                   for c in mention.candidates)]
        return _Cited(prior[0].cited, prior[0].medium_type, "medium", surface) if prior else None
    if mention.kind == "anaphor":
        prior = [n for n in reversed(named) if _compatible(n.medium_type, mention.medium_type)]
        if prior:
            return _Cited(prior[0].cited, prior[0].medium_type, "medium", surface)
        if mention.cited in _terms()["dropped"]:
            return None
        return _Cited(surface, mention.medium_type, "unnamed")
    return _Cited(mention.cited, mention.medium_type, mention.kind)


def _media_citations(doc: Doc, text: str, mentions: list[_Mention],
                     bounds: tuple[list[int], list[int]]) -> list[dict[str, Any]]:
    """Media mentions with a citing cue ("told Reuters", "the newspaper reported")."""
    records: list[dict[str, Any]] = []
    named: list[_Mention] = []  # named media seen so far (for anaphors and short aliases)
    for mention in mentions:
        cited = _resolve(mention, named, text)
        if cited is None:
            continue
        if cited.kind == "medium":
            named.append(_Mention(mention.start, mention.end, "medium", cited.cited,
                                  cited.medium_type))
        found = _find_cue(doc, text, mention.start, mention.end, bounds, "medium")
        if found is None:
            continue
        cue, cue_start, cue_end = found
        records.append(_record(text, mention.start, mention.end, cited.cited, cue, cited.kind,
                               cited.medium_type, cited.resolved_from, cue_start, cue_end))
    return records


def _issued_documents(doc: Doc, text: str, entities: list[dict[str, Any]],
                      media_spans: list[tuple[int, int]],
                      bounds: tuple[list[int], list[int]]) -> list[dict[str, Any]]:
    """Documents (reports, studies, memos) issued by an organisation, person or place."""
    records = []
    for ent in entities:
        if ent.get("label") not in _ISSUER_LABELS:
            continue
        s, e = int(ent["start"]), int(ent["end"])
        if _overlaps(media_spans, s, e):
            continue
        found = _find_cue(doc, text, s, e, bounds, "document")
        if found is None:
            continue
        cue, cue_start, cue_end = found
        cited = ent.get("canonical") or text[s:e]
        records.append(_record(text, s, e, cited, cue, "document", None, None, cue_start, cue_end))
    return records


def _described_documents(text: str) -> list[dict[str, Any]]:
    """"according to a leaked memo": documents described, not issued by a named source."""
    records = []
    for m in _terms()["documents"].finditer(text):
        s, e = m.span("doc")
        records.append(_record(text, s, e, text[s:e].lower(), "according to", "document", None,
                               None, m.start(), m.start() + len("according to")))
    return records


def from_doc(doc: Doc, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Citation records of one parsed document (no doc_id), in text order: cited media,
    documents their issuers are said to publish, and documents described."""
    text = doc_text(doc)
    bounds = _sentence_bounds(doc)
    mentions = _media_mentions(doc, entities)
    media_spans = [(m.start, m.end) for m in mentions]
    records = (_media_citations(doc, text, mentions, bounds)
               + _issued_documents(doc, text, entities, media_spans, bounds)
               + _described_documents(text))
    records.sort(key=lambda r: (r["start"], r["end"]))
    return records


def _record(text: str, start: int, end: int, cited: str, cue: str, kind: str,
            medium_type: str | None, resolved_from: str | None, cue_start: int,
            cue_end: int) -> dict[str, Any]:
    return {
        "cited": cited,
        "cue": cue,
        "start": start,
        "end": end,
        "surface": text[start:end],
        "kind": kind,
        "medium_type": medium_type,
        "resolved_from": resolved_from,
        "cue_start": cue_start,
        "cue_end": cue_end,
    }


def extract(docs: Any) -> pd.DataFrame:
    """Cited-media table for ``docs`` (str, strings, or documents table); runs the whole
    pipeline through ``helpers.api`` (see ``helpers.registry``)."""
    return extract_table("citations", docs)
