"""Configuration in one place: defaults < user file < project datamorph.toml (found upwards) <
environment < flags; relative paths read against their file; the project's state directory
used from any subdirectory; bad files refused in one line; `config show` masks secrets; and
`datamorph serve --store` serves the store it names."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from datamorph import config
from datamorph.config_files import SETTINGS
from datamorph.demo.showcase import demo_spec

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A user config folder and a project with a subdirectory, no DataMorph variable set."""
    for setting in SETTINGS:
        monkeypatch.delenv(setting.env, raising=False)
    user = tmp_path / "xdg" / "datamorph" / "config.toml"
    user.parent.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    project = tmp_path / "proj" / "datamorph.toml"
    (project.parent / "src" / "deep").mkdir(parents=True)
    return {"user": user, "project": project, "sub": project.parent / "src" / "deep"}


def test_without_files_the_defaults_are_those_of_before(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(files["sub"])
    assert config.home() == Path(".datamorph")
    assert config.default_database() == str(Path(".datamorph") / "demo.duckdb")
    assert config.store_url() is None and config.artifacts_url() is None
    assert config.spark_master() == "local[*]"
    assert config.approved_strategies() == frozenset()
    assert config.llm_spec() is None and config.llm_budget() == {} and not config.offline()
    assert config.lookup("database").source == "default"


def test_each_layer_overrides_the_one_below(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(files["sub"])

    def store() -> tuple[str | None, str]:
        return config.store_url(), config.lookup("store").source

    assert store() == (None, "default")
    files["user"].write_text('store = "postgresql://u@user-host/db"\nllm = "openai:gpt-4o"\n')
    assert store() == ("postgresql+psycopg://u@user-host/db", f"user file {files['user']}")
    files["project"].write_text('store = "postgresql://u@project-host/db"\n')
    assert store() == ("postgresql+psycopg://u@project-host/db", f"project file {files['project']}")
    assert config.llm_spec() == "openai:gpt-4o"  # a key the project does not set: the user's
    monkeypatch.setenv("DATAMORPH_STORE", "postgresql://u@env-host/db")
    assert store() == ("postgresql+psycopg://u@env-host/db", "env DATAMORPH_STORE")
    config.set_flag("store", "postgresql://u@flag-host/db", "--store")
    assert store() == ("postgresql+psycopg://u@flag-host/db", "flag --store")
    config.clear_flags()
    monkeypatch.setenv("DATAMORPH_STORE", "")  # an empty variable is unset
    assert store()[1] == f"project file {files['project']}"
    files["project"].write_text('store = ""\n')  # "" in a file: the built-in default
    assert store() == (None, f"project file {files['project']}")


def test_the_project_file_is_found_upwards_and_paths_read_against_their_file(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    proj = files["project"].parent
    files["project"].write_text(
        'database = "data/shop.duckdb"\nspark_warehouse = "wh"\n'
        'store = "sqlite:///state/runs.db"\nartifacts = "art"\n'
        '[policy]\napprove = ["deduplicate"]\n'
    )
    files["user"].write_text('cache = "cache"\nwordnet = "/opt/wordnet"\n')
    monkeypatch.chdir(files["sub"])
    assert config.default_database() == str(proj / "data" / "shop.duckdb")
    assert config.spark_warehouse() == proj / "wh"
    assert config.store_url() == f"sqlite:///{proj / 'state' / 'runs.db'}"
    assert config.artifacts_url() == str(proj / "art")
    assert config.cache_dir() == files["user"].parent / "cache"  # the user file's folder
    assert config.wordnet_folder() == Path("/opt/wordnet")
    assert config.approved_strategies() == frozenset({"deduplicate"})
    assert config.home() == proj / ".datamorph"  # the state directory beside the project file
    files["project"].write_text('artifacts = "s3://bucket/prefix"\nhome = "../state"\n')
    assert config.artifacts_url() == "s3://bucket/prefix"  # a URL is left as it is
    assert config.home() == proj / ".." / "state"
    monkeypatch.chdir(tmp_path)  # outside the project: no project file
    assert config.home() == Path(".datamorph") and config.artifacts_url() is None


def test_environment_values_stay_relative_to_the_current_directory(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    files["project"].write_text('database = "shop.duckdb"\n')
    monkeypatch.chdir(files["sub"])
    monkeypatch.setenv("DATAMORPH_DATABASE", "mine.duckdb")
    monkeypatch.setenv("DATAMORPH_APPROVE", "deduplicate, scale")
    assert config.default_database() == "mine.duckdb"
    assert config.approved_strategies() == frozenset({"deduplicate", "scale"})


def test_library_modules_read_the_files(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from datamorph.glue import GlueJobConfig
    from datamorph.llm.registry import budget_from_env

    files["project"].write_text(
        'llm_max_calls = 3\nllm_max_seconds = 1.5\noffline = true\nglue_bucket = "scripts-bucket"\n'
    )
    monkeypatch.chdir(files["sub"])
    budget = budget_from_env()
    assert (budget.max_calls, budget.max_seconds, budget.max_tokens) == (3, 1.5, 200_000)
    assert config.offline()  # what llm.network.network_forbidden() reads
    assert GlueJobConfig.resolve(role="arn:aws:iam::1:role/r").bucket == "scripts-bucket"
    monkeypatch.setenv("DATAMORPH_OFFLINE", "0")  # the environment above the file
    assert not config.offline()


def test_a_changed_file_is_read_again(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(files["sub"])
    files["project"].write_text('spark_master = "local[2]"\n')
    assert config.spark_master() == "local[2]"
    files["project"].write_text('spark_master = "local[16]"\n')
    os.utime(files["project"], ns=(1, 1))  # even if the clock did not move
    assert config.spark_master() == "local[16]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("database = shop.duckdb\n", r"is not valid TOML: .*\(at line 1, column 12\)"),
        ("\n\ndatabse = 'x'\n", r"line 3: unknown key 'databse'. Hint: did you mean 'database'"),
        ("llm_max_calls = 'ten'\n", r"line 1: 'llm_max_calls' must be a whole number >= 0"),
        ("llm_max_calls = -1\n", r"must be a whole number >= 0, not int -1"),
        ("offline = 'yes'\n", r"'offline' must be true or false"),
        ("approve = ['deduplicate']\n", r"key 'approve'. Hint: put 'approve' under \[policy\]"),
        ("[policy]\napprove = ['dedupe']\n", r"line 2: unknown strategy 'dedupe'. "
         r"Hint: did you mean 'deduplicate'"),
        ("[policy]\napprove = 'deduplicate'\n", r"'policy.approve' must be a list of names"),
        ("[polcy]\napprove = []\n", r"line 1: unknown key 'polcy'. Hint: did you mean 'policy'"),
        ("api_token = 'abc'\n", r"'api_token' is read from the environment only. "
         r"Hint: set DATAMORPH_API_TOKEN"),
        ("policy = 1\n", r"'policy' must be a table"),
    ],
)  # fmt: skip
def test_a_bad_file_is_one_line_naming_it_exit_2(
    run_cli: Any,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    text: str,
    expected: str,
) -> None:
    files["project"].write_text(text)
    monkeypatch.chdir(files["sub"])
    code, out, err = run_cli("config", "show")
    assert code == 2 and out == ""
    assert err.startswith(f"error: {files['project']}") and "Traceback" not in err
    assert re.search(expected, " ".join(err.split())), err


def test_a_bad_user_file_and_bad_variables_are_refused(
    run_cli: Any, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.chdir(files["sub"])
    files["user"].write_bytes(b"llm = '\xff'\n")
    code, _, err = run_cli("catalog")
    assert code == 2 and f"{files['user']} is not UTF-8" in err
    files["user"].write_text("")
    for name, value, said in [
        ("DATAMORPH_LLM_MAX_TOKENS", "lots", "DATAMORPH_LLM_MAX_TOKENS='lots' is not a whole"),
        ("DATAMORPH_OFFLINE", "maybe", "DATAMORPH_OFFLINE='maybe' is not a switch"),
        ("DATAMORPH_APPROVE", "dedup", "unknown strategy 'dedup'"),
    ]:
        monkeypatch.setenv(name, value)
        code, _, err = run_cli("config", "show")
        assert code == 2 and said in err, err
        monkeypatch.delenv(name)


def test_config_show_says_where_each_value_came_from_and_masks_secrets(
    run_cli: Any, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    files["user"].write_text('s3_endpoint_url = "http://minio:s3cr3t-key@127.0.0.1:9000"\n')
    monkeypatch.setenv("DM_TEST_DB_PASSWORD", "pg-pass")  # a project file may only refer to it
    files["project"].write_text(
        'database = "postgresql://me:${DM_TEST_DB_PASSWORD}@db/shop?sslpassword=${DM_TEST_SSL}"\n'
    )
    monkeypatch.setenv("DM_TEST_SSL", "ssl-pw")
    monkeypatch.chdir(files["sub"])
    monkeypatch.setenv("DATAMORPH_API_TOKEN", "token-value-123")
    monkeypatch.setenv("DATAMORPH_LLM", "openai:gpt-4o-mini")
    code, out, err = run_cli(
        "--store",
        "postgresql://u:store-pass@h/runs",
        "config",
        "show",
        "--json",
    )
    assert code == 0, err
    shown = json.loads(out)
    assert {s.name for s in SETTINGS if s.shown} == set(shown)
    assert shown["store"] == {
        "value": "postgresql://u:***@h/runs",
        "source": "flag --store",
        "env": "DATAMORPH_STORE",
        "default": shown["store"]["default"],
    }
    assert shown["database"]["value"] == "postgresql://me:***@db/shop?sslpassword=***"
    assert shown["database"]["source"] == f"project file {files['project']}"
    assert shown["s3_endpoint_url"]["value"] == "http://minio:***@127.0.0.1:9000"
    assert shown["s3_endpoint_url"]["source"] == f"user file {files['user']}"
    assert shown["api_token"] == {
        **shown["api_token"],
        "value": "***",
        "source": "env DATAMORPH_API_TOKEN",
    }
    assert shown["llm"]["source"] == "env DATAMORPH_LLM"
    assert shown["home"] == {
        **shown["home"],
        "value": str(files["project"].parent / ".datamorph"),
        "source": "default",
    }
    assert shown["llm_max_calls"]["value"] is None and shown["llm_max_calls"]["default"] == "20"
    code, table, _ = run_cli("--store", "postgresql://u:store-pass@h/runs", "config", "show")
    assert code == 0 and "flag --store" in table and "env DATAMORPH_LLM" in table
    for secret in ("store-pass", "pg-pass", "ssl-pw", "s3cr3t-key", "token-value-123"):
        assert secret not in out + table
    # The next invocation has no flag: the last one's does not stay behind.
    code, out, _ = run_cli("config", "show", "--json")
    assert json.loads(out)["store"]["source"] == "default"


def test_config_path_names_the_files(
    run_cli: Any, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.chdir(files["sub"])
    code, out, _ = run_cli("config", "path", "--json")
    assert code == 0
    assert json.loads(out)["project"] == {"path": None, "exists": False}
    files["project"].write_text("")
    code, out, _ = run_cli("config", "path", "--json")
    found = json.loads(out)
    assert found["project"] == {"path": str(files["project"]), "exists": True}
    assert found["user"] == {"path": str(files["user"]), "exists": False}
    assert found["home"] == str(files["project"].parent / ".datamorph")


def test_a_run_from_a_subdirectory_uses_the_projects_database_and_store(
    run_cli: Any,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    retail_db: Path,
) -> None:
    proj = files["project"].parent
    (proj / "data").mkdir()
    shutil.move(retail_db, proj / "data" / "shop.duckdb")
    files["project"].write_text('database = "data/shop.duckdb"\n')
    spec = proj / "spec.json"
    spec.write_text(demo_spec().to_json())
    monkeypatch.chdir(files["sub"])
    code, out, err = run_cli("run", "--spec", str(spec), "--json")
    assert code == 0, err
    run_id, spec_path = json.loads(out)["run_id"], json.loads(out)["spec_path"]
    assert Path(spec_path).is_relative_to(proj / ".datamorph")  # artifacts beside the store
    assert (proj / ".datamorph" / "runs.db").is_file()
    assert not (files["sub"] / ".datamorph").exists()
    monkeypatch.chdir(proj)  # another directory of the project sees the same store
    code, out, _ = run_cli("runs", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [run["run_id"] for run in listed] == [run_id]
    assert listed[0]["database"] == str(proj / "data" / "shop.duckdb")


def test_serve_takes_store_and_serves_the_runs_recorded_there(
    run_cli: Any,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    retail_db: Path,
    tmp_path: Path,
) -> None:
    store = tmp_path / "elsewhere" / "runs.db"
    store.parent.mkdir()
    url = f"sqlite:///{store}"
    spec = tmp_path / "spec.json"
    spec.write_text(demo_spec().to_json())
    code, out, err = run_cli("--store", url, "run", "--spec", str(spec), "-d", str(retail_db),
        "--json",
    )  # fmt: skip
    assert code == 0, err
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATAMORPH_")}
    env |= {"DATAMORPH_HOME": str(tmp_path / "home"), "DATAMORPH_OFFLINE": "1"}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datamorph.cli", "serve", "--port", str(port), "--store", url,
         "-d", str(retail_db), "--workers", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", server)
        runs = httpx.get(f"http://127.0.0.1:{port}/api/runs").json()["runs"]
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=20)
    assert [run["run_id"] for run in runs] == [json.loads(out)["run_id"]]
    assert f"run store {url})" in output
    assert not (tmp_path / "home" / "runs.db").exists()  # not the SQLite file under home


def test_the_service_uses_a_postgresql_store_named_in_the_project_file(
    run_cli: Any,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    retail_db: Path,
    postgres: Any,
) -> None:
    import psycopg
    from fastapi.testclient import TestClient

    from datamorph.api import ServiceSettings, create_app

    with psycopg.connect(postgres.dsn(), autocommit=True) as con:
        con.execute("DROP DATABASE IF EXISTS dm_config_store")
        con.execute("CREATE DATABASE dm_config_store")
    where = f"{postgres.host}:{postgres.port}/dm_config_store"
    # a project file refers to the password; it may not hold it
    monkeypatch.setenv("DM_TEST_STORE_PASSWORD", postgres.password)
    files["project"].write_text(
        f'store = "postgresql://postgres:${{DM_TEST_STORE_PASSWORD}}@{where}"\n'
    )
    spec = files["project"].parent / "spec.json"
    spec.write_text(demo_spec().to_json())
    monkeypatch.chdir(files["sub"])
    code, out, err = run_cli("run", "--spec", str(spec), "-d", str(retail_db))
    assert code == 0, err
    code, out, _ = run_cli("config", "show", "--json")
    assert json.loads(out)["store"]["value"] == f"postgresql://postgres:***@{where}"
    assert postgres.password not in out
    settings = ServiceSettings(database=str(retail_db))  # what `datamorph serve` builds
    with TestClient(create_app(settings)) as client:
        runs = client.get("/api/runs").json()["runs"]
    assert len(runs) == 1 and runs[0]["status"] == "completed"
    assert not (files["project"].parent / ".datamorph" / "runs.db").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str, server: subprocess.Popen[str], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server exited: {server.communicate()[0]}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def test_readme_documents_every_variable() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(DATAMORPH_[A-Z0-9_]+)` \| (.*)$", section, re.MULTILINE))
    named = {s.env for s in SETTINGS}
    assert named == set(rows), "the README's table and config_files.SETTINGS differ"
    python_names = {"DATAMORPH_CHECKS", "DATAMORPH_SPEC", "DATAMORPH_CODE"}  # monitor tables
    used = set()
    for path in (ROOT / "src" / "datamorph").rglob("*.py"):
        used |= set(re.findall(r"\bDATAMORPH_[A-Z][A-Z0-9_]*[A-Z0-9]\b", path.read_text()))
    assert used - python_names <= named, "a variable the code reads is not in SETTINGS"
    for setting in SETTINGS:
        if setting.in_files:
            assert f"`{setting.name.rpartition('.')[2]}`" in section, setting.name


def test_the_documented_budget_defaults_are_the_budgets() -> None:
    from datamorph.llm.base import Budget

    budget, documented = Budget(), {s.name: s.default for s in SETTINGS}
    assert documented["llm_max_calls"] == str(budget.max_calls)
    assert documented["llm_max_tokens"] == str(budget.max_tokens)
    assert documented["llm_max_seconds"] == f"{budget.max_seconds:g}"
