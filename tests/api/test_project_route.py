"""`GET /api/project` and the page's Project tab: the models of the project the service runs in,
the graph's edges, each model's last build status with the run that built it (the run view
answers for that run), 404 outside a project, 503 for a model file that does not read, the
token guard; and in Chromium, the tab draws the graph and a model opens its run."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from datamorph.api import ServiceSettings, create_app
from datamorph.project import load_project
from datamorph.project.build import build
from datamorph.project.results import write_build_files

from .helpers import assert_error
from .test_browser import CHROMIUM, CHROMIUM_FLAGS
from .test_serve_cli import free_port

STG_ORDERS = {"source_tables": ["orders"], "filters": ["status = 'completed'"],
              "columns": ["order_id", "customer_id", "amount"],
              "target_table": {"keys": ["order_id"]}, "tags": ["staging"]}  # fmt: skip
TOTALS = {"source_tables": [{"name": "stg_orders", "ref": True}], "group_by": ["customer_id"],
          "aggregations": [{"name": "total", "expr": "sum(amount)"}],
          "target_table": {"keys": ["customer_id"]}, "tags": ["marts"]}  # fmt: skip
TOP = {"source_tables": [{"name": "customer_totals", "ref": True}], "filters": ["total > 100"],
       "columns": ["customer_id", "total"], "target_table": {"keys": ["customer_id"]}}  # fmt: skip
PRODUCTS = {"source_tables": ["products"], "columns": ["product_id", "category"],
            "target_table": {"keys": ["product_id"]}}  # fmt: skip
EDGES = [
    {"upstream": "products", "downstream": "dim_products", "kind": "source"},
    {"upstream": "orders", "downstream": "stg_orders", "kind": "source"},
    {"upstream": "stg_orders", "downstream": "customer_totals", "kind": "model"},
    {"upstream": "customer_totals", "downstream": "top_customers", "kind": "model"},
]


@pytest.fixture
def shop(tmp_path: Path, retail_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project the service runs in: stg_orders -> customer_totals -> top_customers, and
    dim_products alone, over a copy of the retail database."""
    root = tmp_path / "shop"
    (root / "models" / "marts").mkdir(parents=True)
    shutil.copy(retail_db, root / "shop.duckdb")
    (root / "datamorph.toml").write_text('database = "shop.duckdb"\n[project]\nname = "shop"\n')
    for path, spec in (("stg_orders", STG_ORDERS), ("marts/customer_totals", TOTALS),
                       ("marts/top_customers", TOP), ("dim_products", PRODUCTS)):  # fmt: skip
        (root / "models" / f"{path}.json").write_text(json.dumps(spec))
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def project_client(
    make_client: Callable[..., TestClient], shop: Path, isolated_home: Path
) -> TestClient:
    return make_client(ServiceSettings(database=str(shop / "shop.duckdb"), home=isolated_home))


