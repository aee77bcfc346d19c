"""Find the place names in a text, with character spans, and tell literal from associative uses."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from flashpoint.gazetteer import SHORT_NAME_LENGTH, Gazetteer, word_padded
from flashpoint.gazetteer_sources import ascii_fold
from flashpoint.model import Place, Span
from flashpoint.place_traits import Traits, candidate_traits, is_state_or_country, is_strong
from flashpoint.settings import PROJECT_ROOT
from flashpoint.toponym_rules import apply_context_rules
from flashpoint.toponym_words import COMMON_WORDS, NOT_PLACES

DEMONYMS_PATH = PROJECT_ROOT / "data" / "places" / "demonyms.csv"

# A short name (see gazetteer.SHORT_NAME_LENGTH) as a word of its own, with the full stop of an abbreviation.
_SHORT_WORD = re.compile(r"(?<![\w.'’-])[A-Z][A-Za-z]{1,2}(\.?)(?![\w'’])")
# Names seen recently, with the places their spelling allows; bounded so a long batch cannot grow it without end.
WRITTEN_CACHE_SIZE = 50_000
# Countries whose news names counties ("Laurel County") that GeoNames' city lists do not hold.
COUNTY_COUNTRIES = frozenset(["US", "GB", "IE"])
_COUNTY_AFTER = re.compile(r" (?:County|Parish)\b")
# Lower-case starts a name may have: Arabic and English articles, and a direction before a curated region.
_ARTICLE_STARTS = frozenset(["al ", "el ", "the", "nor", "sou", "eas", "wes", "cen", "occ", "upp", "low"])
# Words a name may carry in lower case: Arabic articles, and the kind of place after a proper name, as news often
# writes it ("al-Aqsa Martyrs hospital", "Rafah crossing", "Gaza city").
_LOWER_CASE_NAME_WORDS = frozenset(
    """al el hospital airport crossing base camp city port refinery field mosque square roundabout bridge dam
    university governorate province district""".split()
)
_MATCH_TEXT = str.maketrans(
    {"-": " ", "‐": " ", "‑": " ", "–": " ", "’": "'", "‘": "'", "`": "'", "ʼ": "'", "\n": " ", "\t": " ", "\r": " "}
)


class Toponym(NamedTuple):
    """One place-name mention: where it is, the places it may mean, and whether the place itself is meant.

    A named tuple rather than a dataclass: an article yields dozens of these and rebuilds some, and a tuple is
    several times cheaper to make.
    """

    span: Span
    surface: str
    key: str
    candidates: tuple[Place, ...]
    traits: Traits
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
        if form_word[:1].isupper() and not surface_word[:1].isupper() and surface_word not in _LOWER_CASE_NAME_WORDS:
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
        self._demonym_words = frozenset(self._demonym_countries)
        self._demonym_candidates = {
            demonym: ((country,), candidate_traits((country,))) for demonym, country in self._demonym_countries.items()
        }
        self._demonym_automaton = ahocorasick.Automaton()
        for demonym in self._demonym_countries:
            self._demonym_automaton.add_word(word_padded(demonym.lower()), len(demonym))
        self._demonym_automaton.make_automaton()
        self._written_cache: dict[tuple[str, str], tuple[tuple[Place, ...], Traits]] = {}

    def demonym_country_code(self, word: str) -> str | None:
        country = self._demonym_countries.get(word)
        return country.country_code if country else None

    def find(self, text: str) -> list[Toponym]:
        match_text = _lower_same_length(text).translate(_MATCH_TEXT)
        padded_text = word_padded(match_text)
        hits = self._place_hits(text, match_text, padded_text) + self._demonym_hits(text, padded_text)
        chosen = _longest_first(hits)
        return apply_context_rules(text, chosen, self.gazetteer, self._demonym_words)

    def _place_hits(self, text: str, match_text: str, padded_text: str) -> list[Toponym]:
        """Index names found as whole words that start with a capital (or an article: "al-", "the")."""
        hits = []
        keys = self.gazetteer.keys
        short_start = -1
        for end_index, length in self.gazetteer.automaton.iter(padded_text):
            # The padded text has one space in front, and the hit ends on the space after the name.
            start = end_index - length - 1
            end = end_index - 1
            if length <= SHORT_NAME_LENGTH:
                # Two- and three-letter names count only as a capitalised word of their own ("US", "Kut", "Ga.").
                if start == short_start or not "A" <= text[start] <= "Z":
                    continue
                short_start = start
                short = _SHORT_WORD.match(text, start)
                if short is None:
                    continue
                key = short.group().lower()
                end = short.end()
                if not (short.group(1) and key in keys):
                    end -= len(short.group(1))
                    key = key.rstrip(".")
                    if key not in keys:
                        continue
            else:
                if not text[start].isupper() and match_text[start : start + 3] not in _ARTICLE_STARTS:
                    continue
                key = match_text[start:end]
                if key not in keys:
                    continue
            surface = text[start:end]
            if surface.islower():
                continue
            places, traits = self._places_written(key, surface)
            if places and _COUNTY_AFTER.match(text, end):
                # "Laurel County": no county outlines here, so the county is placed at a town of its name, which
                # the article's state then picks; a separate key keeps "Laurel" itself free to be elsewhere.
                county = self._county_towns(key, surface, places)
                if county is not None:
                    key = f"{key} county"
                    places, traits = county
            if places:
                hits.append(Toponym(Span(start, end), surface, key, places, traits))
        return hits

    def _county_towns(
        self, key: str, surface: str, places: tuple[Place, ...]
    ) -> tuple[tuple[Place, ...], Traits] | None:
        cache_key = (f"{key} county", surface)
        cached = self._written_cache.get(cache_key)
        if cached is None:
            towns = tuple(p for p in places if p.kind == "city" and p.country_code in COUNTY_COUNTRIES)
            cached = self._remember(cache_key, towns)
        return cached if cached[0] else None

    def _remember(self, cache_key: tuple[str, str], places: tuple[Place, ...]) -> tuple[tuple[Place, ...], Traits]:
        if len(self._written_cache) >= WRITTEN_CACHE_SIZE:
            self._written_cache.clear()
        entry = self._written_cache[cache_key] = (places, candidate_traits(places))
        return entry

    def _places_written(self, key: str, surface: str) -> tuple[tuple[Place, ...], Traits]:
        """The places under `key` whose name is written the way `surface` is (capitals checked); memoised."""
        cached = self._written_cache.get((key, surface))
        if cached is not None:
            return cached
        entries = self.gazetteer.entries(key)
        places = tuple(place for place, form in entries if _fits(surface, form, key))
        if surface.isupper() and len(surface) > 3 and not _is_abbreviation(surface):
            # Capitals-only text (datelines, shouting headlines, acronyms) is trusted for well-known places
            # under their own names only: "GAZA" yes, "IRNA" (a rare alternate name of Salerno) no.
            places = tuple(
                place
                for place, form in entries
                if place in places and is_strong(place) and (_same_name(form, place.name) or is_state_or_country(place))
            )
        return self._remember((key, surface), places)

    def _demonym_hits(self, text: str, padded_text: str) -> list[Toponym]:
        """ "Iranian", "Palestinians", "South African": each names its country, associatively."""
        hits = []
        for end_index, length in self._demonym_automaton.iter(padded_text):
            start = end_index - length - 1
            surface = text[start : end_index - 1]
            country = self._demonym_countries.get(surface)
            # Written exactly as listed (capitals and single spaces), and not the tail of "pro-Iranian".
            if country is not None and (start == 0 or text[start - 1] != "-"):
                candidates, traits = self._demonym_candidates[surface]
                hits.append(Toponym(Span(start, end_index - 1), surface, surface, candidates, traits, False, True))
        return hits


def _is_abbreviation(surface: str) -> bool:
    """ "US", "UAE", "N.Y.": capitals that are the name's own short form, not shouted text."""
    return len(surface.replace(".", "")) <= 3


