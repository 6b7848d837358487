"""``summary(analysis)``: every per-story comparison table, for the source-comparison notebook.

Articles are grouped into stories with :func:`~.matching.stories`. ``group="auto"`` compares
within each story of two or more articles; when every article is a story of its own (e.g. two
unrelated seed articles) it compares all selected articles together instead, and says so in
``Comparison.grouping``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import engine, language, reuse, tables
from .matching import STORY_THRESHOLD, _documents, pair_frame, profiles_of

ALL = "all"
#: "auto" compares all articles together (when none share a story) only up to this many:
#: beyond it, an all-against-all table of unrelated articles helps no one.
MAX_ALL = 12


@dataclass
class Comparison:
    """The comparison tables (each has ``story_id``; per-article tables also ``doc_id`` and
    ``outlet``, the article's display label)."""

    grouping: str
    groups: dict[str, list[str]]
    labels: dict[str, str]
    documents: pd.DataFrame
    similarity: pd.DataFrame
    overview: pd.DataFrame
    coverage: pd.DataFrame
    coverage_counts: pd.DataFrame
    speakers: pd.DataFrame
    figures: pd.DataFrame
    citations: pd.DataFrame
    naming_variants: pd.DataFrame
    distinctive_terms: pd.DataFrame
    reuse_pairs: pd.DataFrame
    reuse_passages: pd.DataFrame
    quote_fidelity: pd.DataFrame
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def focus(self) -> str | None:
        """The story the per-story dashboard shows: the one asked for, else the largest."""
        return None if self.overview.empty else str(self.overview["story_id"].iloc[0])

    TABLES = ("documents", "similarity", "overview", "coverage", "coverage_counts", "speakers",
              "figures", "citations", "naming_variants", "distinctive_terms", "reuse_pairs",
              "reuse_passages", "quote_fidelity")

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by export name (the documents table is exported as ``stories``)."""
        return {("stories" if name == "documents" else name): getattr(self, name)
                for name in self.TABLES}

    def story(self, story_id: str) -> dict[str, pd.DataFrame]:
        """Every table restricted to one story."""
        out = {}
        for name, t in self.tables().items():
            if name == "similarity":
                ids = set(self.groups.get(story_id, []))
                out[name] = t[t["doc_a"].isin(ids) & t["doc_b"].isin(ids)].reset_index(drop=True)
            elif "story_id" in t.columns:
                out[name] = t[t["story_id"] == story_id].reset_index(drop=True)
            else:
                out[name] = t
        return out

    def coverage_matrix(self, story_id: str, top_n: int = 15) -> pd.DataFrame:
        """Entities × articles mention counts of one story (for the heatmap)."""
        return tables.coverage_matrix(self.coverage, story_id, top_n, self.labels)

    def figure_table(self, story_id: str) -> pd.DataFrame:
        """Quantities × articles, the figures as written, with agree/differ/single status."""
        return tables.figure_table(self.figures, story_id, self.labels,
                                   articles=self.groups.get(story_id))

    def speaker_matrix(self, story_id: str, top_n: int = 15) -> pd.DataFrame:
        """Speakers × articles: number of quotes (for the quoted-speaker comparison)."""
        sub = self.speakers[self.speakers["story_id"] == story_id]
        if sub.empty:
            return pd.DataFrame()
        m = sub.pivot_table(index="speaker", columns="doc_id", values="n_quotes",
                            aggfunc="sum", fill_value=0)
        order = sorted(m.index, key=lambda s: (-(m.loc[s] > 0).sum(), -m.loc[s].sum(), str(s)))
        m = m.loc[order[:top_n]]
        m.columns = [self.labels.get(c, c) for c in m.columns]
        m.columns.name = None
        return m.astype("int64")


def _labels(documents: pd.DataFrame, groups: dict[str, list[str]]) -> dict[str, str]:
    """Display label of each article: its outlet, else its doc_id; made unique within a story."""
    outlet = {}
    for d, o in zip(documents["doc_id"].astype(str), documents["outlet"], strict=True):
        outlet[d] = str(o) if isinstance(o, str) and o.strip() else d
    labels = {}
    for members in groups.values():
        seen: dict[str, int] = {}
        for d in members:
            seen[outlet[d]] = seen.get(outlet[d], 0) + 1
        for d in members:
            unique = seen[outlet[d]] == 1 or outlet[d] == d
            labels[d] = outlet[d] if unique else f"{outlet[d]} ({d})"
    return labels


def _with_outlet(df: pd.DataFrame, labels: dict[str, str], after: str = "doc_id") -> pd.DataFrame:
    out = df.copy()
    pos = list(out.columns).index(after) + 1
    out.insert(pos, "outlet", pd.array([labels.get(str(d), str(d)) for d in out[after]],
                                       dtype="string"))
    return out


def _groups(story_table: pd.DataFrame, group: str, story: str | None) -> tuple[
    dict[str, list[str]], str
]:
    by_story: dict[str, list[str]] = {}
    for d, s in zip(story_table["doc_id"].astype(str), story_table["story_id"], strict=True):
        by_story.setdefault(str(s), []).append(d)
    if story is not None:
        if story not in by_story:
            raise ValueError(f"no story {story!r}; stories are {', '.join(sorted(by_story))}")
        return {story: by_story[story]}, f"story {story} ({len(by_story[story])} articles)"
    multi = {s: m for s, m in by_story.items() if len(m) > 1}
    n = len(story_table)
    if n == 0:
        return {}, "no articles selected"
    if group == ALL or (group == "auto" and not multi and 1 < n <= MAX_ALL):
        why = ("all selected articles compared together"
               if group == ALL else
               f"each of the {n} articles is a story of its own, so all selected articles are "
               "compared together")
        return {ALL: list(story_table["doc_id"].astype(str))}, why
    if multi:
        return multi, f"{len(multi)} stories with two or more articles compared article by article"
    if n == 1:
        return by_story, "a single article: nothing to compare"
    return by_story, (f"each of the {n} articles is a story of its own; too many to compare "
                      "all together, so nothing is compared")


def summary(
    analysis: Any,
    story: str | None = None,
    group: str = "auto",
    min_words: int = reuse.MIN_WORDS,
    top_terms: int = 10,
) -> Comparison:
    """All comparison tables for ``analysis`` (an :class:`~helpers.pipeline.Analysis`).

    ``story``: a ``story_id`` from :func:`stories` to compare alone; ``group``: ``"auto"``
    (stories with two or more articles, else all articles together), ``"story"`` or ``"all"``;
    ``min_words``: shortest shared passage counted as reuse; ``top_terms``: distinctive terms
    kept per article."""
    documents = _documents(analysis)
    # One profile build and one scoring serve the stories and the pair table: every pair for a
    # small corpus, the candidate pairs above (never a dense n x n matrix).
    profiles = profiles_of(analysis)
    graph = engine.story_graph(profiles, exact=len(documents) <= engine.SMALL_CORPUS)
    story_table = engine.label_table(documents, graph.labels)
    groups, grouping = _groups(story_table, group, story)
    labels = _labels(documents, groups)
    in_scope = [d for members in groups.values() for d in members]
    docs = documents[documents["doc_id"].astype(str).isin(in_scope)].reset_index(drop=True)

    cov = tables.coverage(analysis.entities, groups)
    cov_counts = tables.coverage_counts(cov)
    spk = tables.speakers(analysis.quotes, groups)
    figs = tables.figure_agreement(analysis.figures, groups)
    cites = tables.cited_media(analysis.citations, groups)

    story_of = {d: g for g, members in groups.items() for d in members}
    names = language.naming_variants(docs)
    names.insert(0, "story_id", names["doc_id"].map(story_of).astype("string"))
    terms = language.distinctive_terms(docs, groups, corpus=documents, top_n=top_terms)

    reuse_pairs, reuse_passages, fidelity = _reuse_by_group(docs, analysis.quotes, groups,
                                                            min_words)

    sim = _compared_pairs(profiles.doc_ids, graph, story_of)
    story_docs = _grouped_documents(story_table, story_of, labels)
    overview = _overview(groups, labels, cov_counts, spk, figs, cites, names, reuse_pairs,
                         fidelity)
    comparison = Comparison(
        grouping=grouping,
        groups=groups,
        labels=labels,
        documents=story_docs,
        similarity=sim,
        overview=overview,
        coverage=_with_outlet(cov, labels),
        coverage_counts=_with_outlet(cov_counts, labels),
        speakers=_with_outlet(spk, labels),
        figures=_with_outlet(figs, labels),
        citations=_with_outlet(cites, labels),
        naming_variants=_with_outlet(names, labels),
        distinctive_terms=_with_outlet(terms, labels),
        reuse_pairs=reuse_pairs,
        reuse_passages=reuse_passages,
        quote_fidelity=fidelity,
        info={"min_words": min_words},
    )
    return comparison


def _grouped_documents(story_table: pd.DataFrame, story_of: dict[str, str],
                       labels: dict[str, str]) -> pd.DataFrame:
    """The compared articles: their story, the group they are compared in, and their outlet."""
    docs = story_table.copy()
    docs["group"] = docs["doc_id"].astype(str).map(story_of).astype("string")
    docs = _with_outlet(docs[docs["group"].notna()].reset_index(drop=True)
                        .drop(columns=["outlet"]), labels)
    return docs[["doc_id", "outlet", "story_id", "group", "published", "title", "n_words"]]


def _story_column(frame: pd.DataFrame, story_id: str) -> pd.DataFrame:
    frame.insert(0, "story_id", pd.array([story_id] * len(frame), dtype="string"))
    return frame


def _reuse_by_group(docs: pd.DataFrame, quotes: pd.DataFrame, groups: dict[str, list[str]],
                    min_words: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Reuse pairs, reused passages and quote fidelity within each compared group (empty
    tables that still carry their columns when nothing is selected)."""
    pair_frames, passage_frames, fidelity_frames = [], [], []
    for g, members in groups.items():
        sub = docs[docs["doc_id"].astype(str).isin(members)]
        pairs, passages = reuse.reuse_tables(sub, min_words)
        pair_frames.append(_story_column(pairs, g))
        passage_frames.append(_story_column(passages, g))
        fid = reuse.quote_fidelity(quotes[quotes["doc_id"].astype(str).isin(members)])
        fidelity_frames.append(_story_column(fid, g))
    if not groups:
        pairs, passages = reuse.reuse_tables(pd.DataFrame({"doc_id": [], "text": []}))
        pair_frames.append(_story_column(pairs, ""))
        passage_frames.append(_story_column(passages, ""))
        fidelity_frames.append(_story_column(reuse.quote_fidelity(None), ""))
    return (pd.concat(pair_frames, ignore_index=True),
            pd.concat(passage_frames, ignore_index=True),
            pd.concat(fidelity_frames, ignore_index=True))


def _compared_pairs(doc_ids: Any, graph: Any, story_of: dict[str, str]) -> pd.DataFrame:
    """Scored pairs inside a compared group, and near misses (at least half the story
    threshold)."""
    sim = pair_frame(doc_ids, graph.pairs.left, graph.pairs.right, graph.scores)
    group_a = sim["doc_a"].map(story_of).astype("string")
    group_b = sim["doc_b"].map(story_of).astype("string")
    same = (group_a == group_b).fillna(False).astype(bool)
    sim = sim[same | (sim["score"] >= STORY_THRESHOLD / 2).fillna(False).astype(bool)]
    return sim.reset_index(drop=True)


_OVERVIEW_COLUMNS = ["story_id", "n_articles", "outlets", "shared_entities", "speakers",
                     "speakers_in_several", "figure_quantities", "figures_differ", "media_cited",
                     "naming_differences", "max_reuse_share", "shared_quotes"]


def _overview(groups: dict[str, list[str]], labels: dict[str, str], cov_counts: pd.DataFrame,
              spk: pd.DataFrame, figs: pd.DataFrame, cites: pd.DataFrame,
              names: pd.DataFrame, pairs: pd.DataFrame, fidelity: pd.DataFrame) -> pd.DataFrame:
    """One row per compared group: articles, outlets, entities shared by all, speakers quoted
    by more than one article, figure disagreements, media cited, naming groups where articles
    differ, highest reuse share and verbatim/altered quotes."""
    rows = []
    for g, members in groups.items():
        c = cov_counts[cov_counts["story_id"] == g]
        s = spk[spk["story_id"] == g]
        f = figs[figs["story_id"] == g]
        ci = cites[cites["story_id"] == g]
        n = names[names["story_id"] == g]
        p = pairs[pairs["story_id"] == g]
        q = fidelity[fidelity["story_id"] == g]
        variant_groups = n.groupby("group")["variant"].nunique() if not n.empty else pd.Series()
        rows.append({
            "story_id": g,
            "n_articles": len(members),
            "outlets": ", ".join(sorted({labels[d] for d in members})),
            "shared_entities": int(c["shared"].max()) if not c.empty else 0,
            "speakers": int(s["speaker"].nunique()) if not s.empty else 0,
            "speakers_in_several": int(s.loc[s["quoted_in"] > 1, "speaker"].nunique())
            if not s.empty else 0,
            "figure_quantities": int(f["quantity"].nunique()) if not f.empty else 0,
            "figures_differ": int(f.loc[f["status"] == "differ", "quantity"].nunique())
            if not f.empty else 0,
            "media_cited": ", ".join(sorted(set(ci["cited"].dropna()))) if not ci.empty else "",
            "naming_differences": ", ".join(sorted(variant_groups[variant_groups > 1].index)),
            "max_reuse_share": float(p["share"].max()) if not p.empty else 0.0,
            "shared_quotes": len(q),
        })
    df = pd.DataFrame(rows, columns=_OVERVIEW_COLUMNS)
    df = df.astype({"story_id": "string", "outlets": "string", "media_cited": "string",
                    "naming_differences": "string", "max_reuse_share": "Float64"})
    for col in ("n_articles", "shared_entities", "speakers", "speakers_in_several",
                "figure_quantities", "figures_differ", "shared_quotes"):
        df[col] = df[col].astype("Int64")
    return df.sort_values(["n_articles", "story_id"], ascending=[False, True]).reset_index(
        drop=True)
