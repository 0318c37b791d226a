"""What every table of native codes shares: the category aliases, `Prior`, shared spreads."""

from __future__ import annotations

from typing import TypeAlias

from datamorph.monitor.taxonomy import Category

Prior: TypeAlias = Category | dict[Category, float]

PERM = Category.PERMISSION_DENIED
NET = Category.NETWORK_TIMEOUT
SCHEMA = Category.SCHEMA_MISMATCH
RES = Category.RESOURCE_EXHAUSTION
DUP = Category.DATA_DUPLICATION
MISSING = Category.MISSING_DEPENDENCY
CONFIG = Category.CONFIGURATION_ERROR
QUOTA = Category.QUOTA_EXCEEDED
AUTH = Category.AUTHENTICATION_FAILURE
CORRUPT = Category.DATA_CORRUPTION
DEFECT = Category.CODE_DEFECT
LOCKED = Category.RESOURCE_LOCKED
UNKNOWN = Category.UNKNOWN


def _each(names: str, prior: Prior) -> dict[str, Prior]:
    """The same meaning for every whitespace-separated name: long lists stay readable."""
    return dict.fromkeys(names.split(), prior)


# Shared spreads, named for what they cover.
_BAD_VALUE: Prior = {CORRUPT: 0.4, DEFECT: 0.3, SCHEMA: 0.3}  # a value that does not cast
_SERVER_FAULT: Prior = {NET: 0.5, UNKNOWN: 0.5}  # the peer failed; often transient
_BAD_REQUEST: Prior = {DEFECT: 0.6, CONFIG: 0.4}
_NOT_FOUND: Prior = {MISSING: 0.6, CONFIG: 0.4}
_CONFLICT: Prior = {LOCKED: 0.6, DEFECT: 0.4}
_OVERLOADED: Prior = {QUOTA: 0.6, NET: 0.4}  # back off, or fall back elsewhere
