"""Quote attribution: direct, indirect and mixed attributions with their speakers.

:func:`from_doc` (``extract.py``) reads one parsed Doc as four stages:

1. **detect** -- quotation marks are paired per paragraph (``marks.py``); the words after
   each quotation are read as a speech tag, a speaker and any verb (``tags.py``: "“Go,”
   Trump implored", "“Really?” asked the aide"); every other token is offered to the
   named cue rules of ``cues.py`` (reporting verbs with their speaker and content:
   ``verbs.py``, which reads ``speaker.py`` for the speaker token from the parse,
   ``content.py`` for the reported-content span (``inverted.py``: "Then, says X, ..."),
   ``coordination.py`` for a second reporting verb inside the first one's content;
   "according to X"; support verbs "made the case for"; reporting nouns "X's claim
   that"; stance predicates "confident that", "critical of", "a staunch opponent of"); the
   layout's lead-ins are added (``leads.py``:
   transcript turns "PENCE: ...", headline lead-ins "Pence: ..." and "Maria Lopez,
   Reuters: “...”", "Said Ellis: “...”");
2. **attach** -- each quotation joins the cue next to it or starts an attribution, by the
   ordered strategies of ``attach.py`` (cue after, "“...” ― Name", cue before, overlapping
   clause, a quotation in the headline (``leads.py``: "Mayors Slam Plan As A ‘Giveaway.’"),
   introducing verb (``intro.py``), "Name -- “...”", continuation of the previous speaker);
   the text tests they use are in ``gaps.py``;
3. **filter** -- bounds settled (``bounds.py``: sentence and paragraph ends, parse slips),
   duplicates and nested attributions dropped, type decided (``filters.py``);
4. **resolve** -- speakers resolved in text order by :mod:`helpers.speakers`, with the
   discourse state passed from one attribution to the next.

Each attribution is an :class:`Attribution` (``records.py``) made by a rule named in
``data/quote_rules.csv``, the one table of confidences; the quotes table's ``rule`` column
says which rule fired. Vocabulary (cues, frames, word sets) is in ``data/quote_*.csv``,
read by :mod:`helpers.lexicons`.
"""

from __future__ import annotations

from .cues import CUE_RULES
from .extract import from_doc
from .marks import QUOTE_CHARS, quote_spans
from .records import Attribution

__all__ = ["CUE_RULES", "QUOTE_CHARS", "Attribution", "from_doc", "quote_spans"]
