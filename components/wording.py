"""Counts in words, written one way on every page: "1 report", "1,234 reports"."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """The count with thousands separators and the word, given an "s" unless the count is exactly one."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"
