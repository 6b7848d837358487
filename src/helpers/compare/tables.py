"""Per-story comparison tables built from the kit's tables (entities, quotes, figures,
citations) and a grouping of documents into stories (``story_id``).

Every function takes the contract tables plus ``groups`` (story id → doc_ids) and returns a
DataFrame with ``story_id`` and ``doc_id`` columns, sorted deterministically.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import pandas as pd

from .text import surprisal, tokens

#: Entity labels compared for coverage (numbers, dates and money are the figures' business).
COVERAGE_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT",
                   "WORK_OF_ART")
#: Figures whose sentences share at least this weighted word overlap state the same quantity.
SAME_QUANTITY = 0.2
#: Words each side of a figure that say what it measures.
CONTEXT_WORDS = 6
#: Relative difference under which two values agree (rounding: "about $100 billion" vs "$99.5bn").
AGREE_TOLERANCE = 0.02
UNATTRIBUTED = "(unattributed)"


def _strings(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for c in columns:
        df[c] = df[c].astype("object").where(df[c].notna(), None).astype("string")
    return df


def _story_of(groups: dict[str, list[str]]) -> dict[str, str]:
    return {d: g for g, members in groups.items() for d in members}


def _in_groups(table: pd.DataFrame, groups: dict[str, list[str]]) -> pd.DataFrame:
    story = _story_of(groups)
    if table is None or table.empty:
        return pd.DataFrame(columns=["story_id", *([] if table is None else table.columns)])
    t = table[table["doc_id"].astype(str).isin(story)].copy()
    t.insert(0, "story_id", t["doc_id"].astype(str).map(story))
    return t


# --- entity coverage ---------------------------------------------------------------------------


def coverage(entities: pd.DataFrame, groups: dict[str, list[str]]) -> pd.DataFrame:
    """Who and what each article of a story mentions, against the others.

    One row per (story, entity, document of the story): story_id, entity_id, canonical, label,
    doc_id, mentions (0 when the document does not mention it), n_docs (documents of the story
    mentioning it), status: ``shared`` (every document), ``partial`` (several, not all),
    ``unique`` (only this document) or ``omitted`` (others mention it, this one does not)."""
    columns = ["story_id", "entity_id", "canonical", "label", "doc_id", "mentions", "n_docs",
               "status"]
    ents = _in_groups(entities, groups)
    if not ents.empty:
        ents = ents[ents["label"].isin(COVERAGE_LABELS).fillna(False).astype(bool)]
    rows = []
    for story, members in groups.items():
        sub = ents[ents["story_id"] == story] if not ents.empty else ents
        if sub.empty:
            continue
        counts = sub.groupby(["entity_id", "doc_id"]).size()
        names = (sub.groupby("entity_id")
                 .agg(canonical=("canonical", lambda s: Counter(s.dropna()).most_common(1)[0][0]
                                 if s.notna().any() else pd.NA),
                      label=("label", lambda s: Counter(s.dropna()).most_common(1)[0][0])))
        for entity_id, info in names.iterrows():
            present = {d: int(counts.get((entity_id, d), 0)) for d in members}
            n_docs = sum(1 for n in present.values() if n)
            for d, n in present.items():
                if n and n_docs == len(members):
                    status = "shared"
                elif n and n_docs == 1:
                    status = "unique"
                elif n:
                    status = "partial"
                else:
                    status = "omitted"
                rows.append({"story_id": story, "entity_id": entity_id,
                             "canonical": info["canonical"], "label": info["label"],
                             "doc_id": d, "mentions": n, "n_docs": n_docs, "status": status})
    df = pd.DataFrame(rows, columns=columns)
    df = _strings(df, ["story_id", "entity_id", "canonical", "label", "doc_id", "status"])
    df = df.astype({"mentions": "Int64", "n_docs": "Int64"})
    return df.sort_values(["story_id", "n_docs", "entity_id", "doc_id"],
                          ascending=[True, False, True, True]).reset_index(drop=True)


def coverage_counts(cov: pd.DataFrame) -> pd.DataFrame:
    """Per (story, document): entities mentioned, shared with every other article, partly
    shared, unique to it, and omitted (mentioned by others only)."""
    columns = ["story_id", "doc_id", "mentioned", "shared", "partial", "unique", "omitted"]
    if cov.empty:
        return pd.DataFrame(columns=columns).astype({c: "Int64" for c in columns[2:]})
    t = cov.pivot_table(index=["story_id", "doc_id"], columns="status", values="entity_id",
                        aggfunc="count", fill_value=0)
    for c in ("shared", "partial", "unique", "omitted"):
        if c not in t.columns:
            t[c] = 0
    t["mentioned"] = t["shared"] + t["partial"] + t["unique"]
    out = t.reset_index()[columns]
    out.columns.name = None
    return out.astype({c: "Int64" for c in columns[2:]}).sort_values(
        ["story_id", "doc_id"]).reset_index(drop=True)


def coverage_matrix(cov: pd.DataFrame, story_id: str, top_n: int = 15,
                    labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Entities (rows, by number of articles then mentions) × articles (columns, named by
    ``labels``): mention counts, for the coverage heatmap."""
    sub = cov[cov["story_id"] == story_id]
    if sub.empty:
        return pd.DataFrame()
    m = sub.pivot_table(index="canonical", columns="doc_id", values="mentions", aggfunc="sum",
                        fill_value=0)
    order = sorted(m.index, key=lambda e: (-(m.loc[e] > 0).sum(), -m.loc[e].sum(), str(e)))
    m = m.loc[order[:top_n]]
    m = m[sorted(m.columns)]
    if labels:
        m.columns = [labels.get(c, c) for c in m.columns]
    m.index.name = "entity"
    m.columns.name = None
    return m.astype("int64")


