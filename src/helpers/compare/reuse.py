"""Text reuse and quote fidelity between articles.

Reuse: passages of at least ``min_words`` words that two articles share word for word (after
lower-casing and dropping punctuation), found by hashing word n-grams and extending every seed
to its maximal run, then joining runs separated by small edits into one aligned passage. The
reuse share of an article is the fraction of its words inside shared passages: syndicated copies
share most of their text, independent reports at most a few common phrases and quotes.

Quote fidelity: the same quotation reproduced by two articles, classed as ``verbatim``,
``truncated`` (one is a contiguous part of the other) or ``altered`` (same passage, words changed).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from typing import Any

import pandas as pd

from .text import spans, tokens

#: Shortest passage counted as reuse: 8 words rarely repeat by chance outside set phrases.
MIN_WORDS = 8
#: Runs on the same alignment separated by at most this many words on each side are one passage.
MAX_GAP = 4
#: Reuse share (of the article reusing more) from which a pair is called a syndicated copy.
SYNDICATED_SHARE = 0.30
#: ... and from which it is called partial reuse.
PARTIAL_SHARE = 0.05
#: Text inside double quotation marks: shared quotations are not reuse of the other's writing.
_QUOTED = re.compile(r'“[^”]{1,3000}”|"[^"\n]{1,3000}"|„[^“”]{1,3000}[“”]|«[^»]{1,3000}»')
#: Quotes whose word sequences match at least this much (difflib ratio) are the same quote.
SAME_QUOTE_RATIO = 0.6


def _runs(a: list[str], b: list[str], n: int) -> list[tuple[int, int, int]]:
    """Maximal exact common word runs ``(i, j, length)`` of length ≥ ``n``."""
    if len(a) < n or len(b) < n:
        return []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - n + 1):
        index[tuple(b[j : j + n])].append(j)
    runs = []
    for i in range(len(a) - n + 1):
        for j in index.get(tuple(a[i : i + n]), ()):
            if i > 0 and j > 0 and a[i - 1] == b[j - 1]:
                continue  # inside a run that started earlier
            k = n
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            runs.append((i, j, k))
    return runs


def _select(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Longest runs first, each word of either text used once; returned in text order."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for i, j, k in sorted(runs, key=lambda r: (-r[2], r[0], r[1])):
        if any(x in used_a for x in range(i, i + k)) or any(y in used_b for y in range(j, j + k)):
            continue
        used_a.update(range(i, i + k))
        used_b.update(range(j, j + k))
        chosen.append((i, j, k))
    return sorted(chosen)


def _merge(runs: list[tuple[int, int, int]], max_gap: int) -> list[tuple[int, int, int, int, int]]:
    """Join consecutive runs with small gaps into passages ``(i0, i1, j0, j1, matched)``
    (word index ranges, end exclusive; ``matched`` = words in exact runs)."""
    passages: list[list[int]] = []
    for i, j, k in runs:
        if passages:
            p = passages[-1]
            gap_a, gap_b = i - p[1], j - p[3]
            if 0 <= gap_a <= max_gap and 0 <= gap_b <= max_gap:
                p[1], p[3], p[4] = i + k, j + k, p[4] + k
                continue
        passages.append([i, i + k, j, j + k, k])
    return [tuple(p) for p in passages]  # type: ignore[misc]


def _quoted_flags(text: str, words: list[tuple[str, int, int]]) -> list[bool]:
    """For each word: does it sit inside double quotation marks?"""
    regions = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    starts = [r[0] for r in regions]
    flags = []
    for _, start, _ in words:
        k = bisect.bisect_right(starts, start) - 1
        flags.append(k >= 0 and start < regions[k][1])
    return flags


def passages(
    text_a: str, text_b: str, min_words: int = MIN_WORDS, max_gap: int = MAX_GAP
) -> list[dict[str, Any]]:
    """Aligned passages the two texts share: character spans in each, the two surfaces, and
    the number of words (``n_words`` in ``text_a``; ``matched`` of them identical,
    ``quoted_words`` of them inside quotation marks in ``text_a``)."""
    wa, wb = list(spans(text_a)), list(spans(text_b))
    a, b = [w for w, _, _ in wa], [w for w, _, _ in wb]
    quoted_a = _quoted_flags(text_a, wa)
    out = []
    for i0, i1, j0, j1, matched in _merge(_select(_runs(a, b, min_words)), max_gap):
        a_start, a_end = wa[i0][1], wa[i1 - 1][2]
        b_start, b_end = wb[j0][1], wb[j1 - 1][2]
        out.append(
            {
                "a_start": a_start,
                "a_end": a_end,
                "b_start": b_start,
                "b_end": b_end,
                "n_words": i1 - i0,
                "matched": matched,
                "quoted_words": sum(quoted_a[i0:i1]),
                "text_a": text_a[a_start:a_end],
                "text_b": text_b[b_start:b_end],
            }
        )
    return out


def _shares(text_a: str, text_b: str, found: list[dict[str, Any]]) -> tuple[int, float, float]:
    """Words of ``text_a`` in shared passages, and each side's share of its own words that it
    shares outside quotation marks (quoting the same speaker is not copying the other article)."""
    na, nb = len(tokens(text_a)), len(tokens(text_b))
    words_a = sum(p["n_words"] for p in found)
    own_a = sum(p["n_words"] - p["quoted_words"] for p in found)
    own_b = 0
    for p in found:
        b_words = list(spans(p["text_b"]))
        flags = _quoted_flags(text_b, [(w, s + p["b_start"], e) for w, s, e in b_words])
        own_b += len(b_words) - sum(flags)
    return words_a, (own_a / na if na else 0.0), (own_b / nb if nb else 0.0)


def reuse_share(text_a: str, text_b: str, min_words: int = MIN_WORDS) -> float:
    """Share of its words (outside quotation marks) that the article reusing more shares with
    the other one, in passages of ≥ ``min_words`` words (0..1)."""
    found = passages(text_a, text_b, min_words)
    if not found:
        return 0.0
    _, share_a, share_b = _shares(text_a, text_b, found)
    return min(1.0, max(share_a, share_b))


def verdict(share: float) -> str:
    """``syndicated`` / ``partial reuse`` / ``independent`` for a pair's reuse share."""
    if share >= SYNDICATED_SHARE:
        return "syndicated"
    if share >= PARTIAL_SHARE:
        return "partial reuse"
    return "independent"


