"""Speaker profiles: who the quoted voices are, as the article itself states it.

The ``speakers`` extractor (registered in :mod:`helpers.worker`, after ``entities`` and
``quotes``) makes one record per speaker of an article: a resolved entity, or an unresolved
speaker mention as written ("officials"). Each record has the speaker's gender with the
evidence that decided it, role, affiliation and nationality as written, and a source type:

- ``records.py``: the Article (entity mentions in tokens), Finding, GenderEvidence records;
- ``rules.py``: where an article describes a person (title before the name, appositions,
  "who is the ...", the speaker description of a quote), every mention of them;
- ``phrases.py``: reading one describing phrase into role, affiliation and nationality;
- ``gender.py``: pronoun, honorific and given-name evidence, and which decides;
- ``source_types.py``: official, expert, advocate, business, media, ordinary person, unnamed
  source, organisation, or unknown, by ordered rules;
- ``people.py``: corpus-wide work on the tables (entity ids after cross-document linking, and
  the ``people`` table: one row per person or organisation).

Vocabulary: ``data/profile_roles.csv``, ``data/profile_affiliations.csv``,
``data/given_names.csv`` (shares), ``data/quote_titles.csv``, ``data/quote_pronouns.csv``.
"""

from __future__ import annotations

from .extract import from_doc, profile, speakers_of
from .gender import ORDER as GENDER_ORDER
from .gender import decide as decide_gender
from .people import link_speakers, people
from .source_types import SOURCE_TYPES

__all__ = [
    "GENDER_ORDER", "SOURCE_TYPES", "decide_gender", "from_doc", "link_speakers", "people",
    "profile", "speakers_of",
]
