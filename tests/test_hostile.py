"""Hostile input: every odd file a real corpus folder may hold loads or is skipped with a
per-file warning, and every readable article reaches the tables with its status.

The fixture files are generated here (never stored in the repository).
"""

from __future__ import annotations

import json
import os
import re
import warnings

import pandas as pd
import pytest

import helpers
from helpers import nlp as nlp_module
from helpers import schema
from helpers.exports import write_tables
from helpers.loading import CorpusError, CorpusWarning

ARTICLE = (
    "Maria Lopez, the finance minister of Spain, said on Tuesday that the deficit rose by 3.5% "
    "to €12 billion in 2023. \"We will not back down,\" she told reporters in Madrid."
)

#: Files of the hostile folder that must be skipped, each with one warning; the rest load.
SKIPPED = {"empty.txt", "blank.txt", "binary.txt", "controls_only.txt", "dangling.txt",
           "pipe.txt"}


def _files() -> dict[str, bytes]:
    return {
        "empty.txt": b"",
        "blank.txt": b"  \n\t \r\n  \n",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "controls_only.txt": b"\x01\x02\x03\x1b[31m\x1b[0m\x07\x08" * 10,
        "cp1252.txt": "Café owners in Zürich said “prices” rose – a lot… €5.".encode("cp1252"),
        "latin1.txt": "Le maire de Besançon a déclaré que la ville était prête. ÿ".encode(
            "latin-1"),
        "utf8_bom.txt": ("\ufeff" + ARTICLE).encode("utf-8"),
        "utf16_bom.txt": ARTICLE.encode("utf-16"),  # Python writes a BOM
        "utf16_be_bom.txt": b"\xfe\xff" + ARTICLE.encode("utf-16-be"),
        "utf16_no_bom.txt": ARTICLE.encode("utf-16-le"),
        "crlf.txt": ARTICLE.replace(". ", ".\r\n").encode("utf-8") + b"\r\n",
        "controls.txt": (
            "\x1b[1mBREAKING\x1b[0m: John\x00 Smith\x07 said\x0b the bill\x1b]0;title\x07 "
            "passed.\x7f\x85 Senators\x1b[2K agreed."
        ).encode(),
        "stray_bytes.txt": "Señor Pérez said “yes”.".encode() + b" \xff\xfe bad "
        + "and Zoë agreed.".encode(),
        "emoji_rtl.txt": (
            "👩🏽‍🚀 Astronaut Sara Ahmed 🚀 said \u202eetov\u202c in Dubai. "
            "قال الرئيس إن الاقتصاد ينمو. שלום עולם. Flags 🇺🇦🇪🇺 and ZWJ 👨‍👩‍👧."
        ).encode("utf-8"),
        "quotes_unbalanced.txt": (
            '"He said it would "never" happen, officials said. “Open ‘nested « double » '
            "quotes” ” ” ‘ ’ ' ' \" « » „ “ ‚ ‘ ‹ › 「 」 ends here."
        ).encode(),
        "quotes_only.txt": '"""""“”“”‘’‘’«»«»„“‚‘‹›「」『』'.encode(),
        "markup.txt": (
            b"<script>window.__pwned = 1; alert('x')</script><img src=x onerror=\"alert(1)\">"
            b"<b>Jane Doe</b> said the <a href='javascript:alert(1)'>plan</a> costs $5 million. "
            b"{{ 7*7 }} ${7*7} {% raw %} <!-- comment --> ]]> &amp; &lt;tag&gt;"
        ),
        "numeric.txt": (
            "The debt is 1e309 dollars, or 1e-400 percent, 9" + "9" * 24 + " people, "
            "$" + "1" * 25 + " and 10^400 tons; NaN% inf € -0.0 +-5 1,2,3,4,5,6,7,8,9,0,1,2 "
            "0x1F 1/0 99999999999999999999999999999% 12.34.56.78 ½ ¾ ٣ ५ 1e309%."
        ).encode("utf-8"),
        "dup_a.txt": ARTICLE.encode("utf-8"),
        "dup_b.txt": ARTICLE.encode("utf-8"),
        "odd name with spaces.txt": b"An article in a file whose name has spaces.",
        "caf\u00e9 accentu\u00e9.txt": "Un artículo con acentos en el nombre.".encode(),
        "-leading-dash.txt": b"An article whose file name starts with a dash.",
        "--help.txt": b"An article whose file name looks like an option.",
        "sub dir/nested.txt": b"An article in a sub folder.",
    }


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    for name, data in _files().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # A broken link, a named pipe (opening it would block forever) and a link loop.
    os.symlink(root / "no-such-target.txt", root / "dangling.txt")
    os.mkfifo(root / "pipe.txt")
    os.symlink("..", root / "sub dir" / "loop")
    # A file name that is not valid UTF-8 (Latin-1 bytes), as copied from an old system.
    with open(os.path.join(os.fsencode(root), b"latin1-name-\xe9t\xe9.txt"), "wb") as fh:
        fh.write(b"An article whose file name is Latin-1 bytes.")
    return root


