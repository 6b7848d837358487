"""Speaker resolution: who a speaker mention (name, pronoun, description) refers to.

Works from the one parsed Doc plus that document's entity records; no coreference model.
The flow, for each attribution in text order (see :func:`helpers.attribution.extract`):

1. :class:`Mentions` (``mentions.py``) indexes the document's entity mentions once: token
   spans, sentences and sections, the words that describe each person (``roles.py``:
   titles, appositions) and their gender, named polls, signatures and bylines. Read-only.
2. :func:`resolve` (``resolver.py``) tries the families of mentions in order -- pronouns
   (``pronouns.py``; ``relatives.py`` for "who"/"which"), names (``names.py``), descriptions
   (``descriptions.py``, ``persons.py`` for "the governor", ``possessives.py`` for "his
   lawyer", "one of his aides"; ``headlines.py`` for a headline's "Popular Website",
   "Black Lawmakers", whom the article then names; ``epithets.py`` for "the airline" after
   "German airline Lufthansa", whatever the noun) -- and returns a :class:`Resolution`.
   Names, possessives and relative pronouns are grammar, resolved by named rules; a pronoun
   ("he", "it", "they") or a description that refers back ("the senator", "the agency") is
   resolved by ranking its candidates:
   ``gatherers.py`` gathers them (entities, earlier speakers, subject noun phrases) and
   filters what grammar forbids, ``candidates.py`` makes one candidate per referent,
   ``features.py`` describes each with one small set of features, ``ranker.py`` scores
   them with the weights of ``data/speaker_ranker.csv`` (fitted on the tune half by
   ``scripts/fit_speaker_ranker.py``) and takes the best above the threshold, else no one.
3. The :class:`Discourse` (``state.py``: who spoke how often, every earlier speaker, the
   pronoun chain, the genders pronouns gave people, the contents reported) is passed in and
   the next one comes back; the caller adds the speaker with :meth:`Discourse.after_speaker`.

Section breaks ("___") end every window. Vocabulary is in ``data/quote_*.csv`` (see
:mod:`helpers.lexicons`).
"""

from __future__ import annotations

from .mentions import SPEAKER_LABELS, Mention, Mentions
from .resolver import STEPS, resolve
from .roles import role_of, without_role
from .state import Discourse, LastSpeaker, Resolution

__all__ = [
    "SPEAKER_LABELS", "STEPS", "Discourse", "LastSpeaker", "Mention", "Mentions",
    "Resolution", "resolve", "role_of", "without_role",
]