# --- quoted speakers ---------------------------------------------------------------------------


def speakers(quotes: pd.DataFrame, groups: dict[str, list[str]]) -> pd.DataFrame:
    """Who each article quotes and how. One row per (story, document, speaker): n_quotes,
    n_direct (direct and mixed), n_indirect, cues (most used first, "say ×3, insist"),
    quoted_in (articles of the story quoting this speaker)."""
    columns = ["story_id", "doc_id", "speaker", "n_quotes", "n_direct", "n_indirect", "cues",
               "quoted_in"]
    q = _in_groups(quotes, groups)
    rows = []
    if not q.empty:
        q = q.copy()
        q["speaker"] = q["speaker_canonical"].astype("object").where(
            q["speaker_canonical"].notna(), UNATTRIBUTED)
        quoted_in = q.groupby(["story_id", "speaker"])["doc_id"].nunique()
        for (story, doc, speaker), sub in q.groupby(["story_id", "doc_id", "speaker"], sort=True):
            cues = Counter(str(c) for c in sub["cue"].dropna())
            cue_text = ", ".join(f"{c} ×{n}" if n > 1 else c
                                 for c, n in sorted(cues.items(), key=lambda x: (-x[1], x[0])))
            types = sub["type"].astype("object").fillna("")
            rows.append({"story_id": story, "doc_id": doc, "speaker": speaker,
                         "n_quotes": len(sub),
                         "n_direct": int(types.isin(["direct", "mixed"]).sum()),
                         "n_indirect": int((types == "indirect").sum()),
                         "cues": cue_text or None,
                         "quoted_in": int(quoted_in[(story, speaker)])})
    df = pd.DataFrame(rows, columns=columns)
    df = _strings(df, ["story_id", "doc_id", "speaker", "cues"])
    df = df.astype({c: "Int64" for c in ("n_quotes", "n_direct", "n_indirect", "quoted_in")})
    return df.sort_values(["story_id", "doc_id", "n_quotes", "speaker"],
                          ascending=[True, True, False, True]).reset_index(drop=True)


# --- figures -----------------------------------------------------------------------------------


