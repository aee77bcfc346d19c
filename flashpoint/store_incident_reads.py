"""Read event reports and incidents back from the database as `flashpoint.incidents` objects.

A report is rebuilt from rows: the events row, its article (source, published date), the kind of its place (for
the location precision) and the article's casualty and attack figures inside the event's span (for their
qualifiers). Its key is `article_id#index`, the index being the event's position among the article's events rows
in id order, which is the order the extraction listed them in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Select, and_, or_, select
from sqlalchemy.engine import Row

from flashpoint.claims import CLAIM_KINDS
from flashpoint.filters import Filters
from flashpoint.incident_rules import (
    DATE_SLACK_DAYS,
    MAX_INCIDENT_DAYS,
    SEA_COASTS,
    TYPE_FAMILIES,
    UNDATED_LOOKBACK_DAYS,
    EventReport,
    family_of,
    precision,
    window,
)
from flashpoint.incidents import Incident, MergeReason
from flashpoint.model import Event, Extraction, Figure, Span
from flashpoint.precision import ADMIN1, SEA, location_precision
from flashpoint.schema import ARTICLES, EVENTS, FIGURES, INCIDENT_REPORTS, INCIDENTS, PLACES
from flashpoint.store import Store
from flashpoint.store_rows import location_admin1s, location_kinds

# Values bound in one IN list: far below SQLite's and PostgreSQL's limits on parameters per statement.
IN_LIST_SIZE = 2_000
# How far (in days, each side) a stored report's day can lie from a new report's window and still merge with it:
# a dated report spans at most MAX_INCIDENT_DAYS, an undated one looks back UNDATED_LOOKBACK_DAYS from its
# publication, and windows merge within DATE_SLACK_DAYS.
NEIGHBOUR_DAYS = MAX_INCIDENT_DAYS + UNDATED_LOOKBACK_DAYS + DATE_SLACK_DAYS
# Incidents rebuilt from rows at a time when iterating over many (exports).
INCIDENTS_PER_READ = 500

# The incident columns of an events row, as store_incident_writes sets them.
EVENT_STATE_COLUMNS = (
    "incident_id",
    "incident_count",
    "incident_attacks",
    "incident_injured",
    "incident_killed",
    "location_precision",
    "date_precision",
)
INCIDENT_STATE = tuple(EVENTS.c[name] for name in EVENT_STATE_COLUMNS)
REPORT_COLUMNS = (
    EVENTS.c.id,
    EVENTS.c.article_id,
    EVENTS.c.place_id,
    EVENTS.c.type,
    EVENTS.c.day,
    EVENTS.c.date,
    EVENTS.c.date_end,
    EVENTS.c.location,
    EVENTS.c.country_code,
    EVENTS.c.lat,
    EVENTS.c.lon,
    EVENTS.c.actors,
    EVENTS.c.targets,
    EVENTS.c.count,
    EVENTS.c.injured,
    EVENTS.c.killed,
    EVENTS.c.sentence,
    EVENTS.c.span_start,
    EVENTS.c.span_end,
    EVENTS.c.confidence,
    *INCIDENT_STATE,
    PLACES.c.kind.label("place_kind"),
    PLACES.c.admin1.label("place_admin1"),
    ARTICLES.c.source,
    ARTICLES.c.published,
)


def chunked(values: Iterable[Any], size: int = IN_LIST_SIZE) -> Iterator[list[Any]]:
    """The values in lists of at most `size`, for IN lists."""
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def report_tables() -> Any:
    """Events with their place (if any, for its kind) and their article (source, published): what reports read."""
    return EVENTS.outerjoin(PLACES, PLACES.c.id == EVENTS.c.place_id).join(
        ARTICLES, ARTICLES.c.id == EVENTS.c.article_id
    )


def report_select() -> Select:
    """SELECT of everything a report is rebuilt from, one row per events row; add a WHERE."""
    return select(*REPORT_COLUMNS).select_from(report_tables())


def report_rows_in(connection: Connection, column: Any, values: Collection[Any]) -> list[Row]:
    """The report rows whose `column` is one of `values`."""
    rows: list[Row] = []
    for batch in chunked(sorted(values)):
        rows.extend(connection.execute(report_select().where(column.in_(batch))).all())
    return rows


def _day_ranges(reports: Iterable[EventReport]) -> list[tuple[date, date]]:
    """The reports' windows widened by NEIGHBOUR_DAYS, overlapping or adjacent ones joined."""
    widen = timedelta(days=NEIGHBOUR_DAYS)
    spans = sorted((span[0] - widen, span[1] + widen) for span in map(window, reports) if span is not None)
    joined: list[tuple[date, date]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1] + timedelta(days=1):
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def neighbour_condition(reports: list[EventReport]) -> Any | None:
    """WHERE condition narrowing stored events to those that could merge with one of `reports` (the index keys
    decide exactly); None when none can (no report has a date)."""
    ranges = _day_ranges(reports)
    if not ranges:
        return None
    families = {family_of(report.event.type) for report in reports}
    types = {name for name, family in TYPE_FAMILIES.items() if family in families} | families
    countries: set[str] = set()
    for report in reports:
        if precision(report) == SEA:
            countries |= SEA_COASTS.get((report.event.location or "").lower(), frozenset())
        if report.event.country_code:
            countries.add(report.event.country_code)
    # Seas carry no country code: reports at sea are candidates of every coastal report.
    place = or_(EVENTS.c.country_code.in_(sorted(countries)), EVENTS.c.country_code.is_(None))
    days = or_(*(EVENTS.c.day.between(start, end) for start, end in ranges))
    return and_(days, EVENTS.c.type.in_(sorted(types)), place)


