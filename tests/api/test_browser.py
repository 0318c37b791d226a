"""The web page in a real browser: headless Chromium (Debian's package) driven by Playwright.

The real app is served by uvicorn on a free loopback port against a fresh demo database. The
test types the seed request, reads the plan, confirms it, and waits for the run to complete:
the steps, the checks table and the result preview must be on the page. The screenshot is kept
as a test artifact and as `docs/screenshots/web-page.png`, the one the README shows.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from datamorph.api import ServiceSettings, create_app
from datamorph.demo.showcase import build_demo_database

from .helpers import SEED_PROMPT
from .test_serve_cli import free_port

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (CI runs as root), and nothing that would reach the network on its own.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "web-page.png"
PLAN_TIMEOUT_MS = 30_000
RUN_TIMEOUT_MS = 60_000

# A few seconds: not in the slow tier. Without Chromium it is skipped and says why.
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium is not installed at /usr/bin/chromium (.ci/run installs Debian's "
    "chromium package; locally: apt-get install chromium)",
)


@pytest.fixture
def live_url(tmp_path: Path, isolated_home: Path) -> Iterator[str]:
    """The real app served by uvicorn in a background thread, on a fresh demo database."""
    database = tmp_path / "demo.duckdb"
    build_demo_database(database)
    settings = ServiceSettings(database=str(database), home=isolated_home, poll_seconds=0.1)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def test_a_person_plans_confirms_and_watches_the_seed_request(
    live_url: str, tmp_path: Path
) -> None:
    expect = playwright_api.expect
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        script_errors: list[str] = []  # exceptions in the page's script, at any time
        console_errors: list[str] = []  # also failed requests, which the error case makes
        page.on("pageerror", lambda error: script_errors.append(str(error)))
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        try:
            page.goto(live_url)
            page.fill("#prompt", SEED_PROMPT)
            page.click("#plan-button")

            # The plan in plain English, before anything runs.
            # the service's first plan loads the planner and WordNet: seconds on a busy machine
            expect(page.locator("#plan")).to_be_visible(timeout=PLAN_TIMEOUT_MS)
            expect(page.locator("#plan-steps")).to_contain_text("keep groups where total_amount")
            page.click("#confirm-button")

            expect(page.locator("#run-status")).to_have_text("completed", timeout=RUN_TIMEOUT_MS)
            expect(page.locator("#preview-table tbody tr")).to_have_count(20)
            steps = page.locator("#steps li")
            expect(steps.last).to_contain_text("run completed")
            assert steps.count() >= 10
            for step in ("planning", "checking", "executing", "validating", "publishing"):
                expect(page.locator("#steps")).to_contain_text(step)
            checks = page.locator("#checks-table tbody tr")
            expect(checks.first).to_be_visible()
            assert checks.count() >= 5
            expect(page.locator("#checks-table")).to_contain_text("pass")
            expect(page.locator("#preview-table thead")).to_contain_text("customer_id")
            expect(page.locator("#code pre").first).to_contain_text("SELECT")
            expect(page.locator("#runs-table tbody tr")).to_have_count(1)
            expect(page.locator("#runs-table")).to_contain_text("completed")

            artifact = tmp_path / "web-page.png"
            page.screenshot(path=str(artifact), full_page=True)
            assert console_errors == []

            # A request the planner cannot read: it says which words, and nothing runs.
            page.fill("#prompt", "average salary of the astronauts")
            page.click("#plan-button")
            expect(page.locator("#error")).to_contain_text("could not place")
            expect(page.locator("#plan")).to_be_hidden()
            expect(page.locator("#runs-table tbody tr")).to_have_count(1)
        finally:
            browser.close()
    assert script_errors == []
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(artifact, SCREENSHOT)
