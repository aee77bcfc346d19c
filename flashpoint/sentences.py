"""Split article text into sentences with character spans, without a statistical model."""

from __future__ import annotations

import re

from flashpoint.model import Span

# Words that end with a full stop without ending the sentence. Lower-cased, without the stop.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen brig lt col maj capt sgt cpl pvt adm cmdr rep sen gov pres st mt ft "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc ltd co corp jr sr approx "
    "est dept govt u.s u.k u.n e.g i.e a.m p.m".split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space or a line break.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n\s*\n|\n(?=[^\n]{0,120}\n)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
# Real sentences in news copy stay well under this; a longer run (a list, a page without stops, hostile input)
# is cut at a space so every figure's evidence sentence stays readable and storing it stays cheap.
MAX_SENTENCE_CHARS = 1200


def _is_abbreviation(text: str, stop_end: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, stop_end - 12), stop_end)
    if not match:
        return False
    word = match.group(1).lower()
    # Single capital letters are initials ("George W. Bush").
    return word in ABBREVIATIONS or (len(word) == 1 and text[match.start(1)].isupper())


def split_sentences(text: str) -> list[Span]:
    """Return sentence spans covering the non-blank text, in order, trimmed of surrounding space."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        piece = match.group(0)
        if piece.startswith(".") and len(piece.rstrip("\"'”’)]")) == 1 and _is_abbreviation(text, match.start() + 1):
            following = text[end : end + 3].lstrip()
            # An abbreviation ends the sentence only when a capitalised word follows a line break.
            if not following or not following[0].isupper() or "\n" not in text[end : end + 3]:
                continue
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut == -1:
            cut = start + MAX_SENTENCE_CHARS
        _append_trimmed(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append(Span(start, end))


def sentence_at(sentences: list[Span], offset: int) -> Span | None:
    """The sentence holding a character offset, by binary search over ordered spans."""
    low, high = 0, len(sentences) - 1
    while low <= high:
        middle = (low + high) // 2
        span = sentences[middle]
        if offset < span.start:
            high = middle - 1
        elif offset >= span.end:
            low = middle + 1
        else:
            return span
    return None
