"""Review and correction through the app: for each kind of correction an editor applies it on the Articles page,
confirms it, sees it on the other pages, re-extracts the article (it holds), and undoes it on the Audit page (the
machine's value is back). Viewers see the log but no controls. Articles go in through the real ingest."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.review_panel import widget_key
from flashpoint.corrections import Correction
from flashpoint.ingest import ingest_files
from flashpoint.pipeline import Pipeline
from flashpoint.query import article_detail
from flashpoint.review import correct
from flashpoint.settings import Settings
from flashpoint.store import Store
from flashpoint.store_corrections import add_correction
from tests.app.conftest import APP_PATH, RUN_TIMEOUT_SECONDS
from tests.app.test_escaping import HOSTILE_ACTOR, LIVE_MARKUP, live_markup
from tests.app.test_sign_in import ACCESS, AUTH, EDITOR, VIEWER

TRIPOLI = (
    "Rockets hit Tripoli\n"
    "Source: Test Wire\n"
    "Published: 2024-02-10\n\n"
    "Two rockets struck Tripoli on Saturday, killing four people, officials said. Hezbollah denied any role. "
    "Separately, gunmen attacked a checkpoint near Rafah on Sunday, wounding three soldiers."
)
AIN_AL_ASAD = (
    "Drone attack on Ain al-Asad\n"
    "Source: Test Wire\n"
    "Published: 2023-10-27\n\n"
    "The Islamic Resistance in Iraq claimed a drone attack on US forces at Ain al-Asad air base on Friday. "
    "Two soldiers were wounded, the Pentagon said. Kataib Hezbollah praised the attack. "
    "Iran backs Kataib Hezbollah, officials said."
)
# Another wire's report of the Tripoli strike (the machine merges the two), and a later drone attack on the same
# base three days on (the machine keeps it apart; an analyst who learns it was misdated merges them).
TRIPOLI_FOLLOW_UP = (
    "Rocket strike kills four in Tripoli\n"
    "Source: Other Wire\n"
    "Published: 2024-02-10\n\n"
    "Four people were killed when two rockets struck Tripoli on Saturday, officials said."
)
AIN_AL_ASAD_LATER = (
    "Another drone attack on Ain al-Asad\n"
    "Source: Other Wire\n"
    "Published: 2023-10-30\n\n"
    "A drone attack targeted US forces at Ain al-Asad air base on Monday, the Pentagon said. No one was hurt."
)
ARTICLES = [
    ("tripoli.txt", TRIPOLI),
    ("ain-al-asad.txt", AIN_AL_ASAD),
    ("tripoli-follow-up.txt", TRIPOLI_FOLLOW_UP),
    ("ain-al-asad-later.txt", AIN_AL_ASAD_LATER),
]
TRIPOLI_LEBANON = "geonames:266826"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def app_database(request: pytest.FixtureRequest, database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app's database for a review test: a temporary SQLite file, or a fresh PostgreSQL schema when
    FLASHPOINT_TEST_DATABASE_URL is set (corrections, re-extraction and incidents rewrite rows on both)."""
    if request.param == "sqlite":
        return database_url
    url = request.getfixturevalue("postgresql_store").engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def article_ids(app_database: str) -> Iterator[dict[str, str]]:
    """The articles ingested by the real pipeline into the app's database; their ids by file name."""
    store = Store(app_database)
    store.create_schema()
    pipeline = Pipeline.load(Settings.from_env(os.environ))
    report = ingest_files([(name, text.encode()) for name, text in ARTICLES], store, pipeline)
    store.dispose()
    assert {result.status for result in report.results} == {"saved"}
    yield {result.filename: result.article_id for result in report.results}


def open_article(article_id: str, user: dict | None = None) -> AppTest:
    app = AppTest.from_file(APP_PATH, default_timeout=RUN_TIMEOUT_SECONDS)
    if user is not None:
        app.secrets["auth"] = AUTH
        app.secrets["flashpoint"] = ACCESS
        app.user = user
    app.run()
    app.switch_page("app_pages/articles.py").run()
    return read(app, article_id)


