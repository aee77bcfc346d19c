"""The admin-1 region (governorate, province, state) a resolved place lies in, by the name news uses for it.

GeoNames towns carry GeoNames admin-1 codes and ISO 3166-2 subdivisions carry ISO codes; the two differ in most
countries and no installed package maps one to the other. Each (country, GeoNames code) is tied to the ISO
subdivisions whose centres most of that code's towns surround (the code the nearest towns of a centre carry), and a
town goes to the nearest of the subdivisions sharing its code. Subdivisions are taken at the ISO level that matches
GeoNames' count of regions in that country: Iraq's governorates sit under the Kurdistan
Region in ISO but are GeoNames' admin-1, while France's regions are GeoNames' admin-1 and ISO's top level. A place
without a code (our supplement's towns and sites) takes the code of the nearest coded GeoNames town of its country.
"""

from __future__ import annotations

import heapq
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources

from flashpoint.errors import GazetteerError
from flashpoint.gazetteer import Gazetteer
from flashpoint.model import Place

ISO_PREFIX = "iso3166-2:"
# A supplement place further than this from every coded town of its country is left without a region.
NEAREST_TOWN_KM = 30.0
# A curated region ("Erbil Governorate") is the ISO subdivision whose centre lies this close to its own.
SAME_REGION_KM = 60.0
# Words that make a curated region's name that of an administrative area.
ADMIN_WORDS = frozenset({"governorate", "province"})
DIRECTIONS = frozenset({"north", "south", "east", "west", "central"})
# Arabic articles, written apart or hyphenated, that one spelling of a region has and another lacks.
ARTICLES = frozenset({"al", "an", "ar", "as", "ad", "ash", "at", "az", "el"})
# Our supplement's ids: its governorates name the regions the way the news does.
CURATED_PREFIX = "supplement:"
# Towns nearest a region's centre that vote for the GeoNames code it stands for.
VOTERS = 7
_ENGLISH_NAME = re.compile(r"^\s*(.+?)\s*\(eng\)\s*$")
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: exact enough at the scale of one country's towns."""
    scale = math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.hypot(lat1 - lat2, (lon1 - lon2) * scale)


def _read_iso_subdivisions() -> dict[str, dict]:
    try:
        text = resources.files("iso3166_2").joinpath("iso3166-2.json").read_text(encoding="utf-8")
    except ModuleNotFoundError as exc:
        raise GazetteerError("the iso3166_2 package is missing; run `pip install -r requirements.txt`") from exc
    return json.loads(text)


def english_name(subdivision: dict) -> str:
    """The subdivision's ISO name when written in plain letters ("Texas"), else the English name ISO lists for it
    ("Erbil" for Arbīl), else the ISO name."""
    iso_name = _BRACKETS.sub("", subdivision.get("name") or "").split(",")[0].strip()
    if iso_name.isascii():
        return iso_name
    for other in (subdivision.get("localOtherName") or "").split(","):
        match = _ENGLISH_NAME.match(other)
        if match and not match.group(1).startswith("The "):
            return match.group(1)
    return iso_name