def _context(sentence: Any, surface: Any, window: int = CONTEXT_WORDS) -> dict[str, float]:
    """Weighted words around a figure in its sentence (``window`` words each side, the figure
    itself left out): what is being counted or paid, not who is in the sentence."""
    text = str(sentence) if isinstance(sentence, str) else ""
    left, right = text, ""
    if isinstance(surface, str) and surface and surface in text:
        k = text.index(surface)
        left, right = text[:k], text[k + len(surface):]
    words = tokens(left)[-window:] + tokens(right)[:window]
    return {w: surprisal(w) for w in words if not w[0].isdigit() and len(w) > 1}


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard of two word sets (weights = surprisal)."""
    if not a or not b:
        return 0.0
    inter = sum(w for t, w in a.items() if t in b)
    union = sum(a.values()) + sum(w for t, w in b.items() if t not in a)
    return inter / union if union else 0.0


def _same_value(a: Any, b: Any) -> bool:
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if math.isnan(fa) or math.isnan(fb):
        return False
    return abs(fa - fb) <= AGREE_TOLERANCE * max(abs(fa), abs(fb), 1e-9)


def _candidates(recs: list[dict[str, Any]], ctx: list[dict[str, float]]) -> list[
    tuple[float, int, int]
]:
    """Cross-article figure pairs that may state the same quantity, best first."""
    pairs = []
    for i, a in enumerate(recs):
        for j in range(i + 1, len(recs)):
            b = recs[j]
            if a["doc_id"] == b["doc_id"] or a.get("kind") != b.get("kind"):
                continue
            ua, ub = a.get("unit"), b.get("unit")
            if pd.isna(ua) or pd.isna(ub) or ua != ub:
                continue  # without a unit ("aged 16") there is no telling what is counted
            sim = _overlap(ctx[i], ctx[j])
            if _same_value(a.get("value"), b.get("value")):
                sim += SAME_QUANTITY / 2  # same number and unit: likely the same fact
            if sim >= SAME_QUANTITY:
                pairs.append((sim, i, j))
    return sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))


def _group_figures(recs: list[dict[str, Any]]) -> list[list[int]]:
    """Greedy average-free grouping: join the best pairs first, never putting two figures of
    the same article in one group."""
    ctx = [_context(r.get("sentence"), r.get("surface")) for r in recs]
    group_of = list(range(len(recs)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(recs))}
    for _, i, j in _candidates(recs, ctx):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        docs_i = {recs[k]["doc_id"] for k in members[gi]}
        if any(recs[k]["doc_id"] in docs_i for k in members[gj]):
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
    return sorted((sorted(m) for m in members.values()),
                  key=lambda m: (-len({recs[i]["doc_id"] for i in m}), m[0]))


def figure_agreement(
    figures: pd.DataFrame, groups: dict[str, list[str]],
    kinds: tuple[str, ...] = ("money", "percent", "count", "quantity"),
) -> pd.DataFrame:
    """Figures of a story matched across articles: the same quantity (same kind and unit, and
    words around the figure that share enough rare words, helped by an equal value) forms one
    ``quantity`` group
    with at most one figure per article. Dates are left out by default (relative dates such as
    "Friday" are stated, not measured).

    One row per figure: story_id, quantity ("Q1", …), doc_id, figure_id, kind, unit, value,
    qualifier, surface, claimed_by, sentence, n_docs (articles stating this quantity), status:
    ``agree`` (every article gives the same value, within 2%), ``differ`` (articles give
    different values) or ``single`` (only one article states it)."""
    columns = ["story_id", "quantity", "doc_id", "figure_id", "kind", "unit", "value",
               "qualifier", "surface", "claimed_by", "sentence", "n_docs", "status"]
    f = _in_groups(figures, groups)
    rows: list[dict[str, Any]] = []
    if not f.empty:
        f = f[f["kind"].isin(kinds).fillna(False).astype(bool)]
    if not f.empty:
        for story, sub in f.groupby("story_id", sort=True):
            recs = sub.sort_values(["doc_id", "start"]).to_dict("records")
            for k, members in enumerate(_group_figures(recs), start=1):
                docs = {recs[i]["doc_id"] for i in members}
                values = [recs[i].get("value") for i in members]
                if len(docs) == 1:
                    status = "single"
                elif all(_same_value(values[0], v) for v in values):
                    status = "agree"
                else:
                    status = "differ"
                for i in members:
                    r = recs[i]
                    rows.append({"story_id": story, "quantity": f"Q{k}", "doc_id": r["doc_id"],
                                 **{c: r.get(c) for c in ("figure_id", "kind", "unit", "value",
                                                          "qualifier", "surface", "claimed_by",
                                                          "sentence")},
                                 "n_docs": len(docs), "status": status})
    df = pd.DataFrame(rows, columns=columns)
    df = _strings(df, ["story_id", "quantity", "doc_id", "figure_id", "kind", "unit",
                       "qualifier", "surface", "claimed_by", "sentence", "status"])
    df = df.astype({"value": "Float64", "n_docs": "Int64"})
    if not df.empty:
        df["_q"] = df["quantity"].str[1:].astype(int)
        df = df.sort_values(["story_id", "_q", "doc_id", "figure_id"]).drop(columns="_q")
    return df.reset_index(drop=True)


def figure_table(agreement: pd.DataFrame, story_id: str, labels: dict[str, str] | None = None,
                 include_single: bool = True, articles: list[str] | None = None) -> pd.DataFrame:
    """One row per quantity of a story: kind, unit, status, then one column per article with
    the figure as written ("about $100 billion"; several joined by " / "). ``articles``: the
    story's doc_ids, so an article stating no figure still gets its (empty) column."""
    sub = agreement[agreement["story_id"] == story_id]
    if not include_single:
        sub = sub[sub["status"] != "single"]
    if sub.empty:
        return pd.DataFrame(columns=["quantity", "kind", "unit", "status"])
    wide = sub.pivot_table(index="quantity", columns="doc_id", values="surface",
                           aggfunc=lambda s: " / ".join(s), fill_value="")
    if articles:
        wide = wide.reindex(columns=list(articles), fill_value="")
    info = sub.groupby("quantity").agg(kind=("kind", "first"), unit=("unit", "first"),
                                       status=("status", "first"))
    out = info.join(wide)
    out = out.loc[sorted(out.index, key=lambda q: int(str(q)[1:]))].reset_index()
    if labels:
        out = out.rename(columns={d: labels.get(d, d) for d in wide.columns})
    out.columns.name = None
    return out


