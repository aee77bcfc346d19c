"""A real browser corrects a place on the Articles page (choose another candidate, confirm, see the effect) and
undoes it on the Audit page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flashpoint.ingest import ingest_files
from flashpoint.pipeline import Pipeline
from flashpoint.settings import Settings
from flashpoint.store import Store
from tests.app.test_review_pages import TRIPOLI
from tests.e2e.test_dashboard import PAGE_TIMEOUT_MS, assert_no_exception, open_page_from_sidebar, wait_for_idle

pytestmark = pytest.mark.e2e


def store_tripoli(database_path: Path) -> None:
    """The Tripoli report, ingested by the real pipeline into the database the server uses."""
    store = Store(f"sqlite:///{database_path}")
    store.create_schema()
    report = ingest_files([("tripoli.txt", TRIPOLI.encode())], store, Pipeline.load(Settings.from_env(os.environ)))
    store.dispose()
    assert [result.status for result in report.results] == ["saved"]


def test_an_editor_chooses_another_place_then_undoes_it(app_server, chromium, artifacts, tmp_path) -> None:
    store_tripoli(tmp_path / "e2e.db")
    page = chromium.new_context(viewport={"width": 1400, "height": 1600}).new_page()
    page.goto(f"{app_server}/articles")
    wait_for_idle(page)
    page.get_by_text("Review and correct").wait_for(timeout=PAGE_TIMEOUT_MS)
    # The machine read Tripoli as the Libyan capital; the best other candidate offered is the Lebanese city.
    page.get_by_role("button", name="Use this place").click()
    page.get_by_text("Confirm this correction?").wait_for(timeout=PAGE_TIMEOUT_MS)
    page.get_by_role("button", name="Confirm").click()
    applied = page.locator("[data-testid='stAlertContentSuccess']")
    applied.wait_for(timeout=PAGE_TIMEOUT_MS)
    wait_for_idle(page)
    assert "Correction #1 applied" in applied.inner_text()
    assert "Tripoli (LY)" in page.locator("li").filter(has_text="place removed").inner_text()
    assert "Tripoli (LB)" in page.locator("li").filter(has_text="place added").inner_text()
    page.screenshot(path=str(artifacts / "review-applied.png"), full_page=True)
    assert_no_exception(page)

    open_page_from_sidebar(page, "Audit")
    # The log itself is a canvas-drawn grid; its caption and the Undo button say what it holds.
    page.get_by_text("1 correction, 1 in force").wait_for(timeout=PAGE_TIMEOUT_MS)
    page.get_by_role("button", name="Undo #1: place: other candidate · name Tripoli").click()
    page.get_by_text("The machine's value is back").wait_for(timeout=PAGE_TIMEOUT_MS)
    wait_for_idle(page)
    assert page.get_by_role("button", name="Undo #1: place: other candidate · name Tripoli").count() == 0
    assert page.get_by_text("1 correction, 0 in force").count() == 1
    assert_no_exception(page)
