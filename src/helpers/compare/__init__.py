"""Comparing outlets: same-story similarity, story grouping, and per-story comparison tables.

- :func:`similarity` (module :mod:`.matching`): which articles cover the same story, from a
  background-weighted lexical score that does not depend on the batch;
- :func:`stories` and :func:`sparse_similarity` (module :mod:`.engine`): story grouping at any
  scale (exact all-pairs for small corpora, candidate pairs from :mod:`.candidates` above),
  and :mod:`.state` for stories kept across scheduled runs;
- :func:`summary` (module :mod:`.comparison`): the per-story tables a researcher compares outlet
  by outlet: entity coverage, quoted speakers, figures, cited media, naming variants,
  distinctive terms (:mod:`.language`), text reuse and quote fidelity (:mod:`.reuse`), all built
  from the kit's tables (:mod:`.tables`).
"""

from __future__ import annotations

from .comparison import Comparison, summary
from .engine import sparse_similarity, stories
from .language import distinctive_terms, naming_variants
from .matching import STORY_THRESHOLD, pair_score, score_matrix, similarity
from .reuse import passages, quote_fidelity, reuse_share, reuse_tables
from .tables import cited_media, coverage, figure_agreement, speakers

__all__ = [
    "STORY_THRESHOLD",
    "Comparison",
    "cited_media",
    "coverage",
    "distinctive_terms",
    "figure_agreement",
    "naming_variants",
    "pair_score",
    "passages",
    "quote_fidelity",
    "reuse_share",
    "reuse_tables",
    "score_matrix",
    "similarity",
    "sparse_similarity",
    "speakers",
    "stories",
    "summary",
]
