"""Entity mentions: spaCy NER repaired at document level, with canonical names and stable ids.

``from_doc`` works on one parsed Doc, in a few linear passes over its entities and tokens:

1. boundary clean-up of spaCy's spans: split at line breaks, list punctuation, spaced dashes
   and score numbers; drop a leading "the", courtesy titles ("Mr"), a trailing possessive and
   stray punctuation; a leading nationality becomes its own mention ("Kenyan | Susan
   Otieno"); the portfolio of a job title is no organisation ("Secretary of State"); two
   known names run together across a missed sentence end are split ("the U.S. | Russia has");
2. base labels: curated gazetteers (countries, capitals, cities, regions, nationalities,
   organisation abbreviations: ``data/entity_*.csv``) override spaCy's label, so a capital is
   never a PERSON unless the article names a person with that surname; place names in
   sports results rows become ORG (teams); a name starting with a known given name, or after
   "Mr"/"Mrs"/"Dr", is a PERSON;
3. document-level repair: a name whose last word is the surname of a PERSON in the same article
   is that PERSON ("Blinken" tagged GPE → "Antony Blinken"); other names take the label most of
   their mentions have, so one name gets one label per article;
4. recall: untagged occurrences of the article's entity names, of its people's surnames, of
   gazetteer names and of "Given Surname" pairs are added (all-caps headlines, repeated names);
5. canonical names (aliases such as "U.S." → "United States", "Kiev" → "Kyiv"; surnames → the
   article's principal bearer of that surname, see :func:`_bearer`; all-caps variants → the
   article's mixed-case spelling) and ``entity_id`` = label + slug of the canonical name.

``link_tables`` then links across the corpus: a lone surname whose full name is unique in the
corpus gets that full name (also when tagged GPE/ORG there but PERSON elsewhere), and one
spelling is chosen per ``entity_id``; quotes' speakers and figures' claimants follow.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from .lexicons import first_names, given_names, one_letter_off
from .nlp import doc_text
from .registry import extract_table

_LEADING_THE = re.compile(r"^(the|The|THE)\s+")
_POSSESSIVE = re.compile(r"\s*(['’]s|['’])$")
_SPACES = re.compile(r"\s+")
_SLUG = re.compile(r"[^\w]+", re.UNICODE)
_NUMERIC = re.compile(r"^[-+]?[\d.,/:–-]*\d[\d.,/:–-]*$")

#: spaCy labels kept as entity mentions (numeric and date labels belong to figures).
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "LANGUAGE"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels whose spans are cut at numbers ("J. Smith 63", "Leeds 3 Derby 2"); titles of events,
#: products and works keep theirs ("Apollo 11", "Windows 10").
_CUT_AT_NUMBERS = frozenset({"PERSON", "NORP", "GPE", "LOC", "ORG"})
#: Tokens that always end a name: list and bracket punctuation.
_BREAK_PUNCT = frozenset({",", ";", ":", "(", ")", "[", "]", "{", "}", '"', "“", "”", "|", "/"})
#: Dashes end a name only when spaced ("Romania - Andrei Popa", not "Jean-Daniel").
_DASHES = frozenset({"-", "–", "—", "--"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
#: Words that make a capitalised sequence an organisation, not a person, even after a given name.
_ORG_WORDS = frozenset(
    """union party bank group inc corp corporation company co ltd plc llc council association
    federation ministry university club united city fc airlines airways news times post agency
    institute foundation committee democratic church army forces front league court fund
    organisation organization commission department office service services motors holdings
    international reserve board exchange trust centre center school college hospital airport
    stadium street road square award prize cup open games tour championship championships
    museum press television radio network media capital partners brothers bros sons awards
    trophy memorial foundation fund festival hall house theatre theater orchestra band
    """.split()
)
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "di", "van", "von", "der", "den", "la",
                             "le", "bin", "ibn", "al", "el", "du", "dos", "das", "ter"})


def _norm(text: str) -> str:
    """Lookup key of a name: lower case, straight apostrophes, single spaces."""
    return _SPACES.sub(" ", text.replace("’", "'").strip()).lower()


def canonical_form(surface: str) -> str:
    """A mention's display name: no leading "the", no possessive, single-spaced."""
    name = _LEADING_THE.sub("", surface.strip())
    name = _POSSESSIVE.sub("", name).strip()
    return _SPACES.sub(" ", name) or surface.strip() or surface


def entity_key(label: str, canonical: str) -> str:
    """Stable id of an entity: label plus a slug of its canonical name."""
    slug = _SLUG.sub("-", canonical.lower()).strip("-")
    return f"{label}:{slug}"


# --- lexicons ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A gazetteer or alias row: the canonical name and label a known name stands for."""

    canonical: str
    label: str
    category: str
    find: bool  # also tag occurrences spaCy left untagged


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("helpers.data").joinpath(name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Entry]:
    """Known names (key: :func:`_norm` of the name) from the gazetteer and alias files."""
    table: dict[str, Entry] = {}
    for row in _rows("entity_gazetteer.csv"):
        table[_norm(row["name"])] = Entry(row["name"], row["label"], row["category"], True)
    for row in _rows("entity_aliases.csv"):
        # An alias row refines the gazetteer (e.g. "Kiev" is a capital spelled "Kyiv").
        key = _norm(row["alias"])
        category = table[key].category if key in table else "alias"
        table[key] = Entry(row["canonical"], row["label"], category, row["find"].strip() == "1")
    return table


