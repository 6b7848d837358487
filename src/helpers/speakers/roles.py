"""What the text says a person is: role words from titles and appositions, and gender.

``role_of`` normalises a describing word through ``data/quote_role_aliases.csv`` ("Gov." →
governor); :func:`role_words` collects, for one PERSON mention, the words of its title ("Ohio
Gov. Ann Vance" → ohio, governor), of its apposition ("Ruth Kell, a spokesperson for ...")
and of a "who was the ..." predicate, plus the broader roles they imply ("senator" →
legislator, ``data/quote_broader_roles.csv``). :func:`text_gender` reads a person's gender
from an honorific ("Mrs.") or a gendered role ("spokeswoman"), :func:`name_gender` from the
given name. :class:`Description` is what a person description ("the GOP nominee") says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicons import (
    broader_roles,
    descriptions,
    first_names,
    generic_roles,
    offices,
    parties,
    role_aliases,
    titles,
    word_set,
)

#: token index → label of the entity mention there (None: no mention)
LabelAt = Callable[[int], "str | None"]

#: How far (in tokens) from the name an apposition's words still describe it.
APPOSITION_REACH = 15


def role_of(tok: Token) -> str:
    """A describing word, normalised: lower-case lemma through the role aliases."""
    word = tok.lemma_.lower()
    if tok.pos_ in ("PROPN", "ADJ", "VERB") or word.endswith("."):
        word = tok.lower_  # "Retired" (ADJ) and "retired" (VERB) alike
        if tok.tag_ == "NNPS" and word.endswith("s") and word[:-1] in descriptions():
            word = word[:-1]  # "Senators Orlen and Bayle"
    return role_aliases().get(word, word)


def is_inner_hyphen(tok: Token) -> bool:
    """A hyphen inside a word group ("52-count"), not a dash between phrases."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.nbor(-1).whitespace_


def without_role(name: str, capitalised: bool = False) -> str:
    """"Barcelona star Ronaldinho" (a role noun the NER kept inside the name): the name
    after the role. Names without a lowercase role word are returned unchanged; with
    ``capitalised`` (a person's name, never an organisation's) a capitalised role word
    counts too ("Lib Dem MP Jo Roe" → "Jo Roe")."""
    words = name.split()
    for j in range(len(words) - 2, 0, -1):
        w = words[j] if capitalised or words[j].islower() else ""
        if descriptions().get(w.lower(), {}).get("kind") == "person" and all(
            x[:1].isupper() for x in words[j + 1 :]
        ):
            return " ".join(words[j + 1 :])
    return _from_given_name(words) if capitalised else name


def _from_given_name(words: list[str]) -> str:
    """"Tory Jo Roe", "Sinn Fein Jo Roe": a person's name the tagger ran a party or
    group word into -- the name from its first known given name, when no word before it
    is one ("Mary Ann Roe" stays whole)."""
    given = first_names()
    at = next((j for j, w in enumerate(words) if w.lower() in given), None)
    if at is None or at == 0 or at == len(words) - 1:
        return " ".join(words)
    return " ".join(words[at:])


def role_words(doc: Doc, start: int, end: int, label_at: LabelAt) -> frozenset[str]:
    """The words describing the PERSON mention ``doc[start:end]``: its title, apposition
    and "who was" predicate, with the broader roles they imply."""
    head = doc[start:end].root
    words = _title_words(doc, start) | _apposition_words(head, start, label_at)
    words |= _predicate_words(head, start)
    words -= {""}
    words |= {broader_roles()[w] for w in words if w in broader_roles()}
    return frozenset(words)


def _title_words(doc: Doc, start: int) -> set[str]:
    """The title before the name, up to a break ("the", a comma, a verb)."""
    desc = descriptions()
    words: set[str] = set()
    i = start - 1
    while i >= max(0, start - 6):
        t = doc[i]
        if t.pos_ not in ("NOUN", "PROPN", "ADJ") and not is_inner_hyphen(t) and (
            t.dep_ != "amod"  # "Retired U.S. Air Force Gen. Paul Dorn"
        ):
            break
        word = role_of(t)
        if t.pos_ == "NOUN" and t.is_lower and word not in desc and (
            word not in role_aliases().values()
        ):
            break  # "harsh comments Vance made": not a title
        if not t.is_punct:
            words.add(word)  # not the "." of "Sens." split off by the tokenizer
        i -= 1
    return words


def _apposition_words(head: Token, start: int, label_at: LabelAt) -> set[str]:
    """Words of the name's apposition ("Ruth Kell, a spokesperson for ..."), or of the noun
    it is the apposition of ("An attorney for Brandt, Ruth Kell")."""
    own = {t.i for t in head.subtree}
    anchor = _anchor(head, label_at)
    words: set[str] = set()
    for tok in (*head.children, anchor):
        if tok.dep_ == "appos" and label_at(tok.i) == "PERSON":
            continue  # a name beside a name is no description of it
        if tok.dep_ == "appos" or head.dep_ == "appos" and tok.i == anchor.i:
            skip = _other_people(tok, label_at)
            if tok.i == anchor.i:
                skip |= own
            words |= {role_of(t) for t in tok.subtree if t.i not in skip and (
                t.pos_ in ("NOUN", "PROPN", "ADJ") and abs(t.i - start) <= APPOSITION_REACH)}
    return words


