"""Named crash points: where tests kill the process to prove that nothing is lost.

`DATAMORPH_CRASH_AT=<point>` makes the process exit at once at that point, without cleanup or
rollback, as a power cut or `kill -9` would; `DATAMORPH_PAUSE_AT=<point>` waits there instead
(a minute, or DATAMORPH_PAUSE_SECONDS), so a test can send a signal at a known step. Unset
(always, outside tests) they cost two lookups.
"""

from __future__ import annotations

import os

CRASH_POINTS = ("after_staging", "mid_publish", "mid_merge", "after_publish")
CRASH_EXIT_CODE = 86


def crash_point(name: str) -> None:
    if os.environ.get("DATAMORPH_CRASH_AT") == name:
        os._exit(CRASH_EXIT_CODE)
    if os.environ.get("DATAMORPH_PAUSE_AT") == name:  # a window for a test's signal to land
        import time

        time.sleep(float(os.environ.get("DATAMORPH_PAUSE_SECONDS", "60")))
