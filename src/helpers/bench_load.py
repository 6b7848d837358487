"""``newskit bench --load``: a synthetic web archive streamed through loading.

Writes a WARC of ``--load-gb`` GB (default 1) into a temporary folder (never the project): web
pages built from the corpus's article texts wrapped in the furniture of a real news page
(navigation, an inline script and JSON state blob, a stylesheet, a comment section; ~130 KB a
page, like the development pages), with an image and a request record beside each page and
every 20th page captured twice. Then reads it with ``iter_corpus`` in a fresh process, as
``newskit extract`` does, and reports pages per second and the process's peak memory against
the targets.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Targets of issue 15: a 1 GB WARC at ≥ 50 pages/s with ≤ 500 MB peak memory.
MIN_PAGES_PER_SECOND = 50.0
MAX_PEAK_MB = 500.0

_SCRIPT_STATE = {"user": None, "ads": {"slots": list(range(40))}, "features": ["a"] * 200}


def _page(title: str, body: str, number: int) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
    state = json.dumps({**_SCRIPT_STATE, "id": number, "blob": "x" * 90_000})
    style = ".c{margin:0;padding:0}" * 1500
    comments = "".join(f'<div class="comment"><p>Reader {i} wrote a reply to the story.</p>'
                       "</div>" for i in range(20))
    return (f'<!DOCTYPE html><html lang="en"><head><title>{html.escape(title)} - Example '
            f'News</title><meta property="og:site_name" content="Example News">'
            f'<meta property="article:published_time" content="2020-01-{1 + number % 28:02d}">'
            f"<style>{style}</style><script>window.__STATE__={state}</script></head><body>"
            f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>"
            f"{html.escape(title)}</h1>{paragraphs}</article></main>"
            f'<section id="comments">{comments}</section><footer>Example News {number}'
            "</footer></body></html>").encode()


def write_warc(path: Path, texts: list[tuple[str, str]], target_bytes: int) -> int:
    """Write pages (cycling through ``texts``) until the file reaches ``target_bytes``;
    returns the number of HTML response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)

        def put(uri: str, ctype: str, payload: bytes, kind: str = "response") -> None:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, kind, payload=io.BytesIO(payload),
                http_headers=headers if kind == "response" else None))

        while fh.tell() < target_bytes:
            title, body = texts[n % len(texts)]
            uri = f"https://news.example.com/story/{n}"
            page = _page(title, body, n)
            put(uri, "text/html; charset=utf-8", page)
            put(uri, "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n", "request")
            put(f"{uri}.jpg", "image/jpeg", b"\xff\xd8\xff" + os.urandom(2000))
            n += 1
            if n % 20 == 0:  # a second capture of the same page
                put(uri, "text/html; charset=utf-8", page)
                n += 1
    return n


_READER = """
import sys, time, resource
from helpers.loading import iter_corpus
start = time.perf_counter()
n = 0
import warnings
warnings.simplefilter("ignore")
for chunk in iter_corpus(sys.argv[1], chunk_size=500):
    n += len(chunk)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(n, time.perf_counter() - start, peak)
"""


def _texts(corpus: list[str] | None) -> list[tuple[str, str]]:
    from .loading import load_corpus

    source = corpus[0] if corpus and len(corpus) == 1 else corpus or "seeds"
    docs = load_corpus(source)
    titles = docs["title"].fillna("Untitled story")
    return list(zip(titles, docs["text"], strict=True))


def main(args: argparse.Namespace) -> int:
    size_gb = getattr(args, "load_gb", None) or 1.0
    texts = _texts(args.corpus)
    with tempfile.TemporaryDirectory(prefix="newskit-bench-load-") as tmp:
        path = Path(tmp) / "synthetic.warc"
        start = time.perf_counter()
        n_pages = write_warc(path, texts, int(size_gb * 1024**3))
        print(f"synthetic WARC: {path.stat().st_size / 1024**3:.2f} GB, {n_pages} HTML "
              f"responses (+ as many request and image records) from {len(texts)} article "
              f"texts, written in {time.perf_counter() - start:.0f}s")
        out = subprocess.run([sys.executable, "-c", _READER, str(path)], capture_output=True,
                             text=True, check=True)
        n, seconds, peak = out.stdout.split()
        rate = int(n) / float(seconds)
        print(f"loading (iter_corpus, chunks of 500): {n} articles in {float(seconds):.0f}s = "
              f"{rate:.1f} pages/s (target ≥ {MIN_PAGES_PER_SECOND:.0f}: "
              f"{'ok' if rate >= MIN_PAGES_PER_SECOND else 'MISSED'}), peak memory "
              f"{float(peak):.0f} MB (target ≤ {MAX_PEAK_MB:.0f}: "
              f"{'ok' if float(peak) <= MAX_PEAK_MB else 'MISSED'})")
    return 0
