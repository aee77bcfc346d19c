"""The running-totals chart and table: one step series per kind and scope, labels as stated, article text inert."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.running_totals import build_running_totals_chart, build_running_totals_table, stated_value


def _totals(*rows: dict) -> pd.DataFrame:
    defaults = {
        "kind": "attacks",
        "qualifier": None,
        "since": date(2023, 10, 17),
        "scope": "IQ",
        "source": "Wire",
        "article_id": "a",
        "title": "t",
        "sentence": "s",
    }
    return pd.DataFrame([{**defaults, **row} for row in rows])


def test_each_kind_and_scope_is_one_step_series_in_date_order() -> None:
    totals = _totals(
        {"value": 60, "qualifier": "more than", "as_of": date(2023, 11, 14)},
        {"value": 38, "qualifier": "at least", "as_of": date(2023, 11, 7)},
        {"value": 12, "as_of": date(2023, 11, 9), "scope": "SY"},
    )
    figure = build_running_totals_chart(totals)
    assert figure is not None
    by_name = {trace.name: trace for trace in figure.data}
    assert set(by_name) == {"attacks (IQ)", "attacks (SY)"}
    iraq = by_name["attacks (IQ)"]
    assert list(iraq.y) == [38, 60] and iraq.line.shape == "hv"
    assert list(iraq.text) == ["at least 38 (Wire)", "more than 60 (Wire)"]


def test_labels_from_articles_are_escaped() -> None:
    totals = _totals({"value": 5, "as_of": date(2024, 1, 1), "source": "<b>Bold</b> & co", "scope": "<i>x</i>"})
    figure = build_running_totals_chart(totals)
    assert figure is not None
    (trace,) = figure.data
    assert trace.text[0] == "5 (&lt;b&gt;Bold&lt;/b&gt; &amp; co)"
    assert "<i>" not in trace.name


def test_no_dated_total_draws_no_chart_but_the_table_keeps_it() -> None:
    totals = _totals({"value": 108, "as_of": None})
    assert build_running_totals_chart(totals) is None
    table = build_running_totals_table(totals)
    assert list(table["value"]) == ["108"]


def test_the_table_is_newest_first_with_values_as_stated() -> None:
    totals = _totals(
        {"value": 38, "qualifier": "at least", "as_of": date(2023, 11, 7)},
        {"value": 1200, "qualifier": "more than", "as_of": date(2023, 11, 14)},
    )
    table = build_running_totals_table(totals)
    assert list(table["value"]) == ["more than 1,200", "at least 38"]
    assert stated_value({"value": 7, "qualifier": ""}) == "7"
