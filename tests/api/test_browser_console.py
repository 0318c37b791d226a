"""The page as a run console, in a real browser (Chromium driven by Playwright) against the real
app served by uvicorn: per-run URLs with back and forward, the timeline, the history's filters
and pages, re-run and cancel, the catalog feeding the request, the incidents, what each panel
says for every way a run can end, and a phone-sized screen where nothing overflows.

Runs that need a real pipeline are real (started over HTTP, as the page does); the records of
runs that ended in other ways (on another database, cancelled, interrupted...) are written to
the service's own run store the way the orchestrator writes them.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from datamorph.api import ServiceSettings, create_app
from datamorph.demo.showcase import build_demo_database
from datamorph.runs import RunStatus, RunStore
from datamorph.runs.incidents import NewEvent

from .helpers import SEED_PROMPT, TERMINAL
from .test_browser import CHROMIUM, CHROMIUM_FLAGS
from .test_serve_cli import free_port

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
Page = Any  # playwright's Page: imported lazily above, so typed loosely here

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
)
RUN_TIMEOUT_MS = 60_000
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def serve(tmp_path: Path, isolated_home: Path) -> Iterator[Callable[..., str]]:
    """Serve the real app on a fresh demo database (uvicorn in a thread); returns its URL."""
    database = tmp_path / "demo.duckdb"
    build_demo_database(database, orders=2_000, seed=5)
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(**options: Any) -> str:
        settings = ServiceSettings(
            database=str(database), home=isolated_home, poll_seconds=0.05, **options
        )
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        servers.append((server, thread))
        deadline = time.monotonic() + 20
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        opened = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield opened
        finally:
            opened.close()


def _page(browser: Any, errors: list[str], **options: Any) -> Page:
    page = browser.new_page(**options)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return page


def _start(url: str, target: str) -> str:
    body = {"user_prompt": SEED_PROMPT, "target_table": target}
    response = httpx.post(f"{url}/start", json=body, timeout=30)
    assert response.status_code == 202, response.text
    run_id: str = response.json()["run_id"]
    return run_id


def _wait(url: str, run_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while True:
        run: dict[str, Any] = httpx.get(f"{url}/api/runs/{run_id}", timeout=30).json()
        if run["status"] in TERMINAL:
            return run
        assert time.monotonic() < deadline, f"run {run_id} still {run['status']}"
        time.sleep(0.05)


def _ended(store: RunStore, status: RunStatus, steps: list[str], **record: Any) -> str:
    """A run recorded as the orchestrator records one that ended in `status`: each step
    started, the last one's trouble, then the final event."""
    run = store.create_run(engine="duckdb", claim=False, **record)
    for step in steps:
        store.add_event(run.run_id, step, f"{step} started", run_update={"status": step})
    message = {
        RunStatus.NEEDS_ATTENTION: "could not place 'astronauts'. Hint: name a column",
        RunStatus.FAILED: "Binder Error: column amt not found",
        RunStatus.CANCELLED: "a person cancelled the run before step generating",
        RunStatus.INTERRUPTED: "interrupted in step executing: its process is gone",
        RunStatus.COMPLETED: "published remote_sales (42 rows, replace)",
    }[status]
    level = "info" if status is RunStatus.COMPLETED else "error"
    store.add_event(run.run_id, steps[-1], message, level=level)
    update: dict[str, Any] = {"status": status, "message": message}
    if status is RunStatus.COMPLETED:
        update |= {"rows": 42, "validation_status": "pass"}
    store.add_event(run.run_id, str(status), f"run {status}", run_update=update)
    return run.run_id


def _seed(home: Path, database: str) -> dict[str, str]:
    """Runs that ended every other way, an incident with a decision, and older filler runs."""
    S = RunStatus
    here = {"database": database, "prompt": "late orders per week"}
    with RunStore(home) as store:
        for n in range(7):  # older runs: the history has more than one page
            _ended(store, S.FAILED, ["planning"], target_table=f"old_{n}", **here)
        ids = {
            "elsewhere": _ended(
                store, S.COMPLETED, ["planning", "checking", "generating", "executing"],
                database="/elsewhere/other.duckdb", prompt="sales per region",
                target_table="remote_sales",
            ),
            "needs_attention": _ended(
                store, S.NEEDS_ATTENTION, ["planning"],
                database=database, prompt="average salary of the astronauts",
            ),
            "failed": _ended(
                store, S.FAILED, ["planning", "checking", "generating", "executing"],
                target_table="weekly", **here,
            ),
            "cancelled": _ended(store, S.CANCELLED, ["planning", "checking"], **here),
            "interrupted": _ended(
                store, S.INTERRUPTED, ["planning", "checking", "generating", "executing"],
                **here,
            ),
        }  # fmt: skip
        store.save_artifact(ids["failed"], "code/attempt-1.sql", "SELECT amt FROM x", kind="code")
        log = store.incidents
        incident, _ = log.record_event(
            NewEvent(
                message="Binder Error: column amt not found",
                source="datamorph",
                template_id="tpl-amt",
                category="schema_drift",
                confidence=0.9,
                classification={"category": "schema_drift"},
                run_id=ids["failed"],
            )
        )
        decision = log.record_decision(
            incident, run_id=ids["failed"], category="schema_drift", confidence=0.9,
            strategy="remap_column", action="act", outcome="pending", seconds=0.25,
        )  # fmt: skip
        log.finish_decision(decision, "verified")
    return ids


