"""Geoparse an article: find its place names, resolve each to one place, and group the mentions per place."""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence

from flashpoint.admin_areas import AdminAreas
from flashpoint.gazetteer import Gazetteer
from flashpoint.geocode import SMALL_COUNTRY_POPULATION, distance_km
from flashpoint.model import Location, Place
from flashpoint.resolver import Resolver
from flashpoint.toponyms import Toponym, ToponymFinder

# Two resolved places this close, in one country, whose names start alike are one place written two ways
# ("Gaza" and "Gaza Strip").
SAME_PLACE_KM = 30.0
WHOLE_COUNTRY_KM = 25.0
DIRECTION_WORDS = frozenset(
    """north northern south southern east eastern west western central northeast northwest southeast southwest
    al el the""".split()
)
# Place names whose derived forms (head word, bare name) are remembered across articles.
NAME_CACHE_SIZE = 20_000
_POSSESSIVE = re.compile(r"['’]s?$")
_WORD_BREAK = re.compile(r"[\s-]+")
_COMMA_GAP = re.compile(r"^\s?,\s?$")
_LIST_GAPS = frozenset([", ", " and ", " or ", ", and ", ", or "])


class Geoparser:
    """Text -> the places it names; built once per gazetteer and reused for every article."""

    def __init__(
        self, gazetteer: Gazetteer, region_prior: str = "MENA", demonyms: dict[str, str] | None = None
    ) -> None:
        self.gazetteer = gazetteer
        self.region_prior = region_prior.upper()
        self.finder = ToponymFinder(gazetteer, demonyms)
        small_countries = frozenset(
            place.country_code
            for place in gazetteer.countries()
            if place.country_code and 0 < place.population < SMALL_COUNTRY_POPULATION
        )
        self.resolver = Resolver(self.region_prior, small_countries)
        self.admin_areas = AdminAreas(gazetteer)

    def toponyms(self, text: str) -> list[Toponym]:
        return self.finder.find(text)

    def parse(self, text: str) -> tuple[Location, ...]:
        """One Location per place the text names, with every mention; literal=False when all uses are associative."""
        toponyms, chosen = self.resolve_toponyms(text)
        if not toponyms:
            return ()
        chosen = {key: self._whole_country(place) for key, place in chosen.items()}
        return _group(toponyms, chosen, self.admin_areas.admin1_of)

    def resolve_toponyms(self, text: str) -> tuple[list[Toponym], dict[str, Place]]:
        """The text's toponyms and the place resolution picked for each toponym key (before grouping)."""
        toponyms = self.toponyms(text)
        if not toponyms:
            return toponyms, {}
        keyed: dict[str, tuple[Place, ...]] = {}
        for toponym in toponyms:
            keyed.setdefault(toponym.key, toponym.candidates)
        chosen = self.resolver.resolve(keyed, _comma_pairs(text, toponyms), _list_pairs(text, toponyms))
        return toponyms, chosen

    def _whole_country(self, place: Place) -> Place:
        """A region named for a people and centred on their country ("the Palestinian territories") is that country."""
        if place.kind != "region" or not place.country_code:
            return place
        country = self.gazetteer.country(place.country_code)
        first_word = place.name.split()[0] if place.name else ""
        named_for_people = self.finder.demonym_country_code(first_word) == place.country_code
        if country is not None and named_for_people and distance_km(country, place) <= WHOLE_COUNTRY_KM:
            return country
        return place


def _comma_pairs(text: str, toponyms: Sequence[Toponym]) -> list[tuple[str, str]]:
    """ "Savannah, Georgia" and "Kerman, Iran": the second name says which first one is meant."""
    pairs = []
    for first, second in itertools.pairwise(toponyms):
        if not first.demonym and not second.demonym and _COMMA_GAP.match(text[first.span.end : second.span.start]):
            pairs.append((first.key, second.key))
    return pairs


def _list_pairs(text: str, toponyms: Sequence[Toponym]) -> list[tuple[str, str]]:
    """ "Alaska, Hawaii, Florida and Washington": neighbours in a list, which name places of one kind."""
    pairs = []
    for first, second in itertools.pairwise(toponyms):
        gap = text[first.span.end : second.span.start]
        if not first.demonym and not second.demonym and gap in _LIST_GAPS and first.key != second.key:
            pairs.append((first.key, second.key))
    return pairs


