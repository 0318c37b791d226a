"""What classifying one message costs a fresh process: wall time and peak memory.

Each run is a new Python process with a new DATAMORPH_HOME and DATAMORPH_CACHE (as in CI, the
tests and a first use), which loads the shipped classifier and classifies one message; `cold`
has an empty cache, `warm` one that an earlier process filled (the two are the same since the
model ships in the package: nothing is trained or cached). Peak RSS is the largest ru_maxrss of
the children so far (so the table's figure is the maximum over the runs).

    .venv/bin/python bench/monitor_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import append_report, machine

_CHILD = """
import sys
from datamorph.monitor.corpus import shipped_classifier
message = 'Binder Error: Referenced column "amount" not found in FROM clause!'
result = shipped_classifier().classify(message)
heavy = any(m.split(".")[0] in ("sklearn", "scipy") for m in sys.modules)
print(result.category, "sklearn/scipy imported" if heavy else "numpy only")
"""


def one_run(home: Path) -> tuple[float, float, str]:
    env = {**os.environ, "DATAMORPH_HOME": str(home), "DATAMORPH_CACHE": str(home / "cache")}
    env.pop("DATAMORPH_RETRIEVAL", None)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], env=env, cwd=home, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return seconds, peak / 1024, done.stdout.strip()


def series(runs: int, warm: bool) -> list[tuple[float, float, str]]:
    results = []
    with tempfile.TemporaryDirectory() as shared:
        if warm:
            one_run(Path(shared))
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as fresh:
                results.append(one_run(Path(shared if warm else fresh)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rows = []
    for name, warm in (("cold (empty cache)", False), ("warm (cache filled)", True)):
        results = series(args.runs, warm)
        times = [r[0] for r in results]
        rows.append(
            f"| {name} | {len(results)} | {statistics.median(times):.2f} | {min(times):.2f} "
            f"| {max(times):.2f} | {max(r[1] for r in results):.0f} | {results[0][2]} |"
        )
    stamp = f"{datetime.now(UTC):%Y-%m-%d %H:%M}"
    lines = [
        f"\n## Monitor: one message classified by a fresh process ({stamp} UTC)\n",
        f"Machine: {machine()}. bench/monitor_startup.py, {args.runs} runs each.\n",
        "| process | runs | median s | min s | max s | peak RSS MiB | result |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]
    print("\n".join(lines))
    append_report(lines)


if __name__ == "__main__":
    main()
