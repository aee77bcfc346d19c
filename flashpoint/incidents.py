"""Merge events from different reports that describe the same incident into one incident, with a reason per merge.

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
are not incidents: see `flashpoint.claims.running_totals`. Clustering is complete-linkage (a report joins an
incident only if it agrees with every report already in it), done in a canonical order so the output does not
depend on the input order; candidates come from a (family, area, day) index, so the cost grows with the size of
each day's blocks, not with the square of all reports.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from flashpoint.model import Event, Figure
from flashpoint.precision import COUNTRY, EXACT, LOCATION_PRECISIONS, RADIUS_KM, SEA, UNKNOWN, location_precision

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


@dataclass(frozen=True)
class MergeReason:
    """Why `report` (a report key) was merged into the incident that already held `joined`."""

    report: str
    joined: str
    text: str


@dataclass(frozen=True)
class Incident:
    """One real-world incident: every report of it, and why each report after the first was merged in."""

    id: str
    reports: tuple[EventReport, ...]
    merge_reasons: tuple[MergeReason, ...] = field(default=())

    @property
    def family(self) -> str:
        return family_of(self.reports[0].event.type)

    @property
    def start(self) -> date | None:
        return min((window(report)[0] for report in self.reports if window(report)), default=None)

    @property
    def lead(self) -> EventReport:
        """The report with the most precise place (then the earliest key): the one to draw and label."""
        return min(self.reports, key=lambda report: (LOCATION_PRECISIONS.index(precision(report)), report.key))


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


def is_aggregate(report: EventReport) -> bool:
    """True when the report sums up several incidents (a long span, or more than one attack) rather than one."""
    span = window(report)
    long_span = report.event.date is not None and span is not None and (span[1] - span[0]).days > MAX_INCIDENT_DAYS
    return long_span or (report.event.count or 0) > 1


def incident_id(reports: Iterable[EventReport]) -> str:
    """An id that depends only on which reports an incident holds."""
    joined = "\n".join(sorted(report.key for report in reports))
    return hashlib.sha1(joined.encode()).hexdigest()[:16]


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
    place = place_reason(first, second)
    if place is None:
        return None
    when = date_reason(first, second)
    if when is None or not actors_agree(first.event, second.event):
        return None
    types = f"{first.event.type} ~ {second.event.type}"
    return f"same family '{family_of(first.event.type)}' ({types}); {place}; {when}"


def _block_areas(report: EventReport) -> tuple[str, ...]:
    """The areas a report is filed under: its country, or its sea and every country on that sea's coast."""
    event = report.event
    if precision(report) == SEA:
        name = (event.location or "").lower()
        seas = {name} | {sea for group in SEA_NEIGHBOURS if name in group for sea in group}
        return tuple(sorted(seas | SEA_COASTS.get(name, frozenset({event.country_code or ""}))))
    return (event.country_code or "",)


def _block_keys(report: EventReport) -> list[tuple[str, str, date]]:
    span = window(report)
    if span is None:
        return []
    family = family_of(report.event.type)
    days = (span[1] - span[0]).days + 2 * DATE_SLACK_DAYS
    first_day = span[0] - timedelta(days=DATE_SLACK_DAYS)
    return [
        (family, area, first_day + timedelta(days=offset))
        for area in _block_areas(report)
        for offset in range(days + 1)
    ]


def _canonical_order(report: EventReport) -> tuple[str, str]:
    span = window(report)
    return (span[0].isoformat() if span else "9999", report.key)


def merge_incidents(reports: Sequence[EventReport]) -> tuple[Incident, ...]:
    """Group reports into incidents (see the module docstring for the rules); aggregate reports are left out."""
    members: list[list[EventReport]] = []
    reasons: list[list[MergeReason]] = []
    index: dict[tuple[str, str, date], list[int]] = defaultdict(list)
    for report in sorted((r for r in reports if not is_aggregate(r)), key=_canonical_order):
        keys = _block_keys(report)
        candidates = sorted({number for key in keys for number in index.get(key, ())})
        chosen = None
        for number in candidates:
            found = [merge_reason(member, report) for member in members[number]]
            if all(found):
                chosen = number
                reasons[number].append(MergeReason(report.key, members[number][0].key, found[0] or ""))
                break
        if chosen is None:
            chosen = len(members)
            members.append([])
            reasons.append([])
        members[chosen].append(report)
        for key in keys:
            if chosen not in index[key]:
                index[key].append(chosen)
    incidents = [
        Incident(incident_id(group), tuple(group), tuple(why)) for group, why in zip(members, reasons, strict=True)
    ]
    return tuple(sorted(incidents, key=lambda incident: (_canonical_order(incident.reports[0]), incident.id)))


def split_incident(incident: Incident, report_keys: Iterable[str]) -> tuple[Incident, Incident]:
    """An analyst's split: (the incident without the named reports, an incident of the named reports).

    Raises ValueError when the keys name no report of the incident, or all of them.
    """
    moving = set(report_keys)
    taken = tuple(report for report in incident.reports if report.key in moving)
    kept = tuple(report for report in incident.reports if report.key not in moving)
    if not taken or not kept:
        raise ValueError(f"a split must move some but not all of the reports of incident {incident.id}")
    note = f"split by analyst from incident {incident.id}"

    def part(reports: tuple[EventReport, ...]) -> Incident:
        inside = {report.key for report in reports}
        reasons = tuple(
            reason if reason.joined in inside else MergeReason(reason.report, reports[0].key, note)
            for reason in incident.merge_reasons
            if reason.report in inside
        )
        return Incident(incident_id(reports), reports, reasons)

    return part(kept), part(taken)
