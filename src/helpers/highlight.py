"""HTML rendering of an article with its quotes, cues and speakers highlighted.

Works from the tables only (documents text + quotes rows). Every piece of article text goes
through :func:`html.escape`, so markup inside an article is shown, never executed, and the
article is marked ``NO_MATH`` so that JupyterLab does not typeset "$100 billion … $150" as
LaTeX.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from .reports.display import NO_MATH

#: Inline styles (notebook HTML output has no stylesheet of ours).
STYLES = {
    "content": "background:#FFF3C4;",
    "cue": "background:#C8E6C9;font-weight:bold;",
    "speaker": "background:#BBDEFB;text-decoration:underline;",
}
_PRIORITY = {"cue": 3, "speaker": 2, "content": 1}


def _int(value: Any) -> int | None:
    if value is None or pd.isna(value):
        return None
    return int(value)


def _intervals(quotes: pd.DataFrame, length: int) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, tooltip) for every highlighted span, clipped to the text."""
    out = []
    for row in quotes.itertuples(index=False):
        who = row.speaker_canonical if not pd.isna(row.speaker_canonical) else row.speaker
        who = "unknown speaker" if who is None or pd.isna(who) else str(who)
        tip = f"{row.quote_id}: {row.type} quote, speaker {who}, cue {row.cue}"
        for kind, a, b in (
            ("content", row.content_start, row.content_end),
            ("cue", row.cue_start, row.cue_end),
            ("speaker", row.speaker_start, row.speaker_end),
        ):
            a, b = _int(a), _int(b)
            if a is None or b is None:
                continue
            a, b = max(0, a), min(length, b)
            if b > a:
                out.append((a, b, kind, tip))
    return out


def render(text: str, quotes: pd.DataFrame, title: str | None = None) -> str:
    """One article as an HTML fragment: quote content, cues and speakers highlighted (speaker
    spans carry the resolved name as a tooltip). ``quotes``: that article's quotes rows."""
    text = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    spans = _intervals(quotes, len(text)) if len(quotes) else []
    # Cut the text at every boundary; each piece takes the highest-priority span covering it.
    cuts = sorted({0, len(text), *(a for a, _, _, _ in spans), *(b for _, b, _, _ in spans)})
    parts = [f'<div class="newskit-article {NO_MATH}">']
    if title:
        parts.append(f"<h4>{html.escape(str(title))}</h4>")
    parts.append('<div style="white-space:pre-wrap;line-height:1.5;font-family:serif;">')
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b])
        covering = [s for s in spans if s[0] <= a and b <= s[1]]
        if not covering:
            parts.append(piece)
            continue
        kind, tip = max(((s[2], s[3]) for s in covering), key=lambda k: _PRIORITY[k[0]])
        parts.append(
            f'<span class="nk-{kind}" style="{STYLES[kind]}" title="{html.escape(tip)}">'
            f"{piece}</span>"
        )
    parts.append("</div>")
    legend = " ".join(
        f'<span style="{STYLES[k]}">{k}</span>' for k in ("content", "cue", "speaker")
    )
    parts.append(f'<p style="font-size:small;">{legend}</p></div>')
    return "".join(parts)


def render_document(documents: pd.DataFrame, quotes: pd.DataFrame, doc_id: str) -> str:
    """:func:`render` for one ``doc_id`` of the documents/quotes tables."""
    doc = documents[documents["doc_id"] == doc_id]
    if doc.empty:
        raise KeyError(f"no document {doc_id!r}")
    row = doc.iloc[0]
    title = row["title"] if "title" in doc and not pd.isna(row["title"]) else doc_id
    rows = quotes[quotes["doc_id"] == doc_id] if len(quotes) else quotes
    return render(row["text"], rows, title=f"{title} ({doc_id})")
