"""Test setup: write incidents, their reports and the events' incident columns for stored events by hand.

Query tests decide which reports form one incident and what its best figures are, so the expected numbers can be
worked out by hand whatever the clustering rules say; the clustering itself is tested with flashpoint.incidents
and flashpoint.store_incidents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update

from flashpoint.precision import date_precision, location_precision
from flashpoint.schema import EVENTS, INCIDENT_REPORTS, INCIDENTS, PLACES
from flashpoint.store import Store

# What an incidents row copies from its lead report's events row.
LEAD_COLUMNS = ("type", "day", "week", "country_code", "place_id", "location", "lat", "lon", "sentence")
# (low, best, high) of a figure, or None when no report states it.
Rollup = tuple[int, int, int] | None


@dataclass(frozen=True)
class HandIncident:
    """One incident: its reports as events row ids (the first is the lead), and its rolled-up figures."""

    id: str
    event_ids: Sequence[int]
    attacks: int = 1
    killed: Rollup = None
    injured: Rollup = None
    admin1: str | None = None


def event_id_with(store: Store, phrase: str) -> int:
    """The events row id of the one event whose sentence holds `phrase`, so tests can name the reports they group."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(EVENTS.c.id, EVENTS.c.sentence)).all()
    (event_id,) = [event_id for event_id, sentence in rows if phrase in sentence]
    return event_id


def set_location_precisions(store: Store, precisions: dict[int, str]) -> None:
    """Give events their location precision (by events row id)."""
    with store.engine.begin() as connection:
        for event_id, word in precisions.items():
            connection.execute(update(EVENTS).where(EVENTS.c.id == event_id).values(location_precision=word))


def _report_keys(connection: object, article_ids: set[str]) -> dict[int, str]:
    """`article_id#index` for every event of these articles, index = position among the article's events."""
    rows = connection.execute(  # type: ignore[attr-defined]
        select(EVENTS.c.id, EVENTS.c.article_id).where(EVENTS.c.article_id.in_(article_ids)).order_by(EVENTS.c.id)
    ).all()
    positions: dict[str, int] = {}
    keys = {}
    for event_id, article_id in rows:
        keys[event_id] = f"{article_id}#{positions.get(article_id, 0)}"
        positions[article_id] = positions.get(article_id, 0) + 1
    return keys


def write_incidents(store: Store, incidents: Sequence[HandIncident]) -> None:
    """Store these incidents as the storage layer would: the incidents row from the lead report, one
    incident_reports row per report, incident_id on every report and the incident's totals on the lead only."""
    with store.engine.begin() as connection:
        for incident in incidents:
            lead_id, *others = incident.event_ids
            rows = {
                row.id: row
                for row in connection.execute(select(EVENTS).where(EVENTS.c.id.in_(incident.event_ids))).all()
            }
            lead = rows[lead_id]
            keys = _report_keys(connection, {row.article_id for row in rows.values()})
            killed = incident.killed or (None, None, None)
            injured = incident.injured or (None, None, None)
            rollups = {
                f"{kind}_{bound}": value
                for kind, figures in (("killed", killed), ("injured", injured))
                for bound, value in zip(("low", "best", "high"), figures, strict=True)
            }
            connection.execute(
                INCIDENTS.insert().values(
                    id=incident.id,
                    family=lead.type,
                    day_end=lead.date_end,
                    admin1=incident.admin1,
                    location_precision=lead.location_precision or "unknown",
                    date_precision=date_precision(lead.date, lead.date_end),
                    report_count=len(incident.event_ids),
                    article_count=len({row.article_id for row in rows.values()}),
                    lead_event_id=lead_id,
                    attacks=incident.attacks,
                    **{column: getattr(lead, column) for column in LEAD_COLUMNS},
                    **rollups,
                )
            )
            for event_id in incident.event_ids:
                joined = None if event_id == lead_id else keys[lead_id]
                connection.execute(
                    INCIDENT_REPORTS.insert().values(
                        event_id=event_id,
                        incident_id=incident.id,
                        article_id=rows[event_id].article_id,
                        report_key=keys[event_id],
                        joined_key=joined,
                        reason=None if joined is None else "same place, same day",
                    )
                )
            connection.execute(update(EVENTS).where(EVENTS.c.id.in_(others)).values(incident_id=incident.id))
            connection.execute(
                update(EVENTS)
                .where(EVENTS.c.id == lead_id)
                .values(
                    incident_id=incident.id,
                    incident_count=1,
                    incident_attacks=incident.attacks,
                    incident_injured=injured[1] or 0,
                    incident_killed=killed[1] or 0,
                )
            )


def fill_location_precisions(store: Store) -> None:
    """Give every event without a location precision the precision of its place's kind (unknown without one)."""
    with store.engine.begin() as connection:
        rows = connection.execute(
            select(EVENTS.c.id, PLACES.c.kind)
            .select_from(EVENTS.outerjoin(PLACES, PLACES.c.id == EVENTS.c.place_id))
            .where(EVENTS.c.location_precision.is_(None))
        ).all()
        for event_id, kind in rows:
            word = location_precision(kind) if kind else "unknown"
            connection.execute(update(EVENTS).where(EVENTS.c.id == event_id).values(location_precision=word))


def one_incident_per_event(store: Store, prefix: str = "solo") -> None:
    """Every event not yet in an incident becomes an incident of its own, with its own figures as the best."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(EVENTS).where(EVENTS.c.incident_id.is_(None)).order_by(EVENTS.c.id)).all()

    def exact(value: int | None) -> Rollup:
        return None if value is None else (value, value, value)

    write_incidents(
        store,
        [
            HandIncident(f"{prefix}{row.id}", [row.id], row.attack_count, exact(row.killed), exact(row.injured))
            for row in rows
        ],
    )
