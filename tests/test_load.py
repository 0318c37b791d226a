"""`datamorph load` and `datamorph.loading.load` on real files made here: a 50,000-row CSV with
dirt (money, null tokens, a second date spelling, a bad value past the sniffer's sample),
gzip and zstd, Excel, JSON lines, a mismatched append; the schema report, the suggested fixes
(followed, they must load the columns typed), --strict, --json, the progress bar."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import shlex
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from rich.console import Console

from datamorph import cli_load
from datamorph.cli import main
from datamorph.errors import UsageError
from datamorph.loading import LoadRefused, SchemaMismatch, load

ROWS = 50_000
BAD_DAYS = ROWS // 500  # '31/12/2024' among ISO dates
NA_AMOUNTS = len(range(3, ROWS, 300))  # 'n/a' among amounts with cents
DOLLARS = len(range(5, ROWS, 400))  # '$1,234.50' among prices


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", ["datamorph", *args])
        try:
            main()
            code = 0
        except SystemExit as done:
            code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def types_of(database: Path, table: str) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?", [table]
        ).fetchall()
    return dict(rows)


def fingerprint(database: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(database), read_only=True) as con:
        names = [
            n for (n,) in con.sql("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
        ]
        return [
            (n, *con.sql(f'SELECT count(*), sum(hash(t)) FROM "{n}" t').fetchall()) for n in names
        ]


@pytest.fixture(scope="module")
def dirty_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """id, day (ISO, 1 in 500 '31/12/2024'), amount (cents, some 'n/a'), price (some
    '$1,234.50'), zip (leading zeros: text on purpose), qty (one 'x' at row 45,000: past the
    sniffer's sample), city."""
    path = tmp_path_factory.mktemp("dirty") / "sales.csv"
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "day", "amount", "price", "zip", "qty", "city"])
        for i in range(ROWS):
            day = "31/12/2024" if i % 500 == 7 else f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
            amount = "n/a" if i % 300 == 3 else f"{(i * 7919) % 100_000 / 100:.2f}"
            price = "$1,234.50" if i % 400 == 5 else f"{i % 997}.{i % 100:02d}"
            qty = "x" if i == 45_000 else str(i % 13)
            writer.writerow(
                [i, day, amount, price, f"{i % 1000:05d}", qty, ["Oslo", "Rome"][i % 2]]
            )
    return path


def test_load_prints_the_schema_and_every_dirty_column_with_its_fix(
    capsys: pytest.CaptureFixture[str], dirty_csv: Path, tmp_path: Path
) -> None:
    database = tmp_path / "mine.duckdb"
    code, out, err = run(capsys, "load", str(dirty_csv), "-t", "sales", "-d", str(database))
    assert code == 0, err
    assert f"loaded {ROWS:,} rows into sales" in out
    for column, kind in [("id", "BIGINT"), ("day", "VARCHAR"), ("zip", "VARCHAR")]:
        assert any(line.split()[:2] == [column, kind] for line in out.splitlines()), out
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 4, err  # day, amount, price, qty; never zip, id or city
    day = next(w for w in warnings if "warning: day:" in w)
    assert f"{BAD_DAYS:,} of {ROWS:,} values are not DATE" in day and "'31/12/2024'" in day
    assert "Fix: --date-format %d/%m/%Y" in day
    amount = next(w for w in warnings if "warning: amount:" in w)
    assert f"'n/a' ×{NA_AMOUNTS:,}" in amount
    assert "Fix: --type 'amount=DECIMAL(18,2)' --null n/a" in amount
    price = next(w for w in warnings if "warning: price:" in w)
    assert "'$1,234.50'" in price and "regexp_replace" in price
    qty = next(w for w in warnings if "warning: qty:" in w)
    assert f"1 of {ROWS:,} values are not BIGINT ('x' ×1)" in qty  # row 45,000
    assert types_of(database, "sales")["qty"] == "VARCHAR"


