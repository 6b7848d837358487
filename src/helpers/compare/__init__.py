"""Comparing outlets: same-story similarity, story grouping, and per-story comparison tables.

- :func:`similarity` (module :mod:`.matching`): which articles cover the same story, from a
  same-event score that does not depend on the batch: article profiles (:mod:`.profiles`), a
  fitted pair score (:mod:`.scoring`) and average-linkage grouping over a sparse list of scored
  pairs (:mod:`.grouping`);
- :func:`stories` and :func:`sparse_similarity` (module :mod:`.engine`): story grouping at any
  scale (every pair for small corpora, candidate pairs from :mod:`.candidates` above),
  and :mod:`.state` for stories kept across scheduled runs;
- :func:`summary` (module :mod:`.comparison`): the per-story tables a researcher compares outlet
  by outlet: entity coverage, quoted speakers, figures, cited media, naming variants,
  distinctive terms (:mod:`.language`), text reuse and quote fidelity (:mod:`.reuse`), all built
  from the kit's tables (:mod:`.tables`).
"""

from __future__ import annotations

from .comparison import Comparison, summary
from .engine import sparse_similarity, stories
from .grouping import group
from .language import distinctive_terms, naming_variants
from .matching import STORY_THRESHOLD, pair_score, score_matrix, similarity
from .profiles import StoryProfiles, build_profiles
from .reuse import passages, quote_fidelity, reuse_share, reuse_tables
from .scoring import score_pairs
from .tables import cited_media, coverage, figure_agreement, speakers

__all__ = [
    "STORY_THRESHOLD",
    "Comparison",
    "StoryProfiles",
    "build_profiles",
    "cited_media",
    "coverage",
    "distinctive_terms",
    "figure_agreement",
    "group",
    "naming_variants",
    "pair_score",
    "passages",
    "quote_fidelity",
    "reuse_share",
    "reuse_tables",
    "score_matrix",
    "score_pairs",
    "similarity",
    "sparse_similarity",
    "speakers",
    "stories",
    "summary",
]
