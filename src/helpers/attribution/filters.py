"""Filters: final bounds, duplicates, nesting, and the type of each attribution.

- :func:`settle_bounds`: trim each content; a content with quotations spans them all;
  else it runs on over a split hyphenated word, over a sentence start the parser invented
  in mid-clause (rules whose content is the subtree right of the cue), stops at a sentence
  end missed after an abbreviation, and keeps a closing quotation mark;
- :func:`drop_duplicates`: one attribution per content span (the most confident rule's);
- :func:`drop_nested`: an act another cue asks of someone ("told X never to speak of
  it"), and an attribution inside another's content that repeats the outer speaker ("The
  White House said it believes X"), or any non-speech cue inside a reported clause
  ("Bamberg said the videos show ..."), is part of the outer one;
- :func:`quote_type`: direct (quotation only, apart from the attribution inside it),
  mixed (reported speech with quoted words) or indirect.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicons import cue_lexicon, frame, word_set
from ..speakers import Mentions
from .bounds import abbreviation_break, close_quotes, glued_word_end, missed_boundary, trim
from .marks import QUOTE_CHARS
from .records import Attribution

#: forms whose content is the parse subtree to the right of the cue
_RIGHTWARD = frozenset({"ccomp", "dobj", "prep", "rest", "xcomp", "noun", "support", "adj"})


def settle_bounds(doc: Doc, text: str, mentions: Mentions, a: Attribution) -> bool:
    """Final content bounds of ``a``; False when too little content is left."""
    a.content_start, a.content_end = trim(text, a.content_start, a.content_end)
    if a.content_end - a.content_start < 2:
        return False
    if a.quotes:
        a.content_start = min(a.content_start, min(s for s, _ in a.quotes))
        a.content_end = max(a.content_end, max(e for _, e in a.quotes))
        return True
    a.content_end = glued_word_end(doc, text, a.content_end)
    if a.form in _RIGHTWARD:
        a.content_end = missed_boundary(doc, mentions, text, a.content_start, a.content_end)
    a.content_end = abbreviation_break(doc, mentions, a.content_start, a.content_end)
    a.content_start, a.content_end = close_quotes(text, a.content_start, a.content_end)
    return True


def drop_duplicates(doc: Doc, text: str, mentions: Mentions, attrs: list[Attribution]
                    ) -> list[Attribution]:
    """The attributions with content, bounds settled, one per content span: a cue whose
    content repeats another's is a duplicate (the more confident rule wins)."""
    kept = [a for a in attrs if a.form != "bare" and a.content_end > a.content_start]
    kept.sort(key=lambda a: (a.content_start, -a.confidence))
    final: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    for a in kept:
        if not settle_bounds(doc, text, mentions, a):
            continue
        key = (a.content_start, a.content_end)
        if key in seen:
            continue
        seen.add(key)
        final.append(a)
    return final


def drop_nested(attrs: list[Attribution], doc: Doc) -> list[Attribution]:
    """An attribution inside another's content that repeats the outer speaker ("The White
    House said it believes X": a pronoun, or a belief/intention) is part of what the outer
    speaker said: one attribution, the outer one. So is any non-speech cue inside a reported
    clause ("Bamberg said the videos show ...", "said Democrats accused ..."). Reports of
    someone else's words ("said the paper reported ..."), acts inside a sentence-level source
    ("Blinken ... advocated ..., the newspaper stated"; "according to X, ...") and relative
    clauses stay separate (``nested`` in ``data/quote_frames.csv``). An act the outer cue
    asks of someone else ("told X never to speak of it") is no report at all."""
    spans = sorted((a.content_start, a.content_end, n) for n, a in enumerate(attrs))
    dropped = _infinitive_acts(attrs, doc)
    # Outer attributions first (longest content first), so that an attribution folded into
    # another one is no longer the outer one of what it contains ("Bamberg said [the videos
    # do not show ...], the footage showed": "show" is Bamberg's, like "showed")
    for n in sorted(range(len(attrs)), key=lambda k: (
            attrs[k].content_start - attrs[k].content_end, attrs[k].content_start)):
        a = attrs[n]
        outer = _outer(attrs, spans, dropped, n)
        if outer is None or a.quotes or in_relative_clause(doc[a.cue_i]) and not _thing_shows(a):
            continue
        if _folds_into(a, outer):
            dropped.add(n)
    return [a for n, a in enumerate(attrs) if n not in dropped]