@pytest.fixture(scope="module")
def hostile_load(hostile_dir):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = helpers.load_corpus(hostile_dir)
    return docs, [w for w in caught if issubclass(w.category, CorpusWarning)]


@pytest.fixture(scope="module")
def hostile_analysis(hostile_load):
    return helpers.analyze(hostile_load[0], cache=False)


def _by_name(docs: pd.DataFrame) -> pd.DataFrame:
    return docs.set_index("doc_id")


def test_every_readable_file_is_present_and_the_rest_warned(hostile_load):
    docs, caught = hostile_load
    expected = {name[:-4] for name in _files() if name not in SKIPPED}
    ids = set(docs["doc_id"])
    assert expected <= ids
    assert len(ids) == len(expected) + 1  # plus the Latin-1-named file
    assert docs["doc_id"].is_unique
    skipped = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in docs.attrs["skipped"]}
    assert set(skipped) == SKIPPED
    assert "empty" in skipped["empty.txt"] and "binary" in skipped["binary.txt"]
    messages = [str(w.message) for w in caught]
    for name in SKIPPED:
        assert sum(name in m for m in messages) == 1, name  # one clear warning per file
    assert all("\n" not in m for m in messages)


def test_status_columns(hostile_load):
    docs = _by_name(hostile_load[0])
    contract = schema.columns("documents")
    assert list(hostile_load[0].columns[: len(contract)]) == contract
    for column in ("status", "encoding", "duplicate_of", "notes"):
        assert column in docs.columns
    assert docs["status"].isin(["ok", "duplicate"]).all()
    assert docs.loc["dup_b", "status"] == "duplicate"
    assert docs.loc["dup_b", "duplicate_of"] == "dup_a"
    assert docs.loc["dup_a", "status"] == "ok" and pd.isna(docs.loc["dup_a", "duplicate_of"])
    assert docs.loc["utf8_bom", "duplicate_of"] == "dup_a"  # same text once the BOM is gone


def test_encodings_are_decoded(hostile_load):
    docs = _by_name(hostile_load[0])
    assert docs.loc["cp1252", "text"] == "Café owners in Zürich said “prices” rose – a lot… €5."
    assert docs.loc["cp1252", "encoding"] == "cp1252"
    assert docs.loc["latin1", "text"].startswith("Le maire de Besançon a déclaré")
    for name in ("utf8_bom", "utf16_bom", "utf16_be_bom", "utf16_no_bom"):
        assert docs.loc[name, "text"] == ARTICLE, name
    assert docs.loc["utf8_bom", "encoding"] == "utf-8-sig"
    assert docs.loc["utf16_bom", "encoding"] == "utf-16"
    assert docs.loc["utf16_no_bom", "encoding"] == "utf-16-le"
    # Stray invalid bytes in a UTF-8 file are replaced, not a reason to read it as cp1252.
    stray = docs.loc["stray_bytes"]
    assert stray["encoding"] == "utf-8" and "Señor Pérez" in stray["text"]
    assert "Zoë" in stray["text"] and "replaced" in stray["notes"]


