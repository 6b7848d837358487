"""Each input format loads from an invented fixture (tests/formats.py): web pages, WARC, feeds,
Nexis Uni / LexisNexis, Factiva and ProQuest exports, archives, and --format."""

from __future__ import annotations

import io
import tarfile
import warnings
import zipfile

import formats as F
import pandas as pd
import pytest

import helpers
from helpers.loading import CorpusError
from helpers.loading.sniff import FORMATS


def _load(path, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return helpers.load_corpus(path, **kwargs)


def _write(tmp_path, name: str, data: bytes | str):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_web_page_text_and_metadata(tmp_path):
    docs = _load(_write(tmp_path, "page.html", F.page()))
    row = docs.iloc[0]
    assert row["source_format"] == "html" and row["title"].startswith("Harbour council")
    assert row["outlet"] == "The Example Gazette" and row["author"] == "Jane Doe"
    assert row["published"] == pd.Timestamp("2021-04-12")
    assert row["url"].startswith("https://gazette.example.com/") and row["language"] == "en"
    assert "Priya Natarajan" in row["text"]
    assert "Follow The Example Gazette" not in row["text"]  # closing call to action
    assert "Reader comment" not in row["text"] and "Home" not in row["text"]
    assert not row["text"].startswith("Harbour council approves")  # headline not repeated


def test_outlet_from_domain_table_when_page_names_none():
    from helpers.loading.html import outlet_for

    assert outlet_for("https://www.theguardian.com/world/x") == "The Guardian"
    assert outlet_for("https://news.bbc.co.uk/1/hi/x.stm") == "BBC"
    assert outlet_for("https://unknown-paper.example.net/a") == "unknown-paper.example.net"
    assert outlet_for("https://x.example", "Own Site Name") == "Own Site Name"


def test_warc_html_responses_with_uri_crawl_date_and_duplicates(tmp_path):
    page = F.page()
    data = F.warc([("https://a.example/1", "text/html", page),
                   ("https://a.example/2", "text/html; charset=utf-8", page),
                   ("https://a.example/style.css", "text/css", b"body{color:red}")])
    docs = _load(_write(tmp_path, "crawl.warc.gz", data))
    assert list(docs["url"]) == ["https://a.example/1", "https://a.example/2"]
    assert docs["crawl_date"].notna().all() and set(docs["source_format"]) == {"warc"}
    assert list(docs["status"]) == ["ok", "duplicate"]  # the same page captured twice
    reasons = " ".join(s["reason"] for s in docs.attrs["skipped"])
    assert "text/css, not a web page" in reasons and "request ×3" in reasons
    plain = _load(_write(tmp_path, "plain.warc", F.warc([("https://a.example/1", "text/html",
                                                           page)], gz=False)))
    assert len(plain) == 1


def test_rss_items_full_content_else_summary(tmp_path):
    docs = _load(_write(tmp_path, "news.xml", F.RSS)).set_index("title")
    full = docs.loc["Ferry timetable approved"]
    assert full["feed_text"] == "content" and "Priya Natarajan" in full["text"]
    assert full["author"] == "Jane Doe" and full["outlet"] == "The Example Gazette"
    assert full["published"] == pd.Timestamp("2021-04-12 09:30")
    assert docs.loc["Library hours extended", "feed_text"] == "summary"


def test_atom_entry(tmp_path):
    row = _load(_write(tmp_path, "ledger.atom", F.ATOM)).iloc[0]
    assert row["url"] == "https://ledger.example.org/bridge" and row["author"] == "Tomas Berg"
    assert "deckhands" in row["text"] and "<p>" not in row["text"]


@pytest.mark.parametrize("name,data", [
    ("uni.docx", F.docx(F.NEXIS_UNI)), ("uni.rtf", F.rtf(F.NEXIS_UNI)),
    ("uni.txt", F.NEXIS_UNI), ("academic.txt", F.NEXIS_ACADEMIC)])
def test_nexis_layouts(tmp_path, name, data):
    docs = _load(_write(tmp_path, name, data))
    assert list(docs["source_format"]) == ["nexis", "nexis"]
    first = docs.iloc[0]
    assert first["title"] == "Harbour council approves ferry timetable"
    assert first["outlet"] == "The Example Gazette" and first["author"] == "Jane Doe"
    assert first["published"] == pd.Timestamp("2021-04-12") and first["n_words"] == 62
    assert first["section"] == "NEWS; Pg. 3" and first["load_date"] == "April 13, 2021"
    assert first["text"].startswith("The harbour council") and "Load-Date" not in first["text"]
    assert docs.iloc[1]["outlet"] == "The Example Ledger"


@pytest.mark.parametrize("name,data", [
    ("coded.txt", F.FACTIVA_CODED), ("coded.rtf", F.rtf(F.FACTIVA_CODED)),
    ("plain.txt", F.FACTIVA_PLAIN)])
def test_factiva_layouts(tmp_path, name, data):
    docs = _load(_write(tmp_path, name, data))
    first = docs.iloc[0]
    assert set(docs["source_format"]) == {"factiva"}
    assert first["title"] == "Harbour council approves ferry timetable"
    assert first["outlet"] == "The Example Gazette" and first["n_words"] == 62
    assert first["published"] == pd.Timestamp("2021-04-12")
    assert first["accession_number"] == "EXGAZ00020210412eh4c0000a"
    assert first["text"].startswith("The harbour council") and "deckhands" in first["text"]


def test_factiva_html_export(tmp_path):
    rows = "".join(f"<tr><td><b>{code}</b></td><td>{value}</td></tr>" for code, value in [
        ("HD", "Harbour council approves ferry timetable"), ("WC", "62 words"),
        ("PD", "12 April 2021"), ("SN", "The Example Gazette"), ("LP", F.PARAGRAPHS[0]),
        ("TD", F.PARAGRAPHS[1]), ("AN", "Document EXGAZ00020210412eh4c0000a")])
    html = f"<html><body><div class='article'><table>{rows}</table></div></body></html>"
    row = _load(_write(tmp_path, "export.html", html)).iloc[0]
    assert row["source_format"] == "factiva" and row["outlet"] == "The Example Gazette"
    assert "Priya Natarajan" in row["text"]


def test_proquest_export(tmp_path):
    docs = _load(_write(tmp_path, "pq.txt", F.PROQUEST))
    first = docs.iloc[0]
    assert list(docs["source_format"]) == ["proquest", "proquest"]
    assert first["outlet"] == "The Example Gazette" and first["publication_place"] == "Harbourtown"
    assert first["published"] == pd.Timestamp("2021-04-12") and first["section"] == "News"
    assert first["proquest_document_id"] == "1234567890" and first["author"] == "Doe, Jane"
    assert first["text"].startswith("The harbour council") and "Subject:" not in first["text"]


def test_mixed_folder_zip_and_tar_read_in_place(tmp_path):
    _write(tmp_path, "c/one.txt", "A plain article about the harbour and its new ferry plan.")
    _write(tmp_path, "c/page.html", F.page())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("inner/news.xml", F.RSS)
    _write(tmp_path, "c/bundle.zip", buf.getvalue())
    tbuf = io.BytesIO()
    with tarfile.open(fileobj=tbuf, mode="w:gz") as t:
        data = F.PROQUEST.encode()
        info = tarfile.TarInfo("pq.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    _write(tmp_path, "c/exports.tar.gz", tbuf.getvalue())
    _write(tmp_path, "c/page2.html.gz", F.gz(F.page("Library opens late")))
    docs = _load(tmp_path / "c")
    counts = docs["source_format"].value_counts().to_dict()
    assert counts == {"feed": 2, "proquest": 2, "html": 2, "text": 1}
    assert "bundle/inner/news/1" in set(docs["doc_id"])
    assert docs.attrs["files"][str(tmp_path / "c" / "bundle.zip") + "!inner/news.xml"] == {
        "format": "feed", "articles": 2}


def test_format_is_recognised_by_content_not_suffix(tmp_path):
    assert _load(_write(tmp_path, "export.dat", F.NEXIS_UNI))["source_format"].iloc[0] == "nexis"
    assert _load(_write(tmp_path, "feed.txt", F.RSS))["source_format"].iloc[0] == "feed"


def test_forced_format(tmp_path):
    path = _write(tmp_path, "pq.txt", F.PROQUEST)
    assert len(_load(path, format="text")) == 1
    assert set(_load(path, format="proquest")["source_format"]) == {"proquest"}
    with pytest.raises(CorpusError, match="unknown format"):
        helpers.load_corpus(path, format="pdf")
    assert "nexis" in FORMATS and "warc" in FORMATS


def test_non_english_articles_are_flagged_and_not_analysed(tmp_path):
    _write(tmp_path, "en.txt", " ".join(F.PARAGRAPHS))
    _write(tmp_path, "fr.txt", "Le conseil du port a voté lundi pour ajouter trois traversées "
           "du soir aux horaires du ferry, après une année de plaintes des usagers.")
    with pytest.warns(helpers.loading.CorpusNotice, match="1 article.* not in English .fr 1."):
        docs = helpers.load_corpus(tmp_path)
    assert dict(zip(docs["doc_id"], docs["language"], strict=True)) == {"en": "en", "fr": "fr"}
    analysis = helpers.analyze(docs, cache=False)
    assert set(analysis.entities["doc_id"]) == {"en"}
