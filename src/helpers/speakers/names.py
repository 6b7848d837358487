"""Speakers named by a name: an entity mention, its apposition, or a name the NER missed.

- :func:`misread_title`: "Vance accused Moreau of being a" tagged as a work of art → the
  person it starts with;
- :func:`entity_name`: the mention's entity; a lone surname goes to the namesake just named
  in full as a subject (:func:`namesake`), "Sir Howard" to the knight named in full
  (:func:`knighted`); coordinated names of the same kind are all named ("Mr. Orlen and
  Ms. Bayle say"); "Mr. Vance" linked to "Claire Vance" keeps the name as written;
- :func:`apposition_of_name` / :func:`named_apposition`: "Tom Reed (D), Vance's opponent,
  said" → the name the description is an apposition of; "a spokesperson ..., Ruth Kell" →
  the apposition's name;
- :func:`name_ending_title`: "Shadow spokesman for sport Hugh Robertson said" → the full
  name that ends the title phrase;
- :func:`surname_after_given_name`: "Deputy Speaker Sylvia Heal" with only "Sylvia" tagged
  → "Sylvia Heal";
- :func:`missed_name`: a proper noun the NER missed → an entity whose name ends with it, a
  full name one letter off (a misspelling), or the proper noun as written.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import descriptions, first_names, one_letter_off, parties, titles, word_set
from .mentions import Mentions
from .roles import role_of
from .state import Query, Resolution

#: How recent (in sentences) a full name must be to claim a lone surname from its namesake.
NAMESAKE_WINDOW = 2
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def misread_title(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """A clause tagged as a work of art ("Vance accused Moreau of being a"): the person
    whose surname starts it."""
    m = q.mentions.at(head)
    if m is None or m.label != "WORK_OF_ART" or not any(
        t.pos_ == "VERB" for t in q.mentions.doc[m.start : m.end]
    ):
        return None
    bearers = q.mentions.surnames.get(head.lower_, ())
    if head.pos_ == "PROPN" and bearers:
        return Resolution(head.idx, head.idx + len(head), *q.mentions[bearers[0]].record,
                          "name")
    return None


def entity_name(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """The entity the mention names (or its namesake, or the knight it names)."""
    mentions = q.mentions
    k = mentions.entity_at(head)
    if k is None:
        return None
    start, end = span
    if q.content is not None and start < q.content[0] < end and head.idx < q.content[0]:
        # the entity runs on into the reported words (title case: "Lee Slams 'Plan'" read as
        # one name): the name is the part before them
        surface = mentions.text[start : q.content[0]].rstrip()
        return Resolution(start, start + len(surface), surface, None, "name")
    mention = mentions.doc.char_span(start, end, alignment_mode="expand")
    honorific = titles().get(mention[0].lower_) if mention is not None else None
    near = namesake(mentions, k, honorific)
    if near is None:
        near = knighted(mentions, k)
    if near is not None:
        k = near
    canonical, eid = mentions[k].record
    first = canonical.split()[0].lower() if canonical else ""
    if honorific and first_names().get(first, honorific) != honorific:
        # "Mr. Vance" linked to "Claire Vance": keep the name as written
        surface = mentions.doc[mentions[k].start : mentions[k].end].text
        return Resolution(start, end, surface, None, "name")
    return Resolution(start, end, with_conjuncts(mentions, head, k), eid, "name")


def name_before_title(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """"Former minister Frank Field MP", "Jo Roe QC": a title written after the name is
    the mention's head, but the person is the name that runs right up to it."""
    if head.i == 0 or head.pos_ not in ("NOUN", "PROPN"):
        return None
    desc = descriptions().get(head.lemma_.lower())
    if desc is None or desc["kind"] != "person":
        return None
    before = q.mentions.doc[head.i - 1]
    k = q.mentions.entity_at(before)
    if k is None or q.mentions[k].label != "PERSON" or q.mentions[k].end != head.i or (
        before.head.i != head.i
    ):
        return None
    m = q.mentions[k]
    if m.end - m.start < 2 or q.mentions.doc[m.start].lower_ not in first_names():
        return None  # "a Defra spokesman", "the Lib Dem spokesman": a body tagged as a person
    return Resolution(*span, *m.record, "name")


