"""HTML rendering of an article with quotes, cues and speakers highlighted (text escaped)."""

from __future__ import annotations

from helpers import highlight, schema


def _quotes(rows):
    return schema.frame(rows, "quotes")


def test_render_marks_content_cue_and_speaker():
    text = "Maria Lopez said that the bill would pass."
    q = _quotes([{"doc_id": "d", "quote_id": "d:q1", "type": "indirect",
                  "content": text[17:41], "content_start": 17, "content_end": 41,
                  "speaker": "Maria Lopez", "speaker_start": 0, "speaker_end": 11,
                  "speaker_canonical": "Maria Lopez", "cue": "say", "cue_start": 12,
                  "cue_end": 16, "confidence": 0.9}])
    out = highlight.render(text, q)
    assert 'class="nk-speaker"' in out and ">Maria Lopez</span>" in out
    assert 'class="nk-cue"' in out and ">said</span>" in out
    assert 'class="nk-content"' in out and ">that the bill would pass</span>" in out
    assert "speaker Maria Lopez, cue say" in out


def test_render_escapes_all_text():
    text = '<script>alert("x")</script> & “quoted <b>”, she said.'
    q = _quotes([{"doc_id": "d", "quote_id": "d:q1", "type": "direct",
                  "content": text[34:48], "content_start": 34, "content_end": 48,
                  "speaker": "she", "speaker_start": 50, "speaker_end": 53,
                  "speaker_canonical": None, "cue": "<say>", "cue_start": 54,
                  "cue_end": 58, "confidence": 0.9}])
    out = highlight.render(text, q, title="<i>t</i>")
    assert "<script>" not in out and "<b>" not in out and "<i>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out and "&lt;b&gt;" in out
    assert "cue &lt;say&gt;" in out


def test_render_marks_the_article_for_math_typesetters_to_skip():
    text = "The U.S. pledged about $100 billion; allies added $150 billion <b>more</b>."
    out = highlight.render(text, _quotes([]), title="Aid $ up")
    assert out.startswith('<div class="newskit-article tex2jax_ignore mathjax_ignore">')
    assert out.endswith("</div>") and out.count("<div") == out.count("</div>")
    assert "about $100 billion; allies added $150 billion &lt;b&gt;more&lt;/b&gt;." in out


def test_render_without_quotes_and_bad_offsets():
    assert "plain &amp; simple" in highlight.render("plain & simple", _quotes([]))
    q = _quotes([{"doc_id": "d", "quote_id": "d:q1", "type": "direct", "content": "x",
                  "content_start": 5, "content_end": 500, "speaker": None,
                  "speaker_start": None, "speaker_end": None, "cue": "say",
                  "cue_start": None, "cue_end": None, "confidence": 0.5}])
    out = highlight.render("short text", q)
    assert "unknown speaker" in out


def test_render_document_on_seeds(seed_analysis):
    docs = seed_analysis.documents
    doc_id = sorted(docs["doc_id"])[0]
    out = highlight.render_document(docs, seed_analysis.quotes, doc_id)
    assert out.count('class="nk-cue"') >= 5
    text = docs.loc[docs["doc_id"] == doc_id, "text"].iloc[0]
    # the visible text is the article's text, escaped
    import html
    import re

    visible = html.unescape(re.sub(r"<[^>]+>", "", out.split("</h4>", 1)[1]))
    assert text in visible
