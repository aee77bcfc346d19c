"""A real browser uploads an article, filters by an actor, and sees the map and the actor charts drawn."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "2023-10-25-us-weighs-response-iraq-syria.txt"
# Named in the sample as the sponsor of the groups behind the attacks, so it has links to draw.
ACTOR = "Iran"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Loading the gazetteer and extracting the first article happens inside one click; give it room.
INGEST_TIMEOUT_MS = 120_000
PAGE_TIMEOUT_MS = 30_000


def wait_for_idle(page) -> None:
    page.wait_for_selector(IDLE, timeout=PAGE_TIMEOUT_MS)


def open_page_from_sidebar(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text=title).first.click()
    page.wait_for_selector(f"h1:has-text('{title}')", timeout=PAGE_TIMEOUT_MS)
    wait_for_idle(page)


def assert_no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0


def test_upload_filter_and_explore_in_a_real_browser(app_server, chromium, artifacts) -> None:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    outside_requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside_requests.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", None) and not request.url.startswith("data:")
            else None
        ),
    )

    page.goto(app_server, timeout=PAGE_TIMEOUT_MS)
    wait_for_idle(page)
    page.get_by_role("button", name="Load the sample articles").wait_for(timeout=PAGE_TIMEOUT_MS)

    open_page_from_sidebar(page, "Upload")
    page.set_input_files("[data-testid='stFileUploaderDropzoneInput']", str(SAMPLE))
    page.wait_for_selector("[data-testid='stFileChip']", timeout=PAGE_TIMEOUT_MS)
    submit = page.get_by_role("button", name="Extract and store")
    submit.and_(page.locator(":enabled")).wait_for(timeout=PAGE_TIMEOUT_MS)
    submit.click()
    page.get_by_text("1 file: 1 saved").wait_for(timeout=INGEST_TIMEOUT_MS)
    wait_for_idle(page)
    page.screenshot(path=str(artifacts / "upload.png"), full_page=True)
    assert_no_exception(page)

    open_page_from_sidebar(page, "Overview")
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(
        "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg", timeout=PAGE_TIMEOUT_MS
    )
    assert page.locator("[data-testid='stMetric']").filter(has_text="Articles").inner_text().endswith("1")
    page.screenshot(path=str(artifacts / "overview.png"), full_page=True)
    assert_no_exception(page)

    actors = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    actors.click()
    page.keyboard.type(ACTOR)
    page.locator("[role='option']").filter(has_text=re.compile(f"^{ACTOR}$")).first.click()
    page.keyboard.press("Escape")
    page.wait_for_url("**actor=**", timeout=PAGE_TIMEOUT_MS)
    wait_for_idle(page)
    assert ACTOR in page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.inner_text()

    open_page_from_sidebar(page, "Map")
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=PAGE_TIMEOUT_MS)
    assert "actor=" in page.url
    page.screenshot(path=str(artifacts / "map.png"), full_page=True)
    assert_no_exception(page)
    shared_link = page.url

    # Someone else opening the copied link sees the same page with the same filter.
    other_context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    other = other_context.new_page()
    other.goto(shared_link, timeout=PAGE_TIMEOUT_MS)
    other.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=PAGE_TIMEOUT_MS)
    wait_for_idle(other)
    assert other.locator("h1").first.inner_text() == "Map"
    assert f"actors: {ACTOR}" in other.locator("[data-testid='stCaptionContainer']").first.inner_text()
    other_context.close()

    open_page_from_sidebar(page, "Actors")
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=PAGE_TIMEOUT_MS)
    page.screenshot(path=str(artifacts / "actors.png"), full_page=True)
    assert_no_exception(page)

    assert outside_requests == [], f"the app reached outside this machine: {outside_requests[:5]}"
    context.close()
