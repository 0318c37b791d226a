"""Harvest the error corpus: provoke every failure for real, merge the documented entries,
deduplicate, and write src/datamorph/monitor/data/corpus.jsonl.

    python corpus/harvest.py                      # everything (PostgreSQL: a throwaway cluster)
    python corpus/harvest.py --only duckdb,sqlite # re-harvest some producers, keep the others
    python corpus/harvest.py --pg-dsn "host=... user=postgres password=..."  # a server of yours

Each run replaces the entries of the harvesters it ran and keeps the triggered entries of the
others from the existing file (so `--only` refreshes part of the corpus); documented entries
always come from corpus/documented.jsonl. Exact (message, category) duplicates are dropped,
a triggered entry winning over a documented one, and the file is sorted by (source, trigger,
message, category) so that two harvests of the same code give the same file up to the
run-specific bits of some messages (ports, PIDs, temp paths).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `corpus` and `datamorph` importable
    sys.path.insert(0, str(ROOT))

from corpus.common import FIELDS  # noqa: E402
from datamorph.monitor.taxonomy import CATEGORIES  # noqa: E402

OUT = ROOT / "src" / "datamorph" / "monitor" / "data" / "corpus.jsonl"
DOCUMENTED = ROOT / "corpus" / "documented.jsonl"
# harvester -> (module under corpus.triggers, the sources its entries carry)
HARVESTERS: dict[str, tuple[str, frozenset[str]]] = {
    "duckdb": ("duckdb_errors", frozenset({"duckdb"})),
    "sqlite": ("sqlite_errors", frozenset({"sqlite"})),
    "postgres": ("postgres_errors", frozenset({"postgres"})),
    "python": ("python_errors", frozenset({"python", "http", "numpy", "pyarrow", "pandas"})),
    "datamorph": ("datamorph_errors", frozenset({"datamorph"})),
    "llm": ("llm_errors", frozenset({"anthropic", "openai", "bedrock"})),
    "aws": ("aws_errors", frozenset({"aws"})),
    "spark": ("spark_errors", frozenset({"spark"})),
}
SHORT = {  # column headings of the summary table
    "permission_denied": "perm",
    "network_timeout": "net",
    "schema_mismatch": "schema",
    "resource_exhaustion": "exhaust",
    "data_duplication": "dup",
    "missing_dependency": "missing",
    "configuration_error": "config",
    "quota_exceeded": "quota",
    "authentication_failure": "auth",
    "data_corruption": "corrupt",
    "code_defect": "code",
    "resource_locked": "locked",
    "unknown": "unknown",
}


def run_harvester(name: str, pg_dsn: str | None) -> list[dict[str, Any]]:
    module = importlib.import_module(f"corpus.triggers.{HARVESTERS[name][0]}")
    if name != "postgres":
        entries: list[dict[str, Any]] = module.harvest()
        return entries
    if pg_dsn:
        return list(module.harvest(pg_dsn))
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import PostgresUnavailable, postgres_server

    try:
        with postgres_server() as server:
            return list(module.harvest(server.dsn()))
    except PostgresUnavailable as error:
        raise SystemExit(f"postgres: {error}; install PostgreSQL or pass --pg-dsn") from None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def merge(
    harvested: Iterable[dict[str, Any]],
    kept: Iterable[dict[str, Any]],
    documented: Iterable[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Exact (message, category) duplicates dropped: triggered entries win over documented
    ones, and among triggered ones the first in (source, trigger) order, whichever harvesters
    ran this time (the same text from two producers is kept once)."""
    order = sorted([*harvested, *kept], key=sort_key)
    seen: set[tuple[str, str]] = set()
    merged = []
    for item in [*order, *sorted(documented, key=sort_key)]:
        key = (item["message"], item["category"])
        if key not in seen:
            seen.add(key)
            merged.append(item)
    return sorted(merged, key=sort_key)


def sort_key(item: dict[str, Any]) -> tuple[str, str, str, str]:
    return (item["source"], item["trigger"], item["message"], item["category"])


def check(entries: list[dict[str, Any]]) -> None:
    for item in entries:
        missing = [f for f in FIELDS if f not in item]
        if missing or item["category"] not in CATEGORIES:
            raise SystemExit(f"bad entry {item}: missing {missing} or unknown category")
        if item["origin"] == "documented" and not item.get("reference"):
            raise SystemExit(f"documented entry without a reference: {item['trigger']}")


def write(entries: list[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    order = [*FIELDS, "reference"]
    lines = [
        json.dumps({k: item[k] for k in order if k in item}, ensure_ascii=False) for item in entries
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def summary(entries: list[dict[str, Any]], print_table: Callable[[Any], None]) -> None:
    from rich.table import Table

    counts = Counter((e["source"], e["category"]) for e in entries)
    sources = sorted({e["source"] for e in entries})
    table = Table(title=f"corpus: {len(entries)} messages by source × category")
    table.add_column("source")
    for category in CATEGORIES:
        table.add_column(SHORT[category], justify="right")
    table.add_column("total", justify="right", style="bold")
    for source in sources:
        row = [counts[(source, c)] for c in CATEGORIES]
        table.add_row(source, *(str(n or "") for n in row), str(sum(row)))
    totals = [sum(counts[(s, c)] for s in sources) for c in CATEGORIES]
    table.add_row("total", *map(str, totals), str(len(entries)), style="bold")
    print_table(table)
    origins = Counter(e["origin"] for e in entries)
    triggers = {e["trigger"] for e in entries if e["origin"] == "triggered"}
    share = origins["triggered"] / max(1, len(entries))
    print_table(
        f"triggered {origins['triggered']} ({share:.0%}), documented {origins['documented']}; "
        f"{len(triggers)} distinct triggers"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated harvesters: " + ",".join(HARVESTERS))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--pg-dsn", help="a superuser conninfo (default: a throwaway cluster)")
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(HARVESTERS)
    unknown = [n for n in names if n not in HARVESTERS]
    if unknown:
        parser.error(f"unknown harvester(s): {', '.join(unknown)}")
    from rich.console import Console

    console = Console(width=160)  # the table has 15 columns, wider than a default pipe
    harvested: list[dict[str, Any]] = []
    for name in names:
        with console.status(f"harvesting {name}..."):
            found = run_harvester(name, args.pg_dsn)
        console.print(f"{name}: {len(found)} messages")
        harvested += found
    replaced = frozenset().union(*(HARVESTERS[n][1] for n in names))
    kept = [
        e
        for e in read_jsonl(args.out)
        if e["origin"] == "triggered" and e["source"] not in replaced
    ]
    entries = merge(harvested, kept, read_jsonl(DOCUMENTED))
    check(entries)
    write(entries, args.out)
    summary(entries, console.print)
    console.print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
