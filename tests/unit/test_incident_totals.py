"""The bar of issue 6: on the dev corpus and the samples ingested together, no figure is counted twice.

Whatever the query, the incident totals carried by the events (each incident's lead report) add up to the
incidents' best estimates; every event of a report that is not a summary of many incidents is in exactly one
incident, and each incident has exactly one lead. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from flashpoint import bulk_ingest
from flashpoint.bulk_ingest import ingest_paths
from flashpoint.extract_workers import InProcessExtractor
from flashpoint.filters import Filters
from flashpoint.incident_rules import is_aggregate
from flashpoint.ingest import ingest_files
from flashpoint.pipeline import Pipeline
from flashpoint.query import kpis
from flashpoint.schema import EVENTS, INCIDENT_REPORTS, INCIDENTS
from flashpoint.store import Store
from flashpoint.store_incident_reads import complete_reports, report_select

ROOT = Path(__file__).resolve().parents[2]
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
SAMPLES = ROOT / "data" / "samples"

pytestmark = pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="the shared dev corpus is not beside this checkout")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.fixture(params=["merged at the end", "merged after each article"])
def ingested(
    request: pytest.FixtureRequest, store: Store, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> Store:
    """The corpus ingested in one merge (all reports grouped at once), or merged article by article (each
    article's reports added to the incidents formed so far)."""
    one_by_one = request.param == "merged after each article"
    if one_by_one:
        monkeypatch.setattr(bulk_ingest, "INCIDENT_REFRESH_ARTICLES", 1)
    paths = [str(DEV_CORPUS), str(SAMPLES)]
    report = ingest_paths(paths, store, InProcessExtractor(pipeline), batch_size=1 if one_by_one else 8)
    assert report.saved >= 15 and not report.errors
    return store


def _incident_sums(store: Store, *conditions: object) -> tuple[int, int, int, int]:
    statement = select(
        func.count(),
        func.coalesce(func.sum(INCIDENTS.c.attacks), 0),
        func.coalesce(func.sum(func.coalesce(INCIDENTS.c.injured_best, 0)), 0),
        func.coalesce(func.sum(func.coalesce(INCIDENTS.c.killed_best, 0)), 0),
    ).where(*conditions)
    with store.engine.connect() as connection:
        return tuple(int(value) for value in connection.execute(statement).one())  # type: ignore[return-value]


def test_event_incident_totals_equal_the_incidents_best_estimates(ingested: Store) -> None:
    statement = select(
        func.sum(EVENTS.c.incident_count),
        func.sum(EVENTS.c.incident_attacks),
        func.sum(EVENTS.c.incident_injured),
        func.sum(EVENTS.c.incident_killed),
        func.sum(EVENTS.c.attack_count),
        func.sum(func.coalesce(EVENTS.c.killed, 0)),
    )
    with ingested.engine.connect() as connection:
        incidents, attacks, injured, killed, raw_attacks, raw_killed = connection.execute(statement).one()
    assert (incidents, attacks, injured, killed) == _incident_sums(ingested)
    # Reports of one incident in several articles, and summaries, are counted once: fewer than the raw reports.
    assert incidents > 20 and attacks < raw_attacks and killed < raw_killed


def test_every_single_incident_report_is_in_exactly_one_incident_with_one_lead(ingested: Store) -> None:
    with ingested.engine.connect() as connection:
        rows = connection.execute(report_select()).all()
        reports = complete_reports(connection, rows)
        memberships = connection.execute(select(INCIDENT_REPORTS.c.event_id, INCIDENT_REPORTS.c.incident_id)).all()
        incident_ids = set(connection.execute(select(INCIDENTS.c.id)).scalars())
    member_of = dict(memberships)
    assert len(member_of) == len(memberships)
    for row in rows:
        if is_aggregate(reports[row.id]):
            assert row.incident_id is None and row.id not in member_of and row.incident_count == 0
        else:
            assert row.incident_id in incident_ids and member_of[row.id] == row.incident_id
    leads = sorted(row.incident_id for row in rows if row.incident_count == 1)
    assert leads == sorted(incident_ids)
    assert any(not is_aggregate(report) for report in reports.values())
    assert any(is_aggregate(report) for report in reports.values())


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(countries=("YE",)), Filters(countries=("IL", "LB")), Filters(event_types=("seizure",))],
    ids=["all", "yemen", "israel-lebanon", "seizures"],
)
def test_overview_totals_equal_the_sum_of_incident_best_estimates(ingested: Store, filters: Filters) -> None:
    totals = kpis(ingested, filters)
    conditions = []
    if filters.countries:
        conditions.append(INCIDENTS.c.country_code.in_(filters.countries))
    if filters.event_types:
        conditions.append(INCIDENTS.c.type.in_(filters.event_types))
    incidents, attacks, injured, killed = _incident_sums(ingested, *conditions)
    assert (totals["incidents"], totals["attacks"], totals["injured"], totals["killed"]) == (
        incidents,
        attacks,
        injured,
        killed,
    )


def test_an_upload_of_two_articles_on_one_attack_makes_one_incident_with_both_reports(
    store: Store, pipeline: Pipeline
) -> None:
    files = [
        DEV_CORPUS / "h102-tower22-drone.txt",
        SAMPLES / "2024-01-29-drone-kills-three-us-soldiers-tower-22-jordan.txt",
    ]
    report = ingest_files([(path.name, path.read_bytes()) for path in files], store, pipeline)
    assert report.saved == 2
    statement = select(INCIDENTS.c.id).where(INCIDENTS.c.location == "Tower 22", INCIDENTS.c.article_count == 2)
    with store.engine.connect() as connection:
        (incident_id,) = connection.execute(statement).scalars().all()
        reasons = connection.execute(
            select(INCIDENT_REPORTS.c.reason).where(
                INCIDENT_REPORTS.c.incident_id == incident_id, INCIDENT_REPORTS.c.reason.is_not(None)
            )
        ).scalars()
        assert any("Tower 22" in reason for reason in reasons)