def read(app: AppTest, article_id: str) -> AppTest:
    app.switch_page("app_pages/articles.py").run()
    app.selectbox(key="articles_reader_choice").set_value(article_id).run()
    assert not app.exception
    return app


# AppTest does not expose a dataframe's key: each table is told by columns only it has.
TABLE_COLUMNS = {
    "articles_places": {"place", "lat", "mentions"},
    "candidates": {"score", "chosen"},
    "articles_actors": {"name", "mentions"},
    "articles_links": {"source", "relation", "target"},
    "articles_figures": {"value", "qualifier", "text"},
    "articles_events": {"type", "location", "date_end"},
    "data_events_table": {"type", "location", "date", "sentence"},
    "incident_reports": {"report_key", "reason"},
    "audit_log": {"who", "change"},
}


def table(app: AppTest, name: str) -> pd.DataFrame:
    """The one table on the page that has the columns of `name` (see TABLE_COLUMNS)."""
    found = [frame.value for frame in app.dataframe if TABLE_COLUMNS[name] <= set(frame.value.columns)]
    assert len(found) == 1, f"{len(found)} tables look like {name}"
    return found[0]


def shown(markdown: str) -> str:
    """Markdown as the reader sees it: without the escapes that keep names from being read as markup."""
    return markdown.replace("\\", "")


def metrics(app: AppTest) -> dict[str, int]:
    return {metric.label: int(str(metric.value).replace(",", "")) for metric in app.metric}


def overview(app: AppTest) -> dict[str, int]:
    return metrics(app.switch_page("app_pages/overview.py").run())


def confirm(app: AppTest, button_key: str) -> int:
    """Click an action, check the confirmation names it, confirm; returns the stored correction's id."""
    app.button(key=button_key).click().run()
    assert not app.exception
    assert "Confirm this correction?" in " ".join(block.value for block in app.markdown)
    app.button(key="review_confirm").click().run()
    assert not app.exception, app.exception
    assert not app.error, [error.value for error in app.error]
    applied = app.success[0].value
    assert "applied" in applied
    return int(applied.split("#")[1].split(" ")[0])


def reextract(app: AppTest) -> AppTest:
    app.button(key="articles_reextract").click().run()
    assert not app.exception
    assert shown(app.success[0].value).startswith("Re-extracted this article")
    return app


def audit_row(app: AppTest, correction_id: int) -> dict[str, Any]:
    app.switch_page("app_pages/audit.py").run()
    assert not app.exception
    rows = table(app, "audit_log").set_index("id")
    return rows.loc[correction_id].to_dict()


def undo(app: AppTest, correction_id: int) -> AppTest:
    app.switch_page("app_pages/audit.py").run()
    app.button(key=f"audit_undo_{correction_id}").click().run()
    assert not app.exception
    assert shown(app.success[0].value).startswith(f"Undone: #{correction_id}")
    assert audit_row(app, correction_id)["undone"].endswith("by local analyst")
    assert f"audit_undo_{correction_id}" not in {button.key for button in app.button}
    return app


def stored_span(database_url: str, article_id: str, part: str, column: str, value: str) -> str:
    """The "start-end" span of the article's figure or event whose `column` is `value`, as the core stored it."""
    store = Store(database_url)
    try:
        detail = article_detail(store, article_id)
    finally:
        store.dispose()
    rows = getattr(detail, part)
    found = rows[rows[column] == value].iloc[0]
    return f"{int(found['start'])}-{int(found['end'])}"


def places_of(app: AppTest) -> pd.DataFrame:
    return table(app, "articles_places")


def events_of(app: AppTest) -> pd.DataFrame:
    return table(app, "articles_events")


def data_events(app: AppTest) -> pd.DataFrame:
    return table(app.switch_page("app_pages/data.py").run(), "data_events_table")


def map_places(app: AppTest) -> dict[str, tuple[float, float]]:
    import json

    app.switch_page("app_pages/places_map.py").run()
    found = {}
    for chart in app.get("deck_gl_json_chart"):
        for layer in json.loads(chart.proto.json)["layers"]:
            for row in layer.get("data") or []:
                if isinstance(row, dict) and "place" in row and "lat" in row:
                    found[row["place"]] = (round(row["lat"], 2), round(row["lon"], 2))
    return found


