"""Builders of invented files in each input format (never real articles), for the loading
tests. Layouts follow the vendors' public descriptions of their export formats."""

from __future__ import annotations

import gzip
import io
import zipfile

PARAGRAPHS = [
    "The harbour council voted on Monday to add three evening crossings to the island ferry "
    "timetable from June, after a year of complaints from commuters.",
    '"People who work late have been stranded for too long," said council member Priya '
    "Natarajan, who proposed the change to the timetable.",
    "The ferry operator said it would hire four more deckhands and expected the evening boats "
    "to carry around 300 passengers a night in summer.",
]
BODY = "\n\n".join(PARAGRAPHS)


def page(title: str = "Harbour council approves new ferry timetable", body: str = BODY,
         lang: str = "en") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f"""<!DOCTYPE html><html lang="{lang}"><head><title>{title} | Example Gazette</title>
<meta property="og:site_name" content="The Example Gazette">
<meta property="og:title" content="{title}"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-04-12T09:30:00Z">
<link rel="canonical" href="https://gazette.example.com/news/{abs(hash(title)) % 9999}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>{title}</h1>
{paragraphs}<p>Follow The Example Gazette on Facebook and Twitter.</p></article>
<section class="comments"><h3>Comments</h3><p>Reader comment text here.</p></section>
</body></html>""".encode()


def warc(records: list[tuple[str, str, bytes]], gz: bool = True) -> bytes:
    """A WARC of ``(uri, content type, payload)`` response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for uri, ctype, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=headers))
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(
            b"GET / HTTP/1.1\r\n\r\n")))
    return out.getvalue()


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>The Example Gazette</title>
<item><title>Ferry timetable approved</title><link>https://gazette.example.com/a</link>
<pubDate>Mon, 12 Apr 2021 09:30:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>{}</p><p>{}</p>]]></content:encoded></item>
<item><title>Library hours extended</title><link>https://gazette.example.com/b</link>
<pubDate>Tue, 13 Apr 2021 08:00:00 GMT</pubDate>
<description>The town library will open until nine on weekdays, the council said.</description>
</item></channel></rss>""".format(*PARAGRAPHS[:2])

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Ledger</title>
<entry><title>Bridge repairs finish early</title>
<link rel="alternate" href="https://ledger.example.org/bridge"/><id>tag:ledger,2021:1</id>
<published>2021-05-02T10:00:00Z</published><author><name>Tomas Berg</name></author>
<content type="html">&lt;p&gt;{PARAGRAPHS[2]}&lt;/p&gt;</content></entry></feed>"""

NEXIS_UNI = f"""Harbour council approves ferry timetable
The Example Gazette
April 12, 2021 Monday
Final Edition

Copyright 2021 Example Media Ltd All Rights Reserved

Section: NEWS; Pg. 3
Length: 62 words
Byline: Jane Doe

Body

{BODY}

Classification

Language: ENGLISH
Publication-Type: Newspaper
Subject: TRANSPORT (90%); LOCAL GOVERNMENT (88%)
Load-Date: April 13, 2021

End of Document

Library to open late on weekdays
The Example Ledger
April 14, 2021 Wednesday

Copyright 2021 Example Ledger

Section: LOCAL; Pg. 7
Length: 20 words
Byline: Tomas Berg

Body

The town library will open until nine on weekdays from May, the council said on Tuesday.

Classification

Language: ENGLISH
Load-Date: April 15, 2021

End of Document
"""

NEXIS_ACADEMIC = f"""                              1 of 2 DOCUMENTS


                              The Example Gazette

                             April 12, 2021 Monday
                                 Final Edition

Harbour council approves ferry timetable

BYLINE: Jane Doe

SECTION: NEWS; Pg. 3

LENGTH: 62 words


{BODY}


LOAD-DATE: April 13, 2021

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper


                   Copyright 2021 Example Media Ltd


                              2 of 2 DOCUMENTS


                              The Example Ledger

                             April 14, 2021 Wednesday

Library to open late on weekdays

BYLINE: Tomas Berg

SECTION: LOCAL; Pg. 7

LENGTH: 20 words


The town library will open until nine on weekdays from May, the council said on Tuesday.


LOAD-DATE: April 15, 2021

LANGUAGE: ENGLISH
"""

FACTIVA_CODED = """HD
Harbour council approves ferry timetable
BY
Jane Doe
WC
62 words
PD
12 April 2021
SN
The Example Gazette
SC
EXGAZ
LA
English
CY
(c) 2021 Example Media Ltd.
LP
{}
TD
{}

{}
NS
gtrans : Transport
AN
Document EXGAZ00020210412eh4c0000a

HD Library to open late on weekdays
WC 20 words
PD 14 April 2021
SN The Example Ledger
LP The town library will open until nine on weekdays from May, the council said.
AN Document EXLED00020210414eh4e0000b
""".format(*PARAGRAPHS)

FACTIVA_PLAIN = f"""Harbour council approves ferry timetable
Jane Doe
62 words
12 April 2021
The Example Gazette
EXGAZ
English
(c) 2021 Example Media Ltd.
{BODY}
Document EXGAZ00020210412eh4c0000a
"""

PROQUEST = f"""____________________________________________________________

Harbour council approves ferry timetable

Author: Doe, Jane

Publication info: The Example Gazette; Harbourtown [Harbourtown]. 12 Apr 2021: A.3.

ProQuest document link

Full text: {BODY}

Subject: Ferries; Local government

Title: Harbour council approves ferry timetable

Publication title: The Example Gazette; Harbourtown

Pages: A.3

Publication date: Apr 12, 2021

Section: News

Language of publication: English

ProQuest document ID: 1234567890

____________________________________________________________

Library to open late on weekdays

Author: Berg, Tomas

Full text: The town library will open until nine on weekdays from May, the council said.

Publication title: The Example Ledger

Publication date: Apr 14, 2021

ProQuest document ID: 1234567891

____________________________________________________________
"""


def docx(text: str) -> bytes:
    """A minimal Word document, one paragraph per line of ``text``."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{_esc(line)}</w:t></w:r></w:p>"
                    for line in text.split("\n"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                   f'<w:document xmlns:w="{ns}"><w:body>{paras}</w:body></w:document>')
    return out.getvalue()


def rtf(text: str) -> bytes:
    body = "".join(_rtf_escape(line) + "\\par\n" for line in text.split("\n"))
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24\n" + body
            + "}").encode("ascii")


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rtf_escape(s: str) -> str:
    out = s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
    return "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in out)


def gz(data: bytes) -> bytes:
    return gzip.compress(data)
