"""Cited media and documents (helpers.citations)."""

from __future__ import annotations

import pytest

from helpers import citations, entities


@pytest.fixture(scope="module")
def cite(nlp):
    def run(text: str) -> list[dict]:
        doc = nlp(text)
        records = citations.from_doc(doc, entities.from_doc(doc))
        for r in records:
            assert text[r["start"]:r["end"]] == r["surface"]
            assert r["cue_start"] < r["cue_end"] <= len(text)
        return records

    return run


def _pairs(records):
    return [(r["cited"], r["cue"], r["kind"]) for r in records]


def test_according_to_a_report_from(cite):
    records = cite("Blinken overruled his generals, according to a Saturday report from "
                   "The New York Times.")
    assert _pairs(records) == [("The New York Times", "according to", "medium")]
    assert records[0]["surface"] == "The New York Times"
    assert records[0]["medium_type"] == "newspaper"


def test_medium_report_and_told(cite):
    records = cite("Officials denied a Bloomberg report on Monday. The minister told Reuters "
                   "that talks would resume.")
    assert _pairs(records) == [("Bloomberg", "report", "medium"), ("Reuters", "told", "medium")]


def test_unnamed_broadcaster_is_kept_unnamed(cite):
    records = cite("In a recent interview with a French broadcaster, Blinken said Kyiv would "
                   "not fall.")
    assert _pairs(records) == [("a French broadcaster", "interview with", "unnamed")]


def test_the_newspaper_resolves_to_the_outlet_named_before(cite):
    records = cite("The New York Times reported that Blinken pushed for more arms. He was "
                   "less a peacemaker than a war strategist, the newspaper stated.")
    assert [r["cited"] for r in records] == ["The New York Times", "The New York Times"]
    assert records[1]["surface"] == "the newspaper"
    assert records[1]["resolved_from"] == "the newspaper"
    assert records[1]["cue"] == "state"


def test_unresolved_anaphor_stays_unnamed(cite):
    records = cite("The president was wrong, the newspaper said in an editorial.")
    assert _pairs(records) == [("the newspaper", "say", "unnamed")]


def test_short_alias_needs_the_full_name_first(cite):
    assert cite("The Times reported on Sunday that the talks had failed.") == []
    records = cite("The Washington Post first reported the memo. The Post said the memo was "
                   "genuine.")
    assert [r["cited"] for r in records] == ["The Washington Post", "The Washington Post"]


def test_person_named_like_an_outlet_is_not_cited(cite):
    assert cite("Michael Bloomberg said on Tuesday that he would not run.") == []


def test_mention_without_cue_is_not_a_citation(cite):
    assert cite("CNN and Fox News compete for viewers in the evening.") == []


def test_documents_and_unnamed_documents(cite):
    records = cite("According to a report by the Congressional Budget Office, the deficit will "
                   "grow. A Pentagon report found flaws. According to court documents, he paid "
                   "$5 million.")
    found = {(r["cited"], r["kind"]) for r in records}
    assert ("Congressional Budget Office", "document") in found
    assert ("Pentagon", "document") in found
    assert ("court documents", "document") in found


def test_more_cues(cite):
    records = cite("He said in a statement to The Associated Press that he was innocent. "
                   "She wrote in The Atlantic last week, citing Interfax.")
    assert _pairs(records) == [
        ("Associated Press", "statement to", "medium"),
        ("The Atlantic", "wrote in", "medium"),
        ("Interfax", "citing", "medium"),
    ]


def test_gazetteer_aliases_canonicalise():
    gaz = citations.gazetteer()
    assert gaz.names["NYT"].canonical == "The New York Times"
    assert gaz.names["AFP"].canonical == "Agence France-Presse"
    assert "the Times" in gaz.short and "The Times" not in gaz.names


def test_seed_citations(seed_analysis):
    table = seed_analysis.citations
    assert list(table.columns[:5]) == ["doc_id", "cited", "cue", "start", "end"]
    by_doc = {d: set(zip(g["cited"], g["cue"], strict=True)) for d, g in table.groupby("doc_id")}
    nyt = next(d for d in by_doc if d.startswith("000"))
    other = next(d for d in by_doc if d.startswith("004"))
    assert ("The New York Times", "according to") in by_doc[nyt]
    assert ("The New York Times", "state") in by_doc[nyt]
    assert ("Bloomberg", "report") in by_doc[other]
    assert ("a French broadcaster", "interview with") in by_doc[other]
    docs = seed_analysis.documents.set_index("doc_id")["text"]
    for r in table.itertuples():
        assert docs[r.doc_id][r.start:r.end] == r.surface


def test_extract_returns_contract_columns_when_empty():
    table = citations.extract("Nothing is cited here.")
    assert list(table.columns[:5]) == ["doc_id", "cited", "cue", "start", "end"]
    assert table.empty


def test_generic_and_adjectival_media_words_are_not_outlets(cite):
    assert cite("The Guardian reported the leak. Officials disputed reports in the press.") == [
        cite("The Guardian reported the leak.")[0]]
    assert cite("Obama said so in a TV interview on Tuesday.") == []
    records = cite("The National Security Agency obtained a court order, the Guardian said.")
    assert [r["cited"] for r in records] == ["The Guardian"]


def test_unnamed_media_with_modifiers(cite):
    records = cite("Romney told a local Denver TV station that he would win. Russian state "
                   "media reported the strike.")
    assert _pairs(records) == [("a local Denver TV station", "told", "unnamed"),
                               ("Russian state media", "report", "unnamed")]
