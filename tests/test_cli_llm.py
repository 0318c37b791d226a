"""`datamorph run "PROMPT" --llm provider:model` end to end through the CLI: the model (a local
server speaking the OpenAI protocol) plans, the run completes, usage lands on the run, and
--no-samples keeps data rows out of the prompt."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from datamorph.cli import main
from datamorph.demo.showcase import demo_spec
from datamorph.runs import RunStore
from llm_servers import OpenAIServer, data

PROMPT = "total completed order amount per customer, customers above 1000"


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer() as running:
        yield running


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["datamorph", *args])
    try:
        main()
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    return code, capsys.readouterr().out


def test_llm_planned_run_completes_and_records_usage(
    server: OpenAIServer,
    retail_db: Path,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", f"{server.url}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    server.script(data(demo_spec().model_dump(mode="json")))
    code, out = run_cli(
        monkeypatch,
        capsys,
        "run",
        PROMPT,
        "--llm",
        "openai:test-model",
        "--database",
        str(retail_db),
        "--yes",
        "--json",
        "--no-samples",
    )
    result = json.loads(out)
    assert code == 0 and result["status"] == "completed"
    with RunStore(isolated_home) as store:
        record = store.get_run(result["run_id"])
        names = {a.name for a in store.artifacts(record.run_id)}
    assert record.usage["planner"] == "llm"
    planning, total = record.usage["llm_planning"], record.usage["llm"]
    assert planning["calls"] == 1 and planning["input_tokens"] > 0
    # the run's total: planning and every later call (the model's validation tests)
    assert total["calls"] == len(server.bodies) >= 1
    assert total["input_tokens"] >= planning["input_tokens"]
    assert "planning/trace.json" in names
    sent = json.dumps(server.bodies[-1])
    assert PROMPT in sent
    # --no-samples: no data row leaves the machine (a customer name from the demo data)
    assert "customer_name" in sent and "Rosa Garcia" not in sent


def test_unknown_provider_is_a_one_line_usage_error(
    retail_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        sys,
        "argv",
        ["datamorph", "plan", PROMPT, "--llm", "antropic:x", "--database", str(retail_db)],
    )
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 2
    assert "did you mean 'anthropic'" in capsys.readouterr().err


def test_samples_are_sent_unless_refused(
    server: OpenAIServer,
    retail_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The control for --no-samples above: by default sample rows do reach the model."""
    monkeypatch.setenv("OPENAI_BASE_URL", f"{server.url}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    server.script(data(demo_spec().model_dump(mode="json")))
    code, out = run_cli(
        monkeypatch,
        capsys,
        "plan",
        PROMPT,
        "--llm",
        "openai:test-model",
        "--database",
        str(retail_db),
        "--json",
    )
    assert code == 0 and json.loads(out)["target_table"]["name"] == "customer_order_summary"
    assert "Rosa Garcia" in json.dumps(server.bodies[-1])
