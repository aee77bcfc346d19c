"""Decide whether two event reports can describe the same incident, and say why in words.

Two reports describe one incident when (all of):
- their types share a family (a drone attack and a missile strike are both attacks; a seizure is not);
- their places agree at the coarser precision of the two: sites and cities within `RADIUS_KM` (25 km); a region
  within 200 km of the other's point; a country report matches anything in that country; a sea matches the same
  or an adjoining sea, or a place in a country on its coast (`SEA_COASTS`);
- their dates overlap or lie at most `DATE_SLACK_DAYS` apart (one day: reports disagree on local dates near
  midnight, and "yesterday" is resolved against each report's own publication); an undated event is taken to have
  happened within `UNDATED_LOOKBACK_DAYS` before its report was published;
- their actors do not contradict: when both name attackers, the names share one or one is an umbrella term
  (`UMBRELLA_ACTORS`, or a generic word like "militants"); and no side attacks the other in one report while
  being attacked by it in the other (reciprocal fire is two incidents).

Reports that summarise many incidents (a span longer than `MAX_INCIDENT_DAYS`, or a count of attacks above one)
are not incidents: see `flashpoint.claims.running_totals`.

Candidates come from a (family, area, day) index (`insert_keys` / `lookup_keys`): areas are a country's grid cells
(`CELL_DEGREES`), the whole country for country-level reports, and seas with their coasts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from flashpoint.model import Event, Figure
from flashpoint.precision import COUNTRY, EXACT, RADIUS_KM, SEA, UNKNOWN, location_precision

TYPE_FAMILIES = {
    **dict.fromkeys(
        ("attack", "drone attack", "rocket attack", "missile strike", "airstrike", "bombing", "raid", "casualties"),
        "attack",
    ),
    "seizure": "seizure",
    "interception": "interception",
    "clash": "clash",
    "threat": "threat",
    "meeting": "meeting",
    "war": "war",
}
DATE_SLACK_DAYS = 1
UNDATED_LOOKBACK_DAYS = 2
MAX_INCIDENT_DAYS = 3
# Index grid: with the 3x3 cells around a point searched, any place within 2.5 degrees is found, which is more
# than the widest radius (200 km) at the latitudes of the region.
CELL_DEGREES = 2.5
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)
# Seas reported for one ship attack vary between neighbours ("Red Sea", "Bab el-Mandeb", "Gulf of Aden").
SEA_NEIGHBOURS = (
    frozenset({"red sea", "bab al-mandab strait", "gulf of aden"}),
    frozenset({"gulf of aden", "arabian sea"}),
    frozenset({"persian gulf", "strait of hormuz", "gulf of oman"}),
    frozenset({"gulf of oman", "arabian sea"}),
    frozenset({"red sea", "gulf of aqaba", "gulf of suez", "suez canal"}),
    frozenset({"mediterranean sea", "eastern mediterranean"}),
)
_LEVANT_COAST = frozenset({"IL", "LB", "SY", "CY", "EG", "TR", "PS"})
SEA_COASTS = {
    "red sea": frozenset({"YE", "SA", "ER", "SD", "EG", "DJ"}),
    "bab al-mandab strait": frozenset({"YE", "DJ", "ER"}),
    "gulf of aden": frozenset({"YE", "DJ", "SO"}),
    "gulf of aqaba": frozenset({"JO", "IL", "EG", "SA"}),
    "arabian sea": frozenset({"YE", "OM", "IN", "PK"}),
    "persian gulf": frozenset({"IR", "IQ", "KW", "SA", "BH", "QA", "AE"}),
    "strait of hormuz": frozenset({"IR", "OM", "AE"}),
    "gulf of oman": frozenset({"IR", "OM", "AE"}),
    "mediterranean sea": _LEVANT_COAST,
    "eastern mediterranean": _LEVANT_COAST,
}
# Coalitions and labels that reports use in place of their member groups.
UMBRELLA_ACTORS = {
    "Islamic Resistance in Iraq": frozenset({"Kataib Hezbollah", "Harakat al-Nujaba", "Kataib Sayyid al-Shuhada"}),
    "Iran-backed militias": frozenset(
        {"Islamic Resistance in Iraq", "Kataib Hezbollah", "Harakat al-Nujaba", "Hezbollah", "Houthis"}
    ),
    "IRGC": frozenset({"Iran", "Quds Force"}),
    "Israel": frozenset({"Israel Defense Forces", "IDF", "Mossad"}),
}
_GENERIC_ACTOR_WORDS = ("militant", "gunmen", "unknown", "unidentified", "attackers", "forces", "militia")


@dataclass(frozen=True)
class EventReport:
    """One event as one article told it: the event plus the report's identity and metadata."""

    event: Event
    article_id: str
    source: str | None = None
    published: date | None = None
    index: int = 0
    location_kind: str | None = None
    admin1: str | None = None
    figures: tuple[Figure, ...] = ()

    @property
    def key(self) -> str:
        """A stable id for this report: article id and the event's position in it."""
        return f"{self.article_id}#{self.index}"


