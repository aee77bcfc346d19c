"""Tests for the weekly tension index, on small cases computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.incidents import EventReport, merge_incidents
from flashpoint.model import Event, Span
from flashpoint.tension import change_level, severity, tension_index


def _report(
    article: str,
    day: date,
    event_type: str = "attack",
    code: str | None = "IQ",
    admin1: str | None = None,
    published: date | None = None,
    **fields: object,
) -> EventReport:
    place = {"location": f"town in {code}", "lat": 33.0, "lon": 44.0} | fields
    event = Event(event_type, "", Span(0, 0), date=day, country_code=code, **place)
    kind = "water" if code is None else "city"
    return EventReport(event, article, "Wire", published or day, location_kind=kind, admin1=admin1)


@pytest.mark.parametrize(
    ("score", "baseline", "change", "level"),
    [
        (130.0, 100.0, 0.30, "large increase"),
        (125.0, 100.0, 0.25, "moderate increase"),
        (110.0, 100.0, 0.10, "moderate increase"),
        (109.0, 100.0, 0.09, "stable"),
        (91.0, 100.0, -0.09, "stable"),
        (90.0, 100.0, -0.10, "moderate decrease"),
        (75.0, 100.0, -0.25, "moderate decrease"),
        (74.0, 100.0, -0.26, "large decrease"),
        (5.0, 0.0, None, "large increase"),
        (0.0, 0.0, None, "stable"),
    ],
)
def test_change_levels_follow_the_early_warning_thresholds(
    score: float, baseline: float, change: float | None, level: str
) -> None:
    found_change, found_level = change_level(score, baseline)
    assert found_level == level
    assert found_change == pytest.approx(change) if change is not None else found_change is None


def test_severity_is_type_weight_plus_killed_and_injured_terms() -> None:
    (incident,) = merge_incidents([_report("a1", date(2024, 1, 3), "airstrike", killed=3, injured=4)])
    # 10 (airstrike) + 2 * 3 killed + 0.5 * 4 injured
    assert severity(incident) == (18.0, 3, 4)


def test_an_incident_told_twice_counts_once_with_its_best_toll() -> None:
    early = _report("a1", date(2024, 1, 3), "bombing", killed=84)
    later = _report("a2", date(2024, 1, 3), "bombing", published=date(2024, 1, 4), killed=95)
    (row,) = tension_index(merge_incidents([early, later]))
    # 10 (bombing) + 2 * 95, the latest toll; not 10 + 10 + 2 * (84 + 95)
    assert (row.incidents, row.killed, row.score) == (1, 95, 200.0)


def test_weekly_rows_baselines_and_levels() -> None:
    reports = [
        _report("a1", date(2024, 1, 1)),  # week 1: one attack, 10
        _report("a2", date(2024, 1, 17), "drone attack", killed=1),  # week 3: 10 + 2 = 12
        _report("a3", date(2024, 1, 24), "threat"),  # week 4: 4
    ]
    rows = tension_index(merge_incidents(reports))
    assert [row.week for row in rows] == ["2024-W01", "2024-W02", "2024-W03", "2024-W04"]
    assert [row.score for row in rows] == [10.0, 0.0, 12.0, 4.0]
    # Baselines: mean of the 4 weeks before, zero before the first: 0, 10/4, 10/4, 22/4.
    assert [row.baseline for row in rows] == [0.0, 2.5, 2.5, 5.5]
    assert [row.level for row in rows] == ["large increase", "large decrease", "large increase", "large decrease"]
    assert rows[2].change == pytest.approx((12 - 2.5) / 2.5)


def test_admin1_rows_sit_beside_country_rows() -> None:
    reports = [_report("a1", date(2024, 1, 1), admin1="IQ-AR"), _report("a2", date(2024, 1, 1), lat=31.0, lon=47.0)]
    rows = tension_index(merge_incidents(reports))
    by_area = {(row.area, row.admin1): row for row in rows}
    assert by_area[("IQ", None)].score == 20.0
    assert by_area[("IQ", "IQ-AR")].score == 10.0


def test_a_quiet_area_keeps_rows_until_the_last_active_week() -> None:
    reports = [_report("a1", date(2024, 1, 1), code="SY"), _report("a2", date(2024, 1, 15), code="LB")]
    syria = [row for row in tension_index(merge_incidents(reports)) if row.area == "SY"]
    assert [(row.week, row.score) for row in syria] == [("2024-W01", 10.0), ("2024-W02", 0.0), ("2024-W03", 0.0)]


def test_sea_incidents_are_scored_under_the_sea() -> None:
    report = _report("a1", date(2024, 2, 18), "missile strike", code=None, location="Gulf of Aden", lat=12.5, lon=47.5)
    (row,) = tension_index(merge_incidents([report]))
    assert (row.area, row.score, row.incident_ids != ()) == ("Gulf of Aden", 10.0, True)
