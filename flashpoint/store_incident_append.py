"""Add the reports of newly saved articles to the stored incidents without regrouping them: the fast path of
`store_incidents.refresh_incidents` for ingest.

A new report joins an incident only if it agrees with every report already in it, so each candidate incident is
read as its distinct report signatures (what the merge rules read; one row per kind of report, counted in SQL)
instead of report by report: outlets repeat wire copy word for word, and a much-reported incident costs as much
as a little-reported one. An incident only partly inside the new reports' days and places cannot take any of them
(one of its reports lies too far) and is not offered. A grown incident keeps its id (store_incident_writes) and
gets its lead and claims again, its claims read one per distinct (figures, sentence, date, source).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Text, case, cast, func, or_, select
from sqlalchemy.engine import Row

from flashpoint.claims import incident_claims
from flashpoint.incident_rules import EventReport, precision
from flashpoint.incidents import Incident, MergeReason, grow_incidents
from flashpoint.model import Event, Span
from flashpoint.precision import LOCATION_PRECISIONS
from flashpoint.schema import ARTICLES, EVENTS, INCIDENTS, PLACES
from flashpoint.store_incident_reads import (
    chunked,
    complete_reports,
    event_positions,
    neighbour_condition,
    report_order,
    report_rows_in,
    report_tables,
)
from flashpoint.store_incident_writes import (
    EventState,
    describe_incident,
    incident_values,
    loose_state,
    member_state,
    report_row,
    write_event_states,
    write_incidents,
)

# An undated report's window comes from its publication; a dated one's does not, so it is not part of its kind.
_PUBLISHED_IF_UNDATED = case((EVENTS.c.date.is_(None), ARTICLES.c.published), else_=None)
SIGNATURE_COLUMNS = (
    EVENTS.c.incident_id,
    EVENTS.c.type,
    EVENTS.c.date,
    EVENTS.c.date_end,
    EVENTS.c.location,
    EVENTS.c.country_code,
    EVENTS.c.lat,
    EVENTS.c.lon,
    PLACES.c.kind,
    _PUBLISHED_IF_UNDATED,
    cast(EVENTS.c.actors, Text),
    cast(EVENTS.c.targets, Text),
)
CLAIM_COLUMNS = (
    EVENTS.c.incident_id,
    EVENTS.c.killed,
    EVENTS.c.injured,
    EVENTS.c.count,
    EVENTS.c.sentence,
    ARTICLES.c.published,
    ARTICLES.c.source,
)


def _signature_report(row: Row, article_id: str, index: int) -> EventReport:
    """A report standing for every report of one kind in an incident (what the merge rules read, nothing more)."""
    (_, event_type, day, day_end, location, country, lat, lon, kind, published, actors, targets) = row[:12]
    event = Event(
        type=event_type,
        sentence="",
        span=Span(0, 0),
        date=day,
        date_end=day_end,
        location=location,
        country_code=country,
        lat=lat,
        lon=lon,
        actors=tuple(json.loads(actors or "[]")),
        targets=tuple(json.loads(targets or "[]")),
    )
    return EventReport(event, article_id, None, published, index, location_kind=kind)


def formed_incidents(connection: Connection, seeds: Sequence[EventReport]) -> tuple[list[str], list[list[EventReport]]]:
    """The stored incidents wholly inside the seeds' neighbourhood (their ids, and each as one report per kind,
    first in canonical order first), in the order they were first reported."""
    condition = neighbour_condition(list(seeds))
    if condition is None:
        return [], []
    statement = (
        select(*SIGNATURE_COLUMNS, func.count(), func.min(EVENTS.c.id))
        .select_from(report_tables())
        .where(condition, EVENTS.c.incident_id.is_not(None))
        .group_by(*SIGNATURE_COLUMNS)
    )
    kinds = connection.execute(statement).all()
    seen: dict[str, int] = defaultdict(int)
    for row in kinds:
        seen[row[0]] += row[12]
    whole = set()
    for batch in chunked(sorted(seen)):
        counts = connection.execute(select(INCIDENTS.c.id, INCIDENTS.c.report_count).where(INCIDENTS.c.id.in_(batch)))
        whole.update(incident for incident, count in counts if count == seen[incident])
    kinds = [row for row in kinds if row[0] in whole]
    articles: dict[int, str] = {}
    for batch in chunked(sorted(row[13] for row in kinds)):
        articles.update(
            connection.execute(select(EVENTS.c.id, EVENTS.c.article_id).where(EVENTS.c.id.in_(batch))).all()
        )
    positions = event_positions(connection, set(articles.values()))
    by_incident: dict[str, list[EventReport]] = defaultdict(list)
    for row in kinds:
        article_id, index = positions[row[13]]
        by_incident[row[0]].append(_signature_report(row, article_id, index))
    ordered = {incident: sorted(reports, key=report_order) for incident, reports in by_incident.items()}
    ids = sorted(ordered, key=lambda incident: report_order(ordered[incident][0]))
    return ids, [ordered[incident] for incident in ids]


def _claim_reports(connection: Connection, incident_ids: Sequence[str]) -> dict[str, list[EventReport]]:
    """The reports making claims in these incidents, one per distinct (figures, sentence, date, source)."""
    joined = EVENTS.join(ARTICLES, ARTICLES.c.id == EVENTS.c.article_id)
    states_figures = or_(EVENTS.c.killed.is_not(None), EVENTS.c.injured.is_not(None), EVENTS.c.count.is_not(None))
    representatives: list[int] = []
    for batch in chunked(sorted(incident_ids)):
        statement = (
            select(func.min(EVENTS.c.id))
            .select_from(joined)
            .where(EVENTS.c.incident_id.in_(batch), states_figures)
            .group_by(*CLAIM_COLUMNS)
        )
        representatives.extend(connection.execute(statement).scalars())
    rows = report_rows_in(connection, EVENTS.c.id, representatives)
    reports = complete_reports(connection, rows)
    found: dict[str, list[EventReport]] = defaultdict(list)
    for row in rows:
        found[row.incident_id].append(reports[row.id])
    return found


def _lead_rows(connection: Connection, incident_ids: Sequence[str]) -> dict[str, tuple[Any, Row, EventReport]]:
    """Each incident's row with its lead report's events row and report."""
    incidents = {}
    for batch in chunked(sorted(incident_ids)):
        incidents.update(
            (row.id, row) for row in connection.execute(select(INCIDENTS).where(INCIDENTS.c.id.in_(batch)))
        )
    lead_rows = {
        row.id: row
        for row in report_rows_in(connection, EVENTS.c.id, [row.lead_event_id for row in incidents.values()])
    }
    leads = complete_reports(connection, lead_rows.values())
    return {
        incident: (row, lead_rows[row.lead_event_id], leads[row.lead_event_id]) for incident, row in incidents.items()
    }


def _lead_order(report: EventReport) -> tuple[int, str]:
    return (LOCATION_PRECISIONS.index(precision(report)), report.key)


@dataclass(frozen=True)
class AppendPlan:
    """What filing new reports changes: incidents rows, incident_reports rows and events states to write."""

    seed_rows: dict[int, Row]
    rows: dict[int, Row]
    states: dict[int, EventState]
    incident_rows: list[dict[str, Any]]
    report_rows: list[dict[str, Any]]

    def write(self, connection: Connection) -> int:
        """Write the plan; returns the number of incidents written."""
        write_incidents(connection, (), self.incident_rows, self.seed_rows, self.report_rows)
        write_event_states(connection, self.rows, self.states)
        return len(self.incident_rows)


def append_reports(connection: Connection, seed_rows: dict[int, Row], seed_reports: dict[int, EventReport]) -> int:
    """File the reports of new articles (none in an incident yet, none named by an analyst's correction) into the
    stored incidents or new ones, and write what changed; returns the number of incidents written."""
    return plan_append(connection, seed_rows, seed_reports).write(connection)


def plan_append(connection: Connection, seed_rows: dict[int, Row], seed_reports: dict[int, EventReport]) -> AppendPlan:
    """What `append_reports` writes, read and worked out without writing (see `AppendPlan`)."""
    event_of_key = {report.key: event_id for event_id, report in seed_reports.items()}
    ids, groups = formed_incidents(connection, list(seed_reports.values()))
    placed = grow_incidents(groups, list(seed_reports.values()))
    rows = dict(seed_rows)
    states: dict[int, EventState] = {event_id: loose_state(report) for event_id, report in seed_reports.items()}
    joining: dict[int, list[tuple[EventReport, MergeReason | None]]] = defaultdict(list)
    for key, (number, why) in placed.items():
        joining[number].append((seed_reports[event_of_key[key]], why))
    incident_rows: list[dict[str, Any]] = []
    report_rows: list[dict[str, Any]] = []
    grown = [ids[number] for number in joining if number < len(ids)]
    leads = _lead_rows(connection, grown) if grown else {}
    claim_reports = _claim_reports(connection, grown) if grown else {}
    for number, members in joining.items():
        added = [report for report, _ in members]
        if number >= len(ids):
            reasons = tuple(why for _, why in members if why is not None)
            values, member_rows, member_states = describe_incident(
                Incident("", tuple(added), reasons), rows, event_of_key
            )
        else:
            incident = ids[number]
            old, old_lead_row, old_lead = leads[incident]
            rows[old_lead_row.id] = old_lead_row
            lead = min([old_lead, *added], key=_lead_order)
            lead_row = old_lead_row if lead is old_lead else seed_rows[event_of_key[lead.key]]
            claims = incident_claims(Incident(incident, (*claim_reports.get(incident, ()), *added)))
            articles = old.article_count + len({report.article_id for report in added})
            values = incident_values(incident, lead, lead_row, claims, old.report_count + len(added), articles)
            member_states = {old_lead_row.id: member_state(old_lead, incident, values if lead is old_lead else None)}
            member_rows = []
            for report, why in members:
                event_id = event_of_key[report.key]
                member_states[event_id] = member_state(report, incident, values if report is lead else None)
                member_rows.append(report_row(event_id, incident, report, why and why.joined, why and why.text))
        incident_rows.append(values)
        report_rows.extend(member_rows)
        states.update(member_states)
    return AppendPlan(seed_rows, rows, states, incident_rows, report_rows)
