"""Find the place names in a text, with character spans, and tell literal from associative uses."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from flashpoint.gazetteer import Gazetteer
from flashpoint.model import Place, Span
from flashpoint.settings import PROJECT_ROOT
from flashpoint.toponym_words import (
    ASSOCIATIVE_SUFFIXES,
    COMMON_WORDS,
    GIVEN_NAME_PLACES,
    GIVEN_NAMES,
    INSTITUTION_NOUNS,
    ORGANISATION_WORDS,
    PLACE_FEATURE_WORDS,
    SHIP_PREFIXES,
    SPEECH_VERBS,
    TITLES,
)

DEMONYMS_PATH = PROJECT_ROOT / "data" / "places" / "demonyms.csv"
# Below this size a town is named in the news mostly by its own local paper; alone, such a match is weak evidence.
SMALL_TOWN_POPULATION = 15_000
# Header lines (outlet, section, date) sit in the first lines of an article, are short and have no full stop.
HEADER_LINES = 8
HEADER_MAX_WORDS = 6

_MATCH_TEXT = str.maketrans(
    {"-": " ", "‐": " ", "‑": " ", "–": " ", "’": "'", "‘": "'", "`": "'", "ʼ": "'", "\n": " ", "\t": " ", "\r": " "}
)
_BARE_TITLES = frozenset(title.rstrip(".") for title in TITLES)
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’.]*")
_ARTICLE_BEFORE = re.compile(r"(?:\b[AaEe]l[-‑ ]|\b(?:[Aa][dnrstz]|[Aa]sh)[-‑])$")


@dataclass(frozen=True)
class Toponym:
    """One place-name mention: where it is, the places it may mean, and whether the place itself is meant."""

    span: Span
    surface: str
    key: str
    candidates: tuple[Place, ...]
    literal: bool = True
    demonym: bool = False


def load_demonyms(path: Path = DEMONYMS_PATH) -> dict[str, str]:
    """Demonym -> country code, from our curated CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["demonym"]: row["country_code"] for row in csv.DictReader(handle)}


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (Turkish dotted I) grow when lower-cased; keep them so offsets stay aligned.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _case_fits(surface: str, form: str) -> bool:
    """A mention must be capitalised where the name is: "Jordan" yes, "jordan" no; "US" only as "US"."""
    if form.isupper() and len(form) <= 6:
        return surface == form
    if surface.isupper():
        return len(surface) >= 4
    surface_words = surface.translate(_MATCH_TEXT).split()
    form_words = form.translate(_MATCH_TEXT).split()
    if not any(word[:1].isupper() for word in surface_words):
        return False
    for surface_word, form_word in zip(surface_words, form_words, strict=False):
        if form_word[:1].isupper() and not surface_word[:1].isupper() and surface_word not in ("al", "el"):
            return False
    return True


