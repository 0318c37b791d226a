"""A hostile battery for the `datamorph` command line: every case is a real subprocess.

The rules (README: "any bad input gets one line and exit code 2"; exit 3 is a bug): no input
makes the CLI crash, hang, print a traceback or answer "internal error"; bad input gets one
error line (plus at most one hint line) and a non-zero exit, 2 for usage errors; read-only
commands (catalog, plan, compile, validate, runs list/show) leave their input files byte for
byte as they were, with nothing new beside them; and legitimate inputs still work (the
`control-*` and `types-*` cases). The cases are in cli_cases_groups.py, the harness in
cli_cases.py; a failing case names every rule it broke, the command line and the output.

Cases that may block without using the CPU (a FIFO given as a file) run a few at a time in
threads in `test_cli_hostile_blocking`, one subtest per case id, so that their timeouts overlap.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .cli_cases import (
    BLOCKING_AT_ONCE,
    DATAMORPH,
    Case,
    Templates,
    base_env,
    build_templates,
    execute_case,
)
from .cli_cases_groups import all_cases
from .cli_known_defects import KNOWN_DEFECTS

CASES = all_cases()
SERIAL = [case for case in CASES if not case.concurrent]
BLOCKING = [case for case in CASES if case.concurrent]


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    if not DATAMORPH.exists():
        pytest.skip(f"{DATAMORPH} is not installed (run `make test` to create .venv)")
    return build_templates(tmp_path_factory.mktemp("cli_hostile_templates"), base_env())


def _report(case: Case, problems: list[str]) -> str:
    return f"{case.id} [{case.group}]\n  " + "\n  ".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("case", SERIAL, ids=[case.id for case in SERIAL])
def test_cli_hostile(
    case: Case, templates: Templates, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if case.skip:
        pytest.skip(case.skip)
    if case.id in KNOWN_DEFECTS:
        reason = KNOWN_DEFECTS[case.id]
        # a hang depends on the machine's speed: such a case may pass on a fast one
        strict = not reason.startswith("hung")
        request.applymarker(pytest.mark.xfail(strict=strict, reason=reason))
    problems = execute_case(case, tmp_path / "case", templates, base_env())
    assert not problems, _report(case, problems)


@pytest.mark.slow
def test_cli_hostile_blocking(
    templates: Templates, tmp_path: Path, subtests: pytest.Subtests
) -> None:
    runnable = [case for case in BLOCKING if not case.skip]
    with ThreadPoolExecutor(max_workers=BLOCKING_AT_ONCE) as pool:
        futures = {
            case.id: pool.submit(execute_case, case, tmp_path / case.id, templates, base_env())
            for case in runnable
        }
    for case in BLOCKING:
        with subtests.test(msg=case.id):
            if case.skip:
                pytest.skip(case.skip)
            problems = futures[case.id].result()
            assert not problems, _report(case, problems)


@pytest.mark.slow
def test_cli_hostile_battery_covers_every_group() -> None:
    counts = Counter(case.group for case in CASES)
    assert len(CASES) >= 300, counts
    assert all(n >= 5 for n in counts.values()), counts
    assert sum(case.expect == "ok" for case in CASES) >= 30  # controls: legitimate input works
    assert len(BLOCKING) >= 5
