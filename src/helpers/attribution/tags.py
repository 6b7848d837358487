"""Speech tags: a quotation with a speaker and a verb next to it, whatever the verb.

"“Go,” Trump implored.", "“Really?” asked the campaign manager.", "“Thanks!” responded
Ms. Lee.", "“...,” she fumed in a statement": the words after a quotation decide that it has
a speaker, not the cue lexicon. A tag is a short clause right after the quotation (after its
comma, or its own "?", "!" or comma before the closing mark) made of

- a speaker and a verb, in either order (``subject_first`` "she fumed", ``verb_first``
  "asked the campaign manager"), or after "was how" (``how_put``: "was how Lee put it");
  the speaker is a name, a noun phrase or a personal pronoun, optionally with one
  appositive between commas ("Kim, a teacher, wrote");
- or a verb with an "as" phrase whose participle reports (``quoted_as``: "X was quoted as
  saying", "the paper quoted X as saying": the one quoted speaks), or a verb the tagger
  read as the last noun of the speaker's phrase (``verb_read_as_noun``: "a statement
  read"; the parse hangs the quoted clause from it);
- then nothing of its own: the sentence ends, or a comma, or adjuncts follow ("back", "in a
  statement", "on Tuesday", "to reporters") -- never a clause of its own ("he said the plan
  would fail": that verb reports a clause, :mod:`.verbs` reads it).

Each tag is a bare cue (rule ``speech_tag``); attached to its quotation (:mod:`.attach`) it
becomes ``quotation_at_cue`` when the verb is in the cue lexicon, else ``quotation_at_tag``
(the lexicon scores the attribution; it does not decide whether there is one). The verbs a
tag claims are not offered to the cue rules again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicons import cue_lexicon, word_set
from .gaps import after_preposition, plain_quotation
from .marks import QUOTE_CHARS, inner
from .records import Attribution, Context, bare

#: Parts of speech a speaker's noun phrase is made of ("the campaign manager", "Ms. Lee").
_NP_POS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM", "PART"})
#: Finite verbs: a tail that has one is a clause of its own, not a tag's adjunct.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Tags of a verb form a speech tag uses ("said", "says", "implored" tagged as a participle).
_VERB_TAGS = frozenset({"VBD", "VBZ", "VBN", "VBP"})
#: Words that end a tag's clause ("... to reporters who ...", "... after the game, adding").
_STOPS = frozenset({",", ";", ":", "—", "–", "-", "(", "who", "which", "whom"})
_MAX_TOKENS = 30
_MAX_NP = 8


@dataclass(frozen=True)
class Tag:
    """A speech tag: its verb, the head of its speaker's noun phrase and the shape."""

    verb: Token
    speaker: Token
    shape: str


def speech_tags(ctx: Context) -> list[Attribution]:
    """Bare cues of the speech tags after the document's quotations."""
    out = []
    for qs, qe in ctx.quotes:
        tag = tag_after(ctx, qs, qe)
        if tag is None:
            continue
        v = tag.verb
        attr = bare((v.lemma_.lower(), v.idx, v.idx + len(v)), tag.speaker, v.i, "speech_tag")
        attr.on_quotation = ("quotation_at_cue" if (v.lemma_.lower(), "VERB") in cue_lexicon()
                             else "quotation_at_tag")
        ctx.tags[qs] = attr
        out.append(attr)
    return out


def tag_after(ctx: Context, qs: int, qe: int) -> Tag | None:
    """The speech tag right after the quotation ``qs..qe``, if its words are one."""
    if after_preposition(ctx.doc, qs) and not plain_quotation(ctx.text, qs, qe):
        return None  # "As a boss on “The Apprentice,” Trump demeaned ...": a title
    toks = _clause_after(ctx, qs, qe)
    if not toks:
        return None
    for _name, shape in SHAPES:
        tag = shape(toks)
        if tag is not None:
            return tag
    return None


def _clause_after(ctx: Context, qs: int, qe: int) -> list[Token]:
    """The words after the quotation up to the end of their sentence (at most a few)."""
    text, doc = ctx.text, ctx.doc
    words = inner(text, qs, qe).rstrip()
    gap_end = qe
    while gap_end < len(text) and text[gap_end] in " \t,":
        gap_end += 1
    gap = text[qe:gap_end]
    if not (words.endswith((",", "?", "!", "—", "–", "…")) or "," in gap):
        return []  # "... the “phony system” he attacked": no tag without the punctuation
    first = _token_at(doc, len(text), gap_end)
    if first is None:
        return []
    out = []
    for tok in doc[first.i : first.i + _MAX_TOKENS]:
        if "\n" in tok.text or tok.text in (".", "!", "?") or (
            tok.text in QUOTE_CHARS and not _possessive_mark(tok)
        ):
            break
        out.append(tok)
    return out


