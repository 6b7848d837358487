"""Figure extraction: kinds, values, units, qualifiers, dates and claimants (helpers.figures)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import figures, schema

SEED_000 = "000_37b5f54015e947a3"
SEED_004 = "004_fa4afdca0f45084a"


def _rows(table: pd.DataFrame, doc_id: str, surface: str) -> pd.DataFrame:
    return table[(table["doc_id"] == doc_id) & (table["surface"] == surface)]


def _one(table: pd.DataFrame, doc_id: str, surface: str) -> pd.Series:
    rows = _rows(table, doc_id, surface)
    assert len(rows) == 1, table[table["doc_id"] == doc_id][["surface", "kind"]].to_string()
    return rows.iloc[0]


def test_seed_money(seed_analysis):
    f = seed_analysis.figures
    row = _one(f, SEED_000, "$100 billion")
    assert (row["kind"], row["value"], row["unit"], row["qualifier"]) == (
        "money", 1e11, "USD", "approx")
    row = _one(f, SEED_000, "$150 billion")
    assert (row["kind"], row["value"], row["unit"]) == ("money", 1.5e11, "USD")
    assert pd.isna(row["qualifier"])


def test_seed_count_and_dates(seed_analysis):
    f = seed_analysis.figures
    row = _one(f, SEED_000, "four")
    assert (row["kind"], row["value"], row["unit"]) == ("count", 4, "region")
    row = _one(f, SEED_000, "late 2022")
    assert (row["kind"], row["date_value"], row["date_modifier"]) == ("date", "2022", "late")
    assert pd.isna(row["value"])
    assert _one(f, SEED_000, "February 2022")["date_value"] == "2022-02"
    # Seed 004 has no date: the year of "March 28" stays unknown.
    assert _one(f, SEED_004, "March 28")["date_value"] == "XXXX-03-28"


def test_seed_table_contract(seed_analysis, seed_documents):
    f = seed_analysis.figures
    assert list(f.columns[: len(schema.columns("figures"))]) == schema.columns("figures")
    texts = dict(zip(seed_documents["doc_id"], seed_documents["text"], strict=True))
    for row in f.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.surface
        assert row.figure_id.startswith(f"{row.doc_id}:f")
    assert not (f["unit"] == "").any()
    assert set(f["kind"]) <= {"money", "percent", "count", "quantity", "date"}


def test_seed_claimant(seed_analysis):
    row = _one(seed_analysis.figures, SEED_000, "$100 billion")
    quotes = seed_analysis.quotes
    covering = quotes[(quotes["doc_id"] == SEED_000) & (quotes["content_start"] <= row["start"])
                      & (quotes["content_end"] >= row["end"])]
    if covering.empty:
        pytest.skip("the quotes layer finds no quote around the seed's amounts yet")
    assert row["claimed_by"] == "Antony Blinken"
    assert row["quote_id"] in set(covering["quote_id"])


def test_reference_date_resolves_month_day(nlp, seed_documents):
    text = seed_documents.set_index("doc_id").loc[SEED_004, "text"]
    recs = figures.from_doc(nlp(text), [], "2024-04-02")
    (rec,) = [r for r in recs if r["surface"] == "March 28"]
    # The text leaves the year out: TIMEX keeps it unknown, date_resolved fills it in.
    assert rec["date_value"] == "XXXX-03-28"
    assert rec["date_resolved"] == "2024-03-28"


def test_records_are_plain_and_local(nlp):
    text = "Officials said about 1,200 troops and $3.5m in aid arrived on 4 May 2023."
    recs = figures.from_doc(nlp(text), [], None)
    assert [r["figure_id"] for r in recs] == [f"f{i}" for i in range(1, len(recs) + 1)]
    keys = set(schema.columns("figures")) - {"doc_id"}
    for r in recs:
        assert keys <= set(r)
        assert "doc_id" not in r
        assert text[r["start"] : r["end"]] == r["surface"]
        for v in r.values():
            assert v is None or isinstance(v, str | int | float)
    got = {r["surface"]: r for r in recs}
    assert got["1,200"]["unit"] == "troop" and got["1,200"]["qualifier"] == "approx"
    assert got["$3.5m"]["value"] == 3.5e6
    assert got["4 May 2023"]["date_value"] == "2023-05-04"
    assert got["4 May 2023"]["sentence"] == text


def test_attribution_with_hand_made_quotes(nlp):
    text = ('"We have committed $100 billion," Blinken said. '
            "The fund holds $2 billion, according to officials.")
    doc = nlp(text)
    inner = text.index("We have")
    quotes = [
        {"quote_id": "q1", "content_start": inner, "content_end": text.index(',"'),
         "speaker": "Blinken", "speaker_canonical": "Antony Blinken"},
        {"quote_id": "q2", "content_start": text.index("The fund"),
         "content_end": text.index(", according"), "speaker": "officials",
         "speaker_canonical": None},
        # A wider quote around q1: the innermost one wins.
        {"quote_id": "q3", "content_start": 0, "content_end": text.index(" Blinken said"),
         "speaker": "someone", "speaker_canonical": "Someone Else"},
    ]
    recs = {r["surface"]: r for r in figures.from_doc(doc, quotes, None)}
    assert (recs["$100 billion"]["quote_id"], recs["$100 billion"]["claimed_by"]) == (
        "q1", "Antony Blinken")
    # No canonical name: the speaker as written.
    assert (recs["$2 billion"]["quote_id"], recs["$2 billion"]["claimed_by"]) == (
        "q2", "officials")
    recs = figures.from_doc(doc, [], None)
    assert all(r["claimed_by"] is None and r["quote_id"] is None for r in recs)


def _find(text: str, reference: str | None = None) -> dict[str, dict]:
    return {r["surface"]: r for r in figures.find(text, reference)}


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("won a $48.2 million army contract", "$48.2 million", 48.2e6, "USD"),
        ("the price is c $ 16.4 million", "c $ 16.4 million", 16.4e6, "CAD"),
        ("a US$150 million loan", "US$150 million", 150e6, "USD"),
        ("for 420 million finnish markka .", "420 million finnish markka", 420e6, "FIM"),
        ("pay 50 cents more", "50 cents", 0.5, "USD"),
        ("a bid of 470 pence a share", "470 pence", 4.7, "GBP"),
        ("received five million yen", "five million yen", 5e6, "JPY"),
        ("a 12-cent-a-share dividend", "12-cent", 0.12, "USD"),
        ("fined 10,000 swiss francs", "10,000 swiss francs", 10000, "CHF"),
        ("it costs £ 50 million", "£ 50 million", 50e6, "GBP"),
        ("loaned € 2 million", "€ 2 million", 2e6, "EUR"),
        ("it cost thirteen dollars forty-five cents", "thirteen dollars forty-five cents", 13.45,
         "USD"),
        ("a loan of 35 lakh rupees", "35 lakh rupees", 3.5e6, "INR"),
        ("spent ₹500 crore", "₹500 crore", 5e9, "INR"),
        ("losses above 30 MUSD", "30 MUSD", 30e6, "USD"),
        ("paid 500 USD, more than expected", "500 USD", 500, "USD"),
        ("raised HK$3bn", "HK$3bn", 3e9, "HKD"),
        ("sanctions worth 2 billion rubles", "2 billion rubles", 2e9, "RUB"),
    ],
)
def test_money(text, surface, value, unit):
    rec = _find(text)[surface]
    assert rec["kind"] == "money"
    assert rec["value"] == pytest.approx(value)
    assert rec["unit"] == unit


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("about $100 billion", "$100 billion", "approx"),
        ("more than $ 247 million in receipts", "$ 247 million", "more than"),
        ("up to 5,000 troops", "5,000", "at most"),
        ("at least fourteen people", "fourteen", "at least"),
        ("nearly 40% of voters", "40%", "approx"),
        ("fewer than 20 cases", "20", "less than"),
        ("hundreds of homes", "hundreds", "at least"),
    ],
)
def test_qualifiers_stay_out_of_the_span(text, surface, qualifier):
    rec = _find(text)[surface]
    assert rec["qualifier"] == qualifier


def test_percent_ranges_and_changes():
    recs = _find("Sales rose 6.2% to $1.45 billion, while costs were down 3 percentage points.")
    assert recs["6.2%"]["kind"] == "percent" and recs["6.2%"]["change"] == "increase"
    assert recs["3 percentage points"]["change"] == "decrease"
    assert recs["$1.45 billion"].get("change") is None
    rec = _find("between 10 and 20 percent of cases")["20 percent"]
    assert (rec["range_low"], rec["range_high"], rec["value"]) == (10, 20, 20)
    rec = _find("it costs $5 to $7 million")["$7 million"]
    assert rec["range_low"] == pytest.approx(5e6)
    assert _find("just need minus five percent")["minus five percent"]["value"] == -5


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("an area about ten miles long", "ten miles", 10, "mile"),
        ("a three-foot trip", "three-foot", 3, "foot"),
        ("660 square meters of land", "660 square meters", 660, "square meter"),
        ("34,500 metric tons of copper", "34,500 metric tons", 34500, "metric ton"),
        ("at over 188 miles an hour", "188 miles an hour", 188, "mile per hour"),
        ("he is 5 ft 2 in", "5 ft 2 in", 5 + 2 / 12, "foot"),
        ("the temperature is 40 deg celsius", "40 deg celsius", 40, "degree Celsius"),
        ("when she was five years old", "five years old", 5, "year (age)"),
        ("1.8m tall", "1.8m", 1.8, "meter"),
    ],
)
def test_quantities(text, surface, value, unit):
    rec = _find(text)[surface]
    assert rec["kind"] == "quantity"
    assert rec["value"] == pytest.approx(value)
    assert rec["unit"] == unit


@pytest.mark.parametrize(
    "text",
    [
        "He came first in the 3rd race.",
        "The meeting is at 10:30 or 11 pm.",
        "Call 555-123-4567 now.",
        "The Boeing 777F and the F16 landed.",
        "The one you mentioned is invalid.",
    ],
)
def test_not_counts(nlp, text):
    recs = figures.from_doc(nlp(text), [], None)
    assert [r["surface"] for r in recs if r["kind"] == "count"] == []


def test_counts(nlp):
    text = "Russia annexed four Ukrainian regions and deployed 1,200 troops; I count 12."
    recs = {r["surface"]: r for r in figures.from_doc(nlp(text), [], None)}
    assert (recs["four"]["value"], recs["four"]["unit"]) == (4, "region")
    assert recs["1,200"]["unit"] == "troop"
    assert recs["12"]["kind"] == "count"
    assert recs["10M"]["value"] == 1e7 if "10M" in recs else True
    text = "I can give you 10M."
    (rec,) = figures.from_doc(nlp(text), [], None)
    assert (rec["kind"], rec["value"]) == ("count", 1e7)


def test_years_are_dates_not_counts(nlp):
    text = "In 2022, 300 people marched."
    recs = {r["surface"]: r for r in figures.from_doc(nlp(text), [], None)}
    assert recs["2022"]["kind"] == "date"
    assert recs["300"]["kind"] == "count" and recs["300"]["unit"] == "people"


def test_extract_returns_contract_table():
    table = figures.extract(["It cost $5 on 4 May 2023.", "Nothing here."],
                            reference_date="2023-06-01")
    assert list(table.columns[: len(schema.columns("figures"))]) == schema.columns("figures")
    assert set(table["doc_id"]) == {"0"}
    assert table["figure_id"].tolist() == ["0:f1", "0:f2"]
    empty = figures.extract("Nothing to count here.")
    assert list(empty.columns[:14]) == schema.columns("figures") and empty.empty


def test_names_proportions_and_changes_are_not_counts(nlp):
    text = ("BBC Radio 4 said two-thirds of firms, a quarter of staff and the one-way fare rose "
            "from £6 to £10 in the fourth quarter.")
    recs = figures.from_doc(nlp(text), [], None)
    assert [r["surface"] for r in recs if r["kind"] == "count"] == []
    money = [r for r in recs if r["kind"] == "money"]
    assert [(r["value"], r["range_low"]) for r in money] == [(6, None), (10, None)]


def test_ages_and_tidy_values():
    rec = _find("The 25-year-old won.")["25-year-old"]
    assert (rec["kind"], rec["unit"]) == ("quantity", "year (age)")
    assert _find("Pernod is worth 8.2bn euros.")["8.2bn euros"]["value"] == 8_200_000_000
    recs = _find("about $1.2 billion and 3,400 troops")
    assert recs["$1.2 billion"]["value"] == 1.2e9 and recs["3,400"]["value"] == 3400


def test_count_ranges_scores_phones_and_ages(nlp):
    def recs(text):
        return [(r["surface"], r["kind"], r["value"], r["unit"], r["range_low"])
                for r in figures.from_doc(nlp(text), [], "2005-03-01")]

    assert recs("Between 10-20 people died.") == [("20", "count", 20, "people", 10)]
    assert [r for r in recs("Chelsea won 2-1 on Sunday.") if r[1] == "count"] == []
    assert recs("Call 555-1234.") == []
    assert recs("The boy, aged 12, fled.") == [("12", "quantity", 12, "year (age)", None)]


def test_changes_are_not_ranges():
    recs = _find("Unemployment rose 32,000 to 1.41 million; shares fell 65 cents to $14.35.")
    assert recs["32,000"]["change"] == "increase" and recs["32,000"]["range_low"] is None
    assert recs["1.41 million"]["range_low"] is None
    assert recs["65 cents"]["change"] == "decrease" and recs["$14.35"]["range_low"] is None
    recs = _find("China raised rates by 0.27 percentage points to 5.8%.")
    assert recs["0.27 percentage points"]["change"] == "increase"
    assert recs["5.8%"]["range_low"] is None