def reuse_tables(
    documents: pd.DataFrame, min_words: int = MIN_WORDS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For every pair of ``documents`` (doc_id, text): ``(pairs, passages)``.

    pairs: doc_a, doc_b, n_passages, shared_words, share_a, share_b (each article's share of
    its words it shares outside quotation marks), share (the larger), verdict.
    passages: doc_a, doc_b, passage (1, 2, … per pair), a_start, a_end, b_start, b_end,
    n_words, matched, quoted_words, text_a, text_b."""
    ids = documents["doc_id"].astype(str).tolist()
    texts = documents["text"].astype(str).tolist()
    pair_rows, passage_rows = [], []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            found = passages(texts[x], texts[y], min_words)
            words_a, share_a, share_b = _shares(texts[x], texts[y], found)
            share = min(1.0, max(share_a, share_b))
            pair_rows.append(
                {
                    "doc_a": ids[x],
                    "doc_b": ids[y],
                    "n_passages": len(found),
                    "shared_words": words_a,
                    "share_a": round(share_a, 4),
                    "share_b": round(share_b, 4),
                    "share": round(share, 4),
                    "verdict": verdict(share),
                }
            )
            for k, p in enumerate(found, start=1):
                passage_rows.append({"doc_a": ids[x], "doc_b": ids[y], "passage": k, **p})
    pairs = pd.DataFrame(
        pair_rows,
        columns=["doc_a", "doc_b", "n_passages", "shared_words", "share_a", "share_b", "share",
                 "verdict"],
    )
    passages_df = pd.DataFrame(
        passage_rows,
        columns=["doc_a", "doc_b", "passage", "a_start", "a_end", "b_start", "b_end", "n_words",
                 "matched", "quoted_words", "text_a", "text_b"],
    )
    return _typed(pairs), _typed(passages_df)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Nullable dtypes: strings as ``string``, integers as ``Int64``, floats as ``Float64``."""
    out = df.copy()
    for col in out.columns:
        if col in ("share_a", "share_b", "share", "similarity"):
            out[col] = out[col].astype("Float64")
        elif col in ("n_passages", "shared_words", "passage", "a_start", "a_end", "b_start",
                     "b_end", "n_words", "matched", "quoted_words"):
            out[col] = out[col].astype("Int64")
        else:
            out[col] = out[col].astype("object").where(out[col].notna(), None).astype("string")
    return out


# --- quote fidelity ----------------------------------------------------------------------------


def _quote_relation(a: list[str], b: list[str]) -> tuple[str, float] | None:
    """How quote ``b`` reproduces quote ``a`` (``verbatim``/``truncated``/``altered``), or None
    if they are different quotes."""
    if not a or not b:
        return None
    if a == b:
        return "verbatim", 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 3:
        n = len(short)
        for i in range(len(long_) - n + 1):
            if long_[i : i + n] == short:
                return "truncated", round(len(short) / len(long_), 4)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ratio = matcher.ratio()
    longest = matcher.find_longest_match(0, len(a), 0, len(b)).size
    # Short quotes with one word changed have no 3-word run left: a high ratio suffices.
    if ratio >= SAME_QUOTE_RATIO and (longest >= 3 or ratio >= 0.75):
        return "altered", round(ratio, 4)
    return None


def quote_fidelity(quotes: pd.DataFrame) -> pd.DataFrame:
    """The same quote reproduced by two different documents.

    ``quotes``: the quotes table (doc_id, quote_id, content, speaker_canonical, type); only
    direct and mixed quotes (words put in quotation marks) are compared. One row per matched
    pair: doc_a, quote_a, doc_b, quote_b, speaker_a, speaker_b, content_a, content_b,
    relation (verbatim | truncated | altered), similarity (0..1)."""
    columns = ["doc_a", "quote_a", "doc_b", "quote_b", "speaker_a", "speaker_b", "content_a",
               "content_b", "relation", "similarity"]
    if quotes is None or quotes.empty:
        return _typed(pd.DataFrame(columns=columns))
    q = quotes
    if "type" in q.columns:
        q = q[q["type"].isin(["direct", "mixed"]).fillna(False).astype(bool)]
    q = q[q["content"].notna()]
    items = [
        (str(r["doc_id"]), str(r["quote_id"]), r.get("speaker_canonical"), str(r["content"]),
         tokens(str(r["content"])))
        for r in q.to_dict("records")
    ]
    rows = []
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            da, qa, sa, ca, ta = items[x]
            db, qb, sb, cb, tb = items[y]
            if da == db:
                continue
            found = _quote_relation(ta, tb)
            if found is None:
                continue
            relation, sim = found
            rows.append(
                {"doc_a": da, "quote_a": qa, "doc_b": db, "quote_b": qb,
                 "speaker_a": None if pd.isna(sa) else sa, "speaker_b": None if pd.isna(sb) else sb,
                 "content_a": ca, "content_b": cb, "relation": relation, "similarity": sim}
            )
    df = pd.DataFrame(rows, columns=columns)
    return _typed(df.sort_values(["doc_a", "doc_b", "quote_a", "quote_b"]).reset_index(drop=True))