def test_the_suggested_options_load_the_columns_typed(
    capsys: pytest.CaptureFixture[str], dirty_csv: Path, tmp_path: Path
) -> None:
    first = load(dirty_csv, "sales", database=str(tmp_path / "a.duckdb"))
    fixes = {d.column: d.fix for d in first.dirt}
    options = shlex.split(fixes["day"]) + shlex.split(fixes["amount"])
    database = tmp_path / "b.duckdb"
    code, _, err = run(capsys, "load", str(dirty_csv), "-t", "s", "-d", str(database), *options)
    assert code == 0, err
    assert "warning: day" not in err and "warning: amount" not in err
    types = types_of(database, "s")
    assert types["day"] == "DATE" and types["amount"] == "DECIMAL(18,2)"
    with duckdb.connect(str(database), read_only=True) as con:
        days = con.sql("SELECT day FROM s WHERE id IN (7, 8) ORDER BY id").fetchall()
        assert days == [(dt.date(2024, 12, 31),), (dt.date(2024, 9, 9),)]
        (nulls,) = con.sql("SELECT count(*) FROM s WHERE amount IS NULL").fetchall()[0]
        assert nulls == NA_AMOUNTS
        assert con.sql("SELECT amount FROM s WHERE id = 1").fetchall() == [(Decimal("79.19"),)]


def test_strict_refuses_dirt_in_one_line_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], dirty_csv: Path, tmp_path: Path
) -> None:
    database = tmp_path / "new.duckdb"
    code, out, err = run(capsys, "load", str(dirty_csv), "-t", "s", "-d", str(database), "--strict")
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: --strict: 4 columns have dirt")
    assert "price (" in lines[0] and "qty (1 of 50,000" in lines[0]
    assert "day:" in out and "Fix: --date-format %d/%m/%Y" in out  # the details, on stdout
    assert not database.exists()


def test_json_prints_the_report_and_nothing_else(
    capsys: pytest.CaptureFixture[str], dirty_csv: Path, tmp_path: Path
) -> None:
    database = str(tmp_path / "j.duckdb")
    code, out, err = run(
        capsys, "load", str(dirty_csv), "-t", "s", "-d", database, "--json", "--null", "n/a"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["rows"] == report["table_rows"] == ROWS
    columns = {c["name"]: c for c in report["columns"]}
    assert columns["amount"] == {"name": "amount", "type": "DOUBLE", "nulls": NA_AMOUNTS,
                                 "source": "inferred"}  # fmt: skip
    assert {d["column"] for d in report["dirt"]} == {"day", "price", "qty"}
    assert report["dialect"]["delimiter"] == "," and report["format"] == "csv"


def test_a_type_the_values_break_is_refused_and_the_table_kept(
    capsys: pytest.CaptureFixture[str], dirty_csv: Path, retail_db: Path
) -> None:
    before = fingerprint(retail_db)
    code, _, err = run(
        capsys, "load", str(dirty_csv), "-t", "orders", "-d", str(retail_db),
        "--type", "price=DECIMAL(12,2)",
    )  # fmt: skip
    assert code == 2
    assert f"price ({DOLLARS:,} of {ROWS:,} values not DECIMAL(12,2))" in err
    assert "--type price=VARCHAR" in err  # the fix: text, then a cleaning expression
    assert fingerprint(retail_db) == before
    with pytest.raises(LoadRefused) as refused:
        load(dirty_csv, "orders", database=str(retail_db), types={"price": "DECIMAL(12,2)"})
    assert refused.value.problems[0].examples == [("$1,234.50", DOLLARS)]
    with pytest.raises(UsageError, match="unknown column 'prise'") as unknown:
        load(dirty_csv, "x", database=str(retail_db), types={"prise": "INT"})
    assert unknown.value.hint == "did you mean 'price'?"
    with pytest.raises(UsageError, match="unknown type"):
        load(dirty_csv, "x", database=str(retail_db), types={"id": "INT); DROP TABLE orders"})
    assert fingerprint(retail_db) == before


def test_appending_other_columns_names_them_and_keeps_the_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "c.duckdb"
    (tmp_path / "base.csv").write_text("id,name,city\n1,Ann,Oslo\n2,Bob,Rome\n")
    (tmp_path / "other.csv").write_text("id,name,vip\n3,Cy,true\n")
    (tmp_path / "typed.csv").write_text("id,name,city\nabc,Dee,Lima\n")
    (tmp_path / "same.csv").write_text("city,id,name\nKyiv,4,Eve\n")  # other order: fine
    assert (
        run(capsys, "load", str(tmp_path / "base.csv"), "-t", "people", "-d", str(database))[0] == 0
    )
    before = fingerprint(database)
    base = ["-t", "people", "-d", str(database), "--append"]
    code, _, err = run(capsys, "load", str(tmp_path / "other.csv"), *base)
    assert code == 2 and "(missing: city; extra: vip)" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "load", str(tmp_path / "typed.csv"), *base)
    assert (
        code == 2 and "type changes: id (1 of 1 values not the table's BIGINT, e.g. 'abc')" in err
    )
    assert fingerprint(database) == before
    code, out, _ = run(capsys, "load", str(tmp_path / "same.csv"), *base, "--json")
    assert code == 0 and json.loads(out)["table_rows"] == 3
    with pytest.raises(SchemaMismatch) as mismatch:
        load(tmp_path / "other.csv", "people", database=str(database), append=True)
    assert (mismatch.value.missing, mismatch.value.extra) == (["city"], ["vip"])


