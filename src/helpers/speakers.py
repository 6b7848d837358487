"""Speaker resolution: who a speaker mention (name, pronoun, description) refers to.

Works from the one parsed Doc plus that document's entity records; no coreference model.
Pronouns go to the most salient compatible antecedent (recency, subject role, earlier
speakers, number and gender cues), with the syntax of their own sentence: the subject of the
clause a pronoun's clause depends on is preferred ("X did Y after he said"), and no one named
inside the pronoun's own clause or content can be it ("He said Moreau hopes ..."). Descriptions
("the newspaper", "the Swiss diplomat") go to the nearest compatible named entity, or to the
person a headline or lede introduces before naming them ("A New York judge ... Judge Emil
Stroud", "Former party chairman calls ... said Jane Roe"); a description naming another
office or an organisation no one was described with stays unresolved rather than go to the
protagonist. "His lawyer" is whoever is titled the owner's lawyer ("An attorney for X, Y");
"they" can be the people a plural subject lists ("Critics, like Senators X and Y"); "who"
is never a thing. A lone surname goes to the namesake just named in full, or to a full name
one letter off (a misspelling); shares of a poll's sample ("63 percent said") to that poll's
respondents. Section breaks ("___") end every window.
Lexicons live in ``data/quote_*.csv``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from .lexicons import (
    broader_roles,
    descriptions,
    first_names,
    generic_roles,
    media_words,
    one_letter_off,
    parties,
    pronouns,
    role_aliases,
    titles,
)
from .nlp import doc_text

#: Entity labels that can speak (organisations and countries can, too).
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART"})
_THING_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
#: Organisation descriptions that a country or nationality in front of them does name.
_STATE_BODIES = frozenset(
    "administration government ministry department agency court committee embassy".split()
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: How far back (in sentences) a pronoun looks for its antecedent.
PRONOUN_WINDOW = 4
#: How far back (in tokens) a description looks for an unnamed first mention of its noun.
UNNAMED_WINDOW = 400
#: Salience weights for pronoun antecedents (recency is -1 per sentence back).
W_SUBJECT = 1.0
W_SAME_SENTENCE_OBJECT = -0.5
W_SPOKEN = 1.0
W_LAST_SPEAKER = 0.5
W_SAME_PRONOUN_CHAIN = 1.0
#: Sentences a section break counts for (more than any window looks back or ahead).
SECTION_GAP = 100
_SECTION_BREAK = re.compile(r"^[ \t]*(?:_{3,}|-{3,}|\*[ \t]*\*[ \t]*\*)\.?[ \t]*$", re.M)
#: How far ahead (in sentences) a description looks for the person it introduces.
FORWARD_WINDOW = 8
#: Headline and lede: the sentences whose descriptions may introduce the next subject named,
#: up to LEDE_WINDOW sentences after them (see SpeakerIndex._lede_person).
LEDE_SENTENCES = 2
LEDE_WINDOW = 2
#: How recent (in sentences) a full name must be to claim a lone surname from its namesake.
NAMESAKE_WINDOW = 2
#: The subject of the clause the pronoun's clause depends on ("X did Y after he said ...").
W_GOVERNING_SUBJECT = 2.0


#: Determiners that make a description quantify rather than refer ("every expert").
_QUANTIFIERS = frozenset("every each any no some all many few several most".split())


def _role(tok: Token) -> str:
    """A describing word, normalised: lower-case lemma through the role aliases."""
    word = tok.lemma_.lower()
    if tok.pos_ in ("PROPN", "ADJ", "VERB") or word.endswith("."):
        word = tok.lower_  # "Retired" (ADJ) and "retired" (VERB) alike
        if tok.tag_ == "NNPS" and word.endswith("s") and word[:-1] in descriptions():
            word = word[:-1]  # "Senators Orlen and Bayle"
    return role_aliases().get(word, word)


#: Describing words too common to tell people apart.
_VAGUE_ROLE_WORDS = frozenset("former current then new late top senior longtime state".split())

#: Roles one holds as an office, which exclude another office ("the judge" is no "nominee").
_OFFICES = frozenset(
    "judge senator governor mayor representative legislator candidate president director "
    "secretary chair spokesperson attorney doctor general admiral".split()
)

#: Quotation marks: a direct quotation's content starts at or right after one.
_QUOTE_MARKS = "\"“”'‘’«»"

#: Organisation descriptions that stand for an organisation named just before.
_BODIES = frozenset(
    "agency union bank company firm ministry department committee court party organization "
    "organisation".split()
)

#: Heads of a named poll ("the Reuters/Ipsos poll") and of shares of its sample.
_POLL_WORDS = frozenset({"poll", "survey"})
_SHARE_WORDS = frozenset("percent majority minority plurality half third quarter".split())

_PARTITIVES = frozenset(
    "majority minority percent some many most one half group number chorus all few several "
    "none each both".split()
)


def _acronym_of(word: str, words: set[str]) -> bool:
    """Is ``word`` ("dnc") an acronym whose letters all start words in ``words``
    ("democratic", "national", "committee")? Order is lost in a set, so this is loose."""
    if not 2 <= len(word) <= 5 or not word.isalpha() or len(words) < len(word):
        return False
    initials = {w[0] for w in words if w}
    return all(ch in initials for ch in word)


def _singular(word: str) -> str:
    """Crude singular for word overlap ("attendants" ~ "attendant")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _is_inner_hyphen(tok: Token) -> bool:
    """A hyphen inside a word group ("52-count"), not a dash between phrases."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.nbor(-1).whitespace_


_KNIGHTLY = frozenset({"sir", "dame"})


def _without_role(name: str) -> str:
    """"Barcelona star Ronaldinho" (a role noun the NER kept inside the name): the name
    after the role. Names without a lowercase role word are returned unchanged."""
    words = name.split()
    for j in range(len(words) - 2, 0, -1):
        w = words[j]
        if w.islower() and descriptions().get(w, {}).get("kind") == "person" and all(
            x[:1].isupper() for x in words[j + 1 :]
        ):
            return " ".join(words[j + 1 :])
    return name


@dataclass
class Resolution:
    """A speaker mention and who it refers to (``canonical``/``entity_id`` None if unknown)."""

    start: int
    end: int
    canonical: str | None = None
    entity_id: str | None = None
    kind: str = "name"  # name | pronoun | description | owned ("his aides") | unresolved


class SpeakerIndex:
    """Per-document index of entity mentions for resolving speaker mentions."""

    def __init__(self, doc: Doc, entities: list[dict[str, Any]]):
        self.doc = doc
        self.ents: list[dict[str, Any]] = []
        self.tok_ent: dict[int, int] = {}
        self.ent_tokens: list[tuple[int, int]] = []
        for record in sorted(entities, key=lambda r: (r["start"], r["end"])):
            if record.get("label") not in SPEAKER_LABELS:
                words = str(record.get("canonical") or "").lower().replace(".", "").split()
                if not words or words[-1] not in media_words():
                    continue
                # "the Springfield Morning News" tagged as an event: an outlet, which can speak
                record = {**record, "label": "ORG"}
            span = doc.char_span(record["start"], record["end"], alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            k = len(self.ents)
            self.ents.append(record)
            self.ent_tokens.append((span.start, span.end))
            for i in range(span.start, span.end):
                self.tok_ent.setdefault(i, k)
        self.ent_starts = [s for s, _ in self.ent_tokens]
        self.ent_char_starts = [int(r["start"]) for r in self.ents]
        self.ent_start_set = frozenset(self.ent_starts)
        # Sentence number of every token, for recency in sentences. A section break ("___"
        # between the items of a live blog) adds SECTION_GAP sentences, so that no window
        # reaches back into another story.
        self.sent_of: list[int] = [0] * len(doc)
        #: sentence number of the first sentence of each token's section
        self.section_start: list[int] = [0] * len(doc)
        breaks = [m.start() for m in _SECTION_BREAK.finditer(doc_text(doc))]
        n = b = first = 0
        for sent in doc.sents:
            while b < len(breaks) and breaks[b] < sent.start_char:
                n += SECTION_GAP
                b += 1
                first = n
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
                self.section_start[i] = first
            n += 1
        self.roles = self._roles()
        #: surname → indices of the PERSON mentions ending in it, in text order
        self.surnames: dict[str, list[int]] = {}
        for k, (_, b) in enumerate(self.ent_tokens):
            if self.ents[k].get("label") == "PERSON":
                self.surnames.setdefault(doc[b - 1].lower_, []).append(k)
        self.gender = self._genders()
        #: entity_id → how often it has spoken so far, and the token index of the last time.
        self.spoken: dict[str, int] = {}
        self.last_speaker: tuple[int, str | None, str | None, str] | None = None
        #: gender → entity_id that the last "he"/"she" resolved to
        self.last_by_gender: dict[str, str | None] = {}
        #: character span of the content whose speaker is being resolved (set by the
        #: caller): names inside it are what the speaker talks about, not the speaker
        self.content: tuple[int, int] | None = None
        #: Head of the last unnamed plural speaker ("analysts said"), for a later "they".
        self.last_group: int | None = None
        #: Quotation spans of the text (set by the quote extractor): their words are what a
        #: speaker said, never antecedents for a pronoun outside them.
        self.quotations: list[tuple[int, int]] = []
        #: (token index, name) of the named polls and surveys, see _poll_near
        self._polls: list[tuple[int, str]] | None = None
        #: first-person narrator candidates (signature entities, author note), see _author
        self._authors: tuple[list[int], int | None] | None = None

    # -- entity facts -------------------------------------------------------------------
    def _genders(self) -> dict[str, str]:
        names, honorifics, desc = first_names(), titles(), descriptions()
        out: dict[str, str] = {}
        for k, record in enumerate(self.ents):
            if record.get("label") != "PERSON":
                continue
            eid = record["entity_id"]
            start, _ = self.ent_tokens[k]
            words = [t.lower_ for t in self.doc[start : self.ent_tokens[k][1]]]
            before = self.doc[start - 1].lower_ if start > 0 else ""
            gender = honorifics.get(before) or next(
                (honorifics[w] for w in words if w in honorifics), None
            )
            if gender is None:
                # "9/11 widow Terry Strada", "spokeswoman Jessica Ditto": the role says it
                role = {desc[w]["gender"] for w in self.role_words.get(k, ()) if w in desc}
                role.discard("")
                gender = role.pop() if len(role) == 1 else None
            if gender is None:
                first = str(record.get("canonical") or record["surface"]).split()[0].lower()
                gender = names.get(first) or (names.get(words[0]) if words else None)
            if gender and eid not in out:
                out[eid] = gender
        return out

    def _roles(self) -> dict[str, list[tuple[int, int]]]:
        """role lemma → [(token index, entity index)] for titled mentions such as "Swiss
        diplomat Anton Keller" or "Ruth Kell, a spokesperson for ...\".

        Also fills ``self.role_words``: entity index → the words describing that person
        (title and modifiers before the name, its apposition), normalised by
        ``data/quote_role_aliases.csv`` ("Ohio Gov. Ann Vance" → ohio, governor)."""
        desc = descriptions()
        roles: dict[str, list[tuple[int, int]]] = {}
        self.role_words: dict[int, set[str]] = {}
        #: entity id → the words of all its mentions
        self.eid_words: dict[str, set[str]] = {}
        doc = self.doc
        for k, (start, end) in enumerate(self.ent_tokens):
            if self.ents[k].get("label") != "PERSON":
                continue
            words: set[str] = set()
            i = start - 1
            # the title before the name, up to a break ("the", a comma, a verb)
            while i >= max(0, start - 6):
                t = doc[i]
                if t.pos_ not in ("NOUN", "PROPN", "ADJ") and not _is_inner_hyphen(t) and (
                    t.dep_ != "amod"  # "Retired U.S. Air Force Gen. Paul Dorn"
                ):
                    break
                word = _role(t)
                if t.pos_ == "NOUN" and t.is_lower and word not in desc and (
                    word not in role_aliases().values()
                ):
                    break  # "harsh comments Vance made": not a title
                if not t.is_punct:
                    words.add(word)  # not the "." of "Sens." split off by the tokenizer
                i -= 1
            head = doc[start:end].root
            own = {t.i for t in head.subtree}
            anchor = head.head
            if head.dep_ == "appos" and self._is_person(anchor) and anchor.dep_ == "pobj" and (
                anchor.head.head.pos_ == "NOUN"
            ):
                # "An attorney for Brandt, Ruth Kell" parsed as Brandt's apposition:
                # the role noun above is what describes the name
                anchor = anchor.head.head
            for tok in (*head.children, anchor):
                if tok.dep_ == "appos" and self._is_person(tok):
                    continue  # a name beside a name is no description of it
                if tok.dep_ == "appos" or head.dep_ == "appos" and tok.i == anchor.i:
                    # not the words of a coordinated person: "President Harold Vance and
                    # his wife Claire" does not make Vance a wife
                    other = {t.i for c in tok.subtree if c.dep_ == "conj" for t in c.subtree}
                    # nor the words of an owner: "Ann Vance, the Republican presidential
                    # candidate's eldest daughter" is no candidate; only the owner's name
                    # stays ("Ruth Kell, Brandt's lawyer" → brandt, for "his lawyer")
                    other |= {t.i for c in tok.subtree if c.dep_ == "poss" for t in c.subtree
                              if not self._named_thing(t)}
                    for t in tok.subtree:
                        if t.i in other or tok.i == anchor.i and t.i in own:
                            continue
                        if t.pos_ in ("NOUN", "PROPN", "ADJ") and abs(t.i - start) <= 15:
                            words.add(_role(t))
            for c in head.children:
                # "Dr. Jane Roe, who was the White House physician": the predicate
                if c.dep_ == "relcl" and c.lemma_ == "be":
                    for attr in c.children:
                        if attr.dep_ == "attr":
                            words.update(_role(t) for t in attr.subtree if t.pos_ in (
                                "NOUN", "PROPN", "ADJ") and abs(t.i - start) <= 15)
            words -= {""}
            words |= {broader_roles()[w] for w in words if w in broader_roles()}
            self.role_words[k] = words
            self.eid_words.setdefault(self.ents[k]["entity_id"], set()).update(words)
            for lemma in words:
                if lemma in desc or lemma in role_aliases().values():
                    roles.setdefault(lemma, []).append((start, k))
        return roles

    def _is_person(self, tok: Token) -> bool:
        k = self.tok_ent.get(tok.i)
        return k is not None and self.ents[k].get("label") == "PERSON"

    def _named_thing(self, tok: Token) -> bool:
        """Is ``tok`` part of a named person, organisation or place (not a party/NORP)?"""
        k = self.tok_ent.get(tok.i)
        return k is not None and self.ents[k].get("label") in ("PERSON", "ORG", "GPE")

    def entity_at(self, tok: Token) -> int | None:
        return self.tok_ent.get(tok.i)

    # -- mention spans ------------------------------------------------------------------
    def mention_span(self, head: Token) -> tuple[int, int]:
        """Character span of the speaker mention headed by ``head`` (left modifiers + name)."""
        # Contiguous left modifiers only ("Tulsa police Chief Chuck Jordan"), never across
        # punctuation: a mis-attached quotation mark must not pull the quote into the mention.
        start_i = head.i
        left = head.left_edge.i
        j = head.i - 1
        while j >= left and not self.doc[j].is_space and (
            not self.doc[j].is_punct or _is_inner_hyphen(self.doc[j])
        ) and self.doc[j].dep_ not in ("cc", "prep"):
            if self.doc[j].text.endswith(".") and j + 1 in self.ent_start_set and (
                self.tok_ent.get(j) is not None
            ):
                break  # "the U.S. Russia has": a sentence end the parser missed
            start_i = j
            j -= 1
        while start_i < head.i and self.doc[start_i].is_punct:
            start_i += 1
        end_i = head.i
        if head.lemma_.lower() in _PARTITIVES:
            # "a majority of voters", "one of the family's attorneys": the group is named
            # in the "of" phrase
            of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None:
                end_i = of.right_edge.i
        k = self.tok_ent.get(head.i)
        if k is not None:
            start_i = min(start_i, self.ent_tokens[k][0])
            end_i = max(end_i, self.ent_tokens[k][1] - 1)
        while start_i < head.i and self.doc[start_i].is_punct:
            start_i += 1
        return self.doc[start_i].idx, self.doc[end_i].idx + len(self.doc[end_i])

    # -- resolution ---------------------------------------------------------------------
    def _record(self, k: int) -> tuple[str, str]:
        r = self.ents[k]
        return _without_role(str(r.get("canonical") or r["surface"])), str(r["entity_id"])

    def _other_role(self, eid: str, role: str) -> bool:
        """Was person ``eid`` described, in a title or apposition, only by other roles than
        ``role`` ("Open chief X" is not "her spokesman")?"""
        words = self.eid_words.get(eid, set()) & (
            set(descriptions()) | set(role_aliases().values()))
        return bool(words) and role not in words

    def _described_as_outlet(self, k: int) -> bool:
        """Is PERSON entity ``k`` described only as a news outlet ("newspaper X")?"""
        kinds = {descriptions()[w]["kind"] for w in self.role_words.get(k, ())
                 if w in descriptions()}
        return "media" in kinds and "person" not in kinds

    def _knighted(self, k: int) -> int | None:
        """"Sir Howard", "Dame Judi": British style names a knight or dame by title and
        first name after naming them in full; the PERSON whose first name it is."""
        start, end = self.ent_tokens[k]
        if end - start != 1 or start == 0 or self.doc[start - 1].lower_ not in _KNIGHTLY or (
            self.ents[k].get("label") != "PERSON"
        ):
            return None
        first = self.doc[start].lower_
        found = None
        for kk, (a, b) in enumerate(self.ent_tokens):
            if b - a > 1 and self.ents[kk].get("label") == "PERSON" and (
                self.doc[a].lower_ == first
            ):
                found = kk
                if a > start:
                    break
        return found

    def resolve(self, head: Token) -> Resolution:
        """Resolve the speaker mention headed by ``head``."""
        start, end = self.mention_span(head)
        low = head.lower_
        if low in ("each", "both") and head.pos_ in ("PRON", "DET") and head.dep_ in (
            _SUBJECT_DEPS
        ):
            # "Vance and Moreau clashed ..., each saying": the coordinated subject above
            for anc in head.ancestors:
                subj = next((c for c in anc.children if c.dep_ in _SUBJECT_DEPS
                             and c.i < head.i), None)
                if subj is not None:
                    k = self.tok_ent.get(subj.i)
                    if k is not None and any(c.dep_ == "conj" for c in subj.children):
                        return Resolution(start, end, self._with_conjuncts(subj, k),
                                          self._record(k)[1], "pronoun")
                    break
        pron = pronouns().get(low)
        if pron is not None and head.pos_ in ("PRON", "DET"):
            if pron["kind"] == "relative":
                target = head.head.head if head.head.dep_ == "relcl" else None
                if low != "who" and head.i > 0:
                    # "the help of states that may not want ...", "they turned to the
                    # Chicago Police Department which reported": the noun right before
                    near_tok = self.doc[head.i - 1]
                    if near_tok.pos_ in ("NOUN", "PROPN") and (
                        target is None or near_tok.dep_ == "pobj" and target.i < near_tok.i
                        and near_tok.i in {t.i for t in target.subtree}
                    ):
                        target = near_tok
                if low == "who":
                    near_tok = self._noun_before(head)
                    if target is not None and near_tok is not None and (
                        target.tag_ == "NN" and target.i not in self.tok_ent
                        and _role(target) not in descriptions() and near_tok.i != target.i
                    ):
                        # "a rallying point for protesters here, who", "listeners to his
                        # radio program who": the people, not the thing the parser hung the
                        # clause on
                        target = near_tok
                    target = self._who_antecedent(target)
                    if target is None:
                        # "who" names a person: the nearest person named just before it
                        near = self._person_before(head)
                        if near is not None:
                            return Resolution(head.idx, head.idx + len(head), *near,
                                              "pronoun")
                if target is not None and target.dep_ == "appos" and (
                    self.tok_ent.get(target.head.i) is not None
                ):
                    target = target.head  # "Forward99, a super PAC that": the name
                if target is not None and target.i != head.i:
                    inner = self.resolve(target)
                    canonical = inner.canonical
                    if canonical is None and target.pos_ in ("NOUN", "PROPN") and (
                        inner.end > inner.start
                    ) and not _is_inner_hyphen(self.doc[target.left_edge.i - 1] if (
                        target.left_edge.i > 0) else target):
                        # "the report, which found ...": the antecedent as written
                        canonical = doc_text(self.doc)[inner.start : inner.end]
                    return Resolution(head.idx, head.idx + len(head), canonical,
                                      inner.entity_id, "pronoun")
                return Resolution(head.idx, head.idx + len(head), kind="unresolved")
            if pron["kind"] == "first" and low == "i":
                author = self._author(head)
                if author is not None:
                    return Resolution(head.idx, head.idx + len(head), *author, "pronoun")
            if pron["kind"] in ("first", "second"):
                return Resolution(head.idx, head.idx + len(head), kind="unresolved")
            found = self._pronoun(head, pron)
            if found is None:
                return Resolution(head.idx, head.idx + len(head), kind="unresolved")
            return Resolution(head.idx, head.idx + len(head), found[0], found[1], "pronoun")
        k = self.tok_ent.get(head.i)
        desc = descriptions().get(head.lemma_.lower())
        if (k is not None and desc is not None and desc["kind"] == "person"
                and self.ents[k].get("label") == "NORP" and head.tag_ in ("NNP", "NN")):
            # "The Republican said": one party member, a person described by party, not
            # the party itself (NORP); resolved like "the nominee"
            found = self._description(head, desc)
            if found is not None:
                return Resolution(start, end, found[0], found[1], "description")
        if k is not None and self.ents[k].get("label") == "WORK_OF_ART" and any(
            t.pos_ == "VERB" for t in self.doc[self.ent_tokens[k][0] : self.ent_tokens[k][1]]
        ):
            # "Vance accused Moreau of being a" tagged as a title: the person it starts with
            bearers = self.surnames.get(head.lower_, [])
            if head.pos_ == "PROPN" and bearers:
                return Resolution(head.idx, head.idx + len(head), *self._record(bearers[0]),
                                  "name")
        if k is not None:
            canonical, eid = self._record(k)
            mention = self.doc.char_span(start, end, alignment_mode="expand")
            honorific = titles().get(mention[0].lower_) if mention is not None else None
            first = canonical.split()[0].lower() if canonical else ""
            near = self._namesake(k, honorific)
            if near is None:
                near = self._knighted(k)
            if near is not None:
                k = near
                canonical, eid = self._record(k)
                first = canonical.split()[0].lower() if canonical else ""
            if honorific and first_names().get(first, honorific) != honorific:
                # "Mr. Vance" linked to "Claire Vance": keep the name as written
                surface = self.doc[self.ent_tokens[k][0] : self.ent_tokens[k][1]].text
                return Resolution(start, end, surface, None, "name")
            return Resolution(start, end, self._with_conjuncts(head, k), eid, "name")
        if head.dep_ == "appos":
            # "Tom Reed (D), Vance's opponent ..., said", "China and the United States,
            # the world's two biggest economies, which ...": the apposition's name(s)
            kk = self.tok_ent.get(head.head.i)
            if kk is not None:
                canonical = self._with_conjuncts(head.head, kk)
                return Resolution(start, end, canonical, self._record(kk)[1], "name")
        # "the US Secretary of State, Anton Keller" / "a spokesperson ..., Ruth Kell"
        for tok in head.subtree:
            if tok.i > head.i and tok.dep_ == "appos":
                # the apposition, or a name the parser hung on it ("niece, state Del.
                # Dora Lane (D-Newport News)": "Dora" as a modifier of "News")
                for t in (tok, *(c for c in tok.lefts if c.dep_ in ("compound", "nmod"))):
                    kk = self.tok_ent.get(t.i)
                    if kk is not None and self.ents[kk].get("label") == "PERSON":
                        return Resolution(start, end, *self._record(kk), "name")
        lemma = head.lemma_.lower()
        if lemma in _SHARE_WORDS or head.tag_ == "CD" and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in head.children
        ):
            # "63 percent said", "a majority of voters expect": a share of a poll's sample
            poll = self._poll_near(head)
            if poll is not None:
                return Resolution(start, end, f"{poll} respondents", None, "description")
        desc = descriptions().get(lemma)
        if desc is not None:
            found = self._description(head, desc)
            if found is not None:
                return Resolution(start, end, found[0], found[1], "description")
            return Resolution(start, end, self._possessed(head, end), kind="owned")
        if head.pos_ == "PROPN" or head.pos_ == "NOUN" and head.is_title and start == head.idx:
            # (a capitalised "noun" alone may be a misspelt surname: "Quilens believes")
            found = self._by_name(head, exact=head.pos_ == "PROPN")
            if found is not None:
                return Resolution(start, end, found[0], found[1], "name")
            proper = self._proper_name(head)
            if proper is not None:
                return Resolution(start, end, proper, None, "name")
        owned = self._possessed(head, end)
        return Resolution(start, end, owned, kind="owned" if owned else "unresolved")

    def _namesake(self, k: int, honorific: str | None) -> int | None:
        """A lone surname ("Lane") after another bearer of it was named in full as a
        subject ("Homeland Security Secretary Tom Lane says ... Lane said"): news names
        a person in full, then by surname, so that bearer is meant, not the article's
        principal bearer, as long as the surname keeps coming back (gaps of at most
        ``NAMESAKE_WINDOW`` sentences). None when no other bearer was named that recently."""
        start, end = self.ent_tokens[k]
        if end - start != 1 or self.ents[k].get("label") != "PERSON":
            return None
        mentions = self.surnames.get(self.doc[start].lower_)
        if not mentions:
            return None
        canonical = self._record(k)[0].lower().split()
        sent = self.sent_of[start]
        for kk in reversed(mentions):
            a, b = self.ent_tokens[kk]
            if b > start:
                continue
            if sent - self.sent_of[a] > NAMESAKE_WINDOW:
                return None
            sent = self.sent_of[a]
            if b - a == 1:
                continue  # the surname again: the chain goes on
            name = self._record(kk)[0].lower().split()
            if name[:1] == canonical[:1]:
                return None  # the linked bearer is itself the latest named in full
            g = self.gender.get(self.ents[kk]["entity_id"])
            if honorific and g and g != honorific:
                return None
            if self.doc[a:b].root.dep_ not in _SUBJECT_DEPS:
                return None  # a namesake in passing ("his wife Dora Lane") is not the topic
            return kk
        return None

    def _with_conjuncts(self, head: Token, k: int) -> str:
        """Canonical name of entity ``k`` (headed by ``head``), followed by those of the
        same kind coordinated with it: "Mr. Orlen and Ms. Bayle say" → both names (the
        entity id stays the first's)."""
        names = [self._record(k)[0]]
        for c in head.conjuncts:
            kk = self.tok_ent.get(c.i)
            if c.i > head.i and kk is not None and kk != k and (
                self.ents[kk].get("label") == self.ents[k].get("label")
            ):
                name = self._record(kk)[0]
                if name not in names:
                    names.append(name)
        return " and ".join(names)

    def _signed(self, k: int) -> bool:
        """Is entity ``k`` a PERSON name standing alone as a paragraph ("Jane Doe.")?"""
        if self.ents[k].get("label") != "PERSON":
            return False
        text = doc_text(self.doc)
        a, b = self.ents[k]["start"], self.ents[k]["end"]
        line_start = text.rfind("\n", 0, a) + 1
        line_end = text.find("\n", b)
        line_end = len(text) if line_end < 0 else line_end
        return not text[line_start:a].strip() and text[b:line_end].strip() in ("", ".")

    def _author(self, tok: Token) -> tuple[str, str] | None:
        """Who "I" is in first-person narration (op-eds, letters): the signature paragraph
        after it ("Jane Doe."), else the closing author note ("Jane Doe is a professor
        ..."), else the byline ("By Jane Doe") at the top. None when the article has none."""
        if self._authors is None:
            text = doc_text(self.doc)
            signed = [k for k in range(len(self.ents)) if self._signed(k)]
            note = None
            tail = max(text.rstrip().rfind("\n\n"), 0)
            for k, (_, end) in enumerate(self.ent_tokens):
                r = self.ents[k]
                if r.get("label") != "PERSON" or r["start"] < tail or end >= len(self.doc):
                    continue
                if not text[tail : r["start"]].strip() and self.doc[end].lemma_ == "be":
                    note = k
                    break
            by = next((k for k in range(len(self.ents)) if self.ents[k]["start"] < 300
                       and self.ents[k].get("label") == "PERSON" and re.match(
                           r"\s*by\s*$", text[text.rfind("\n", 0, self.ents[k]["start"]) + 1 :
                                               self.ents[k]["start"]], re.I)), None)
            self._authors = (signed, note if note is not None else by)
        signed, fallback = self._authors
        pos = bisect.bisect_left(self.ent_starts, tok.i)
        after = next((k for k in signed if k >= pos), None)
        if after is not None:
            return self._record(after)
        return self._record(fallback) if fallback is not None else None

    def _possessed(self, head: Token, end: int) -> str | None:
        """"His aides" → "Tom Reed's aides": a description owned by a resolvable pronoun
        or name is a group or text of that owner, so the owner names it; no entity id, since
        the owner is not the speaker. None when there is no owner or it cannot be resolved."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        poss = next((c for c in head.lefts if c.dep_ == "poss"), None)
        if poss is None:
            return None
        after = poss.i + 1
        if after <= head.i and self.doc[after].tag_ == "POS":
            after += 1  # "Brandt 's lawyer"
        if after > head.i:
            return None
        owner = self._owner(poss)[0]
        if not owner:
            return None
        rest = doc_text(self.doc)[self.doc[after].idx : end].strip()
        return f"{owner}'s {rest}" if rest else None

    def _owner(self, poss: Token) -> tuple[str | None, str | None]:
        """Who a possessive ("his", "Brandt's") refers to: (canonical, entity id)."""
        if poss.lower_ in ("his", "her", "its", "their"):
            chain = dict(self.last_by_gender)
            res = self.resolve(poss)
            self.last_by_gender = chain  # a possessive is not the next pronoun's antecedent
            return res.canonical, res.entity_id
        k = self.tok_ent.get(poss.i)
        return self._record(k) if k is not None else (None, None)

    def _owned_role(self, head: Token, poss: Token, role: str) -> tuple[str, str] | None:
        """"Brandt's lawyer", "his attorney": the person whose own title or apposition
        has the role and names the owner ("An attorney for Brandt, Ruth Kell"),
        named before or within ``FORWARD_WINDOW`` sentences after. None when no one is."""
        owner, owner_id = self._owner(poss)
        if not owner:
            return None
        names = {w for w in owner.lower().split() if len(w) > 2}
        sent_now = self.sent_of[head.i]
        best: int | None = None
        for k, words in self.role_words.items():
            if role not in words or not names & words:
                continue
            if self.ents[k]["entity_id"] == owner_id:
                continue
            if self.sent_of[self.ent_tokens[k][0]] - sent_now > FORWARD_WINDOW:
                continue
            if abs(self.sent_of[self.ent_tokens[k][0]] - sent_now) >= SECTION_GAP:
                continue
            if best is None or self.ent_tokens[k][0] < head.i:
                best = k  # the latest one before, else the first after
            if self.ent_tokens[k][0] > head.i:
                break
        return self._record(best) if best is not None else None

    def note_speaker(self, head_i: int, canonical: str | None, entity_id: str | None,
                     label: str = "") -> None:
        """Remember a resolved speaker (salience for later pronouns)."""
        if entity_id:
            self.spoken[entity_id] = self.spoken.get(entity_id, 0) + 1
        if canonical:
            self.last_speaker = (head_i, canonical, entity_id, label)
        elif self.doc[head_i].tag_ in ("NNS", "NNPS"):
            self.last_group = head_i

    def _label(self, entity_id: str | None) -> str:
        if entity_id is None:
            return ""
        return entity_id.split(":", 1)[0]

    def _pronoun(self, tok: Token, pron: dict[str, str]) -> tuple[str, str | None] | None:
        kind, gender, number = pron["kind"], pron["gender"], pron["number"]
        if kind == "any":
            return self._plural(tok)
        found = self._pronoun_entity(tok, kind, gender, number)
        if found is not None and gender:
            self.last_by_gender[gender] = found[1]
        return found

    def _plural(self, tok: Token) -> tuple[str, str | None] | None:
        """"they": the nearest earlier plural subject ("Senate aides", "Vance and
        Moreau") or organisation, within the current and previous two sentences."""
        sent_now = self.sent_of[tok.i]
        if tok.dep_ in _SUBJECT_DEPS:
            # "Factcheckr ruled ... but in their report they could not resist ..."
            k = self._governing_subject(tok)
            if k is not None and self._group_like(k):
                return self._record(k)
        if self.last_speaker is not None and self.last_speaker[1]:
            # "Mr. Orlen and Ms. Bayle say ... , they say": a group that just spoke
            head_i, canonical, eid, label = self.last_speaker
            t = self.doc[head_i]
            if head_i < tok.i and sent_now - self.sent_of[head_i] <= 2 and (
                t.tag_ in ("NNS", "NNPS") or label in ("ORG", "NORP")
                or any(c.dep_ == "conj" for c in t.children)
            ):
                return canonical, eid
        group = self.last_group
        if group is not None and group < tok.i and sent_now - self.sent_of[group] <= 1 and (
            self.last_speaker is None or self.last_speaker[0] < group
        ) and not self._quoted(tok.idx):
            # "..., analysts said. They added that ...": the unnamed group that just spoke
            name = self.doc.char_span(*self.mention_span(self.doc[group]),
                                      alignment_mode="expand")
            words = [w.text for w in name if w.lower_ not in ("the", "a", "an")] if (
                name is not None) else []
            return (" ".join(words) if words else None), None
        i = tok.i - 1
        inside = self.content or (0, 0)
        edge = doc_text(self.doc)[max(inside[0] - 1, 0) : inside[0] + 1]
        if not any(ch in _QUOTE_MARKS for ch in edge):
            inside = (0, 0)  # only a quotation's own words, not reported speech
        while i >= 0 and sent_now - self.sent_of[i] <= 2:
            t = self.doc[i]
            if inside[0] <= t.idx < inside[1] or (
                t.dep_ in _SUBJECT_DEPS and self._quoted(t.idx) and not self._quoted(tok.idx)
            ):
                i -= 1
                continue  # the quote's own subjects are what the speaker talks about
            if t.dep_ in _SUBJECT_DEPS and t.pos_ in ("NOUN", "PROPN"):
                k = self.tok_ent.get(t.i)
                plural = t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children)
                if k is not None and (plural or self._group_like(k)):
                    if not plural:
                        return self._record(k)
                if plural:
                    named = self._named_examples(t)
                    if named is not None:
                        return named
                    if any(c.dep_ == "conj" for c in t.children):
                        a, b = self.doc[t.left_edge.i].idx, t.right_edge.idx + len(t.right_edge)
                    else:
                        a, b = self.mention_span(t)
                    name = self.doc.char_span(a, b, alignment_mode="expand")
                    words = [w.text for w in name if w.lower_ not in ("the", "a", "an")]
                    return " ".join(words) if words else None, None
            i -= 1
        return None

    def _quoted(self, pos: int) -> bool:
        """Is character ``pos`` inside a quotation?"""
        k = bisect.bisect_right(self.quotations, (pos, len(doc_text(self.doc)) + 1)) - 1
        return k >= 0 and self.quotations[k][0] < pos < self.quotations[k][1]

    def _named_examples(self, t: Token) -> tuple[str, str] | None:
        """The people a plural noun lists ("Critics of the program, like Senators X and
        Y"): they are who "they" then refers to. None when it lists none."""
        for prep in t.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("like", "including"):
                continue
            for obj in prep.children:
                k = self.tok_ent.get(obj.i)
                if obj.dep_ == "pobj" and k is not None and self.ents[k].get("label") == "PERSON":
                    return self._with_conjuncts(obj, k), self._record(k)[1]
        return None

    def _group_like(self, k: int) -> bool:
        """Can entity ``k`` be a "they": an organisation or group, or a one-word "person"
        that no full name or gender backs (a site such as "Factcheckr" tagged PERSON)?"""
        label = self.ents[k].get("label")
        return label in ("ORG", "NORP") or label == "PERSON" and (
            " " not in self._record(k)[0] and self.ents[k]["entity_id"] not in self.gender
        )

    def _content_entities(self) -> set[str]:
        """Entity ids named inside the content being attributed: "He said Moreau hopes ..."
        and “... Moreau had a band ...,” he said: a speaker is not who they talk about."""
        if self.content is None:
            return set()
        a, b = self.content
        lo = bisect.bisect_left(self.ent_char_starts, a)
        hi = bisect.bisect_left(self.ent_char_starts, b)
        return {self.ents[k]["entity_id"] for k in range(lo, hi)}

    def _clause_mate(self, k: int, verb: Token) -> bool:
        """Is entity ``k`` an argument or adjunct of ``verb`` (the pronoun's own predicate,
        "Campaigning against Romney, he said"), not the subject or owner of a clause below
        it? Then it cannot be the pronoun's referent."""
        t = self.doc[self.ent_tokens[k][0] : self.ent_tokens[k][1]].root
        for _ in range(40):
            if t.i == verb.i:
                return True
            if t.dep_ in _SUBJECT_DEPS or t.dep_ in ("poss", "relcl", "ccomp", "conj"):
                return False
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    def _governing_subject(self, tok: Token) -> int | None:
        """The entity heading the subject of a clause above the pronoun's clause: "Tom
        Reed faced criticism after he asked ...", "Vance has been dogged by charges that he
        ..." (the nearest such subject first)."""
        below = tok.head
        for anc in below.ancestors:
            if below.dep_ == "relcl":
                return None  # "... Reed has in his hands, which he said were ...": an aside
            below = anc
            for c in anc.children:
                if c.dep_ in _SUBJECT_DEPS and c.i < tok.i and c.i != tok.i:
                    k = self.tok_ent.get(c.i)
                    if k is not None:
                        return k
                    break
        return None

    def _pronoun_entity(self, tok: Token, kind: str, gender: str, number: str
                        ) -> tuple[str, str | None] | None:
        sent_now = self.sent_of[tok.i]
        pos = bisect.bisect_left(self.ent_starts, tok.i)
        blocked = self._content_entities()
        verb = tok.head if tok.dep_ in _SUBJECT_DEPS else None
        governor = self._governing_subject(tok) if verb is not None else None
        if verb is not None:
            # "Campaigning against Moreau, he said": whoever is an argument of the
            # pronoun's own clause is someone else, in every mention
            for k in range(pos - 1, -1, -1):
                if self.sent_of[self.ent_tokens[k][0]] != sent_now:
                    break
                if k != governor and self._clause_mate(k, verb):
                    blocked.add(self.ents[k]["entity_id"])
        best: tuple[float, int] | None = None
        seen: set[str] = set()
        for k in range(pos - 1, -1, -1):
            start, end = self.ent_tokens[k]
            if end > tok.i:
                continue
            dist = sent_now - self.sent_of[start]
            if dist > PRONOUN_WINDOW:
                break
            record = self.ents[k]
            eid = record["entity_id"]
            if eid in seen or eid in blocked:
                continue
            seen.add(eid)
            label = record.get("label")
            spoken = self.spoken.get(eid, 0)
            if kind == "person":
                if label != "PERSON" and not (spoken and self._looks_personal(record)):
                    continue
                if label == "PERSON" and self._described_as_outlet(k):
                    continue  # "Czech newspaper Daily Sport" tagged as a person: not a "he"
                g = self.gender.get(eid)
                if g and gender and g != gender:
                    continue
            elif kind == "thing":
                if label not in _THING_LABELS:
                    continue
                root = self.doc[start:end].root
                if label == "NORP" and (root.tag_ in ("JJ", "NNS", "NNPS")
                                        or root.dep_ in ("amod", "compound")):
                    continue  # "the Republican nominee", "Democrats": not an "it"
                if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN" and (
                    root.head.i >= end
                ):
                    continue  # "U.S. senator", "the Vance campaign": a modifier, not an "it"
            root = self.doc[start:end].root
            score = -float(dist)
            if root.dep_ in _SUBJECT_DEPS:
                score += W_SUBJECT
            if dist == 0 and root.dep_ not in _SUBJECT_DEPS:
                score += W_SAME_SENTENCE_OBJECT
            if spoken:
                score += W_SPOKEN
            if self.last_speaker and self.last_speaker[2] == eid:
                score += W_LAST_SPEAKER
            if gender and self.last_by_gender.get(gender) == eid:
                score += W_SAME_PRONOUN_CHAIN  # "she says ... she yells": one referent
            if governor is not None and self.ents[governor]["entity_id"] == eid:
                score += W_GOVERNING_SUBJECT
            if best is None or score > best[0]:
                best = (score, k)
        if kind == "thing":
            # "The ad then references ... It also mentions": a thing named by a common noun
            # as the subject just before, which the entity list cannot hold
            noun = self._subject_noun(tok, blocked)
            if noun is not None and (best is None or noun[0] > best[0]):
                return noun[1]
        elif kind == "person":
            # "In defeat, the president appeared cowed. Campaigning ..., he": the description
            # subject just before stands for the person it resolves to
            noun = self._subject_noun(tok, blocked, person=True)
            if noun is not None and noun[1][1] is not None and (best is None or noun[0] > best[0]):
                g = self.gender.get(noun[1][1])
                if not (g and gender and g != gender):
                    return noun[1]
        if best is not None:
            near = self._namesake(best[1], gender or None)
            if near is None:
                near = self._knighted(best[1])
            return self._record(best[1] if near is None else near)
        if kind == "person" and self.last_speaker is not None and (
            sent_now - self.sent_of[self.last_speaker[0]] < SECTION_GAP
        ):
            _, canonical, eid, label = self.last_speaker
            g = self.gender.get(eid or "")
            personal = label == "PERSON" or (
                eid is not None and canonical is not None
                and self._looks_personal({"canonical": canonical, "surface": canonical})
            )
            if personal and not (g and gender and g != gender) and number != "pl":
                return canonical, eid
        return None

    def _subject_noun(self, tok: Token, blocked: set[str], person: bool = False
                      ) -> tuple[float, tuple[str, str | None]] | None:
        """The main-clause subject of the sentence before, when a singular common noun ("the
        report", "Harold Vance's campaign"), scored like an entity
        (recency plus subject role), with who it resolves to (else the phrase as written)."""
        sent_now = self.sent_of[tok.i]
        inside = self.content or (0, 0)
        i = tok.i - 1
        while i >= 0 and sent_now - self.sent_of[i] <= 1:
            t = self.doc[i]
            i -= 1
            if t.dep_ not in _SUBJECT_DEPS or t.tag_ != "NN" or t.i in self.tok_ent:
                continue
            if self.sent_of[t.i] == sent_now or t.head.dep_ != "ROOT":
                continue  # only the main subject of the sentence before
            if not any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that")
                       for c in t.children):
                continue  # a definite thing ("the ad"), not "intense wrangling"
            d = descriptions().get(t.lemma_.lower())
            if person != (d is not None and d["kind"] == "person"):
                continue  # "the president" for "he", "the report" for "it"
            if inside[0] <= t.idx < inside[1]:
                continue
            res = self.resolve(t)
            if res.entity_id in blocked:
                continue
            canonical = res.canonical
            if canonical is None:
                a, b = self.mention_span(t)
                canonical = doc_text(self.doc)[a:b]
            score = -float(sent_now - self.sent_of[t.i]) + W_SUBJECT
            return score, (canonical, res.entity_id)
        return None

    @staticmethod
    def _looks_personal(record: dict[str, Any]) -> bool:
        """A mislabelled person ("Keller" as GPE): a name that starts with a given name."""
        words = str(record.get("canonical") or record["surface"]).split()
        return len(words) >= 2 and words[0].lower() in first_names()

    def _who_antecedent(self, target: Token | None) -> Token | None:
        """The noun a "who" clause modifies, when it is a common noun or group: "an
        architect who said", "nervous Democrats on Capitol Hill, who argued" (past a place
        or body the parser attached the clause to). None when it is a person's name or
        not such a noun; then the nearest person named before is taken."""
        for _ in range(3):
            if target is None:
                return None
            k = self.tok_ent.get(target.i)
            label = self.ents[k].get("label") if k is not None else None
            if label == "PERSON":
                return None  # "Will Smith and Stevie Wonder, who": the nearest name
            if label == "NORP" or (label is None and target.pos_ == "NOUN"
                                   and target.tag_ in ("NN", "NNS")):
                # "black listeners to his radio program who": past a thing to the people
                owner = target.head.head if target.dep_ == "pobj" else None
                if target.tag_ == "NN" and _role(target) not in descriptions() and (
                    owner is not None and owner.tag_ == "NNS" and owner.pos_ == "NOUN"
                ):
                    return owner
                return target
            prep = target.head
            if target.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in (
                "NOUN", "PROPN"
            ):
                return None
            target = prep.head
        return None

    def _noun_before(self, tok: Token) -> Token | None:
        """The nearest plural or person noun before a relative "who" in its sentence (up to
        15 tokens back): "protesters here, who", "calls from listeners to his radio program
        who" ("who" is never the program)."""
        start = max(tok.sent.start, tok.i - 15)
        for i in range(tok.i - 1, start - 1, -1):
            t = self.doc[i]
            if t.pos_ == "NOUN" and (t.tag_ == "NNS" or _role(t) in descriptions()):
                return t
        return None

    def _person_before(self, tok: Token) -> tuple[str, str] | None:
        """The PERSON entity named closest before ``tok`` (within 12 tokens, same paragraph)."""
        pos = bisect.bisect_left(self.ent_starts, tok.i)
        for k in range(pos - 1, -1, -1):
            start, end = self.ent_tokens[k]
            if tok.i - end > 12 or "\n" in self.doc[end : tok.i].text:
                break
            if self.ents[k].get("label") == "PERSON":
                return self._record(k)
        return None

    def _description(self, head: Token, desc: dict[str, str]
                     ) -> tuple[str, str | None] | None:
        kind = desc["kind"]
        if head.tag_ in ("NNS", "NNPS"):
            if kind == "person":
                return self._named_pair(head)
            return None  # "officials", "sources": a group, not one named entity
        # An entity inside the description names it: "the Pentagon report", "Reuters' report".
        if kind in ("media", "org", "gpe"):
            # "The US network", "a Japanese company": a place or nationality in front of a
            # channel or a firm says where it is, not who it is ("the US administration",
            # "the French ministry" are the state itself)
            places_ok = kind == "gpe" or head.lemma_.lower() in _STATE_BODIES
            for child in head.lefts:
                k = self.tok_ent.get(child.i)
                label = self.ents[k].get("label") if k is not None else None
                if label in _THING_LABELS and (places_ok or label not in _PLACE_LABELS):
                    return self._record(k)
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                    for t in child.children:
                        if t.dep_ == "pobj":
                            k = self.tok_ent.get(t.i)
                            if k is not None:
                                return self._record(k)
        pos = bisect.bisect_left(self.ent_starts, head.i)
        if kind == "media":
            media = media_words()
            for k in range(pos - 1, -1, -1):
                words = str(self.ents[k].get("canonical") or "").lower().replace(".", "").split()
                if any(w in media for w in words):
                    return self._record(k)
            # "Hedgewatch said ... The website noted": the outlet that just spoke
            last = self.last_speaker
            if last is not None and last[2] is not None and last[0] < head.i and (
                self.sent_of[head.i] - self.sent_of[last[0]] <= 2
            ):
                k = self.tok_ent.get(last[0])
                if k is not None and self._group_like(k):
                    return last[1], last[2]
            return None
        lemma = head.lemma_.lower()
        if kind in ("org", "gpe"):
            labels = ("ORG",) if kind == "org" else ("GPE",)
            for k in range(pos - 1, -1, -1):
                record = self.ents[k]
                words = str(record.get("canonical")).lower().split()
                if record.get("label") in labels and lemma in words and len(words) > 1:
                    return self._record(k)  # not "Bank" alone ("Bank officials said")
            # "the agency", "the union" (bare, no modifier): the organisation just named;
            # not "the poll", "the campaign": those name a text or a team, not a body.
            if lemma in _POLL_WORDS or lemma == "study":
                # "a new poll shows", "the study found": the named poll or survey near it
                poll = self._poll_near(head)
                if poll is not None:
                    return poll, None
            bare = [c.lower_ for c in head.lefts] == ["the"] and lemma in _BODIES
            if kind == "gpe" or bare:
                sent_now = self.sent_of[head.i]
                for k in range(pos - 1, -1, -1):
                    if sent_now - self.sent_of[self.ent_tokens[k][0]] > 2:
                        break
                    if self.ents[k].get("label") in labels:
                        return self._record(k)
            if lemma in _BODIES:
                return self._org_sharing_words(head)
            return None
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is not None:
            # "his lawyer": someone named as the owner's lawyer, else not named at all;
            # "Nevada's tax commissioner says ... Helen Marsh says": a place's or
            # body's officer that the lede introduces
            found = self._owned_role(head, poss, _role(head))
            k = self.tok_ent.get(poss.i)
            if found is None and k is not None and self.ents[k].get("label") in _THING_LABELS:
                found = self._lede_person(head, _role(head), set(), desc.get("gender") or None,
                                          set())
            # The lede names someone, the next sentence describes them: "Jane Roe on Monday
            # urged ... “...,” Smith's former strategist said": the person who just spoke,
            # unless it is the owner ("my mother": never the narrator)
            last = self.last_speaker
            if found is None and last is not None and last[2] is not None and (
                last[3] == "PERSON" and poss.lower_ not in ("my", "our", "your")
                and not self._other_role(last[2], _role(head))
                and last[2] != self._owner(poss)[1]
                and 0 <= self.sent_of[head.i] - self.sent_of[last[0]] <= 1
                and self.sent_of[head.i] - self.section_start[head.i] <= LEDE_SENTENCES
            ):
                found = last[1], last[2]
            return found
        # Person role: the earlier person described with the most of the description's
        # words over all their mentions so far ("The Ohio governor" → "Ohio Gov. Ann
        # Vance"). The role noun counts 2, each modifier 1.5; a description whose modifiers
        # ("The GOP nominee") fit none of a person's words costs 2 ("Libertarian nominee
        # Tom Lane" is not the GOP nominee). Ties go to the nearest.
        if any(c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in head.children):
            return None  # "every independent expert", "no official": nobody in particular
        role = _role(head)
        mods = {
            _role(t) for c in head.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod")
            for t in c.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")
        } - _VAGUE_ROLE_WORDS - {role, ""}
        gender = desc.get("gender") or None
        party = mods & parties()
        # place words ("A New York judge"): a later full title may name a narrower place
        places = {_role(t) for c in head.lefts for t in c.subtree
                  if (kk := self.tok_ent.get(t.i)) is not None
                  and self.ents[kk].get("label") == "GPE"}
        if any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another")
               for c in head.children):
            # "A New York judge has rejected ...": someone new, maybe named just after
            # ("Judge Emil Stroud wrote"), else not named at all
            return self._named_after(head, role, mods - places, gender, party) or (
                self._lede_person(head, role, mods, gender, party))
        first = self._unnamed_before(head)
        if first is not None:
            # "a senior official said ... the official added": the one introduced without
            # a name (unless named just after it), not the article's protagonist
            found = self._named_after(first, role, mods - places, gender, party) or (
                self._lede_person(first, role, mods, gender, party))
            if found is not None and any(
                self.ents[k]["entity_id"] == found[1] and self.ent_tokens[k][0] < first.i
                for k in range(bisect.bisect_left(self.ent_starts, first.i))
            ):
                return None  # named after it, but someone the article had already named
            return found
        described: dict[str, set[str]] = {}
        last: dict[str, int] = {}
        for k, words in self.role_words.items():
            if self.ent_tokens[k][1] > head.i:
                continue
            eid = self.ents[k]["entity_id"]
            described.setdefault(eid, set()).update(words)
            last[eid] = max(last.get(eid, -1), k)
        best: tuple[float, int] | None = None
        for eid, words in described.items():
            g = self.gender.get(eid)
            if g and gender and g != gender:
                continue
            if party and words & (parties() - party):
                continue  # "The Democratic nominee" is not "Republican nominee X"
            matched = len(mods & words)
            score = 2 * (role in words) + 1.5 * matched - (2 if mods and not matched else 0)
            if score >= 1.5 and (role in words or matched > 1) and (
                best is None or (score, last[eid]) > best
            ):
                best = (score, last[eid])
        if best is not None:
            return self._record(best[1])
        after = self._named_after(head, role, mods - places, gender, party) or (
            self._lede_person(head, role, mods, gender, party))
        if after is not None:
            return after
        if role in generic_roles() or lemma in generic_roles():
            # "the official", "the woman": an outside voice or bystander, seldom the
            # protagonist; better unnamed than pinned on whoever the article is about
            return None
        # "the president", "the senator": the most mentioned person so far (the article's
        # protagonist), if the role's gender allows. Not when an organisation is named in the
        # description that no one was described with ("The NATO commander"): someone else.
        if any(self.ents[kk].get("label") == "ORG" and _role(t) not in parties()
               for c in head.lefts for t in c.subtree
               if (kk := self.tok_ent.get(t.i)) is not None):
            return None
        counts: dict[str, int] = {}
        for k in range(pos):
            record = self.ents[k]
            if record.get("label") == "PERSON":
                eid = record["entity_id"]
                g = self.gender.get(eid)
                if party and described.get(eid, set()) & (parties() - party):
                    continue  # "The Democratic nominee" is not "Republican nominee X"
                if self._other_office(described.get(eid, set()), role, mods):
                    continue  # "Supreme Court Judge X" is not "the GOP nominee"
                if not (g and gender and g != gender):
                    counts[eid] = counts.get(eid, 0) + 1 + self.spoken.get(eid, 0)
        # ... unless a compatible person just spoke: "Ann Vance says ... The Ohio
        # governor said" continues the item's speaker, not the article's protagonist
        if counts and self.last_speaker is not None and self.last_speaker[2] in counts and (
            self.sent_of[head.i] - self.sent_of[self.last_speaker[0]] <= 2
        ):
            return self.last_speaker[1], self.last_speaker[2]
        if counts:
            best = max(counts, key=lambda e: (counts[e], -list(counts).index(e)))
            k = next(k for k in range(pos) if self.ents[k]["entity_id"] == best)
            return self._record(k)
        return None

    def _unnamed_before(self, head: Token) -> Token | None:
        """The last earlier singular mention of ``head``'s noun ("the official") if it was
        an indefinite one that no name goes with ("a senior administration official said",
        not "Jo Roe, an official at ..." or "an official, Jo Roe,")."""
        lemma = head.lemma_.lower()
        for t in reversed(self.doc[max(0, head.i - UNNAMED_WINDOW) : head.i]):
            if t.pos_ != "NOUN" or t.tag_ != "NN" or t.lemma_.lower() != lemma:
                continue
            if t.i in self.tok_ent or t.dep_ in ("appos", "attr", "compound"):
                return None
            if any(c.dep_ == "appos" or self._is_person(c) for c in t.children):
                return None  # named ("an aide, Jo Roe,"); "a Google spokesman" is not
            dets = {c.lower_ for c in t.children if c.dep_ in ("det", "nummod")}
            if dets & {"a", "an", "one", "another"}:
                return t
            if dets != {"the"}:
                return None
            # "the official" again: the same one, look further back for how it came in
        return None

    def _org_sharing_words(self, head: Token) -> tuple[str, str] | None:
        """An organisation description whose own words name the body: "A union representing
        bus drivers" → "Federation of Bus Drivers", "Bus drivers' union" → the same: the
        nearest ORG (before, else up to ``FORWARD_WINDOW`` sentences after) whose name
        shares a content word with the description."""
        words = {_singular(t.lower_) for t in head.subtree if t.i != head.i and t.is_alpha
                 and t.pos_ in ("NOUN", "PROPN") and not t.is_stop and len(t) > 2
                 and t.i not in self.tok_ent}  # "the Vance campaign" is no "Vance Foundation"
        if not words:
            return None
        sent_now = self.sent_of[head.i]
        pos = bisect.bisect_left(self.ent_starts, head.i)
        order = [*range(pos - 1, -1, -1), *range(pos, len(self.ents))]
        for k in order:
            a, b = self.ent_tokens[k]
            if abs(self.sent_of[a] - sent_now) > FORWARD_WINDOW:
                if a < head.i:
                    continue
                break
            if self.ents[k].get("label") != "ORG" or a <= head.i < b:
                continue
            name = {_singular(w) for w in re.findall(r"[a-z]+", str(
                self.ents[k].get("canonical") or "").lower())}
            if words & name:
                return self._record(k)
        return None

    @staticmethod
    def _other_office(words: set[str], role: str, mods: set[str]) -> bool:
        """Do a person's known words give them another office than the description's role,
        with none of its modifiers? ("judge" for "The GOP presidential nominee")"""
        if role not in _OFFICES or role in words or mods & words:
            return False
        return bool(words & _OFFICES)

    def _poll_near(self, tok: Token) -> str | None:
        """The named poll or survey nearest before ``tok`` in its section, else the first
        within ``FORWARD_WINDOW`` sentences after it: "a new Washington Post-ABC News
        national poll" → "Washington Post-ABC News poll"."""
        if self._polls is None:
            self._polls = []
            text = doc_text(self.doc)
            for t in self.doc:
                if t.pos_ != "NOUN" or t.lemma_.lower() not in _POLL_WORDS:
                    continue
                names = [x for x in self.doc[t.left_edge.i : t.i] if x.pos_ == "PROPN"]
                if names:
                    name = text[names[0].idx : names[-1].idx + len(names[-1])]
                    self._polls.append((t.i, f"{name} {t.lemma_.lower()}"))
        sent_now = self.sent_of[tok.i]
        before = [(i, n) for i, n in self._polls if i < tok.i
                  and sent_now - self.sent_of[i] < SECTION_GAP]
        if before:
            return before[-1][1]
        after = [(i, n) for i, n in self._polls if i > tok.i
                 and self.sent_of[i] - sent_now <= FORWARD_WINDOW]
        return after[0][1] if after else None

    def _named_pair(self, head: Token) -> tuple[str, str] | None:
        """A plural role ("the senators", "both candidates") for people just named together
        ("Sens. Mark Orlen and Ruth Bayle"): the latest coordination of two or more
        persons within two sentences, when one of them bears the role or the description
        says "both". None otherwise ("officials", "sources": a group not named)."""
        role = _role(head)
        if role.endswith("s") and role not in role_aliases().values():
            role = role_aliases().get(role[:-1], role[:-1])
        both = any(c.lower_ in ("both", "two") for c in head.children)
        sent_now = self.sent_of[head.i]
        pos = bisect.bisect_left(self.ent_starts, head.i)
        for k in range(pos - 1, -1, -1):
            start, end = self.ent_tokens[k]
            if sent_now - self.sent_of[start] > 2:
                break
            if self.ents[k].get("label") != "PERSON":
                continue
            root = self.doc[start:end].root
            group = [k] + [kk for c in root.conjuncts if c.i > root.i
                           and (kk := self.tok_ent.get(c.i)) is not None
                           and self.ents[kk].get("label") == "PERSON"]
            if len(group) < 2:
                continue
            if both or any(role in self.eid_words.get(self.ents[kk]["entity_id"], ())
                           for kk in group):
                names = list(dict.fromkeys(self._record(kk)[0] for kk in group))
                return " and ".join(names), self._record(k)[1]
        return None

    def _named_after(self, head: Token, role: str, mods: set[str], gender: str | None,
                     party: set[str]) -> tuple[str, str] | None:
        """A description that introduces someone named only later ("Former White House
        doctor says ... Dr. Jane Roe", "A New York judge ... Judge Emil Stroud"): the
        first person within ``FORWARD_WINDOW`` sentences after it whose own title or
        apposition has the role noun and fits every modifier of the description."""
        sent_now = self.sent_of[head.i]
        pos = bisect.bisect_right(self.ent_starts, head.i)
        for k in range(pos, len(self.ents)):
            start = self.ent_tokens[k][0]
            if self.sent_of[start] - sent_now > FORWARD_WINDOW:
                break
            words = self.role_words.get(k)
            if not words or role not in words:
                continue
            eid = self.ents[k]["entity_id"]
            g = self.gender.get(eid)
            if g and gender and g != gender:
                continue
            if party and words & (parties() - party):
                continue
            if all(m in words or _acronym_of(m, words) for m in mods):
                return self._record(k)
        return None

    def _lede_person(self, head: Token, role: str, mods: set[str], gender: str | None,
                     party: set[str]) -> tuple[str, str] | None:
        """A description in the headline or lede, of the article or of a live blog's item
        ("Former party chairman calls for ...", "Lawmaker urges ...") introduces the person
        the next sentences name as a subject: the first such person within ``LEDE_WINDOW``
        sentences after it whose titles do not contradict the description (gender, party,
        another office). Not a definite description ("The Ohio governor"), which refers
        back."""
        sent_now = self.sent_of[head.i]
        if sent_now - self.section_start[head.i] > LEDE_SENTENCES:
            return None
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            return None  # "The Ohio governor": someone named before, not introduced
        # "A spokeswoman for Ann Vance": not who the description itself names
        inside = {self.ents[k]["entity_id"] for t in head.subtree
                  if (k := self.tok_ent.get(t.i)) is not None}
        pos = bisect.bisect_right(self.ent_starts, head.i)
        for k in range(pos, len(self.ents)):
            start, end = self.ent_tokens[k]
            sent = self.sent_of[start]
            if sent == sent_now:
                continue  # who the description's own sentence names is someone else
            if sent - sent_now > LEDE_WINDOW:
                break
            if self.ents[k].get("label") != "PERSON" or (
                self.doc[start:end].root.dep_ not in _SUBJECT_DEPS
            ):
                continue
            eid = self.ents[k]["entity_id"]
            words = self.eid_words.get(eid, set())
            g = self.gender.get(eid)
            if g and gender and g != gender or party and words & (parties() - party):
                continue
            if eid in inside:
                continue
            if self._other_office(words, role, mods):
                continue
            return self._record(k)
        return None

    def _proper_name(self, head: Token) -> str | None:
        """A name the NER missed and no entity shares ("Mediaite argues", "Acme said"): the
        proper noun as written, with its compound proper nouns but without titles."""
        if head.pos_ != "PROPN" or not head.text[:1].isupper() or not head.is_alpha or (
            head.lemma_.lower() in descriptions() or head.lower_ in titles()
            or head.ent_type_ in ("DATE", "TIME")
        ):
            return None
        start, end = self.mention_span(head)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        toks = [t for t in span if t.i <= head.i] if span is not None else [head]
        while len(toks) > 1 and (toks[0].pos_ == "DET" or toks[0].lower_ in titles()):
            toks = toks[1:]
        if not all(t.is_alpha and t.text[:1].isupper() and _role(t) not in descriptions()
                   for t in toks):
            return None  # "Labour MP", "the party's chief": a description, not a name
        return " ".join(t.text for t in toks)

    def _by_name(self, head: Token, exact: bool = True) -> tuple[str, str] | None:
        """A proper noun the NER missed ("PENCE:"): an entity whose name ends with it, else
        (also when not ``exact``) a person named in full whose surname is one letter off."""
        word = head.text.lower()
        for k in range(len(self.ents) - 1 if exact else -1, -1, -1):
            words = str(self.ents[k].get("canonical") or "").lower().split()
            if words and words[-1] == word:
                return self._record(k)
        if len(word) < 5 or not head.text[:1].isupper():
            return None
        for k in range(len(self.ents) - 1, -1, -1):
            # a misspelt surname ("Quilens" for "Dora Quillens"), of a person named in full
            words = str(self.ents[k].get("canonical") or "").lower().split()
            if self.ents[k].get("label") == "PERSON" and len(words) > 1 and (
                words[-1][:1] == word[:1] and one_letter_off(words[-1], word)
            ):
                return self._record(k)
        return None