def test_choosing_another_candidate_moves_the_place_everywhere(article_ids) -> None:
    article = article_ids["tripoli.txt"]
    app = open_article(article)
    app.selectbox(key="review_place").set_value("Tripoli").run()
    candidates = table(app, "candidates")
    assert list(candidates.columns[:3]) == ["place", "kind", "country_code"]
    assert candidates.iloc[0]["chosen"] and candidates.iloc[0]["country_code"] == "LY"
    assert "LB" in set(candidates["country_code"]) and candidates["score"].is_monotonic_decreasing
    app.selectbox(key=widget_key("review_place_candidate", "Tripoli")).set_value(TRIPOLI_LEBANON).run()
    correction = confirm(app, widget_key("review_place_use", "Tripoli"))

    def in_lebanon() -> bool:
        tripoli = places_of(app).set_index("place").loc["Tripoli"]
        return tripoli["country_code"] == "LB" and round(tripoli["lon"]) == 36

    assert in_lebanon()
    assert table(app, "candidates").iloc[0]["country_code"] == "LB"
    assert "Tripoli" in set(data_events(app).query("country_code == 'LB'")["location"])
    assert map_places(app)["Tripoli"][1] == pytest.approx(35.8, abs=0.2)
    assert "Lebanon (LB)" in app.sidebar.multiselect(key="filter_countries").options
    assert read(app, article) and in_lebanon()
    assert reextract(app) and in_lebanon()
    row = audit_row(app, correction)
    assert (row["who"], row["kind"], row["article"]) == (
        "local analyst",
        "place: other candidate",
        "Rockets hit Tripoli",
    )
    assert "country_code LY" in row["change"] and "country_code LB" in row["change"]
    undo(app, correction)
    assert places_of(read(app, article)).set_index("place").loc["Tripoli"]["country_code"] == "LY"
    assert "LB" not in set(data_events(app)["country_code"])


def test_a_place_marked_wrong_leaves_the_article_the_counts_and_the_map(article_ids) -> None:
    article = article_ids["ain-al-asad.txt"]
    app = open_article(article)
    places_before = overview(app)["Places"]
    assert "Iraq" in map_places(app)
    read(app, article).selectbox(key="review_place").set_value("Iraq").run()
    correction = confirm(app, widget_key("review_place_wrong", "Iraq"))
    assert any("place removed: Iraq (IQ)" in shown(block.value) for block in app.markdown)
    assert "Iraq" not in set(places_of(app)["place"])
    assert overview(app)["Places"] == places_before - 1
    assert "Iraq" not in map_places(app)
    assert "Iraq" not in set(places_of(reextract(read(app, article)))["place"])
    assert audit_row(app, correction)["change"].endswith("→ removed")
    undo(app, correction)
    assert "Iraq" in set(places_of(read(app, article))["place"])
    assert overview(app)["Places"] == places_before


def actor_names_shown(app: AppTest) -> set[str]:
    return set(table(app, "articles_actors")["name"])


def articles_naming(app: AppTest, actor: str) -> int:
    """The Overview's article count with the sidebar filtered to one actor (the filter is cleared after)."""
    actors = app.switch_page("app_pages/overview.py").run().sidebar.multiselect(key="filter_actors")
    count = metrics(actors.set_value([actor]).run())["Articles"]
    app.sidebar.multiselect(key="filter_actors").set_value([]).run()
    return count


def test_an_actor_marked_wrong_leaves_the_article_its_links_and_the_actor_counts(article_ids) -> None:
    article = article_ids["ain-al-asad.txt"]
    app = open_article(article)
    assert articles_naming(app, "United States") == 2
    read(app, article).selectbox(key="review_actor").set_value("United States").run()
    correction = confirm(app, widget_key("review_actor_wrong", "United States"))
    assert "United States" not in actor_names_shown(app)
    links = table(app, "articles_links")
    assert "United States" not in set(links["target"]) | set(links["source"])
    assert "United States" not in " ".join(events_of(app)["targets"])
    assert articles_naming(app, "United States") == 1
    assert "United States" not in actor_names_shown(reextract(read(app, article)))
    assert audit_row(app, correction)["kind"] == "actor: wrong"
    undo(app, correction)
    assert "United States" in actor_names_shown(read(app, article))
    assert articles_naming(app, "United States") == 2


