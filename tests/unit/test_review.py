"""Review on both databases with the real pipeline: each correction kind shows in the stored rows every query reads,
survives re-extraction, and undoing it brings the machine's value back; the audit log keeps who, when, before, after."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flashpoint import review
from flashpoint.corrections import Correction
from flashpoint.errors import ReviewError
from flashpoint.filters import Filters
from flashpoint.model import Extraction
from flashpoint.pipeline import Pipeline
from flashpoint.query import kpis
from flashpoint.query_tables import actor_network, article_detail, articles_table, events_table, figures_table
from flashpoint.reader import read_article
from flashpoint.schema import EVENTS, INCIDENTS
from flashpoint.store import Store
from flashpoint.store_corrections import add_correction, correction_log, report_incidents
from flashpoint.store_incidents import refresh_incidents

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
TOWER_22 = SAMPLES / "2024-01-29-drone-kills-three-us-soldiers-tower-22-jordan.txt"
KERMAN = SAMPLES / "2024-01-05-islamic-state-claims-kerman-bombings.txt"
REPORTS = Filters(count_by="reports")
MILITIAS = "Iran-backed militias"
RESISTANCE = "Islamic Resistance in Iraq"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def _extract(pipeline: Pipeline, path: Path) -> Extraction:
    return pipeline.extract(read_article(path.read_bytes(), path.name))


def _ingest(store: Store, pipeline: Pipeline, path: Path = TOWER_22) -> str:
    """Save the sample and group its reports into incidents, as ingest does."""
    article_id = store.save(_extract(pipeline, path)).article_id
    refresh_incidents(store, [article_id])
    return article_id


def _made(kind: str, article_id: str | None, target: dict, after: dict | None = None) -> Correction:
    return Correction(kind, target, after, None, article_id, "analyst@example.org", datetime.now(UTC), note="test")


def _span(extraction: Extraction, text: str, kind: str) -> list[int]:
    """The span of the article's figure reading `text` (kind 'figure') or of the event whose sentence holds it."""
    items = extraction.figures if kind == "figure" else extraction.events
    found = next(item for item in items if (item.text if kind == "figure" else item.sentence).startswith(text))
    return [found.span.start, found.span.end]


def _events(store: Store, article_id: str, filters: Filters = REPORTS) -> list[tuple]:
    table = events_table(store, filters)
    rows = table[table["article_id"] == article_id]
    return sorted(zip(rows["location"].fillna(""), rows["country_code"].fillna(""), strict=True))


def _place_view(name: str) -> Callable[[Store, str], object]:
    def view(store: Store, article_id: str) -> object:
        detail = article_detail(store, article_id)
        mentions = detail.mentions[detail.mentions["place"] == name]
        located = [row for row in _events(store, article_id) if row[0] == name]
        return sorted(set(mentions["country_code"])), located, kpis(store, REPORTS)["places"]

    return view


def _actor_view(store: Store, article_id: str) -> object:
    detail = article_detail(store, article_id)
    named = sorted(set(detail.actors["name"]) & {MILITIAS, RESISTANCE})
    roles = sorted({name for names in events_table(store, REPORTS)["actors"] for name in names.split(", ") if name})
    network = actor_network(store, REPORTS)
    linked = sorted(set(network["target"]) & {MILITIAS, RESISTANCE})
    filtered = len(articles_table(store, Filters(actors=(MILITIAS,))))
    return named, sorted(set(roles) & {MILITIAS, RESISTANCE}), linked, filtered


def _figure_view(store: Store, article_id: str) -> object:
    figures = figures_table(store, REPORTS)
    stated = figures[(figures["article_id"] == article_id) & (figures["text"] == "34")]
    totals = kpis(store, REPORTS)["injured"], kpis(store, Filters())["injured"]
    return list(zip(stated["kind"], stated["value"], stated["qualifier"], strict=True)), totals


def _date_view(store: Store, article_id: str) -> object:
    on_the_day = Filters(date_from=date(2024, 1, 27), date_to=date(2024, 1, 27), count_by="reports")
    detail = article_detail(store, article_id)
    dated = detail.events[detail.events["sentence"].str.startswith("Eight")]
    return _events(store, article_id, on_the_day), [str(day) for day in dated["date"]]


