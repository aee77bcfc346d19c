"""Strip Markdown markup from an article so that only its words remain, line by line."""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_QUOTE_OR_BULLET = re.compile(r"^\s*(?:>\s?)+|^\s*[-*+]\s+(?=\S)")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")


def markdown_to_text(text: str) -> str:
    """Headings, emphasis, links and quotes become plain text; images, rules and link definitions disappear."""
    lines: list[str] = []
    for index, line in enumerate(text.splitlines()):
        # A leading '---' opens front matter, which the layout step reads; later ones are rules.
        if _LINK_DEFINITION.match(line) or (index > 0 and _RULE.match(line) and not _front_matter_fence(lines)):
            lines.append("")
            continue
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _QUOTE_OR_BULLET.sub("", line)
        line = _IMAGE.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _REFERENCE_LINK.sub(r"\1", line)
        line = _CODE.sub(r"\1", line)
        line = _EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)


def _front_matter_fence(previous: list[str]) -> bool:
    """True while inside front matter that began with '---' on the first line and has not closed yet."""
    return bool(previous) and previous[0].strip() == "---" and all(line.strip() != "---" for line in previous[1:])