def test_outside_a_project_it_is_404_with_one_line(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    body = assert_error(client.get("/api/project"), 404, "NotFoundError")
    assert "does not run in a project" in body["message"] and "\n" not in body["message"]
    asked = client.get("/api/project", params={"optional": "true"})  # what the page asks
    assert asked.status_code == 204 and asked.content == b""


def test_the_models_and_edges_before_any_build(project_client: TestClient) -> None:
    response = project_client.get("/api/project")
    assert response.status_code == 200, response.text
    project = response.json()
    assert project["name"] == "shop" and project["last_build"] is None
    names = [m["name"] for m in project["models"]]
    assert (
        names.index("stg_orders") < names.index("customer_totals") < names.index("top_customers")
    )  # build order
    totals = next(m for m in project["models"] if m["name"] == "customer_totals")
    assert totals == {
        "name": "customer_totals", "description": "", "file": "models/marts/customer_totals.json",
        "materialization": "replace", "tags": ["marts"], "depends_on": ["stg_orders"],
        "sources": [], "depth": 2, "status": None, "message": None, "run_id": None,
        "rows": None, "completed_at": None,
    }  # fmt: skip
    assert project["sources"] == ["orders", "products"]
    assert sorted(project["edges"], key=str) == sorted(EDGES, key=str)


def test_each_model_s_last_build_links_to_its_run(shop: Path, project_client: TestClient) -> None:
    broken = {**PRODUCTS, "columns": ["no_such_column"]}
    (shop / "models" / "dim_products.json").write_text(json.dumps(broken))
    result = build(load_project())
    write_build_files(result, {})
    project = project_client.get("/api/project").json()
    by_name = {m["name"]: m for m in project["models"]}
    assert by_name["dim_products"]["status"] == "error"
    assert "no_such_column" in by_name["dim_products"]["message"]
    assert by_name["dim_products"]["run_id"] is None  # bad input: nothing ran
    for name in ("stg_orders", "customer_totals", "top_customers"):
        model = by_name[name]
        assert model["status"] == "success" and model["completed_at"], model
        run = project_client.get(f"/api/runs/{model['run_id']}")  # the page's run view
        assert run.status_code == 200, run.text
        assert run.json()["status"] == "completed" and run.json()["target_table"] == name
        assert run.json()["rows"] == model["rows"]
    assert project["last_build"]["invocation_id"]
    assert project["last_build"]["elapsed_time"] == pytest.approx(result.seconds)


def test_a_model_file_that_does_not_read_is_the_service_s_problem(
    shop: Path, project_client: TestClient
) -> None:
    (shop / "models" / "broken.yaml").write_text("source_tables: [orders\ncolumns: [a]\n")
    body = assert_error(project_client.get("/api/project"), 503, "ConfigurationError")
    assert "broken.yaml, line 2: not valid YAML" in body["message"]


def test_the_token_guards_it(
    make_client: Callable[..., TestClient], shop: Path, isolated_home: Path
) -> None:
    settings = ServiceSettings(database=str(shop / "shop.duckdb"), home=isolated_home,
                               token="s3cret-token-value")  # fmt: skip
    client = make_client(settings)
    assert_error(client.get("/api/project"), 401)
    allowed = client.get("/api/project", headers={"Authorization": "Bearer s3cret-token-value"})
    assert allowed.status_code == 200 and allowed.json()["name"] == "shop"


# ---- in Chromium -------------------------------------------------------------------------------


@pytest.fixture
def live_project(shop: Path, isolated_home: Path) -> Iterator[str]:
    """The real app served by uvicorn inside the project (the test's working directory)."""
    settings = ServiceSettings(database=str(shop / "shop.duckdb"), home=isolated_home)
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


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")
def test_the_project_tab_draws_the_graph_and_opens_a_model_s_run(
    shop: Path, live_project: str
) -> None:
    playwright_api = pytest.importorskip("playwright.sync_api")
    expect = playwright_api.expect
    result = build(load_project(), select=["+customer_totals"])
    write_build_files(result, {})
    run_id = next(r.run_id for r in result.results if r.name == "customer_totals")
    errors: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            page: Any = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(live_project)
            expect(page.locator("#project-link")).to_be_visible()
            page.click("#project-link")
            svg = page.locator("#project-svg")
            expect(svg.locator(".node")).to_have_count(6)  # 4 models, 2 sources
            expect(svg.locator("path.edge")).to_have_count(len(EDGES))
            expect(svg.locator('.node.model.success[data-node="customer_totals"]')).to_have_count(1)
            expect(svg.locator('.node.model.none[data-node="top_customers"]')).to_have_count(1)
            expect(svg.locator('.node.source[data-node="orders"]')).to_have_count(1)
            expect(page.locator("#project-table tbody tr")).to_have_count(4)
            svg.locator('[data-node="customer_totals"]').click()  # opens the run view
            expect(page.locator("#run-id")).to_have_text(str(run_id))
            expect(page.locator("#run-status")).to_have_text("completed")
        finally:
            browser.close()
    assert errors == []
