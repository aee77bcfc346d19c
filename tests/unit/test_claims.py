"""Tests for figure claims: every report's value kept, rolled up to low / best / high, running totals apart."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.claims import Claim, incident_claims, roll_up, running_totals
from flashpoint.incidents import EventReport, merge_incidents
from flashpoint.model import Event, Figure, Span


def _report(
    article: str,
    published: date,
    killed: int | None = None,
    qualifier: str | None = None,
    day: date | None = date(2024, 1, 3),
    **fields: object,
) -> EventReport:
    event = Event(
        "bombing", "", Span(0, 0), date=day, location="Kerman", country_code="IR", lat=30.28, lon=57.08, killed=killed
    )
    event = Event(**{**event.__dict__, **fields})
    figures = (Figure("killed", killed, qualifier, str(killed), "", Span(0, 0)),) if killed is not None else ()
    return EventReport(event, article, f"Outlet {article}", published, location_kind="city", figures=figures)


def _claim(value: int, qualifier: str | None, day: int) -> Claim:
    return Claim("killed", value, qualifier, "Wire", date(2024, 1, day), f"a{day}#0")


@pytest.mark.parametrize(
    ("claims", "low", "best", "high"),
    [
        # The latest specific claim wins, even when lower than an earlier one (a revised toll).
        ([_claim(103, None, 3), _claim(84, None, 5)], 84, 84, 103),
        # A floor is specific: "at least 95" on the 5th beats a plain 84 on the 4th.
        ([_claim(84, None, 4), _claim(95, "at least", 5)], 84, 95, 95),
        # An approximation counts only when nothing specific was said.
        ([_claim(84, None, 4), _claim(100, "about", 6)], 84, 84, 100),
        ([_claim(100, "about", 4), _claim(120, "nearly", 6)], 100, 120, 120),
        # Same day: the larger value, as tolls are revised upwards.
        ([_claim(84, None, 4), _claim(89, None, 4)], 84, 89, 89),
    ],
)
def test_roll_up_low_best_high(claims: list[Claim], low: int, best: int, high: int) -> None:
    rollup = roll_up(claims)
    assert rollup is not None
    assert (rollup.low, rollup.best, rollup.high) == (low, best, high)
    assert rollup.claims == tuple(claims)


def test_incident_keeps_each_reports_claim_with_qualifier_and_source() -> None:
    reports = [_report("a1", date(2024, 1, 3), 103), _report("a2", date(2024, 1, 5), 84, "at least")]
    (incident,) = merge_incidents(reports)
    rollup = incident_claims(incident)["killed"]
    assert [(claim.value, claim.qualifier, claim.source) for claim in rollup.claims] == [
        (103, None, "Outlet a1"),
        (84, "at least", "Outlet a2"),
    ]
    assert (rollup.low, rollup.best, rollup.high) == (84, 84, 103)


def test_running_totals_are_a_series_not_incident_claims() -> None:
    since = date(2023, 10, 17)
    totals_reports = [
        _report("t1", date(2023, 11, 1), day=since, date_end=date(2023, 11, 1), count=24, killed=None),
        _report("t2", date(2023, 11, 20), day=since, date_end=date(2023, 11, 20), count=38, killed=None),
    ]
    incident_report = _report("a1", date(2023, 11, 20), 2, day=date(2023, 11, 19))
    everything = [*totals_reports, incident_report]
    (incident,) = merge_incidents(everything)
    assert [report.key for report in incident.reports] == ["a1#0"]
    series = running_totals(everything)
    assert [(total.kind, total.value, total.since, total.as_of) for total in series] == [
        ("attacks", 24, since, date(2023, 11, 1)),
        ("attacks", 38, since, date(2023, 11, 20)),
    ]


def test_an_ordinal_is_a_running_total_and_not_the_incidents_attack_count() -> None:
    report = _report("a1", date(2024, 1, 20), count=108, killed=None)
    ordinal = EventReport(
        report.event, "a1", "Wire", report.published, location_kind="city",
        figures=(Figure("attacks", 108, None, "the 108th attack", "", Span(0, 0)),),
    )  # fmt: skip
    assert [total.value for total in running_totals([ordinal])] == [108]
    (incident,) = merge_incidents([ordinal])
    assert "attacks" not in incident_claims(incident)