def test_merging_two_actors_renames_one_into_the_other_in_every_view(article_ids) -> None:
    article = article_ids["ain-al-asad.txt"]
    app = open_article(article)
    actors_before = overview(app)["Actors"]
    assert "Islamic Resistance in Iraq" in app.sidebar.multiselect(key="filter_actors").options
    read(app, article).selectbox(key="review_actor").set_value("Islamic Resistance in Iraq").run()
    merge_into = widget_key("review_actor_merge_into", "Islamic Resistance in Iraq")
    app.selectbox(key=merge_into).set_value("Kataib Hezbollah").run()
    correction = confirm(app, widget_key("review_actor_merge", "Islamic Resistance in Iraq"))
    assert "Islamic Resistance in Iraq" not in actor_names_shown(app)
    links = table(app, "articles_links")
    assert ("Kataib Hezbollah", "attacks", "United States") in set(
        zip(links["source"], links["relation"], links["target"], strict=True)
    )
    assert overview(app)["Actors"] == actors_before - 1
    assert "Islamic Resistance in Iraq" not in app.sidebar.multiselect(key="filter_actors").options
    assert "Islamic Resistance in Iraq" not in actor_names_shown(reextract(read(app, article)))
    row = audit_row(app, correction)
    assert (row["article"], row["kind"]) == ("every article", "actor: merged")
    assert row["change"].endswith("→ name Kataib Hezbollah")
    undo(app, correction)
    assert "Islamic Resistance in Iraq" in actor_names_shown(read(app, article))
    assert overview(app)["Actors"] == actors_before


def figure_values(app: AppTest) -> dict[str, tuple[Any, Any]]:
    figures = table(app, "articles_figures")
    return {row["text"]: (row["value"], row["qualifier"]) for row in figures.to_dict("records")}


def test_an_edited_figure_changes_the_article_and_the_totals(article_ids, app_database) -> None:
    article = article_ids["tripoli.txt"]
    app = open_article(article)
    injured_before = overview(app)["Injured"]
    span = stored_span(app_database, article, "figures", "text", "three")
    read(app, article).selectbox(key="review_figure").set_value(span).run()
    app.number_input(key=widget_key("review_figure_value", span)).set_value(5).run()
    app.text_input(key=widget_key("review_figure_qualifier", span)).set_value("at least").run()
    correction = confirm(app, widget_key("review_figure_save", span))
    assert figure_values(app)["three"][0] == 5 and figure_values(app)["three"][1] == "at least"
    assert overview(app)["Injured"] == injured_before + 2
    assert figure_values(reextract(read(app, article)))["three"][:2] == (5, "at least")
    assert "value 3" in audit_row(app, correction)["change"]
    undo(app, correction)
    assert figure_values(read(app, article))["three"][0] == 3
    assert overview(app)["Injured"] == injured_before


def rafah_dates(app: AppTest) -> list[str]:
    events = events_of(app)
    return [str(day) for day in events.loc[events["location"] == "Rafah", "date"]]


def test_an_event_redated_moves_in_the_tables(article_ids, app_database) -> None:
    article = article_ids["tripoli.txt"]
    app = open_article(article)
    assert rafah_dates(app) == ["2024-02-04"]
    key = stored_span(app_database, article, "events", "location", "Rafah")
    app.selectbox(key="review_event").set_value(key).run()
    app.date_input(key=widget_key("review_event_date", key)).set_value(date(2024, 2, 3)).run()
    app.date_input(key=widget_key("review_event_date_end", key)).set_value(date(2024, 2, 5)).run()
    correction = confirm(app, widget_key("review_event_save", key))
    assert rafah_dates(app) == ["2024-02-03"]
    assert str(events_of(app).set_index("location").loc["Rafah", "date_end"]) == "2024-02-05"
    data = data_events(app)
    assert str(data.loc[data["location"] == "Rafah", "date"].iloc[0]) == "2024-02-03"
    assert rafah_dates(reextract(read(app, article))) == ["2024-02-03"]
    assert audit_row(app, correction)["change"] == "date 2024-02-04 → date 2024-02-03; date_end 2024-02-05"
    undo(app, correction)
    assert rafah_dates(read(app, article)) == ["2024-02-04"]


