"""Reconcile ISO subdivisions with GeoNames towns: admin-1 codes, and English names that belong to other places."""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from flashpoint.gazetteer_sources import PlaceRecord

# The towns nearest a subdivision's centre vote for its code; a clear majority is needed to assign one.
VOTERS = 7
MAJORITY = 4
# A subdivision's English alias that is the name of a city this big abroad is a translation ("Columbus" for
# Colón) that would pull that city's mentions away; the subdivision keeps its own names.
FOREIGN_CITY_POPULATION = 50_000


def without_foreign_city_names(subdivisions: Iterable[PlaceRecord], cities: list[PlaceRecord]) -> list[PlaceRecord]:
    """Subdivisions minus the alternate names that big cities of other countries go by."""
    big_abroad: dict[str, set[str]] = defaultdict(set)
    for city in cities:
        if city.population >= FOREIGN_CITY_POPULATION and city.country_code:
            for name in city.names:
                big_abroad[name.lower()].add(city.country_code)
    cleaned = []
    for subdivision in subdivisions:
        kept = tuple(
            name
            for position, name in enumerate(subdivision.names)
            if position == 0 or not (big_abroad.get(name.lower(), set()) - {subdivision.country_code})
        )
        cleaned.append(replace(subdivision, names=kept) if kept != subdivision.names else subdivision)
    return cleaned


def link_subdivisions(subdivisions: Iterable[PlaceRecord], cities: list[PlaceRecord]) -> list[PlaceRecord]:
    """Subdivisions with `admin1` set to the GeoNames code of the towns around their centre.

    ISO codes ("IQ-AN") and GeoNames admin-1 codes ("IQ" "04") differ outside a few countries (US, GB); the
    packages carry no table between them, so each first-level subdivision takes the code most of its nearest
    towns share. Where the codes already agree, or no clear majority exists, the record is left as it is.
    """
    towns_by_country: dict[str, list[PlaceRecord]] = defaultdict(list)
    for city in cities:
        if city.admin1 and city.country_code:
            towns_by_country[city.country_code].append(city)
    codes_by_country = {country: {t.admin1 for t in towns} for country, towns in towns_by_country.items()}
    linked: list[PlaceRecord] = []
    claims: dict[tuple[str, str], tuple[int, int]] = {}
    pending: list[tuple[PlaceRecord, str | None, int]] = []
    for subdivision in subdivisions:
        country = subdivision.country_code or ""
        if subdivision.admin1 is None or subdivision.admin1 in codes_by_country.get(country, set()):
            linked.append(subdivision)
            continue
        code, votes = _vote(subdivision, towns_by_country.get(country, []))
        if code is not None:
            best = claims.get((country, code))
            if best is None or votes > best[0]:
                claims[(country, code)] = (votes, len(pending))
        pending.append((subdivision, code, votes))
    for position, (subdivision, code, _votes) in enumerate(pending):
        country = subdivision.country_code or ""
        # One code, one subdivision: the best-supported claimant keeps it; the others stay unlinked.
        if code is not None and claims[(country, code)][1] == position:
            linked.append(replace(subdivision, admin1=code))
        else:
            linked.append(replace(subdivision, admin1=f"iso:{subdivision.admin1}"))
    return linked


def _vote(subdivision: PlaceRecord, towns: list[PlaceRecord]) -> tuple[str | None, int]:
    if not towns:
        return None, 0
    scale = math.cos(math.radians(subdivision.lat))
    nearest = heapq.nsmallest(
        VOTERS, towns, key=lambda t: (t.lat - subdivision.lat) ** 2 + ((t.lon - subdivision.lon) * scale) ** 2
    )
    code, votes = Counter(t.admin1 for t in nearest).most_common(1)[0]
    return (code, votes) if votes >= MAJORITY else (None, votes)
