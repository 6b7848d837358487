"""The corpus-wide side of profiles: the ``people`` table aggregated from per-article rows,
speaker ids after cross-document linking, the Analysis tables, and the sourcing views.

Handled in ``profiles/people.py``, ``pipeline/tables.py`` (``link``) and ``analysis/sources.py``.
"""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import profiles, schema
from helpers.analysis import sources
from helpers.pipeline import Analysis


def _speakers(rows: list[dict]) -> pd.DataFrame:
    return schema.frame(rows, "speakers")


def _row(doc, eid, gender=None, evidence=None, role=None, kind="unknown", n=1, name=None,
         label="PERSON"):
    return {"doc_id": doc, "entity_id": eid, "name": name or eid.split(":")[-1],
            "label": label, "n_quotes": n, "gender": gender, "gender_evidence": evidence,
            "role": role, "source_type": kind}


def test_people_gender_is_what_most_articles_say():
    table = profiles.people(_speakers([
        _row("a", "P:kim", "female", "given name", "mayor", "official", n=2),
        _row("b", "P:kim", "female", "pronoun"),
        _row("c", "P:kim", "male", "pronoun", "mayor", "official"),
        _row("d", "P:kim", "unknown"),
        _row("a", "P:lee", "male", "given name"),
        _row("b", "P:lee", "female", "honorific"),
        _row("a", "O:acme", None, None, None, "business", label="ORG"),
    ])).set_index("entity_id")
    kim = table.loc["P:kim"]
    assert (kim["gender"], kim["gender_evidence"], kim["gender_conflicts"]) == (
        "female", "pronoun", 1)
    assert (kim["n_articles"], kim["n_quotes"], kim["role"], kim["source_type"]) == (
        4, 5, "mayor", "official")
    lee = table.loc["P:lee"]  # a tie is never forced
    assert (lee["gender"], lee["gender_conflicts"], lee["source_type"]) == ("unknown", 2,
                                                                            "unknown")
    assert pd.isna(table.loc["O:acme", "gender"])
    assert list(table.index[:1]) == ["P:kim"]  # most quoted first


def test_unresolved_speakers_are_not_people():
    rows = _speakers([_row("a", "P:kim"), {**_row("a", "x"), "entity_id": None,
                                           "name": "officials"}])
    assert list(profiles.people(rows)["entity_id"]) == ["P:kim"]


def test_speakers_follow_cross_document_linking():
    before = pd.DataFrame({"entity_id": ["P:vance", "P:ann-vance"],
                           "canonical": ["Vance", "Ann Vance"]})
    after = pd.DataFrame({"entity_id": ["P:ann-vance", "P:ann-vance"],
                          "canonical": ["Ann Vance", "Ann Vance"]})
    linked = profiles.link_speakers(_speakers([
        _row("a", "P:vance", n=2, name="Vance"), _row("a", "P:ann-vance", n=1),
        _row("b", "P:vance", name="Vance")]), before, after)
    assert list(linked["entity_id"]) == ["P:ann-vance", "P:ann-vance"]
    assert list(linked["name"]) == ["Ann Vance", "Ann Vance"]
    assert list(linked["n_quotes"]) == [3, 1]  # the rows of article a merged


@pytest.fixture(scope="module")
def small_analysis():
    docs = pd.DataFrame({
        "doc_id": ["one", "two"],
        "outlet": ["Gazette", "Courier"],
        "text": ["Dana Orlen, a lawyer for the tenants, said that the rent rise was unlawful. "
                 "Officials said that the rules were followed.",
                 "Orlen said on Friday that the appeal would go ahead. She added that the "
                 "tenants would not pay."],
    })
    return helpers.analyze(docs, cache=False)


def test_analysis_has_speakers_and_people(small_analysis, tmp_path):
    a = small_analysis
    assert list(a.speakers.columns[: len(schema.TABLES["speakers"])]) == schema.columns(
        "speakers")
    assert list(a.people.columns) == schema.columns("people")
    orlen = a.people[a.people["name"].str.contains("Orlen")].iloc[0]
    assert orlen["n_articles"] == 2 and orlen["gender"] == "female"
    assert orlen["role"] == "lawyer"
    loaded = Analysis.load(a.save(tmp_path / "saved"))
    pd.testing.assert_frame_equal(loaded.people, a.people)
    pd.testing.assert_frame_equal(loaded.speakers, a.speakers)


def test_an_analysis_saved_before_profiles_still_loads(small_analysis, tmp_path):
    folder = small_analysis.save(tmp_path / "old")
    (folder / "speakers.parquet").unlink()
    (folder / "people.parquet").unlink()
    loaded = Analysis.load(folder)
    assert loaded.speakers.empty and list(loaded.people.columns) == schema.columns("people")


def test_gender_and_source_type_shares(small_analysis):
    a = small_analysis
    genders = sources.gender_shares(a.quotes, a.speakers, a.documents, a.people)
    assert list(genders["group"]) == ["Courier", "Gazette"]
    row = genders.set_index("group").loc["Gazette"]
    # "Officials" is a group: not one person, not counted
    assert (row["quotes"], row["female"], row["unknown"]) == (1, 1, 0)
    assert abs(genders[["female_share", "male_share", "unknown_share"]].sum(axis=1) - 1).max(
    ) < 0.01
    types = sources.source_type_shares(a.quotes, a.speakers, a.documents)
    gazette = types[types["group"] == "Gazette"].set_index("source_type")["quotes"]
    assert gazette.get("unnamed") == 1
    top = sources.most_quoted(a.people, top_n=1)
    assert list(top.columns) == ["name", "quotes", "articles", "role", "affiliation",
                                 "nationality", "gender", "source_type"]


def test_shares_of_an_empty_corpus():
    empty_docs = schema.empty("documents")
    genders = sources.gender_shares(schema.empty("quotes"), schema.empty("speakers"),
                                    empty_docs)
    assert genders.empty and "unknown_share" in genders.columns
    assert sources.source_type_shares(schema.empty("quotes"), schema.empty("speakers"),
                                      empty_docs).empty
