"""Every page runs without an exception, and the filters change what the pages show."""

from __future__ import annotations

import json
from datetime import date

import pytest

PAGES = [
    "app_pages/overview.py",
    "app_pages/places_map.py",
    "app_pages/timeline.py",
    "app_pages/actors.py",
    "app_pages/articles.py",
    "app_pages/upload.py",
    "app_pages/data.py",
    "app_pages/audit.py",
]


def metric_values(app) -> dict[str, int]:
    return {metric.label: int(str(metric.value).replace(",", "")) for metric in app.metric}


def deck_payloads(app) -> list[dict]:
    return [json.loads(chart.proto.json) for chart in app.get("deck_gl_json_chart")]


def report_table(app):
    """The upload page's per-file results table."""
    return next(table.value for table in app.dataframe if "result" in table.value.columns)


def scatter_places(app) -> set[str]:
    places = set()
    for payload in deck_payloads(app):
        for layer in payload["layers"]:
            if layer["@@type"] == "ScatterplotLayer":
                places.update(row["place"] for row in layer["data"])
    return places


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_database(database_url, open_page, page) -> None:
    app = open_page(page)
    assert not app.exception


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_data(seeded_database, open_page, page) -> None:
    app = open_page(page)
    assert not app.exception


def test_a_bad_setting_is_reported_instead_of_a_traceback(database_url, open_page, monkeypatch) -> None:
    monkeypatch.setenv("FLASHPOINT_REGION_PRIOR", "ATLANTIS")
    app = open_page()
    assert not app.exception
    assert "FLASHPOINT_REGION_PRIOR" in app.error[0].value


def test_an_unreadable_place_index_is_reported_on_upload(database_url, open_page, monkeypatch, tmp_path) -> None:
    broken_index = tmp_path / "broken-index.pkl"
    broken_index.write_bytes(b"not a place index\n\x00\x01")
    monkeypatch.setenv("FLASHPOINT_GAZETTEER_PATH", str(broken_index))
    app = open_page("app_pages/upload.py")
    app.text_area(key="upload_pasted_text").set_value(MARKUP_ARTICLE.decode()).run()
    app.button(key="upload_submit").click().run()
    assert not app.exception
    assert app.error[0].value.startswith("Nothing was stored:")


def test_empty_database_offers_the_samples_without_loading_them(database_url, open_page) -> None:
    app = open_page()
    assert app.button(key="load_samples").label == "Load the sample articles"
    assert metric_values(app)["Articles"] == 0


def test_overview_counts_everything_stored(seeded_database, open_page) -> None:
    app = open_page()
    app.toggle(key="filter_count_incidents").set_value(False).run()
    assert metric_values(app) == {
        "Articles": 2,
        "Reports": 2,
        "Places": 2,
        "Attacks": 4,
        "Injured": 7,
        "Killed": 0,
        "Actors": 3,
    }
    assert scatter_places(app) == {"Erbil", "Red Sea"}


def test_overview_counts_incidents_by_default(seeded_database, open_page) -> None:
    counts = metric_values(open_page())
    # "Three drone attacks ... on Monday" is one incident claiming three attacks; the Red Sea attack another.
    assert (counts["Incidents"], counts["Attacks"], counts["Injured"]) == (2, 4, 7)


def test_actor_filter_drops_counts_to_that_actor(seeded_database, open_page) -> None:
    app = open_page()
    app.multiselect(key="filter_actors").set_value(["Houthis"]).run()
    counts = metric_values(app)
    assert counts["Articles"] == 1
    assert counts["Attacks"] == 1
    assert counts["Injured"] == 2
    assert scatter_places(app) == {"Red Sea"}
    assert app.query_params["actor"] == "Houthis"


def test_clear_filters_brings_back_everything(seeded_database, open_page) -> None:
    app = open_page(query={"actor": "Houthis", "q": "tanker"})
    assert metric_values(app)["Articles"] == 1
    app.button(key="clear_filters").click().run()
    assert metric_values(app)["Articles"] == 2
    assert app.multiselect(key="filter_actors").value == []
    assert app.query_params == {}


def test_date_filter_excludes_an_article_outside_the_range(seeded_database, open_page) -> None:
    app = open_page()
    app.date_input(key="filter_dates").set_value((date(2024, 1, 1), date(2024, 1, 16))).run()
    assert metric_values(app)["Articles"] == 1
    assert metric_values(app)["Attacks"] == 1
    assert "from 2024-01-01 to 2024-01-16" in app.sidebar.caption[0].value


def test_a_shared_link_opens_with_its_filters(seeded_database, open_page) -> None:
    app = open_page(query={"actor": "Kataib Hezbollah", "count": "reports"})
    assert app.multiselect(key="filter_actors").value == ["Kataib Hezbollah"]
    assert app.toggle(key="filter_count_incidents").value is False
    assert metric_values(app)["Attacks"] == 3


def test_map_deck_draws_offline_outlines_and_every_place(seeded_database, open_page) -> None:
    app = open_page("app_pages/places_map.py")
    payload = deck_payloads(app)[0]
    layer_types = [layer["@@type"] for layer in payload["layers"]]
    assert layer_types[0] == "GeoJsonLayer" and layer_types[-1] == "ScatterplotLayer"
    assert payload.get("mapProvider") is None and payload["mapStyle"] == "__MAP_STYLE__"
    assert scatter_places(app) == {"Erbil", "Red Sea"}


