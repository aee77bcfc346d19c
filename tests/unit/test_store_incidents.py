"""Incidents in the database (SQLite and PostgreSQL): refresh after saves, analysts' splits and merges, deletes,
rebuilds, the lead report's totals, and reading incidents back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import select, update

from flashpoint.corrections import Correction
from flashpoint.filters import Filters
from flashpoint.model import Extraction
from flashpoint.query import incident_detail
from flashpoint.schema import EVENTS, INCIDENT_REPORTS, INCIDENTS
from flashpoint.store import Store
from flashpoint.store_corrections import add_correction, undo_correction
from flashpoint.store_incident_reads import incidents_of_articles, iter_incidents, load_incident
from flashpoint.store_incidents import (
    delete_article,
    events_without_incident,
    rebuild_incidents,
    refresh_incidents,
)
from tests.conftest import build_extraction

TOWER_22 = ("Tower 22", "site", "JO", 33.318, 38.692)
BAGHDAD = ("Baghdad", "city", "IQ", 33.31, 44.36)


def _drone_report(
    body: str,
    *,
    published: date,
    killed: int | None = None,
    injured: int | None = None,
    figures: tuple[tuple[str, int, str], ...] = (),
    place: tuple[str, str, str, float, float] = TOWER_22,
    day: date | None = date(2024, 1, 28),
    day_end: date | None = None,
    count: int | None = None,
    source: str = "Wire",
) -> Extraction:
    name, _, code, lat, lon = place
    event = {
        "type": "drone attack",
        "date": day,
        "date_end": day_end,
        "location": name,
        "country_code": code,
        "lat": lat,
        "lon": lon,
        "killed": killed,
        "injured": injured,
        "count": count,
        "actors": ("Islamic Resistance in Iraq",),
        "evidence": "drone",
    }
    return build_extraction(
        body, title=f"Report of {published}", published=published, source=source, places=(place,),
        figures=figures, events=(event,),
    )  # fmt: skip


def _first() -> Extraction:
    return _drone_report(
        "A drone struck Tower 22 in Jordan, killing 3 US soldiers and injuring 25.",
        published=date(2024, 1, 28),
        killed=3,
        injured=25,
        figures=(("killed", 3, "3 US soldiers"), ("injured", 25, "25")),
    )


def _second() -> Extraction:
    return _drone_report(
        "Officials said the drone attack on Tower 22 killed 3 and wounded at least 34 troops.",
        published=date(2024, 1, 29),
        killed=3,
        injured=34,
        figures=(("killed", 3, "killed 3"), ("injured", 34, "at least 34 troops")),
        source="Other Wire",
    )


def _far() -> Extraction:
    return _drone_report(
        "A drone struck a base near Baghdad on Sunday, injuring 2.",
        published=date(2024, 1, 28),
        injured=2,
        figures=(("injured", 2, "injuring 2"),),
        place=BAGHDAD,
    )


def _save(store: Store, *extractions: Extraction) -> list[str]:
    ids = [store.save(extraction).article_id for extraction in extractions]
    refresh_incidents(store, ids)
    return ids


def _incidents(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(INCIDENTS).order_by(INCIDENTS.c.id)).mappings().all()
    return [dict(row) for row in rows]


def _events(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(EVENTS).order_by(EVENTS.c.id)).mappings().all()
    return [dict(row) for row in rows]


def _correction(kind: str, field: str, first: str, second: str) -> Correction:
    return Correction(
        kind=kind,
        target={"reports": [first, second]},
        after={field: [[first, second]]},
        before=None,
        article_id=None,
        author="analyst",
        created_at=datetime(2024, 2, 1, tzinfo=UTC),
    )


def assert_consistent(store: Store) -> None:
    """Every non-aggregate report in exactly one incident, one lead per incident, totals on the lead only."""
    incidents = {row["id"]: row for row in _incidents(store)}
    events = _events(store)
    with store.engine.connect() as connection:
        memberships = connection.execute(select(INCIDENT_REPORTS)).mappings().all()
    assert len({row["event_id"] for row in memberships}) == len(memberships)
    for row in memberships:
        assert row["incident_id"] in incidents
    grouped = [event for event in events if event["incident_id"] is not None]
    assert {event["id"] for event in grouped} == {row["event_id"] for row in memberships}
    leads = [event for event in grouped if event["incident_count"] == 1]
    assert sorted(event["incident_id"] for event in leads) == sorted(incidents)
    assert all(incidents[event["incident_id"]]["lead_event_id"] == event["id"] for event in leads)
    for event in events:
        if event["incident_count"] == 0:
            assert (event["incident_attacks"], event["incident_injured"], event["incident_killed"]) == (0, 0, 0)
    assert sum(event["incident_attacks"] for event in events) == sum(row["attacks"] for row in incidents.values())
    assert sum(event["incident_killed"] for event in events) == sum(
        row["killed_best"] or 0 for row in incidents.values()
    )
    assert sum(event["incident_injured"] for event in events) == sum(
        row["injured_best"] or 0 for row in incidents.values()
    )


def test_two_articles_reporting_one_attack_become_one_incident_with_two_reports(store: Store) -> None:
    first_id, second_id = _save(store, _first(), _second())
    (incident,) = _incidents(store)
    assert (incident["report_count"], incident["article_count"]) == (2, 2)
    assert (incident["location"], incident["location_precision"], incident["date_precision"]) == (
        "Tower 22",
        "exact",
        "day",
    )
    assert (incident["day"], incident["week"], incident["country_code"]) == (
        date(2024, 1, 28),
        date(2024, 1, 22),
        "JO",
    )
    # The most recent specific claim is best: "at least 34" (a floor) from the later report.
    assert (incident["injured_low"], incident["injured_best"], incident["injured_high"]) == (25, 34, 34)
    assert (incident["killed_low"], incident["killed_best"], incident["killed_high"], incident["attacks"]) == (
        3,
        3,
        3,
        1,
    )
    reports = incident_detail(store, incident["id"])
    assert list(reports["report_key"]) == [f"{first_id}#0", f"{second_id}#0"]
    # Both places are exact and both dated the 28th: the smaller key leads, and the other report joined it.
    lead_key, other_key = sorted((f"{first_id}#0", f"{second_id}#0"))
    by_key = reports.set_index("report_key")
    assert incident["lead_event_id"] == by_key.loc[lead_key, "event_id"]
    assert pd.isna(by_key.loc[lead_key, "reason"]) and pd.isna(by_key.loc[lead_key, "joined_key"])
    assert by_key.loc[other_key, "joined_key"] == lead_key
    assert "same family 'attack'" in by_key.loc[other_key, "reason"]
    assert_consistent(store)


def test_the_lead_report_alone_carries_the_incident_totals(store: Store) -> None:
    _save(store, _first(), _second())
    totals = sorted(
        (event["incident_count"], event["incident_attacks"], event["incident_injured"], event["incident_killed"])
        for event in _events(store)
    )
    assert totals == [(0, 0, 0, 0), (1, 1, 34, 3)]


def test_event_rows_carry_location_and_date_precision(store: Store) -> None:
    region = ("Anbar", "region", "IQ", 33.4, 42.0)
    store.save(_drone_report("A drone hit a base in Anbar.", published=date(2024, 1, 28), place=region))
    (event,) = _events(store)
    assert (event["location_precision"], event["date_precision"]) == ("admin1", "day")


def test_a_split_correction_keeps_the_reports_apart_after_refresh(store: Store) -> None:
    first_id, second_id = _save(store, _first(), _second())
    split = add_correction(store, _correction("incident_split", "apart", f"{first_id}#0", f"{second_id}#0"))
    refresh_incidents(store, [first_id])
    incidents = _incidents(store)
    assert sorted(row["report_count"] for row in incidents) == [1, 1]
    assert_consistent(store)
    undo_correction(store, split.id, by="analyst")
    refresh_incidents(store, [second_id])
    assert [row["report_count"] for row in _incidents(store)] == [2]


def test_a_merge_correction_forces_reports_together(store: Store) -> None:
    first_id, far_id = _save(store, _first(), _far())
    assert len(_incidents(store)) == 2
    add_correction(store, _correction("incident_merge", "joined", f"{first_id}#0", f"{far_id}#0"))
    refresh_incidents(store, [far_id])
    (incident,) = _incidents(store)
    assert incident["report_count"] == 2 and incident["location"] == "Tower 22"
    reasons = [reason for reason in incident_detail(store, incident["id"])["reason"] if isinstance(reason, str)]
    assert reasons == [f"joined by an analyst ({far_id}#0 and {first_id}#0)"]
    assert_consistent(store)


def test_a_merge_pulls_in_a_report_outside_the_refreshed_neighbourhood(store: Store) -> None:
    first_id, far_id = _save(store, _first(), _far())
    add_correction(store, _correction("incident_merge", "joined", f"{first_id}#0", f"{far_id}#0"))
    # Only the first article is refreshed; its partner in Iraq is no neighbour and is found through the join.
    refresh_incidents(store, [first_id])
    assert [row["report_count"] for row in _incidents(store)] == [2]
    assert_consistent(store)


def test_refreshing_again_and_saving_again_change_nothing(store: Store) -> None:
    ids = _save(store, _first(), _second(), _far())
    before = (_incidents(store), _events(store))
    assert not store.save(_second()).created
    refresh_incidents(store, ids)
    refresh_incidents(store, ids[:1])
    assert (_incidents(store), _events(store)) == before


def test_a_rebuild_gives_what_refreshes_gave(store: Store) -> None:
    _save(store, _first(), _second(), _far())
    before = (_incidents(store), _events(store))
    seen: list[tuple[int, int]] = []
    assert rebuild_incidents(store, lambda done, total: seen.append((done, total))) == 2
    assert (_incidents(store), _events(store)) == before
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


def test_deleting_an_article_updates_its_incident(store: Store) -> None:
    first_id, second_id = _save(store, _first(), _second())
    (merged,) = _incidents(store)
    assert delete_article(store, second_id)
    (left,) = _incidents(store)
    # The report stored first founded the incident and is still in it: the incident keeps its id.
    assert left["id"] == merged["id"]
    assert (left["report_count"], left["injured_best"], left["lead_event_id"]) == (1, 25, _events(store)[0]["id"])
    assert_consistent(store)
    assert delete_article(store, first_id)
    assert _incidents(store) == []
    assert not delete_article(store, first_id)


def test_a_re_extracted_article_leaves_no_orphan_incident(store: Store) -> None:
    attack = _first()
    threat = replace(attack.events[0], type="threat", sentence="Militias threatened more attacks.")
    (article_id,) = _save(store, replace(attack, events=(threat, attack.events[0])))
    assert sorted(row["type"] for row in _incidents(store)) == ["drone attack", "threat"]
    stale = incidents_of_articles(store, [article_id])
    # Re-extraction keeps only the attack, now the article's first event: the incident it founded as its
    # second event has no report left, and must go.
    store.replace_extraction(article_id, attack)
    refresh_incidents(store, [article_id], stale_incidents=stale)
    (new,) = _incidents(store)
    assert (new["type"], new["report_count"]) == ("drone attack", 1)
    assert_consistent(store)


@pytest.mark.parametrize(
    ("sentence", "day", "day_end"),
    [
        ("There have been 38 drone attacks on US bases such as Tower 22 since October 17.", date(2023, 10, 17),
         date(2024, 1, 28)),
        ("Militants have carried out 38 drone attacks on US bases such as Tower 22.", None, None),
    ],
    ids=["since a date", "undated"],
)  # fmt: skip
def test_a_report_summing_up_many_attacks_belongs_to_no_incident(
    store: Store, sentence: str, day: date | None, day_end: date | None
) -> None:
    summary = _drone_report(
        sentence,
        published=date(2024, 1, 28),
        day=day,
        day_end=day_end,
        count=38,
        figures=(("attacks", 38, "38 drone attacks"),),
    )
    _save(store, summary, _first())
    events = _events(store)
    aggregate = next(event for event in events if event["count"] == 38)
    assert (aggregate["incident_id"], aggregate["incident_count"], aggregate["incident_attacks"]) == (None, 0, 0)
    assert [row["attacks"] for row in _incidents(store)] == [1]
    assert_consistent(store)


def test_several_attacks_on_a_stated_day_are_one_incident_counting_them_all(store: Store) -> None:
    salvo = _drone_report(
        "Militants launched three drone attacks on Tower 22 on Saturday.",
        published=date(2024, 1, 28),
        day=date(2024, 1, 27),
        count=3,
        figures=(("attacks", 3, "three drone attacks"),),
    )
    _save(store, salvo)
    (incident,) = _incidents(store)
    assert incident["attacks"] == 3
    (event,) = _events(store)
    assert (event["incident_count"], event["incident_attacks"]) == (1, 3)
    assert_consistent(store)


def test_events_stored_before_incidents_are_counted_and_rebuilt(store: Store) -> None:
    _save(store, _first(), _second())
    assert events_without_incident(store) == 0
    with store.engine.begin() as connection:
        connection.execute(update(EVENTS).values(incident_id=None, incident_count=0, location_precision=None))
    assert events_without_incident(store) == 2
    rebuild_incidents(store)
    assert events_without_incident(store) == 0
    assert {event["location_precision"] for event in _events(store)} == {"exact"}
    assert_consistent(store)


def test_a_stored_incident_reads_back_with_its_reports_and_reasons(store: Store) -> None:
    first_id, second_id, _ = _save(store, _first(), _second(), _far())
    merged = next(row for row in _incidents(store) if row["report_count"] == 2)
    incident = load_incident(store, merged["id"])
    assert incident is not None and incident.id == merged["id"]
    keys = sorted((f"{first_id}#0", f"{second_id}#0"))
    assert [report.key for report in incident.reports] == keys
    later = next(report for report in incident.reports if report.article_id == second_id)
    assert (later.source, later.published) == ("Other Wire", date(2024, 1, 29))
    assert [(reason.report, reason.joined) for reason in incident.merge_reasons] == [(keys[1], keys[0])]
    assert load_incident(store, "no-such-id") is None


def test_incidents_are_listed_with_the_apps_filters(store: Store) -> None:
    _save(store, _first(), _second(), _far())
    assert sorted(len(incident.reports) for incident in iter_incidents(store)) == [1, 2]
    jordan = list(iter_incidents(store, Filters(countries=("JO",))))
    assert [incident.lead.event.location for incident in jordan] == ["Tower 22"]
    assert [i.lead.event.location for i in iter_incidents(store, Filters(text="Baghdad"))] == ["Baghdad"]
    assert len(list(iter_incidents(store, Filters(actors=("Islamic Resistance in Iraq",))))) == 2
    assert list(iter_incidents(store, Filters(date_from=date(2024, 2, 1)))) == []
    assert len(list(iter_incidents(store, Filters(precision="exact")))) == 2


def test_figures_qualifiers_come_back_from_the_rows(store: Store) -> None:
    _, second_id = _save(store, _first(), _second())
    (row,) = _incidents(store)
    incident = load_incident(store, row["id"])
    assert incident is not None
    later = next(report for report in incident.reports if report.article_id == second_id)
    assert sorted((figure.kind, figure.value) for figure in later.figures) == [("injured", 34), ("killed", 3)]


def test_replaced_report_keys_are_stable(store: Store) -> None:
    (first_id,) = _save(store, _first())
    store.replace_extraction(first_id, replace(_first(), figures=()))
    refresh_incidents(store, [first_id], stale_incidents=incidents_of_articles(store, [first_id]))
    (row,) = _incidents(store)
    assert list(incident_detail(store, row["id"])["report_key"]) == [f"{first_id}#0"]


def test_a_later_article_joins_the_stored_incident_which_keeps_its_id(store: Store) -> None:
    _save(store, _first())
    (alone,) = _incidents(store)
    _save(store, _second())
    (grown,) = _incidents(store)
    assert grown["id"] == alone["id"]
    assert (grown["report_count"], grown["article_count"]) == (2, 2)
    assert (grown["injured_low"], grown["injured_best"], grown["injured_high"]) == (25, 34, 34)
    assert_consistent(store)
    # Added one by one or merged at once, the stored result is the same.
    before = (_incidents(store), _events(store))
    rebuild_incidents(store)
    assert (_incidents(store), _events(store)) == before


def test_a_more_precise_later_report_becomes_the_lead(store: Store) -> None:
    jordan = ("Jordan", "country", "JO", 31.0, 36.0)
    vague = _drone_report("A drone hit US forces in Jordan, killing 3.", published=date(2024, 1, 28), killed=3,
                          figures=(("killed", 3, "killing 3"),), place=jordan)  # fmt: skip
    (vague_id,) = _save(store, vague)
    _save(store, _second())
    (incident,) = _incidents(store)
    assert (incident["location"], incident["location_precision"], incident["killed_best"]) == ("Tower 22", "exact", 3)
    vague_row = next(event for event in _events(store) if event["article_id"] == vague_id)
    assert (vague_row["incident_id"], vague_row["incident_count"], vague_row["incident_killed"]) == (
        incident["id"],
        0,
        0,
    )
    assert_consistent(store)


def test_a_new_report_is_kept_out_of_an_incident_it_contradicts_in_part(store: Store) -> None:
    # Reports of the 27th and the 28th are one incident; one of the 29th agrees with the later but is two days
    # from the earlier, so it cannot join the incident holding both.
    early = _drone_report("A drone struck Tower 22.", published=date(2024, 1, 27), day=date(2024, 1, 27))
    _save(store, early, _first())
    late = _drone_report("Another drone struck Tower 22 on Monday.", published=date(2024, 1, 29),
                         day=date(2024, 1, 29), source="Third Wire")  # fmt: skip
    _save(store, late)
    assert sorted(row["report_count"] for row in _incidents(store)) == [1, 2]
    assert_consistent(store)


def test_reports_taken_from_the_saved_extractions_file_as_those_read_back(store: Store) -> None:
    extractions = [_first(), _second(), _far()]
    ids = [store.save(extraction).article_id for extraction in extractions]
    refresh_incidents(store, ids[:1], extractions=dict(zip(ids[:1], extractions[:1], strict=True)))
    refresh_incidents(store, ids[1:], extractions=dict(zip(ids[1:], extractions[1:], strict=True)))
    filed = (_incidents(store), _events(store))
    assert sorted(row["report_count"] for row in filed[0]) == [1, 2]
    rebuild_incidents(store)
    assert (_incidents(store), _events(store)) == filed
