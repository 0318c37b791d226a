"""Fixtures shared by the planning tests."""

from tests.planning.agency_schema import agency  # noqa: F401 - the schema of the agency tests