def _infinitive_acts(attrs: list[Attribution], doc: Doc) -> set[int]:
    """Attributions whose cue is the infinitive of another attribution's cue that asks
    someone to act ("told his officers never to speak of it", "Asked to describe it, X
    said"): an act asked for, not performed -- what the other cue reports."""
    cues = {a.cue_i for a in attrs if a.cue_i >= 0}
    return {n for n, a in enumerate(attrs) if a.cue_i >= 0 and not a.quotes and (
        _asked_act(doc[a.cue_i]) and doc[a.cue_i].head.i in cues - {a.cue_i})}


def _asked_act(tok: Token) -> bool:
    """Is ``tok`` the infinitive of a verb that asks someone else to act: an object before
    it ("told his officers never to speak") or a passive ("Asked to describe it, ...")?"""
    if tok.dep_ != "xcomp":
        return False
    head = tok.head
    return head.tag_ == "VBN" and head.dep_ != "ROOT" or any(
        c.dep_ in ("dobj", "dative", "nsubjpass") and c.i < tok.i for c in head.children)


def _outer(attrs: list[Attribution], spans: list[tuple[int, int, int]], dropped: set[int],
           n: int) -> Attribution | None:
    """The first attribution (not dropped) whose content contains ``attrs[n]``'s cue and
    content."""
    a = attrs[n]
    for s, e, m in spans:
        if s > a.cue_start:
            break
        if m != n and m not in dropped and s <= a.cue_start and a.content_end <= e and (
            a.content_start >= s
        ):
            return attrs[m]
    return None


def _thing_shows(a: Attribution) -> bool:
    """"X said the records that showed Y ...": a relative clause whose subject is a thing
    ("that", "which") and whose cue is no speech (a finding, a belief) is evidence the outer
    speaker cites, part of what they said -- unlike "the aide who said ..."."""
    spk = a.speaker_tok
    cue = cue_lexicon().get((a.cue.split()[0], "VERB"))
    return spk is not None and spk.lower_ in ("that", "which") and (
        cue is None or not frame(cue.frame).speech_act
    )


def _folds_into(a: Attribution, outer: Attribution) -> bool:
    """Is ``a``, inside ``outer``'s content, part of what the outer speaker said?"""
    spk = a.speaker_tok
    inside = spk is not None and outer.content_start <= spk.idx < outer.content_end
    cue = cue_lexicon().get((a.cue.split()[0], "VERB"))
    # "PENCE: ..." names its speaker; a cue that is no verb is an intention
    name = "speech" if a.cue == ":" else (cue.frame if cue is not None else "intent")
    nested = frame(name).nested
    if inside and (spk.pos_ == "PRON" or nested == "drop"):  # type: ignore[union-attr]
        return True
    # ... unless the outer attribution is the source of the whole sentence ("..., the
    # newspaper stated", "according to X, ..."): then each act inside is reported
    return nested != "keep" and not (
        outer.form == "according" or outer.cue_start >= outer.content_end
    )


def in_relative_clause(tok: Token) -> bool:
    """Is cue ``tok`` inside a relative clause ("the man who said ...")? Not the clause of a
    content noun about the speaker himself ("denied suggestions he wanted to leave")."""
    for t in (tok, *tok.ancestors):
        if t.dep_ in ("relcl", "acl"):
            return not (t.i == tok.i and _content_clause(t))
        if t.dep_ in ("ccomp", "ROOT"):
            return False
    return False


def _content_clause(t: Token) -> bool:
    """"denied suggestions he wanted to leave": what was suggested about the speaker
    himself, part of the outer report (``content_noun`` in ``data/quote_word_sets.csv``)."""
    return t.head.lemma_.lower() in word_set("content_noun") and any(
        c.dep_ in ("ccomp", "xcomp") for c in t.children
    ) and not any(c.tag_ in ("WDT", "WP", "WP$") for c in t.children) and any(
        c.dep_ == "nsubj" and c.pos_ == "PRON" for c in t.children
    )


def quote_type(text: str, a: int, b: int, quotes: list[tuple[int, int]],
               attribution: tuple[int, int] | None = None) -> str:
    """direct: the content is quotation only (apart from the speaker and cue inside it, as in
    “A,” he said, “B.”); mixed: reported speech with quoted words; else indirect."""
    inside = [(max(s, a), min(e, b)) for s, e in quotes if s < b and e > a]
    if not inside:
        if any(ch in QUOTE_CHARS for ch in text[a:b] if ch not in "’'"):
            return "mixed"
        return "indirect"
    cut = sorted(inside + ([attribution] if attribution else []))
    rest = 0
    pos = a
    for s, e in cut:
        if s > pos:
            rest += sum(ch.isalnum() for ch in text[pos : min(s, b)])
        pos = max(pos, e)
    if pos < b:
        rest += sum(ch.isalnum() for ch in text[pos:b])
    return "direct" if rest <= 0.05 * (b - a) else "mixed"
