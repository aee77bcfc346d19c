"""What a mention's candidate places are: countries or states, well known or village, towns or not."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from flashpoint.gazetteer_sources import CAPITAL_SOURCE_NOTE, COUNTY_ID_PREFIX
from flashpoint.model import Place

# Below this size a town is named in the news mostly by its own local paper; alone, such a match is weak evidence.
SMALL_TOWN_POPULATION = 15_000
# Towns this big (Atlanta, Houston) are read as places even where a surname could stand.
SURNAME_TOWN_POPULATION = 100_000


class Traits(NamedTuple):
    """What a mention's candidate places are, worked out once per candidate list rather than once per mention."""

    state_or_country: bool
    country: bool
    strong: bool
    only_cities: bool
    only_towns: bool


def candidate_traits(candidates: Sequence[Place]) -> Traits:
    only_cities = all(p.kind == "city" and not p.id.startswith("supplement:") for p in candidates)
    return Traits(
        state_or_country=any(is_state_or_country(p) for p in candidates),
        country=any(p.kind == "country" for p in candidates),
        strong=any(is_strong(p) for p in candidates),
        only_cities=only_cities,
        # Every reading is a town too small to be a capital or a household name, so it may well be a surname.
        only_towns=only_cities
        and all(p.population < SURNAME_TOWN_POPULATION and not is_capital(p) for p in candidates),
    )


def is_capital(place: Place) -> bool:
    return CAPITAL_SOURCE_NOTE in place.source


def is_state_or_country(place: Place) -> bool:
    """Countries and first-level subdivisions; a county carries its state's code but is not a state."""
    return place.kind == "country" or (
        place.kind == "region" and place.admin1 is not None and not place.id.startswith(COUNTY_ID_PREFIX)
    )


def is_strong(place: Place) -> bool:
    """Places well known enough that a bare capitalised mention is evidence: not villages or minor districts."""
    if place.kind in ("country", "water", "site") or place.id.startswith("supplement:"):
        return True
    if place.kind == "region":
        return True
    return place.population >= SMALL_TOWN_POPULATION
