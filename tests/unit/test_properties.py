"""Properties over any input: the reader returns an Article or a read error, and extraction spans stay in the text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.errors import ArticleReadError
from flashpoint.model import Article, Extraction
from flashpoint.pipeline import Pipeline
from flashpoint.reader import SUPPORTED_EXTENSIONS, read_article

# Openings that steer arbitrary bytes into each format's deeper paths instead of the first "not a ..." check.
OPENINGS = (
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"<html><body><p>",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"Subject: Strike\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\n",
    b"---\ntitle: Strike\ndate: 2024-01-05\n---\n",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    b"\xd0\xcf\x11\xe0",
)
# Words of news reports, so generated text reaches the extractors' rules and not only their first checks.
NEWS_WORDS = (
    "Gaza",
    "Rafah",
    "Israel",
    "Hezbollah",
    "the Houthis",
    "US forces",
    "Tower 22",
    "Jordan",
    "Red Sea",
    "Erbil",
    "killed",
    "were wounded",
    "injured",
    "attacked",
    "drone",
    "missile",
    "at least",
    "more than",
    "three",
    "12",
    "1,200",
    "on Monday",
    "Jan. 28",
    "2024",
    "said",
    "backed by Iran",
    "in",
    "near",
    "and",
    ".",
    ",",
    "\n\n",
    " — ",
    "(",
    ")",
    "'s",
    "غزة",
    "💥",
    "👨\u200d👩\u200d👧",
    "\u202e",
    "\r\n",
    "\x00",
    "\ud800",
)
# Surrogates, NULs and other characters that no file can carry but a caller might still hand over.
ANY_CHARACTER = st.characters(codec=None)
# Sentences shaped like incident reports, so that figures, events and actor links are found in generated text.
SENTENCE_PARTS = (
    ("Hezbollah", "Israel", "The Houthis", "US forces", "Iran-backed militias", "Hamas", "The army", "Officials"),
    ("attacked", "fired 12 rockets at", "struck", "launched a drone at", "said it targeted", "said", "backed"),
    ("three", "12", "at least 40", "more than 1,200", "dozens of", "two", "1.5 million", "the"),
    ("people were killed", "soldiers were wounded", "civilians were injured", "attacks", "ships", "bases"),
    ("in Gaza", "near Rafah", "in southern Lebanon", "at Tower 22 in Jordan", "in the Red Sea", "in Erbil", ""),
    ("on Monday", "on Jan. 28, 2024", "last week", "", "the ministry said", "according to Reuters"),
)
news_sentence = st.tuples(*(st.sampled_from(parts) for parts in SENTENCE_PARTS)).map(lambda parts: " ".join(parts))
news_pieces = st.one_of(
    news_sentence.map(lambda sentence: f"{sentence}."),
    st.sampled_from(NEWS_WORDS),
    st.text(ANY_CHARACTER, max_size=8),
    st.integers().map(str),
)
news_text = st.tuples(st.sampled_from((" ", "", "\n")), st.lists(news_pieces, max_size=60)).map(
    lambda separated: separated[0].join(separated[1])
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@settings(max_examples=1500, deadline=None)
@given(
    opening=st.sampled_from(OPENINGS),
    rest=st.binary(max_size=3000),
    extension=st.sampled_from(SUPPORTED_EXTENSIONS),
)
def test_any_bytes_give_an_article_or_a_read_error(opening: bytes, rest: bytes, extension: str) -> None:
    try:
        article = read_article(opening + rest, f"../upload/input{extension}")
    except ArticleReadError as error:
        assert error.reason and error.filename == f"input{extension}"
    else:
        assert article.title or article.body
        assert article.filename == f"input{extension}"
        assert not set(article.text) & set("\x00\u202e\u2066")


@settings(max_examples=600, deadline=None)
@given(
    text=news_text,
    extension=st.sampled_from((".txt", ".md", ".html", ".eml")),
    encoding=st.sampled_from(("utf-8", "utf-16", "utf-16-le", "cp1252", "cp1256")),
)
def test_any_encoded_text_gives_an_article_or_a_read_error(text: str, extension: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode(errors="surrogatepass")
    try:
        article = read_article(data, f"input{extension}")
    except ArticleReadError as error:
        assert error.reason
    else:
        assert article.title or article.body


@settings(max_examples=300, deadline=None)
@given(filename=st.text(ANY_CHARACTER, max_size=40))
def test_any_file_name_gives_a_base_name_or_a_read_error(filename: str) -> None:
    try:
        article = read_article(b"Rockets hit the north\n\nSirens sounded in Kiryat Shmona.", filename)
    except ArticleReadError as error:
        assert "unsupported file type" in error.reason
        assert "/" not in error.filename and "\\" not in error.filename
    else:
        assert "/" not in article.filename and "\\" not in article.filename
        assert not any(ord(character) < 0x20 for character in article.filename)


def span_problems(extraction: Extraction) -> list[str]:
    """Every span that lies outside the article text, and every figure whose text is not what its span covers."""
    text = extraction.article.text
    spans = [("location", location.name, span) for location in extraction.locations for span in location.mentions]
    spans += [("actor", actor.name, span) for actor in extraction.actors for span in actor.mentions]
    spans += [("link", link.relation, link.span) for link in extraction.actor_links]
    spans += [("figure", figure.kind, figure.span) for figure in extraction.figures]
    spans += [("event", event.type, event.span) for event in extraction.events]
    problems = [
        f"{kind} {name!r}: {span} outside 0..{len(text)}"
        for kind, name, span in spans
        if not 0 <= span.start < span.end <= len(text)
    ]
    problems += [
        f"figure {figure.text!r} covers {text[figure.span.start : figure.span.end]!r}"
        for figure in extraction.figures
        if text[figure.span.start : figure.span.end] != figure.text
    ]
    return problems


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.one_of(st.just(""), news_text), body=news_text)
def test_any_text_gives_an_extraction_with_every_span_inside_it(pipeline: Pipeline, title: str, body: str) -> None:
    article = Article(title=title, body=body)
    extraction = pipeline.extract(article)
    assert extraction.article == article
    assert span_problems(extraction) == []


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=news_text)
def test_any_read_file_gives_an_extraction_with_every_span_inside_it(pipeline: Pipeline, body: str) -> None:
    try:
        article = read_article(body.encode(errors="surrogatepass"), "input.txt")
    except ArticleReadError:
        return
    assert span_problems(pipeline.extract(article)) == []
