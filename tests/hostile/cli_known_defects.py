"""Cases of the CLI battery that still fail: known defects of issue 12, left for its next
session. Each is a strict xfail, so a fix shows up as a failure until its line is removed."""

from __future__ import annotations

KNOWN_DEFECTS: dict[str, str] = {}