def test_a_viewer_sees_no_review_controls_and_reads_the_log(article_ids, app_database) -> None:
    store = Store(app_database)
    pipeline = Pipeline.load(Settings.from_env(os.environ))
    article = article_ids["ain-al-asad.txt"]
    correct(
        store,
        pipeline,
        Correction(
            "actor_wrong", {"name": "United States"}, None, None, article, "editor@example.org", datetime.now(UTC)
        ),
    )
    store.dispose()
    app = open_article(article, user=VIEWER)
    keys = {widget.key for widget in (*app.button, *app.selectbox, *app.number_input, *app.date_input)}
    assert not {key for key in keys if key and (key.startswith("review_") or key == "articles_reextract")}
    assert "United States" not in actor_names_shown(app)
    app.switch_page("app_pages/audit.py").run()
    assert not app.exception
    assert list(table(app, "audit_log")["who"]) == ["editor@example.org"]
    assert not [button for button in app.button if button.key.startswith("audit_undo_")]


def test_a_signed_in_editor_is_logged_as_the_author(article_ids) -> None:
    article = article_ids["ain-al-asad.txt"]
    app = open_article(article, user=EDITOR)
    app.selectbox(key="review_actor").set_value("United States").run()
    correction = confirm(app, widget_key("review_actor_wrong", "United States"))
    assert audit_row(app, correction)["who"] == "editor@example.org"


def test_cancel_stores_nothing(article_ids) -> None:
    app = open_article(article_ids["ain-al-asad.txt"])
    app.selectbox(key="review_actor").set_value("Iran").run()
    app.button(key=widget_key("review_actor_wrong", "Iran")).click().run()
    app.button(key="review_cancel").click().run()
    assert "Iran" in actor_names_shown(app)
    app.switch_page("app_pages/audit.py").run()
    assert app.info[0].value.startswith("No corrections yet")


def incident_of(app: AppTest, location: str) -> str:
    """The incident of the article's first event at `location`."""
    events = events_of(app)
    return str(events.loc[events["location"] == location, "incident_id"].iloc[0])


def incidents_count(app: AppTest) -> int:
    return overview(app)["Incidents"]


def test_splitting_a_report_out_makes_it_an_incident_of_its_own(article_ids) -> None:
    article, follow_up = article_ids["tripoli.txt"], article_ids["tripoli-follow-up.txt"]
    app = open_article(article)
    incidents_before = incidents_count(app)
    incident = incident_of(read(app, article), "Tripoli")
    assert incident_of(read(app, follow_up), "Tripoli") == incident
    read(app, article).selectbox(key="review_incident").set_value(incident).run()
    reports = table(app, "incident_reports")
    assert len(reports) == 2 and reports["reason"].notna().any()
    correction = confirm(app, widget_key("review_incident_split", incident))

    def apart() -> bool:
        own = incident_of(read(app, article), "Tripoli")
        app.selectbox(key="review_incident").set_value(own).run()
        return len(table(app, "incident_reports")) == 1 and incident_of(read(app, follow_up), "Tripoli") != own

    assert apart()
    assert incidents_count(app) == incidents_before + 1
    assert reextract(read(app, article)) and apart()
    assert audit_row(app, correction)["kind"] == "incident: split"
    undo(app, correction)
    assert incident_of(read(app, article), "Tripoli") == incident_of(read(app, follow_up), "Tripoli")
    assert incidents_count(app) == incidents_before


