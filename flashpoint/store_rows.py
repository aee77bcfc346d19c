"""Turn one extraction into the rows the store writes: ids, storable text, derived columns and facets."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date, timedelta

from flashpoint.incident_rules import EventReport
from flashpoint.incident_rules import precision as report_precision
from flashpoint.model import Event, Extraction, Location
from flashpoint.precision import date_precision
from flashpoint.schema import NON_ATTACK_EVENT_TYPES

# NUL and lone surrogates cannot be stored as text by PostgreSQL (nor encoded as UTF-8); each becomes U+FFFD,
# one character for one, so every span still points at the same words.
UNSTORABLE_CHARACTERS = re.compile("[\x00\ud800-\udfff]")

# Enough of a place name to tell places apart, short enough to keep the unique index small.
PLACE_KEY_NAME_LENGTH = 200

# Attacks rank above every other event whatever their casualties; severity below this cap orders the rest
# (the same numbers as migration 0002's backfill). Ranks stay below 2**31 so a query can pack rank and row id
# into one 64-bit number (see query.EVIDENCE_ID_RANGE).
ATTACK_RANK = 1_000_000_000


def article_id_for(text: str) -> str:
    """The article's id: sha256 of its text with whitespace runs folded to one space (case kept)."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8", errors="surrogatepass")).hexdigest()


def storable(value: object) -> object:
    """The value with unstorable characters replaced, inside strings and lists of strings."""
    if isinstance(value, str):
        # Plain ASCII without NUL, most of what is saved, needs no scan.
        if value.isascii() and "\x00" not in value:
            return value
        return UNSTORABLE_CHARACTERS.sub("\ufffd", value)
    if isinstance(value, list):
        return [storable(item) for item in value]
    return value


def storable_row(row: dict[str, object]) -> dict[str, object]:
    return {key: storable(value) for key, value in row.items()}


def week_start(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def place_key_for(name: str, country_code: str | None, lat: float, lon: float, place_id: str = "") -> str:
    """The identity of a resolved place: its gazetteer id, or its name and position to about 10 m."""
    key = place_id or f"{name.casefold()[:PLACE_KEY_NAME_LENGTH]}|{country_code or ''}|{lat:.4f}|{lon:.4f}"
    return str(storable(key))


def attack_count(event_type: str, count: int | None) -> int:
    """What one event adds to the attack count: its stated count (1 when unstated), 0 for non-violent types."""
    return 0 if event_type in NON_ATTACK_EVENT_TYPES else (count if count is not None else 1)


def evidence_rank(event_type: str, severity: int) -> int:
    """Attacks before other events, then the most killed and injured: the map shows a place's highest rank."""
    attack_bonus = 0 if event_type in NON_ATTACK_EVENT_TYPES else ATTACK_RANK
    return attack_bonus + min(severity, ATTACK_RANK - 1)


def location_kinds(locations: Iterable[Location]) -> dict[str, str]:
    """Each location's kind by its case-folded name, the first location of a name winning (as the store links an
    event to the first location named like its place)."""
    kinds: dict[str, str] = {}
    for location in locations:
        kinds.setdefault(location.name.casefold(), location.kind)
    return kinds


def location_admin1s(locations: Iterable[Location]) -> dict[str, str | None]:
    """Each location's admin-1 region by its case-folded name, the first location of a name winning (as in
    `location_kinds`)."""
    regions: dict[str, str | None] = {}
    for location in locations:
        regions.setdefault(location.name.casefold(), location.admin1)
    return regions


def event_location_precision(event: Event, location_kind: str | None) -> str:
    """The precision of an event's place, by the same rule incidents are merged with (a report without a kind
    falls back on what its fields allow)."""
    return report_precision(EventReport(event, "", location_kind=location_kind))


def event_day(event: Event, published: date | None) -> date | None:
    """The day an event is filed under (what the date filter reads): its own date, else the published date."""
    return event.date or published


def day_window(extraction: Extraction) -> dict[str, date | None]:
    """The article's `first_day` and `last_day`: the earliest and latest of its published day and its events' days,
    the days its 'day' facets hold (None when it has none). Written on its articles, article_places and actors rows
    so a date range is tested on the rows themselves (flashpoint.query_day_window)."""
    published = extraction.article.published
    days = [day for day in (published, *(event_day(event, published) for event in extraction.events)) if day]
    return {"first_day": min(days, default=None), "last_day": max(days, default=None)}


def event_row(
    article_id: str,
    event: Event,
    published: date | None,
    place_row_id: int | None,
    location_kind: str | None = None,
) -> dict:
    """The events row of one reported event (incidents group such reports); an undated one is filed under the
    published date. `location_kind` is the kind of the article's location the event names (for its precision)."""
    day = event_day(event, published)
    severity = (event.killed or 0) + (event.injured or 0)
    return {
        "article_id": article_id,
        "place_id": place_row_id,
        "type": event.type,
        "day": day,
        "week": week_start(day) if day else None,
        "date": event.date,
        "date_end": event.date_end,
        "location": event.location,
        "country_code": event.country_code,
        "lat": event.lat,
        "lon": event.lon,
        "actors": list(event.actors),
        "targets": list(event.targets),
        "count": event.count,
        "injured": event.injured,
        "killed": event.killed,
        "sentence": event.sentence,
        "span_start": event.span.start,
        "span_end": event.span.end,
        "confidence": event.confidence,
        "severity": severity,
        "attack_count": attack_count(event.type, event.count),
        "evidence_rank": evidence_rank(event.type, severity),
        "location_precision": event_location_precision(event, location_kind),
        "date_precision": date_precision(event.date, event.date_end),
    }


def role_rows(event_rows: list[dict], event_row_ids: list[int]) -> list[dict]:
    """One event_actors row per (event, name, role), carrying the event's place, day, type and country."""
    rows = []
    for row, event_row_id in zip(event_rows, event_row_ids, strict=True):
        roles = {(name, "actor") for name in row["actors"]} | {(name, "target") for name in row["targets"]}
        rows.extend(
            {
                "event_id": event_row_id,
                "name": name,
                "role": role,
                "article_id": row["article_id"],
                "place_id": row["place_id"],
                "day": row["day"],
                "type": row["type"],
                "country_code": row["country_code"],
            }
            for name, role in sorted(roles)
        )
    return rows


def facet_rows(article_id: str, extraction: Extraction, place_countries: set[str], event_rows: list[dict]) -> list:
    """The article's article_facets rows: actors named, countries of places and events, event types, days."""
    facets: set[tuple[str, str]] = {("actor", actor.name) for actor in extraction.actors}
    facets |= {("country", code) for code in place_countries}
    published = extraction.article.published
    if published:
        facets.add(("day", published.isoformat()))
    for row in event_rows:
        facets |= {("actor", name) for name in (*row["actors"], *row["targets"])}
        facets.add(("type", row["type"]))
        if row["country_code"]:
            facets.add(("country", row["country_code"]))
        if row["day"]:
            facets.add(("day", row["day"].isoformat()))
    unique = {(facet, str(storable(value))) for facet, value in facets}
    return [{"facet": facet, "value": value, "article_id": article_id} for facet, value in sorted(unique)]