def test_compressed_csv_and_json_lines(tmp_path: Path) -> None:
    text = "day,amount\n" + "".join(f"2024-01-{d:02d},{d}.5\n" for d in range(1, 29))
    (tmp_path / "a.csv.gz").write_bytes(gzip.compress(text.encode()))
    lines = "".join(json.dumps({"id": i, "day": f"2024-02-{i:02d}"}) + "\n" for i in range(1, 9))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    with duckdb.connect() as con:  # DuckDB writes zstd itself: no tool needed
        con.execute(f"COPY (SELECT 1 AS n, 'x' AS s) TO '{tmp_path / 'c.csv.zst'}' (HEADER)")
    database = str(tmp_path / "z.duckdb")
    gz = load(tmp_path / "a.csv.gz", "a", database=database)
    assert (gz.rows, gz.compression, [c.type for c in gz.columns]) == (
        28,
        "gzip",
        ["DATE", "DOUBLE"],
    )
    js = load(tmp_path / "b.jsonl.gz", "b", database=database)
    assert (js.rows, js.format, [c.type for c in js.columns]) == (8, "json", ["BIGINT", "DATE"])
    zst = load(tmp_path / "c.csv.zst", "c", database=database)
    assert (zst.rows, zst.compression) == (1, "zstd")
    with pytest.raises(UsageError, match="--delimiter applies to CSV"):
        load(tmp_path / "b.jsonl.gz", "b", database=database, delimiter=";")


def test_an_excel_workbook_loads_like_a_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "day", "amount"])
    for i in range(1, 21):
        sheet.append([i, dt.datetime(2024, 3, i), "n/a" if i == 4 else i * 1.25])
    book.save(tmp_path / "book.xlsx")
    database = tmp_path / "x.duckdb"
    code, _, err = run(capsys, "load", str(tmp_path / "book.xlsx"), "-t", "b", "-d", str(database))
    assert code == 0 and "amount: 1 of 20 values are not DECIMAL(18,2) ('n/a' ×1)" in err
    report = load(tmp_path / "book.xlsx", "b", database=str(database), nulls="n/a")
    assert report.format == "xlsx" and not report.dirt
    assert types_of(database, "b") == {"id": "BIGINT", "day": "DATE", "amount": "DOUBLE"}
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip at all")
    code, _, err = run(
        capsys, "load", str(tmp_path / "broken.xlsx"), "-t", "b", "-d", str(database)
    )
    assert code == 2 and "as an Excel workbook" in err


def test_a_workbook_sheet_is_chosen_by_name_or_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "notes"
    first.append(["note"])
    first.append(["read me"])
    regions = book.create_sheet("Regions 2025")
    regions.append(["region", "sales"])
    for i in range(1, 6):
        regions.append([f"r{i}", i * 10])
    book.save(tmp_path / "two.xlsx")
    database = str(tmp_path / "x.duckdb")
    by_name = load(tmp_path / "two.xlsx", "r", database=database, sheet="Regions 2025")
    by_number = load(tmp_path / "two.xlsx", "n", database=database, sheet=2)
    assert [c.name for c in by_name.columns] == ["region", "sales"] and by_name.rows == 5
    assert [c.name for c in by_number.columns] == ["region", "sales"]
    assert load(tmp_path / "two.xlsx", "f", database=database).rows == 1  # the first sheet
    code, _, err = run(capsys, "load", str(tmp_path / "two.xlsx"), "-t", "x", "-d", database,
                       "--sheet", "3")  # fmt: skip
    assert code == 2 and "has no sheet '3'" in err and "'notes', 'Regions 2025'" in err
    (tmp_path / "a.csv").write_text("a\n1\n")
    with pytest.raises(UsageError, match="--sheet is for Excel"):
        load(tmp_path / "a.csv", "a", database=database, sheet="1")


