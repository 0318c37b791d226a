"""The page's metrics panel in headless Chromium: the figures of the store, and a new window
chosen from the list is fetched and shown. (The live server is test_browser.py's fixture.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from datamorph.runs import RunStatus, RunStore

from .test_browser import CHROMIUM, CHROMIUM_FLAGS, live_url, playwright_api, pytestmark

__all__ = ["live_url", "pytestmark"]  # the fixture and the skip without Chromium, reused


def test_the_panel_shows_the_metrics_of_the_chosen_window(
    live_url: str, isolated_home: Path
) -> None:
    now = datetime.now(UTC)
    for days_ago, iterations in ((0, 0), (0, 2), (3, 0)):
        with RunStore(isolated_home, clock=lambda d=days_ago: now - timedelta(days=d)) as store:
            run = store.create_run(engine="duckdb", database="x.duckdb")
            store.add_event(run.run_id, "executing", "executing finished", metadata={"seconds": 2})
            store.update_run(run.run_id, status=RunStatus.COMPLETED, iterations=iterations)
    expect = playwright_api.expect
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(live_url)
            figures = page.locator("#metrics-figures")
            expect(figures).to_contain_text("2 (2 finished)")  # the last 24 hours
            expect(figures).to_contain_text("1 · 50.0%")
            expect(page.locator("#metrics-durations")).to_contain_text("2.000 s")
            page.select_option("#metrics-window", "7d")
            expect(figures).to_contain_text("3 (3 finished)")
            expect(page.locator("#metrics-status meter")).to_have_count(1)
        finally:
            browser.close()
    assert errors == []
