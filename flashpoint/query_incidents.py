"""The incidents table and one incident's reports, for the Timeline and Data pages and the tension drivers.

An incident matches the filters when its lead report does (the events row carrying its totals): the same rule
the headline numbers follow, so the table lists exactly the incidents the Overview counts. The precision filter
reads the incident's own location precision.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
from sqlalchemy import Select, and_, select

from flashpoint.filters import Filters
from flashpoint.query_scope import event_conditions, frame
from flashpoint.schema import ARTICLES, EVENTS, INCIDENT_REPORTS, INCIDENTS
from flashpoint.store import Store

INCIDENT_COLUMNS = (
    INCIDENTS.c.id.label("incident_id"),
    INCIDENTS.c.day,
    INCIDENTS.c.day_end,
    INCIDENTS.c.type,
    INCIDENTS.c.location,
    INCIDENTS.c.country_code,
    INCIDENTS.c.lat,
    INCIDENTS.c.lon,
    INCIDENTS.c.location_precision,
    INCIDENTS.c.date_precision,
    INCIDENTS.c.report_count,
    INCIDENTS.c.article_count,
    INCIDENTS.c.attacks,
    INCIDENTS.c.killed_low,
    INCIDENTS.c.killed_best,
    INCIDENTS.c.killed_high,
    INCIDENTS.c.injured_low,
    INCIDENTS.c.injured_best,
    INCIDENTS.c.injured_high,
    INCIDENTS.c.sentence,
)
# Figures no report states stay empty (None), not zero: "no figure" and "none killed" differ.
FIGURE_COLUMNS = ("killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high")


def matching_incidents(filters: Filters, *columns: Any) -> Select[Any]:
    """SELECT `columns` from the incidents matching `filters`; the lead report's events row is joined only when
    a filter reads it."""
    statement = select(*columns).select_from(INCIDENTS)
    lead_conditions = event_conditions(replace(filters, precision=""))
    if lead_conditions:
        # The lead report is the incident's one events row with incident_count 1; joined through the incident id
        # (the incidents' primary key) so the database can start from the events a filter's index finds.
        lead = and_(EVENTS.c.incident_id == INCIDENTS.c.id, EVENTS.c.incident_count > 0)
        statement = statement.join(EVENTS, lead).where(*lead_conditions)
    accepted = filters.accepted_precisions()
    if accepted:
        statement = statement.where(INCIDENTS.c.location_precision.in_(accepted))
    return statement


def with_whole_figures(table: pd.DataFrame) -> pd.DataFrame:
    """Figure columns as nullable integers: a missing figure would otherwise turn a column into floats."""
    for column in FIGURE_COLUMNS:
        table[column] = table[column].astype("Int64")
    return table


def incidents_table(store: Store, filters: Filters, limit: int | None = 5000) -> pd.DataFrame:
    """The incidents matching `filters`, newest first: where and when (with their precision), how many reports
    and articles told each, and its attacks and killed / injured low, best and high estimates."""
    statement = (
        matching_incidents(filters, *INCIDENT_COLUMNS)
        .order_by(INCIDENTS.c.day.desc().nulls_last(), INCIDENTS.c.id)
        .limit(limit)
    )
    return with_whole_figures(frame(store, statement))


def incident_detail(store: Store, incident_id: str) -> pd.DataFrame:
    """The reports of one incident, oldest article first: each report's article, sentence and figures, and the
    report it was merged with and why (empty for the report the incident started from)."""
    statement = (
        select(
            INCIDENT_REPORTS.c.report_key,
            INCIDENT_REPORTS.c.event_id,
            INCIDENT_REPORTS.c.article_id,
            ARTICLES.c.title,
            ARTICLES.c.source,
            ARTICLES.c.published,
            EVENTS.c.sentence,
            EVENTS.c.killed,
            EVENTS.c.injured,
            EVENTS.c.count,
            INCIDENT_REPORTS.c.reason,
            INCIDENT_REPORTS.c.joined_key,
        )
        .join(EVENTS, EVENTS.c.id == INCIDENT_REPORTS.c.event_id)
        .join(ARTICLES, ARTICLES.c.id == INCIDENT_REPORTS.c.article_id)
        .where(INCIDENT_REPORTS.c.incident_id == incident_id)
        .order_by(ARTICLES.c.published.nulls_last(), INCIDENT_REPORTS.c.event_id)
    )
    reports = frame(store, statement)
    for column in ("killed", "injured", "count"):
        reports[column] = reports[column].astype("Int64")
    return reports