def test_line_endings_and_control_characters(hostile_load):
    docs = _by_name(hostile_load[0])
    assert "\r" not in "".join(docs["text"])
    assert docs.loc["crlf", "text"] == ARTICLE.replace(". ", ".\n")
    controls = docs.loc["controls", "text"]
    assert controls == "BREAKING: John Smith said the bill passed. Senators agreed."
    assert "removed" in docs.loc["controls", "notes"]
    for text in docs["text"]:
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text)


def test_emoji_rtl_and_markup_kept_verbatim(hostile_load):
    docs = _by_name(hostile_load[0])
    assert docs.loc["emoji_rtl", "text"] == _files()["emoji_rtl.txt"].decode("utf-8")
    assert docs.loc["markup", "text"].startswith("<script>window.__pwned")  # data, not code


def test_odd_file_names(hostile_load):
    docs = _by_name(hostile_load[0])
    for doc_id in ("odd name with spaces", "café accentué", "-leading-dash", "--help",
                   "sub dir/nested"):
        assert doc_id in docs.index
    latin = [d for d in docs.index if d.startswith("latin1-name-")]
    assert latin == ["latin1-name-\ufffdt\ufffd"]
    # ids and paths are valid Unicode: they can be written anywhere
    for value in [*docs.index, *docs["path"]]:
        value.encode("utf-8")


def test_hostile_corpus_analyses_with_valid_offsets(hostile_load, hostile_analysis, tmp_path):
    docs = hostile_load[0]
    assert list(hostile_analysis.documents["doc_id"]) == list(docs["doc_id"])
    texts = docs.set_index("doc_id")["text"]
    for name in schema.EXTRACTED_TABLES:
        table = getattr(hostile_analysis, name)
        assert list(table.columns[: len(schema.TABLES[name])]) == schema.columns(name), name
        assert set(table["doc_id"]) <= set(docs["doc_id"])
    for row in hostile_analysis.entities.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.surface
    for row in hostile_analysis.figures.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.surface
    for row in hostile_analysis.citations.itertuples():
        assert 0 <= row.start <= row.end <= len(texts[row.doc_id])
    for row in hostile_analysis.quotes.itertuples():
        text = texts[row.doc_id]
        assert text[row.content_start : row.content_end] == row.content
        if not pd.isna(row.speaker_start):
            assert text[row.speaker_start : row.speaker_end] == row.speaker
    # every table of the hostile corpus can be written and read back
    hostile_analysis.save(tmp_path / "a")
    write_tables(hostile_analysis.tables(), tmp_path / "t", xlsx=True)
    again = helpers.Analysis.load(tmp_path / "a")
    pd.testing.assert_frame_equal(again.documents, hostile_analysis.documents)


def test_numeric_garbage_gives_finite_values(hostile_analysis):
    figures = hostile_analysis.figures
    numeric = figures[figures["doc_id"] == "numeric"]["value"].dropna()
    # 1e309 overflows a float: the kit must give NA (or a finite value), never inf/NaN.
    assert all(abs(float(v)) < float("inf") for v in numeric)


# --- tabular corpora and metadata sidecars ----------------------------------------------------


