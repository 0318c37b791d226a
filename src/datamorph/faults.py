"""Named crash points: where tests kill the process to prove that nothing is lost.

`DATAMORPH_CRASH_AT=<point>` makes the process exit at once at that point, without cleanup or
rollback, as a power cut or `kill -9` would. Unset (always, outside tests) it costs one lookup.
"""

from __future__ import annotations

import os

CRASH_POINTS = ("after_staging", "mid_publish", "after_publish")
CRASH_EXIT_CODE = 86


def crash_point(name: str) -> None:
    if os.environ.get("DATAMORPH_CRASH_AT") == name:
        os._exit(CRASH_EXIT_CODE)