def _open(page: Page, url: str, run_id: str) -> None:
    page.goto(f"{url}/#/runs/{run_id}")
    expect(page.locator("#run-id")).to_have_text(run_id)


def test_the_run_console(
    serve: Callable[..., str], browser: Any, isolated_home: Path, tmp_path: Path
) -> None:
    url = serve()
    first = _wait(url, _start(url, "by_customer"))
    second = _wait(url, _start(url, "top_customers"))
    ids = _seed(isolated_home, first["database"])
    errors: list[str] = []
    page = _page(browser, errors, viewport={"width": 1280, "height": 900})
    page.goto(url)

    # ---- history: newest first, a database column, pages of ten, filters on the server
    rows = page.locator("#runs-table tbody tr")
    expect(rows).to_have_count(10)
    expect(page.locator("#page-info")).to_have_text("runs 1–10")
    expect(rows.first).to_contain_text("interrupted")
    expect(page.locator("#runs-table thead")).to_contain_text("database")
    expect(page.locator("#runs-table")).to_contain_text("other.duckdb")
    page.click("#next-page")
    expect(rows).to_have_count(4)
    expect(page.locator("#page-info")).to_have_text("runs 11–14 (the last)")
    expect(page.locator("#next-page")).to_be_disabled()
    page.click("#prev-page")
    expect(rows).to_have_count(10)
    page.select_option("#filter-status", "completed")
    expect(rows).to_have_count(3)
    page.fill("#filter-database", "OTHER")
    page.click("#filter-button")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("remote_sales")
    page.select_option("#filter-status", "")
    page.fill("#filter-database", "")
    page.fill("#filter-text", "astronauts")
    page.click("#filter-button")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("needs attention")
    page.fill("#filter-text", "")
    page.fill("#filter-target", "top_cust")
    page.click("#filter-button")
    expect(rows).to_have_count(1)

    # ---- a run's own URL; back and forward walk the runs opened
    rows.first.click()
    expect(page).to_have_url(re.compile(f"#/runs/{second['run_id']}$"))
    expect(page.locator("#run-id")).to_have_text(second["run_id"])
    expect(page.locator("#run-status")).to_have_text("completed")
    page.fill("#filter-target", "by_customer")
    page.click("#filter-button")
    page.locator(f"#runs-table tr[data-run='{first['run_id']}']").click()
    expect(page.locator("#run-id")).to_have_text(first["run_id"])
    page.go_back()
    expect(page.locator("#run-id")).to_have_text(second["run_id"])
    page.go_forward()
    expect(page.locator("#run-id")).to_have_text(first["run_id"])
    expect(page).to_have_title(f"DataMorph · run {first['run_id']}")

    # ---- the timeline: each step with its duration, as a bar on one axis
    spans = page.locator("#timeline-spans li")
    expect(spans).to_have_count(6)
    for n, step in enumerate(["planning", "checking", "generating", "executing", "validating"]):
        expect(spans.nth(n)).to_contain_text(step)
        expect(spans.nth(n).locator(".span-time")).to_have_text(re.compile(r"^\d+(\.\d+)? m?s$"))
    placed = spans.locator(".bar").evaluate_all(
        "bars => bars.map((b) => [parseFloat(b.style.marginLeft), parseFloat(b.style.width)])"
    )  # each bar starts where its step started and is as long as it lasted, on one axis
    assert all(width > 0 and left + width <= 100.5 for left, width in placed), placed
    assert [left for left, _ in placed] == sorted(left for left, _ in placed)

    # ---- a shared link opens the run in a fresh page
    shared = _page(browser, errors)
    _open(shared, url, first["run_id"])
    expect(shared.locator("#preview-table tbody tr").first).to_be_visible()
    shared.close()

    # ---- run again: a new run of the same spec, at its own URL
    page.click("#rerun-button")
    expect(page).not_to_have_url(re.compile(f"#/runs/{first['run_id']}$"))
    expect(page.locator("#run-status")).to_have_text("completed", timeout=RUN_TIMEOUT_MS)
    rerun_id = page.locator("#run-id").inner_text()
    assert rerun_id != first["run_id"]
    expect(page.locator("#run-where")).to_contain_text("by_customer")
    expect(page.locator(f"#runs-table tr[data-run='{rerun_id}']")).to_have_count(1)

    # ---- the catalog: names go into the request where the cursor is
    page.fill("#prompt", "count of")
    orders = page.locator("details.catalog-table[data-table='orders']")
    orders.locator("summary button.name").click()
    expect(page.locator("#prompt")).to_have_value("count of orders")
    orders.locator("summary .meta").click()  # opens the table's columns
    status = orders.locator("button.column", has_text=re.compile("^status$"))
    expect(status).to_be_visible()
    page.locator("#prompt").press("End")
    page.keyboard.type(" by")
    status.click()
    expect(page.locator("#prompt")).to_have_value("count of orders by status")
    page.check("#catalog-profile")
    expect(orders.locator(".profile").first).to_contain_text("distinct")

    # ---- the incidents and the monitor's decisions
    incidents = page.locator("#incidents-table tbody tr")
    expect(incidents).to_have_count(1)
    expect(incidents.first).to_contain_text("schema_drift (90%)")
    expect(incidents.first).to_contain_text("act remap_column → verified in 250 ms")

    # ---- every way a run can end says what happened, never "not yet"
    _open(page, url, ids["elsewhere"])
    expect(page.locator("#preview")).to_contain_text("was published in /elsewhere/other.duckdb")
    expect(page.locator("#healing")).to_contain_text("No healing needed")
    _open(page, url, ids["needs_attention"])
    expect(page.locator("#code")).to_have_text(
        "Stopped before code was generated in step planning."
    )
    expect(page.locator("#healing")).to_contain_text(
        "Healing was not attempted because the run needs a person's decision"
    )
    expect(page.locator("#preview")).to_contain_text("Nothing was published")
    expect(page.locator("#healing")).not_to_contain_text("No healing needed")
    _open(page, url, ids["failed"])
    expect(page.locator("#code pre")).to_contain_text("SELECT amt")
    expect(page.locator("#healing")).to_contain_text(
        "Healing was not attempted: the run failed in step executing"
    )
    expect(page.locator("#checks")).to_contain_text("No checks: the run failed in step executing")
    expect(page.locator("#timeline-spans li.failed")).to_have_count(1)
    _open(page, url, ids["cancelled"])
    expect(page.locator("#code")).to_contain_text("Cancelled before code was generated")
    expect(page.locator("#healing")).to_contain_text("because the run was cancelled")
    _open(page, url, ids["interrupted"])
    expect(page.locator("#preview")).to_contain_text("resume it to continue")
    expect(page.locator("#resume-button")).to_be_visible()
    expect(page.locator("#cancel-button")).to_be_hidden()
    page.close()
    assert errors == []


