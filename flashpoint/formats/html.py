"""Read a news web page: headline, outlet and date from its metadata, and the report from its main text."""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from flashpoint.dates import parse_date
from flashpoint.errors import ArticleReadError
from flashpoint.formats.encoding import decode_text, ensure_text
from flashpoint.formats.layout import Layout, lay_out

SKIPPED_ELEMENTS = frozenset(
    "script style nav footer aside iframe noscript svg template form button select object embed canvas audio "
    "video dialog menu".split()
)
BLOCK_ELEMENTS = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol blockquote tr td th table br hr figcaption "
    "figure dd dt dl pre address summary details caption".split()
)
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta source track wbr param".split())
# Page parts named by class or id that hold widgets and other stories rather than the report.
_FURNITURE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|advert|advertisement|ad|ads|promo|newsletter|subscribe|comments?"
    r"|cookie|breadcrumbs?|sidebar|menu|navigation|nav|footer|popup|modal|outbrain|taboola)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Metadata names for the publication date, most trusted first.
PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "date",
)
TITLE_KEYS = ("og:title", "twitter:title", "headline")
SOURCE_KEYS = ("og:site_name", "application-name", "publisher")
# The element holding the report must have at least this much text to be preferred over the whole page.
MIN_MAIN_TEXT_CHARS = 200
# Blocks mostly made of links are menus and lists of other stories.
MAX_LINK_SHARE = 0.5
# "Headline | Outlet": trailing parts of a <title> this short are the outlet's name.
MAX_TITLE_SUFFIX_WORDS = 4
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# An XML document type with its own entity declarations; Python's HTML parser would leave the declarations' tail
# ("]>") in the text. Entities are never expanded, so declaring them cannot blow the text up.
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[[^\]]*\]\s*>", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
# Pages that say ISO-8859-1 or ASCII mean Windows-1252 (the HTML standard's rule).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}


@dataclass(frozen=True)
class _Paragraph:
    text: str
    article: int | None  # which <article> element it sits in, counted from 1
    in_main: bool
    link_share: float  # the share of its characters inside links


@dataclass
class _Page:
    meta: dict[str, str] = field(default_factory=dict)
    title: str = ""
    first_heading: str = ""
    time_values: list[str] = field(default_factory=list)
    linked_data: list[str] = field(default_factory=list)
    paragraphs: list[_Paragraph] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self._open: list[str] = []
        self._skip_depth: int | None = None
        self._buffer: list[str] = []
        self._link_chars = 0
        self._capture: str | None = None
        self._captured: list[str] = []
        self._article_count = 0
        self._article_depth: int | None = None
        self._main_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            self._read_meta(attributes)
        elif tag == "time" and attributes.get("datetime"):
            self.page.time_values.append(attributes["datetime"])
        if tag in VOID_ELEMENTS:
            if tag in ("br", "hr"):
                self._flush()
            return
        if tag in BLOCK_ELEMENTS:
            self._flush()
        if self._skip_depth is None and self._is_skipped(tag, attributes):
            self._skip_depth = len(self._open)
        if tag == "script" and attributes.get("type", "").lower() == "application/ld+json":
            self._capture = "linked_data"
        elif tag in ("title", "h1") and self._capture is None:
            self._capture = tag
        if tag == "article" and self._article_depth is None:
            self._article_count += 1
            self._article_depth = len(self._open)
        elif tag == "main" and self._main_depth is None:
            self._main_depth = len(self._open)
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return
        while self._open:
            if self._open.pop() == tag:
                break
        depth = len(self._open)
        if tag in BLOCK_ELEMENTS:
            self._flush()
        if tag == self._capture or (self._capture == "linked_data" and tag == "script"):
            self._store_capture()
        if self._skip_depth is not None and depth <= self._skip_depth:
            self._skip_depth = None
        if self._article_depth is not None and depth <= self._article_depth:
            self._article_depth = None
        if self._main_depth is not None and depth <= self._main_depth:
            self._main_depth = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._captured.append(data)
        if self._skip_depth is None and "title" not in self._open:
            self._buffer.append(data)
            if "a" in self._open:
                self._link_chars += len(data.strip())

    def close(self) -> None:
        super().close()
        self._flush()

    def _is_skipped(self, tag: str, attributes: dict[str, str]) -> bool:
        if tag in SKIPPED_ELEMENTS or "hidden" in attributes or attributes.get("aria-hidden") == "true":
            return True
        names = f"{attributes.get('class', '')} {attributes.get('id', '')}"
        return tag not in ("article", "main", "body", "html") and bool(_FURNITURE_CLASS.search(names))

    def _read_meta(self, attributes: dict[str, str]) -> None:
        key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        if key and attributes.get("content"):
            self.page.meta.setdefault(key, attributes["content"].strip())

    def _store_capture(self) -> None:
        text = "".join(self._captured)
        if self._capture == "linked_data":
            self.page.linked_data.append(text)
        elif self._capture == "title" and not self.page.title:
            self.page.title = " ".join(text.split())
        elif self._capture == "h1" and not self.page.first_heading:
            self.page.first_heading = " ".join(text.split())
        self._capture = None
        self._captured = []

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        link_share = self._link_chars / len(text) if text else 0.0
        self._buffer = []
        self._link_chars = 0
        if text:
            article = self._article_count if self._article_depth is not None else None
            self.page.paragraphs.append(_Paragraph(text, article, self._main_depth is not None, link_share))


