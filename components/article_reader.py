"""An article's text as safe HTML with its places, actors and figures highlighted where they occur."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import streamlit as st

# "mention" is a place name standing for a government or people ("Tehran said", "Iran-backed"): not plotted.
HIGHLIGHT_COLOURS = {"place": "#cfe8ff", "mention": "#e8eef5", "actor": "#ffe2b8", "figure": "#ffc9c9"}
OTHER_HIGHLIGHT_COLOUR = "#e6e6e6"


@dataclass(frozen=True)
class Highlight:
    """One stretch of the article text to mark: [start, end) offsets, what it is, and a hover label."""

    start: int
    end: int
    category: str
    label: str = ""


def non_overlapping(highlights: Iterable[Highlight], text_length: int) -> list[Highlight]:
    """Highlights inside the text, in order; where two overlap the earlier (then longer) one wins."""
    ordered = sorted(
        (item for item in highlights if 0 <= item.start < item.end <= text_length),
        key=lambda item: (item.start, -(item.end - item.start)),
    )
    kept: list[Highlight] = []
    for item in ordered:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def build_highlighted_html(text: str, highlights: Iterable[Highlight]) -> str:
    """Escape every piece of the article so markup in it shows as text, then wrap the highlights in <mark>."""
    pieces: list[str] = []
    position = 0
    for item in non_overlapping(highlights, len(text)):
        pieces.append(html.escape(text[position : item.start]))
        colour = HIGHLIGHT_COLOURS.get(item.category, OTHER_HIGHLIGHT_COLOUR)
        title = html.escape(f"{item.category}: {item.label}" if item.label else item.category, quote=True)
        marked = html.escape(text[item.start : item.end])
        pieces.append(
            f'<mark class="fp-{html.escape(item.category, quote=True)}" title="{title}" '
            f'style="background:{colour};padding:0 2px;border-radius:3px">{marked}</mark>'
        )
        position = item.end
    pieces.append(html.escape(text[position:]))
    body = "".join(pieces)
    return f'<div class="fp-article" style="white-space:pre-wrap;line-height:1.6">{body}</div>'


def legend_html() -> str:
    swatches = "".join(
        f'<mark style="background:{colour};padding:0 4px;margin-right:6px">{category}</mark>'
        for category, colour in HIGHLIGHT_COLOURS.items()
    )
    return f"<div>{swatches}</div>"


def render_article(text: str, highlights: Iterable[Highlight]) -> None:
    st.html(legend_html())
    st.html(build_highlighted_html(text, highlights))
