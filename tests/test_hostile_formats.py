"""Hostile files of the richer formats: each is skipped (or the bad part of it) with one clear
line naming what and why, while every good article around it loads."""

from __future__ import annotations

import io
import warnings
import zipfile

import formats as F

import helpers
from helpers.loading import CorpusWarning, common


def _load(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = helpers.load_corpus(path)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert all("\n" not in m for m in messages)
    return docs, messages


def _folder_with(tmp_path, name: str, data: bytes):
    (tmp_path / "good.txt").write_text("A good article about the harbour ferry timetable.")
    (tmp_path / name).write_bytes(data)
    return tmp_path


def test_truncated_gzip_is_named_and_the_rest_loads(tmp_path):
    data = F.gz(F.page())
    docs, messages = _load(_folder_with(tmp_path, "page.html.gz", data[: len(data) // 2]))
    assert list(docs["doc_id"]) == ["good"]
    assert any("page.html.gz" in m and "truncated" in m for m in messages)


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    whole = F.warc([(f"https://a.example/{i}", "text/html", F.page(f"Story number {i}"))
                    for i in range(3)])
    docs, messages = _load(_folder_with(tmp_path, "crawl.warc.gz", whole[: int(len(whole) * 0.8)]))
    assert 2 <= (docs["source_format"] == "warc").sum() < 3
    assert any("crawl.warc.gz" in m and "not read" in m for m in messages)


def test_warc_with_non_html_and_binary_records(tmp_path):
    data = F.warc([("https://a.example/logo.png", "image/png", b"\x89PNG\r\n" + bytes(500)),
                   ("https://a.example/fake", "text/html", b"<html>\x00\x01\x02" * 200),
                   ("https://a.example/story", "text/html", F.page())])
    docs, messages = _load(_folder_with(tmp_path, "mixed.warc.gz", data))
    assert list(docs["url"].dropna()) == ["https://a.example/story"]
    assert any("logo.png" in m and "image/png, not a web page" in m for m in messages)
    assert any("/fake" in m and "binary" in m for m in messages)


def test_html_that_is_only_a_script_shell(tmp_path):
    shell = (b"<!DOCTYPE html><html><head><script src='/app.js'></script></head><body>"
             b"<div id='root'></div><script>window.__STATE__={}</script></body></html>")
    docs, messages = _load(_folder_with(tmp_path, "app.html", shell))
    assert list(docs["doc_id"]) == ["good"]
    assert any("app.html" in m and "only scripts" in m for m in messages)


def test_export_with_a_missing_article_separator(tmp_path):
    broken = F.NEXIS_UNI.replace("End of Document", "", 1)  # first two articles run together
    third = F.NEXIS_UNI.split("End of Document")[0] + "End of Document\n"
    docs, messages = _load(_folder_with(tmp_path, "nexis.txt", (broken + third).encode()))
    assert (docs["source_format"] == "nexis").sum() == 1
    assert any("nexis.txt#article-1" in m and "separator" in m and "missing" in m
               for m in messages)


def test_feed_with_entity_expansion_attack(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            '<rss version="2.0"><channel><title>T</title><item><title>&c;</title>'
            '<description>&c;</description></item></channel></rss>')
    docs, messages = _load(_folder_with(tmp_path, "feed.xml", bomb.encode()))
    assert list(docs["doc_id"]) == ["good"]
    assert any("feed.xml" in m and "entit" in m for m in messages)


def test_archive_member_whose_path_escapes_the_folder(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../etc/evil.txt", "An article that wants to escape the folder.")
        z.writestr("/abs/evil2.txt", "An article with an absolute path.")
        z.writestr("ok/fine.txt", "A fine article inside the archive about ferries.")
    docs, messages = _load(_folder_with(tmp_path, "bundle.zip", buf.getvalue()))
    assert set(docs["doc_id"]) == {"good", "bundle/ok/fine"}
    assert any("evil.txt" in m and "escapes" in m for m in messages)
    assert any("evil2.txt" in m and "escapes" in m for m in messages)


def test_decompression_bomb_is_capped_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_FILE_BYTES", 1024 * 1024)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.txt", b"a" * (8 * 1024 * 1024))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bomb.txt.gz").write_bytes(F.gz(b"b" * (3 * 1024 * 1024)))
    docs, messages = _load(_folder_with(tmp_path, "bomb.zip", buf.getvalue()))
    assert list(docs["doc_id"]) == ["good"]
    assert any("bomb.zip!bomb.txt" in m and "decompression bomb" in m for m in messages)
    assert any("bomb.txt.gz" in m and "limit" in m for m in messages)


def test_extract_prints_articles_per_file(tmp_path, capsys):
    from helpers.cli import main

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "feed.xml").write_text(F.RSS)
    (corpus / "one.txt").write_text("A plain article about the harbour ferry timetable.")
    assert main(["extract", "--corpus", str(corpus), "--out", str(tmp_path / "out"),
                 "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "2 articles from" in out and "feed.xml (feed)" in out
    assert "1 text file(s) with one article each" in out
