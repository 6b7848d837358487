"""Word tokens with offsets and the background term-frequency model.

The background model is general-English word frequency from the ``wordfreq`` package (shipped
with the package, read offline). A term's weight is its surprisal ``-ln p(term)``, so "the"
weighs about 3 and a rare name about 18, whatever else is in the batch: a pair of articles
always gets the same score, alone or inside a corpus.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator

#: Words (letters, inner apostrophes and hyphens) and numbers.
#: Links in a text (scheme or www. up to the next space): not words of the story.
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
#: Probability given to words the background model has never seen (about wordfreq's floor).
FLOOR = 1e-8


@functools.lru_cache(maxsize=1)
def background() -> dict[str, float]:
    """General-English word probabilities (wordfreq "best" list, ~320k words)."""
    import wordfreq

    return wordfreq.get_frequency_dict("en", "best")


def normalize(token: str) -> str:
    """Lower-case, straight apostrophe, no possessive ending."""
    token = token.lower().replace("’", "'")
    return token[:-2] if token.endswith("'s") else token


def tokens(text: str) -> list[str]:
    """Normalised word tokens of ``text``."""
    return [normalize(m.group()) for m in TOKEN.finditer(text)]


def spans(text: str) -> Iterator[tuple[str, int, int]]:
    """``(normalised token, start, end)`` for every word of ``text``."""
    for m in TOKEN.finditer(text):
        yield normalize(m.group()), m.start(), m.end()


def probability(term: str) -> float:
    """Background probability of a word (``FLOOR`` if unseen)."""
    return max(background().get(term, 0.0), FLOOR)


@functools.lru_cache(maxsize=200_000)
def surprisal(term: str) -> float:
    """``-ln p(term)``: the weight of a word in the similarity vectors."""
    return -math.log(probability(term))
