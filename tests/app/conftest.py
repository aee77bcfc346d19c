"""Fixtures for AppTest: the app on a fresh temporary database, empty or holding two known reports."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from flashpoint.model import Extraction
from flashpoint.store import Store
from flashpoint.store_incidents import refresh_incidents

ROOT = Path(__file__).resolve().parents[2]
APP_PATH = str(ROOT / "app.py")
# The first run imports pandas, plotly and pydeck and builds the schema; ingest also loads the pipeline.
RUN_TIMEOUT_SECONDS = 60

IRAQ_REPORT = (
    "Kataib Hezbollah claimed three drone attacks on bases in Erbil on Monday. "
    "Five service members were injured in the attacks, officials said. "
    "Iran backs Kataib Hezbollah, a Pentagon spokesman said."
)
RED_SEA_REPORT = (
    "The Houthis fired two missiles at a tanker in the Red Sea on Tuesday. "
    "Two crew members were injured. Iran supports the Houthis, officials said."
)


@pytest.fixture(autouse=True)
def keep_the_main_module() -> Iterator[None]:
    """AppTest runs the app as `__main__` and leaves it there; spawned worker processes started by later tests
    would import the app again. Put the real main module back after each app test."""
    main_module = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main_module


def iraq_extraction(build_extraction: Any) -> Extraction:
    return build_extraction(
        IRAQ_REPORT,
        title="Drone attacks on bases in Erbil",
        published=date(2023, 10, 23),
        filename="iraq.txt",
        places=[("Erbil", "city", "IQ", 36.19, 44.01)],
        actors=[("Kataib Hezbollah", "armed_group"), ("Iran", "state")],
        links=[("Iran", "Kataib Hezbollah", "supports")],
        figures=[("attacks", 3, "three drone attacks"), ("injured", 5, "Five service members")],
        events=[
            {
                "type": "attack",
                "date": date(2023, 10, 23),
                "location": "Erbil",
                "country_code": "IQ",
                "lat": 36.19,
                "lon": 44.01,
                "actors": ("Kataib Hezbollah",),
                "targets": ("United States",),
                "count": 3,
                "injured": 5,
                "evidence": "three drone attacks",
            }
        ],
    )


def red_sea_extraction(build_extraction: Any) -> Extraction:
    return build_extraction(
        RED_SEA_REPORT,
        title="Houthis fire missiles at tanker in the Red Sea",
        published=date(2024, 1, 16),
        filename="red-sea.txt",
        places=[("Red Sea", "water", None, 20.0, 38.0)],
        actors=[("Houthis", "armed_group"), ("Iran", "state")],
        links=[("Iran", "Houthis", "supports")],
        figures=[("injured", 2, "Two crew members")],
        events=[
            {
                "type": "attack",
                "date": date(2024, 1, 16),
                "location": "Red Sea",
                "lat": 20.0,
                "lon": 38.0,
                "actors": ("Houthis",),
                "count": 1,
                "injured": 2,
                "evidence": "fired two missiles",
            }
        ],
    )


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite database in a temporary folder, made the app's database through DATABASE_URL."""
    url = f"sqlite:///{tmp_path / 'app-test.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def seeded_database(database_url: str, build_extraction: Any) -> Iterator[str]:
    """The temporary database holding the Iraq (October 2023) and Red Sea (January 2024) reports, each its own
    incident (merged as ingest would)."""
    store = Store(database_url)
    store.create_schema()
    saved = [
        store.save(extraction)
        for extraction in (iraq_extraction(build_extraction), red_sea_extraction(build_extraction))
    ]
    refresh_incidents(store, [result.article_id for result in saved])
    store.dispose()
    yield database_url


@pytest.fixture
def open_page() -> Callable[..., AppTest]:
    """Run the app, switch to a page and return the AppTest, ready for assertions."""

    def open_at(page: str = "app_pages/overview.py", query: dict[str, str | list[str]] | None = None) -> AppTest:
        app = AppTest.from_file(APP_PATH, default_timeout=RUN_TIMEOUT_SECONDS)
        if query:
            app.query_params.update(query)
        app.run()
        if page != "app_pages/overview.py":
            app.switch_page(page).run()
        return app

    return open_at
