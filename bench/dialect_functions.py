"""Write the function lists the compiler checks offline specs against, read from real engines.

`datamorph compile --dialect postgres|spark|pyspark` must know which functions the target has
when no server of that dialect is connected (compiling against a DuckDB file, or offline): it
refuses a spec whose function has no equivalent there instead of printing code that fails when
run. Connected to PostgreSQL, the compiler reads the server's own `pg_proc` instead.

The lists are read from the engines the tests use, never written by hand:
- PostgreSQL: every name in `pg_proc` of a fresh cluster (tests/pg_server.py), built-ins only;
- Spark: `SHOW FUNCTIONS` of a local session of the pinned pyspark.

    .venv/bin/python bench/dialect_functions.py      # rewrites src/datamorph/codegen/functions/

Re-run it when the pinned pyspark or the PostgreSQL the tests start changes version.
"""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
import pg_server  # noqa: E402  (the suite's throwaway server)

OUT = REPO / "src" / "datamorph" / "codegen" / "functions"


def postgres_functions() -> tuple[str, list[str]]:
    with pg_server.postgres_server() as server, psycopg.connect(server.dsn()) as con:
        version = con.execute("SHOW server_version").fetchone()
        rows = con.execute("SELECT DISTINCT proname FROM pg_proc").fetchall()
    number = str(version[0]).split()[0] if version else "?"
    return f"PostgreSQL {number}", sorted(str(r[0]).lower() for r in rows)


def spark_functions() -> tuple[str, list[str]]:
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[1]").appName("dialect-functions").getOrCreate()
    try:
        rows = spark.sql("SHOW FUNCTIONS").collect()
        return f"Spark {spark.version}", sorted({str(row[0]).lower() for row in rows})
    finally:
        spark.stop()


def write(name: str, source: str, names: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    header = f"# {source}: written by bench/dialect_functions.py, do not edit by hand\n"
    (OUT / f"{name}.txt").write_text(header + "\n".join(names) + "\n")
    print(f"{name}: {len(names)} functions ({source})")


def main() -> None:
    write("postgres", *postgres_functions())
    write("spark", *spark_functions())


if __name__ == "__main__":
    main()