class ToponymFinder:
    """Matches gazetteer names and demonyms in text, then applies the rules that reject or qualify a match."""

    def __init__(self, gazetteer: Gazetteer, demonyms: dict[str, str] | None = None) -> None:
        self.gazetteer = gazetteer
        demonyms = load_demonyms() if demonyms is None else demonyms
        self._demonym_countries = {
            demonym: country for demonym, code in demonyms.items() if (country := gazetteer.country(code)) is not None
        }
        alternatives = "|".join(re.escape(d) for d in sorted(self._demonym_countries, key=len, reverse=True))
        self._demonym_pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])") if alternatives else None

    def demonym_country_code(self, word: str) -> str | None:
        country = self._demonym_countries.get(word)
        return country.country_code if country else None

    def find(self, text: str) -> list[Toponym]:
        hits = self._place_hits(text) + self._demonym_hits(text)
        chosen = _longest_first(hits)
        return _apply_context_rules(text, chosen, self.gazetteer)

    def _place_hits(self, text: str) -> list[Toponym]:
        match_text = _lower_same_length(text).translate(_MATCH_TEXT)
        hits = []
        for end_index, key in self.gazetteer.automaton.iter(match_text):
            start = end_index - len(key) + 1
            end = end_index + 1
            if (start > 0 and match_text[start - 1].isalnum()) or (end < len(text) and match_text[end].isalnum()):
                continue
            surface = text[start:end]
            places = tuple(place for place, form in self.gazetteer.entries(key) if _fits(surface, form, key))
            if surface.isupper() and len(surface) > 3:
                # Capitals-only text (datelines, shouting headlines, acronyms) is trusted for well-known places
                # under their own names only: "GAZA" yes, "IRNA" (a rare alternate name of Salerno) no.
                places = tuple(
                    place
                    for place, form in self.gazetteer.entries(key)
                    if place in places and _is_strong(place) and (form == place.name or place.kind == "country")
                )
            if places:
                hits.append(Toponym(Span(start, end), surface, key, places))
        return hits

    def _demonym_hits(self, text: str) -> list[Toponym]:
        if self._demonym_pattern is None:
            return []
        return [
            Toponym(
                Span(match.start(), match.end()),
                match.group(),
                match.group(),
                (self._demonym_countries[match.group()],),
                literal=False,
                demonym=True,
            )
            for match in self._demonym_pattern.finditer(text)
        ]


def _fits(surface: str, form: str, key: str) -> bool:
    if not _case_fits(surface, form):
        return False
    # Common words only count as places when written the way the place's abbreviation is ("US", not "Us").
    return key not in COMMON_WORDS or (form.isupper() and surface == form)


def _longest_first(hits: list[Toponym]) -> list[Toponym]:
    """Overlapping matches: the longest wins ("Gulf of Aden" over "Aden"), then the earliest."""
    taken: list[Toponym] = []
    occupied: set[int] = set()
    for hit in sorted(hits, key=lambda h: (-(h.span.end - h.span.start), h.span.start)):
        if occupied.isdisjoint(range(hit.span.start, hit.span.end)):
            taken.append(hit)
            occupied.update(range(hit.span.start, hit.span.end))
    return sorted(taken, key=lambda h: h.span.start)


def _previous_word(text: str, start: int) -> str:
    """The word right before a position when only one space separates them on the same line, else ''."""
    if start < 2 or text[start - 1] != " ":
        return ""
    match = re.search(r"(\S+)$", text[max(0, start - 40) : start - 1])
    return match.group(1) if match else ""


def _next_word(text: str, end: int) -> str:
    if end >= len(text) or text[end] != " ":
        return ""
    match = re.match(r"([\w.&/']+)", text[end + 1 : end + 40])
    return match.group(1) if match else ""


def _is_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \"“'‘(")
    return not before or before[-1] in ".!?:\n"