def test_cancel_a_waiting_run_and_a_phone_layout(
    serve: Callable[..., str], browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one worker, held for a moment in its publishing step: the second run surely waits
    monkeypatch.setenv("DATAMORPH_PAUSE_AT", "after_staging")
    monkeypatch.setenv("DATAMORPH_PAUSE_SECONDS", "3")
    url = serve(workers=1)
    busy = _start(url, "first_table")
    waiting = _start(url, "second_table")
    errors: list[str] = []
    page = _page(browser, errors, viewport=PHONE)
    _open(page, url, waiting)
    expect(page.locator("#run-status")).to_have_text("queued")
    expect(page.locator("#code")).to_have_text("Waiting for a free worker.")
    expect(page.locator("#rerun-button")).to_be_hidden()
    page.click("#cancel-button")
    expect(page.locator("#run-status")).to_have_text("cancelled")
    expect(page.locator("#cancel-button")).to_be_hidden()
    expect(page.locator("#code")).to_contain_text("Cancelled before code was generated")
    expect(page.locator("#preview")).to_contain_text("Nothing was published")
    _assert_fits(page)

    # the running run goes on; on a phone its page and the history fit the screen
    _open(page, url, busy)
    expect(page.locator("#run-status")).to_have_text("completed", timeout=RUN_TIMEOUT_MS)
    expect(page.locator("#preview-table tbody tr").first).to_be_visible()
    runs = page.locator("#runs-table tbody tr")
    expect(runs).to_have_count(2)
    # retried: the history re-renders while the run ends, and a row read mid-render has no style
    expect(runs.first).to_have_css("display", "block")
    expect(page.locator("#runs-table thead")).to_be_hidden()
    _assert_fits(page)
    page.close()
    assert errors == []


def _assert_fits(page: Page) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    wide = page.evaluate(WIDEST) if width[0] > width[1] else []
    assert width[0] <= width[1], f"the page is {width[0]} px wide on a {width[1]} px screen: {wide}"


# elements whose content spills out of them (a table scrolling in its own box does not)
WIDEST = """() => [...document.querySelectorAll('main *')]
  .filter((e) => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'visible')
  .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`)"""