def test_merging_two_incidents_counts_them_once(article_ids) -> None:
    article, later = article_ids["ain-al-asad.txt"], article_ids["ain-al-asad-later.txt"]
    app = open_article(later)
    incidents_before = incidents_count(app)
    own = incident_of(read(app, later), "Ain al-Asad Air Base")
    other = incident_of(read(app, article), "Ain al-Asad Air Base")
    assert own != other
    read(app, later).selectbox(key="review_incident").set_value(own).run()
    app.selectbox(key=widget_key("review_incident_merge_into", own)).set_value(other).run()
    correction = confirm(app, widget_key("review_incident_merge", own))

    def together() -> bool:
        place = "Ain al-Asad Air Base"
        return incident_of(read(app, later), place) == incident_of(read(app, article), place)

    assert together()
    assert incidents_count(app) == incidents_before - 1
    assert reextract(read(app, later)) and together()
    assert incidents_count(app) == incidents_before - 1
    assert audit_row(app, correction)["kind"] == "incident: merged"
    undo(app, correction)
    assert not together()
    assert incidents_count(app) == incidents_before


def test_app_state_refuses_a_viewers_correction_even_without_the_controls(article_ids) -> None:
    def correct_as_whoever_is_signed_in(article: str) -> None:
        import streamlit as st

        import app_state

        try:
            app_state.correct("actor_wrong", {"name": "Iran"}, None, article)
        except app_state.REVIEW_ERRORS as error:
            st.text(f"refused: {error}; {len(app_state.correction_log())} logged")

    app = AppTest.from_function(
        correct_as_whoever_is_signed_in, args=(article_ids["ain-al-asad.txt"],), default_timeout=RUN_TIMEOUT_SECONDS
    )
    app.secrets["auth"] = AUTH
    app.secrets["flashpoint"] = ACCESS
    app.user = VIEWER
    app.run()
    assert app.text[0].value == "refused: only editors may correct extractions; 0 logged"


def test_a_correction_whose_target_is_gone_is_explained_not_stored(article_ids, app_database) -> None:
    article = article_ids["ain-al-asad.txt"]
    app = open_article(article)
    app.selectbox(key="review_actor").set_value("Iran").run()
    app.button(key=widget_key("review_actor_wrong", "Iran")).click().run()
    # Meanwhile another editor removes Iran from the article.
    store = Store(app_database)
    pipeline = Pipeline.load(Settings.from_env(os.environ))
    correct(
        store, pipeline, Correction("actor_wrong", {"name": "Iran"}, None, None, article, "other", datetime.now(UTC))
    )
    store.dispose()
    app.button(key="review_confirm").click().run()
    assert not app.exception
    assert "Not applied" in shown(app.error[0].value) and "Iran" in shown(app.error[0].value)
    assert len(table(app.switch_page("app_pages/audit.py").run(), "audit_log")) == 1


def test_the_audit_page_on_an_empty_database_says_there_is_nothing_yet(database_url) -> None:
    app = AppTest.from_file(APP_PATH, default_timeout=RUN_TIMEOUT_SECONDS)
    app.run()
    app.switch_page("app_pages/audit.py").run()
    assert not app.exception
    assert app.info[0].value.startswith("No corrections yet")
    assert not [button for button in app.button if button.key.startswith("audit_undo_")]


def test_the_audit_log_shows_markup_in_a_corrected_name_as_text(database_url, build_extraction) -> None:
    store = Store(database_url)
    store.create_schema()
    hostile = build_extraction(f"The {HOSTILE_ACTOR} claimed the attack.", actors=[(HOSTILE_ACTOR, "armed_group")])
    article = store.save(hostile).article_id
    wrong = Correction("actor_wrong", {"name": HOSTILE_ACTOR}, None, None, article, "local analyst", datetime.now(UTC))
    add_correction(store, wrong)
    store.dispose()
    app = AppTest.from_file(APP_PATH, default_timeout=RUN_TIMEOUT_SECONDS)
    app.run()
    app.switch_page("app_pages/audit.py").run()
    assert not app.exception
    labels = [button.proto.label for button in app.button if button.key.startswith("audit_undo_")]
    assert len(labels) == 1 and HOSTILE_ACTOR not in labels[0]
    assert live_markup(app) == [] and not [label for label in labels if LIVE_MARKUP.search(label)]
    assert table(app, "audit_log")["target"].tolist() == [f"name {HOSTILE_ACTOR}"]
