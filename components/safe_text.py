"""Article-derived text made inert before it reaches markdown, HTML tooltips or chart labels."""

from __future__ import annotations

import html
import re

# Inline markdown (emphasis, code, links and images by their brackets, tables, strikethrough) plus Streamlit's own
# ':colour[...]', ':material/icon:' and '$math$' syntax. Angle brackets and ampersands are left to html.escape,
# since a backslash before '&' would show the entity's letters.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~:$])")
# A heading, list item or quote is only made at the start of a line.
LINE_START_MARKER = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")
LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def escape_markdown(text: str) -> str:
    """Text for st.markdown/st.caption that shows exactly as written: no links, images, styling or raw HTML."""
    one_line = MARKDOWN_SPECIAL.sub(r"\\\1", LINE_BREAKS.sub(" ", str(text)))
    return html.escape(LINE_START_MARKER.sub(_escape_marker, one_line), quote=False)


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    # '1.' is escaped at its full stop, '-' or '#' before the sign itself.
    return f"{indent}{marker}\\" if marker[0].isdigit() else f"{indent}\\{marker}"


def escape_label(text: object) -> str:
    """Text for a Plotly label or hover, which reads a small set of HTML tags: tags show as text, entities as signs."""
    return html.escape(str(text), quote=False)
