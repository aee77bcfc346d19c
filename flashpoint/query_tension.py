"""The weekly tension index read from the database: scores per area and week added up in SQL, with the weights
and early-warning levels of `flashpoint.tension` (the one definition of both).

An incident counts in the week of its lead report's day (the Monday the incidents row stores) and in its lead
report's area: the country, or the sea's name for a report at sea, or the admin-1 region the incident was placed
in. The filters select incidents by their lead report, as the headline numbers do.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import BigInteger, Float, Select, case, cast, func, literal, null, select, union_all
from sqlalchemy.sql.elements import ColumnElement

from flashpoint.filters import Filters
from flashpoint.query_incidents import INCIDENT_COLUMNS, matching_incidents, with_whole_figures
from flashpoint.query_scope import event_conditions, frame
from flashpoint.schema import EVENTS, INCIDENTS
from flashpoint.store import Store
from flashpoint.tension import INJURED_WEIGHT, KILLED_WEIGHT, TYPE_WEIGHTS, UNKNOWN_TYPE_WEIGHT, weekly_levels

AREA_LEVELS = ("country", "admin1")
TENSION_COLUMNS = (
    "area",
    "country_code",
    "week",
    "score",
    "incidents",
    "killed",
    "injured",
    "baseline",
    "change",
    "level",
)
TOTAL_COLUMNS = ("score", "incidents", "killed", "injured")


def incident_score(
    event_type: ColumnElement[Any], killed: ColumnElement[Any], injured: ColumnElement[Any]
) -> ColumnElement[float]:
    """One incident's score in SQL: its type's weight plus its killed and injured, weighted as in
    `flashpoint.tension.severity`; a missing figure adds nothing."""
    weights = {event_type_name: literal(weight, Float) for event_type_name, weight in TYPE_WEIGHTS.items()}
    type_weight = case(weights, value=event_type, else_=literal(UNKNOWN_TYPE_WEIGHT, Float))
    casualties = literal(KILLED_WEIGHT, Float) * func.coalesce(killed, 0) + literal(
        INJURED_WEIGHT, Float
    ) * func.coalesce(injured, 0)
    return cast(type_weight + casualties, Float)


def _week_totals(score: ColumnElement[float], killed: ColumnElement[Any], injured: ColumnElement[Any]) -> list[Any]:
    return [
        cast(func.sum(score), Float).label("score"),
        func.count().label("incidents"),
        cast(func.coalesce(func.sum(killed), 0), BigInteger).label("killed"),
        cast(func.coalesce(func.sum(injured), 0), BigInteger).label("injured"),
    ]


def _country_weeks(filters: Filters) -> Select[Any]:
    """Per country (or sea) and week, from the lead reports' rows alone: the totals indexes hold every column
    the country rows read, so those come from an index."""
    conditions = [*event_conditions(filters), EVENTS.c.incident_count > 0, EVENTS.c.week.is_not(None)]
    score = incident_score(EVENTS.c.type, EVENTS.c.incident_killed, EVENTS.c.incident_injured)
    totals = _week_totals(score, EVENTS.c.incident_killed, EVENTS.c.incident_injured)
    countries = (
        select(EVENTS.c.country_code.label("area"), EVENTS.c.country_code, EVENTS.c.week, *totals)
        .where(*conditions, EVENTS.c.country_code.is_not(None))
        .group_by(EVENTS.c.country_code, EVENTS.c.week)
    )
    # A report at sea has no country: the sea's name is its area.
    seas = (
        select(EVENTS.c.location.label("area"), null().label("country_code"), EVENTS.c.week, *totals)
        .where(*conditions, EVENTS.c.country_code.is_(None), EVENTS.c.location.is_not(None))
        .group_by(EVENTS.c.location, EVENTS.c.week)
    )
    return union_all(countries, seas)  # type: ignore[return-value]


def _admin1_weeks(filters: Filters) -> Select[Any]:
    """Per admin-1 region (with its country) and week, from the incidents rows."""
    score = incident_score(INCIDENTS.c.type, INCIDENTS.c.killed_best, INCIDENTS.c.injured_best)
    totals = _week_totals(score, INCIDENTS.c.killed_best, INCIDENTS.c.injured_best)
    return (
        matching_incidents(filters, INCIDENTS.c.admin1.label("area"), INCIDENTS.c.country_code, INCIDENTS.c.week)
        .add_columns(*totals)
        .where(INCIDENTS.c.admin1.is_not(None), INCIDENTS.c.week.is_not(None))
        .group_by(INCIDENTS.c.admin1, INCIDENTS.c.country_code, INCIDENTS.c.week)
    )


def _last_week(store: Store, filters: Filters) -> date | None:
    """The latest week holding a matching incident anywhere: every area's rows run to it."""
    with store.engine.connect() as connection:
        return connection.execute(matching_incidents(filters, func.max(INCIDENTS.c.week))).scalar_one()


