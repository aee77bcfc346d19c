"""Markup inside an article (title, body, source, names drawn from it) shows as text on every page, never as HTML."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from flashpoint.store import Store
from flashpoint.store_incidents import refresh_incidents
from tests.app.conftest import APP_PATH, RUN_TIMEOUT_SECONDS

SCRIPT = "<script>alert('x')</script>"
IMAGE = "<img src=x onerror=alert(1)>"
TITLE = f"Strike near Erbil {IMAGE} [click](javascript:alert(2))"
BODY = (
    f"Three rockets struck Camp <b>Victory</b> near Erbil on Saturday, officials said. {SCRIPT} "
    f"The Brigade {IMAGE} claimed the attack on Camp <b>Victory</b>. Two soldiers were injured."
)
HOSTILE_PLACE = "Camp <b>Victory</b>"
HOSTILE_ACTOR = f"Brigade {IMAGE}"
# The article's own tags, were a page to hand them to the browser as HTML (the tooltip's own <b> is ours).
LIVE_MARKUP = re.compile(r"<\s*(script|img|b>Victory)", re.IGNORECASE)
# A markdown link left unescaped would turn into a clickable javascript: address.
LIVE_LINK = re.compile(r"(?<!\\)\]\(javascript")


@pytest.fixture
def hostile_database(database_url: str, build_extraction: Any) -> Iterator[str]:
    """One stored article whose title, body, source, place and actor all carry markup."""
    extraction = build_extraction(
        BODY,
        title=TITLE,
        published=date(2024, 2, 3),
        source=f"Wire {SCRIPT}",
        filename="hostile.txt",
        places=[(HOSTILE_PLACE, "site", "IQ", 33.29, 44.23), ("Erbil", "city", "IQ", 36.19, 44.01)],
        actors=[(HOSTILE_ACTOR, "armed_group")],
        links=[(HOSTILE_ACTOR, "United States", "attacks")],
        figures=[("injured", 2, "Two soldiers")],
        events=[
            {
                "type": "attack",
                "date": date(2024, 2, 3),
                "location": HOSTILE_PLACE,
                "country_code": "IQ",
                "lat": 33.29,
                "lon": 44.23,
                "actors": (HOSTILE_ACTOR,),
                "targets": ("United States",),
                "count": 1,
                "injured": 2,
                "evidence": "claimed the attack",
            }
        ],
    )
    store = Store(database_url)
    store.create_schema()
    refresh_incidents(store, [store.save(extraction).article_id])
    store.dispose()
    yield database_url


def markdown_texts(app: AppTest) -> list[str]:
    return [element.value for element in (*app.markdown, *app.caption, *app.sidebar.caption, *app.title)]


def without_text_tooltips(deck_json: str) -> str:
    """A deck payload less its rows' `tooltip` fields, which a text-mode tooltip shows as text (checked apart)."""
    deck = json.loads(deck_json)
    for layer in deck["layers"]:
        data = layer.get("data")
        rows = data.get("features", []) if isinstance(data, dict) else data or []
        for row in rows:
            row.pop("tooltip", None)
            if isinstance(row.get("properties"), dict):
                row["properties"].pop("tooltip", None)
    return json.dumps(deck)


def markup_texts(app: AppTest) -> list[str]:
    """What the page hands the browser as HTML: HTML blocks, and the map and chart payloads."""
    texts = [element.proto.body for element in app.get("html")]
    texts += [without_text_tooltips(chart.proto.json) for chart in app.get("deck_gl_json_chart")]
    texts += [chart.proto.spec for chart in app.get("plotly_chart")]
    return texts


def live_markup(app: AppTest) -> list[str]:
    found = [match.group(0) for text in markdown_texts(app) + markup_texts(app) for match in LIVE_MARKUP.finditer(text)]
    return found + [match.group(0) for text in markdown_texts(app) for match in LIVE_LINK.finditer(text)]


def open_page(page: str) -> AppTest:
    app = AppTest.from_file(APP_PATH, default_timeout=RUN_TIMEOUT_SECONDS)
    app.run()
    if page != "app_pages/overview.py":
        app.switch_page(page).run()
    assert not app.exception
    return app


@pytest.mark.parametrize(
    "page",
    [
        "app_pages/overview.py",
        "app_pages/places_map.py",
        "app_pages/timeline.py",
        "app_pages/actors.py",
        "app_pages/articles.py",
        "app_pages/data.py",
    ],
)
def test_no_page_hands_article_markup_to_the_browser(hostile_database, page) -> None:
    assert live_markup(open_page(page)) == []


def test_articles_page_shows_title_body_and_source_as_text(hostile_database) -> None:
    app = open_page("app_pages/articles.py")
    article = next(element.proto.body for element in app.get("html") if "fp-article" in element.proto.body)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert "Wire &lt;script&gt;" in next(caption.value for caption in app.caption if "hostile.txt" in caption.value)


def test_map_tooltips_are_text_so_names_show_as_written(hostile_database) -> None:
    app = open_page("app_pages/places_map.py")
    chart = app.get("deck_gl_json_chart")[0]
    # Text mode: deck.gl sets the tooltip as text, never parsing it as HTML.
    assert json.loads(chart.proto.tooltip) == {
        "text": "{tooltip}",
        "style": {"maxWidth": "360px", "whiteSpace": "pre-line"},
    }
    deck = json.loads(chart.proto.json)
    points = next(layer["data"] for layer in deck["layers"] if layer["id"] == "places")
    camp = next(point for point in points if "Victory" in point["place"])
    assert camp["place"] == "Camp &lt;b&gt;Victory&lt;/b&gt;"
    lines = camp["tooltip"].split("\n")
    assert lines[0] == f"{HOSTILE_PLACE} (site, IQ)"
    assert f"Actors: {HOSTILE_ACTOR}" in lines


def test_data_tables_hold_the_text_as_written(hostile_database) -> None:
    """The tables are drawn by a data grid that shows cell values as text, so the raw value is the right one."""
    app = open_page("app_pages/data.py")
    events = next(table.value for table in app.dataframe if "sentence" in table.value.columns)
    assert IMAGE in events["sentence"].iloc[0]
    assert events["location"].iloc[0] == HOSTILE_PLACE


def test_incident_tables_hold_the_text_as_written(hostile_database) -> None:
    app = open_page("app_pages/timeline.py")
    incidents = next(table.value for table in app.dataframe if "reports" in table.value.columns)
    assert incidents["location"].tolist() == [HOSTILE_PLACE]
    assert IMAGE in incidents["sentence"].iloc[0]
    app.selectbox(key="timeline_incident_choice").select_index(0).run()
    reports = next(table.value for table in app.dataframe if "merged because" in table.value.columns)
    assert reports["title"].tolist() == [TITLE]
    assert live_markup(app) == []


def test_upload_result_lists_the_title_escaped(database_url) -> None:
    app = open_page("app_pages/upload.py")
    hostile_file = f"{TITLE}\n\n{BODY}".encode()
    app.file_uploader(key="upload_files").set_value([("hostile.txt", hostile_file, "text/plain")]).run()
    app.button(key="upload_submit").click().run()
    assert not app.exception
    listed = next(element.value for element in app.markdown if "Strike near Erbil" in element.value)
    assert "&lt;img src=x onerror=alert(1)&gt;" in listed
    assert "\\[click\\](javascript\\:alert(2))" in listed
    assert live_markup(app) == []
