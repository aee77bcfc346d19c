"""Read ACLED CSV exports into external events, and write our incidents as ACLED-compatible CSV."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TextIO

from flashpoint.claims import incident_claims
from flashpoint.incident_rules import precision
from flashpoint.incidents import Incident
from flashpoint.interop_records import (
    ExternalEvent,
    InteropError,
    country_code,
    country_name,
    every_event,
    optional_float,
    optional_int,
)
from flashpoint.precision import (
    ACLED_GEO_CODE,
    ACLED_GEO_PRECISION,
    ACLED_TIME_CODE,
    ACLED_TIME_PRECISION,
    UNKNOWN,
    date_precision,
)

ACLED_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "time_precision", "fatalities",
    "notes", "source",
)  # fmt: skip
# ACLED's own row id; written first so rows can be told apart, read when present.
ID_COLUMN = "event_id_cnty"
# ACLED sub-event types (codebook) in our event vocabulary; protests, riots and most strategic developments
# have no counterpart and keep only their ACLED label.
SUB_EVENT_TYPES = {
    "air/drone strike": "airstrike",
    "shelling/artillery/missile attack": "missile strike",
    "remote explosive/landmine/ied": "bombing",
    "suicide bomb": "bombing",
    "grenade": "attack",
    "chemical weapon": "attack",
    "armed clash": "clash",
    "government regains territory": "clash",
    "non-state actor overtakes territory": "clash",
    "attack": "attack",
    "abduction/forced disappearance": "seizure",
    "disrupted weapons use": "interception",
}
# Our types written back as (event_type, sub_event_type). A generic attack or raid by armed actors is what ACLED
# codes as an armed clash; a ship hijacking takes its crew, an abduction.
ACLED_TYPES = {
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "drone attack": ("Explosions/Remote violence", "Air/drone strike"),
    "missile strike": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "rocket attack": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "clash": ("Battles", "Armed clash"),
    "attack": ("Battles", "Armed clash"),
    "raid": ("Battles", "Armed clash"),
    "casualties": ("Battles", "Armed clash"),
    "seizure": ("Violence against civilians", "Abduction/forced disappearance"),
    "interception": ("Strategic developments", "Disrupted weapons use"),
}
_OTHER_TYPE = ("Strategic developments", "Other")
# ACLED has used ISO dates in its API and "28 January 2024" in its older CSV exports.
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


def _parse_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _row_digest(row: dict[str, str]) -> str:
    """An id for a row without ACLED's own: the same row in two exports gets the same id, so it is kept once."""
    content = "\x1f".join((row[column] or "").strip() for column in ACLED_COLUMNS)
    return "row-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def _row_event(row: dict[str, str], where: str, line: int) -> ExternalEvent:
    day = _parse_date(row["event_date"])
    if day is None:
        raise InteropError(f"{where} line {line}: event_date {row['event_date']!r} is not a date")
    try:
        lat, lon = optional_float(row["latitude"]), optional_float(row["longitude"])
        geo, time = optional_int(row["geo_precision"]), optional_int(row["time_precision"])
        fatalities = optional_int(row["fatalities"])
    except ValueError as error:
        raise InteropError(f"{where} line {line}: a number column holds text ({error})") from None
    associated = tuple(
        name.strip() for column in ("assoc_actor_1", "assoc_actor_2") for name in row[column].split(";") if name.strip()
    )
    sub_event = row["sub_event_type"].strip()
    return ExternalEvent(
        dataset="acled",
        external_id=row.get(ID_COLUMN) or _row_digest(row),
        date=day,
        date_precision=ACLED_TIME_PRECISION.get(time or 0, UNKNOWN),
        type=SUB_EVENT_TYPES.get(sub_event.lower()),
        original_type=f"{row['event_type'].strip()} / {sub_event}",
        actor1=row["actor1"].strip() or None,
        actor2=row["actor2"].strip() or None,
        associated_actors=associated,
        country_code=country_code(row["country"]),
        country=row["country"].strip() or None,
        admin1=row["admin1"].strip() or None,
        location=row["location"].strip() or None,
        lat=lat,
        lon=lon,
        location_precision=ACLED_GEO_PRECISION.get(geo or 0, UNKNOWN),
        fatalities=fatalities,
        notes=row["notes"],
        source=row["source"],
    )


def acled_events(stream: TextIO, name: str = "ACLED file") -> Iterator[ExternalEvent | InteropError]:
    """Each row of an ACLED CSV export as an event, or as the InteropError naming its line when it cannot be read,
    so an importer can keep the good rows and list every bad one. Extra columns are ignored.

    Raises InteropError naming the missing columns when the header lacks one of `ACLED_COLUMNS`.
    """
    reader = csv.DictReader(stream)
    header = [column.lstrip("\ufeff").strip() for column in reader.fieldnames or ()]
    missing = [column for column in ACLED_COLUMNS if column not in header]
    if missing:
        raise InteropError(f"{name}: not an ACLED export, missing column(s): {', '.join(missing)}")
    reader.fieldnames = header
    for row in reader:
        try:
            yield _row_event(row, name, reader.line_num)
        except InteropError as error:
            yield error


def read_acled_csv(stream: TextIO, name: str = "ACLED file") -> tuple[ExternalEvent, ...]:
    """Every row of an ACLED CSV export; extra columns are ignored.

    Raises InteropError naming the missing columns when the header lacks one of `ACLED_COLUMNS`, and naming the
    line when a row holds a date or number that cannot be read.
    """
    return every_event(acled_events(stream, name))


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(name for name in names if name))


def acled_row(incident: Incident) -> dict[str, str]:
    """One incident as an ACLED row: the lead report's place and type, every report's actors and sources."""
    lead = incident.lead
    event = lead.event
    actors = _unique(actor for report in incident.reports for actor in report.event.actors)
    targets = _unique(target for report in incident.reports for target in report.event.targets)
    claims = incident_claims(incident)
    killed = claims["killed"].best if "killed" in claims else 0
    event_type, sub_event_type = ACLED_TYPES.get(event.type, _OTHER_TYPE)
    start = incident.start or event.date
    summary = [f"{event.type} at {event.location or 'an unknown place'} told by {len(incident.reports)} report(s)"]
    for kind, rollup in sorted(claims.items()):
        summary.append(f"{kind}: best {rollup.best}, claimed {rollup.low}-{rollup.high}")
    return {
        ID_COLUMN: incident.id,
        "event_date": start.isoformat() if start else "",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[1:]),
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "country": country_name(event.country_code),
        "admin1": next((report.admin1 for report in incident.reports if report.admin1), None) or "",
        "location": event.location or "",
        "latitude": "" if event.lat is None else f"{event.lat:.4f}",
        "longitude": "" if event.lon is None else f"{event.lon:.4f}",
        "geo_precision": str(ACLED_GEO_CODE[precision(lead)]),
        "time_precision": str(ACLED_TIME_CODE[date_precision(event.date, event.date_end)]),
        "fatalities": str(killed),
        "notes": "; ".join(summary),
        "source": "; ".join(sorted(_unique(report.source or "" for report in incident.reports))),
    }


def write_acled_csv(incidents: Iterable[Incident], stream: TextIO) -> int:
    """Write incidents as ACLED-compatible CSV (its columns, our values); returns the number of rows written."""
    writer = csv.DictWriter(stream, fieldnames=(ID_COLUMN, *ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    count = 0
    for incident in incidents:
        writer.writerow(acled_row(incident))
        count += 1
    return count
