"""Entity mentions: boundary clean-up, aliases, label repair, surname and cross-document linking."""

from __future__ import annotations

import pandas as pd
import pytest
from spacy.tokens import Doc

import helpers
from helpers import entities, schema


def make_doc(nlp, text: str, ents: list[tuple[str, str]], pos: dict[str, str] | None = None):
    """A Doc of space-separated ``text`` (newlines become their own tokens) with the given
    entity spans: ``(surface, label)`` pairs, matched left to right. Capitalised words are
    PROPN unless ``pos`` says otherwise; no model decisions are involved."""
    words: list[str] = []
    spaces: list[bool] = []
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            if spaces:
                spaces[-1] = False
            words.append("\n")
            spaces.append(False)
        parts = line.split(" ")
        for k, word in enumerate(parts):
            words.append(word)
            spaces.append(k < len(parts) - 1)
    pos = pos or {}
    tags = [pos.get(w, "PROPN" if w[:1].isupper() else ("SPACE" if w == "\n" else "NOUN"))
            for w in words]
    iob = ["O"] * len(words)
    cursor = 0
    for surface, label in ents:
        parts = [p for p in surface.replace("\n", " \n ").split(" ") if p]
        for i in range(cursor, len(words)):
            if words[i : i + len(parts)] == parts:
                iob[i] = f"B-{label}"
                for k in range(i + 1, i + len(parts)):
                    iob[k] = f"I-{label}"
                cursor = i + len(parts)
                break
        else:
            raise AssertionError(f"{surface!r} not in {words}")
    return Doc(nlp.vocab, words=words, spaces=spaces, pos=tags, ents=iob)


def by_surface(records):
    out = {}
    for r in records:
        out.setdefault(r["surface"], []).append(r)
    return out


def check_offsets(doc, records):
    text = doc.text
    previous_end = -1
    for r in records:
        assert text[r["start"] : r["end"]] == r["surface"]
        assert "\n" not in r["surface"] and r["surface"] == r["surface"].strip()
        assert r["start"] >= previous_end, "mentions overlap"
        previous_end = r["end"]


def test_canonical_form_strips_article_and_possessive():
    assert entities.canonical_form("the Kremlin's") == "Kremlin"
    assert entities.canonical_form("The  United\nStates’") == "United States"
    assert entities.entity_key("GPE", "United States") == "GPE:united-states"