def family_of(event_type: str) -> str:
    """The type family of an event type; unknown types are their own family."""
    return TYPE_FAMILIES.get(event_type, event_type)


def precision(report: EventReport) -> str:
    """The location precision of a report, from its location kind (or what its fields allow)."""
    event = report.event
    if report.location_kind:
        return location_precision(report.location_kind)
    if event.country_code is None and event.location:
        return SEA
    return EXACT if event.lat is not None and event.location else UNKNOWN


def window(report: EventReport) -> tuple[date, date] | None:
    """The days the event may have happened on, before slack; None when neither it nor its report is dated."""
    event = report.event
    if event.date is not None:
        return event.date, max(event.date_end or event.date, event.date)
    if report.published is not None:
        return report.published - timedelta(days=UNDATED_LOOKBACK_DAYS), report.published
    return None


def _ordinal_figure(figure: Figure) -> bool:
    """True when the attack figure is written as an ordinal: the extractor keeps only the number ("108") as its
    text, so the suffix is looked for after that number in its sentence."""
    if _ORDINAL.search(figure.text):
        return True
    return re.search(rf"(?<![\d,]){re.escape(figure.text)}(?:st|nd|rd|th)\b", figure.sentence or "") is not None


def is_ordinal(report: EventReport) -> bool:
    """True when the report numbers its incident within a series ("the 108th attack")."""
    return any(figure.kind == "attacks" and _ordinal_figure(figure) for figure in report.figures)


def is_aggregate(report: EventReport) -> bool:
    """True when the report sums up incidents over time rather than telling one: a long span, or a count of
    attacks the text ties to no day ("more than 60 attacks on US forces", a running total).

    Several attacks on a stated day ("three attacks on Tuesday") stay one incident whose attack claim is the
    count, so the attacks are neither dropped nor counted again by the day's other reports. An ordinal count
    ("the 108th attack") numbers one incident: that report is an incident, whose 108 is a running total (see
    `flashpoint.claims`).
    """
    span = window(report)
    long_span = report.event.date is not None and span is not None and (span[1] - span[0]).days > MAX_INCIDENT_DAYS
    undated_total = report.event.date is None and (report.event.count or 0) > 1 and not is_ordinal(report)
    return long_span or undated_total


def _distance_km(first: Event, second: Event) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (first.lat, first.lon, second.lat, second.lon))
    haversine = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(haversine))


def _seas_adjoin(first: str, second: str) -> bool:
    return first == second or any(first in group and second in group for group in SEA_NEIGHBOURS)


def place_reason(first: EventReport, second: EventReport) -> str | None:
    """Why the two places can be one incident's place, or None when they cannot."""
    precisions = (precision(first), precision(second))
    one, two = first.event, second.event
    if UNKNOWN in precisions:
        return None
    if precisions == (SEA, SEA):
        names = ((one.location or "").lower(), (two.location or "").lower())
        return f"same or adjoining sea ({one.location} / {two.location})" if _seas_adjoin(*names) else None
    if SEA in precisions:
        sea, land = (one, two) if precisions[0] == SEA else (two, one)
        # Rivers and lakes carry their country; seas are matched through their coasts.
        coasts = SEA_COASTS.get((sea.location or "").lower(), frozenset({sea.country_code}))
        return f"{land.location} is on the coast of the {sea.location}" if land.country_code in coasts else None
    if one.country_code != two.country_code:
        return None
    if COUNTRY in precisions:
        return f"{one.location} / {two.location}: same country ({one.country_code}), the coarser report says no more"
    if one.lat is None or two.lat is None:
        return None
    limit = max(RADIUS_KM.get(precisions[0], 0.0), RADIUS_KM.get(precisions[1], 0.0))
    distance = _distance_km(one, two)
    if distance > limit:
        return None
    return f"{one.location} / {two.location}: {distance:.0f} km apart (within {limit:.0f} km)"