def _event_of(row: Row) -> Event:
    return Event(
        type=row.type,
        sentence=row.sentence,
        span=Span(row.span_start, row.span_end),
        date=row.date,
        date_end=row.date_end,
        location=row.location,
        country_code=row.country_code,
        lat=row.lat,
        lon=row.lon,
        actors=tuple(row.actors or ()),
        targets=tuple(row.targets or ()),
        count=row.count,
        injured=row.injured,
        killed=row.killed,
        confidence=row.confidence,
    )


def _admin1_of(location: str | None, kind: str | None, place_admin1: str | None) -> str | None:
    """The admin-1 region a report lies in: its place's (model.Location.admin1); for a place stored before places
    kept one (NULL), a region's own name."""
    if place_admin1:
        return place_admin1
    return location if location_precision(kind) == ADMIN1 else None


def _claims_inside(figures: Iterable[Figure], span: Span) -> tuple[Figure, ...]:
    """The casualty and attack figures stated inside `span`: the figures an event's claims read."""
    return tuple(
        figure
        for figure in figures
        if figure.kind in CLAIM_KINDS and span.start <= figure.span.start and figure.span.end <= span.end
    )


def base_report(row: Row) -> EventReport:
    """The report of one row without its index and figures: enough to decide where it may merge."""
    admin1 = _admin1_of(row.location, row.place_kind, row.place_admin1)
    return EventReport(
        _event_of(row), row.article_id, row.source, row.published, location_kind=row.place_kind, admin1=admin1
    )


def event_positions(connection: Connection, article_ids: Collection[str]) -> dict[int, tuple[str, int]]:
    """Each event id of these articles -> (article id, its position among the article's events in id order)."""
    positions: dict[int, tuple[str, int]] = {}
    for batch in chunked(sorted(article_ids)):
        statement = (
            select(EVENTS.c.id, EVENTS.c.article_id)
            .where(EVENTS.c.article_id.in_(batch))
            .order_by(EVENTS.c.article_id, EVENTS.c.id)
        )
        seen: dict[str, int] = defaultdict(int)
        for event_id, article_id in connection.execute(statement):
            positions[event_id] = (article_id, seen[article_id])
            seen[article_id] += 1
    return positions


def claim_figures(connection: Connection, article_ids: Collection[str]) -> dict[str, list[Figure]]:
    """The casualty and attack figures of these articles (what claims and ordinals read), by article."""
    found: dict[str, list[Figure]] = defaultdict(list)
    columns = (
        FIGURES.c.article_id,
        FIGURES.c.kind,
        FIGURES.c.value,
        FIGURES.c.qualifier,
        FIGURES.c.text,
        FIGURES.c.sentence,
        FIGURES.c.span_start,
        FIGURES.c.span_end,
    )
    for batch in chunked(sorted(article_ids)):
        statement = select(*columns).where(FIGURES.c.article_id.in_(batch), FIGURES.c.kind.in_(CLAIM_KINDS))
        for row in connection.execute(statement):
            figure = Figure(
                row.kind, row.value, row.qualifier, row.text, row.sentence, Span(row.span_start, row.span_end)
            )
            found[row.article_id].append(figure)
    return found


def complete_reports(
    connection: Connection, rows: Iterable[Row], positions: dict[int, tuple[str, int]] | None = None
) -> dict[int, EventReport]:
    """Each row's full report (key index and figures inside its span), by event id; `positions` may hold the
    rows' `event_positions` already read."""
    rows = list(rows)
    articles = {row.article_id for row in rows}
    if positions is None or any(row.id not in positions for row in rows):
        positions = event_positions(connection, articles)
    figures = claim_figures(connection, articles)
    reports = {}
    for row in rows:
        inside = _claims_inside(figures.get(row.article_id, ()), Span(row.span_start, row.span_end))
        reports[row.id] = replace(base_report(row), index=positions[row.id][1], figures=inside)
    return reports


# What the incident writer reads of a saved article's events rows when their reports come from its extraction.
SAVED_EVENT_COLUMNS = (
    EVENTS.c.id,
    EVENTS.c.article_id,
    EVENTS.c.place_id,
    EVENTS.c.day,
    *INCIDENT_STATE,
)


def report_inputs(extraction: Extraction) -> Extraction:
    """The part of a saved article's extraction `saved_reports` reads: its events, claim figures, locations'
    names, kinds and regions (in order), source and published day. Without the text, mentions, actors and links
    it is a small fraction of the whole, which is what an ingest worker sends back for the incident refresh."""
    return Extraction(
        article=replace(extraction.article, title="", body=""),
        locations=tuple(replace(location, mentions=()) for location in extraction.locations),
        figures=tuple(figure for figure in extraction.figures if figure.kind in CLAIM_KINDS),
        events=extraction.events,
    )