def _anchor(head: Token, label_at: LabelAt) -> Token:
    """What the name hangs from; "An attorney for Brandt, Ruth Kell" parsed as Brandt's
    apposition: the role noun above is what describes the name."""
    anchor = head.head
    if head.dep_ == "appos" and label_at(anchor.i) == "PERSON" and anchor.dep_ == "pobj" and (
        anchor.head.head.pos_ == "NOUN"
    ):
        return anchor.head.head
    return anchor


def _other_people(tok: Token, label_at: LabelAt) -> set[int]:
    """Tokens of an apposition that describe someone else: a coordinated person ("President
    Harold Vance and his wife Claire" does not make Vance a wife) and an owner ("Ann Vance,
    the Republican presidential candidate's eldest daughter" is no candidate); only an
    owner's name stays ("Ruth Kell, Brandt's lawyer" → brandt, for "his lawyer")."""
    other = {t.i for c in tok.subtree if c.dep_ == "conj" for t in c.subtree}
    other |= {t.i for c in tok.subtree if c.dep_ == "poss" for t in c.subtree
              if label_at(t.i) not in ("PERSON", "ORG", "GPE")}
    return other


def _predicate_words(head: Token, start: int) -> set[str]:
    """"Dr. Jane Roe, who was the White House physician": the predicate's words."""
    words: set[str] = set()
    for c in head.children:
        if c.dep_ == "relcl" and c.lemma_ == "be":
            for attr in c.children:
                if attr.dep_ == "attr":
                    words.update(role_of(t) for t in attr.subtree if t.pos_ in (
                        "NOUN", "PROPN", "ADJ") and abs(t.i - start) <= APPOSITION_REACH)
    return words


def text_gender(doc: Doc, start: int, end: int, words: frozenset[str]) -> str | None:
    """What the article says of the PERSON mention ``doc[start:end]`` described by
    ``words``: an honorific before or in the name ("Mrs."), else a gendered role ("9/11
    widow Terry Strada", "spokeswoman Jessica Ditto"); None when neither says."""
    honorifics, desc = titles(), descriptions()
    tokens = [t.lower_ for t in doc[start:end]]
    before = doc[start - 1].lower_ if start > 0 else ""
    gender = honorifics.get(before) or next(
        (honorifics[w] for w in tokens if w in honorifics), None
    )
    if gender is None:
        role = {desc[w]["gender"] for w in words if w in desc}
        role.discard("")
        gender = role.pop() if len(role) == 1 else None
    return gender or None


def name_gender(doc: Doc, start: int, end: int, name: str) -> str | None:
    """The gender ``data/given_names.csv`` gives the given name of ``name`` (or of the
    mention's first word); None when it lists none."""
    names = first_names()
    words = name.split()
    if missed_given_name(doc, start, name):
        # "Amelize Joseph" read as "Joseph": the word before is the given name, and this
        # one the surname, whatever gender the list gives it as a given name
        return names.get(doc[start - 1].lower_) or None
    first = doc[start].lower_ if end > start else ""
    return names.get(words[0].lower() if words else "") or names.get(first) or None


def missed_given_name(doc: Doc, start: int, name: str) -> bool:
    """Is a one-word person mention ``name`` at token ``start`` right after a capitalised
    name word (no punctuation between): a given name the entity recogniser left out?"""
    if len(name.split()) != 1 or start == 0:
        return False
    tok = doc[start - 1]
    return tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and bool(
        tok.whitespace_) and tok.ent_type_ in ("", "PERSON")


@dataclass(frozen=True)
class Description:
    """What a person description says: its role noun, modifiers ("The GOP nominee"),
    place words among them ("A New York judge"), gender ("spokeswoman") and party."""

    role: str
    mods: frozenset[str]
    places: frozenset[str]
    gender: str | None
    party: frozenset[str]
    #: a generic role ("the official", "the woman") or one of an organisation no one was
    #: described with ("The NATO commander"): someone the article may never name
    generic: bool = False
    #: what it describes (``data/quote_descriptions.csv``): person | media | org | gpe
    kind: str = "person"

    @classmethod
    def of(cls, head: Token, desc: dict[str, str], label_at: LabelAt) -> Description:
        """The description headed by ``head`` (its ``data/quote_descriptions.csv`` row
        ``desc``; ``label_at`` gives the entity label at a token index)."""
        role = role_of(head)
        mods = {
            role_of(t) for c in head.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod")
            for t in c.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")
        } - word_set("vague_role") - {role, ""}
        # place words ("A New York judge"): a later full title may name a narrower place
        places = {role_of(t) for c in head.lefts for t in c.subtree if label_at(t.i) == "GPE"}
        generic = role in generic_roles() or head.lemma_.lower() in generic_roles() or any(
            label_at(t.i) == "ORG" and role_of(t) not in parties()
            for c in head.lefts for t in c.subtree)
        return cls(role, frozenset(mods), frozenset(places), desc.get("gender") or None,
                   frozenset(mods & parties()), generic)

    def contradicted_by(self, gender: str | None, words: frozenset[str] | set[str]) -> bool:
        """Does a person of ``gender`` described by ``words`` contradict the gender or party?"""
        if gender and self.gender and gender != self.gender:
            return True
        return bool(self.party and words & (parties() - self.party))


def other_office(words: set[str] | frozenset[str], role: str, mods: set[str] | frozenset[str]
                 ) -> bool:
    """Do a person's known words give them another office than the description's role,
    with none of its modifiers? ("judge" for "The GOP presidential nominee")"""
    if role not in offices() or role in words or mods & words:
        return False
    return bool(words & offices())