@functools.lru_cache(maxsize=1)
def _office_words() -> tuple[frozenset[str], frozenset[str]]:
    """Title heads ("secretary") and portfolios ("state"): "Secretary of State" is a job."""
    rows = _rows("entity_office_words.csv")
    titles = frozenset(r["word"] for r in rows if r["kind"] == "title")
    portfolios = frozenset(r["word"] for r in rows if r["kind"] == "portfolio")
    return titles, portfolios


@functools.lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """Courtesy titles ("mr", "mrs", "dr"): not part of a name, but proof of a person."""
    rows = _rows("entity_office_words.csv")
    return frozenset(r["word"] for r in rows if r["kind"] == "honorific")


def _is_office(doc: Doc, start: int, key: str) -> bool:
    """``key`` is the portfolio of a job title: "Secretary of [State]", "Minister of [the]
    [Interior]"."""
    titles, portfolios = _office_words()
    if key not in portfolios:
        return False
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in titles


@functools.lru_cache(maxsize=1)
def _first_words() -> tuple[frozenset[str], int]:
    """First words of the findable lexicon names, and the longest name in tokens (approx.)."""
    firsts = set()
    longest = 1
    for key, entry in lexicon().items():
        if entry.find:
            words = re.split(r"[\s\-]+", key)
            firsts.add(words[0])
            longest = max(longest, len(re.findall(r"\w+|[^\w\s]", key)))
    return frozenset(firsts), longest


# --- per-document extraction --------------------------------------------------------------------


@dataclass
class _Mention:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    key: str = ""
    surface: str = ""
    table_row: bool = False
    weight: int = 1  # votes in the article's label vote


def _is_number(token: Token) -> bool:
    return bool(_NUMERIC.match(token.text))