def _display_name(place: Place, mentions: Sequence[Toponym]) -> str:
    """Countries and curated places by their own name; others as the article spells them most often."""
    if place.kind == "country" or place.id.startswith("supplement:"):
        return place.name
    surfaces = Counter(m.surface for m in mentions if not m.demonym)
    if not surfaces:
        return place.name
    surface = surfaces.most_common(1)[0][0]
    surface = _POSSESSIVE.sub("", surface)
    return surface.title() if surface.isupper() else surface


def _group(
    toponyms: Sequence[Toponym], chosen: dict[str, Place], admin1_of: Callable[[Place], str | None]
) -> tuple[Location, ...]:
    mentions: dict[str, list[Toponym]] = {}
    places: dict[str, Place] = {}
    filed: dict[str, str] = {}
    for toponym in toponyms:
        place = chosen.get(toponym.key)
        if place is None:
            continue
        target = filed.get(place.id)
        if target is None:
            target = filed[place.id] = _merge_target(place, places)
            places.setdefault(target, place)
        mentions.setdefault(target, []).append(toponym)
    _fold_directional_regions(mentions, places)
    locations = []
    for place_id, place_mentions in mentions.items():
        place = places[place_id]
        locations.append(
            Location(
                name=_display_name(place, place_mentions),
                kind=place.kind,
                country_code=place.country_code,
                lat=place.lat,
                lon=place.lon,
                mentions=tuple(m.span for m in place_mentions),
                literal=any(m.literal for m in place_mentions),
                place_id=place.id,
                admin1=admin1_of(place),
            )
        )
    return tuple(locations)


def _merge_target(place: Place, known: dict[str, Place]) -> str:
    """The id under which to file a place: its own, or that of a near-identical place already seen."""
    if place.id in known:
        return place.id
    if place.kind == "country":
        # A demonym and the country's name may come from two entries (package and supplement): one country.
        same = [
            other.id for other in known.values() if other.kind == "country" and other.country_code == place.country_code
        ]
        return same[0] if same else place.id
    if place.kind == "site":
        # An airport, crossing or hospital is a place of its own, not another spelling of its town.
        return place.id
    head = _head_word(place.name)
    for other in known.values():
        if (
            other.kind not in ("country", "site")
            and not _is_directional(other)
            and other.country_code == place.country_code
            and _head_word(other.name) == head
            and head in (_bare_name(place.name), _bare_name(other.name))
            and distance_km(other, place) <= SAME_PLACE_KM
        ):
            return other.id
    return place.id


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def _bare_name(name: str) -> str:
    return " ".join(w for w in _WORD_BREAK.split(name.lower()) if w not in DIRECTION_WORDS)


def _fold_directional_regions(mentions: dict[str, list[Toponym]], places: dict[str, Place]) -> None:
    """ "northern Israel" beside "Israel" is filed with the country, as "southern Gaza" is with Gaza."""
    for place_id, place in list(places.items()):
        # A province named by its direction ("Eastern Cape", "Northern Territory") is a whole of its own.
        if place.kind == "country" or not _is_directional(place) or place.id.startswith("iso3166-2:"):
            continue
        head = _head_word(place.name)
        whole = next(
            (
                other_id
                for other_id, other in places.items()
                if other_id != place_id
                and other.country_code == place.country_code
                and _head_word(other.name) == head
                and not _is_directional(other)
            ),
            None,
        )
        if whole is not None:
            mentions[whole] = sorted(mentions[whole] + mentions.pop(place_id), key=lambda m: m.span.start)
            del places[place_id]


def _is_directional(place: Place) -> bool:
    """ "southern Gaza", "northern Israel": part of a place named by its direction."""
    return _is_directional_name(place.name)


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def _is_directional_name(name: str) -> bool:
    return bool(name) and name.split()[0].lower() in DIRECTION_WORDS - {"al", "el", "the"}


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def _head_word(name: str) -> str:
    """The word a place name is filed under: "southern Gaza", "Gaza Strip" and "Gaza" all under "gaza"."""
    words = [w for w in _WORD_BREAK.split(name.lower()) if w not in DIRECTION_WORDS]
    return words[0] if words else ""