def _token_at(doc: Doc, length: int, pos: int) -> Token | None:
    # ``length`` is the text's: Doc.text joins every token's text again at each call
    span = doc.char_span(pos, min(length, pos + 1), alignment_mode="expand")
    if span is None or len(span) == 0 or span[0].idx != pos:
        return None
    return span[0]


# --- shapes -----------------------------------------------------------------------------------


def _subject_first(toks: list[Token]) -> Tag | None:
    """"she fumed", "the campaign manager wrote back", "Kim, a teacher, said on Tuesday", "a
    spokesman for the mayor told The Times"."""
    head, i = _noun_phrase(toks, 0)
    if head is None:
        return None
    i = _parenthesis(toks, _modifier(toks, i))
    i, name = _appositive(toks, i)
    if name is not None and head.pos_ == "NOUN":
        head = name  # "the tenants’ lawyer, Ana Diaz, said": the name is the speaker
    while i < len(toks) and toks[i].pos_ == "ADV":
        i += 1  # "she later wrote"
    if i >= len(toks) or not _verb_like(toks[i]):
        return None
    verb = toks[i]
    return Tag(verb, head, "subject_first") if _adjuncts_only(toks[i + 1 :]) else None


def _verb_first(toks: list[Token]) -> Tag | None:
    """"asked the campaign manager", "responded Ms. Lee", "says Kim, a teacher"."""
    verb = toks[0]
    if not _verb_like(verb) or verb.tag_ == "VBN" and verb.lower_.endswith("en"):
        return None
    head, i = _noun_phrase(toks, 1)
    if head is None or head.pos_ == "PRON" and head.lower_ not in word_set("tag_pronoun"):
        return None
    return Tag(verb, head, "verb_first") if _adjuncts_only(toks[i:]) else None


def _quoted_as(toks: list[Token]) -> Tag | None:
    """"the charity was quoted as saying", "the paper quoted Ms Lane as saying": a verb
    (active or passive) with an "as" phrase whose participle reports; the speaker is the
    object the verb names (the one quoted), else its subject, and the participle is the
    cue."""
    head, i = _noun_phrase(toks, 0)
    if head is None:
        return None
    while i < len(toks) and (toks[i].pos_ in ("ADV", "AUX") or toks[i].dep_ == "auxpass"):
        i += 1  # "was", "is often"
    if i + 2 >= len(toks) or not _verb_like(toks[i]):
        return None
    quoted, j = _noun_phrase(toks, i + 1)
    j = j if quoted is not None else i + 1
    if quoted is not None and j < len(toks) and toks[j].pos_ == "ADP" and toks[j].lower_ != "as":
        j = _noun_phrase(toks, j + 1)[1]  # "an insider in the talks as saying"
    if j + 1 >= len(toks) or toks[j].lower_ != "as" or toks[j + 1].tag_ != "VBG":
        return None
    cue = toks[j + 1]
    if (cue.lemma_.lower(), "VERB") not in cue_lexicon() or not _adjuncts_only(toks[j + 2 :]):
        return None
    return Tag(cue, quoted if quoted is not None else head, "quoted_as")


def _verb_read_as_noun(toks: list[Token]) -> Tag | None:
    """"“...,” a station statement read.": the tagger read the tag's verb as the last noun
    of its subject; the parse still hangs the quoted clause from it (a "ccomp" before it),
    and it is a reporting verb of the lexicon. The noun before it speaks."""
    head, i = _noun_phrase(toks, 0)
    if head is None or head.pos_ != "NOUN" or not head.text.islower() or head.i == toks[0].i:
        return None
    if (head.lower_, "VERB") not in cue_lexicon() or not any(
        c.dep_ == "ccomp" and c.i < toks[0].i for c in head.children
    ):
        return None
    speaker = head.doc[head.i - 1]
    if speaker.pos_ not in ("NOUN", "PROPN") or not _adjuncts_only(toks[i:]):
        return None
    return Tag(head, speaker, "verb_read_as_noun")


def _how_put(toks: list[Token]) -> Tag | None:
    """"was how Ann Lee put it", "is how she described it": the quotation is what the
    copula equates with the way the speaker said it."""
    if len(toks) < 4 or toks[0].lemma_ != "be" or toks[0].pos_ != "AUX" or (
        toks[1].lower_ != "how"
    ):
        return None
    tag = _subject_first(toks[2:])
    if tag is None or not any(c.dep_ == "dobj" for c in tag.verb.children):
        return None  # "is how it works": no one said it
    return Tag(tag.verb, tag.speaker, "how_put")


Shape = Callable[[list[Token]], "Tag | None"]
#: The shapes of a speech tag, in the order they are tried.
SHAPES: tuple[tuple[str, Shape], ...] = (
    ("quoted_as", _quoted_as),
    ("subject_first", _subject_first),
    ("verb_first", _verb_first),
    ("how_put", _how_put),
    ("verb_read_as_noun", _verb_read_as_noun),
)