def _is_break(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.is_space or "\n" in token.text:
        return True
    if token.text in _BREAK_PUNCT:
        return True
    if token.text in _DASHES:
        before = i > 0 and bool(doc[i - 1].whitespace_)
        return before and bool(token.whitespace_)
    return False


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", possessives, punctuation and numbers at the edges."""
    while start < end:
        token = doc[start]
        if token.lower_ == "the" or token.is_punct or token.is_space or _is_number(token):
            start += 1
        else:
            break
    while end > start:
        token = doc[end - 1]
        if token.text in _POSSESSIVES or token.is_punct or token.is_space or _is_number(token):
            end -= 1
        else:
            break
    return start, end


def _pieces(doc: Doc, start: int, end: int, label: str) -> Iterable[tuple[int, int]]:
    """Cut a spaCy span at breaks (and numbers for name labels), then trim each piece."""
    cut_numbers = label in _CUT_AT_NUMBERS
    piece_start = start
    for i in range(start, end + 1):
        if i == end or _is_break(doc, i) or (cut_numbers and _is_number(doc[i])):
            s, e = _trim(doc, piece_start, i)
            # A name has a capital somewhere ("iPod", "al-Qaeda"); "congress", "named" do not.
            if s < e and any(not t.text.islower() and t.is_alpha or t.text[:1].isupper()
                             for t in doc[s:e]):
                yield from _split_after_abbreviation(doc, s, e)
            piece_start = i + 1


def _split_after_abbreviation(doc: Doc, start: int, end: int) -> Iterable[tuple[int, int]]:
    """"…on behalf of the U.S. Russia has…": the parser did not end the sentence after the
    abbreviation, so the tagger ran two names together. Split after a known name ending in a
    period when what follows is itself a known name that a verb follows, i.e. the subject of
    a new sentence (and the whole is not one name, as in "U.S. State Department"; "the U.S.
    Gulf as of ..." stays)."""
    lex = lexicon()
    if (end - start < 2 or end >= len(doc) or doc[end].pos_ not in ("VERB", "AUX")
            or _norm(doc[start:end].text) in lex):
        yield start, end
        return
    for i in range(start, end - 1):
        word = doc[i].text
        if (
            len(word) > 2 and word.endswith(".") and _norm(word) in lex
            and doc[i].whitespace_ and doc[i + 1].text[:1].isupper()
            and _norm(doc[i + 1 : end].text) in lex
        ):
            yield start, i + 1
            yield i + 1, end
            return
    yield start, end


_ROW_NUMBER = re.compile(r"(?<![\w])[-+]?\.?\d[\d.,/:-]*(?![\w])")
_ROW_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_DIGIT = re.compile(r"\d")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _table_rows(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines that look like results-table rows: at least two numbers
    and as many numbers as words ("Rovers 2 United 1", "Essex 108-3"), not counting an ISO
    date (a dateline such as "MADRID 2024-05-01" is no row)."""
    rows = []
    start = 0
    for line in text.split("\n"):
        if line and _DIGIT.search(line):
            plain = _ISO_DATE.sub(" ", line)
            numbers = len(_ROW_NUMBER.findall(plain))
            if numbers >= 2 and numbers >= len(_ROW_WORD.findall(plain)):
                rows.append((start, start + len(line)))
        start += len(line) + 1
    return rows


def _in_rows(rows: list[tuple[int, int]], char: int) -> bool:
    """``char`` lies on one of the (sorted, disjoint) row ranges."""
    k = bisect.bisect_right(rows, (char, 1 << 62)) - 1
    return k >= 0 and rows[k][0] <= char < rows[k][1]


def _looks_like_person(doc: Doc, start: int, end: int) -> bool:
    """A capitalised 2-4 word name starting with a known given name and no organisation word."""
    words = [t for t in doc[start:end] if not t.is_punct]
    if not 2 <= len(words) <= 4:
        return False
    first = doc[start].text.split("-")[0].lower()
    if first not in given_names() and doc[start].lower_ not in given_names():
        return False
    for token in words:
        low = token.lower_
        if low in _ORG_WORDS:
            return False
        if not (token.text[:1].isupper() or low in _NAME_PARTICLES):
            return False
    return True


def _surname(canonical: str) -> str | None:
    """Key of the surname of a full PERSON name ("Martin Luther King Jr." → "king")."""
    words = canonical.split()
    while words and words[-1].lower() in _NAME_SUFFIXES:
        words.pop()
    if len(words) < 2:
        return None
    return _norm(words[-1])


def _title_case(surface: str) -> str:
    """Display form of an all-caps name from a headline; short words stay (acronyms)."""
    return " ".join(w if len(w) <= 3 else w.capitalize() for w in surface.split(" "))


def _ents(doc: Doc) -> list[tuple[int, int, str]]:
    """spaCy's name entities as (start token, end token, label), read from the token arrays
    (much cheaper than building ``doc.ents`` Spans)."""
    strings = doc.vocab.strings
    out: list[tuple[int, int, str]] = []
    start = -1
    label = ""
    for i, (iob, type_) in enumerate(doc.to_array(["ENT_IOB", "ENT_TYPE"]).tolist()):
        # IOB codes: 3 = B (begins), 1 = I (inside), 2 = O (outside), 0 = unset.
        if start >= 0 and iob != 1:
            out.append((start, i, label))
            start = -1
        if iob == 3:
            name = strings[type_]
            if name in NAME_LABELS:
                start, label = i, name
    if start >= 0:
        out.append((start, len(doc), label))
    return out


def _nationality_before_name(
    doc: Doc, start: int, end: int, label: str, lex: dict[str, Entry]
) -> bool:
    """The span opens with a nationality followed by a person's name."""
    entry = lex.get(doc[start].lower_)
    if entry is None or entry.label != "NORP" or not doc[start + 1].text[:1].isupper():
        return False
    if label == "PERSON":
        return doc[start + 1 : end].text.lower() not in lex
    return _looks_like_person(doc, start + 1, end)


def _collect(doc: Doc, text: str) -> tuple[list[_Mention], list[bool], list[tuple[int, int]]]:
    """Cleaned spaCy mentions with base labels, the covered-token mask and table rows."""
    lex = lexicon()
    titles_of_address = honorifics()
    rows = _table_rows(text)
    covered = [False] * len(doc)
    mentions: list[_Mention] = []
    for ent_start, ent_end, ent_label in _ents(doc):
        for s, e in _pieces(doc, ent_start, ent_end, ent_label):
            label = ent_label
            titled = False
            while s < e and doc[s].lower_ in titles_of_address:
                s += 1  # "Mr Hale" (tagged ORG) is the person Hale
                label, titled = "PERSON", True
            if s == e:
                continue
            if e - s >= 2 and _nationality_before_name(doc, s, e, label, lex):
                # "Kenyan Susan Otieno": the nationality is its own mention.
                m = _Mention(s, s + 1, "NORP", doc[s].lower_, doc[s].text)
                m.table_row = _in_rows(rows, doc[s].idx)
                mentions.append(m)
                covered[s] = True
                s, label = s + 1, "PERSON"
            surface = text[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]
            key = _norm(surface)
            if label == "ORG" and _is_office(doc, s, key):
                for i in range(s, e):
                    covered[i] = True  # and never found again as a name
                continue
            # "Mr X" is strong evidence of a person: it outweighs two stray tags.
            m = _Mention(s, e, label, key, surface, weight=3 if titled else 1)
            entry = None if titled else lex.get(key)
            if entry is not None:
                m.label = entry.label
            elif m.label != "PERSON" and _looks_like_person(doc, s, e):
                m.label = "PERSON"
            m.table_row = _in_rows(rows, doc[s].idx)
            mentions.append(m)
            for i in range(s, e):
                covered[i] = True
    _teams(doc, mentions, lex)
    return mentions, covered, rows


def _teams(doc: Doc, mentions: list[_Mention], lex: dict[str, Entry]) -> None:
    """In results-table rows, a city or region names a team (ORG); countries stay places
    (national sides keep their country label) and so do places in brackets."""
    for m in mentions:
        if not m.table_row or m.label not in PLACE_LABELS:
            continue
        entry = lex.get(m.key)
        if entry is not None and entry.category.startswith("country"):
            continue
        if m.start > 0 and doc[m.start - 1].text == "(":
            continue
        m.label = "ORG"


def _full_names(mentions: list[_Mention]) -> dict[str, list[tuple[int, str]]]:
    """Surname key → [(token position, full name)] of multi-word PERSON mentions."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start >= 2:
            name = canonical_form(m.surface)
            surname = _surname(name)
            if surname:
                out[surname].append((m.start, name))
    return out


def _bearer(
    candidates: list[tuple[int, str]],
    gender: str | None = None,
    title: str | None = None,
    titled: dict[str, set[str]] | None = None,
) -> str | None:
    """Which full name a bare surname stands for ("Cruz" with "Ted Cruz" and "Heidi Cruz").

    News style names a person in full once and then by surname; relatives and namesakes are
    kept apart by their full or given names. So the surname goes to the article's principal
    bearer: the one a courtesy title's gender allows ("Mrs. Clinton"), the one an office
    title fits ("Secretary Johnson" → "Homeland Security Secretary Jeh Johnson", from
    ``titled``: full name → title words seen before it), then the first one introduced (the
    protagonist is named first; relatives and namesakes come in later). With one bearer it
    is simply that name. None when the title fits none of several bearers, or the gender
    (of the title, else of the courtesy titles the article gives that surname) fits none
    ("Mr. Obama", "President Obama" next to only "Michelle Obama"): the surname stays."""
    first: dict[str, int] = {}
    for pos, name in candidates:
        first.setdefault(name, pos)
    names = list(first)
    if gender:
        given = first_names()
        fits = [n for n in names if given.get(n.split()[0].lower(), gender) == gender]
        if not fits:
            return None  # "Mr. Obama" when only "Michelle Obama" is named in full
        names = fits
    if len(names) == 1:
        return names[0]
    if title and titled is not None:
        fits = [n for n in names if title in titled.get(n, ())]
        if not fits:
            return None
        names = fits
    return min(names, key=first.__getitem__)


@functools.lru_cache(maxsize=1)
def _known_titles() -> frozenset[str]:
    """Words that can title a surname ("President", "Gov", "Secretary"): the office words and
    the speaker module's role nouns and abbreviations."""
    from .lexicons import descriptions, role_aliases

    words = set(descriptions()) | {w.rstrip(".") for w in role_aliases()}
    words |= {row["word"].lower() for row in _rows("entity_office_words.csv")}
    return frozenset(words)


def _title_before(doc: Doc, start: int) -> str | None:
    """The word right before a name, as a title key ("President Obama" → "president",
    "Gov. Pence" → "gov"), or None when it is not a word."""
    if start == 0:
        return None
    word = doc[start - 1].lower_.rstrip(".")
    return word if word.isalpha() else None


def _vote(mentions: list[_Mention], surnames: dict[str, Any]) -> dict[str, str]:
    """One label per name key: the surname of a full PERSON name in the article is that
    PERSON; other names take their majority label (ties: the first mention's label; a
    courtesy title such as "Mr" counts three votes for PERSON)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, str] = {}
    for m in mentions:
        counts[m.key][m.label] += m.weight
        first.setdefault(m.key, m.label)
    labels = {}
    for key, counter in counts.items():
        if key in surnames and " " not in key:
            # "Blinken" tagged GPE next to "Antony Blinken"; "Jordan" next to "Michael Jordan".
            labels[key] = "PERSON"
            continue
        top = max(counter.values())
        best = [label for label, n in counter.items() if n == top]
        labels[key] = first[key] if first[key] in best else best[0]
    return labels


def _findable(labels: dict[str, str], surnames: dict[str, Any]) -> dict[str, str]:
    """Article names worth finding again where spaCy missed them: key → label."""
    out = {}
    for key, label in labels.items():
        if label not in NAME_LABELS or len(key) < 2 or key in STOP_WORDS:
            continue
        if not any(c.isalpha() for c in key):
            continue
        out[key] = label
    for key in surnames:
        if key not in STOP_WORDS and len(key) >= 2:
            out[key] = "PERSON"
    return out


_CAPITALISED = re.compile(r"(?<![\w'’.-])[^\W\d_a-z]", re.UNICODE)


@dataclass
class _NameScan:
    """One article as ``_find_more`` scans it: token offsets, which tokens are already
    mentions (``covered``, updated as names are found), and the names worth finding."""

    doc: Doc
    text: str
    covered: list[bool]
    local: dict[str, str]  # the article's own names: key → label
    rows: list[tuple[int, int]]
    starts: list[int]  # character offset of each token
    lengths: list[int]
    local_firsts: frozenset[str]
    longest: int  # most tokens a findable name can span

    @classmethod
    def of(
        cls, doc: Doc, text: str, covered: list[bool], local: dict[str, str],
        rows: list[tuple[int, int]],
    ) -> _NameScan:
        longest = _first_words()[1]
        if local:
            longest = max(longest, *(2 * len(k.split()) for k in local))
        arrays = doc.to_array(["IDX", "LENGTH"])
        return cls(doc, text, covered, local, rows, arrays[:, 0].tolist(),
                   arrays[:, 1].tolist(), frozenset(re.split(r"[\s\-]", k)[0] for k in local),
                   longest)

    def word(self, i: int) -> str:
        return self.text[self.starts[i] : self.starts[i] + self.lengths[i]]

    def surface(self, i: int, j: int) -> str:
        return self.text[self.starts[i] : self.starts[j - 1] + self.lengths[j - 1]]


@dataclass(frozen=True)
class _Candidate:
    """A capitalised token that may start a name spaCy missed."""

    i: int  # token index
    given: bool  # a known given name ("Carla")
    titled: bool  # right after a courtesy title ("Mr")


def _candidate(scan: _NameScan, char: int, next_free: int) -> _Candidate | None:
    """The token starting at ``char`` when it is free and could start a name: a given name,
    a word after a courtesy title, or the first word of a lexicon or article name."""
    i = bisect.bisect_left(scan.starts, char)
    if i >= len(scan.starts) or scan.starts[i] != char or i < next_free or scan.covered[i]:
        return None
    low = scan.word(i).lower()
    given = low.split("-")[0] in given_names()
    titled = i > 0 and scan.word(i - 1).lower() in honorifics()
    if given or titled or low in _first_words()[0] or low in scan.local_firsts:
        return _Candidate(i, given, titled)
    return None


def _lexicon_label(scan: _NameScan, i: int, j: int, key: str) -> str | None:
    """The label of lexicon name ``key`` at tokens ``i:j`` when it is written as a name here."""
    entry = lexicon().get(key)
    if entry is None or not entry.find:
        return None
    doc = scan.doc
    span = doc[i:j]
    upper = all(t.is_upper or not t.is_alpha for t in span)
    if not (upper or entry.label == "NORP" or any(t.pos_ == "PROPN" for t in span)):
        return None
    if not upper and j < len(doc) and not scan.covered[j] and doc[j].is_title:
        return None  # part of a longer untagged name: "Florence Nightingale", "Georgia Tech"
    return entry.label


def _span_mention(scan: _NameScan, i: int, j: int) -> _Mention | None:
    """Tokens ``i:j`` as a mention of an article name or a findable lexicon name, or None."""
    if any(scan.covered[i:j]):
        return None
    surface = scan.surface(i, j)
    if "\n" in surface or surface[-1:].isspace():
        return None
    key = _norm(surface)
    label = scan.local.get(key)
    if label is None:
        label = _lexicon_label(scan, i, j, key)
        if label is None:
            return None
    elif j - i == 1 and scan.doc[i].pos_ != "PROPN" and not scan.doc[i].is_upper:
        return None  # a repeated single word must at least look like a name ("Next", "Women")
    return _Mention(i, j, label, key, surface, _in_rows(scan.rows, scan.starts[i]))


def _titled_person(scan: _NameScan, c: _Candidate) -> _Mention | None:
    """"Mr Jordan" is a person even though Jordan is a country."""
    if not c.titled:
        return None
    return _given_name_person(scan.doc, scan.text, scan.covered, c.i, scan.starts, scan.lengths,
                              scan.rows, titled=True)


def _known_name(scan: _NameScan, c: _Candidate) -> _Mention | None:
    """The longest article or lexicon name starting at the candidate."""
    for j in range(min(len(scan.starts), c.i + scan.longest), c.i, -1):
        found = _span_mention(scan, c.i, j)
        if found is not None:
            return found
    return None


def _given_and_surname(scan: _NameScan, c: _Candidate) -> _Mention | None:
    """An untagged "Given Surname" ("Carla Benitez")."""
    if not c.given or c.titled:
        return None
    return _given_name_person(scan.doc, scan.text, scan.covered, c.i, scan.starts, scan.lengths,
                              scan.rows)


#: How an untagged candidate becomes a mention, tried in order; the first that fits wins.
_FIND_RULES = (_titled_person, _known_name, _given_and_surname)


def _find_more(
    doc: Doc, text: str, covered: list[bool], local: dict[str, str], rows: list[tuple[int, int]]
) -> list[_Mention]:
    """Untagged capitalised occurrences of article names and of findable lexicon names.

    Candidates come from a regex over the text (capitalised words whose lower case starts a
    known name), so only a few tokens per article are looked at; ``_FIND_RULES`` turn a
    candidate into a mention. ``covered`` is updated with the tokens found."""
    scan = _NameScan.of(doc, text, covered, local, rows)
    added: list[_Mention] = []
    next_free = 0
    for match in _CAPITALISED.finditer(text):
        candidate = _candidate(scan, match.start(), next_free)
        if candidate is None:
            continue
        found = next(
            (m for rule in _FIND_RULES if (m := rule(scan, candidate)) is not None), None
        )
        if found is None:
            continue
        added.append(found)
        for k in range(found.start, found.end):
            covered[k] = True
        next_free = found.end
    return added


def _given_name_person(
    doc: Doc,
    text: str,
    covered: list[bool],
    i: int,
    starts: list[int],
    lengths: list[int],
    rows: list[tuple[int, int]],
    titled: bool = False,
) -> _Mention | None:
    """An untagged "Given Surname" pair (up to four capitalised words) or a capitalised name
    after a courtesy title ("Mr Hale"): a PERSON."""
    j = i + 1
    while j < len(doc) and j - i < 4 and not covered[j]:
        word = text[starts[j] : starts[j] + lengths[j]]
        if not (word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha()):
            break
        j += 1
    if titled:
        if doc[i].pos_ != "PROPN" or doc[i].lower_ in STOP_WORDS:
            return None
    elif j - i < 2 or not _looks_like_person(doc, i, j):
        return None
    if any(doc[k].pos_ != "PROPN" for k in range(i + 1, j)):
        return None
    surface = text[starts[i] : starts[j - 1] + lengths[j - 1]]
    if "\n" in surface:
        return None
    return _Mention(i, j, "PERSON", _norm(surface), surface, _in_rows(rows, starts[i]))


def _in_capitals(text: str, start: int) -> bool:
    """The line around ``start`` is written in capitals (a headline or dateline)."""
    line = text[text.rfind("\n", 0, start) + 1 : (text.find("\n", start) + 1 or len(text) + 1) - 1]
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _canonical(
    m: _Mention,
    surnames: dict[str, list[tuple[int, str]]],
    spelling: dict[str, str],
    text: str,
    start: int,
    gender: str | None = None,
    title: str | None = None,
    titled: dict[str, set[str]] | None = None,
) -> str:
    """Display name: the lexicon's, the full name of a surname, the article's mixed-case
    spelling, or the surface without "the"/possessive (title-cased in all-caps headlines)."""
    entry = lexicon().get(m.key)
    if entry is not None and entry.label == m.label:
        return entry.canonical
    key = m.key
    if m.label == "PERSON" and " " not in key and key not in surnames and len(key) >= 6:
        # a misspelt surname ("McKenna" for "Tyra McKennah"): one letter off
        key = next((k for k in surnames if k[:1] == key[:1] and one_letter_off(k, key)), key)
    if m.label == "PERSON" and " " not in key and key in surnames:
        bearer = _bearer(surnames[key], gender, title, titled)
        if bearer is not None:
            return bearer
    name = spelling.get(m.key) or canonical_form(m.surface)
    if name.isupper() and (" " in name or _in_capitals(text, start)):
        return _title_case(name)
    return name


def _courtesy_gender(doc: Doc, start: int) -> str | None:
    """Gender of a courtesy title right before a name ("Mrs. Clinton" → "f")."""
    from .lexicons import titles

    if start == 0:
        return None
    return titles().get(doc[start - 1].lower_)


def _merge_nationalities(doc: Doc, text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Adjacent NORP mentions are one group: "Bosnian Serbs", "Iraqi Kurdish"."""
    out: list[_Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == m.label == "NORP"
            and prev.end == m.start
            and doc[prev.end - 1].whitespace_ == " "
        ):
            surface = text[doc[prev.start].idx : doc[m.end - 1].idx + len(doc[m.end - 1].text)]
            out[-1] = _Mention(prev.start, m.end, "NORP", _norm(surface), surface, prev.table_row)
        else:
            out.append(m)
    return out


_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _headline_line(text: str, char: int) -> bool:
    """Is the line around ``char`` in title case (a headline: most long words capitalised)?"""
    line = text[text.rfind("\n", 0, char) + 1 : (text.find("\n", char) + 1 or len(text) + 1) - 1]
    words = _LONG_WORD.findall(line)
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def _split_trailing_person(
    doc: Doc, text: str, mentions: list[_Mention], surnames: dict[str, set[str]]
) -> None:
    """"the editorial board of the Daily Post Vance said": a missing comma ran a
    known name and a person's surname together. Split off the last word when it is the
    surname of a person the article names in full, a verb follows, and the rest is a name
    the article or the lexicon knows or ends in an organisation word ("Post")."""
    known = {m.key for m in mentions} | set(lexicon())
    for n in range(len(mentions) - 1, -1, -1):
        m = mentions[n]
        if m.label == "PERSON" or m.end - m.start < 2 or m.end >= len(doc):
            continue
        last = doc[m.end - 1]
        if not surnames.get(_norm(last.text)) or doc[m.end].pos_ not in ("VERB", "AUX"):
            continue
        rest = _norm(text[doc[m.start].idx : doc[m.end - 2].idx + len(doc[m.end - 2].text)])
        if rest not in known and doc[m.end - 2].lower_ not in _ORG_WORDS:
            continue  # "Daily Post": a known name, or one ending in an organisation word
        m.end -= 1
        m.surface = text[doc[m.start].idx : doc[m.end - 1].idx + len(doc[m.end - 1].text)]
        m.key = rest
        person = _Mention(m.end, m.end + 1, "PERSON", _norm(last.text), last.text)
        person.table_row = m.table_row
        mentions.insert(n + 1, person)


def _unglue(doc: Doc, text: str, mentions: list[_Mention]) -> None:
    """Drop capitalised non-name words glued to a person's name: "Miss Universe Carla
    Benitez" → "Carla Benitez" (the rest, starting with a given name, is named on its own
    in the article), and in a title-case headline "Reckless Vance and Moreau" → "Vance",
    "Vance Says ..." → "Vance" (the one word of the glued form the article uses as a surname
    or lone name; no word of it is a given name and the glued form occurs just once)."""
    persons = [m for m in mentions if m.label == "PERSON"]
    if not persons:
        return
    count = Counter(m.key for m in persons)
    surnames: dict[str, set[str]] = defaultdict(set)
    for m in persons:
        if m.end - m.start >= 2:
            surnames[m.key.split()[-1]].add(m.key)
    first_line = text.find("\n")
    given = given_names()

    def is_given(tok: Token) -> bool:
        return tok.lower_ in given or tok.lower_ in first_names()

    _split_trailing_person(doc, text, mentions, surnames)
    for m in persons:
        if m.end - m.start < 2:
            continue
        s, e = m.start, m.end
        if m.end - m.start >= 3 and not is_given(doc[s]) and doc[s].is_alpha and (
            is_given(doc[s + 1]) and count.get(_norm(doc[s + 1 : e].text), 0) > 0
        ):
            s += 1
        elif count[m.key] == 1 and doc[s].idx < first_line and _headline_line(text, doc[s].idx) \
                and not any(is_given(t) for t in doc[s:e]):
            # the title line only: elsewhere an unknown given name looks the same
            named = [i for i in range(s, e) if count.get(_norm(doc[i].text), 0) > 0
                     or surnames.get(_norm(doc[i].text), set()) - {m.key}]
            if len(named) != 1:
                continue
            s, e = named[0], named[0] + 1
        else:
            continue
        m.start, m.end = s, e
        m.surface = text[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]
        m.key = _norm(m.surface)


def _mentions(doc: Doc, text: str) -> list[_Mention]:
    """The article's mentions in text order: spaCy's and the table's, relabelled by the
    article's vote, plus the names found again where spaCy missed them, tidied."""
    mentions, covered, rows = _collect(doc, text)
    surnames = _full_names(mentions)
    labels = _vote(mentions, surnames)
    for m in mentions:
        if not m.table_row or m.label != "ORG":
            m.label = labels[m.key]
    added = _find_more(doc, text, covered, _findable(labels, surnames), rows)
    _teams(doc, added, lexicon())
    mentions.extend(added)
    mentions.sort(key=lambda m: m.start)
    mentions = _merge_nationalities(doc, text, mentions)
    _unglue(doc, text, mentions)
    return mentions


@dataclass
class _Naming:
    """What the whole article says about its names, read before any mention is named."""

    surnames: dict[str, list[tuple[int, str]]]  # surname → (position, full name) bearers
    spelling: dict[str, str]  # key → mixed-case spelling, for all-caps mentions
    usual_gender: dict[str, str]  # bare surname → the gender its courtesy titles agree on
    titled: dict[str, set[str]]  # full name → title words seen right before it


def _usual_gender(doc: Doc, mentions: list[_Mention]) -> dict[str, str]:
    """The gender the article's courtesy titles give a bare surname ("Mr. Obama" ×3), when
    one gender is the majority."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start == 1:
            g = _courtesy_gender(doc, m.start)
            if g:
                votes[m.key][g] += 1
    return {
        key: c.most_common(1)[0][0] for key, c in votes.items()
        if len(c) == 1 or c.most_common(2)[0][1] > c.most_common(2)[1][1]
    }


def _naming(doc: Doc, mentions: list[_Mention]) -> _Naming:
    spelling: dict[str, str] = {}
    for m in mentions:
        if not m.surface.isupper() and m.key not in spelling:
            spelling[m.key] = canonical_form(m.surface)
    titled: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start >= 2:
            word = _title_before(doc, m.start)
            if word:
                titled[canonical_form(m.surface)].add(word)
    return _Naming(_full_names(mentions), spelling, _usual_gender(doc, mentions), titled)


def _office_title(doc: Doc, start: int) -> str | None:
    """The office word titling the name at ``start`` ("President Obama", "Secretary
    Johnson"), or None ("Later Johnson left")."""
    if not doc[start - 1 if start else 0].text[:1].isupper():
        return None
    title = _title_before(doc, start)
    return title if title in _known_titles() else None


def _other_gender_bearers(m: _Mention, naming: _Naming, gender: str | None) -> bool:
    """"President Obama" in an article that says "Mr. Obama" and names only "Michelle Obama"
    in full: every full-name bearer of the surname has the other gender, so it is not one of
    them."""
    usual = naming.usual_gender.get(m.key) if gender is None and m.label == "PERSON" else None
    if not usual or m.key not in naming.surnames:
        return False
    given = first_names()
    return all(given.get(n.split()[0].lower(), usual) != usual for _, n in naming.surnames[m.key])


def _record(doc: Doc, text: str, m: _Mention, naming: _Naming) -> dict[str, Any]:
    start = doc[m.start].idx
    gender = _courtesy_gender(doc, m.start)
    title = _office_title(doc, m.start) if gender is None else None
    if _other_gender_bearers(m, naming, gender):
        canonical = canonical_form(m.surface)
    else:
        canonical = _canonical(m, naming.surnames, naming.spelling, text, start, gender, title,
                               naming.titled)
    return {
        "start": start,
        "end": start + len(m.surface),
        "surface": m.surface,
        "label": m.label,
        "canonical": canonical,
        "entity_id": entity_key(m.label, canonical),
    }


def from_doc(doc: Doc) -> list[dict[str, Any]]:
    """Entity mention records of one parsed document (no doc_id), in text order: find the
    mentions, read what the article says about its names, then name each mention."""
    text = doc_text(doc)  # built from the tokens on every access: read it once
    mentions = _mentions(doc, text)
    naming = _naming(doc, mentions)
    return [_record(doc, text, m, naming) for m in mentions]


# --- cross-document linking -----------------------------------------------------------------------


def entity_mapping(table: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """Corpus-level renaming: old entity_id → (label, canonical, entity_id).

    A lone PERSON name ("Trump") whose surname belongs to exactly one full PERSON name in the
    corpus becomes that person, and so does a lone GPE/ORG name that is no gazetteer entry
    when the corpus also tags it PERSON elsewhere; each remaining entity_id gets one spelling,
    its most frequent mixed-case canonical name."""
    if table.empty:
        return {}
    pairs = table.groupby(["entity_id", "label", "canonical"], sort=True).size()
    full: dict[str, set[str]] = defaultdict(set)
    lone: dict[str, str] = {}
    other: dict[str, str] = {}  # lone GPE/ORG names that are not known places or bodies
    lone_person_keys: set[str] = set()
    lex = lexicon()
    for (eid, label, canonical), _ in pairs.items():
        single = " " not in canonical.strip()
        if label in ("GPE", "ORG") and single and _norm(canonical) not in lex:
            other[eid] = _norm(canonical)
        if label != "PERSON":
            continue
        surname = _surname(canonical)
        if surname:
            full[surname].add(canonical)
        elif single:
            lone[eid] = _norm(canonical)
            lone_person_keys.add(_norm(canonical))
    mapping: dict[str, tuple[str, str, str]] = {}
    for eid, key in lone.items():
        names = full.get(key)
        if names and len(names) == 1:
            name = next(iter(names))
            mapping[eid] = ("PERSON", name, entity_key("PERSON", name))
    # "Blinken" tagged GPE in an article that never gives the full name, while the corpus
    # also has it tagged PERSON and knows one "Antony Blinken": that person.
    for eid, key in other.items():
        names = full.get(key)
        if names and len(names) == 1 and key in lone_person_keys:
            name = next(iter(names))
            mapping[eid] = ("PERSON", name, entity_key("PERSON", name))
    # One display spelling per id: the most frequent one that is not all capitals.
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, str] = {}
    for (eid, label, canonical), n in pairs.items():
        target = mapping.get(eid)
        new_id = target[2] if target else eid
        name = target[1] if target else canonical
        spellings[new_id][name] += int(n)
        labels[new_id] = label if not target else target[0]
    best = {}
    for eid, counter in spellings.items():
        ranked = sorted(counter.items(), key=lambda kv: (kv[0].isupper(), -kv[1], kv[0]))
        best[eid] = ranked[0][0]
    for (eid, _label, canonical), _ in pairs.items():
        target = mapping.get(eid)
        new_id = target[2] if target else eid
        if best[new_id] != canonical or new_id != eid:
            mapping[eid] = (labels[new_id], best[new_id], new_id)
    return mapping


def _renamed(values: pd.Series, names: dict[str, str]) -> pd.Series:
    """``values`` with the keys of ``names`` replaced (others, and NA, unchanged)."""
    return values.map(names).fillna(values).astype(values.dtype)


def link_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Cross-document linking of entities; updates speaker and claimant names to match.

    Renamed entities (see :func:`entity_mapping`) get their new label, canonical name and id;
    quotes whose ``speaker_entity_id`` is a renamed id get the new id and canonical name;
    figures' ``claimed_by`` (a canonical name) is renamed within the same document."""
    ents = tables.get("entities")
    if ents is None or ents.empty:
        return tables
    mapping = entity_mapping(ents)
    if not mapping:
        return tables
    ids = ents["entity_id"]
    hit = ids.isin(list(mapping))
    if not hit.any():
        return tables
    new_label = {old: new[0] for old, new in mapping.items()}
    new_name = {old: new[1] for old, new in mapping.items()}
    new_id = {old: new[2] for old, new in mapping.items()}
    renamed = ents.loc[hit, ["doc_id", "canonical", "entity_id"]]
    ents = ents.copy()
    for column, names in (("label", new_label), ("canonical", new_name)):
        ents[column] = ids.map(names).fillna(ents[column]).astype(ents[column].dtype)
    ents["entity_id"] = _renamed(ids, new_id)
    tables = dict(tables)
    tables["entities"] = ents

    quotes = tables.get("quotes")
    if quotes is not None and not quotes.empty and "speaker_entity_id" in quotes:
        speaker = quotes["speaker_entity_id"]
        if speaker.isin(list(mapping)).any():
            quotes = quotes.copy()
            name = speaker.map(new_name)
            quotes["speaker_canonical"] = name.fillna(quotes["speaker_canonical"]).astype(
                quotes["speaker_canonical"].dtype
            )
            quotes["speaker_entity_id"] = _renamed(speaker, new_id)
            tables["quotes"] = quotes

    figures = tables.get("figures")
    if figures is not None and not figures.empty and "claimed_by" in figures:
        renames = {
            (doc_id, canonical): new_name[eid]
            for doc_id, canonical, eid in renamed.drop_duplicates().itertuples(index=False)
            if new_name[eid] != canonical
        }
        if renames:
            claimed = figures["claimed_by"]
            keys = pd.Series(list(zip(figures["doc_id"], claimed, strict=True)),
                             index=figures.index, dtype=object)
            new = keys.map(renames)
            if new.notna().any():
                figures = figures.copy()
                figures["claimed_by"] = new.fillna(claimed).astype(claimed.dtype)
                tables["figures"] = figures
    return tables


def extract(docs: Any) -> pd.DataFrame:
    """Entity mentions table for ``docs`` (str, strings, or documents table); runs the whole
    pipeline through ``helpers.api`` (see ``helpers.registry``)."""
    return extract_table("entities", docs)


__all__ = [
    "canonical_form",
    "entity_key",
    "entity_mapping",
    "extract",
    "from_doc",
    "lexicon",
    "link_tables",
]
