"""Where a mention sits in the text: the words around it, sentence starts, headlines and page-header lines."""

from __future__ import annotations

import bisect
import re

# Header lines (outlet, section, date) sit in the first lines of an article, are short and have no full stop.
HEADER_LINES = 8
HEADER_MAX_WORDS = 6
# A title-case headline is at most this long.
TITLE_MAX_WORDS = 25

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’.]*")
_FIRST_WORD = re.compile(r"([\w.&/']+)")
_NEWLINE = re.compile(r"\n")


def previous_word(text: str, start: int) -> str:
    """The word right before a position when only one space separates them on the same line, else ''."""
    if start < 2 or text[start - 1] != " ":
        return ""
    window = text[max(0, start - 40) : start - 1]
    if not window or window[-1].isspace():
        return ""
    return window.rsplit(None, 1)[-1]


def next_word(text: str, end: int) -> str:
    if end >= len(text) or text[end] != " ":
        return ""
    match = _FIRST_WORD.match(text, end + 1, end + 40)
    return match.group(1) if match else ""


def is_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \"“'‘(")
    return not before or before[-1] in ".!?:\n"


def is_title_case_line(line: str) -> bool:
    """A headline in title case ("Joe Biden Visits Israel"): short, no full stop, long words capitalised."""
    stripped = line.strip()
    if stripped.endswith(".") or len(stripped.split()) > TITLE_MAX_WORDS:
        return False
    words = [w for w in _WORD.findall(stripped) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


class Lines:
    """Which line each offset falls on, and whether that line is a title-cased heading or a page header."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.lines = text.split("\n")
        non_empty = [i for i, line in enumerate(self.lines) if line.strip()]
        self.headers = {
            i
            for i in non_empty[1:HEADER_LINES]
            if len(self.lines[i].split()) <= HEADER_MAX_WORDS and not self.lines[i].rstrip().endswith(".")
        }
        first_body = next((i for i in non_empty[1:] if len(self.lines[i].split()) > 12), len(self.lines))
        self.headers = {i for i in self.headers if i < first_body}

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)