def test_country_aliases_share_one_entity(nlp):
    doc = make_doc(
        nlp,
        "The U.S. and the US said the United States would act .",
        [("U.S.", "GPE"), ("US", "ORG"), ("the United States", "GPE")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert [r["surface"] for r in records] == ["U.S.", "US", "United States"]
    assert {r["entity_id"] for r in records} == {"GPE:united-states"}
    assert {r["canonical"] for r in records} == {"United States"}


def test_transliteration_variants_and_capital_never_person(nlp):
    doc = make_doc(
        nlp,
        "Kiev will not fall , and Kyiv stays calm in Kharkov .",
        [("Kiev", "PERSON"), ("Kyiv", "ORG"), ("Kharkov", "PERSON")],
    )
    records = by_surface(entities.from_doc(doc))
    assert records["Kiev"][0]["canonical"] == "Kyiv" and records["Kiev"][0]["label"] == "GPE"
    assert records["Kyiv"][0]["entity_id"] == records["Kiev"][0]["entity_id"] == "GPE:kyiv"
    assert records["Kharkov"][0]["canonical"] == "Kharkiv"
    assert records["Kharkov"][0]["label"] == "GPE"


def test_surname_takes_full_name_and_person_label(nlp):
    doc = make_doc(
        nlp,
        "Antony Blinken spoke . Blinken insisted , and later Blinken 's aide agreed .",
        [("Antony Blinken", "PERSON"), ("Blinken", "GPE"), ("Blinken 's", "ORG")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert [r["surface"] for r in records] == ["Antony Blinken", "Blinken", "Blinken"]
    assert {(r["label"], r["canonical"]) for r in records} == {("PERSON", "Antony Blinken")}
    assert len({r["entity_id"] for r in records}) == 1


def test_surname_links_to_the_principal_bearer_not_the_nearest(nlp):
    # News style: the protagonist is named first; a namesake met later is named in full.
    doc = make_doc(
        nlp,
        "Boris Johnson met Dustin Johnson . Later Johnson left .",
        [("Boris Johnson", "PERSON"), ("Dustin Johnson", "PERSON"), ("Johnson", "PERSON")],
    )
    records = entities.from_doc(doc)
    assert records[-1]["canonical"] == "Boris Johnson"


def test_majority_label_per_name_within_article(nlp):
    doc = make_doc(
        nlp,
        "Zentrix rose . Zentrix said . Zentrix fell .",
        [("Zentrix", "ORG"), ("Zentrix", "PERSON"), ("Zentrix", "ORG")],
    )
    assert {r["label"] for r in entities.from_doc(doc)} == {"ORG"}


def test_given_name_makes_a_person(nlp):
    doc = make_doc(
        nlp,
        "Swiss diplomat Jean-Daniel Ruch and the Bank of England met .",
        [("Swiss", "NORP"), ("Jean-Daniel Ruch", "ORG"), ("Bank of England", "ORG")],
    )
    # make_doc keeps "Jean-Daniel" as one token; spaCy splits it, both must work.
    records = by_surface(entities.from_doc(doc))
    assert records["Jean-Daniel Ruch"][0]["label"] == "PERSON"
    assert records["Bank of England"][0]["label"] == "ORG"
    real = entities.from_doc(nlp("Swiss diplomat Jean-Daniel Ruch met officials in Bern."))
    assert any(r["surface"] == "Jean-Daniel Ruch" and r["label"] == "PERSON" for r in real)


def test_boundaries_the_possessive_and_punctuation(nlp):
    doc = make_doc(
        nlp,
        "He praised the Kremlin 's stance and Elm Road , Yorkshire .",
        [("the Kremlin 's", "ORG"), ("Elm Road , Yorkshire", "LOC")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert [r["surface"] for r in records] == ["Kremlin", "Elm Road", "Yorkshire"]


def test_spans_split_at_line_breaks(nlp):
    doc = make_doc(nlp, "Anna\nBerg won .", [("Anna\nBerg", "PERSON")])
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert [r["surface"] for r in records] == ["Anna", "Berg"]


def test_spans_split_at_spaced_dashes_and_scores(nlp):
    doc = make_doc(
        nlp,
        "Romania - Andrei Popa scored .\nNorthton 3 Easton 2\nG. Hollis 63",
        [("Romania - Andrei Popa", "ORG"), ("Northton 3 Easton 2", "PERSON"),
         ("G. Hollis 63", "PERSON")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    got = {r["surface"]: r["label"] for r in records}
    assert got["Romania"] == "GPE"
    assert got["Andrei Popa"] == "PERSON"  # known given name
    assert "Northton" in got and "Easton" in got and got["G. Hollis"] == "PERSON"


def test_untagged_mentions_are_found(nlp):
    doc = make_doc(
        nlp,
        "VOLKOV BACKS PEACE IN UKRAINE\nBUDAPEST 2024-03-01\nAlexander Volkov said . Volkov left .",
        [("Alexander Volkov", "PERSON")],
        pos={"BACKS": "VERB", "PEACE": "NOUN", "IN": "ADP", "said": "VERB", "left": "VERB"},
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    got = {r["surface"]: (r["label"], r["canonical"]) for r in records}
    assert got["VOLKOV"] == ("PERSON", "Alexander Volkov")
    assert got["Volkov"] == ("PERSON", "Alexander Volkov")
    assert got["UKRAINE"] == ("GPE", "Ukraine")
    assert got["BUDAPEST"] == ("GPE", "Budapest")  # a dateline is no results row


def test_ordinary_words_are_not_propagated(nlp):
    doc = make_doc(
        nlp,
        "Men 's final : Men ran and Next came .",
        [("Men", "ORG")],
        pos={"Men": "NOUN", "Next": "ADJ"},
    )
    assert len(entities.from_doc(doc)) == 1


def test_places_in_results_rows_are_teams(nlp):
    doc = make_doc(
        nlp,
        "Chicago 4 Houston 3\nLithuania 2 Chicago 1\nRain fell in Chicago .",
        [("Chicago", "GPE"), ("Houston", "GPE"), ("Lithuania", "GPE"), ("Chicago", "GPE"),
         ("Chicago", "GPE")],
    )
    records = entities.from_doc(doc)
    labels = [(r["surface"], r["label"]) for r in records]
    assert labels[:4] == [("Chicago", "ORG"), ("Houston", "ORG"), ("Lithuania", "GPE"),
                          ("Chicago", "ORG")]


@pytest.mark.parametrize(
    "text",
    [
        "Kiev’s fate and the U.S.’s role were discussed by Antony Blinken’s team.",
        "FOOTBALL - ROVERS GO TOP AFTER WIN\nMADRID 2024-05-01\nAnna Berg scored twice.",
        "  The United Nations' envoy met\n\nthe European Union  in Brussels.\n",
        "Jean-Daniel Ruch, a Swiss diplomat, and Donald Trump’s aides met in N'Djamena.",
        "",
    ],
)
def test_offsets_always_valid_on_real_parses(nlp, text):
    doc = nlp(text)
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    for r in records:
        assert r["canonical"] and r["entity_id"].startswith(r["label"] + ":")


def test_link_tables_across_documents_updates_quotes_and_figures():
    ents = schema.frame(
        [
            {"doc_id": "a", "start": 0, "end": 5, "surface": "Trump", "label": "PERSON",
             "canonical": "Trump", "entity_id": "PERSON:trump"},
            {"doc_id": "b", "start": 0, "end": 12, "surface": "Donald Trump", "label": "PERSON",
             "canonical": "Donald Trump", "entity_id": "PERSON:donald-trump"},
            {"doc_id": "b", "start": 20, "end": 26, "surface": "LONDON", "label": "GPE",
             "canonical": "LONDON", "entity_id": "GPE:london"},
            {"doc_id": "a", "start": 20, "end": 26, "surface": "London", "label": "GPE",
             "canonical": "London", "entity_id": "GPE:london"},
            {"doc_id": "a", "start": 30, "end": 35, "surface": "Smith", "label": "PERSON",
             "canonical": "Smith", "entity_id": "PERSON:smith"},
            {"doc_id": "a", "start": 40, "end": 50, "surface": "John Smith", "label": "PERSON",
             "canonical": "John Smith", "entity_id": "PERSON:john-smith"},
            {"doc_id": "b", "start": 40, "end": 50, "surface": "Jane Smith", "label": "PERSON",
             "canonical": "Jane Smith", "entity_id": "PERSON:jane-smith"},
        ],
        "entities",
    )
    quotes = schema.frame(
        [{"doc_id": "a", "quote_id": "a:q1", "speaker": "Trump", "speaker_canonical": "Trump",
          "speaker_entity_id": "PERSON:trump"},
         {"doc_id": "a", "quote_id": "a:q2", "speaker": "He", "speaker_canonical": pd.NA,
          "speaker_entity_id": pd.NA}],
        "quotes",
    )
    figures = schema.frame(
        [{"doc_id": "a", "figure_id": "a:f1", "claimed_by": "Trump"},
         {"doc_id": "b", "figure_id": "b:f1", "claimed_by": "Trump"},
         {"doc_id": "a", "figure_id": "a:f2", "claimed_by": pd.NA}],
        "figures",
    )
    tables = entities.link_tables(
        {"entities": ents, "quotes": quotes, "figures": figures,
         "citations": schema.empty("citations")}
    )
    e = tables["entities"]
    assert list(e.columns[:7]) == schema.columns("entities")
    trump = e[e["surface"] == "Trump"].iloc[0]
    assert (trump["canonical"], trump["entity_id"]) == ("Donald Trump", "PERSON:donald-trump")
    # One spelling per id: the mixed-case one.
    assert set(e.loc[e["entity_id"] == "GPE:london", "canonical"]) == {"London"}
    # "Smith" is ambiguous across the corpus (two full names): left alone.
    assert e[e["surface"] == "Smith"].iloc[0]["entity_id"] == "PERSON:smith"
    q = tables["quotes"]
    assert q.loc[0, "speaker_canonical"] == "Donald Trump"
    assert q.loc[0, "speaker_entity_id"] == "PERSON:donald-trump"
    assert pd.isna(q.loc[1, "speaker_entity_id"])
    f = tables["figures"]
    # Only the document where "Trump" was the renamed entity changes.
    assert list(f["claimed_by"].astype(object).where(f["claimed_by"].notna(), None)) == [
        "Donald Trump", "Trump", None]


def test_link_tables_on_empty_tables():
    tables = {name: schema.empty(name) for name in schema.EXTRACTED_TABLES}
    assert entities.link_tables(tables)["entities"].empty


def test_extract_returns_contract_table():
    table = entities.extract("Antony Blinken visited Kiev. Blinken met officials in Kyiv.")
    assert list(table.columns[:7]) == schema.columns("entities")
    assert set(table["doc_id"]) == {"0"}
    kyiv = table[table["canonical"] == "Kyiv"]
    assert set(kyiv["surface"]) == {"Kiev", "Kyiv"} and set(kyiv["label"]) == {"GPE"}
    blinken = table[table["surface"].str.contains("Blinken")]
    assert set(blinken["canonical"]) == {"Antony Blinken"}


# --- seed facts -------------------------------------------------------------------------------


def _seed(seed_analysis, prefix: str) -> pd.DataFrame:
    ents = seed_analysis.entities
    return ents[ents["doc_id"].str.startswith(prefix)]


def test_seed_blinken_is_one_person_in_both_articles(seed_analysis):
    for prefix in ("000", "004"):
        ents = _seed(seed_analysis, prefix)
        blinken = ents[ents["surface"].str.contains("Blinken")]
        assert len(blinken) >= 3
        assert set(blinken["canonical"]) == {"Antony Blinken"}
        assert set(blinken["label"]) == {"PERSON"}
        assert set(blinken["entity_id"]) == {"PERSON:antony-blinken"}


def test_seed_kiev_and_kyiv_are_one_city(seed_analysis):
    ents = _seed(seed_analysis, "004")
    city = ents[ents["surface"].isin(["Kiev", "Kyiv"])]
    assert set(city["surface"]) == {"Kiev", "Kyiv"}
    assert set(city["canonical"]) == {"Kyiv"} and set(city["label"]) == {"GPE"}
    assert city["entity_id"].nunique() == 1


def test_seed_people(seed_analysis):
    ents = seed_analysis.entities
    for name in ("Jean-Daniel Ruch", "Donald Trump"):
        rows = ents[ents["canonical"] == name]
        assert len(rows) >= 1 and set(rows["label"]) == {"PERSON"}, name
    trump = ents[ents["surface"] == "Trump"]
    assert set(trump["canonical"]) == {"Donald Trump"}


def test_seed_united_states_variants_share_one_id(seed_analysis):
    ents = seed_analysis.entities
    us = ents[ents["surface"].isin(["U.S.", "US", "United States"])]
    assert {"U.S.", "US", "United States"} <= set(us["surface"])
    assert set(us["entity_id"]) == {"GPE:united-states"}
    assert set(us["canonical"]) == {"United States"}


def test_seed_offsets(seed_analysis):
    texts = seed_analysis.documents.set_index("doc_id")["text"]
    for row in seed_analysis.entities.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.surface


def test_lexicon_files_load():
    lex = entities.lexicon()
    assert lex["kiev"].canonical == "Kyiv" and lex["u.s."].canonical == "United States"
    assert lex["u.n."].label == "ORG"
    assert "jean" in entities.given_names()
    assert helpers.entities.NAME_LABELS >= {"PERSON", "GPE", "ORG"}


def test_link_tables_repairs_a_lone_surname_tagged_as_place():
    rows = [
        ("c", "Blinken", "GPE", "Blinken", "GPE:blinken"),
        ("d", "Blinken", "PERSON", "Blinken", "PERSON:blinken"),
        ("e", "Antony Blinken", "PERSON", "Antony Blinken", "PERSON:antony-blinken"),
        ("c", "Paris", "GPE", "Paris", "GPE:paris"),
        ("e", "Paris Hilton", "PERSON", "Paris Hilton", "PERSON:paris-hilton"),
    ]
    ents = schema.frame(
        [{"doc_id": d, "start": 0, "end": len(s), "surface": s, "label": lab, "canonical": c,
          "entity_id": i} for d, s, lab, c, i in rows],
        "entities",
    )
    tables = {name: schema.empty(name) for name in schema.EXTRACTED_TABLES}
    tables["entities"] = ents
    e = entities.link_tables(tables)["entities"]
    blinken = e[e["surface"] == "Blinken"]
    assert set(blinken["entity_id"]) == {"PERSON:antony-blinken"}
    assert set(blinken["label"]) == {"PERSON"}
    # A gazetteer place never becomes a person across documents.
    assert e[e["surface"] == "Paris"].iloc[0]["entity_id"] == "GPE:paris"


def test_courtesy_titles_mark_people(nlp):
    doc = make_doc(
        nlp,
        "Mr Hale said . Hale and Mr Jordan met .",
        [("Mr Hale", "ORG"), ("Hale", "ORG")],
        pos={"said": "VERB", "met": "VERB", "and": "CCONJ"},
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    got = [(r["surface"], r["label"]) for r in records]
    assert got == [("Hale", "PERSON"), ("Hale", "PERSON"), ("Jordan", "PERSON")]


def test_job_title_portfolio_is_no_organisation(nlp):
    doc = make_doc(
        nlp,
        "Secretary of State Antony Blinken met the State Bank .",
        [("State", "ORG"), ("Antony Blinken", "PERSON"), ("the State Bank", "ORG")],
    )
    surfaces = [r["surface"] for r in entities.from_doc(doc)]
    assert surfaces == ["Antony Blinken", "State Bank"]


def test_nationality_is_split_from_a_name_and_lowercase_pieces_dropped(nlp):
    doc = make_doc(
        nlp,
        "Kenyan Susan Otieno beat American Dennis Porter , the congress said .",
        [("Kenyan Susan Otieno", "PERSON"), ("American Dennis Porter", "ORG"),
         ("congress", "ORG")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    got = [(r["surface"], r["label"]) for r in records]
    assert got == [("Kenyan", "NORP"), ("Susan Otieno", "PERSON"), ("American", "NORP"),
                   ("Dennis Porter", "PERSON")]


def test_adjacent_nationalities_are_one_group(nlp):
    doc = make_doc(
        nlp,
        "Bosnian Serbs and Swiss officials met .",
        [("Bosnian", "NORP"), ("Serbs", "NORP"), ("Swiss", "NORP")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert [(r["surface"], r["label"]) for r in records] == [("Bosnian Serbs", "NORP"),
                                                            ("Swiss", "NORP")]


def test_known_abbreviation_then_known_name_is_split(nlp):
    # the parser missed the sentence end after "U.S." and ran two names together
    doc = make_doc(
        nlp,
        "He acted for the U.S. Russia has said so . The U.S. State Department agreed .",
        [("U.S. Russia", "GPE"), ("U.S. State Department", "ORG")],
        pos={"has": "AUX", "agreed": "VERB"},
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    got = [(r["surface"], r["canonical"]) for r in records]
    assert got == [("U.S.", "United States"), ("Russia", "Russia"),
                   ("U.S. State Department", "State Department")]


def test_surname_goes_to_the_first_introduced_bearer(nlp):
    doc = make_doc(
        nlp,
        "Ted Cruz spoke . His wife Heidi Cruz agreed . Cruz said more . Mrs. Cruz left .",
        [("Ted Cruz", "PERSON"), ("Heidi Cruz", "PERSON"), ("Cruz", "PERSON"),
         ("Cruz", "PERSON")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert [r["canonical"] for r in records] == ["Ted Cruz", "Heidi Cruz", "Ted Cruz",
                                                 "Heidi Cruz"]


def test_titled_surname_goes_to_the_bearer_with_that_title(nlp):
    doc = make_doc(
        nlp,
        "Gary Johnson spoke . Secretary Jeh Johnson agreed . Secretary Johnson left . "
        "Later Johnson came .",
        [("Gary Johnson", "PERSON"), ("Jeh Johnson", "PERSON"), ("Johnson", "PERSON"),
         ("Johnson", "PERSON")],
        pos={"Secretary": "NOUN", "Later": "ADV"},
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    # "Later" is no title: the bare surname goes to the first introduced bearer
    assert [r["canonical"] for r in records] == ["Gary Johnson", "Jeh Johnson", "Jeh Johnson",
                                                 "Gary Johnson"]


def test_surname_of_another_gender_stays_a_surname(nlp):
    # only "Michelle Obama" is named in full, but the article's Obama is "Mr. Obama"
    doc = make_doc(
        nlp,
        "Michelle Obama spoke . Mr. Obama agreed . President Obama left .",
        [("Michelle Obama", "PERSON"), ("Obama", "PERSON"), ("Obama", "PERSON")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert [r["canonical"] for r in records] == ["Michelle Obama", "Obama", "Obama"]


def test_word_glued_to_a_name_is_dropped(nlp):
    # a title-case headline runs an adjective or a verb into a name the article names alone
    doc = make_doc(
        nlp,
        "Reckless Vance Says Taxes Will Fall\nHarold Vance spoke in Denver . Vance agreed .",
        [("Reckless Vance Says", "PERSON"), ("Harold Vance", "PERSON"), ("Vance", "PERSON")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert [r["surface"] for r in records][:1] == ["Vance"]
    assert {r["canonical"] for r in records if r["label"] == "PERSON"} == {"Harold Vance"}
    # a pageant title before a full name the article also gives on its own
    doc = make_doc(
        nlp,
        "He praised former Miss Universe Carla Benitez . Carla Benitez thanked him .",
        [("Universe Carla Benitez", "PERSON"), ("Carla Benitez", "PERSON")],
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert {r["canonical"] for r in records} == {"Carla Benitez"}


def test_unknown_given_name_is_kept_outside_headlines(nlp):
    doc = make_doc(
        nlp,
        "Headline about taxes\nYoelvo Brandtner won . Brandtner was happy .",
        [("Yoelvo Brandtner", "PERSON"), ("Brandtner", "PERSON")],
    )
    records = entities.from_doc(doc)
    assert records[0]["surface"] == "Yoelvo Brandtner"


def test_misspelt_surname_takes_the_full_name(nlp):
    doc = make_doc(
        nlp,
        "Tyra McKennah spoke on Monday . Later McKenna agreed .",
        [("Tyra McKennah", "PERSON"), ("McKenna", "PERSON")],
    )
    records = entities.from_doc(doc)
    assert [r["canonical"] for r in records] == ["Tyra McKennah"] * 2


def test_surname_run_into_an_organisation_is_split_off(nlp):
    # "the editorial board of the Daily Post Vance said": a comma is missing
    doc = make_doc(
        nlp,
        "Harold Vance spoke . At a meeting with the Daily Post Vance said no .",
        [("Harold Vance", "PERSON"), ("Daily Post Vance", "ORG")],
        pos={"said": "VERB"},
    )
    records = entities.from_doc(doc)
    check_offsets(doc, records)
    assert [(r["surface"], r["label"]) for r in records][1:] == [
        ("Daily Post", "ORG"), ("Vance", "PERSON")]
    assert records[2]["canonical"] == "Harold Vance"