def _check_level(level: str) -> None:
    if level not in AREA_LEVELS:
        raise ValueError(f"level must be one of {', '.join(AREA_LEVELS)}, not {level!r}")


def tension_weeks(store: Store, filters: Filters, level: str = "country") -> pd.DataFrame:
    """The tension score of each area per week (Monday), from the area's first incident to the latest week with
    one anywhere, with the baseline of the weeks before, the change against it and its early-warning level.

    `level` "country" gives countries (and seas, by name, with no country code); "admin1" gives admin-1 regions
    by name with their country's code.
    """
    _check_level(level)
    statement = _country_weeks(filters) if level == "country" else _admin1_weeks(filters)
    totals = frame(store, statement)
    if totals.empty:
        return pd.DataFrame(columns=list(TENSION_COLUMNS))
    last_week = max(totals["week"]) if level == "country" else _last_week(store, filters)
    by_area: dict[tuple[str, str | None], dict[date, tuple[float, ...]]] = {}
    for row in totals.itertuples(index=False):
        code = None if pd.isna(row.country_code) else row.country_code
        by_area.setdefault((row.area, code), {})[row.week] = tuple(getattr(row, name) for name in TOTAL_COLUMNS)
    rows = []
    for (area, code), weeks in sorted(by_area.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        scores = {week: values[0] for week, values in weeks.items()}
        for monday, score, baseline, change, word in weekly_levels(scores, last_week):
            _, incidents, killed, injured = weeks.get(monday, (0.0, 0, 0, 0))
            rows.append((area, code, monday, score, incidents, killed, injured, baseline, change, word))
    weekly = pd.DataFrame(rows, columns=list(TENSION_COLUMNS))
    weekly[["incidents", "killed", "injured"]] = weekly[["incidents", "killed", "injured"]].astype("int64")
    return weekly


def tension_latest(store: Store, filters: Filters) -> pd.DataFrame:
    """One row per country (and sea) for the latest week: its score, change and level, for the choropleth."""
    weekly = tension_weeks(store, filters)
    if weekly.empty:
        return weekly
    return weekly[weekly["week"] == weekly["week"].max()].reset_index(drop=True)


def tension_drivers(store: Store, filters: Filters, area: str, week: date, level: str = "country") -> pd.DataFrame:
    """The matching incidents behind one area's score in one week (the incidents table's columns plus each
    incident's `score`), heaviest first."""
    _check_level(level)
    monday = week.date() if isinstance(week, datetime) else week
    score = incident_score(INCIDENTS.c.type, INCIDENTS.c.killed_best, INCIDENTS.c.injured_best).label("score")
    if level == "country":
        in_area = func.coalesce(INCIDENTS.c.country_code, INCIDENTS.c.location) == area
    else:
        in_area = INCIDENTS.c.admin1 == area
    statement = (
        matching_incidents(filters, *INCIDENT_COLUMNS, score)
        .where(INCIDENTS.c.week == monday, in_area)
        .order_by(score.desc(), INCIDENTS.c.day, INCIDENTS.c.id)
    )
    return with_whole_figures(frame(store, statement))
