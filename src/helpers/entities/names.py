"""Name keys, labels and the gazetteer: what every ``helpers.entities`` module shares.

``canonical_form`` and ``entity_key`` give a mention its display name and id; ``lexicon`` reads
the gazetteer and alias files (``data/entity_gazetteer.csv``, ``data/entity_aliases.csv``),
``honorifics`` and the office words ``data/entity_office_words.csv``; ``_Mention`` is the
working record of one mention while an article is read; ``_looks_like_person`` is the
"Given Surname" test both the span clean-up and the recall rules use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..lexicons import given_names, name_words, rows

_LEADING_THE = re.compile(r"^(the|The|THE)\s+")
_POSSESSIVE = re.compile(r"\s*(['’]s|['’])$")
_SPACES = re.compile(r"\s+")
_SLUG = re.compile(r"[^\w]+", re.UNICODE)

#: spaCy labels kept as entity mentions (numeric and date labels belong to figures).
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "LANGUAGE"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Words that make a capitalised sequence an organisation, not a person, even after a given
#: name; generational suffixes and lower-case name particles (``data/entity_name_words.csv``).
_ORG_WORDS = name_words("org_word")
_NAME_SUFFIXES = name_words("name_suffix")
_NAME_PARTICLES = name_words("name_particle")


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
    """The rows of ``data/NAME`` through the one loader (``lexicons.rows``)."""
    return rows(name)


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


@dataclass
class _Mention:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    key: str = ""
    surface: str = ""
    table_row: bool = False
    weight: int = 1  # votes in the article's label vote


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