def test_dialect_and_encoding_options(tmp_path: Path) -> None:
    database = str(tmp_path / "d.duckdb")
    (tmp_path / "semi.csv").write_text("1;2\n3;4\n")
    report = load(tmp_path / "semi.csv", "t", database=database, delimiter=";", header=False)
    assert report.rows == 2 and [c.name for c in report.columns] == ["column0", "column1"]
    (tmp_path / "latin.csv").write_bytes("name,city\ncafé,Sète\n".encode("latin-1"))
    with pytest.raises(UsageError) as caught:
        load(tmp_path / "latin.csv", "t", database=database)
    assert caught.value.hint and "--encoding latin-1" in caught.value.hint
    assert load(tmp_path / "latin.csv", "t", database=database, encoding="latin-1").rows == 1
    (tmp_path / "wide.csv").write_text("a,b\n1,2\n".encode("utf-16").decode("latin-1"), "latin-1")
    assert load(tmp_path / "wide.csv", "w", database=database).rows == 1  # the BOM says UTF-16


def test_a_very_wide_file_skips_the_scan_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    header = ",".join(f"c{i}" for i in range(250))
    (tmp_path / "wide.csv").write_text(header + "\n" + ",".join("1" * 250) + "\n")
    report = load(tmp_path / "wide.csv", "w", database=str(tmp_path / "w.duckdb"))
    assert len(report.columns) == 250 and report.columns[0].nulls is None
    assert "dirt scan" in report.notes[0]
    code, out, _ = run(
        capsys, "load", str(tmp_path / "wide.csv"), "-t", "w", "-d", str(tmp_path / "w.duckdb")
    )
    assert code == 0 and "... and 150 more columns (--json lists every one)" in out


def test_progress_reaches_the_caller_and_a_terminal(
    capsys: pytest.CaptureFixture[str], dirty_csv: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    seen: list[tuple[str, float | None]] = []
    load(dirty_csv, "s", database=str(tmp_path / "p.duckdb"), progress=lambda *a: seen.append(a))
    phases = [phase for phase, _ in seen]
    assert {"scanning for dirt", "loading", "publishing"} <= set(phases)
    assert ("loading", 1.0) in seen and phases.index("scanning for dirt") < phases.index("loading")
    terminal = io.StringIO()
    monkeypatch.setattr(cli_load, "err", Console(file=terminal, force_terminal=True, width=100))
    monkeypatch.setattr(cli_load, "SLOW", 0.0)
    code, out, _ = run(capsys, "load", str(dirty_csv), "-t", "s", "-d", str(tmp_path / "p.duckdb"))
    assert code == 0 and "loading" in terminal.getvalue() and "━" in terminal.getvalue()
    assert "scanning" not in out  # the bar is stderr's alone


def test_postgres_gets_the_options_applied_before_the_transfer(
    pg_retail: str, tmp_path: Path
) -> None:
    from datamorph.engines import open_engine

    rows = "".join(
        f"{i},{'31/12/2024' if i == 3 else f'2024-05-{i:02d}'},{'n/a' if i == 5 else f'{i}.25'}\n"
        for i in range(1, 21)
    )
    (tmp_path / "rates.csv").write_text("id,day,amount\n" + rows)
    options: dict[str, Any] = {"types": {"amount": "DECIMAL(10,2)"}, "nulls": ["n/a"]}
    report = load(tmp_path / "rates.csv", "load_rates", database=pg_retail,
                  date_format="%d/%m/%Y", **options)  # fmt: skip
    assert report.rows == 20 and not report.dirt and "postgresql://" in report.database
    password = pg_retail.split(":")[2].split("@")[0]
    assert password not in report.database and password not in report.model_dump_json()
    (tmp_path / "more.csv").write_text("id,day,note\n21,2024-06-01,x\n")
    with pytest.raises(SchemaMismatch, match=r"missing: amount; extra: note"):
        load(tmp_path / "more.csv", "load_rates", database=pg_retail, append=True)
    engine = open_engine(pg_retail)
    try:
        columns = {c.name: c.type for c in engine.catalog(samples=0).table("load_rates").columns}
        days = engine.query("SELECT day, amount FROM load_rates WHERE id IN (3, 5) ORDER BY id")
    finally:
        engine.close()
    assert columns == {"id": "bigint", "day": "date", "amount": "numeric(10,2)"}
    assert days.rows == [(dt.date(2024, 12, 31), Decimal("3.25")), (dt.date(2024, 5, 5), None)]
