"""newskit: who is mentioned, who is quoted, which figures are stated, and how outlets differ.

The public API (see CONTRACT.md): ``load_corpus``, ``load_model``, ``analyze`` / ``Analysis``,
and the modules ``entities``, ``quotes``, ``figures``, ``citations`` and ``compare``.
"""

__version__ = "0.1.0"

from . import citations, compare, entities, figures, quotes  # noqa: E402
from .loading import load_corpus  # noqa: E402
from .nlp import load_model  # noqa: E402
from .pipeline import Analysis, analyze  # noqa: E402

__all__ = [
    "Analysis",
    "__version__",
    "analyze",
    "citations",
    "compare",
    "entities",
    "figures",
    "load_corpus",
    "load_model",
    "quotes",
]
