"""Write incidents: their rows, their reports' rows, and the incident columns of the events rows.

An incident's stored id is the hash of its founding report's key, the report stored first (smallest events id):
reports added later leave the id, and so every other report's row, untouched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, delete, update
from sqlalchemy.engine import Row

from flashpoint.claims import ClaimRollup, incident_claims
from flashpoint.incident_rules import EventReport, family_of, precision
from flashpoint.incidents import Incident, incident_id
from flashpoint.precision import ADMIN1, date_precision
from flashpoint.schema import EVENTS, INCIDENT_REPORTS, INCIDENTS
from flashpoint.store_incident_reads import EVENT_STATE_COLUMNS, chunked
from flashpoint.store_rows import attack_count, week_start

EventState = tuple[str | None, int, int, int, int, str, str]


def founder_id(reports: Iterable[EventReport], event_ids_by_key: dict[str, int]) -> str:
    """The stored id of an incident of these reports: `incident_id` of the one stored first."""
    return incident_id([min(reports, key=lambda report: event_ids_by_key[report.key])])


def loose_state(report: EventReport) -> EventState:
    """An events row in no incident (or not its lead): zeros, with the report's place and date precision."""
    return (None, 0, 0, 0, 0, precision(report), date_precision(report.event.date, report.event.date_end))


def member_state(report: EventReport, incident: str, values: dict[str, Any] | None) -> EventState:
    """The state of a report of `incident`; `values` (its incidents row) for the lead report only."""
    loose = loose_state(report)
    if values is None:
        return (incident, 0, 0, 0, 0, *loose[5:])
    totals = (1, values["attacks"], values["injured_best"] or 0, values["killed_best"] or 0)
    return (incident, *totals, *loose[5:])


def incident_values(
    stored_id: str,
    lead: EventReport,
    lead_row: Row,
    claims: dict[str, ClaimRollup],
    report_count: int,
    article_count: int,
) -> dict[str, Any]:
    """The incidents row: placed and dated by the lead report, its counts, and its claims rolled up."""
    event = lead.event
    attacks = claims["attacks"].best if "attacks" in claims else None
    place_precision = precision(lead)
    values = {
        "id": stored_id,
        "family": family_of(event.type),
        "type": event.type,
        "day": lead_row.day,
        "day_end": event.date_end,
        "week": week_start(lead_row.day) if lead_row.day else None,
        "country_code": event.country_code,
        # The lead's place's admin-1 region (places.admin1); a region stored without one stands for itself.
        "admin1": lead.admin1 or (event.location if place_precision == ADMIN1 else None),
        "place_id": lead_row.place_id,
        "location": event.location,
        "lat": event.lat,
        "lon": event.lon,
        "location_precision": place_precision,
        "date_precision": date_precision(event.date, event.date_end),
        "report_count": report_count,
        "article_count": article_count,
        "lead_event_id": lead_row.id,
        "sentence": event.sentence,
        "attacks": attack_count(event.type, attacks),
    }
    for kind in ("killed", "injured"):
        rollup = claims.get(kind)
        values[f"{kind}_low"] = rollup.low if rollup else None
        values[f"{kind}_best"] = rollup.best if rollup else None
        values[f"{kind}_high"] = rollup.high if rollup else None
    return values


def report_row(event_id: int, incident: str, report: EventReport, joined: str | None, reason: str | None) -> dict:
    """The incident_reports row of one report: its incident, the report it joined and why."""
    return {
        "event_id": event_id,
        "incident_id": incident,
        "article_id": report.article_id,
        "report_key": report.key,
        "joined_key": joined,
        "reason": reason,
    }


def describe_incident(
    incident: Incident, rows: dict[int, Row], event_of_key: dict[str, int]
) -> tuple[dict[str, Any], list[dict[str, Any]], dict[int, EventState]]:
    """An incident formed from scratch: its incidents row, its reports' rows and its events' states."""
    stored_id = founder_id(incident.reports, event_of_key)
    lead_id = event_of_key[incident.lead.key]
    articles = len({report.article_id for report in incident.reports})
    values = incident_values(
        stored_id, incident.lead, rows[lead_id], incident_claims(incident), len(incident.reports), articles
    )
    reasons = {reason.report: reason for reason in incident.merge_reasons}
    report_rows, states = [], {}
    for report in incident.reports:
        event_id = event_of_key[report.key]
        reason = reasons.get(report.key)
        joined, text = (reason.joined, reason.text) if reason else (None, None)
        report_rows.append(report_row(event_id, stored_id, report, joined, text))
        states[event_id] = member_state(report, stored_id, values if event_id == lead_id else None)
    return values, report_rows, states


def write_incidents(
    connection: Connection,
    removed_incidents: Collection[str],
    incident_rows: list[dict[str, Any]],
    rewritten_reports: Collection[int],
    report_rows: list[dict[str, Any]],
) -> None:
    """Delete the incidents `removed_incidents` and those about to be written, and the report rows of the events
    `rewritten_reports`; then insert the new rows."""
    for batch in chunked(sorted(set(removed_incidents) | {values["id"] for values in incident_rows})):
        connection.execute(delete(INCIDENTS).where(INCIDENTS.c.id.in_(batch)))
    for batch in chunked(sorted(rewritten_reports)):
        connection.execute(delete(INCIDENT_REPORTS).where(INCIDENT_REPORTS.c.event_id.in_(batch)))
    if incident_rows:
        connection.execute(INCIDENTS.insert(), incident_rows)
    if report_rows:
        connection.execute(INCIDENT_REPORTS.insert(), report_rows)


def write_event_states(connection: Connection, rows: dict[int, Row], states: dict[int, EventState]) -> None:
    """Set the incident columns of each events row to its state, writing only the columns that change.

    Rows are grouped by the set of columns they change, one statement per group: most reports only gain their
    incident id, and leaving the totals out of their UPDATE spares the covering indexes that carry them.
    """
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for event_id, wanted in states.items():
        row = rows[event_id]
        changed = {
            name: value for name, value in zip(EVENT_STATE_COLUMNS, wanted, strict=True) if getattr(row, name) != value
        }
        if changed:
            parameters = {f"new_{name}": value for name, value in changed.items()}
            by_columns[tuple(changed)].append({"event": event_id, **parameters})
    for columns, parameters in by_columns.items():
        statement = (
            update(EVENTS)
            .where(EVENTS.c.id == bindparam("event"))
            .values({name: bindparam(f"new_{name}") for name in columns})
        )
        connection.execute(statement, parameters)