def date_reason(first: EventReport, second: EventReport) -> str | None:
    """Why the two dates can be one incident's date, or None when they cannot."""
    spans = window(first), window(second)
    if spans[0] is None or spans[1] is None:
        return None
    slack = timedelta(days=DATE_SLACK_DAYS)
    if spans[0][0] - slack > spans[1][1] or spans[1][0] - slack > spans[0][1]:
        return None
    return f"dates {_format_span(spans[0])} and {_format_span(spans[1])} overlap within {DATE_SLACK_DAYS} day"


def _format_span(span: tuple[date, date]) -> str:
    return span[0].isoformat() if span[0] == span[1] else f"{span[0].isoformat()}..{span[1].isoformat()}"


def _is_generic(actor: str) -> bool:
    return any(word in actor.lower() for word in _GENERIC_ACTOR_WORDS)


def _related(first: str, second: str) -> bool:
    return first == second or second in UMBRELLA_ACTORS.get(first, ()) or first in UMBRELLA_ACTORS.get(second, ())


def actors_agree(first: Event, second: Event) -> bool:
    """False when the reports name different attackers, or swap who attacked whom."""
    for one, two in ((first, second), (second, first)):
        swapped = set(one.actors) & set(two.targets) - set(two.actors)
        if swapped and set(one.targets) & set(two.actors) - set(one.actors):
            return False
    named = [tuple(actor for actor in event.actors if not _is_generic(actor)) for event in (first, second)]
    if not named[0] or not named[1]:
        return True
    return any(_related(one, two) for one in named[0] for two in named[1])


def merge_reason(first: EventReport, second: EventReport) -> str | None:
    """A readable reason why `second` is the same incident as `first`, or None when it is not."""
    if family_of(first.event.type) != family_of(second.event.type):
        return None
    when = date_reason(first, second)
    if when is None:
        return None
    place = place_reason(first, second)
    if place is None or not actors_agree(first.event, second.event):
        return None
    types = f"{first.event.type} ~ {second.event.type}"
    return f"same family '{family_of(first.event.type)}' ({types}); {place}; {when}"


def _cell(event: Event) -> str:
    return f"{math.floor(event.lat / CELL_DEGREES)},{math.floor(event.lon / CELL_DEGREES)}"


def _neighbour_cells(event: Event) -> list[str]:
    row, column = math.floor(event.lat / CELL_DEGREES), math.floor(event.lon / CELL_DEGREES)
    return [f"{row + step_row},{column + step_column}" for step_row in (-1, 0, 1) for step_column in (-1, 0, 1)]


def _sea_names(event: Event) -> set[str]:
    name = (event.location or "").lower()
    return {name} | {sea for group in SEA_NEIGHBOURS if name in group for sea in group}


def _coasts(event: Event) -> frozenset[str]:
    return SEA_COASTS.get((event.location or "").lower(), frozenset({event.country_code or ""}))


def _areas(report: EventReport, looking: bool) -> list[str]:
    """Index areas. A point is filed under its cell and under "all" of its country, and looks in the cells around
    it and at the country-wide and sea reports ("*"); country and sea reports are filed under "*" and look at both
    "all" and "*" of their country or coasts."""
    event, kind = report.event, precision(report)
    coarse_suffixes = ("all", "*") if looking else ("*",)
    if kind == SEA:
        seas = [f"sea:{name}" for name in sorted(_sea_names(event))]
        return seas + [f"{code}:{suffix}" for code in sorted(_coasts(event)) for suffix in coarse_suffixes]
    code = event.country_code or ""
    if kind == COUNTRY or event.lat is None or event.lon is None:
        return [f"{code}:{suffix}" for suffix in coarse_suffixes]
    if looking:
        return [f"{code}:{cell}" for cell in _neighbour_cells(event)] + [f"{code}:*"]
    return [f"{code}:{_cell(event)}", f"{code}:all"]


def _keys(report: EventReport, looking: bool) -> list[tuple[str, str, date]]:
    span = window(report)
    if span is None:
        return []
    # Filing widens the span by the slack on both sides; looking uses the span itself: together, one day's slack.
    slack = 0 if looking else DATE_SLACK_DAYS
    first_day = span[0] - timedelta(days=slack)
    days = [first_day + timedelta(days=offset) for offset in range((span[1] - span[0]).days + 2 * slack + 1)]
    family = family_of(report.event.type)
    return [(family, area, day) for area in _areas(report, looking) for day in days]


def insert_keys(report: EventReport) -> list[tuple[str, str, date]]:
    """The (family, area, day) keys an incident holding this report is filed under."""
    return _keys(report, looking=False)


def lookup_keys(report: EventReport) -> list[tuple[str, str, date]]:
    """The keys under which incidents this report could join are filed."""
    return _keys(report, looking=True)
