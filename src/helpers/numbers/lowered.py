"""Faster case-insensitive scanning that finds exactly what an IGNORECASE scan finds.

Python's regex engine tries an IGNORECASE pattern at every character of a text and cannot skip
ahead on a first letter, so a long word alternation costs a full pass per pattern. Two ways
round it, both exact:

- :func:`lowered` copies a text with its ASCII letters in lower case (same length, same
  offsets), and :func:`lower_pattern` makes the case-sensitive copy of an ASCII regex that
  finds, in that copy, the spans the IGNORECASE regex finds in the text. A text holding a
  character IGNORECASE equates with an ASCII letter ("ſ" with "s", the Kelvin sign with "k")
  gets no lowered copy, and callers scan it as it is.
- :class:`Scanner` runs such a copy without the regex's leading ``\\b`` (a literal first letter
  lets the engine skip ahead) and keeps the hits at a word boundary; :func:`matches_at` runs a
  pattern only where its matches can start. Both give what ``pattern.finditer`` gives.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "ASCII_FOLDS", "Scanner", "fold_ascii", "lower_pattern", "lowered", "matches_at",
    "required_literals",
]

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_GROUP_NAME = re.compile(r"\(\?P<\w+>")
#: Inline flags, back-references (IGNORECASE compares them case-insensitively, non-ASCII letters
#: too) and characters given by code: a lowered copy of such a regex could find other spans.
_UNSAFE = re.compile(r"\(\?[aiLmsux-]|\(\?P=|\\[0-9xuUN]")


def lower_pattern(source: str) -> str | None:
    """``source`` (an ASCII regex meant for IGNORECASE) for a case-sensitive scan of a
    :func:`lowered` text: its letters lowered, escapes ("\\S", "\\W") and group names kept; None
    when that could find other spans."""
    if not source.isascii() or _UNSAFE.search(source):
        return None
    out: list[str] = []
    i = 0
    while i < len(source):
        m = _GROUP_NAME.match(source, i)
        if m:
            out.append(m.group())
            i = m.end()
        elif source[i] == "\\":
            out.append(source[i : i + 2])
            i += 2
        else:
            out.append(source[i].lower())
            i += 1
    return "".join(out)


#: The non-ASCII characters IGNORECASE takes for ASCII letters, and those letters (every one
#: in Unicode: ``tests/test_fast_scanning.py`` checks the table against the regex engine).
ASCII_FOLDS = {"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"}
_FOLD_TABLE = str.maketrans(ASCII_FOLDS)


def fold_ascii(text: str) -> str:
    """``text`` with the characters of :data:`ASCII_FOLDS` replaced by their ASCII letters:
    the word an IGNORECASE match of an ASCII pattern read ("ſeven" → "seven")."""
    return text.translate(_FOLD_TABLE)


@functools.lru_cache(maxsize=4096)
def _changes_in_lower(ch: str) -> bool:
    return ch.lower() != ch


@functools.lru_cache(maxsize=32)  # the date rules, the number words and their phrases
def lowered(text: str) -> str | None:
    """``text`` with its ASCII letters in lower case (same length, same offsets), or None when a
    character in it matches an ASCII letter under IGNORECASE without being one."""
    if text.isascii():
        return text.lower()
    other = [ch for ch in set(text) if not ch.isascii()]
    if any(ch in ASCII_FOLDS for ch in other):
        return None
    if not any(_changes_in_lower(ch) for ch in other):
        return text.lower()  # only ASCII letters change: the same, and faster than translate
    return text.translate(_ASCII_LOWER)


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]
               ) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that can match only at ``starts`` (ascending)
    and never matches empty: tried at those positions only."""
    end = 0
    for s in starts:
        if s < end:
            continue
        m = pattern.match(text, s)
        if m is not None:
            end = m.end()
            yield m


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what the regex engine's \\w is for str


def _boundary(text: str, p: int, end: int) -> bool:
    """The regex engine's ``\\b`` at ``p`` (it looks back past ``pos`` but not at ``endpos``)."""
    return (p > 0 and _is_word(text[p - 1])) != (p < end and _is_word(text[p]))


def _top_level_bar(source: str) -> bool:
    """Whether ``source`` has an alternation outside any group."""
    depth, i, in_class = 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 2 if source[i + 1 : i + 2] in ("]", "^") else 1
            continue
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


def _skips_ahead(source: str) -> bool:
    """Whether a scan for ``source`` can skip ahead to its first letter: it starts with a
    literal, a character set or an alternation of literals (read from the parsed regex; any
    doubt answers no, which only costs speed)."""
    try:
        from re import _constants as c
        from re import _parser

        ops = _parser.parse(source).data
        while ops and ops[0][0] is c.SUBPATTERN:
            ops = ops[0][1][3].data
        op, arg = ops[0]
        if op is c.BRANCH:
            return all(b.data and b.data[0][0] in (c.LITERAL, c.IN) for b in arg[1])
        return op in (c.LITERAL, c.IN)
    except Exception:  # noqa: BLE001  (another Python's internals: fall back to the plain scan)
        return False


#: At most this many literals are tried as the strings a scan needs (more: the scan just runs).
_MAX_LITERALS = 40


def _starts_with(ops: list) -> list[tuple[str, bool]]:
    """The literal strings every match of the parsed regex ``ops`` starts with, each with
    whether it is the whole match so far (so a following literal extends it)."""
    from re import _constants as c

    out = [("", True)]
    for op, arg in ops:
        if op is c.LITERAL:
            sub = [(chr(arg), True)]
        elif op is c.SUBPATTERN and not arg[1] and not arg[2]:
            sub = _starts_with(arg[3].data)
        elif op is c.BRANCH:
            sub = [x for b in arg[1] for x in _starts_with(b.data)]
        else:
            sub = [("", False)]
        grown = [(s + t, open_) for s, done in out if done for t, open_ in sub]
        grown += [(s, False) for s, done in out if not done]
        if len(grown) > _MAX_LITERALS:
            return [(s, False) for s, _ in out]
        out = grown
        if not any(done for _, done in out):
            break
    return out