def saved_reports(
    connection: Connection, extractions: Mapping[str, Extraction]
) -> tuple[dict[int, Row], dict[int, EventReport]]:
    """The events rows (incident columns only) and the reports of just-saved articles, the reports built from the
    extractions the store was given (as `complete_reports` would rebuild them) rather than read back."""
    rows: dict[int, Row] = {}
    for batch in chunked(sorted(extractions)):
        statement = (
            select(*SAVED_EVENT_COLUMNS)
            .where(EVENTS.c.article_id.in_(batch))
            .order_by(EVENTS.c.article_id, EVENTS.c.id)
        )
        rows.update((row.id, row) for row in connection.execute(statement))
    reports: dict[int, EventReport] = {}
    seen: dict[str, int] = defaultdict(int)
    kinds_by_article: dict[str, dict[str, str]] = {}
    admin1_by_article: dict[str, dict[str, str | None]] = {}
    for event_id, row in rows.items():
        extraction = extractions[row.article_id]
        if row.article_id not in kinds_by_article:
            kinds_by_article[row.article_id] = location_kinds(extraction.locations)
            admin1_by_article[row.article_id] = location_admin1s(extraction.locations)
        index = seen[row.article_id]
        seen[row.article_id] += 1
        event = extraction.events[index]
        name = (event.location or "").casefold()
        kind = kinds_by_article[row.article_id].get(name)
        inside = _claims_inside(extraction.figures, event.span)
        article = extraction.article
        admin1 = _admin1_of(event.location, kind, admin1_by_article[row.article_id].get(name))
        reports[event_id] = EventReport(
            event, row.article_id, article.source, article.published, index, kind, admin1, inside
        )
    return rows, reports


def report_order(report: EventReport) -> tuple[str, str]:
    """Reports in canonical order: by the first day of their window (undated last), then by key."""
    span = window(report)
    return (span[0].isoformat() if span else "9999", report.key)


def _incidents_from(connection: Connection, incident_ids: Sequence[str]) -> list[Incident]:
    """The incidents with these ids, in the order given, rebuilt with their reports and merge reasons."""
    rows = report_rows_in(connection, EVENTS.c.incident_id, incident_ids)
    reports = complete_reports(connection, rows)
    by_incident: dict[str, list[EventReport]] = defaultdict(list)
    for row in rows:
        by_incident[row.incident_id].append(reports[row.id])
    reasons: dict[str, list[MergeReason]] = defaultdict(list)
    for batch in chunked(sorted(incident_ids)):
        statement = (
            select(
                INCIDENT_REPORTS.c.incident_id,
                INCIDENT_REPORTS.c.report_key,
                INCIDENT_REPORTS.c.joined_key,
                INCIDENT_REPORTS.c.reason,
            )
            .where(INCIDENT_REPORTS.c.incident_id.in_(batch), INCIDENT_REPORTS.c.reason.is_not(None))
            .order_by(INCIDENT_REPORTS.c.report_key)
        )
        for row in connection.execute(statement):
            reasons[row.incident_id].append(MergeReason(row.report_key, row.joined_key or "", row.reason))
    return [
        Incident(incident_id, tuple(sorted(by_incident[incident_id], key=report_order)), tuple(reasons[incident_id]))
        for incident_id in incident_ids
        if by_incident.get(incident_id)
    ]


def load_incident(store: Store, incident_id: str) -> Incident | None:
    """One stored incident with every report and merge reason; None when there is no such incident."""
    with store.engine.connect() as connection:
        found = _incidents_from(connection, [incident_id])
    return found[0] if found else None


def incidents_of_articles(store: Store, article_ids: Iterable[str]) -> set[str]:
    """The ids of the incidents any report of these articles belongs to."""
    found: set[str] = set()
    with store.engine.connect() as connection:
        for batch in chunked(sorted(set(article_ids))):
            statement = select(EVENTS.c.incident_id).where(
                EVENTS.c.article_id.in_(batch), EVENTS.c.incident_id.is_not(None)
            )
            found.update(connection.execute(statement).scalars())
    return found


def iter_incidents(store: Store, filters: Filters | None = None) -> Iterator[Incident]:
    """Every stored incident matching `filters` (all when None) as `query.incidents_table` matches them (by the
    lead report), by day then id, read a few hundred at a time."""
    # Imported here: the query layer brings pandas, which an ingest (this module's main user) never needs.
    from flashpoint.query_incidents import matching_incidents

    statement = matching_incidents(filters or Filters(), INCIDENTS.c.id).order_by(INCIDENTS.c.day, INCIDENTS.c.id)
    with store.engine.connect() as connection:
        incident_ids = list(connection.execute(statement).scalars())
        for batch in chunked(incident_ids, INCIDENTS_PER_READ):
            yield from _incidents_from(connection, batch)