def _same_name(form: str, name: str) -> bool:
    """The place's own name, give or take accents and a trailing "City" ("NEW YORK" for New York City)."""
    folded_form, folded_name = ascii_fold(form).lower(), ascii_fold(name).lower()
    return folded_name in (folded_form, f"{folded_form} city")


def _fits(surface: str, form: str, key: str) -> bool:
    if key in NOT_PLACES or not _case_fits(surface, form):
        return False
    # Common words only count as places when written the way the place's abbreviation is ("US", not "Us").
    return key not in COMMON_WORDS or (form.isupper() and surface == form)


def _longest_first(hits: list[Toponym]) -> list[Toponym]:
    """Overlapping matches: the longest wins ("Gulf of Aden" over "Aden"), then the earliest."""
    taken: list[Toponym] = []
    inside: list[Toponym] = []
    occupied = bytearray(max((hit.span.end for hit in hits), default=0))
    for hit in sorted(hits, key=lambda h: (h.span.start - h.span.end, h.span.start)):
        start, end = hit.span.start, hit.span.end
        if occupied.find(1, start, end) == -1:
            taken.append(hit)
            occupied[start:end] = b"\x01" * (end - start)
        else:
            inside.append(hit)
    # A long name may hold another place's name: "Beirut's southern suburbs", "the hospital in Gaza". Those are
    # mentions too; "Aden" in "Gulf of Aden" is not.
    for hit in inside:
        outer = next((t for t in taken if t.span.start <= hit.span.start and hit.span.end <= t.span.end), None)
        if outer is not None and _names_another_place(outer, hit):
            taken.append(hit)
    return sorted(taken, key=lambda h: h.span.start)


def _names_another_place(outer: Toponym, inner: Toponym) -> bool:
    before = outer.surface[: inner.span.start - outer.span.start]
    after = outer.surface[inner.span.end - outer.span.start :]
    return not inner.demonym and (after.startswith(("'s ", "’s ")) or before.endswith(" in "))
