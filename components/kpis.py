"""The headline numbers for the current filters, as a row of metric cards."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

KPI_LABELS = (
    ("articles", "Articles"),
    ("places", "Places"),
    ("attacks", "Attacks"),
    ("injured", "Injured"),
    ("killed", "Killed"),
    ("actors", "Actors"),
)


def build_kpi_cards(kpis: Mapping[str, object]) -> list[tuple[str, int]]:
    """(label, value) for each card in display order; a missing number shows as zero."""
    cards = []
    for name, label in KPI_LABELS:
        value = kpis.get(name)
        cards.append((label, int(value) if value is not None and value == value else 0))
    return cards


def render_kpis(kpis: Mapping[str, object]) -> None:
    cards = build_kpi_cards(kpis)
    for column, (label, value) in zip(st.columns(len(cards)), cards, strict=True):
        column.metric(label, f"{value:,}", border=True)
