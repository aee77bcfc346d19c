"""Describe byte counts for people, so size-limit messages read the same everywhere."""

from __future__ import annotations

BYTES_PER_KB = 1024
BYTES_PER_MB = 1024 * 1024


def describe_size(size: int) -> str:
    """'512 bytes', '4.9 KB' or '50.0 MB'."""
    if size < BYTES_PER_KB:
        return f"{size} bytes"
    if size < BYTES_PER_MB:
        return f"{size / BYTES_PER_KB:.1f} KB"
    return f"{size / BYTES_PER_MB:.1f} MB"


def too_large(what: str, size: int, limit: int) -> str:
    """The reason given when something is over a size limit, naming both sizes."""
    return f"{what} is too large ({describe_size(size)}; the limit is {describe_size(limit)})"
