"""Tests for merging event reports into incidents: the labelled pair set, determinism, splits and blocking."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from flashpoint.incidents import (
    EventReport,
    apart_pairs,
    event_reports,
    grow_incidents,
    merge_incidents,
    merge_reason,
    split_incident,
)
from flashpoint.model import Article, Event, Extraction, Figure, Location, Span

PAIRS_PATH = Path(__file__).parent.parent / "data" / "incident_pairs.jsonl"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def report_from(record: dict, index: int = 0) -> EventReport:
    """An EventReport from one side of a labelled pair."""
    event = Event(
        type=record["type"],
        sentence="",
        span=Span(0, 0),
        date=_day(record.get("date")),
        date_end=_day(record.get("date_end")),
        location=record["location"],
        country_code=record["cc"],
        lat=record["lat"],
        lon=record["lon"],
        actors=tuple(record.get("actors", ())),
        targets=tuple(record.get("targets", ())),
        killed=record.get("killed"),
        injured=record.get("injured"),
    )
    return EventReport(
        event,
        record["article"],
        record.get("outlet"),
        _day(record.get("published")),
        index,
        location_kind=record["kind"],
    )


def _pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_labelled_set_is_large_and_balanced_enough() -> None:
    pairs = _pairs()
    assert len(pairs) >= 40
    assert sum(pair["same"] for pair in pairs) >= 15
    assert sum(not pair["same"] for pair in pairs) >= 15


def test_pairwise_precision_and_recall_on_the_labelled_set() -> None:
    true_positive = false_positive = false_negative = 0
    misses = []
    for pair in _pairs():
        merged = len(merge_incidents([report_from(pair["a"]), report_from(pair["b"])])) == 1
        true_positive += merged and pair["same"]
        false_positive += merged and not pair["same"]
        false_negative += not merged and pair["same"]
        if merged != pair["same"]:
            misses.append(pair["id"])
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    print(f"incident pairs: precision {precision:.3f} recall {recall:.3f} misses {misses}")
    assert precision >= 0.9
    assert recall >= 0.9


def _report(article: str, event_type: str = "drone attack", day: str = "2024-01-28", **fields: object) -> EventReport:
    place = {"location": "Tower 22", "country_code": "JO", "lat": 33.318, "lon": 38.692} | fields
    event = Event(event_type, "", Span(0, 0), date=_day(day), **place)
    return EventReport(event, article, "Wire", _day(day), location_kind="site")


def test_merge_keeps_every_report_and_a_readable_reason() -> None:
    first, second = _report("a1"), _report("a2", "missile strike", location="Rukban", lat=33.30, lon=38.75)
    (incident,) = merge_incidents([first, second])
    assert {report.key for report in incident.reports} == {"a1#0", "a2#0"}
    (reason,) = incident.merge_reasons
    assert reason.report == "a2#0" and reason.joined == "a1#0"
    assert "same family 'attack'" in reason.text and "km apart" in reason.text


def test_output_does_not_depend_on_input_order() -> None:
    reports = [report_from(pair[side], index) for index, pair in enumerate(_pairs()) for side in ("a", "b")]
    shuffled = reports[:]
    random.Random(7).shuffle(shuffled)
    assert merge_incidents(reports) == merge_incidents(shuffled)


def test_one_report_contradicting_a_member_starts_its_own_incident() -> None:
    # B agrees with A (country-level) and C agrees with B, but C is 85 km from A: complete linkage keeps C apart.
    erbil = _report("a1", location="Erbil", country_code="IQ", lat=36.19, lon=44.01)
    iraq = EventReport(
        Event("drone attack", "", Span(0, 0), date=date(2024, 1, 28), location="Iraq", country_code="IQ"),
        "a2",
        published=date(2024, 1, 28),
        location_kind="country",
    )
    kirkuk = _report("a3", location="Kirkuk", country_code="IQ", lat=35.47, lon=44.39)
    assert len(merge_incidents([erbil, iraq, kirkuk])) == 2


def test_split_moves_the_named_reports_and_records_why() -> None:
    reports = [_report("a1"), _report("a2"), _report("a3")]
    (incident,) = merge_incidents(reports)
    kept, taken = split_incident(incident, ["a3#0"])
    assert [report.key for report in kept.reports] == ["a1#0", "a2#0"]
    assert [report.key for report in taken.reports] == ["a3#0"]
    assert kept.id != taken.id != incident.id
    assert any("split by analyst" in reason.text for reason in taken.merge_reasons)


@pytest.mark.parametrize("keys", [[], ["nope#0"], ["a1#0", "a2#0"]])
def test_split_must_move_some_but_not_all(keys: list[str]) -> None:
    (incident,) = merge_incidents([_report("a1"), _report("a2")])
    with pytest.raises(ValueError, match="some but not all"):
        split_incident(incident, keys)


def test_incident_id_depends_only_on_its_reports() -> None:
    (first,) = merge_incidents([_report("a1"), _report("a2")])
    (second,) = merge_incidents([_report("a2"), _report("a1")])
    assert first.id == second.id


def test_aggregate_reports_are_not_incidents() -> None:
    since = _report("a1", "attack", "2023-10-17", date_end=date(2024, 1, 28), count=38)
    assert merge_incidents([since, _report("a2")]) == merge_incidents([_report("a2")])


def test_undated_report_is_placed_just_before_publication() -> None:
    undated = EventReport(
        Event("attack", "", Span(0, 0), location="Jordan", country_code="JO"),
        "a2",
        published=date(2024, 1, 29),
        location_kind="country",
    )
    assert merge_reason(_report("a1"), undated) is not None
    assert merge_reason(_report("a1", day="2024-01-20"), undated) is None


def test_many_reports_merge_into_the_incidents_they_tell() -> None:
    # 300 incidents, each told by 4 reports, spread over countries and days: blocking must keep them apart.
    countries = [("IQ", 33.0, 44.0), ("SY", 35.0, 38.0), ("LB", 33.8, 35.8), ("YE", 15.0, 44.0)]
    reports = []
    for number in range(300):
        code, lat, lon = countries[number % 4]
        day = (date(2024, 1, 1) + timedelta(days=3 * (number // 4))).isoformat()
        for copy in range(4):
            reports.append(
                _report(f"i{number}r{copy}", day=day, location=f"{code} town", country_code=code, lat=lat, lon=lon)
            )
    incidents = merge_incidents(reports)
    assert len(incidents) == 300
    assert all(len(incident.reports) == 4 for incident in incidents)


def test_a_split_survives_merging_again() -> None:
    reports = [_report("a1"), _report("a2"), _report("a3")]
    (incident,) = merge_incidents(reports)
    kept, taken = split_incident(incident, ["a3#0"])
    again = merge_incidents([*reports, _report("a4")], kept_apart=apart_pairs(kept, taken))
    assert sorted(tuple(report.key for report in found.reports) for found in again) == [
        ("a1#0", "a2#0", "a4#0"),
        ("a3#0",),
    ]


def test_event_reports_carry_article_metadata_location_kind_and_figures() -> None:
    article = Article("Drone hits base", "body", source="Wire", published=date(2024, 1, 29))
    event = Event("drone attack", "s", Span(10, 60), date=date(2024, 1, 28), location="Tower 22", country_code="JO")
    inside = Figure("killed", 3, None, "three", "s", Span(20, 25))
    outside = Figure("injured", 34, "at least", "34", "t", Span(80, 82))
    tower = Location("Tower 22", "site", "JO", 33.318, 38.692, (Span(30, 38),))
    (report,) = event_reports(Extraction(article, locations=(tower,), figures=(inside, outside), events=(event,)), "x")
    assert (report.key, report.source, report.published) == ("x#0", "Wire", date(2024, 1, 29))
    assert (report.location_kind, report.figures) == ("site", (inside,))


def test_an_analyst_join_makes_one_incident_of_reports_the_rules_keep_apart() -> None:
    far = _report("b1", location="Baghdad", country_code="IQ", lat=33.31, lon=44.36)
    reports = [_report("a1"), _report("a2"), far]
    assert len(merge_incidents(reports)) == 2
    (incident,) = merge_incidents(reports, joined=[("b1#0", "a2#0")])
    assert {report.key for report in incident.reports} == {"a1#0", "a2#0", "b1#0"}
    joined_reason = next(reason for reason in incident.merge_reasons if reason.report == "b1#0")
    assert joined_reason.joined == "a2#0" and "joined by an analyst" in joined_reason.text
    assert len(incident.merge_reasons) == len(incident.reports) - 1


def test_a_join_does_not_depend_on_pair_order_and_ignores_unknown_keys() -> None:
    reports = [_report("a1"), _report("b1", location="Baghdad", country_code="IQ", lat=33.31, lon=44.36)]
    one = merge_incidents(reports, joined=[("a1#0", "b1#0"), ("a1#0", "gone#3")])
    other = merge_incidents(list(reversed(reports)), joined=[("b1#0", "a1#0")])
    assert one == other and len(one) == 1


def test_joins_chain_across_three_incidents() -> None:
    places = [("Baghdad", "IQ", 33.31, 44.36), ("Beirut", "LB", 33.89, 35.50)]
    others = [_report(f"c{n}", location=name, country_code=code, lat=lat, lon=lon)
              for n, (name, code, lat, lon) in enumerate(places)]  # fmt: skip
    (incident,) = merge_incidents([_report("a1"), *others], joined=[("a1#0", "c0#0"), ("c1#0", "c0#0")])
    assert len(incident.reports) == 3 and len(incident.merge_reasons) == 2


def test_growing_formed_incidents_files_later_reports_as_merging_all_at_once_does() -> None:
    formed = [_report("a1"), _report("a2"), _report("b1", location="Baghdad", country_code="IQ", lat=33.31, lon=44.36)]
    later = [_report("c1", day="2024-01-29"), _report("d1", day="2024-03-01")]
    groups = [list(incident.reports) for incident in merge_incidents(formed)]
    placed = grow_incidents(groups, later)
    all_at_once = merge_incidents([*formed, *later])
    together = next(incident for incident in all_at_once if any(r.key == "c1#0" for r in incident.reports))
    assert {r.key for r in together.reports} == {"a1#0", "a2#0", "c1#0"}
    number, why = placed["c1#0"]
    assert [r.key for r in groups[number]] == ["a1#0", "a2#0"] and why is not None and why.joined == "a1#0"
    assert placed["d1#0"] == (len(groups), None)
