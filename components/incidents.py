"""Incidents as tables a reader can scan: when, where (and how precisely), how many reports, the figures' range."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd
import streamlit as st

from components.precision_marks import is_approximate, precision_word
from components.wording import plural
from flashpoint.model import MONTH, WEEK

INCIDENT_COLUMNS = [
    "when",
    "type",
    "location",
    "country_code",
    "precision",
    "reports",
    "articles",
    "attacks",
    "killed",
    "injured",
    "sentence",
]
REPORT_COLUMNS = [
    "report",
    "title",
    "source",
    "published",
    "sentence",
    "attacks",
    "killed",
    "injured",
    "merged because",
    "joined to",
]
# Dates known only to the week or month: the day shown is where that period starts.
COARSE_DATE_PRECISIONS = (WEEK, MONTH)
# The report every other one joined: it carries no merge reason of its own.
FIRST_REPORT_REASON = "first report of the incident"


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def count_label(count: object, word: str) -> str:
    """'1 report', '3 reports': the count the dashboard prints on every incident."""
    return plural(0 if _missing(count) else int(count), word)  # type: ignore[arg-type]


def figure_range(low: object, best: object, high: object) -> str:
    """A rolled-up figure: the best estimate, with the reports' low-high range when they disagree."""
    if _missing(best):
        return ""
    best_value = int(best)  # type: ignore[arg-type]
    low_value = best_value if _missing(low) else int(low)  # type: ignore[arg-type]
    high_value = best_value if _missing(high) else int(high)  # type: ignore[arg-type]
    if low_value == high_value == best_value:
        return f"{best_value:,}"
    return f"{best_value:,} ({low_value:,}–{high_value:,})"


def _iso_day(value: object) -> str:
    # Query rows hold plain dates; pandas may hand back Timestamps or ISO text instead.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return pd.Timestamp(value).date().isoformat()  # type: ignore[arg-type]


def date_span(day: object, day_end: object) -> str:
    """'2024-01-16', or '2024-01-16 – 2024-01-18' for an incident reported over several days."""
    if _missing(day):
        return "undated"
    start = _iso_day(day)
    end = start if _missing(day_end) else _iso_day(day_end)
    return start if end == start else f"{start} – {end}"


def when_label(day: object, day_end: object, date_precision: object = None) -> str:
    """The incident's dates, saying so when a report gave only its week or month rather than the day."""
    span = date_span(day, day_end)
    coarse = "" if _missing(date_precision) else str(date_precision)
    return f"{span} (that {coarse})" if coarse in COARSE_DATE_PRECISIONS and span != "undated" else span


def precision_label(precision: object) -> str:
    """The precision in words, with 'approximate' on anything coarser than a site or city."""
    text = "" if _missing(precision) else str(precision)
    word = precision_word(text)
    return f"{word} (approximate)" if is_approximate(text) else word


def _column(table: pd.DataFrame, name: str) -> list[object]:
    """A column as a plain list (far quicker than row dicts for thousands of rows); all None when absent."""
    return table[name].tolist() if name in table else [None] * len(table)


def build_incidents_table(incidents: pd.DataFrame) -> pd.DataFrame:
    """The incidents_table rows as a reader sees them, `incident_id` kept first for choosing one."""
    if incidents.empty:
        return pd.DataFrame(columns=["incident_id", *INCIDENT_COLUMNS])
    column = {name: _column(incidents, name) for name in incidents.columns}
    optional = ("day_end", "date_precision", "location_precision", "article_count", "attacks", "sentence")
    figures = tuple(f"{kind}_{bound}" for kind in ("killed", "injured") for bound in ("low", "best", "high"))
    for name in optional + figures:
        column.setdefault(name, [None] * len(incidents))
    killed = zip(column["killed_low"], column["killed_best"], column["killed_high"], strict=True)
    injured = zip(column["injured_low"], column["injured_best"], column["injured_high"], strict=True)
    table = pd.DataFrame(
        {
            "incident_id": column["incident_id"],
            "when": list(map(when_label, column["day"], column["day_end"], column["date_precision"])),
            "type": column["type"],
            "location": column["location"],
            "country_code": column["country_code"],
            "precision": list(map(precision_label, column["location_precision"])),
            "reports": [count_label(count, "report") for count in column["report_count"]],
            "articles": [count_label(count, "article") for count in column["article_count"]],
            "attacks": [0 if _missing(count) else int(count) for count in column["attacks"]],  # type: ignore[call-overload]
            "killed": [figure_range(*bounds) for bounds in killed],
            "injured": [figure_range(*bounds) for bounds in injured],
            "sentence": column["sentence"],
        }
    )
    if "score" in incidents:
        # tension_drivers ranks by each incident's weight in the tension score: show it, rounded as the chart is.
        table.insert(1, "score", pd.to_numeric(incidents["score"], errors="coerce").round(1).to_numpy())
    return table


def incident_label(row: Mapping[str, object]) -> str:
    """One line naming an incident in a chooser: when, what, where, and from how many reports."""
    where = "" if _missing(row.get("location")) else str(row.get("location"))
    parts = [date_span(row.get("day"), row.get("day_end")), str(row.get("type") or "incident"), where]
    return " · ".join(part for part in parts if part) + f" · {count_label(row.get('report_count'), 'report')}"


def build_incident_reports(detail: pd.DataFrame) -> pd.DataFrame:
    """An incident's reports, numbered, each with why it was merged and the report it joined."""
    if detail.empty:
        return pd.DataFrame(columns=REPORT_COLUMNS)
    rows = detail.to_dict("records")
    titles = {row["report_key"]: row.get("title") or row["report_key"] for row in rows}
    joined_titles = []
    for row in rows:
        joined = row.get("joined_key")
        joined_titles.append("" if _missing(joined) or not joined else str(titles.get(joined, joined)))
    return pd.DataFrame(
        {
            "report": range(1, len(rows) + 1),
            "title": [row.get("title") for row in rows],
            "source": [row.get("source") for row in rows],
            "published": [row.get("published") for row in rows],
            "sentence": [row.get("sentence") for row in rows],
            "attacks": [row.get("count") for row in rows],
            "killed": [row.get("killed") for row in rows],
            "injured": [row.get("injured") for row in rows],
            "merged because": [
                FIRST_REPORT_REASON if _missing(row.get("reason")) or not row.get("reason") else str(row["reason"])
                for row in rows
            ],
            "joined to": joined_titles,
        }
    )


def render_incidents_table(table: pd.DataFrame, key: str) -> None:
    """The incidents table, identifiers hidden, sentences given room."""
    st.dataframe(
        table,
        hide_index=True,
        key=key,
        column_order=[column for column in table.columns if column != "incident_id"],
        column_config={"sentence": st.column_config.TextColumn("sentence", width="large")},
    )


def render_incident_reports(reports: pd.DataFrame, key: str) -> None:
    """One incident's reports and merge reasons."""
    st.dataframe(
        reports,
        hide_index=True,
        key=key,
        column_config={
            "sentence": st.column_config.TextColumn("sentence", width="large"),
            "merged because": st.column_config.TextColumn("merged because", width="medium"),
        },
    )
