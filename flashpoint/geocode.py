"""Choose the place each toponym means, by readable rules, and offer that as a geopy-compatible geocoder."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict

from geopy.geocoders.base import Geocoder
from geopy.location import Location as GeopyLocation

from flashpoint.gazetteer import Gazetteer
from flashpoint.gazetteer_sources import CAPITAL_SOURCE_NOTE, COUNTY_ID_PREFIX
from flashpoint.model import Place

# Middle East and North Africa, the default region ambiguous names lean toward when the article says nothing.
MENA_COUNTRIES = frozenset("AE BH CY DJ DZ EG ER IL IQ IR JO KW LB LY MA OM PS QA SA SD SO SY TN TR YE".split())
MENA_BOX = (10.0, 43.0, -18.0, 64.0)  # south, north, west, east: seas and regions without a country code

# Scores are in "powers of ten of population" so a rule's weight reads as "worth N times more people".
COUNTRY_SCORE = 9.0
CONTINENT_SCORE = 8.0
SUBDIVISION_SCORE = 7.0
SUB_SUBDIVISION_SCORE = 5.5
SITE_OR_WATER_SCORE = 6.0
# A province of a country of under SMALL_COUNTRY_POPULATION people is worth a town of ten thousand.
SMALL_COUNTRY_SUBDIVISION_SCORE = 4.0
SMALL_COUNTRY_POPULATION = 1_000_000
CURATED_BONUS = 1.5
# "Washington", "Amman", "Beirut": a national capital is what the bare name means far more often than its size says.
CAPITAL_BONUS = 1.5
REGION_PRIOR_BONUS = 1.0
# A city and the province named after it are one place for a reader: "Baghdad", "Erbil", "Paris"; a wide province
# may have its centre far from the city it is named for (Senegal's Saint-Louis region, about 190 km).
CITY_PROVINCE_KM = 200.0
CITY_PROVINCE_MIN_POPULATION = 50_000
# A metropolis outweighs the state named after it even farther from the state's centre ("New York").
METROPOLIS_POPULATION = 1_000_000
METROPOLIS_PROVINCE_KM = 350.0


def distance_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def in_region(place: Place, region_prior: str) -> bool:
    if region_prior != "MENA":
        return False
    if place.country_code:
        return place.country_code in MENA_COUNTRIES
    south, north, west, east = MENA_BOX
    return south <= place.lat <= north and west <= place.lon <= east


def base_score(place: Place, region_prior: str = "MENA", small_countries: frozenset[str] = frozenset()) -> float:
    """What a place is worth before the article says anything: its kind, its size, our curation, the region.

    `small_countries`: codes of countries so small that their provinces ("Saint Louis", Seychelles) are seldom
    news and should not outrank a city of the same name.
    """
    if place.kind == "country":
        score = COUNTRY_SCORE + math.log10(place.population + 1) / 10
    elif place.kind == "region":
        if place.country_code is None:
            score = CONTINENT_SCORE
        elif (place.id.startswith("iso3166-2:") and place.admin1 is None) or place.id.startswith(COUNTY_ID_PREFIX):
            score = SUB_SUBDIVISION_SCORE
        else:
            score = SUBDIVISION_SCORE
        if place.country_code in small_countries and place.id.startswith("iso3166-2:"):
            score = SMALL_COUNTRY_SUBDIVISION_SCORE
    elif place.kind in ("site", "water"):
        score = SITE_OR_WATER_SCORE
    else:
        score = math.log10(place.population + 1)
        if CAPITAL_SOURCE_NOTE in place.source:
            score += CAPITAL_BONUS
    if place.id.startswith("supplement:"):
        # Our curated entries often carry no population; they are there because the news names them.
        score = max(score, SUBDIVISION_SCORE) + CURATED_BONUS
    if in_region(place, region_prior):
        score += REGION_PRIOR_BONUS
    return score


def without_city_provinces(candidates: Sequence[Place]) -> tuple[Place, ...]:
    """Drop a province when a sizeable city of the same name lies in it; the city is what the name means."""
    cities = [p for p in candidates if p.kind == "city" and p.population >= CITY_PROVINCE_MIN_POPULATION]
    return tuple(place for place in candidates if not _named_for_city(place, cities))


def _named_for_city(place: Place, cities: Sequence[Place]) -> bool:
    if place.kind != "region" or not place.id.startswith("iso3166-2:") or not place.country_code:
        return False
    for city in cities:
        if city.country_code == place.country_code:
            reach = METROPOLIS_PROVINCE_KM if city.population >= METROPOLIS_POPULATION else CITY_PROVINCE_KM
            if distance_km(city, place) <= reach:
                return True
    return False


def contains(outer: Place, inner: Place) -> bool:
    """True when `outer` (a country or a state) holds `inner`, as in "Savannah, Georgia" or "Kerman, Iran"."""
    if outer.kind not in ("country", "region") or outer.country_code != inner.country_code or outer is inner:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    if outer.admin1 is None or outer.admin1 != inner.admin1:
        return False
    if outer.id.startswith(COUNTY_ID_PREFIX):
        # Counties carry only their state's code: any town of that state may lie in one ("Corbin, Laurel County").
        return inner.kind == "city"
    return inner.kind != "region" or inner.id.startswith(COUNTY_ID_PREFIX)


def best_pair(inner: Sequence[Place], outer: Sequence[Place], region_prior: str) -> tuple[Place, Place] | None:
    pairs = [(a, b) for a in inner for b in outer if contains(b, a)]
    if not pairs:
        return None
    return max(pairs, key=lambda pair: base_score(pair[0], region_prior) + base_score(pair[1], region_prior))


class OfflineGeocoder(Geocoder):
    """geopy-compatible geocoder over our gazetteer: `geocode("Tripoli, Lebanon")` with no network."""

    def __init__(self, gazetteer: Gazetteer, region_prior: str = "MENA", fallback: Geocoder | None = None) -> None:
        super().__init__()
        self.gazetteer = gazetteer
        self.region_prior = region_prior
        self.fallback = fallback

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: object) -> GeopyLocation | list | None:
        """Places the query names, best first; "X, Y" reads Y as the country or state holding X."""
        parts = [part.strip() for part in str(query).split(",") if part.strip()]
        ranked: list[Place] = []
        if len(parts) >= 2:
            pair = best_pair(
                self.gazetteer.candidates(parts[0]), self.gazetteer.candidates(parts[-1]), self.region_prior
            )
            if pair is not None:
                ranked.append(pair[0])
        if parts:
            places = without_city_provinces(self.gazetteer.candidates(parts[0]))
            ranked += sorted(
                (p for p in places if p not in ranked), key=lambda p: base_score(p, self.region_prior), reverse=True
            )
        if not ranked:
            if self.fallback is not None:
                return self.fallback.geocode(query, exactly_one=exactly_one, **kwargs)
            return None
        locations = [_as_geopy(place) for place in ranked]
        return locations[0] if exactly_one else locations


def _as_geopy(place: Place) -> GeopyLocation:
    address = place.name if place.kind == "country" or not place.country_code else f"{place.name}, {place.country_code}"
    return GeopyLocation(address, (place.lat, place.lon), asdict(place))