def test_csv_without_text_column_and_jsonl_broken_line(tmp_path):
    pd.DataFrame([{"headline": "x", "id": "1"}]).to_csv(tmp_path / "notext.csv", index=False)
    lines = [json.dumps({"id": "a", "text": "First article."}), "{not json",
             json.dumps(["a", "list"]), "", json.dumps({"id": "b", "text": "Second article."})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = helpers.load_corpus([tmp_path / "notext.csv", tmp_path / "feed.jsonl"])
    assert list(docs["doc_id"]) == ["a", "b"]
    messages = [str(w.message) for w in caught]
    assert any("notext.csv" in m and "no text column" in m for m in messages)
    assert any("feed.jsonl:2" in m and "broken JSON" in m for m in messages)
    assert any("feed.jsonl:3" in m for m in messages)


def test_csv_ragged_rows_encodings_and_huge_fields(tmp_path):
    big = "Word " * 40_000  # 200,000 characters: beyond the csv module's default field limit
    content = (
        "id,text,outlet\n"
        "1,Café owners said “yes”.,Le Monde\n"
        "2,too,many,fields,here\n"
        f'3,"{big}",Daily\n'
        '4,"A multi-line\nquoted article.",Weekly\n'
        "5,,Empty\n"
    )
    (tmp_path / "c.csv").write_bytes(content.encode("cp1252"))
    with pytest.warns(CorpusWarning) as caught:
        docs = helpers.load_corpus(tmp_path / "c.csv")
    assert list(docs["doc_id"]) == ["1", "3", "4"]
    assert docs.loc[0, "text"] == "Café owners said “yes”." and docs.loc[0, "encoding"] == "cp1252"
    assert docs.loc[1, "n_words"] == 40_000
    messages = " ".join(str(w.message) for w in caught)
    assert "c.csv:3" in messages and "fields" in messages
    assert "c.csv:7" in messages and "empty text" in messages  # line numbers count newlines


def test_jsonl_odd_values_are_storable(tmp_path):
    rows = [
        {"id": 1, "text": "One.", "tags": ["a", "b"], "extra": 5, "n_words": "lie"},
        {"id": 2.0, "text": "Two.", "tags": {"k": 1}, "extra": "five", "content_hash": "x"},
        {"id": "../../etc/passwd", "text": "Three.", "published": "1500-01-01"},
        {"id": None, "text": "Four.", "published": "not a date"},
        {"id": "5", "text": 12345},
        {"id": "6\ud800", "text": "Lone \udc80 surrogate escapes."},  # JSON "\\udc80"
    ]
    (tmp_path / "odd.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    with pytest.warns(CorpusWarning):
        docs = helpers.load_corpus(tmp_path / "odd.jsonl")
    assert list(docs["doc_id"]) == ["1", "2", "../../etc/passwd", "3", "6\ufffd"]
    assert docs.loc[4, "text"] == "Lone \ufffd surrogate escapes."  # storable as UTF-8
    assert list(docs["n_words"]) == [1, 1, 1, 1, 4]  # computed, never taken from the file
    assert docs["content_hash"].str.len().eq(16).all()
    assert docs["published"].isna().all()
    docs.to_parquet(tmp_path / "odd.parquet")
    docs.to_csv(tmp_path / "odd.csv")


def test_malformed_metadata_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("Article A.")
    (tmp_path / "b.txt").write_text("Article B.")
    meta = tmp_path / "meta.jsonl"
    meta.write_text(
        json.dumps({"doc_id": "a", "outlet": "Daily", "published": "2024-02-03"}) + "\n"
        + "{broken\n"
        + json.dumps({"outlet": "no id"}) + "\n"
        + json.dumps({"doc_id": "b", "published": "32/13/2024"}) + "\n"
        + json.dumps({"doc_id": "ghost", "outlet": "Nowhere"}) + "\n"
    )
    with pytest.warns(CorpusWarning) as caught:
        docs = helpers.load_corpus(tmp_path, metadata=meta).set_index("doc_id")
    assert docs.loc["a", "outlet"] == "Daily" and docs.loc["a", "published"] == pd.Timestamp(
        "2024-02-03")
    assert pd.isna(docs.loc["b", "published"])
    messages = " ".join(str(w.message) for w in caught)
    assert "meta.jsonl:2" in messages and "unreadable date" in messages and "ghost" in messages


def test_ragged_csv_sidecar_and_unusable_sidecars(tmp_path):
    (tmp_path / "a.txt").write_text("Article A.")
    ragged = tmp_path / "meta.csv"
    ragged.write_text("doc_id,outlet\na,Daily\nb,x,y,z\n")
    with pytest.warns(CorpusWarning, match=r"meta\.csv:3"):
        docs = helpers.load_corpus(tmp_path / "a.txt", metadata=ragged)
    assert docs.loc[0, "outlet"] == "Daily"
    no_id = tmp_path / "noid.csv"
    no_id.write_text("name,outlet\na,Daily\n")
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for bad, pattern in ((no_id, "no doc_id column"), (binary, "unreadable"),
                         (tmp_path / "missing.csv", "not found"),
                         (tmp_path / "a.txt", "must be .csv or .jsonl")):
        with pytest.raises(CorpusError, match=pattern) as info:
            helpers.load_corpus(tmp_path / "a.txt", metadata=bad)
        assert "\n" not in str(info.value)


# --- very long input --------------------------------------------------------------------------

LAST_SENTENCE = (
    "Finally, Chancellor Angela Merkel said in Berlin that the deficit reached $4.5 billion "
    "in March 2023."
)


@pytest.fixture(scope="module")
def long_article(tmp_path_factory):
    """An article of just over 1,000,000 characters ending in a sentence with known entities
    and figures. Long words keep the token count (and so the parse time) down."""
    paragraph = (
        "Internationally coordinated telecommunications infrastructure modernisation "
        "programmes, environmental considerations notwithstanding, continued uninterrupted "
        "throughout northernmost administrative jurisdictions. Parliamentarians representing "
        "agricultural constituencies characterised counterproductive bureaucratic "
        "requirements as disproportionately burdensome.\n\n"
    )
    body = paragraph * (1_000_200 // len(paragraph) + 1)
    text = body + LAST_SENTENCE
    assert len(text) > 1_000_000
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text(text)
    docs = helpers.load_corpus(path)
    return docs, helpers.analyze(docs, cache=False), text


@pytest.mark.slow
def test_long_article_is_analysed_in_full(long_article):
    docs, analysis, text = long_article
    assert docs.loc[0, "text"] == text  # loaded whole, not truncated
    short = helpers.analyze(LAST_SENTENCE, cache=False)
    offset = len(text) - len(LAST_SENTENCE)
    for name in ("entities", "figures"):
        table = getattr(analysis, name)
        for row in table.itertuples():
            assert text[row.start : row.end] == row.surface
        tail = {(r.start - offset, r.surface) for r in table.itertuples() if r.start >= offset}
        expected = {(r.start, r.surface) for r in getattr(short, name).itertuples()}
        assert tail == expected, name  # the last sentence yields what it yields on its own
    assert len(short.entities) > 0


@pytest.mark.slow
def test_million_word_single_line(tmp_path):
    line = " ".join(("alpha", "Beta", "7", "gamma,", "“delta”")[i % 5] for i in range(1_000_000))
    (tmp_path / "line.txt").write_text(line)
    docs = helpers.load_corpus(tmp_path / "line.txt")
    assert docs.loc[0, "n_words"] == 1_000_000 and docs.loc[0, "text"] == line
    pieces = nlp_module.split_pieces(line)
    assert "".join(pieces) == line
    assert max(map(len, pieces)) <= nlp_module.PIECE_CHARS
    # cut at spaces, never inside a word
    assert all(p.endswith(" ") for p in pieces[:-1])


@pytest.mark.slow
def test_run_on_line_is_analysed_with_bounded_output():
    """A long line without sentence breaks (the million-word case, cut to a size we can parse
    in a test): analysed in full, and per-row text stays bounded, so output grows linearly
    rather than one copy of the whole line per figure."""
    line = " ".join(("alpha", "Beta", "7", "gamma,", "“delta”")[i % 5] for i in range(12_000))
    analysis = helpers.analyze(line, cache=False)
    figures = analysis.figures
    assert len(figures) > 1000  # every "7" is a figure...
    assert figures["sentence"].str.len().max() <= 2_000  # ...carrying a window, not the line
    assert figures["end"].max() > len(line) - 50  # the end of the line was reached
    for row in figures.itertuples():
        assert line[row.start : row.end] == row.surface


def test_streamed_chunks_equal_the_whole_corpus(hostile_dir, hostile_load):
    """``iter_corpus`` (what ``newskit extract`` streams) gives the same table, ids, statuses
    and warnings as ``load_corpus``, however the corpus is cut."""
    from helpers.loading import iter_corpus

    whole = hostile_load[0]
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        chunks = list(iter_corpus(hostile_dir, chunk_size=3))
    streamed = pd.concat(chunks, ignore_index=True)
    pd.testing.assert_frame_equal(streamed[whole.columns], whole)
    skipped = [s for chunk in chunks for s in chunk.attrs["skipped"]]
    assert sorted(map(str, skipped)) == sorted(map(str, whole.attrs["skipped"]))


def test_streamed_sidecar_warnings_once(tmp_path):
    """A malformed sidecar warns once per problem however many chunks the corpus is cut into,
    and rows matching no article are reported once, after every chunk was seen."""
    from helpers.loading import iter_corpus

    for name in "abcde":
        (tmp_path / f"{name}.txt").write_text(f"Article {name}.")
    meta = tmp_path / "meta.jsonl"
    meta.write_text("\n".join([json.dumps({"doc_id": "a", "outlet": "A"}), "{broken",
                               json.dumps({"doc_id": "e", "outlet": "E"}),
                               json.dumps({"doc_id": "ghost", "outlet": "G"})]))
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        chunks = list(iter_corpus(tmp_path, metadata=meta, chunk_size=2))
    streamed = pd.concat(chunks, ignore_index=True).set_index("doc_id")
    assert streamed.loc["a", "outlet"] == "A" and streamed.loc["e", "outlet"] == "E"
    reasons = [s["reason"] for chunk in chunks for s in chunk.attrs["skipped"]]
    assert sum("broken JSON" in r for r in reasons) == 1
    assert sum("match no article" in r and "ghost" in r for r in reasons) == 1
    with pytest.raises(CorpusError):
        next(iter_corpus(tmp_path, metadata=tmp_path / "missing.csv"))


def test_extract_command_path_on_hostile_folder(hostile_dir, hostile_load, hostile_analysis,
                                                tmp_path):
    """What ``newskit extract`` runs (streamed loading, Parquet parts, CSV copies) gives the
    same tables as the in-memory analysis of the same hostile folder."""
    from helpers.pipeline import extract_folder

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        info = extract_folder(hostile_dir, tmp_path / "out", cache=False, chunk_size=4)
    assert {s["path"].rsplit("/", 1)[-1] for s in info["skipped"]} == SKIPPED
    loaded = helpers.Analysis.load(tmp_path / "out")
    for name in ("documents", *schema.EXTRACTED_TABLES):
        expected = getattr(hostile_analysis, name)
        pd.testing.assert_frame_equal(getattr(loaded, name)[expected.columns], expected, obj=name)
    csv = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert list(csv["doc_id"]) == list(hostile_load[0]["doc_id"])


def test_control_characters_in_metadata_fields(tmp_path):
    """Titles, outlets and sidecar fields are cleaned like article text, so every export
    (Excel refuses control characters) and page can hold them."""
    pd.DataFrame([{"id": "a\x07b", "title": "Bell\x07 \x1b[1mtitle\x1b[0m", "outlet": "Out\x00let",
                   "text": "Maria Lopez said the plan works."}]).to_csv(tmp_path / "c.csv",
                                                                         index=False)
    meta = tmp_path / "meta.jsonl"
    meta.write_text(json.dumps({"doc_id": "ab", "author": "Jane\x0b Doe\x1b[31m"}) + "\n")
    docs = helpers.load_corpus(tmp_path / "c.csv", metadata=meta)
    row = docs.iloc[0]
    assert (row["doc_id"], row["title"], row["outlet"], row["author"]) == (
        "ab", "Bell title", "Outlet", "Jane Doe")
    write_tables(helpers.analyze(docs, cache=False).tables(), tmp_path / "out", xlsx=True)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_csv_and_jsonl_encodings(tmp_path, encoding):
    """Spreadsheet exports: a BOM must not hide the first column's name."""
    frame = pd.DataFrame([{"id": "x1", "text": "Café owners said prices rose.",
                           "outlet": "Le Monde"}])
    (tmp_path / "c.csv").write_bytes(frame.to_csv(index=False).encode(encoding))
    docs = helpers.load_corpus(tmp_path / "c.csv")
    assert list(docs["doc_id"]) == ["x1"] and docs.loc[0, "outlet"] == "Le Monde"
    assert docs.loc[0, "text"] == "Café owners said prices rose."
    line = json.dumps(frame.iloc[0].to_dict(), ensure_ascii=False)
    (tmp_path / "c.jsonl").write_bytes(f"{line}\n{line}\n".encode(encoding))
    docs = helpers.load_corpus(tmp_path / "c.jsonl")
    assert list(docs["text"]) == ["Café owners said prices rose."] * 2
