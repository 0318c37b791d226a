"""The original Flask API's endpoints, through the real ASGI app on the seeded retail database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from datamorph.api import ServiceSettings

from .helpers import SEED_PROMPT, assert_error, start, wait_for


def test_start_answers_202_at_once_and_the_run_completes_in_the_background(
    client: TestClient,
) -> None:
    response = client.post("/start", json={"user_prompt": SEED_PROMPT})

    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"run_id", "status"} and body["status"] == "queued"
    run = wait_for(client, body["run_id"])
    assert run["status"] == "completed"
    assert run["validation_status"] == "pass" and run["rows"] > 0


def test_logs_are_the_runs_events_in_order(client: TestClient) -> None:
    run_id = start(client)
    wait_for(client, run_id)

    logs = client.get(f"/get/logs/{run_id}").json()

    assert logs["run_id"] == run_id and logs["status"] == "completed"
    seqs = [event["seq"] for event in logs["events"]]
    assert seqs == list(range(1, len(seqs) + 1))
    steps = [event["step"] for event in logs["events"]]
    assert steps[0] == "planning" and steps[-1] == "completed"
    for step in ("checking", "generating", "executing", "validating", "publishing"):
        assert step in steps
    # A unique prefix of the id is enough, as on the command line.
    assert client.get(f"/get/logs/{run_id[:-2]}").json()["run_id"] == run_id


def test_source_tables_limit_what_the_planner_may_read(client: TestClient) -> None:
    scoped = start(client, source_tables=["customers", "orders"], target_table="scoped")
    elsewhere = start(client, source_tables=["products"], target_table="elsewhere")

    run = wait_for(client, scoped)
    assert run["status"] == "completed" and run["target_table"] == "scoped"
    assert {t["name"] for t in run["spec"]["source_tables"]} == {"customers", "orders"}
    # Orders and customers are out of its sight: the planner says so instead of guessing.
    assert wait_for(client, elsewhere)["status"] == "needs_attention"


def test_an_unknown_source_table_is_404_before_anything_runs(client: TestClient) -> None:
    response = client.post("/start", json={"user_prompt": SEED_PROMPT, "source_tables": ["ordrs"]})

    body = assert_error(response, 404, "NotFoundError")
    assert "did you mean 'orders'" in body["message"]
    assert client.get("/api/runs").json()["runs"] == []


def test_start_runs_exactly_the_confirmed_spec(client: TestClient) -> None:
    planned = client.post("/api/plan", json={"user_prompt": SEED_PROMPT}).json()

    run_id = start(client, spec=planned["spec"], target_table="confirmed")

    run = wait_for(client, run_id)
    assert run["status"] == "completed" and run["target_table"] == "confirmed"
    expected = planned["spec"] | {"target_table": planned["spec"]["target_table"]}
    expected["target_table"] = {**expected["target_table"], "name": "confirmed"}
    assert run["spec"] == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("filters", ["o.status = 'open"]),  # unclosed quotes and stray characters are found
        ("filters", ["$"]),  # by sqlglot's tokenizer, before any parsing
        ("group_by", ['"']),
        ("transformations", [{"name": "x", "expr": "$$"}]),
        ("order_by", [{"expr": "'"}]),
        ("having", ["sum("]),
        ("filters", ["1; DROP TABLE orders"]),
    ],
)
def test_a_spec_with_broken_sql_is_400_naming_the_field(
    client: TestClient, field: str, value: list
) -> None:
    spec = client.post("/api/plan", json={"user_prompt": SEED_PROMPT}).json()["spec"]
    spec[field] = value

    response = client.post("/start", json={"user_prompt": SEED_PROMPT, "spec": spec})

    body = assert_error(response, 400, "SpecError")
    assert body["message"].startswith(f"{field}[0]")


def test_a_confirmed_spec_that_does_not_check_is_400(client: TestClient) -> None:
    spec = client.post("/api/plan", json={"user_prompt": SEED_PROMPT}).json()["spec"]
    spec["filters"] = ["o.stauts = 'completed'"]

    body = assert_error(
        client.post("/start", json={"user_prompt": SEED_PROMPT, "spec": spec}), 400, "SpecError"
    )
    assert "status" in body["message"]  # the did-you-mean


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"user_prompt": ""},
        {"user_prompt": 42},
        {"user_prompt": SEED_PROMPT, "target_table": "bad name; drop"},
        {"user_prompt": SEED_PROMPT, "target_table": "_dm_stage_x"},
        {"user_prompt": SEED_PROMPT, "source_tables": "orders"},
        {"user_prompt": SEED_PROMPT, "spec": {"version": 1}},
    ],
)
def test_bad_start_bodies_are_4xx_with_the_reason(client: TestClient, body: dict) -> None:
    response = client.post("/start", json=body)

    assert 400 <= response.status_code < 500
    assert_error(response, response.status_code)


def test_schemas_of_named_tables(client: TestClient) -> None:
    response = client.post("/get/schemas", json={"table_names": ["orders", "customers"]})

    assert response.status_code == 200
    schemas = response.json()["schemas"]
    assert set(schemas) == {"orders", "customers"}
    orders = schemas["orders"]
    assert orders["row_count"] == 2_000 and orders["primary_key"] == ["order_id"]
    columns = {c["name"]: c["type"] for c in orders["columns"]}
    assert columns["amount"].startswith("DECIMAL") and columns["order_id"] == "INTEGER"


def test_schemas_of_an_unknown_table_is_404(client: TestClient) -> None:
    response = client.post("/get/schemas", json={"table_names": ["orders", "custmers"]})

    body = assert_error(response, 404, "NotFoundError")
    assert "did you mean 'customers'" in body["message"]
    assert_error(client.post("/get/schemas", json={"table_names": []}), 422, "ValidationError")


def test_data_returns_the_first_rows_as_json(client: TestClient) -> None:
    response = client.post("/get/data", json={"table_names": ["orders"], "limit": 3})

    rows = response.json()["data"]["orders"]
    assert len(rows) == 3
    assert isinstance(rows[0]["amount"], float) and isinstance(rows[0]["order_date"], str)
    assert len(client.post("/get/data", json={"table_names": ["products"]}).json()["data"]) == 1
    assert_error(client.post("/get/data", json={"table_names": ["x"]}), 404, "NotFoundError")
    assert_error(client.post("/get/data", json={"table_names": ["orders"], "limit": 10**6}), 422)


def test_a_select_returns_columns_types_and_rows(client: TestClient) -> None:
    response = client.post(
        "/execute/query",
        json={"query": "SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY n DESC"},
    )

    body = response.json()
    assert response.status_code == 200
    assert body["columns"] == ["status", "n"] and body["types"][1] == "BIGINT"
    assert sum(row[1] for row in body["rows"]) == 2_000 and body["truncated"] is False


def test_values_json_cannot_hold_are_sent_as_text(client: TestClient) -> None:
    query = "SELECT 'nan'::DOUBLE AS x, 'inf'::DOUBLE AS y, uuid() AS u, [1, 2] AS l, {'a': 1} AS s"

    row = client.post("/execute/query", json={"query": query}).json()["rows"][0]

    assert row[0] == "nan" and row[1] == "inf" and len(row[2]) == 36
    assert row[3] == [1, 2] and row[4] == {"a": 1}


def test_a_large_answer_is_cut_and_says_so(
    make_client: Callable[..., TestClient], settings: ServiceSettings
) -> None:
    client = make_client(settings.model_copy(update={"max_query_rows": 5}))

    body = client.post("/execute/query", json={"query": "SELECT * FROM orders"}).json()

    assert body["row_count"] == 5 and len(body["rows"]) == 5 and body["truncated"] is True


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("SELECT 1; DROP TABLE orders", "expected one statement, found 2"),
        ("WITH o AS (SELECT 1) DELETE FROM orders", "only SELECT is allowed"),
        ("DROP TABLE orders", "only SELECT is allowed, not DROP"),
        ("DELETE FROM orders", "only SELECT is allowed, not DELETE"),
        ("UPDATE orders SET amount = 0", "only SELECT is allowed, not UPDATE"),
        ("INSERT INTO orders SELECT * FROM orders", "only SELECT is allowed, not INSERT"),
        ("CREATE TABLE t AS SELECT 1", "only SELECT is allowed, not CREATE"),
        ("SELECT * INTO copy FROM orders", "only SELECT is allowed, not SELECT ... INTO"),
        ("SELECT * FROM read_text('/etc/passwd')", "table functions are not allowed"),
        ("SELECT * FROM 'orders.csv'", "unknown table 'orders.csv'"),
        ("COPY orders TO 'out.csv'", "only SELECT is allowed"),
        ("ATTACH 'other.duckdb'", "only SELECT is allowed"),
        ("PRAGMA version", "only SELECT is allowed"),
        ("SELEC 1", "the query does not parse"),
        ("$", "the query does not parse"),
        ("SELECT 'unclosed", "the query does not parse"),
        ("", None),
    ],
)
def test_anything_but_one_select_is_400_and_changes_nothing(
    client: TestClient, retail_db: Path, query: str, reason: str | None
) -> None:
    response = client.post("/execute/query", json={"query": query})

    body = assert_error(response, response.status_code)
    if reason is None:
        assert response.status_code == 422  # an empty query does not reach the parser
    else:
        expected = 404 if reason.startswith("unknown table") else 400
        assert response.status_code == expected and reason in body["message"], body
    with duckdb.connect(str(retail_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM orders").fetchone() == (2_000,)
        tables = con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    names = {name for (name,) in tables}
    assert not {"t", "copy"} & names


def test_a_query_on_an_unknown_column_is_400_with_the_engines_reason(client: TestClient) -> None:
    response = client.post("/execute/query", json={"query": "SELECT amout FROM orders"})

    body = assert_error(response, 400, "EngineError")
    assert "amout" in body["message"]


def test_logs_of_an_unknown_run_is_404(client: TestClient) -> None:
    assert_error(client.get("/get/logs/20990101-000000-abcdef"), 404, "NotFoundError")


def test_health_reports_the_store_the_engine_and_the_workers(client: TestClient) -> None:
    body = client.get("/health").json()

    assert body["status"] == "ok" and body["store"]["ok"] and body["engine"]["ok"]
    assert body["workers"] == {"workers": 2, "running": 0, "queued": 0}
    assert body["auth"] is False


def test_health_is_503_when_the_database_is_gone(
    make_client: Callable[..., TestClient], settings: ServiceSettings, tmp_path: Path
) -> None:
    client = make_client(settings.model_copy(update={"database": str(tmp_path / "gone.duckdb")}))

    response = client.get("/health")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded" and body["store"]["ok"] and not body["engine"]["ok"]
    assert "not found" in body["engine"]["detail"]
    # Reads of a database that is not there are the service's problem, not the client's.
    assert_error(client.post("/get/schemas", json={"table_names": ["orders"]}), 503)
