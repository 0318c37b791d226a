"""Python failures at the operating-system level, provoked for real: memory, a full device,
time budgets, open-file limits, locks held by other processes, and permissions.

Runs inside python_errors.py's scratch directory (opened to the unprivileged user, who makes
the permission and file-limit attempts when the harvest runs as root). Labelling: a child
process killed by its time budget is `resource_exhaustion`, like a statement timeout; a file
that is busy (an executable being run, an exclusive flock held elsewhere) is `resource_locked`.
"""

from __future__ import annotations

import errno
import fcntl
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from corpus.common import Recorder, unprivileged
from corpus.triggers.python_errors import open_file, run_command
from datamorph.monitor.taxonomy import Category

C = Category


def resources(recorder: Recorder) -> None:
    import numpy as np

    for shape, dtype in (((1_000_000, 1_000_000), "float64"), ((500_000, 400_000, 8), "int32")):
        recorder.expect(
            "numpy_allocation",
            C.RESOURCE_EXHAUSTION,
            lambda s=shape, d=dtype: np.empty(s, dtype=d),
            source="numpy",
        )
    for mode in ("w", "wb"):
        recorder.expect(
            "no_space_left",
            C.RESOURCE_EXHAUSTION,
            lambda m=mode: _fill_device(m),
        )
    for timeout in (0.2, 0.3):
        recorder.expect(
            "subprocess_timeout",
            C.RESOURCE_EXHAUSTION,
            run_command("sleep", "30", timeout=timeout),
        )
    too_many = unprivileged(
        "resource.setrlimit(resource.RLIMIT_NOFILE, (32, 32))\n"
        "handles = [open('landing/orders.csv') for _ in range(64)]",
        imports="import resource",
    )
    if too_many is not None:
        recorder.add(
            "too_many_open_files",
            C.RESOURCE_EXHAUSTION,
            too_many["message"],
            _errno_code(too_many),
        )


def _fill_device(mode: str) -> None:
    with open("/dev/full", mode) as handle:
        handle.write("x" * 10_000 if mode == "w" else b"x" * 10_000)


def _errno_code(failure: dict[str, Any]) -> str:
    number = failure.get("errno")
    if isinstance(number, int) and number in errno.errorcode:
        return "errno:" + errno.errorcode[number]
    return "python:" + str(failure["type"])


def locked(recorder: Recorder) -> None:
    Path("run.lock").write_text("")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys; f = open('run.lock'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        holder.stdout.readline()
        with open("run.lock") as handle:
            recorder.expect(
                "flock_held",
                C.RESOURCE_LOCKED,
                lambda: fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB),
            )
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    sleeper = shutil.which("sleep")
    if sleeper is None:
        return
    for name in ("etl-worker", "loader"):
        shutil.copy(sleeper, name)
        running = subprocess.Popen([f"./{name}", "30"])
        try:
            recorder.expect("text_file_busy", C.RESOURCE_LOCKED, open_file(name, "w"))
        finally:
            running.kill()
            running.wait()


def permissions(recorder: Recorder) -> None:
    Path("secrets").mkdir()
    Path("secrets/warehouse.key").write_text("k")
    Path("secrets/warehouse.key").chmod(0o600)
    Path("published").mkdir(mode=0o555)
    Path("published/orders.csv").write_text("order_id\n")
    attempts = [
        "open('secrets/warehouse.key').read()",
        "open('published/report.csv', 'w')",
        "os.kill(1, 0)",
    ]
    for body in attempts:
        failure = unprivileged(body)
        if failure is None:
            recorder.misses.append("permission_error")
            continue
        recorder.add(
            "permission_error", C.PERMISSION_DENIED, failure["message"], _errno_code(failure)
        )


def run_all(recorder: Recorder) -> None:
    resources(recorder)
    locked(recorder)
    permissions(recorder)
