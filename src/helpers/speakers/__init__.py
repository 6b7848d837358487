"""Speaker resolution: who a speaker mention (name, pronoun, description) refers to.

Works from the one parsed Doc plus that document's entity records; no coreference model.
The flow, for each attribution in text order (see :func:`helpers.attribution.extract`):

1. :class:`Mentions` (``mentions.py``) indexes the document's entity mentions once: token
   spans, sentences and sections, the words that describe each person (``roles.py``:
   titles, appositions) and their gender, named polls, signatures and bylines. Read-only.
2. :func:`resolve` (``resolver.py``) tries the families of mentions in order -- pronouns
   (``pronouns.py``, ``plural.py`` for "they", ``relatives.py`` for "who"/"which"), names
   (``names.py``), descriptions (``descriptions.py``, ``persons.py`` for "the governor",
   ``possessives.py`` for "his lawyer") -- and returns a :class:`Resolution`.
3. The :class:`Discourse` (``state.py``: who spoke how often, the last speaker, the pronoun
   chain, the last unnamed group) is passed in and the next one comes back; the caller adds
   the speaker with :meth:`Discourse.after_speaker`.

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