# --- cited media -------------------------------------------------------------------------------


def cited_media(citations: pd.DataFrame, groups: dict[str, list[str]]) -> pd.DataFrame:
    """What each article cites. One row per (story, document, cited): kind, n_citations, cues
    (joined), surfaces (as written, joined), cited_in (articles of the story citing it)."""
    columns = ["story_id", "doc_id", "cited", "kind", "n_citations", "cues", "surfaces",
               "cited_in"]
    c = _in_groups(citations, groups)
    rows = []
    if not c.empty:
        c = c.copy()
        if "kind" not in c.columns:
            c["kind"] = pd.NA
        if "surface" not in c.columns:
            c["surface"] = pd.NA
        cited_in = c.groupby(["story_id", "cited"])["doc_id"].nunique()
        for (story, doc, cited), sub in c.groupby(["story_id", "doc_id", "cited"], sort=True):
            kinds = Counter(str(k) for k in sub["kind"].dropna())
            rows.append({
                "story_id": story, "doc_id": doc, "cited": cited,
                "kind": kinds.most_common(1)[0][0] if kinds else None,
                "n_citations": len(sub),
                "cues": ", ".join(sorted({str(x) for x in sub["cue"].dropna()})) or None,
                "surfaces": " | ".join(dict.fromkeys(str(x) for x in sub["surface"].dropna()))
                or None,
                "cited_in": int(cited_in[(story, cited)]),
            })
    df = pd.DataFrame(rows, columns=columns)
    df = _strings(df, ["story_id", "doc_id", "cited", "kind", "cues", "surfaces"])
    df = df.astype({"n_citations": "Int64", "cited_in": "Int64"})
    return df.sort_values(["story_id", "doc_id", "cited"]).reset_index(drop=True)
