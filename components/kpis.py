"""The headline numbers for the current filters, as a row of metric cards."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import streamlit as st

from components.wording import plural

KPI_LABELS = (
    ("articles", "Articles"),
    ("places", "Places"),
    ("attacks", "Attacks"),
    ("injured", "Injured"),
    ("killed", "Killed"),
    ("actors", "Actors"),
)
# Where the incident (or report) card goes: after Articles, since incidents are what the figures then count.
COUNT_CARD_POSITION = 1


class KpiCard(NamedTuple):
    """One metric card: its label, number and an optional line under the number."""

    label: str
    value: int
    note: str | None = None


def _number(kpis: Mapping[str, object], name: str) -> int:
    value = kpis.get(name)
    return int(value) if value is not None and value == value else 0  # type: ignore[call-overload]


def build_kpi_cards(kpis: Mapping[str, object], count_by: str = "incidents") -> list[KpiCard]:
    """The cards in display order; a missing number shows as zero.

    When the numbers include "incidents" and "reports", one card counts what the figures count: incidents, noting
    how many reports they come from, or (`count_by` "reports") raw reports, noting how many incidents they tell.
    """
    cards = [KpiCard(label, _number(kpis, name)) for name, label in KPI_LABELS]
    if "incidents" in kpis and "reports" in kpis:
        incidents, reports = _number(kpis, "incidents"), _number(kpis, "reports")
        if count_by == "reports":
            card = KpiCard("Reports", reports, f"of {plural(incidents, 'incident')}")
        else:
            card = KpiCard("Incidents", incidents, f"from {plural(reports, 'report')}")
        cards.insert(COUNT_CARD_POSITION, card)
    return cards


def render_kpis(kpis: Mapping[str, object], count_by: str = "incidents") -> None:
    """The cards of build_kpi_cards in one row of equal columns."""
    cards = build_kpi_cards(kpis, count_by)
    for column, card in zip(st.columns(len(cards)), cards, strict=True):
        column.metric(
            card.label,
            f"{card.value:,}",
            delta=card.note,
            delta_color="off",
            delta_arrow="off",
            border=True,
            # Every card as tall as the one with a note under its number, so the row lines up.
            height="stretch",
        )
