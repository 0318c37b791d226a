"""Resource bombs on `POST /execute/query`, with a service of their own (query_timeout 2 s).

Each must be refused, or fail or answer within RESOURCE_BOUND (the service's limit plus slack),
never with a 5xx; the service must then answer /health and a benign SELECT correctly, and the
database and the watched directories must be as they were.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import RESOURCE_BOUND, Service, Snapshot
from .sql_cases import SqlCase, bomb_cases

pytestmark = pytest.mark.slow  # every test of the battery is in the slow tier
BOMBS = bomb_cases()


@pytest.mark.slow
@pytest.mark.parametrize("case", BOMBS, ids=[case.id for case in BOMBS])
def test_resource_bomb(case: SqlCase, hostile_service: Service, cwd_secret: Path) -> None:
    env = hostile_service.env
    before = Snapshot.take(env, cwd_secret)
    problems = []
    try:
        response, seconds = hostile_service.query(case.sql, RESOURCE_BOUND)
    except TimeoutError as error:
        problems.append(f"{error} (the service's query_timeout is 2 s)")
    else:
        if isinstance(response, Exception):
            problems.append(f"the request raised {response!r}")
        else:
            if response.status_code >= 500:
                problems.append(
                    f"a {response.status_code} after {seconds:.1f} s: {response.text[:300]}"
                )
            problems += [f"leaks {label}" for label in env.leaks(response.text, case.sql)]
    problems += hostile_service.health_problems()
    problems += before.changes()
    assert not problems, f"{case.id}\n{case.sql}\n- " + "\n- ".join(problems)