def _incidents_hold(store: Store) -> None:
    """Every incident row has reports and exactly one lead carrying its count; no report points at a stale one."""
    with store.engine.connect() as connection:
        stored = set(connection.execute(select(INCIDENTS.c.id)).scalars())
        used = connection.execute(
            select(EVENTS.c.incident_id, func.sum(EVENTS.c.incident_count))
            .where(EVENTS.c.incident_id.is_not(None))
            .group_by(EVENTS.c.incident_id)
        ).all()
    assert stored == {incident_id for incident_id, _ in used}
    assert all(leads == 1 for _, leads in used)


def _incident_of(store: Store, report_key: str) -> str | None:
    return report_incidents(store, [report_key])[report_key]


@dataclass(frozen=True)
class Case:
    """One correction of the Tower 22 sample: how to make it, how the stored rows show it, what they show then."""

    make: Callable[[str, Extraction, Pipeline], Correction]
    view: Callable[[Store, str], object]
    corrected: object
    before: dict


def _choose_us_jordan(article_id: str, extraction: Extraction, pipeline: Pipeline) -> Correction:
    from flashpoint.place_candidates import place_candidates

    candidate = next(c for c in place_candidates(pipeline, extraction, "Jordan") if c.place.country_code == "US")
    place = candidate.place
    after = {key: getattr(place, key) for key in ("name", "kind", "country_code", "lat", "lon")}
    return _made("place_candidate", article_id, {"name": "Jordan"}, {"place_id": place.id, **after})


