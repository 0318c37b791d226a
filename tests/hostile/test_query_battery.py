"""`POST /execute/query` under attack: hundreds of hostile queries, and the controls.

Cases are in sql_cases.py; the canaries and checks in conftest.py. For each case: no 5xx, no
canary (nor a canary file's name, `stored_secrets`, the database's directory or PATH) in the
answer, no file created or removed in a watched directory or the working directory, the
database unchanged, an answer within the bound; a refused case gets a 4xx, a control its rows;
after a case that tries to change state, /health and a benign SELECT still answer correctly.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from .conftest import CASE_BOUND, Service, Snapshot, direct_answer, normal
from .sql_cases import MAY_ANSWER, MUST_ANSWER, MUST_REFUSE, SqlCase, census, query_cases

pytestmark = pytest.mark.slow  # every test of the battery is in the slow tier
CASES = query_cases()


@pytest.fixture(scope="module")
def expected(retail_template: Path) -> dict[str, Any]:
    """The controls' rows from a plain DuckDB connection on the same data (the template the
    service's copy was made from)."""
    return {
        case.id: direct_answer(retail_template, case.sql)
        for case in CASES
        if case.kind == MUST_ANSWER
    }


def check_answer(case: SqlCase, response: Any, expected: list[list[Any]] | None) -> list[str]:
    status = response.status_code
    problems = []
    if status >= 500:
        problems.append(f"a {status}: {response.text[:400]}")
    if "Traceback" in response.text:
        problems.append("a traceback in the answer")
    if case.kind == MUST_REFUSE and not 400 <= status < 500:
        problems.append(f"not refused ({status}): {response.text[:400]}")
    if case.kind == MUST_ANSWER:
        if status != 200:
            problems.append(
                f"a legitimate query was not answered ({status}): {response.text[:400]}"
            )
        elif expected is not None:
            rows = normal(response.json()["rows"])
            if rows != expected:
                problems.append(f"wrong answer: {rows!r:.300} instead of {expected!r:.300}")
        elif not response.json()["rows"]:
            problems.append("no rows")
    if case.kind == MAY_ANSWER and status not in (200,) and not 400 <= status < 500:
        problems.append(f"neither answered nor refused ({status})")
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_query_case(
    case: SqlCase, hostile_service: Service, cwd_secret: Path, expected: dict[str, Any]
) -> None:
    env = hostile_service.env
    sql = env.fill(case.sql)
    before = Snapshot.take(env, cwd_secret)
    try:
        response, seconds = hostile_service.query(sql, CASE_BOUND)
    except TimeoutError as error:
        pytest.fail(f"{case.id}: {error}\n{sql}")
    if isinstance(response, Exception):
        pytest.fail(f"{case.id}: the request raised {response!r}\n{sql}")
    problems = check_answer(case, response, expected.get(case.id))
    problems += [f"leaks {label}" for label in env.leaks(response.text, sql)]
    problems += before.changes()
    if case.writes or response.status_code >= 500 or seconds > CASE_BOUND / 2:
        problems += hostile_service.health_problems()
    assert not problems, f"{case.id} [{case.kind}, {case.carrier}]\n{sql}\n- " + "\n- ".join(
        problems
    )


@pytest.mark.slow
def test_battery_shape() -> None:
    """Several hundred cases, every carrier used, and enough controls to show the sandbox is
    not refusing everything."""
    kinds, carriers = census(CASES)
    assert len(CASES) >= 500, kinds
    assert kinds[MUST_ANSWER] >= 30, kinds
    assert all(n >= 3 for n in carriers.values()), carriers
    ids = Counter(case.id for case in CASES)
    assert max(ids.values()) == 1
