"""How outlets word the same story: naming variants and distinctive terms.

- naming variants: counts of the curated variants in ``data/compare_naming_variants.csv``
  (Kiev/Kyiv, "special military operation"/"invasion", …; each with a short rationale);
- distinctive terms: weighted log-odds ratios with an informative Dirichlet prior (Monroe,
  Colaresi and Quinn 2008, "Fightin' Words", eq. 22): each article against the others of its
  group, with a prior mixing the whole corpus's word frequencies and the background model, so
  that rare words need real evidence before they count as distinctive.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from ..datafiles import rows
from .text import probability, tokens

#: Total pseudo-count of the prior (Monroe et al. use the size of the prior corpus; about one
#: article's worth keeps one-off words from topping the list without flattening short texts).
PRIOR_SIZE = 500.0
#: |z| above which a term's difference is significant at about the 5% level.
SIGNIFICANT_Z = 1.96
#: Share of the prior taken from the corpus being compared (the rest: general English).
CORPUS_PRIOR_SHARE = 0.5
_STOP = {w.lower() for w in STOP_WORDS} | {"said", "says", "mr", "ms", "mrs", "also", "would",
                                            "could", "like", "just", "s", "t"}


@dataclass(frozen=True)
class Variant:
    group: str
    variant: str
    regex: re.Pattern[str]
    rationale: str


@functools.lru_cache(maxsize=1)
def variants() -> tuple[Variant, ...]:
    """The naming-variants lexicon (``data/compare_naming_variants.csv``)."""
    out = []
    for row in rows("compare_naming_variants.csv"):
        flags = 0 if row["case_sensitive"].strip().lower() == "yes" else re.IGNORECASE
        regex = re.compile(rf"(?<![\w-])(?:{row['pattern']})(?![\w-])", flags)
        out.append(Variant(row["group"], row["variant"], regex, row["rationale"]))
    return tuple(out)


def variant_counts(text: str) -> list[tuple[Variant, int, str]]:
    """``(variant, count, first surface)`` for every lexicon variant found in ``text``."""
    out = []
    for v in variants():
        found = v.regex.findall(text)
        if found:
            first = v.regex.search(text)
            out.append((v, len(found), first.group() if first else ""))
    return out


def naming_variants(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per (document, variant used): doc_id, group, variant, count, example (as
    written), mixed (the document uses two or more variants of the group), rationale. Only
    groups that occur in at least one document appear."""
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        found = variant_counts(str(text))
        groups = Counter(v.group for v, _, _ in found)
        for v, n, example in found:
            rows.append({"doc_id": str(doc_id), "group": v.group, "variant": v.variant,
                         "count": n, "example": example, "mixed": groups[v.group] > 1,
                         "rationale": v.rationale})
    df = pd.DataFrame(rows, columns=["doc_id", "group", "variant", "count", "example", "mixed",
                                     "rationale"])
    df = df.astype({"doc_id": "string", "group": "string", "variant": "string",
                    "count": "Int64", "example": "string", "mixed": "boolean",
                    "rationale": "string"})
    return df.sort_values(["group", "doc_id", "variant"]).reset_index(drop=True)


def content_words(text: str) -> list[str]:
    """Words that can be distinctive: no stop words, numbers or one-letter tokens."""
    return [w for w in tokens(text) if len(w) > 2 and w not in _STOP and not w[0].isdigit()]


def log_odds(
    counts_i: Counter[str],
    counts_j: Counter[str],
    prior: dict[str, float],
) -> dict[str, tuple[float, float]]:
    """Monroe et al. (2008) weighted log-odds of every word, group i against group j.

    ``prior``: pseudo-counts α_w (summing to α_0). Returns ``{word: (delta, z)}`` where
    ``delta`` is the log-odds ratio and ``z = delta / sqrt(1/(y_i+α_w) + 1/(y_j+α_w))``."""
    n_i, n_j = sum(counts_i.values()), sum(counts_j.values())
    a0 = sum(prior.values())
    out = {}
    for w, a in prior.items():
        yi, yj = counts_i.get(w, 0), counts_j.get(w, 0)
        if yi + yj == 0:
            continue
        li = math.log((yi + a) / (n_i + a0 - yi - a))
        lj = math.log((yj + a) / (n_j + a0 - yj - a))
        delta = li - lj
        out[w] = (delta, delta / math.sqrt(1.0 / (yi + a) + 1.0 / (yj + a)))
    return out


def informative_prior(
    words: Counter[str], corpus: Counter[str], size: float = PRIOR_SIZE,
    corpus_share: float = CORPUS_PRIOR_SHARE,
) -> dict[str, float]:
    """Pseudo-counts over ``words``: ``size`` × a mix of the corpus's and general English's
    relative frequencies (renormalised over the vocabulary)."""
    n_corpus = sum(corpus.values()) or 1
    bg = {w: probability(w) for w in words}
    bg_total = sum(bg.values()) or 1.0
    mix = {w: corpus_share * corpus.get(w, 0) / n_corpus + (1 - corpus_share) * bg[w] / bg_total
           for w in words}
    total = sum(mix.values()) or 1.0
    return {w: size * m / total for w, m in mix.items()}


def distinctive_terms(
    documents: pd.DataFrame,
    groups: dict[str, list[str]],
    corpus: pd.DataFrame | None = None,
    top_n: int = 10,
    min_count: int = 2,
    min_z: float = 0.0,
) -> pd.DataFrame:
    """Words each document uses more than the other documents of its group.

    ``groups``: group id → doc_ids compared together (e.g. a story's articles); ``corpus``:
    documents whose word frequencies inform the prior (default: ``documents``). One row per
    (group, doc_id, term) for the ``top_n`` terms by z-score with z > ``min_z`` and the term used
    at least ``min_count`` times in the document: story_id, doc_id, term, count, count_others,
    log_odds, z, significant (z > 1.96; short articles rarely reach it, so the ranking is
    shown anyway)."""
    texts = dict(zip(documents["doc_id"].astype(str), documents["text"].astype(str),
                     strict=True))
    counts = {d: Counter(content_words(t)) for d, t in texts.items()}
    corpus_counts: Counter[str] = Counter()
    if corpus is None:
        for c in counts.values():
            corpus_counts.update(c)
    else:
        for t in corpus["text"].astype(str):
            corpus_counts.update(content_words(t))
    rows = []
    for group, members in groups.items():
        members = [m for m in members if m in counts]
        if len(members) < 2:
            continue
        vocab: Counter[str] = Counter()
        for m in members:
            vocab.update(counts[m])
        prior = informative_prior(vocab, corpus_counts)
        for m in members:
            others: Counter[str] = Counter()
            for o in members:
                if o != m:
                    others.update(counts[o])
            scored = log_odds(counts[m], others, prior)
            ranked = sorted(
                ((w, d, z) for w, (d, z) in scored.items()
                 if z > min_z and counts[m].get(w, 0) >= min_count),
                key=lambda x: (-x[2], x[0]),
            )[:top_n]
            for w, d, z in ranked:
                rows.append({"story_id": group, "doc_id": m, "term": w,
                             "count": counts[m][w], "count_others": others.get(w, 0),
                             "log_odds": round(d, 4), "z": round(z, 4),
                             "significant": z > SIGNIFICANT_Z})
    df = pd.DataFrame(rows, columns=["story_id", "doc_id", "term", "count", "count_others",
                                     "log_odds", "z", "significant"])
    return df.astype({"story_id": "string", "doc_id": "string", "term": "string",
                      "count": "Int64", "count_others": "Int64", "log_odds": "Float64",
                      "z": "Float64", "significant": "boolean"})