class AdminAreas:
    """Place -> the name of its admin-1 region; each country is worked out on first use, then cached per place.

    A region goes by the name of our curated governorate for it where there is one ("Deir ez-Zor" for ISO's Dayr
    az Zawr), else by its English name (`english_name`).
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._towns: dict[str, list[tuple[float, float, str]]] | None = None
        self._curated: dict[str, list[Place]] = defaultdict(list)
        self._subdivisions: dict[str, dict[str, dict]] | None = None
        self._regions: dict[str, list[Region]] = {}
        self._curated_regions: dict[str, Region] = {}
        self._cache: dict[str, str | None] = {}

    def admin1_of(self, place: Place) -> str | None:
        """The admin-1 region's name for a town, site or region; None for countries, seas and unplaced towns."""
        if place.region is not None:
            # Worked out when the place index was built (`regions_of`): no per-process pass over the gazetteer.
            return place.region or None
        if place.kind in ("country", "sea", "continent") or not place.country_code:
            return None
        if place.id not in self._cache:
            self._cache[place.id] = self._find(place)
        return self._cache[place.id]

    def _find(self, place: Place) -> str | None:
        country = place.country_code or ""
        regions = self._country_regions(country)
        if place.id.startswith(ISO_PREFIX):
            code = place.id[len(ISO_PREFIX) :]
            own = next((region.name for region in regions if region.iso_code == code), None)
            subdivision = self._iso_subdivisions().get(country, {}).get(code)
            return own or (english_name(subdivision) if subdivision else place.name)
        if place.kind == "region":
            # Other curated regions (the Gaza Strip, the Galilee) span or cut across governorates: their own area.
            matched = self._curated_regions.get(place.id)
            return matched.name if matched else place.name
        code = place.admin1 if place.admin1 and not place.admin1.startswith("iso:") else None
        if code is None:
            code = _nearest(self._country_towns(country), place.lat, place.lon, NEAREST_TOWN_KM)
        # The town's code rules out regions across a border; among those sharing it, the nearest centre.
        sharing = [r for r in regions if r.code == code] or regions
        return _nearest(((r.lat, r.lon, r.name) for r in sharing), place.lat, place.lon, math.inf)

    def _iso_subdivisions(self) -> dict[str, dict[str, dict]]:
        if self._subdivisions is None:
            self._subdivisions = _read_iso_subdivisions()
        return self._subdivisions

    def _country_towns(self, country: str) -> list[tuple[float, float, str]]:
        if self._towns is None:
            self._towns = defaultdict(list)
            for place in self.gazetteer.iter_places():
                if not place.country_code:
                    continue
                if place.kind == "city" and place.id.startswith("geonames:") and place.admin1:
                    self._towns[place.country_code].append((place.lat, place.lon, place.admin1))
                elif place.kind == "region" and place.id.startswith(CURATED_PREFIX) and _admin_words(place.name):
                    self._curated[place.country_code].append(place)
        return self._towns.get(country, [])

    def _country_regions(self, country: str) -> list[Region]:
        if country not in self._regions:
            towns = self._country_towns(country)
            subdivisions = self._iso_subdivisions().get(country, {})
            regions = []
            for code in _matching_level(subdivisions, len({town[2] for town in towns})):
                lat, lon = (float(value) for value in subdivisions[code]["latLng"])
                keys = {_name_key(name) for name in _iso_names(subdivisions[code])}
                voted = _voted_code(towns, lat, lon)
                regions.append(Region(english_name(subdivisions[code]), lat, lon, voted, code, frozenset(keys)))
            self._regions[country] = self._with_curated_names(country, regions)
        return self._regions[country]

    def _with_curated_names(self, country: str, regions: list[Region]) -> list[Region]:
        """The regions renamed after the curated governorates that stand for them (matched by name, else by
        centre), each curated governorate remembered with its region."""
        renamed = {region.iso_code: region for region in regions}
        for curated in self._curated.get(country, ()):
            key = _name_key(curated.name)
            region = next((r for r in regions if key in r.keys), None)
            if region is None:
                near = _nearest(((r.lat, r.lon, r.iso_code) for r in regions), curated.lat, curated.lon, SAME_REGION_KM)
                region = renamed.get(near) if near else None
            if region is None:
                continue
            plain = " ".join(word for word in curated.name.split() if word.casefold() not in ADMIN_WORDS)
            # "South Governorate" without its noun would be a bare direction.
            plain = curated.name if plain.casefold() in DIRECTIONS else plain
            if renamed[region.iso_code] is region:
                renamed[region.iso_code] = replace(region, name=plain)
            self._curated_regions[curated.id] = renamed[region.iso_code]
        return list(renamed.values())


@dataclass(frozen=True)
class Region:
    """An admin-1 region: its name, centre, the GeoNames code most of the towns nearest its centre carry, its ISO
    code and the keys of its ISO names."""

    name: str
    lat: float
    lon: float
    code: str | None
    iso_code: str
    keys: frozenset[str]


def _admin_words(name: str) -> bool:
    return bool(ADMIN_WORDS & set(name.casefold().split()))


def _iso_names(subdivision: dict) -> list[str]:
    names = [_BRACKETS.sub("", subdivision.get("name") or "").split(",")[0]]
    names += [m.group(1) for m in map(_ENGLISH_NAME.match, (subdivision.get("localOtherName") or "").split(",")) if m]
    return names


def _name_key(name: str) -> str:
    """A name with accents, punctuation, Arabic articles and administrative words dropped: "Al-Qadisiyah
    Governorate" and "Al Qādisīyah" share "qadisiyah"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^a-z0-9]+", " ", plain).split()
    return " ".join(word for word in words if word not in ADMIN_WORDS and word not in ARTICLES)


def _voted_code(towns: list[tuple[float, float, str]], lat: float, lon: float) -> str | None:
    nearest = heapq.nsmallest(VOTERS, towns, key=lambda town: _km(lat, lon, town[0], town[1]))
    return Counter(town[2] for town in nearest).most_common(1)[0][0] if nearest else None


def _matching_level(subdivisions: dict[str, dict], geonames_codes: int) -> list[str]:
    """The ISO codes of one country's admin-1 level: its top level, or its leaves (children in place of their
    parent), whichever count is nearer GeoNames' number of admin-1 codes there."""
    placed = {code: s for code, s in subdivisions.items() if len(s.get("latLng") or []) == 2 and s.get("name")}
    parents = {s.get("parentCode") for s in placed.values() if s.get("parentCode")}
    top = [code for code, s in placed.items() if not s.get("parentCode")]
    leaves = [
        code
        for code, s in placed.items()
        if code not in parents and (not s.get("parentCode") or s["parentCode"] in top)
    ]
    return leaves if leaves and abs(len(leaves) - geonames_codes) < abs(len(top) - geonames_codes) else top


def _nearest(points: Iterable[tuple[float, float, str]], lat: float, lon: float, limit_km: float) -> str | None:
    best: tuple[float, str] | None = None
    for point_lat, point_lon, value in points:
        distance = _km(lat, lon, point_lat, point_lon)
        if distance <= limit_km and (best is None or distance < best[0]):
            best = (distance, value)
    return None if best is None else best[1]


def regions_of(gazetteer: Gazetteer) -> list[str]:
    """Each place's admin-1 region name in index order ("" for none), for the index builder to store, so that
    extraction never pays for the per-country work (a pass over every place, then votes per region)."""
    areas = AdminAreas(gazetteer)
    return [areas.admin1_of(place) or "" for place in gazetteer.iter_places()]
