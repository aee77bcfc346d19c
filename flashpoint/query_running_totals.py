"""Running totals as the articles reported them ("at least 38 attacks since October 17"), for the Timeline page.

A running total counts many incidents over time, so it is a series of its own and never added to the incidents it
counts. The reports that may state one are the events rows outside any incident (aggregates) and those whose
article gives an attack figure inside the event's span (an ordinal, "the 108th attack", may number an incident);
`flashpoint.claims.running_totals` then decides which are running totals and what each one says, the same rule
the incident writer follows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import and_, exists, or_

from flashpoint.claims import running_totals
from flashpoint.filters import Filters
from flashpoint.query_scope import event_conditions
from flashpoint.schema import ARTICLES, EVENTS, FIGURES
from flashpoint.store import Store
from flashpoint.store_incident_reads import complete_reports, report_select

RUNNING_TOTAL_COLUMNS = (
    "kind",
    "value",
    "qualifier",
    "since",
    "as_of",
    "scope",
    "source",
    "article_id",
    "title",
    "sentence",
)


def _may_state_a_running_total() -> Any:
    """WHERE condition keeping the events rows that can be running totals: no incident, or an attack figure
    inside the event's sentence (an ordinal's candidate)."""
    attack_inside = exists().where(
        FIGURES.c.article_id == EVENTS.c.article_id,
        FIGURES.c.kind == "attacks",
        and_(FIGURES.c.span_start >= EVENTS.c.span_start, FIGURES.c.span_end <= EVENTS.c.span_end),
    )
    return or_(EVENTS.c.incident_id.is_(None), attack_inside)


def running_totals_table(store: Store, filters: Filters, limit: int | None = 5000) -> pd.DataFrame:
    """The running totals among the events matching `filters`, one row per figure, by kind, scope and date:
    its value and qualifier, since when it counts (if said), as of when, where, and the article that said it."""
    statement = (
        report_select()
        .add_columns(ARTICLES.c.title)
        .where(_may_state_a_running_total(), *event_conditions(filters))
        .order_by(EVENTS.c.day.desc().nulls_last(), EVENTS.c.id)
        .limit(limit)
    )
    with store.engine.connect() as connection:
        rows = connection.execute(statement).all()
        reports = complete_reports(connection, rows)
    rows_by_key = {reports[row.id].key: row for row in rows}
    records = []
    for total in running_totals(reports.values()):
        row = rows_by_key[total.report]
        records.append(
            {
                "kind": total.kind,
                "value": total.value,
                "qualifier": total.qualifier,
                "since": total.since,
                "as_of": total.as_of,
                "scope": total.scope,
                "source": total.source,
                "article_id": row.article_id,
                "title": row.title,
                "sentence": row.sentence,
            }
        )
    table = pd.DataFrame.from_records(records, columns=list(RUNNING_TOTAL_COLUMNS))
    table["value"] = table["value"].astype("int64")
    return table
