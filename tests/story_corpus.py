"""Invented articles for the story-scale tests: stories of near-copies over a shared everyday
vocabulary, each story with its own invented names and its own topic words (common English words
drawn per story, so stories differ in topic as real ones do; no real text)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from wordfreq import top_n_list

#: Everyday words every article uses (they carry little weight).
COMMON = ("the of and to in said on for was with that as at by from his her it is were "
          "after officials city people year week government report police new told").split()


def invented_name(rng: np.random.Generator) -> str:
    """A made-up seven-letter name (consonant, vowel, ...)."""
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    return "".join(rng.choice(list(consonants if i % 2 == 0 else vowels)) for i in range(7))


#: Content words stories draw their topics from (frequent enough to be known to any model).
TOPIC_WORDS = [w for w in top_n_list("en", 6000)[1000:] if w.isalpha() and len(w) > 4]


def story_text(rng: np.random.Generator, names: list[str], words: int = 120) -> str:
    """One article: everyday words with the story's invented names sprinkled in."""
    tokens = [str(rng.choice(names)) if rng.random() < 0.4 else str(rng.choice(COMMON))
              for _ in range(words)]
    return " ".join(tokens).capitalize() + "."


def corpus(n_stories: int, per_story: int = 3, seed: int = 0, dated: bool = True,
           start: str = "2024-03-01") -> pd.DataFrame:
    """``n_stories`` × ``per_story`` articles (doc_id ``a<story>_<k>``; ``story`` column = the
    truth), each story with 12 invented names, a day of its own when ``dated``."""
    rng = np.random.default_rng(seed)
    rows = []
    for story in range(n_stories):
        names = [invented_name(rng) for _ in range(6)]
        names += [str(w) for w in rng.choice(TOPIC_WORDS, size=6, replace=False)]
        day = pd.Timestamp(start) + pd.Timedelta(days=int(story % 20))
        for k in range(per_story):
            rows.append({"doc_id": f"a{story:03d}_{k}", "text": story_text(rng, names),
                         "title": f"{names[0].title()} and {names[1].title()}",
                         "published": day if dated else pd.NaT, "story": story})
    table = pd.DataFrame(rows)
    table["published"] = pd.to_datetime(table["published"])
    return table
