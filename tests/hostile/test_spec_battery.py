"""Hostile specs through the command line, as a user runs them:
`datamorph run --spec FILE --database DB.duckdb --json --yes`.

Most cases go through the CLI's entry point in this process (cheap); a sample, and the resource
bombs, through the installed console script in a subprocess killed at a bound. A case fails
when a run given a hostile expression or name completes or publishes its target, when anything
it published or printed holds a canary, when the source tables, the database's other objects
or the watched directories change, or when it prints a traceback or takes too long.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from .conftest import BOOKKEEPING, HostileEnv, Snapshot, bounded, db_stat
from .spec_cases import SpecCase, bomb_cases, fill, spec_cases
from .spec_harness import CliResult, published_tables, run_in_process, run_subprocess, table_text
from .sql_cases import MUST_ANSWER, MUST_REFUSE

pytestmark = pytest.mark.slow  # every test of the battery is in the slow tier
CASES = spec_cases()
SUBPROCESS_IDS = {"spec-ok-customer_order_summary", "spec-current_setting_temp_directory-column"}
SUBPROCESS_CASES = [case for case in CASES if case.id in SUBPROCESS_IDS] + bomb_cases()
IN_PROCESS_BOUND = 60.0
SUBPROCESS_BOUND = 30.0
BOMB_BOUND = 20.0


def check_run(
    case: SpecCase,
    result: CliResult,
    env: HostileEnv,
    spec_text: str,
    target: str,
    files_before: tuple[object, ...],
    tables_before: set[str],
) -> list[str]:
    """What the run printed, published and left behind. The database is read again only when
    its files changed during the run (nothing can have been published otherwise)."""
    problems = []
    output = result.stdout + result.stderr
    status = result.status()
    if result.code is None:
        problems.append("killed: the run did not end within its bound")
    if "Traceback" in output or "internal error" in output.lower():
        problems.append(f"a traceback or internal error: {output[-600:]}")
    if result.code not in (0, 1, 2, None):
        problems.append(f"exit code {result.code} (3 is a bug)")
    touched = db_stat(env.db_path) != files_before
    published = table_text(env.db_path, target) if touched else None
    if case.kind == MUST_REFUSE:
        if result.code == 0 or status == "completed":
            problems.append(f"the run completed (exit {result.code}): {output[-400:]}")
        if published is not None:
            problems.append(f"published {target}: {published[:300]}")
    if case.kind == MUST_ANSWER:
        if result.code != 0 or status != "completed":
            problems.append(
                f"a legitimate spec did not complete (exit {result.code}): {output[-500:]}"
            )
        elif published is None:
            problems.append(f"completed but {target} is not published")
    problems += [f"output leaks {label}" for label in env.leaks(output, spec_text)]
    if published is not None:
        problems += [f"{target} holds {label}" for label in env.leaks(published, spec_text)]
    if touched:
        # the target, and DataMorph's bookkeeping (publish and staging logs) the first time
        extra = published_tables(env.db_path) - tables_before - {f"main.{target}"}
        extra -= {f"main.{name}" for name in BOOKKEEPING}
        if extra:
            problems.append(f"tables appeared: {sorted(extra)}")
    return problems


def write_spec(case: SpecCase, env: HostileEnv, where: Path, target: str) -> tuple[Path, str]:
    spec = fill(case.spec, env.fill)
    spec["target_table"] = {**spec["target_table"], "name": target}
    text = json.dumps(spec)
    path = where / "hostile_spec.json"
    path.write_text(text)
    return path, text


def report(case: SpecCase, spec_text: str, problems: list[str]) -> str:
    return f"{case.id} [{case.kind}, {case.carrier}]\n{spec_text}\n- " + "\n- ".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_spec_case_cli(case: SpecCase, hostile_env: HostileEnv, cwd_secret: Path) -> None:
    spec_file, spec_text = write_spec(case, hostile_env, cwd_secret, case.target)
    before = Snapshot.take(hostile_env, cwd_secret)
    tables_before = set(hostile_env.last_fingerprint["tables"])
    try:
        result, _ = bounded(lambda: run_in_process(spec_file, hostile_env), IN_PROCESS_BOUND)
    except TimeoutError as error:
        pytest.fail(f"{case.id}: {error}")
    if isinstance(result, BaseException):
        pytest.fail(f"{case.id}: the CLI raised {result!r}")
    problems = check_run(
        case, result, hostile_env, spec_text, case.target, before.db, tables_before
    )
    problems += before.changes(allowed_tables=frozenset({f"main.{case.target}"}))
    assert not problems, report(case, spec_text, problems)


@pytest.mark.slow
@pytest.mark.parametrize("case", SUBPROCESS_CASES, ids=[case.id for case in SUBPROCESS_CASES])
def test_spec_case_subprocess(case: SpecCase, hostile_env: HostileEnv, cwd_secret: Path) -> None:
    target = case.target + "_sp"
    spec_file, spec_text = write_spec(case, hostile_env, cwd_secret, target)
    before = Snapshot.take(hostile_env, cwd_secret)
    tables_before = set(hostile_env.last_fingerprint["tables"])
    bound = BOMB_BOUND if case.carrier == "resource" else SUBPROCESS_BOUND
    result = run_subprocess(spec_file, hostile_env, cwd_secret, cwd_secret / ".datamorph", bound)
    problems = check_run(case, result, hostile_env, spec_text, target, before.db, tables_before)
    problems += before.changes(allowed_tables=frozenset({f"main.{target}"}))
    assert not problems, report(case, spec_text, problems)


@pytest.mark.slow
def test_spec_battery_shape() -> None:
    kinds = Counter(case.kind for case in CASES)
    carriers = Counter(case.carrier for case in CASES)
    assert kinds[MUST_REFUSE] >= 100 and kinds[MUST_ANSWER] >= 15, kinds
    assert len(carriers) >= 15, carriers
