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
   article's principal bearer of that surname, see ``naming._bearer``; all-caps variants → the
   article's mixed-case spelling) and ``entity_id`` = label + slug of the canonical name.

``link_tables`` then links across the corpus: a lone surname whose full name is unique in the
corpus gets that full name (also when tagged GPE/ORG there but PERSON elsewhere), and one
spelling is chosen per ``entity_id``; quotes' speakers and figures' claimants follow.

Where each step lives (one module per concern; this package's ``__init__`` is the public face):

- ``names.py``     name keys, labels, gazetteer loaders, the working ``_Mention`` record
- ``spans.py``     step 1-2: spaCy's spans cleaned up and given base labels; results-table rows
- ``document.py``  ``from_doc``: the steps in order, and the article's label vote (step 3)
- ``find.py``      step 4: untagged names found again, by the ordered ``_FIND_RULES``
- ``cleanup.py``   glued and run-on names ("Miss Universe Carla Benitez"), joined nationalities
- ``naming.py``    step 5: canonical names within the article (surname bearers, spellings)
- ``linking.py``   ``entity_mapping`` and ``link_tables``: linking across the corpus
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..lexicons import first_names, given_names
from ..registry import extract_table
from .document import from_doc
from .linking import entity_mapping, link_tables
from .names import NAME_LABELS, PLACE_LABELS, Entry, canonical_form, entity_key, honorifics, lexicon


def extract(docs: Any) -> pd.DataFrame:
    """Entity mentions table for ``docs`` (str, strings, or documents table); runs the whole
    pipeline through ``helpers.api`` (see ``helpers.registry``)."""
    return extract_table("entities", docs)


__all__ = [
    "NAME_LABELS",
    "PLACE_LABELS",
    "Entry",
    "canonical_form",
    "entity_key",
    "entity_mapping",
    "extract",
    "first_names",
    "given_names",
    "from_doc",
    "honorifics",
    "lexicon",
    "link_tables",
]