# --- pieces -----------------------------------------------------------------------------------


def _noun_phrase(toks: list[Token], i: int) -> tuple[Token | None, int]:
    """The head of the speaker's noun phrase starting at ``toks[i]`` (a personal pronoun, or
    a run of name and noun words ending in a name or a noun) and the index after it."""
    if i >= len(toks):
        return None, i
    if toks[i].pos_ == "PRON":
        ok = toks[i].lower_ in word_set("tag_pronoun")
        return (toks[i], i + 1) if ok else (None, i)
    j = i
    while j < len(toks) and j - i < _MAX_NP and _np_word(toks[j], j > i):
        j += 1
    heads = [t for t in toks[i:j] if t.pos_ in ("NOUN", "PROPN") or _capitalised(t)]
    if not heads:
        return None, i
    head = heads[-1]
    if head.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL"):
        return None, i
    return head, head.i - toks[0].i + 1


def _np_word(tok: Token, inside: bool) -> bool:
    """A word of a speaker's noun phrase: a determiner, adjective, noun or name -- also a
    capitalised word the tagger read as a verb ("Trump implored")."""
    if tok.tag_ == "POS" or _possessive_mark(tok):
        return inside  # "the tenants’ lawyer", "the mayor's aide"
    if tok.pos_ in _NP_POS:
        return tok.pos_ != "PART"
    return _capitalised(tok)


def _possessive_mark(tok: Token) -> bool:
    """An apostrophe glued to a plural ("the tenants’ lawyer"), not a closing quote mark."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return tok.text in ("’", "'") and prev is not None and not prev.whitespace_ and (
        prev.lower_.endswith("s") and prev.is_alpha and bool(tok.whitespace_)
    )


def _capitalised(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and tok.pos_ not in ("PRON", "ADP", "CCONJ")


def _modifier(toks: list[Token], i: int) -> int:
    """Past a prepositional phrase that says whose the speaker is ("a spokesman for the
    mayor", "the head of the union"): the speaker stays the first noun."""
    if i < len(toks) and toks[i].lower_ in word_set("speaker_of_prep"):
        _head, j = _noun_phrase(toks, i + 1)
        if _head is not None and _head.pos_ != "PRON":
            return j
    return i


def _parenthesis(toks: list[Token], i: int) -> int:
    """Past a short parenthesis after the speaker ("Rep. Jo Roe (D-Ohio) said")."""
    if i >= len(toks) or toks[i].text != "(":
        return i
    for j in range(i + 1, min(len(toks), i + 8)):
        if toks[j].text == ")":
            return j + 1
    return i


def _appositive(toks: list[Token], i: int) -> tuple[int, Token | None]:
    """Past one appositive or relative clause between commas after the speaker ("Kim, a
    teacher, said", "the official, who asked not to be named, said"); second value: the
    appositive's name, if it is one ("the lawyer, Ana Diaz, said")."""
    if i >= len(toks) or toks[i].text != ",":
        return i, None
    for j in range(i + 1, len(toks)):
        if toks[j].text == ",":
            inside = toks[i + 1 : j]
            relative = bool(inside) and inside[0].tag_ in ("WP", "WDT", "WP$")
            if inside and (relative or not any(t.tag_ in _FINITE for t in inside)):
                # "Kim, a teacher,", "the official, who asked not to be named,"
                name = inside[-1] if all(t.pos_ == "PROPN" for t in inside) else None
                return j + 1, name
            return i, None
    return i, None


def _verb_like(tok: Token) -> bool:
    """A finite-looking verb of speaking or acting: lower case, tagged as a verb form
    (past, present, or a past read as a participle: "Trump implored")."""
    if not tok.is_alpha or not tok.text.islower() or tok.pos_ == "AUX" and tok.lemma_ != "say":
        return False
    return tok.tag_ in _VERB_TAGS or (tok.pos_ == "VERB" and tok.tag_ != "VBG")


def _adjuncts_only(tail: list[Token]) -> bool:
    """Does the tag's tail hold no clause of its own ("back", "in a statement", "to
    reporters", "on Tuesday", or nothing before a comma)?"""
    for tok in tail:
        if tok.text in _STOPS or tok.lower_ in _STOPS:
            return True
        if tok.tag_ in _FINITE or tok.pos_ in ("SCONJ", "AUX") or (
            tok.lower_ in word_set("tag_pronoun") and tok.lower_ != "it"
        ):
            return False  # "he said the plan would fail", "she said that ...", "he said he"
        if tok.pos_ == "VERB" and tok.tag_ in ("VB", "VBG", "VBN"):
            return False  # "he urged them to leave", "she said hoping ..."
    return True
