"""What a service instance is configured with: its database, store, pool size, token, limits."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from datamorph.config import API_TOKEN_ENV, default_database, home, store_url

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


class ServiceSettings(BaseModel):
    """One service: every run and every read goes to `database`; runs are recorded in `home`."""

    model_config = ConfigDict(frozen=True)

    database: str = Field(default_factory=default_database)
    home: Path = Field(default_factory=home)
    store: str | None = Field(default_factory=store_url)  # None: SQLite under `home`
    llm: str | None = None  # provider:model for planning; None: DATAMORPH_LLM, else offline
    workers: int = Field(default=4, ge=1, le=64)
    max_queued: int = Field(default=64, ge=0)  # runs waiting for a free worker; more: 503
    token: str | None = None  # bearer token; None: no auth (the CLI then binds to loopback)
    # Host headers accepted (None: any). Without a token the CLI sets the loopback names, so a
    # web page elsewhere cannot reach the service through DNS rebinding.
    allowed_hosts: tuple[str, ...] | None = None
    max_body_bytes: int = Field(default=1_000_000, ge=1)
    query_timeout: float = Field(default=10.0, gt=0)  # seconds, for /execute/query
    # DuckDB's memory cap for the service's database (its queries and runs): a query that
    # needs more fails with out-of-memory instead of taking the machine; None: DuckDB's 80 %
    memory_limit: str | None = Field(default="4GB", pattern=r"^\d+(\.\d+)?\s*[KMGT]?i?B$")
    max_query_rows: int = Field(default=1_000, ge=1)
    preview_rows: int = Field(default=20, ge=1, le=1_000)
    poll_seconds: float = Field(default=0.2, gt=0)  # how often the event stream looks for news
    # A run no worker here has, silent this long, is taken as gone: its stream ends
    stale_run_seconds: float = Field(default=120.0, gt=0)

    @classmethod
    def from_env(cls, **overrides: object) -> ServiceSettings:
        """Settings with the token from DATAMORPH_API_TOKEN (an empty value means unset)."""
        token = os.environ.get(API_TOKEN_ENV) or None
        return cls.model_validate({"token": token} | overrides)
