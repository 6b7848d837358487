"""Property-based tests of every extractor on arbitrary Unicode text (hypothesis).

For any text: no extractor raises; every offset is valid (``text[start:end] == surface``, and
for quotes the content, speaker and cue spans); the same input gives the same table; every
table has the contract's columns and dtypes. Texts mix news-like pieces (names, numbers,
currencies, quote marks of every style, dates, newlines) with arbitrary Unicode.

Runs are derandomized so ``make test`` is reproducible; set ``NEWSKIT_HYPOTHESIS=explore`` to
search with fresh random examples (and more of them).
"""

from __future__ import annotations

import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers import citations, compare, entities, figures, quotes, schema
from helpers.loading import valid_unicode

_EXPLORE = os.environ.get("NEWSKIT_HYPOTHESIS") == "explore"


def examples(n: int) -> settings:
    """Settings for one test: ``n`` derandomized examples (reproducible ``make test``), or ten
    times as many fresh random ones when exploring. Applied per test, not as a global profile,
    so other test files keep hypothesis's defaults."""
    return settings(
        max_examples=10 * n if _EXPLORE else n, deadline=None, derandomize=not _EXPLORE,
        print_blob=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


NEWS_PIECES = [
    # people, places, organisations, pronouns
    "Antony Blinken", "Blinken", "Mr. Blinken", "Maria Lopez", "He", "she", "They",
    "Kyiv", "Kiev", "U.S.", "the United Nations", "The New York Times", "Reuters", "NATO",
    # speech cues
    "said", "says", "told reporters", "according to", "insisted", "added", "warned that",
    "in an interview with", "a Bloomberg report", ":", "—", "–",
    # numbers and money
    "$4.5 billion", "€12m", "£300,000", "¥1.2 trillion", "3.5%", "40 per cent", "1,200",
    "about 300", "more than 40,000", "at least", "nearly half", "two-thirds", "a dozen",
    "1e309", "9999999999999999999999999", "-0.0", "12.34.56", "½", "٣", "10^400", "NaN",
    "5 km", "30,000 tonnes", "250 troops",
    # dates
    "March 3, 2023", "2022", "in late 2022", "last year", "on Monday", "3/4/2021",
    "2024-02-29", "the 1990s", "mid-March", "yesterday",
    # quote marks of every style
    '"', '"', "“", "”", "‘", "’", "'", "«", "»", "„", "‚", "‹", "›", "「", "」", "``", "''",
    # structure
    "\n", "\n\n", "\r\n", "\t", ".", ",", "?", "!", "...", "(", ")", "<script>", "&amp;",
]

piece = st.one_of(
    st.sampled_from(NEWS_PIECES),
    st.sampled_from(NEWS_PIECES),  # news-like pieces twice as often as noise
    st.text(max_size=12),  # arbitrary Unicode, controls and all (no lone surrogates)
    st.characters(),
)
separator = st.sampled_from([" ", " ", " ", "", "\n", "  "])
texts = st.lists(st.tuples(piece, separator), max_size=45).map(
    lambda parts: "".join(p + s for p, s in parts)
)

SPAN_COLUMNS = {
    "entities": [("start", "end", "surface")],
    "figures": [("start", "end", "surface")],
    "quotes": [("content_start", "content_end", "content"),
               ("speaker_start", "speaker_end", "speaker")],
}


def check_table(name: str, table: pd.DataFrame, texts_by_id: dict[str, str]) -> None:
    """Contract columns and dtypes, and valid offsets, for one extracted table."""
    contract = schema.TABLES[name]
    assert list(table.columns[: len(contract)]) == list(contract), name
    for column, dtype in contract.items():
        assert str(table[column].dtype) == dtype, (name, column, table[column].dtype)
    assert set(table["doc_id"].dropna()) <= set(texts_by_id), name
    for row in table.to_dict("records"):
        text = texts_by_id[row["doc_id"]]
        for start_col, end_col, surface_col in SPAN_COLUMNS.get(name, []):
            start, end, surface = row[start_col], row[end_col], row[surface_col]
            if pd.isna(start) and pd.isna(end):
                continue  # e.g. an unnamed speaker
            assert 0 <= start <= end <= len(text), (name, row)
            assert text[start:end] == surface, (name, start_col, row)
        if name == "quotes" and not pd.isna(row["cue_start"]):
            assert 0 <= row["cue_start"] < row["cue_end"] <= len(text), row
        if name == "citations":
            assert 0 <= row["start"] < row["end"] <= len(text), row
        if name == "figures" and not pd.isna(row["value"]):
            assert abs(row["value"]) < float("inf"), row  # "1e309" must not become inf
    own_id = {"quotes": "quote_id", "figures": "figure_id"}.get(name)
    if own_id:
        assert table[own_id].notna().all() and table[own_id].is_unique, (name, own_id)


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def as_stored(text: str) -> str:
    """The document text offsets refer to: the input, with lone surrogates (not UTF-8
    encodable) replaced one for one by U+FFFD."""
    stored = valid_unicode(text)
    assert len(stored) == len(text)
    return stored


@given(text=texts)
@examples(30)
def test_every_extractor_on_arbitrary_text(text):
    analysis = helpers.analyze(text, cache=False)
    assert list(analysis.documents["text"]) == [as_stored(text)]
    for name in schema.EXTRACTED_TABLES:
        check_table(name, getattr(analysis, name), {"0": as_stored(text)})


@given(batch=st.lists(texts, min_size=1, max_size=4))
@examples(15)
def test_several_documents_and_determinism(batch):
    first = helpers.analyze(batch, cache=False)
    second = helpers.analyze(list(batch), cache=False)
    texts_by_id = {str(i): as_stored(t) for i, t in enumerate(batch)}
    for name in schema.EXTRACTED_TABLES:
        check_table(name, getattr(first, name), texts_by_id)
        same(getattr(first, name), getattr(second, name))


@pytest.mark.parametrize(
    "extract",
    [entities.extract, quotes.extract, figures.extract, citations.extract,
     lambda docs: figures.extract(docs, reference_date="2024-02-29")],
    ids=["entities", "quotes", "figures", "citations", "figures-with-reference-date"],
)
@given(text=texts)
@examples(6)
def test_public_extract_functions(extract, text):
    table = extract(text)
    again = extract(text)
    same(table, again)
    name = next(n for n in schema.EXTRACTED_TABLES
                if list(table.columns[: len(schema.TABLES[n])]) == schema.columns(n))
    check_table(name, table, {"0": as_stored(text)})
    frame = extract(pd.DataFrame({"doc_id": ["x/1"], "text": [as_stored(text)]}))
    assert set(frame["doc_id"]) <= {"x/1"}
    assert len(frame) == len(table)


@given(batch=st.lists(texts, min_size=0, max_size=5))
@examples(15)
def test_similarity_on_arbitrary_texts(batch):
    table = compare.similarity(batch)
    again = compare.similarity(list(batch))
    same(table, again)
    assert list(table.columns[:3]) == ["doc_a", "doc_b", "score"]
    n = len(batch)
    assert len(table) == n * (n - 1) // 2
    pairs = {frozenset((a, b)) for a, b in zip(table["doc_a"], table["doc_b"], strict=True)}
    assert len(pairs) == len(table) and all(len(p) == 2 for p in pairs)
    scores = table["score"].astype(float)
    assert scores.notna().all() and scores.between(-1e-9, 1 + 1e-9).all()
    groups = compare.stories(batch)
    assert list(groups["doc_id"]) == [str(i) for i in range(n)]
    assert groups["story_id"].notna().all()
    same(groups, compare.stories(list(batch)))


# --- loading: any bytes in any file either load or are skipped with a reason ------------------

file_bytes = st.one_of(
    st.binary(max_size=3000),
    texts.map(lambda t: valid_unicode(t).encode("utf-8")),
    texts.map(lambda t: valid_unicode(t).encode("utf-16")),
    texts.map(lambda t: valid_unicode(t).encode("cp1252", errors="replace")),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]),
              st.binary(max_size=500)).map(lambda p: p[0] + p[1]),
)


@given(content=file_bytes, suffix=st.sampled_from([".txt", ".csv", ".jsonl"]))
@examples(60)
def test_any_file_loads_or_is_skipped(content, suffix):
    import io
    import tempfile
    import warnings
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            docs = helpers.load_corpus(path)
    skipped = docs.attrs["skipped"]
    if suffix == ".txt":
        assert len(docs) + len(skipped) == 1
    assert len(docs) > 0 or skipped  # nothing disappears silently
    assert docs["doc_id"].is_unique
    for text in docs["text"]:
        assert text.strip() and "\r" not in text and "\x00" not in text
    docs.to_parquet(io.BytesIO())  # always storable
    docs.to_csv(io.StringIO())