def _contained(ops: list) -> set[str] | None:
    """Strings one of which every match of the parsed regex ``ops`` contains (None: unknown):
    the best of its literal runs, its groups' and alternations' own strings and the literals
    it starts with ("new\\s+year's" needs "year's", "easter|earth" needs one of the two)."""
    from re import _constants as c

    options: list[set[str]] = []
    run = ""
    for op, arg in ops:
        if op is c.LITERAL:
            run += chr(arg)
            continue
        if run:
            options.append({run})
            run = ""
        inner = None
        if op is c.SUBPATTERN and not arg[1] and not arg[2]:
            inner = _contained(arg[3].data)
        elif op is c.BRANCH:
            parts = [_contained(b.data) for b in arg[1]]
            inner = None if any(p is None for p in parts) else set().union(*parts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            inner = _contained(arg[2].data)
        if inner:
            options.append(inner)
    if run:
        options.append({run})
    starts = {s for s, _ in _starts_with(ops)}
    if "" not in starts:
        options.append(starts)
    options = [o for o in options if "" not in o and len(o) <= _MAX_LITERALS]
    return max(options, key=lambda o: (min(map(len, o)), -len(o))) if options else None


def required_literals(source: str) -> tuple[str, ...] | None:
    """Strings one of which every match of the case-sensitive regex ``source`` contains, or
    None when no such list is known: a text without any of them has no match, and
    ``str.__contains__`` finds that many times faster than the regex engine."""
    try:
        from re import _parser

        found = _contained(_parser.parse(source).data)
    except Exception:  # noqa: BLE001  (another Python's internals: no literals, the scan runs)
        return None
    if not found:
        return None
    # shortest first: the commonest strings end the check soonest
    return tuple(sorted((s for s in found if not any(o != s and o in s for o in found)),
                        key=lambda s: (len(s), s)))


@dataclass(frozen=True, eq=False)
class Scanner:
    """``pattern.finditer`` made fast for an ASCII regex compiled IGNORECASE: the case-sensitive
    copy (:func:`lower_pattern`) scans the lowered text, without the leading ``\\b`` when the
    regex starts with one (hits not at a word boundary are passed over); :meth:`finditer`
    matches each hit again with ``pattern`` on the text, so callers get its match objects,
    :meth:`spans` gives the spans alone. For a pattern that never matches empty.

    A regex with no literal to skip ahead to ("\\b(?:the\\s+)?(?:year\\s+)?\\d{4}") can be given
    ``starts``: a regex that matches (in the lowered text) wherever the pattern can start, with
    one; :meth:`finditer` then scans for that and matches the pattern only at its hits."""

    pattern: re.Pattern[str]
    body: re.Pattern[str] | None
    boundary: bool
    #: Strings one of which the lowered text holds wherever ``body`` matches
    #: (:func:`required_literals`): a text without them is not scanned.
    required: tuple[str, ...] | None = None
    #: ``body`` is only where a match can start (``starts``): each hit is tried.
    tried: bool = False

    @classmethod
    def compile(cls, source: str, starts: str | None = None) -> Scanner:
        low = lower_pattern(source)
        start_low = lower_pattern(starts) if starts is not None and low is not None else None
        boundary = (low is not None and start_low is None and low.startswith("\\b")
                    and not _top_level_bar(low) and _skips_ahead(low[2:]))
        body_source = (low[2:] if boundary else low) if low is not None else None
        body_source = start_low or body_source
        body = re.compile(body_source) if body_source is not None else None
        required = required_literals(body_source) if body_source is not None else None
        return cls(re.compile(source, re.IGNORECASE), body, boundary, required,
                   start_low is not None)

    def _absent(self, low: str) -> bool:
        """Whether ``low`` lacks every string a match needs (so there is no match)."""
        if self.required is None:
            return False
        for r in self.required:
            if r in low:
                return False
        return True

    def spans(self, text: str, low: str | None) -> Iterator[tuple[int, int]]:
        """The spans of ``pattern.finditer(text)`` (the lowered copy's hits, not matched
        again)."""
        if low is None or self.body is None or self.tried:
            yield from (m.span() for m in self.finditer(text, low))
            return
        if self._absent(low):
            return
        pos = 0
        while (hit := self.body.search(low, pos)) is not None:
            p, e = hit.span()
            if e == p:
                yield from (m.span() for m in self.pattern.finditer(text, p))
                return
            if self.boundary and not _boundary(low, p, len(low)):
                pos = p + 1
                continue
            yield p, e
            pos = e

    def finditer(self, text: str, low: str | None, pos: int = 0, endpos: int | None = None
                 ) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, pos, endpos)``; ``low``: ``lowered(text)``."""
        end = len(text) if endpos is None else endpos
        if low is None or self.body is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        if pos == 0 and end == len(text) and self._absent(low):
            return
        while (hit := self.body.search(low, pos, end)) is not None:
            p = hit.start()
            if self.boundary and not _boundary(low, p, end):
                pos = p + 1  # not at a word boundary: the regex's \\b fails here
                continue
            m = self.pattern.match(text, p, end)
            if m is None and self.tried:
                pos = p + 1  # a place it could start, where it does not
                continue
            if m is None or m.end() == m.start():
                yield from self.pattern.finditer(text, p, end)  # never expected: stay exact
                return
            yield m
            pos = m.end()