def read_html(data: bytes, filename: str) -> Layout:
    """Headline, outlet, date and main text of a web page file."""
    return html_layout(_decode_html(data, filename), filename)


def html_layout(markup: str, filename: str) -> Layout:
    """Headline, outlet, date and main text of decoded HTML; a header in the text fills what metadata lacks."""
    parser = _PageParser()
    try:
        parser.feed(_INTERNAL_SUBSET.sub("", markup, count=1))
        parser.close()
    except (AssertionError, ValueError) as error:
        raise ArticleReadError(filename, f"malformed HTML ({error})") from error
    page = parser.page
    facts = _linked_data_facts(page.linked_data)
    title = _first(page.meta, TITLE_KEYS) or facts.get("headline") or page.first_heading or _clean_title(page.title)
    paragraphs = [text for text in _main_paragraphs(page.paragraphs) if text != title]
    layout = lay_out("\n\n".join([title, *paragraphs]) if title else "\n\n".join(paragraphs))
    published_text = _first(page.meta, PUBLISHED_KEYS) or facts.get("datePublished")
    published = next(
        (found for found in (parse_date(value) for value in [published_text or "", *page.time_values]) if found),
        layout.published,
    )
    source = _first(page.meta, SOURCE_KEYS) or facts.get("publisher") or layout.source
    return Layout(title=layout.title, body=layout.body, source=source, published=published)


def _decode_html(data: bytes, filename: str) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared and b"\x00" not in data[:1024] and not data.startswith(codecs.BOM_UTF8):
        codec = declared.group(1).decode("ascii").lower()
        try:
            return ensure_text(data.decode(_CHARSET_ALIASES.get(codec, codec)), filename)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, filename)


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str:
    return next((meta[key] for key in keys if meta.get(key)), "")


def _clean_title(title: str) -> str:
    parts = _TITLE_SEPARATOR.split(title)
    while len(parts) > 1 and len(parts[-1].split()) <= MAX_TITLE_SUFFIX_WORDS:
        parts.pop()
    return " - ".join(parts)


def _main_paragraphs(paragraphs: list[_Paragraph]) -> list[str]:
    """The paragraphs of the largest <article>, else of <main>, else of the whole page; link lists left out."""
    paragraphs = [paragraph for paragraph in paragraphs if paragraph.link_share <= MAX_LINK_SHARE]
    sizes: dict[int, int] = {}
    for paragraph in paragraphs:
        if paragraph.article is not None:
            sizes[paragraph.article] = sizes.get(paragraph.article, 0) + len(paragraph.text)
    if sizes:
        largest = max(sizes, key=sizes.__getitem__)
        if sizes[largest] >= MIN_MAIN_TEXT_CHARS:
            return [paragraph.text for paragraph in paragraphs if paragraph.article == largest]
    in_main = [paragraph.text for paragraph in paragraphs if paragraph.in_main]
    if sum(map(len, in_main)) >= MIN_MAIN_TEXT_CHARS:
        return in_main
    return [paragraph.text for paragraph in paragraphs]


def _linked_data_facts(blocks: list[str]) -> dict[str, str]:
    """headline, datePublished and publisher name from schema.org JSON-LD, articles first."""
    items: list[dict[str, object]] = []
    for block in blocks:
        try:
            parsed = json.loads(block)
        except (ValueError, RecursionError):
            continue
        pending = parsed if isinstance(parsed, list) else [parsed]
        while pending:
            item = pending.pop(0)
            if isinstance(item, dict):
                items.append(item)
                graph = item.get("@graph")
                pending.extend(graph if isinstance(graph, list) else [])
    items.sort(key=lambda item: "Article" not in str(item.get("@type", "")))
    facts: dict[str, str] = {}
    for item in items:
        publisher = item.get("publisher")
        values = {
            "headline": item.get("headline"),
            "datePublished": item.get("datePublished"),
            "publisher": publisher.get("name") if isinstance(publisher, dict) else publisher,
        }
        for key, value in values.items():
            if isinstance(value, str) and value.strip():
                facts.setdefault(key, value.strip())
    return facts
