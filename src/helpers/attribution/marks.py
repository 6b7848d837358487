"""Quote-mark pairing: the quoted passages of a text, as character spans with their marks.

Marks pair by type within a paragraph (:func:`quote_spans`): curly marks and guillemets nest
(a “quote “inside” a quote” closes once), straight marks toggle by position, a closing mark
typed as an opener ("”It") opens; doubled single marks (''...'', ``...'') are double
quotes; single-quoted spans are paired apart from apostrophes
("don’t") and kept only when not inside a double-quoted one. A paragraph left open goes on
when the next paragraph reopens (multi-paragraph quotes); in a quotation flattened from
several paragraphs a straight mark after a space reopens it ('good. "It's ...'), and a
closing comma splits it where it last reopened. A mark never closed is dropped without
affecting the rest of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPEN_DOUBLE = "“«„"
_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’", "‹": "›"}
#: Every character that can be a quotation mark.
QUOTE_CHARS = frozenset("\"“”«»„‘’‹›")
_PARA = re.compile(r"[^\n]+")
#: Two single marks typed for a double one (newswire and typewriter text: ''...'', ``...'').
_DOUBLED = ("''", "``")
#: How far (in characters) a single-quoted span may run before it is taken for apostrophes.
SINGLE_LIMIT = 300
#: The characters a scan acts on outside a quote (openers, single marks, the first of a
#: doubled pair) and inside one (double marks): the scan jumps from one to the next.
_ACTS_OUTSIDE = re.compile("[\"“”«„‘‹'`]")
_ACTS_INSIDE = re.compile("[\"“”«»„]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted passages of ``text`` as ``(start, end)`` including the marks, in order.

    Pairs marks by type within a paragraph; a paragraph left open continues when the next
    paragraph reopens (multi-paragraph quotes); a mark that is never closed is dropped
    without affecting the rest of the document. Single-quoted spans inside a double-quoted
    one are not reported separately."""
    paragraphs = [(m.start(), m.end()) for m in _PARA.finditer(text)]
    out: list[tuple[int, int]] = []
    carry: int | None = None  # start of a multi-paragraph quote still open
    closer = "”"
    for n, (a, b) in enumerate(paragraphs):
        s = a
        while s < b and text[s].isspace():
            s += 1
        if carry is not None and s < b and text[s] in "\"“«”":
            scan = _Scan(text, s + 1, b, [carry], closer)
        else:
            scan = _Scan(text, a, b, [], "”")
        spans, open_at, closer = scan.run()
        out.extend(spans)
        carry = None
        if open_at is not None and n + 1 < len(paragraphs):
            nxt = paragraphs[n + 1][0]
            if text[nxt : nxt + 1] in ("\"", "“", "«", "”"):
                carry = open_at
    out.sort()
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and s < merged[-1][1]:
            continue  # nested (single inside double)
        merged.append((s, e))
    return merged


def inner(text: str, qs: int, qe: int) -> str:
    """The words of the quotation ``qs..qe`` without its marks (one or two each side)."""
    width = 2 if text.startswith(_DOUBLED, qs) else 1
    return text[qs + width : qe - width]


def inside_quote(pos: int, quotes: list[tuple[int, int]]) -> bool:
    """Is character ``pos`` strictly inside one of the (sorted) ``quotes``?"""
    for s, e in quotes:
        if s < pos < e:
            return True
        if s > pos:
            break
    return False


