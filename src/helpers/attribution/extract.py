"""``from_doc``: one parsed document to quote records -- detect, attach, filter, resolve."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from ..nlp import doc_text
from ..speakers import Discourse, Mentions, Resolution, resolve
from .attach import attach
from .cues import detect
from .filters import drop_duplicates, drop_nested, quote_type
from .leads import colon_leads, inverted_leads
from .marks import quote_spans
from .records import Attribution, Context
from .tags import speech_tags

#: Confidence factor when the speaker could not be resolved to a named entity.
UNRESOLVED_FACTOR = 0.8


def from_doc(doc: Doc, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote records of one parsed document (no doc_id); ``quote_id`` is local ("q1", ...)."""
    text = doc_text(doc)
    if not text.strip():
        return []
    quotes = quote_spans(text)
    ctx = Context(doc, text, Mentions.build(doc, entities, quotes), quotes)
    # detect: speech tags after quotations, cues from the parse, lead-ins the layout makes
    attrs = speech_tags(ctx)
    attrs += detect(ctx, claimed=frozenset(a.cue_i for a in attrs))
    attrs += colon_leads(ctx)
    attrs += inverted_leads(ctx)
    # attach: quotations to the cue next to them (or new attributions for them)
    attrs += attach(ctx, attrs)
    # filter: settled bounds, one attribution per content, nested ones folded
    final = drop_nested(drop_duplicates(doc, text, ctx.mentions, attrs), doc)
    # resolve: speakers in text order, so that salience (who spoke last) is known
    final.sort(key=lambda a: (min(a.cue_start, a.content_start), a.content_start))
    discourse = Discourse()
    resolved = []
    for a in final:
        res, discourse = _resolve(a, ctx.mentions, discourse)
        resolved.append((a, res))
    resolved.sort(key=lambda r: (r[0].content_start, r[0].content_end))
    return [_record(n, text, quotes, a, res) for n, (a, res) in enumerate(resolved, start=1)]


def _resolve(a: Attribution, mentions: Mentions, discourse: Discourse
             ) -> tuple[Resolution, Discourse]:
    """The speaker of ``a`` (a continued quotation's is its predecessor's), and the
    discourse after it."""
    if a.inherited is not None and a.inherited.resolution is not None:
        r = a.inherited.resolution
        res = Resolution(r.start, r.end, r.canonical, r.entity_id, r.kind)
    elif a.speaker_tok is None:
        res = Resolution(0, 0)
    else:
        res, discourse = resolve(mentions, discourse, a.speaker_tok,
                                 (a.content_start, a.content_end))
        if a.speaker_override is not None:
            res.start, res.end = a.speaker_override
    a.resolution = res
    if a.speaker_tok is not None and (res.kind != "owned" or res.canonical is None):
        # "his aides" is not a referent for later pronouns: it must not become the last speaker
        label = (res.entity_id or "").split(":", 1)[0]
        discourse = discourse.after_speaker(a.speaker_tok, res.canonical, res.entity_id, label)
    return res, discourse


def _record(n: int, text: str, quotes: list[tuple[int, int]], a: Attribution,
            res: Resolution) -> dict[str, Any]:
    cs, ce = a.content_start, a.content_end
    confidence = a.confidence * (UNRESOLVED_FACTOR if res.canonical is None else 1.0)
    speaker = text[res.start : res.end] if res.end > res.start else None
    return {
        "quote_id": f"q{n}",
        "type": quote_type(text, cs, ce, quotes, _attribution_span(a, res)),
        "content": text[cs:ce],
        "content_start": cs,
        "content_end": ce,
        "speaker": speaker,
        "speaker_start": res.start if speaker is not None else None,
        "speaker_end": res.end if speaker is not None else None,
        "speaker_canonical": res.canonical,
        "speaker_entity_id": res.entity_id,
        "cue": a.cue,
        "cue_start": a.cue_start,
        "cue_end": a.cue_end,
        "confidence": round(confidence, 3),
        "rule": a.rule,
    }


def _attribution_span(a: Attribution, res: Resolution) -> tuple[int, int]:
    """From the speaker to the cue (either order), e.g. "Peter Hansen said" or "said X"."""
    points = [a.cue_start, a.cue_end]
    if res.end > res.start:
        points += [res.start, res.end]
    qs = sorted(a.quotes)
    for (_s1, e1), (s2, _e2) in zip(qs, qs[1:], strict=False):
        if e1 <= min(points) and max(points) <= s2:
            return e1, s2  # “A,” Schiff told reporters on Wednesday, “but B”: all of it
    return min(points), max(points)
