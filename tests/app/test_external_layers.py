"""External layers through the app: an editor imports ACLED and GDELT files on Upload; the Map draws each layer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from flashpoint.store import Store
from flashpoint.store_external import import_layer
from tests.app.conftest import APP_PATH, RUN_TIMEOUT_SECONDS
from tests.app.test_sign_in import ACCESS, AUTH, VIEWER

DATA = Path(__file__).resolve().parents[1] / "data"
ACLED_BYTES = (DATA / "acled_sample.csv").read_bytes()
GDELT_BYTES = (DATA / "gdelt_sample.tsv").read_bytes()


def import_file(app, layer: str, name: str, data: bytes) -> None:
    app.selectbox(key="layer_format").set_value(layer).run()
    app.file_uploader(key="layer_files").set_value([(name, data, "text/csv")]).run()
    app.button(key="layer_submit").click().run()


def unescaped(markdown: str) -> str:
    """Text as written before escape_markdown put backslashes before Markdown's special characters."""
    return markdown.replace("\\", "")


def external_layers(app) -> dict[str, list[dict]]:
    """The deck's external layers by id, with their rows."""
    layers = {}
    for chart in app.get("deck_gl_json_chart"):
        for layer in json.loads(chart.proto.json)["layers"]:
            if layer["id"].startswith("external-"):
                layers[layer["id"]] = layer["data"]
    return layers


def test_imported_layers_get_a_toggle_each_and_draw_on_the_map(database_url, open_page) -> None:
    app = open_page("app_pages/upload.py")
    import_file(app, "acled", "acled_sample.csv", ACLED_BYTES)
    assert not app.exception
    assert unescaped(app.success[0].value) == "acled_sample.csv into layer acled: 4 saved, 0 already in the layer"
    import_file(app, "gdelt", "20240128.export.CSV", GDELT_BYTES)
    assert unescaped(app.success[0].value).startswith("20240128.export.CSV into layer gdelt: 4 saved")
    assert "Imported: ACLED 4 events · GDELT 4 events" in [markdown.value for markdown in app.markdown]

    app.switch_page("app_pages/places_map.py").run()
    assert not app.exception
    assert app.toggle(key="map_layer_acled").label == "ACLED (4 events)"
    assert app.toggle(key="map_layer_gdelt").label == "GDELT (4 events)"
    assert external_layers(app) == {}
    app.toggle(key="map_layer_acled").set_value(True).run()
    drawn = external_layers(app)
    assert set(drawn) == {"external-acled", "external-acled-approximate"}
    tooltips = " ".join(row["tooltip"] for rows in drawn.values() for row in rows)
    assert "Tower 22 (JO)" in tooltips and "Khan Younis" in tooltips
    app.toggle(key="map_layer_gdelt").set_value(True).run()
    assert {"external-acled", "external-gdelt", "external-gdelt-approximate"} <= set(external_layers(app))


def test_a_file_of_the_wrong_format_is_reported_and_nothing_drawn(database_url, open_page) -> None:
    app = open_page("app_pages/upload.py")
    import_file(app, "gdelt", "acled_sample.csv", ACLED_BYTES)
    assert not app.exception
    assert "no row could be read as a GDELT 2.0 event file" in app.expander[-1].children[0].value
    assert "0 saved" in app.warning[0].value
    app.switch_page("app_pages/places_map.py").run()
    assert not app.get("toggle") or all(not toggle.key.startswith("map_layer_") for toggle in app.toggle)


def test_the_sidebar_filters_apply_to_external_layers(seeded_database, open_page) -> None:
    app = open_page("app_pages/upload.py")
    import_file(app, "acled", "acled_sample.csv", ACLED_BYTES)
    # The seeded reports run from October 2023 to 16 January 2024; of the ACLED rows only Kerman (3 January) is in.
    app.switch_page("app_pages/places_map.py").run()
    app.sidebar.date_input[0].set_value((date(2024, 1, 1), date(2024, 1, 16)))
    app.run()
    app.toggle(key="map_layer_acled").set_value(True).run()
    assert not app.exception
    (rows,) = external_layers(app).values()
    assert [row["tooltip"].split("\n")[0] for row in rows] == ["ACLED · Kerman (IR)"]


def test_viewers_see_imported_layers_on_the_map(database_url) -> None:
    """Importing is for editors (viewers have no Upload page); reading the layers is for everyone."""
    store = Store(database_url)
    store.create_schema()
    import_layer(store, DATA / "gdelt_sample.tsv", "gdelt")
    store.dispose()
    app = AppTest.from_file(APP_PATH, default_timeout=RUN_TIMEOUT_SECONDS)
    app.secrets["auth"], app.secrets["flashpoint"], app.user = AUTH, ACCESS, VIEWER
    app.run()
    app.switch_page("app_pages/places_map.py").run()
    app.toggle(key="map_layer_gdelt").set_value(True).run()
    assert not app.exception
    assert "external-gdelt" in external_layers(app)


def test_the_state_refuses_an_import_from_a_viewer(database_url) -> None:
    def attempt() -> None:
        import streamlit as st

        import app_state

        refused = app_state.import_layer([("export.csv", b"not read")], "acled")
        st.text(f"{refused} | {app_state.layer_import_problem()} | {app_state.layer_counts()}")

    app = AppTest.from_function(attempt, default_timeout=RUN_TIMEOUT_SECONDS)
    app.secrets["auth"], app.secrets["flashpoint"], app.user = AUTH, ACCESS, VIEWER
    app.run()
    assert not app.exception
    assert app.text[0].value == "None | only editors may import layers | {}"
