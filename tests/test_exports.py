"""Exports: CSV and Parquet always, XLSX on request, and a data dictionary beside them."""

from __future__ import annotations

import pandas as pd

from helpers import exports, schema


def _tables(seed_analysis):
    return seed_analysis.tables()


def test_csv_parquet_and_dictionary(tmp_path, seed_analysis):
    written = exports.write_tables(_tables(seed_analysis), tmp_path)
    names = {p.name for p in written}
    for name in schema.TABLES:
        assert f"{name}.csv" in names and f"{name}.parquet" in names
    assert "data_dictionary.csv" in names and "tables.xlsx" not in names
    back = pd.read_parquet(tmp_path / "entities.parquet")
    assert list(back.columns) == list(seed_analysis.entities.columns)
    assert len(back) == len(seed_analysis.entities)
    dictionary = pd.read_csv(tmp_path / "data_dictionary.csv")
    assert list(dictionary.columns) == ["table", "column", "dtype", "in_contract", "meaning"]
    contract = dictionary[dictionary["in_contract"]]
    for name, columns in schema.TABLES.items():
        assert set(columns) <= set(contract[contract["table"] == name]["column"])
    # every contract column is explained
    assert contract["meaning"].notna().all()
    assert not list(tmp_path.glob(".*.tmp"))


def test_missing_values_stay_missing(tmp_path):
    table = pd.DataFrame({"doc_id": pd.array(["a", None], dtype="string"),
                          "value": pd.array([1.5, None], dtype="Float64")})
    exports.write_tables({"t": table}, tmp_path)
    csv = (tmp_path / "t.csv").read_text().splitlines()
    assert csv == ["doc_id,value", "a,1.5", ","]
    back = pd.read_parquet(tmp_path / "t.parquet")
    assert back["doc_id"].isna().tolist() == [False, True]


def test_xlsx_on_request(tmp_path, seed_analysis):
    tables = _tables(seed_analysis)
    exports.write_tables(tables, tmp_path, xlsx=True)
    book = pd.read_excel(tmp_path / "tables.xlsx", sheet_name=None)
    assert set(book) == set(tables) | {"data_dictionary"}
    assert len(book["entities"]) == len(seed_analysis.entities)


def test_dictionary_accumulates_tables_saved_one_by_one(tmp_path):
    exports.write_tables({"first": pd.DataFrame({"doc_id": ["a"]})}, tmp_path)
    exports.write_tables({"second": pd.DataFrame({"cited": ["BBC"], "extra": [1]})}, tmp_path)
    exports.write_tables({"second": pd.DataFrame({"cited": ["BBC"]})}, tmp_path)  # rewritten
    dictionary = pd.read_csv(tmp_path / "data_dictionary.csv")
    assert list(zip(dictionary["table"], dictionary["column"], strict=True)) == [
        ("first", "doc_id"), ("second", "cited")]
    # a table whose files are gone is dropped from the dictionary
    (tmp_path / "first.csv").unlink()
    exports.write_tables({"third": pd.DataFrame({"x": [1]})}, tmp_path)
    assert set(pd.read_csv(tmp_path / "data_dictionary.csv")["table"]) == {"second", "third"}