CASES = {
    "place_candidate": Case(
        _choose_us_jordan,
        _place_view("Jordan"),
        (["US"], [("Jordan", "US")], 9),
        {"name": "Jordan", "country_code": "JO", "kind": "country"},
    ),
    "place_wrong": Case(
        lambda article_id, _, __: _made("place_wrong", article_id, {"name": "Tower 22"}),
        _place_view("Tower 22"),
        ([], [], 8),
        {"name": "Tower 22", "kind": "site", "country_code": "JO"},
    ),
    "actor_wrong": Case(
        lambda article_id, _, __: _made("actor_wrong", article_id, {"name": MILITIAS}),
        _actor_view,
        ([RESISTANCE], [RESISTANCE], [RESISTANCE], 0),
        {"name": MILITIAS, "kind": "armed_group"},
    ),
    "actor_merge": Case(
        lambda article_id, _, __: _made("actor_merge", article_id, {"name": MILITIAS}, {"name": RESISTANCE}),
        _actor_view,
        ([RESISTANCE], [RESISTANCE], [RESISTANCE], 0),
        {"name": MILITIAS, "kind": "armed_group"},
    ),
    "actor_merge_everywhere": Case(
        lambda _, __, ___: _made("actor_merge", None, {"name": MILITIAS}, {"name": RESISTANCE}),
        _actor_view,
        ([RESISTANCE], [RESISTANCE], [RESISTANCE], 0),
        {"name": MILITIAS},
    ),
    "figure_edit": Case(
        lambda article_id, extraction, _: _made(
            "figure_edit",
            article_id,
            {"span": _span(extraction, "34", "figure")},
            {"value": 40, "qualifier": "about", "kind": "injured"},
        ),
        _figure_view,
        ([("injured", 40, "about")], (40 + 8, 40 + 8)),
        {"value": 34, "qualifier": "at least", "kind": "injured", "text": "34"},
    ),
    "event_date": Case(
        lambda article_id, extraction, _: _made(
            "event_date", article_id, {"span": _span(extraction, "Eight", "event")}, {"date": "2024-01-27"}
        ),
        _date_view,
        ([("Syria", "SY")], ["2024-01-27"]),
        {"date": None, "date_end": None},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_correction_holds_everywhere_survives_reextraction_and_undo_restores_the_machine(
    store: Store, pipeline: Pipeline, name: str
) -> None:
    case = CASES[name]
    article_id = _ingest(store, pipeline)
    machine = case.view(store, article_id)
    assert machine != case.corrected

    saved = review.correct(store, pipeline, case.make(article_id, _extract(pipeline, TOWER_22), pipeline))
    assert case.view(store, article_id) == case.corrected
    _incidents_hold(store)

    review.reextract(store, pipeline, article_id)
    assert case.view(store, article_id) == case.corrected
    _incidents_hold(store)

    undone = review.undo(store, pipeline, saved.id, "lead@example.org")
    assert case.view(store, article_id) == machine
    review.reextract(store, pipeline, article_id)
    assert case.view(store, article_id) == machine
    _incidents_hold(store)

    logged = correction_log(store)
    assert [correction.id for correction in logged] == [saved.id]
    entry = logged[0]
    assert (entry.author, entry.note, entry.after) == ("analyst@example.org", "test", saved.after)
    assert entry.before is not None and case.before.items() <= entry.before.items()
    assert entry.created_at == saved.created_at
    assert (entry.undone_by, entry.undone_at) == ("lead@example.org", undone.undone_at)


def test_a_global_merge_reaches_every_article_naming_the_actor_and_undo_restores_them(
    store: Store, pipeline: Pipeline
) -> None:
    first, second = _ingest(store, pipeline), _ingest(store, pipeline, KERMAN)
    names_before = {article_id: set(article_detail(store, article_id).actors["name"]) for article_id in (first, second)}
    merged_away = "Islamic State"
    assert all(merged_away in names for names in names_before.values())
    progress: list[tuple[int, int]] = []
    merge = _made("actor_merge", None, {"name": merged_away}, {"name": "ISIS"})
    saved = review.correct(store, pipeline, merge, lambda done, total: progress.append((done, total)))
    assert progress == [(1, 2), (2, 2)]
    for article_id in (first, second):
        names = set(article_detail(store, article_id).actors["name"])
        assert merged_away not in names and "ISIS" in names
    assert len(articles_table(store, Filters(actors=(merged_away,)))) == 0
    review.undo(store, pipeline, saved.id, "lead")
    assert {article_id: set(article_detail(store, article_id).actors["name"]) for article_id in (first, second)} == (
        names_before
    )


def test_an_actor_marked_wrong_everywhere_comes_back_on_undo(store: Store, pipeline: Pipeline) -> None:
    first, second = _ingest(store, pipeline), _ingest(store, pipeline, KERMAN)
    wrong = "Islamic State"
    saved = review.correct(store, pipeline, _made("actor_wrong", None, {"name": wrong}))
    assert saved.before == {"name": wrong, "article_ids": sorted([first, second])}
    assert len(articles_table(store, Filters(actors=(wrong,)))) == 0
    review.undo(store, pipeline, saved.id, "lead")
    assert len(articles_table(store, Filters(actors=(wrong,)))) == 2


def test_a_target_the_article_lacks_is_refused_and_nothing_is_stored(store: Store, pipeline: Pipeline) -> None:
    article_id = _ingest(store, pipeline)
    with pytest.raises(ReviewError, match="place 'Paris' is not in this article"):
        review.correct(store, pipeline, _made("place_wrong", article_id, {"name": "Paris"}))
    with pytest.raises(ReviewError, match="no stored article names the actor 'Nobody'"):
        review.correct(store, pipeline, _made("actor_wrong", None, {"name": "Nobody"}))
    with pytest.raises(ReviewError, match="there is no article missing"):
        review.correct(store, pipeline, _made("place_wrong", "missing", {"name": "Jordan"}))
    with pytest.raises(ReviewError, match="no stored report"):
        review.correct(store, pipeline, _made("incident_split", None, {}, {"apart": [[f"{article_id}#0", "x#0"]]}))
    assert correction_log(store) == []


def test_an_incident_split_holds_through_reextraction_and_undo_joins_the_reports_again(
    store: Store, pipeline: Pipeline
) -> None:
    article_id = _ingest(store, pipeline)
    # The headline and the lead both tell the Tower 22 strike: one incident of two reports.
    keys = [f"{article_id}#0", f"{article_id}#1"]
    machine_incident = _incident_of(store, keys[0])
    assert machine_incident is not None and _incident_of(store, keys[1]) == machine_incident
    incidents = kpis(store, Filters())["incidents"]

    split = _made("incident_split", None, {"incident_id": machine_incident}, {"apart": [keys]})
    saved = review.correct(store, pipeline, split)
    assert saved.before == {"incidents": {key: machine_incident for key in keys}}
    assert _incident_of(store, keys[0]) != _incident_of(store, keys[1])
    assert kpis(store, Filters())["incidents"] == incidents + 1
    review.reextract(store, pipeline, article_id)
    assert _incident_of(store, keys[0]) != _incident_of(store, keys[1])
    _incidents_hold(store)

    review.undo(store, pipeline, saved.id, "lead")
    assert _incident_of(store, keys[0]) == _incident_of(store, keys[1]) == machine_incident
    assert kpis(store, Filters())["incidents"] == incidents
    _incidents_hold(store)


def test_a_stored_correction_whose_target_is_gone_is_skipped_on_reextraction(
    store: Store, pipeline: Pipeline, caplog: pytest.LogCaptureFixture
) -> None:
    article_id = _ingest(store, pipeline)
    machine = article_detail(store, article_id)
    stale = add_correction(store, _made("place_wrong", article_id, {"name": "Atlantis"}))
    kept = add_correction(store, _made("place_wrong", article_id, {"name": "Tower 22"}))
    with caplog.at_level("WARNING", logger="flashpoint.review"):
        review.reextract(store, pipeline, article_id)
    assert f"correction {stale.id} skipped: no place named 'Atlantis'" in caplog.text
    detail = article_detail(store, article_id)
    assert "Tower 22" not in set(detail.mentions["place"])
    assert set(detail.mentions["place"]) == set(machine.mentions["place"]) - {"Tower 22"}
    assert review.corrected(store, pipeline, article_id).applied == (kept,)


def test_candidates_offered_for_a_stored_place_follow_the_analysts_choice(store: Store, pipeline: Pipeline) -> None:
    article_id = _ingest(store, pipeline)
    machine = review.article_place_candidates(store, pipeline, article_id, "Jordan")
    assert [c.place.country_code for c in machine if c.chosen] == ["JO"]
    correction = _choose_us_jordan(article_id, _extract(pipeline, TOWER_22), pipeline)
    review.correct(store, pipeline, correction)
    chosen = [c.place for c in review.article_place_candidates(store, pipeline, article_id, "Jordan") if c.chosen]
    assert [place.id for place in chosen] == [correction.after["place_id"]]
    assert replace(machine[0], chosen=False) in review.article_place_candidates(store, pipeline, article_id, "Jordan")


def test_corrections_in_force_hold_for_articles_saved_later(store: Store, pipeline: Pipeline) -> None:
    from flashpoint.ingest import ingest_file

    article_id = _ingest(store, pipeline)
    review.correct(store, pipeline, _made("place_wrong", article_id, {"name": "Tower 22"}))
    review.correct(store, pipeline, _made("actor_merge", None, {"name": "Islamic State"}, {"name": "ISIS"}))
    # A global merge reaches an article uploaded after it; an article's own correction outlives its deletion.
    uploaded = ingest_file(KERMAN.name, KERMAN.read_bytes(), store, pipeline)
    assert uploaded.status == "saved"
    assert {"ISIS"} <= set(article_detail(store, uploaded.article_id).actors["name"]) - {"Islamic State"}
    assert store.delete_article(article_id)
    again = ingest_file(TOWER_22.name, TOWER_22.read_bytes(), store, pipeline)
    assert again.article_id == article_id
    assert "Tower 22" not in set(article_detail(store, article_id).mentions["place"])


def test_bulk_ingest_applies_the_corrections_in_force(store: Store, pipeline: Pipeline) -> None:
    from flashpoint.bulk_ingest import ingest_paths
    from flashpoint.extract_workers import InProcessExtractor

    article_id = _ingest(store, pipeline)
    review.correct(store, pipeline, _made("actor_merge", None, {"name": "Islamic State"}, {"name": "ISIS"}))
    report = ingest_paths([str(KERMAN)], store, InProcessExtractor(pipeline), max_bytes=1_000_000)
    assert report.saved == 1
    assert len(articles_table(store, Filters(actors=("ISIS",)))) == 2
    assert len(articles_table(store, Filters(actors=("Islamic State",)))) == 0
    assert article_id in set(articles_table(store, Filters(actors=("ISIS",)))["id"])