@dataclass
class _Scan:
    """One paragraph ``text[a:b]`` scanned for quoted spans; ``stack`` holds a quote carried
    in from the paragraph before, ``closer`` the mark that closes the open quote."""

    text: str
    a: int
    b: int
    stack: list[int]
    closer: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    inner: list[tuple[int, int]] = field(default_factory=list)
    resumed: int | None = None  # where a flattened multi-paragraph quote last reopened

    def run(self) -> tuple[list[tuple[int, int]], int | None, str]:
        """The spans found; also the start and closer of a quote still open at the end of
        the paragraph. An opener never closed is stray: the pairs inside it survive."""
        i = self.a
        while i < self.b:
            mark = (_ACTS_INSIDE if self.stack else _ACTS_OUTSIDE).search(self.text, i, self.b)
            if mark is None:
                break
            i = mark.start()
            if not self.stack:
                i = self._outside(i)
                continue
            if self.closer == '"':
                self._in_straight(i)
            else:
                self._in_curly(i)
            i += 1
        if self.stack:
            self.spans.extend(self.inner)
            return self.spans, self.stack[0], self.closer
        return self.spans, None, self.closer

    def _outside(self, i: int) -> int:
        """Outside any quote: open one, or pair a single-quoted span; the next position."""
        text, ch = self.text, self.text[i]
        if text.startswith(_DOUBLED, i) and (i == self.a or not text[i - 1].isalnum()):
            end = _doubled_close(text, i + 2, self.b)
            if end is not None:
                self.spans.append((i, end))  # ''...'' or ``...'': a typewriter double quote
                return end
        if ch in "‘‹'":
            return self._single(i)
        if ch in _OPEN_DOUBLE:
            self.stack, self.closer = [i], _PAIRS.get(ch, "”")
        elif ch == '"' and _straight_is_open(text, i):
            self.stack, self.closer = [i], '"'
        elif ch == "”" and (i == self.a or text[i - 1].isspace()) and i + 1 < self.b and (
            text[i + 1].isalnum()
        ):
            self.stack, self.closer = [i], "”"  # a closing mark typed as an opener
        return i + 1

    def _single(self, i: int) -> int:
        """A single mark outside a quote: the span it opens, if it closes (else a mark)."""
        text, ch = self.text, self.text[i]
        prev = text[i - 1] if i != self.a else None
        if ch == "'":
            opens = prev is None or prev.isspace() or prev in "(["
        else:
            opens = prev is None or not prev.isalnum()
        end = _single_close(text, i + 1, self.b, _PAIRS.get(ch, "'")) if opens else None
        if end is None:
            return i + 1
        self.spans.append((i, end))
        return end

    def _in_straight(self, i: int) -> None:
        text, ch = self.text, self.text[i]
        if ch == '"' and text[i - 1].isspace() and i + 1 < self.b and text[i + 1].isalnum():
            # 'good. "It's ...': a new quoted sentence of the same speaker (a quote
            # flattened from several paragraphs), not the close of this one
            self.resumed = i
        elif ch in "\"”":
            self._close_straight(i)

    def _close_straight(self, i: int) -> None:
        start = self.stack[0]
        if self.resumed is not None and self.text[i - 1] == ",":
            # '... Europe. Then narration. "It is special," X added.': a closing comma ends
            # a quote that opened at the last reopening; the one before lost its closing mark
            end = self.resumed
            while end > start and self.text[end - 1].isspace():
                end -= 1
            self.spans.append((start, end))
            self.spans.append((self.resumed, i + 1))
        else:
            self.spans.append((start, i + 1))
        self.stack, self.resumed = [], None

    def _in_curly(self, i: int) -> None:
        ch = self.text[i]
        if ch == self.closer or (self.closer == "”" and ch == '"' and not _straight_is_open(
            self.text, i
        )):
            start = self.stack.pop()
            if self.stack:
                self.inner.append((start, i + 1))
            else:
                self.spans.append((start, i + 1))
                self.inner = []
        elif ch in _OPEN_DOUBLE and ch != "„" and _PAIRS.get(ch) == self.closer:
            self.stack.append(i)


def _straight_is_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/:;" or i == 0:
        return not after.isspace()
    return False


def _doubled_close(text: str, i: int, b: int) -> int | None:
    """End of a quotation opened by two single marks ("''We won,'' he said")."""
    end = text.find("''", i, b)
    while end >= 0 and end + 2 < len(text) and text[end + 2].isalnum():
        end = text.find("''", end + 2, b)
    return end + 2 if end > i else None


def _single_close(text: str, i: int, b: int, closer: str) -> int | None:
    """End of a single-quoted span opened before ``i`` (apostrophes such as "don’t" skipped)."""
    stop = min(b, i + SINGLE_LIMIT)
    while i < stop:
        ch = text[i]
        if ch == closer:
            after = text[i + 1] if i + 1 < len(text) else " "
            if not after.isalnum():
                return i + 1
        i += 1
    return None