def test_map_toggles_add_density_and_link_layers(seeded_database, open_page) -> None:
    app = open_page("app_pages/places_map.py")
    app.toggle(key="map_links").set_value(True).run()
    app.button_group(key="map_density").set_value("heatmap").run()
    layer_types = [layer["@@type"] for layer in deck_payloads(app)[0]["layers"]]
    # After the arcs: the Red Sea as a hollow ring, its "approximate" label, then Erbil as a solid point.
    assert layer_types == [
        "GeoJsonLayer",
        "HeatmapLayer",
        "ArcLayer",
        "ScatterplotLayer",
        "TextLayer",
        "ScatterplotLayer",
    ]


def test_actors_page_draws_the_network_and_an_actor_panel(seeded_database, open_page) -> None:
    app = open_page("app_pages/actors.py")
    charts = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    sankey = next(chart["data"][0] for chart in charts if chart["data"][0]["type"] == "sankey")
    assert sankey["node"]["label"] == ["Kataib Hezbollah", "United States"]
    app.selectbox(key="actors_panel_actor").set_value("Houthis").run()
    assert not app.exception
    assert metric_values(app)["Attacks"] == 1
    backers = next(table.value for table in app.dataframe if list(table.value.columns) == ["source", "weight"])
    assert list(backers["source"]) == ["Iran"]


def test_timeline_splits_bars_by_country(seeded_database, open_page) -> None:
    app = open_page("app_pages/timeline.py")
    app.radio(key="timeline_group").set_value("Country").run()
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert {trace["name"] for trace in figure["data"]} == {"IQ", ""}


SAMPLE_PATH = "data/samples/2024-01-16-iran-guards-fire-missiles-at-erbil.txt"
MARKUP_ARTICLE = (
    b"Rocket fire reported near <b>Erbil</b> base\n\nBaghdad Wire\n2024-01-20\n\n"
    b"Three rockets struck near Erbil on Saturday, officials said. <script>alert('x')</script> "
    b"No injuries were reported among the troops at the base."
)


def upload(app, files: list[tuple[str, bytes, str]]):
    app.switch_page("app_pages/upload.py").run()
    app.file_uploader(key="upload_files").set_value(files).run()
    app.button(key="upload_submit").click().run()
    return app


def test_uploaded_sample_shows_in_overview_kpis_and_on_the_map(database_url, open_page) -> None:
    from app_state import PROJECT_ROOT

    app = open_page()
    sample = (PROJECT_ROOT / SAMPLE_PATH).read_bytes()
    upload(app, [("erbil.txt", sample, "text/plain")])
    assert not app.exception
    report = report_table(app)
    assert list(report["result"]) == ["saved"]
    assert any("Erbil (city)" in markdown.value for markdown in app.markdown)
    app.switch_page("app_pages/overview.py").run()
    counts = metric_values(app)
    assert counts["Articles"] == 1
    assert counts["Places"] >= 1
    assert "Erbil" in scatter_places(app)
    app.switch_page("app_pages/places_map.py").run()
    assert "Erbil" in scatter_places(app)


def test_uploading_the_same_file_twice_reports_a_duplicate(database_url, open_page) -> None:
    app = open_page()
    upload(app, [("a.txt", MARKUP_ARTICLE, "text/plain")])
    app.button(key="upload_submit").click().run()
    assert list(report_table(app)["result"]) == ["duplicate"]
    assert metric_values(app.switch_page("app_pages/overview.py").run())["Articles"] == 1


def test_unreadable_file_is_reported_and_the_rest_of_the_batch_is_stored(database_url, open_page) -> None:
    app = open_page()
    upload(app, [("empty.txt", b"", "text/plain"), ("markup.txt", MARKUP_ARTICLE, "text/plain")])
    report = report_table(app)
    assert list(report["result"]) == ["error", "saved"]
    assert report["reason"][0]


def test_pasted_text_is_stored_as_an_article(database_url, open_page) -> None:
    app = open_page("app_pages/upload.py")
    app.text_area(key="upload_pasted_text").set_value(MARKUP_ARTICLE.decode()).run()
    app.button(key="upload_submit").click().run()
    assert list(report_table(app)["result"]) == ["saved"]


def test_article_with_markup_renders_as_escaped_text(database_url, open_page) -> None:
    app = open_page()
    upload(app, [("markup.txt", MARKUP_ARTICLE, "text/plain")])
    app.switch_page("app_pages/articles.py").run()
    bodies = [element.proto.body for element in app.get("html")]
    article = next(body for body in bodies if "fp-article" in body)
    assert "<script>" not in article and "<b>" not in article
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in article
    assert "&lt;b&gt;" in article


def test_sample_button_loads_every_shipped_sample(database_url, open_page) -> None:
    from app_state import sample_files

    app = open_page()
    app.button(key="load_samples").click().run()
    assert not app.exception
    assert metric_values(app)["Articles"] == len(sample_files())
    assert all(button.key != "load_samples" for button in app.button)
