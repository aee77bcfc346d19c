"""Sentence splitting: boundaries, abbreviations and span lookup."""

from __future__ import annotations

import itertools

import pytest

from flashpoint.sentences import MAX_SENTENCE_CHARS, sentence_at, split_sentences


def sentences_of(text: str) -> list[str]:
    return [text[span.start : span.end] for span in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three died. Two were hurt.", ["Three died.", "Two were hurt."]),
        ("The U.S. military said so. Iran denied it.", ["The U.S. military said so.", "Iran denied it."]),
        ("Brig. Gen. Pat Ryder spoke. He left.", ["Brig. Gen. Pat Ryder spoke.", "He left."]),
        ("It began on Jan. 28 in Jordan. Nobody knew.", ["It began on Jan. 28 in Jordan.", "Nobody knew."]),
        ('He said, "We will respond." Then he left.', ['He said, "We will respond."', "Then he left."]),
        ("Title line\n\nFirst paragraph here.", ["Title line", "First paragraph here."]),
        ("George W. Bush spoke.", ["George W. Bush spoke."]),
        ("Is it over? No!  It is not.", ["Is it over?", "No!", "It is not."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_spans_are_trimmed_and_ordered() -> None:
    text = "  One.  Two.\n\n Three.  "
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["One.", "Two.", "Three."]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_sentence_at_finds_the_sentence_holding_an_offset() -> None:
    text = "Alpha one. Beta two. Gamma three."
    spans = split_sentences(text)
    assert text[slice(*_bounds(sentence_at(spans, text.index("Beta"))))] == "Beta two."
    assert sentence_at(spans, len(text) + 5) is None


def _bounds(span: object) -> tuple[int, int]:
    assert span is not None
    return span.start, span.end  # type: ignore[attr-defined]


def test_a_run_without_full_stops_is_cut_into_readable_sentences_at_spaces() -> None:
    text = "rockets hit the north and 3 were hurt " * 200
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(span.end - span.start <= MAX_SENTENCE_CHARS for span in spans)
    assert all(text[span.start] != " " and text[span.end - 1] != " " for span in spans)
    assert "".join(text[span.start : span.end] for span in spans).replace(" ", "") == text.replace(" ", "")


def test_a_single_giant_word_is_cut_at_the_limit() -> None:
    text = "x" * (MAX_SENTENCE_CHARS * 2 + 5)
    assert [span.end - span.start for span in split_sentences(text)] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]
