"""newskit: who is mentioned, who is quoted, which figures are stated, and how outlets differ.

The public API (see CONTRACT.md): ``load_corpus``, ``load_model``, ``analyze`` / ``Analysis``,
and the modules ``api`` (``api.extract(table, docs)``), ``entities``, ``quotes``, ``figures``,
``citations`` and ``compare``.
"""

# ``api`` installs the extract(docs) conveniences on import (see ``registry``).
from . import api, citations, compare, entities, figures, quotes
from ._version import __version__
from .loading import load_corpus
from .nlp import load_model
from .pipeline import Analysis, analyze

__all__ = [
    "Analysis",
    "__version__",
    "analyze",
    "api",
    "citations",
    "compare",
    "entities",
    "figures",
    "load_corpus",
    "load_model",
    "quotes",
]
