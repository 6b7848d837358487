"""``from_doc``: one parsed article's entity mentions, the steps in order.

find the mentions (``spans._collect``), give each name one label by the article's vote
(``_vote``), find untagged occurrences again (``find._find_more``), tidy glued names
(``cleanup``), then name each mention (``naming``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from spacy.tokens import Doc

from ..nlp import doc_text
from .cleanup import _merge_nationalities, _unglue
from .find import _find_more, _findable
from .names import _Mention, lexicon
from .naming import _full_names, _naming, _record
from .spans import _collect, _teams


def _vote(mentions: list[_Mention], surnames: dict[str, Any]) -> dict[str, str]:
    """One label per name key: the surname of a full PERSON name in the article is that
    PERSON; other names take their majority label (ties: the first mention's label; a
    courtesy title such as "Mr" counts three votes for PERSON)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, str] = {}
    for m in mentions:
        counts[m.key][m.label] += m.weight
        first.setdefault(m.key, m.label)
    labels = {}
    for key, counter in counts.items():
        if key in surnames and " " not in key:
            # "Blinken" tagged GPE next to "Antony Blinken"; "Jordan" next to "Michael Jordan".
            labels[key] = "PERSON"
            continue
        top = max(counter.values())
        best = [label for label, n in counter.items() if n == top]
        labels[key] = first[key] if first[key] in best else best[0]
    return labels


def _mentions(doc: Doc, text: str) -> list[_Mention]:
    """The article's mentions in text order: spaCy's and the table's, relabelled by the
    article's vote, plus the names found again where spaCy missed them, tidied."""
    mentions, covered, rows = _collect(doc, text)
    surnames = _full_names(mentions)
    labels = _vote(mentions, surnames)
    for m in mentions:
        if not m.table_row or m.label != "ORG":
            m.label = labels[m.key]
    added = _find_more(doc, text, covered, _findable(labels, surnames), rows)
    _teams(doc, added, lexicon())
    mentions.extend(added)
    mentions.sort(key=lambda m: m.start)
    mentions = _merge_nationalities(doc, text, mentions)
    _unglue(doc, text, mentions)
    return mentions


def from_doc(doc: Doc) -> list[dict[str, Any]]:
    """Entity mention records of one parsed document (no doc_id), in text order: find the
    mentions, read what the article says about its names, then name each mention."""
    text = doc_text(doc)  # built from the tokens on every access: read it once
    mentions = _mentions(doc, text)
    naming = _naming(doc, mentions)
    return [_record(doc, text, m, naming) for m in mentions]
