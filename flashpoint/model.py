"""Frozen domain objects that flow from the reader through extraction to storage and display."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

LOCATION_KINDS = ("country", "region", "city", "site", "water")
ACTOR_KINDS = ("state", "armed_group", "political_group", "organization", "person")
FIGURE_KINDS = ("attacks", "injured", "killed", "hostages", "displaced", "missiles", "drones", "targets")

# Location precisions, most precise first. "near" is a place described relative to a named one ("near Erbil");
# "admin1" a province or governorate; "sea" a body of water, which has no country and is often hundreds of km wide.
EXACT = "exact"
NEAR = "near"
ADMIN1 = "admin1"
COUNTRY = "country"
SEA = "sea"
UNKNOWN = "unknown"
LOCATION_PRECISIONS = (EXACT, NEAR, ADMIN1, COUNTRY, SEA, UNKNOWN)
# Location.kind -> precision. A site (base, port, hospital) and a city are both drawn as a point: news rarely
# places an incident closer than the town it names.
KIND_PRECISION = {"site": EXACT, "city": EXACT, "region": ADMIN1, "country": COUNTRY, "water": SEA}

# Date precisions. "range" is any span that is neither one day, one ISO week nor one calendar month.
DAY = "day"
RANGE = "range"
WEEK = "week"
MONTH = "month"
DATE_PRECISIONS = (DAY, WEEK, RANGE, MONTH, UNKNOWN)

# Tension early-warning levels, from a large increase to a large decrease, and how many weeks before a week its
# change is measured against (flashpoint.tension scores them; the dashboard colours and words them).
TENSION_LEVELS = ("large increase", "moderate increase", "stable", "moderate decrease", "large decrease")
TENSION_BASELINE_WEEKS = 4


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into `Article.text`."""

    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One news report as read from a file: header fields and the body text."""

    title: str
    body: str
    source: str | None = None
    published: date | None = None
    filename: str = ""

    @property
    def text(self) -> str:
        """The text every extraction span refers to: the title, a blank line, then the body."""
        if not self.title:
            return self.body
        return f"{self.title}\n\n{self.body}"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    id: str
    name: str
    kind: str
    country_code: str | None
    lat: float
    lon: float
    population: int = 0
    source: str = ""
    admin1: str | None = None
    # The name of the admin-1 region the place lies in, worked out once when the place index is built
    # (flashpoint.admin_areas); "" when it has none (countries, seas), None when the index did not work it out.
    region: str | None = None


@dataclass(frozen=True)
class Location:
    """A place the article mentions, resolved to one gazetteer entry, with every mention's span."""

    name: str
    kind: str
    country_code: str | None
    lat: float
    lon: float
    mentions: tuple[Span, ...]
    literal: bool = True
    place_id: str = ""
    confidence: float = 1.0
    # The admin-1 region (governorate, province) the place lies in, by name (flashpoint.admin_areas); None for
    # countries, seas and places no region could be found for.
    admin1: str | None = None


@dataclass(frozen=True)
class Actor:
    """A state, group, organisation or person the article names, aliases merged."""

    name: str
    kind: str
    mentions: tuple[Span, ...]
    in_dictionary: bool = True
    affiliation: str | None = None


@dataclass(frozen=True)
class ActorLink:
    """A directed relation between two actors, stated in one sentence."""

    source: str
    target: str
    relation: str
    sentence: str
    span: Span


@dataclass(frozen=True)
class Figure:
    """A number the article states, what it counts, and the sentence it came from."""

    kind: str
    value: int | None
    qualifier: str | None
    text: str
    sentence: str
    span: Span


@dataclass(frozen=True)
class Event:
    """One incident described in a sentence (or a short run of sentences)."""

    type: str
    sentence: str
    span: Span
    date: date | None = None
    date_end: date | None = None
    location: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    count: int | None = None
    injured: int | None = None
    killed: int | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article."""

    article: Article
    locations: tuple[Location, ...] = ()
    actors: tuple[Actor, ...] = ()
    actor_links: tuple[ActorLink, ...] = ()
    figures: tuple[Figure, ...] = field(default=())
    events: tuple[Event, ...] = ()
