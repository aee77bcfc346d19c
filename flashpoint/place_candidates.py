"""The gazetteer readings an analyst may choose from for one place of an article, scored as the resolver scores them.

A candidate's score is the resolver's: the place's base score (kind, size, curation, region) plus the support the
article's other names give it as they resolved (same country or state, nearby, home country, named capital).
Nothing here changes what the resolver picks; `chosen` marks the place the article's location holds now (the
machine's pick, or the analyst's after a place_candidate correction).
"""

from __future__ import annotations

from dataclasses import dataclass

from flashpoint.correction_checks import locations_named
from flashpoint.errors import ReviewError
from flashpoint.gazetteer import Gazetteer
from flashpoint.model import Extraction, Location, Place
from flashpoint.pipeline import Pipeline
from flashpoint.places import Geoparser


@dataclass(frozen=True)
class Candidate:
    """One reading of a place name: the gazetteer entry, its score in the article's context, and whether it is the
    reading in force."""

    place: Place
    score: float
    chosen: bool


def place_candidates(
    source: Pipeline | Geoparser | Gazetteer, extraction: Extraction, location_name: str
) -> list[Candidate]:
    """The readings of the article's place `location_name`, best score first (the one in force first among equals).

    `source` gives the geoparser: a pipeline's, a geoparser itself, or one built on a gazetteer (slower: it builds
    the toponym finder). Raises ReviewError when the extraction holds no place of that name.
    """
    found = locations_named(extraction, location_name)
    if not found:
        names = ", ".join(location.name for location in extraction.locations) or "none"
        raise ReviewError(f"no place named {location_name!r} in this article (it names: {names})")
    location = found[0]
    geoparser = _geoparser(source)
    toponyms, picks = geoparser.resolve_toponyms(extraction.article.text)
    mentioned = set(location.mentions)
    scores: dict[str, tuple[Place, float]] = {}
    for toponym in toponyms:
        if toponym.span not in mentioned:
            continue
        for place, score in geoparser.resolver.weighed(toponym.key, toponym.candidates, picks):
            known = scores.get(place.id)
            if known is None or score > known[1]:
                scores[place.id] = (place, score)
    if location.place_id not in scores:
        # The location holds a place no mention reads as (a region filed as its whole country, or a fixed point):
        # it is still the reading in force, scored by its base score alone.
        held = _held_place(location)
        scores[held.id] = (held, geoparser.resolver.score(held))
    candidates = [Candidate(place, round(score, 3), place.id == location.place_id) for place, score in scores.values()]
    return sorted(candidates, key=lambda candidate: (-candidate.score, not candidate.chosen, candidate.place.id))


def _held_place(location: Location) -> Place:
    return Place(
        id=location.place_id or f"{location.name}|{location.lat:.4f}|{location.lon:.4f}",
        name=location.name,
        kind=location.kind,
        country_code=location.country_code,
        lat=location.lat,
        lon=location.lon,
    )


def _geoparser(source: Pipeline | Geoparser | Gazetteer) -> Geoparser:
    if isinstance(source, Pipeline):
        return source.geoparser
    if isinstance(source, Geoparser):
        return source
    return Geoparser(source)