def apposition_of_name(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """"Tom Reed (D), Vance's opponent ..., said", "China and the United States, the
    world's two biggest economies, which ...": the name(s) the apposition belongs to."""
    if head.dep_ != "appos":
        return None
    kk = q.mentions.entity_at(head.head)
    if kk is None:
        return None
    canonical = with_conjuncts(q.mentions, head.head, kk)
    return Resolution(*span, canonical, q.mentions[kk].entity_id, "name")


def named_apposition(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """"the US Secretary of State, Anton Keller" / "a spokesperson ..., Ruth Kell": the
    apposition, or a name the parser hung on it ("niece, state Del. Dora Lane (D-Newport
    News)": "Dora" as a modifier of "News"). An organisation only in apposition to the
    mention's own head ("industry analysts Screen Digest", "the regulator, Ofcom,"), not
    to a noun inside it ("a spokesman for the firm, Acme,": whom he speaks for)."""
    body = None
    for tok in head.subtree:
        if tok.i > head.i and tok.dep_ == "appos":
            for t in (tok, *(c for c in tok.lefts if c.dep_ in ("compound", "nmod"))):
                m = q.mentions.at(t)
                if m is not None and m.label == "PERSON":
                    return Resolution(*span, *m.record, "name")
                if m is not None and m.label == "ORG" and tok.head.i == head.i:
                    body = body or m
    return Resolution(*span, *body.record, "name") if body is not None else None


def name_ending_title(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """"Shadow spokesman for sport Hugh Robertson said": a long title whose prepositional
    modifier the parser ran on into the name -- the person is the full name that ends the
    subject phrase, after a common noun (or gerund: "for farming") that completes the title
    ("for sport"). Not "a spokesman for Hugh Robertson" (the preposition right before the
    name: whom the spokesman speaks for)."""
    desc = descriptions().get(head.lemma_.lower())
    if desc is None or desc["kind"] != "person" or head.pos_ != "NOUN":
        return None
    last = head.right_edge
    m = q.mentions.at(last)
    if m is None or m.label != "PERSON" or m.end != last.i + 1 or m.start <= head.i + 1:
        return None
    before = q.mentions.doc[m.start - 1]
    if m.end - m.start < 2 or not (before.pos_ == "NOUN" or before.tag_ == "VBG") or not any(
        t.dep_ == "prep" for t in q.mentions.doc[head.i + 1 : m.start]
    ):
        return None  # "the spokesman for Hugh Robertson": whom he speaks for
    return Resolution(span[0], q.mentions.doc[m.end - 1].idx + len(q.mentions.doc[m.end - 1]),
                      *m.record, "name")


def surname_after_given_name(q: Query, head: Token, span: tuple[int, int]
                             ) -> Resolution | None:
    """"Deputy Speaker Sylvia Heal said" with only "Sylvia" (or "Tory Dominic") tagged as
    a person: the head is a surname the tagger left out, and the person is named from the
    given name in that entity through the head -- the proper-noun run at the head end of
    the phrase, after its title words."""
    mentions = q.mentions
    if head.i == 0 or head.tag_ != "NNP" or not _name_like(head) or (
        mentions.entity_at(head) is not None
    ):
        return None  # a surname is one singular proper noun ("Labour MPs" is a group)
    before = mentions.doc[head.i - 1]
    m = mentions.at(before)
    if m is None or m.label != "PERSON" or m.end != head.i or before.head.i != head.i:
        return None
    # from a known given name; else the word right before the surname ("Hilda"), which
    # the tagger took for a person
    given = next((t for t in mentions.doc[m.start : m.end] if t.lower_ in first_names()
                  and t.pos_ == "PROPN"), before)
    if not _name_like(given) or given.lower_ in parties():
        return None  # "Labour MPs": a party, not a given name
    name = mentions.doc[given.i : head.i + 1].text
    return Resolution(*span, name, None, "name")


def missed_name(q: Query, head: Token, span: tuple[int, int]) -> Resolution | None:
    """A proper noun the NER missed ("PENCE:", "Mediaite argues"), or a capitalised "noun"
    alone that may be a misspelt surname ("Quilens believes")."""
    start, end = span
    if not (head.pos_ == "PROPN" or head.pos_ == "NOUN" and head.is_title and start == head.idx):
        return None
    found = by_name(q.mentions, head, exact=head.pos_ == "PROPN")
    if found is not None:
        return Resolution(start, end, found[0], found[1], "name")
    proper = proper_name(q.mentions, head)
    if proper is not None:
        return Resolution(start, end, proper, None, "name")
    return None


def namesake(mentions: Mentions, k: int, honorific: str | None) -> int | None:
    """A lone surname ("Lane") after another bearer of it was named in full as a
    subject ("Homeland Security Secretary Tom Lane says ... Lane said"): news names
    a person in full, then by surname, so that bearer is meant, not the article's
    principal bearer, as long as the surname keeps coming back (gaps of at most
    ``NAMESAKE_WINDOW`` sentences). None when no other bearer was named that recently."""
    m = mentions[k]
    if m.end - m.start != 1 or m.label != "PERSON":
        return None
    bearers = mentions.surnames.get(mentions.doc[m.start].lower_)
    if not bearers:
        return None
    canonical = m.name.lower().split()
    sent = mentions.sent_of(m.start)
    for kk in reversed(bearers):
        other = mentions[kk]
        if other.end > m.start:
            continue
        if sent - mentions.sent_of(other.start) > NAMESAKE_WINDOW:
            return None
        sent = mentions.sent_of(other.start)
        if other.end - other.start == 1:
            continue  # the surname again: the chain goes on
        return kk if _claims_surname(mentions, other, canonical, honorific) else None
    return None


def _claims_surname(mentions: Mentions, other, canonical: list[str],
                    honorific: str | None) -> bool:
    """Does the full name ``other`` claim the lone surname linked to ``canonical``?"""
    if other.name.lower().split()[:1] == canonical[:1]:
        return False  # the linked bearer is itself the latest named in full
    g = mentions.gender.get(other.entity_id)
    if honorific and g and g != honorific:
        return False
    # a namesake in passing ("his wife Dora Lane") is not the topic
    return mentions.doc[other.start : other.end].root.dep_ in _SUBJECT_DEPS


def knighted(mentions: Mentions, k: int) -> int | None:
    """"Sir Howard", "Dame Judi": British style names a knight or dame by title and
    first name after naming them in full; the PERSON whose first name it is."""
    m = mentions[k]
    doc = mentions.doc
    if m.end - m.start != 1 or m.start == 0 or (
        doc[m.start - 1].lower_ not in word_set("knightly")) or m.label != "PERSON":
        return None
    first = doc[m.start].lower_
    found = None
    for other in mentions.items:
        if other.end - other.start > 1 and other.label == "PERSON" and (
            doc[other.start].lower_ == first
        ):
            found = other.k
            if other.start > m.start:
                break
    return found


def with_conjuncts(mentions: Mentions, head: Token, k: int) -> str:
    """Canonical name of entity ``k`` (headed by ``head``), followed by those of the
    same kind coordinated with it: "Mr. Orlen and Ms. Bayle say" → both names (the
    entity id stays the first's)."""
    names = [mentions[k].name]
    for c in head.conjuncts:
        kk = mentions.entity_at(c)
        if c.i > head.i and kk is not None and kk != k and (
            mentions[kk].label == mentions[k].label
        ):
            name = mentions[kk].name
            if name not in names:
                names.append(name)
    return " and ".join(names)


def by_name(mentions: Mentions, head: Token, exact: bool = True) -> tuple[str, str] | None:
    """A proper noun the NER missed ("PENCE:"): an entity whose name ends with it, else
    (also when not ``exact``) a person named in full whose surname is one letter off."""
    word = head.text.lower()
    for k in range(len(mentions) - 1 if exact else -1, -1, -1):
        words = str(mentions[k].canonical or "").lower().split()
        if words and words[-1] == word:
            return mentions[k].record
    if len(word) < 5 or not head.text[:1].isupper():
        return None
    for k in range(len(mentions) - 1, -1, -1):
        # a misspelt surname ("Quilens" for "Dora Quillens"), of a person named in full
        words = str(mentions[k].canonical or "").lower().split()
        if mentions[k].label == "PERSON" and len(words) > 1 and (
            words[-1][:1] == word[:1] and one_letter_off(words[-1], word)
        ):
            return mentions[k].record
    return None


def _name_like(head: Token) -> bool:
    """A capitalised proper noun that is no description, title or date."""
    if head.pos_ != "PROPN" or not head.text[:1].isupper() or not head.is_alpha:
        return False
    return not (head.lemma_.lower() in descriptions() or head.lower_ in titles()
                or head.ent_type_ in ("DATE", "TIME"))


def proper_name(mentions: Mentions, head: Token) -> str | None:
    """A name the NER missed and no entity shares ("Mediaite argues", "Acme said"): the
    proper noun as written, with its compound proper nouns but without titles."""
    if not _name_like(head):
        return None
    start, end = mentions.mention_span(head)
    span = mentions.doc.char_span(start, end, alignment_mode="expand")
    toks = [t for t in span if t.i <= head.i] if span is not None else [head]
    while len(toks) > 1 and (toks[0].pos_ == "DET" or toks[0].lower_ in titles()):
        toks = toks[1:]
    if not all(t.is_alpha and t.text[:1].isupper() and role_of(t) not in descriptions()
               for t in toks):
        return None  # "Labour MP", "the party's chief": a description, not a name
    return " ".join(t.text for t in toks)
