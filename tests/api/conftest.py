"""A real service on the seeded retail database: the ASGI app through Starlette's TestClient."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from datamorph.api import ServiceSettings, create_app


@pytest.fixture
def settings(retail_db: Path, isolated_home: Path) -> ServiceSettings:
    return ServiceSettings(
        database=str(retail_db), home=isolated_home, workers=2, poll_seconds=0.05
    )


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    """Clients for apps built from settings; each app's service is closed at the end."""
    clients: list[TestClient] = []

    def make(settings: ServiceSettings, **options: Any) -> TestClient:
        client = TestClient(create_app(settings), **options)
        client.__enter__()  # runs the lifespan, whose exit closes the pool and the store
        clients.append(client)
        return client

    yield make
    for client in reversed(clients):
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient], settings: ServiceSettings) -> TestClient:
    return make_client(settings)
