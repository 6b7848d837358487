"""Per-story comparison tables (helpers.compare.tables/language/reuse/comparison) on small
hand-made tables, the seeds, and a syndicated copy built from the seeds."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import compare, schema
from helpers.compare import language, reuse, tables
from helpers.pipeline import Analysis

GROUPS = {"s1": ["a", "b", "c"]}


def _entities():
    rows = []
    for doc, names in {"a": ["Blinken", "Blinken", "Kyiv", "NATO"], "b": ["Blinken", "Kyiv"],
                       "c": ["Blinken", "Macron"]}.items():
        for k, name in enumerate(names):
            label = {"Blinken": "PERSON", "Macron": "PERSON", "Kyiv": "GPE", "NATO": "ORG"}[name]
            rows.append({"doc_id": doc, "start": k * 10, "end": k * 10 + len(name),
                         "surface": name, "label": label, "canonical": name,
                         "entity_id": f"{label}:{name.lower()}"})
    rows.append({"doc_id": "a", "start": 90, "end": 94, "surface": "2022", "label": "DATE",
                 "canonical": "2022", "entity_id": "DATE:2022"})
    return schema.frame(rows, "entities")


def test_coverage_statuses():
    cov = tables.coverage(_entities(), GROUPS)
    status = {(r.entity_id, r.doc_id): (r.status, r.mentions) for r in cov.itertuples()}
    assert status[("PERSON:blinken", "a")] == ("shared", 2)
    assert status[("GPE:kyiv", "a")] == ("partial", 1)
    assert status[("GPE:kyiv", "c")] == ("omitted", 0)
    assert status[("ORG:nato", "a")] == ("unique", 1)
    assert status[("ORG:nato", "b")] == ("omitted", 0)
    assert not any(e == "DATE:2022" for e, _ in status)  # dates are not coverage
    counts = tables.coverage_counts(cov).set_index("doc_id")
    assert counts.loc["a", "mentioned"] == 3 and counts.loc["a", "unique"] == 1
    assert counts.loc["c", "omitted"] == 2
    matrix = tables.coverage_matrix(cov, "s1", labels={"a": "NYT", "b": "Fox", "c": "AP"})
    assert list(matrix.columns) == ["NYT", "Fox", "AP"]
    assert matrix.index[0] == "Blinken" and matrix.loc["NATO", "Fox"] == 0


def test_coverage_of_empty_entities():
    cov = tables.coverage(schema.empty("entities"), GROUPS)
    assert cov.empty and "status" in cov.columns
    assert tables.coverage_counts(cov).empty


def _quotes():
    rows = [
        ("a", "a:q1", "direct", "“We will not back down, whatever it takes”", "Antony Blinken",
         "say"),
        ("a", "a:q2", "indirect", "talks would resume", "Antony Blinken", "insist"),
        ("b", "b:q1", "direct", "“We will not back down”", "Antony Blinken", "say"),
        ("b", "b:q2", "direct", "“The capital will remain in Ukrainian hands”", "Matthew Miller",
         "stress"),
        ("c", "c:q1", "direct", "“We will never back down”", "Antony Blinken", "tell"),
        ("c", "c:q2", "indirect", "no troops", None, "say"),
    ]
    return schema.frame([{"doc_id": d, "quote_id": q, "type": t, "content": c,
                          "speaker_canonical": s, "cue": cue} for d, q, t, c, s, cue in rows],
                        "quotes")


def test_speakers_table():
    spk = tables.speakers(_quotes(), GROUPS)
    row = spk[(spk["doc_id"] == "a") & (spk["speaker"] == "Antony Blinken")].iloc[0]
    assert row["n_quotes"] == 2 and row["n_direct"] == 1 and row["n_indirect"] == 1
    assert row["cues"] == "insist, say" and row["quoted_in"] == 3
    assert tables.UNATTRIBUTED in set(spk["speaker"])
    assert spk[spk["speaker"] == "Matthew Miller"]["quoted_in"].iloc[0] == 1


def test_quote_fidelity_relations():
    fid = reuse.quote_fidelity(_quotes())
    rel = {(r.quote_a, r.quote_b): r.relation for r in fid.itertuples()}
    assert rel[("a:q1", "b:q1")] == "truncated"
    assert rel[("b:q1", "c:q1")] == "altered"
    assert ("b:q2", "c:q1") not in rel and ("a:q2", "c:q2") not in rel  # indirect: not compared
    same = reuse.quote_fidelity(schema.frame([
        {"doc_id": "x", "quote_id": "x:q1", "type": "direct", "content": "“Peace is near.”"},
        {"doc_id": "y", "quote_id": "y:q1", "type": "direct", "content": '"Peace is near"'},
    ], "quotes"))
    assert same["relation"].tolist() == ["verbatim"]
    assert reuse.quote_fidelity(schema.empty("quotes")).empty


def _figures():
    rows = [
        ("a", "a:f1", "money", 100e9, "USD", "about $100 billion",
         "The U.S. has committed about $100 billion in military aid to Ukraine since 2022."),
        ("b", "b:f1", "money", 95e9, "USD", "$95 billion",
         "Washington has committed $95 billion in military aid to Ukraine, officials said."),
        ("c", "c:f1", "money", 100e9, "USD", "$100bn",
         "The United States committed $100bn in military aid to Ukraine."),
        ("a", "a:f2", "count", 4.0, "region", "four",
         "Russia annexed four Ukrainian regions in September."),
        ("b", "b:f2", "percent", 40.0, "%", "40%",
         "Turnout in the referendum was 40% according to observers."),
    ]
    return schema.frame([{"doc_id": d, "figure_id": f, "kind": k, "value": v, "unit": u,
                          "surface": s, "sentence": sent, "start": 0, "end": len(s)}
                         for d, f, k, v, u, s, sent in rows], "figures")


def test_figure_agreement_and_disagreement():
    agree = tables.figure_agreement(_figures(), GROUPS)
    aid = agree[agree["figure_id"].isin(["a:f1", "b:f1", "c:f1"])]
    assert aid["quantity"].nunique() == 1
    assert set(aid["status"]) == {"differ"}  # $95bn vs $100bn is more than 2% apart
    assert set(agree[agree["figure_id"] == "a:f2"]["status"]) == {"single"}
    q = aid["quantity"].iloc[0]
    wide = tables.figure_table(agree, "s1", labels={"a": "NYT", "b": "Fox", "c": "AP"},
                               articles=["a", "b", "c"])
    row = wide[wide["quantity"] == q].iloc[0]
    assert row["NYT"] == "about $100 billion" and row["Fox"] == "$95 billion"
    same = _figures()
    same.loc[same["figure_id"] == "b:f1", "value"] = 100e9
    agree2 = tables.figure_agreement(same, GROUPS)
    assert set(agree2[agree2["figure_id"] == "a:f1"]["status"]) == {"agree"}


def test_figure_groups_hold_one_figure_per_article():
    figs = _figures()
    extra = figs[figs["figure_id"] == "a:f1"].copy()
    extra["figure_id"] = "a:f9"
    agree = tables.figure_agreement(pd.concat([figs, extra], ignore_index=True), GROUPS)
    assert not agree.duplicated(["story_id", "quantity", "doc_id"]).any()


def test_cited_media_table():
    cites = schema.frame([
        {"doc_id": "a", "cited": "The New York Times", "cue": "according to", "start": 0,
         "end": 18, "surface": "The New York Times", "kind": "medium"},
        {"doc_id": "a", "cited": "The New York Times", "cue": "state", "start": 50, "end": 63,
         "surface": "the newspaper", "kind": "medium"},
        {"doc_id": "b", "cited": "Bloomberg", "cue": "report", "start": 5, "end": 14,
         "surface": "Bloomberg", "kind": "medium"},
    ], "citations")
    table = tables.cited_media(cites, GROUPS)
    nyt = table[table["cited"] == "The New York Times"].iloc[0]
    assert nyt["n_citations"] == 2 and nyt["cues"] == "according to, state"
    assert nyt["surfaces"] == "The New York Times | the newspaper" and nyt["cited_in"] == 1
    assert set(table["doc_id"]) == {"a", "b"}


def test_naming_variants():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        "Kiev will not fall, he said, and Kyiv’s defenders agreed. The invasion continues.",
        "Moscow calls it a special military operation; officials in Kyiv call it an invasion.",
    ]})
    table = language.naming_variants(docs)
    rows = {(r.doc_id, r.variant): (r.count, r.mixed) for r in table.itertuples()}
    assert rows[("a", "Kiev")] == (1, True) and rows[("a", "Kyiv")] == (1, True)
    assert rows[("b", "Kyiv")] == (1, False)
    assert rows[("b", "special military operation")][0] == 1
    assert table["rationale"].notna().all()
    assert all(v.rationale for v in language.variants())


def test_log_odds_direction_and_shrinkage():
    from collections import Counter

    a = Counter({"invasion": 5, "aid": 3, "talks": 1})
    b = Counter({"operation": 5, "aid": 3, "talks": 1})
    prior = language.informative_prior(a + b, a + b, size=100)
    scores = language.log_odds(a, b, prior)
    assert scores["invasion"][1] > 0 > scores["operation"][1]
    assert abs(scores["aid"][1]) < 1e-9
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        "The invasion. The invasion continued; invasion again, invasion everywhere. Aid aid.",
        "The special operation. The operation continued; operation again. Aid aid.",
    ]})
    terms = language.distinctive_terms(docs, {"s": ["a", "b"]})
    top = terms.groupby("doc_id")["term"].first()
    assert top["a"] == "invasion" and top["b"] == "operation"


def test_reuse_finds_syndicated_copy_with_aligned_passage(seed_documents):
    """A copy built by pasting two paragraphs of seed 000 into seed 004."""
    source = seed_documents["text"].iloc[0]
    paragraphs = [p for p in source.split("\n") if len(p.split()) > 40]
    pasted = paragraphs[0] + "\n\n" + paragraphs[-1].replace("Russia has", "Moscow has")
    copy = seed_documents["text"].iloc[1].split("\n")[0] + "\n\n" + pasted
    found = reuse.passages(source, copy)
    assert found, "no shared passage found"
    longest = max(found, key=lambda p: p["n_words"])
    assert longest["n_words"] >= 40
    assert source[longest["a_start"]:longest["a_end"]] == longest["text_a"]
    assert copy[longest["b_start"]:longest["b_end"]] == longest["text_b"]
    assert longest["text_a"] in paragraphs[0] or longest["text_a"] in paragraphs[-1]
    # the edited paragraph is still one aligned passage (small gap bridged)
    assert any("Moscow has" in p["text_b"] and "Russia has" in p["text_a"] for p in found)
    docs = pd.DataFrame({"doc_id": ["orig", "copy", "other"],
                         "text": [source, copy, seed_documents["text"].iloc[1]]})
    pairs, passages = reuse.reuse_tables(docs)
    verdicts = {(r.doc_a, r.doc_b): r.verdict for r in pairs.itertuples()}
    assert verdicts[("orig", "copy")] == "syndicated"
    assert verdicts[("orig", "other")] == "independent"
    assert set(zip(passages["doc_a"], passages["doc_b"], strict=True)) == {
        ("orig", "copy"), ("copy", "other")}  # the copy also keeps 004's first paragraph


def test_reuse_ignores_shared_quotations_and_short_phrases():
    a = ('The senator spoke on Tuesday. "We will fight this ruling in every court of the land '
         'until justice is done," she said at a press conference in Washington.')
    b = ('Speaking in her office, the senator vowed: "We will fight this ruling in every court '
         'of the land until justice is done." Her aides declined further comment.')
    found = reuse.passages(a, b)
    assert found and found[0]["quoted_words"] == found[0]["n_words"]
    assert reuse.reuse_share(a, b) == 0.0
    assert reuse.passages("the White House said on Monday", "the White House said on Monday") == []


def _analysis(documents, **tables_):
    parts = {name: tables_.get(name, schema.empty(name)) for name in
             ("entities", "quotes", "figures", "citations")}
    return Analysis(documents=documents, **parts)


def test_summary_on_hand_made_analysis():
    docs = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "outlet": ["NYT", "Fox", "NYT"],
        "text": ["Blinken said Kyiv will not fall as Russia presses its offensive in the east.",
                 "Blinken insisted Kiev would not fall while Russian forces pushed east.",
                 "Blinken, in Kyiv, said Russia's offensive in the east would fail."],
    })
    documents = schema.frame(docs, "documents")
    result = compare.summary(_analysis(documents, entities=_entities(), quotes=_quotes(),
                                       figures=_figures()), group="all")
    assert result.groups == {"all": ["a", "b", "c"]}
    assert result.labels == {"a": "NYT (a)", "b": "Fox", "c": "NYT (c)"}
    assert set(result.tables()) >= {"overview", "coverage", "speakers", "figures", "citations",
                                    "naming_variants", "distinctive_terms", "reuse_pairs",
                                    "reuse_passages", "quote_fidelity", "stories"}
    assert result.overview["n_articles"].tolist() == [3]
    assert "Kyiv / Kiev" in result.overview["naming_differences"].iloc[0]
    assert len(result.reuse_pairs) == 3
    assert "outlet" in result.coverage.columns
    assert result.speaker_matrix("all").loc["Antony Blinken"].tolist() == [2, 1, 1]
    story = result.story("all")
    assert len(story["similarity"]) == 3
    with pytest.raises(ValueError):
        compare.summary(_analysis(documents), story="nope")


def test_summary_on_seeds(seed_analysis):
    """Done-when: Kiev/Kyiv usage, NYT vs Bloomberg citations, who each article quotes."""
    result = compare.summary(seed_analysis)
    assert result.focus is not None
    focus = result.story(result.focus)
    assert len(result.groups[result.focus]) == 2  # both seeds compared together either way
    names = focus["naming_variants"]
    kyiv = names[names["group"] == "Kyiv / Kiev"]
    assert {"Kiev", "Kyiv"} <= set(kyiv["variant"])
    cited = focus["citations"]
    by_doc = cited.groupby("doc_id")["cited"].apply(set)
    assert any("The New York Times" in s and "Bloomberg" not in s for s in by_doc)
    assert any("Bloomberg" in s and "The New York Times" not in s for s in by_doc)
    speakers = focus["speakers"]
    assert set(speakers["doc_id"]) == set(seed_analysis.documents["doc_id"])
    assert "Antony Blinken" in set(speakers["speaker"])
    figures = result.figure_table(result.focus)
    money = figures[figures["kind"] == "money"]
    assert (money.iloc[:, 4:] == "$100 billion").any().any() or money.empty
    assert result.reuse_pairs["verdict"].tolist() == ["independent"]


def test_summary_with_one_or_no_article():
    empty = compare.summary(_analysis(schema.empty("documents")))
    assert empty.grouping == "no articles selected" and empty.focus is None
    for name, table in empty.tables().items():
        assert table.empty and len(table.columns) > 0, name
    one = compare.summary(_analysis(schema.frame(
        [{"doc_id": "x", "text": "Blinken told Reuters that Kyiv would not fall."}],
        "documents")))
    assert one.focus == "s1" and one.reuse_pairs.empty


def test_charts_have_titles_and_axis_labels():
    import matplotlib.pyplot as plt

    from helpers.plots import compare as charts

    cov = tables.coverage(_entities(), GROUPS)
    pairs, _ = reuse.reuse_tables(pd.DataFrame({"doc_id": ["a", "b"],
                                                "text": ["one two three", "four five six"]}))
    pairs.insert(0, "story_id", "s1")
    overview = pd.DataFrame({"story_id": ["s1"], "n_articles": [3], "speakers": [4],
                             "speakers_in_several": [1], "figures_differ": [1]})
    spk = tables.speakers(_quotes(), GROUPS)
    matrix = spk.pivot_table(index="speaker", columns="doc_id", values="n_quotes",
                             aggfunc="sum", fill_value=0)
    for fig in (charts.coverage_heatmap(tables.coverage_matrix(cov, "s1")),
                charts.coverage_heatmap(pd.DataFrame()),
                charts.speaker_bars(matrix), charts.reuse_bars(pairs),
                charts.story_overview(overview)):
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        plt.close(fig)