def _is_title_case_line(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


class _Lines:
    """Which line each offset falls on, and whether that line is a title-cased heading or a page header."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.lines = text.split("\n")
        non_empty = [i for i, line in enumerate(self.lines) if line.strip()]
        self.headers = {
            i
            for i in non_empty[1:HEADER_LINES]
            if len(self.lines[i].split()) <= HEADER_MAX_WORDS and not self.lines[i].rstrip().endswith(".")
        }
        first_body = next((i for i in non_empty if len(self.lines[i].split()) > 12), len(self.lines))
        self.headers = {i for i in self.headers if i < first_body}

    def index(self, offset: int) -> int:
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low


def _apply_context_rules(text: str, hits: list[Toponym], gazetteer: Gazetteer) -> list[Toponym]:
    lines = _Lines(text)
    person_keys: set[str] = set()
    kept: list[Toponym] = []
    for hit in hits:
        line = lines.index(hit.span.start)
        verdict = _judge(text, hit, gazetteer, lines.lines[line])
        if verdict == "person":
            person_keys.add(hit.key)
            continue
        if verdict == "reject":
            continue
        in_header = line in lines.headers
        if in_header and not any(_is_state_or_country(p) for p in hit.candidates):
            # Page furniture ("Share", "Save", an outlet's home town) is not where anything happened.
            continue
        literal = verdict == "literal" and not in_header
        kept.append(_with_article(text, hit, literal))
    # A name once seen as a person's surname is that person everywhere in the article ("Austin said").
    return [hit for hit in kept if hit.demonym or hit.key not in person_keys]


def _with_article(text: str, hit: Toponym, literal: bool) -> Toponym:
    start = hit.span.start
    article = _ARTICLE_BEFORE.search(text[max(0, start - 4) : start])
    if article and not hit.demonym:
        start -= len(article.group())
    return Toponym(Span(start, hit.span.end), text[start : hit.span.end], hit.key, hit.candidates, literal, hit.demonym)


def _judge(text: str, hit: Toponym, gazetteer: Gazetteer, line: str) -> str:
    """'literal', 'associative', 'person' (a surname or given name) or 'reject' (part of some other name)."""
    previous = _previous_word(text, hit.span.start)
    following = _next_word(text, hit.span.end)
    bare_previous = previous.rstrip(".,")
    if previous in SHIP_PREFIXES or (previous and previous.rstrip(".") in _BARE_TITLES):
        return "person"
    if bare_previous in GIVEN_NAMES and previous == bare_previous:
        return "person"
    if hit.demonym:
        return "associative"
    strong = any(_is_strong(p) for p in hit.candidates)
    if following in ORGANISATION_WORDS:
        return "associative" if any(p.kind == "country" for p in hit.candidates) else "reject"
    if (
        previous == bare_previous
        and _is_unknown_capitalised(bare_previous, gazetteer)
        and not _is_title_case_line(line)
    ):
        return "person" if not strong or hit.key in GIVEN_NAME_PLACES else "reject"
    given_name = hit.key in GIVEN_NAME_PLACES or hit.surface in GIVEN_NAMES
    if given_name and following[:1].isupper() and not _is_placeish(following, gazetteer, hit.surface in GIVEN_NAMES):
        return "person"
    if not strong and _is_sentence_start(text, hit.span.start) and " " not in hit.key:
        return "reject"
    return "associative" if _is_associative(text, hit) else "literal"


def _is_state_or_country(place: Place) -> bool:
    return place.kind == "country" or (place.kind == "region" and place.admin1 is not None)


def _is_strong(place: Place) -> bool:
    """Places well known enough that a bare capitalised mention is evidence: not villages or minor districts."""
    if place.kind in ("country", "water", "site") or place.id.startswith("supplement:"):
        return True
    if place.kind == "region":
        return place.admin1 is not None or place.country_code is None
    return place.population >= SMALL_TOWN_POPULATION


def _is_unknown_capitalised(word: str, gazetteer: Gazetteer) -> bool:
    """A capitalised word that is neither a function word, a place, a demonym-like adjective nor a direction."""
    if not word[:1].isupper() or word.isupper():
        return False
    lowered = word.lower()
    if lowered in COMMON_WORDS or lowered.endswith(("ern", "ian", "ese", "ish", "i")) or word.endswith("'s"):
        return False
    return not gazetteer.has_key(lowered)


def _is_placeish(word: str, gazetteer: Gazetteer, strict: bool) -> bool:
    """Could `word` continue a place or organisation name rather than be a surname?"""
    if word in ORGANISATION_WORDS or word.lower() in PLACE_FEATURE_WORDS:
        return True
    return not strict and (gazetteer.has_key(word.lower()) or word.lower() in COMMON_WORDS)


def _is_associative(text: str, hit: Toponym) -> bool:
    end = hit.span.end
    after = text[end : end + 30]
    hyphenated = re.match(r"[-‑]([a-z]+)", after)
    if hyphenated and hyphenated.group(1) in ASSOCIATIVE_SUFFIXES:
        return True
    possessive = re.match(r"['’]s? (\w+)", after)
    if possessive and possessive.group(1).lower() in INSTITUTION_NOUNS:
        return True
    verb = re.match(r" (\w+)", after)
    return bool(verb and verb.group(1) in SPEECH_VERBS)
