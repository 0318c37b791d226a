"""Kill `datamorph run` at random moments, resume it, and count what survives.

Each trial copies a demo database whose target was already published (the old table) and the run
store that published it, starts `datamorph run --spec ...` for a new answer in a fresh process,
sends SIGKILL at a random moment of the run (uniform over the run's own duration, counted from
when the run is recorded), then runs `datamorph run --spec ... --resume` unless the store says
the run completed before the kill landed (then the job is done: `--resume` would start a new
run, and an append would add its rows again). A trial passes when, right after the kill, the
target is exactly the old table or exactly the new answer, and after the resume exactly the new
answer, published once (the engine's publish log holds one row per run), with no run left going.
Half the trials append instead of replacing, so a second publish would show as duplicated rows.

Prints a table and appends it to docs/benchmarks.md.

    .venv/bin/python bench/kill_resume.py [--kills 50] [--orders 300000] [--seed 15]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from common import append_report, machine

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from datamorph.demo.showcase import build_demo_database, demo_spec  # noqa: E402
from kill_trials import Trial, cli, finish, kill_and_resume, rows, run_seconds  # noqa: E402


def spec_file(path: Path, threshold: int, mode: str) -> Path:
    data = demo_spec().model_dump(mode="json")
    data["having"] = [f"total_amount > {threshold}"]
    data["target_table"]["mode"] = mode
    path.write_text(json.dumps(data))
    return path


def prepared(work: Path, orders: int, mode: str) -> tuple[Path, Path, Path, object, object, float]:
    """(database, home, new spec, old rows, new rows, seconds a whole run takes); a snapshot of
    the database with the old target is kept beside it as `snapshot.duckdb`."""
    folder = work / mode
    folder.mkdir()
    database, home = folder / "live.duckdb", folder / "home"
    build_demo_database(database, orders=orders, seed=11)
    old_spec = spec_file(folder / "old.json", 1000, mode)
    code, _, err = finish(cli("run", "--spec", str(old_spec), "-d", str(database), home=home))
    assert code == 0, err
    shutil.copy(database, folder / "snapshot.duckdb")
    new_spec = spec_file(folder / "new.json", 5000, mode)
    reference = folder / "reference.duckdb"
    shutil.copy(database, reference)
    ref_home = folder / "ref-home"
    shutil.copytree(home, ref_home)
    code, _, err = finish(
        cli("run", "--spec", str(new_spec), "-d", str(reference), "--replace-source", home=ref_home)
    )
    assert code == 0, err
    return database, home, new_spec, rows(database), rows(reference), run_seconds(ref_home)


def trial(setup: tuple[Path, Path, Path, object, object, float], i: int, delay: float) -> Trial:
    database, home, spec, old, new, _ = setup
    # the store knows the old target by its database's path: every trial runs there, from the
    # snapshot, with a copy of the store that published it
    shutil.copy(database.with_name("snapshot.duckdb"), database)
    trial_home = database.with_name(f"home-{i}")
    shutil.copytree(home, trial_home)
    result = kill_and_resume(database, trial_home, spec, delay, old=old, new=new)
    shutil.rmtree(trial_home, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--orders", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--no-append", action="store_true", help="print only")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    console = Console()
    trials: list[tuple[str, Trial]] = []
    with tempfile.TemporaryDirectory(prefix="dm-kill-") as tmp:
        setups = {mode: prepared(Path(tmp), args.orders, mode) for mode in ("replace", "append")}
        for i in range(args.kills):
            mode = "replace" if i % 2 == 0 else "append"
            whole = setups[mode][5]
            done = trial(setups[mode], i, rng.uniform(0, whole))
            trials.append((mode, done))
            mark = "ok" if done.ok else f"FAILED {done}"
            console.print(f"{i + 1:>3} {mode:<7} kill at {done.delay:5.2f}s "
                          f"({done.died_in or 'before/after the run'}): {mark}")  # fmt: skip
        seconds = {mode: setup[5] for mode, setup in setups.items()}
    report(console, trials, seconds, args, not args.no_append)


def report(console: Console, trials: list[tuple[str, Trial]], seconds: dict[str, float],
           args: argparse.Namespace, append: bool) -> None:  # fmt: skip
    ok = sum(t.ok for _, t in trials)
    steps = Counter(t.died_in or ("ended before the kill" if not t.killed else "not recorded yet")
                    for _, t in trials)  # fmt: skip
    after = Counter(t.after_kill for _, t in trials)
    table = Table(title=f"kill and resume: {ok}/{len(trials)} trials pass")
    for column in ("killed in step", "trials"):
        table.add_column(column)
    for step, count in steps.most_common():
        table.add_row(step, str(count))
    console.print(table)
    failed = [t for _, t in trials if not t.ok]
    lines = [
        f"\n## Kill at random moments and resume ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n",
        f"`bench/kill_resume.py --kills {args.kills} --orders {args.orders} --seed {args.seed}`;"
        f" {machine()}. A whole run takes {seconds['replace']:.1f} s (replace) and "
        f"{seconds['append']:.1f} s (append) from its record to its end; each kill comes at a "
        "uniform moment of that span after the run is recorded (SIGKILL, no cleanup).\n",
        f"- **{ok} of {len(trials)} trials pass**: right after the kill the target was the old "
        f"table {after['old']} times and the new answer {after['new']} times, never anything "
        f"else ({after['damaged']} damaged); after `run --resume` every passing trial holds "
        "exactly the new answer, published once (one publish-log row per run), no run left "
        "going.",
        f"- Resumed from `interrupted`: {sum(t.resumed for _, t in trials)}; the rest ended "
        "before the kill or died before the run was recorded (a new run then starts).",
        "",
        "| killed in step | trials |",
        "|---|---|",
        *[f"| {step} | {count} |" for step, count in steps.most_common()],
        "",
    ]
    if failed:
        lines += ["Failures:", *[f"- {t}" for t in failed], ""]
    if append:
        append_report(lines)
    console.print("\n".join(lines))


if __name__ == "__main__":
    main()
