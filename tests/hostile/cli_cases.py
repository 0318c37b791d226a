"""Harness for the hostile CLI battery: fixtures on disk, one real subprocess per case, checks.

Every case runs `.venv/bin/datamorph` in its own working directory (so `.datamorph/`, the run
store, is private to it), with `DATAMORPH_OFFLINE=1` (the README's and tests/conftest.py's
switch that forbids real network calls), no `DATAMORPH_*` setting inherited, and `HOME` pointed
into the case's directory (DuckDB writes extensions under `~/.duckdb`: a refused `INSTALL` must
leave nothing there). The trained monitor classifier is shared through `DATAMORPH_CACHE` so it
is not retrained per process.

Inputs live under `data/` in the working directory. A read-only case snapshots `data/` (names,
sizes, mtimes and hashes of every file) before and after: a changed byte, a touched mtime or a
new file such as `shop.duckdb.wal` is a modification.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shlex
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

VENV_BIN = Path(sys.prefix) / "bin"
if not (VENV_BIN / "datamorph").exists():  # pytest not started from the project's virtualenv
    VENV_BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"
DATAMORPH = VENV_BIN / "datamorph"

TIMEOUT = 30.0  # an error path takes ~1.5 s and a small run ~2-5 s: 30 s is a hang
HEAVY_TIMEOUT = 45.0  # 50 MB inputs, 100000-level nesting: ~5-15 s when they work
# a FIFO must be refused at once (~1.5 s); waiting on it is the defect. These cases run a few at
# a time (BLOCKING_AT_ONCE), so their start-up shares the CPU: the bound leaves room for that.
FIFO_TIMEOUT = 20.0
BLOCKING_AT_ONCE = 5
MAX_FIRST_LINE = 300
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ROOT_SKIP = "runs as root: file permissions do not stop root, so this case cannot fail"
MB = 1024 * 1024

SPEC: dict[str, Any] = {
    "version": 1,
    "description": "Total order amount per customer",
    "source_tables": [{"name": "customers", "alias": "c"}, {"name": "orders", "alias": "o"}],
    "join_conditions": [
        {"left": "c", "right": "o", "type": "left", "on": "c.customer_id = o.customer_id"}
    ],
    "filters": [],
    "group_by": ["c.customer_id", "c.customer_name"],
    "aggregations": [{"name": "total_amount", "expr": "sum(o.amount)"}],
    "target_table": {"name": "customer_totals", "mode": "replace", "keys": ["customer_id"]},
}
GOOD_SQL = (
    "SELECT c.customer_id, c.customer_name, SUM(o.amount) AS total_amount\n"
    "FROM customers AS c LEFT JOIN orders AS o ON c.customer_id = o.customer_id\n"
    "GROUP BY c.customer_id, c.customer_name\n"
)
PROMPT = "number of orders per city"  # the offline planner reads this on every test database
TZ_SPEC: dict[str, Any] = {  # groups by the TIMESTAMPTZ column, so it is in the output
    "version": 1,
    "description": "Order count per time stamp",
    "source_tables": [{"name": "orders", "alias": "o"}],
    "group_by": ["o.created_at"],
    "aggregations": [{"name": "order_count", "expr": "count(o.order_id)"}],
    "target_table": {"name": "orders_per_instant", "mode": "replace", "keys": ["created_at"]},
}


# ---------------------------------------------------------------------------------------------
# Templates: built once per test process, copied into each case.


def _shop(path: Path, *, tz: bool = False, checked_table: bool = True) -> None:
    when = "TIMESTAMPTZ" if tz else "DATE"
    con = duckdb.connect(str(path))
    try:
        con.execute(
            "CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, customer_name VARCHAR, "
            "city VARCHAR)"
        )
        con.execute(
            "INSERT INTO customers VALUES (1, 'Ann', 'Paris'), (2, 'Bob', 'Rome'), "
            "(3, 'Cy', 'Oslo')"
        )
        con.execute(
            "CREATE TABLE orders(order_id INTEGER PRIMARY KEY, customer_id INTEGER "
            f"REFERENCES customers(customer_id), amount DECIMAL(10, 2), status VARCHAR, "
            f"created_at {when})"
        )
        stamps = (
            ["2024-01-01 10:00:00+00", "2024-02-01 11:30:00+02", "2024-03-01 09:15:00-05"]
            if tz
            else ["2024-01-01", "2024-02-01", "2024-03-01"]
        )
        con.execute(
            "INSERT INTO orders VALUES "
            f"(10, 1, 5.50, 'completed', '{stamps[0]}'), (11, 1, 7.00, 'completed', "
            f"'{stamps[1]}'), (12, 2, 3.00, 'cancelled', '{stamps[2]}'), "
            f"(13, 3, 4.25, 'completed', '{stamps[0]}')"
        )
        if checked_table:  # an existing table that `validate` reads (not published by us)
            con.execute(f"CREATE TABLE totals_check AS {GOOD_SQL}")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _exotic(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')")
        con.execute(
            "CREATE TABLE readings AS SELECT * FROM (VALUES "
            "(1, INTERVAL 3 DAY, uuid(), '\\xAA\\xFF'::BLOB, "
            "170141183460469231731687303715884105727::HUGEINT, [1, 2, 3], {'a': 1, 'b': 'x'}, "
            "MAP {'k': 1}, 'happy'::mood, "
            "'101'::BIT, '10:00:00+02'::TIMETZ, '{\"j\": [1, {\"k\": null}]}'::JSON, "
            "'nan'::DOUBLE, 'infinity'::DOUBLE, '2024-05-01 12:00:00+00'::TIMESTAMPTZ, "
            "'infinity'::DATE, 12345678901234567890.1234567890::DECIMAL(38, 10), NULL::VARCHAR),"
            "(2, INTERVAL 1 MONTH, uuid(), ''::BLOB, -1::HUGEINT, [], {'a': 2, 'b': NULL}, "
            "MAP {}, 'sad'::mood, '0'::BIT, '23:59:59-11'::TIMETZ, 'null'::JSON, "
            "'-inf'::DOUBLE, -0.0::DOUBLE, '1970-01-01 00:00:00+00'::TIMESTAMPTZ, "
            "'-infinity'::DATE, 0::DECIMAL(38, 10), NULL::VARCHAR)"
            ") AS t(reading_id, span, uid, payload, huge, list_col, struct_col, map_col, "
            "kind, bits, local_time, doc, ratio, peak, taken_at, valid_until, precise, note)"
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


@dataclass
class Templates:
    root: Path
    shop: Path
    shop_tz: Path
    exotic: Path
    sqlite: Path
    store: Path  # a `.datamorph` holding one completed run
    run_id: str


def build_templates(root: Path, env: dict[str, str]) -> Templates:
    root.mkdir(parents=True, exist_ok=True)
    shop = root / "shop.duckdb"
    _shop(shop)
    shop_tz = root / "shop_tz.duckdb"
    _shop(shop_tz, tz=True)
    exotic = root / "exotic.duckdb"
    _exotic(exotic)
    lite = root / "lite.sqlite"
    with sqlite3.connect(lite) as con:
        con.execute("CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO customers VALUES (1, 'Ann')")
    # A run store with one real, completed run (the only way to get a real one).
    home = root / "storehome"
    (home / "data").mkdir(parents=True)
    shutil.copy(shop, home / "data" / "shop.duckdb")
    (home / "data" / "spec.json").write_text(json.dumps(SPEC))
    done = subprocess.run(
        [str(DATAMORPH), "run", "-s", "data/spec.json", "-d", "data/shop.duckdb", "--json"],
        cwd=home,
        env={**env, "HOME": str(home)},
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    try:
        run_id = json.loads(done.stdout)["run_id"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(
            f"the template run failed: {done.returncode} {done.stdout!r} {done.stderr!r}"
        ) from error
    return Templates(root, shop, shop_tz, exotic, lite, home / ".datamorph", run_id)


def base_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATAMORPH_", "ANTHROPIC_", "OPENAI_", "AWS_", "PYTEST_"))
    }
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "datamorph"
    env["DATAMORPH_CACHE"] = os.environ.get("DATAMORPH_CACHE") or str(cache)
    env["DATAMORPH_OFFLINE"] = "1"
    env["COLUMNS"] = "100"
    return env


# ---------------------------------------------------------------------------------------------
# The working directory of one case.


class Ctx:
    """A case's working directory: `data/` for inputs, `vars` for the argument placeholders."""

    def __init__(self, root: Path, templates: Templates, env: dict[str, str]) -> None:
        self.root = root
        self.data = root / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        (root / "home").mkdir(exist_ok=True)
        self.t = templates
        self.env = {**env, "HOME": str(root / "home")}
        self.vars: dict[str, str] = {"run_id": templates.run_id}
        self.cleanup: list[Path] = []
        self.undo: list[Callable[[], None]] = []

    def rel(self, path: Path) -> str:
        return os.path.relpath(path, self.root)

    def put(self, var: str, name: str, content: bytes | str | None = None) -> Path:
        """Write data/NAME (None: leave it absent) and bind {var} to its relative path."""
        path = self.data / name
        if content is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
            if len(content) > MB:
                self.cleanup.append(path)
        self.vars[var] = self.rel(path)
        return path

    def copy(self, var: str, source: Path, name: str) -> Path:
        path = self.data / name
        shutil.copy(source, path)
        self.vars[var] = self.rel(path)
        return path

    def store(self) -> Path:
        target = self.root / ".datamorph"
        shutil.copytree(self.t.store, target)
        return target

    def chmod(self, path: Path, mode: int) -> None:
        old = stat.S_IMODE(path.stat().st_mode)
        path.chmod(mode)
        self.undo.append(lambda: path.chmod(old))

    def argv(self, args: Sequence[str]) -> list[str]:
        out = []
        for arg in args:
            for key, value in self.vars.items():
                arg = arg.replace("{" + key + "}", value)
            out.append(arg)
        return out

    def close(self) -> None:
        for step in reversed(self.undo):
            with contextlib.suppress(OSError):
                step()
        for path in self.cleanup:
            path.unlink(missing_ok=True)


Setup = Callable[[Ctx], None]


def compose(*steps: Setup) -> Setup:
    def setup(ctx: Ctx) -> None:
        for step in steps:
            step(ctx)

    return setup


def std(ctx: Ctx) -> None:
    """data/shop.duckdb ({db}), data/spec.json ({spec}), data/good.sql ({code})."""
    ctx.copy("db", ctx.t.shop, "shop.duckdb")
    ctx.put("spec", "spec.json", json.dumps(SPEC, indent=2))
    ctx.put("code", "good.sql", GOOD_SQL)


def put(var: str, name: str, content: bytes | str | Callable[[], bytes | str] | None) -> Setup:
    def setup(ctx: Ctx) -> None:
        ctx.put(var, name, content() if callable(content) else content)

    return setup


def spec_file(var: str, data: Any, name: str = "hostile.json") -> Setup:
    """Bind {var} to a spec file holding `data` as JSON (a callable is called at setup)."""

    def setup(ctx: Ctx) -> None:
        value = data() if callable(data) else data
        ctx.put(var, name, json.dumps(value, ensure_ascii=False))

    return setup


# ---------------------------------------------------------------------------------------------
# Observations and checks.


def snapshot(directory: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry under `directory`: kind, size, mtime and (for regular files) a hash."""
    found: dict[str, tuple[Any, ...]] = {}
    if not directory.exists():
        return found
    for path in sorted(directory.rglob("*")):
        st = path.lstat()
        name = str(path.relative_to(directory))
        if stat.S_ISREG(st.st_mode):
            digest = "unreadable"
            with contextlib.suppress(OSError):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[name] = ("file", st.st_size, st.st_mtime_ns, digest)
        elif stat.S_ISDIR(st.st_mode):
            found[name] = ("dir",)
        else:
            found[name] = ("special", stat.S_IFMT(st.st_mode), st.st_mtime_ns)
    return found


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    out = []
    for name in sorted(set(before) | set(after)):
        if name not in after:
            out.append(f"{name} was deleted")
        elif name not in before:
            out.append(f"{name} was created")
        elif before[name] != after[name]:
            b, a = before[name], after[name]
            what = "content changed" if len(b) > 3 and b[3] != a[3] else "mtime/size changed"
            out.append(f"{name}: {what}")
    return out


def table_state(db: Path) -> dict[str, str] | str:
    """{table: hash of its columns and rows}, or a string saying why it cannot be read."""
    if not db.is_file():
        return "missing"
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as error:
        return f"unreadable: {str(error).splitlines()[0][:120]}"
    try:
        names = [
            n
            for (n,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
                "AND database_name = current_database()"
            ).fetchall()
        ]
        state = {}
        for name in names:
            quoted = '"' + name.replace('"', '""') + '"'
            cursor = con.execute(f"SELECT * FROM {quoted}")
            cols = [(d[0], str(d[1])) for d in cursor.description or []]
            rows = sorted(repr(r) for r in cursor.fetchall())
            state[name] = hashlib.sha256(repr((cols, rows)).encode()).hexdigest()
        return state
    finally:
        con.close()


def _signal_name(code: int) -> str:
    import signal

    try:
        return signal.Signals(-code).name
    except ValueError:
        return str(-code)


@dataclass
class Outcome:
    argv: list[str]
    rc: int | None  # None: timed out
    out: str
    err: str
    seconds: float
    cwd: str = ""  # the working directory, so its (long, temporary) path can be discounted

    @property
    def command(self) -> str:
        shown = []
        for arg in self.argv:
            text = arg if len(arg) <= 80 else f"{arg[:60]}...<{len(arg)} chars>"
            shown.append(shlex.quote(text))
        return "datamorph " + " ".join(shown)

    def json(self) -> Any:
        try:
            return json.loads(self.out)
        except ValueError:
            return None

    def head(self, lines: int = 3) -> str:
        def cut(text: str) -> str:
            kept = [line[:200] for line in text.strip().splitlines()[:lines]]
            return "\n    ".join(kept)

        return f"stdout: {cut(self.out)}\n  stderr: {cut(self.err)}"


def invoke(ctx: Ctx, args: Sequence[str], timeout: float, stdin: bytes | None = None) -> Outcome:
    argv = ctx.argv(args)
    started = time.monotonic()
    try:
        done = subprocess.run(
            [str(DATAMORPH), *argv],
            cwd=ctx.root,
            env=ctx.env,
            capture_output=True,
            timeout=timeout,
            input=stdin if stdin is not None else b"",
        )
    except subprocess.TimeoutExpired as expired:
        return Outcome(
            argv,
            None,
            (expired.stdout or b"").decode("utf-8", "replace"),
            (expired.stderr or b"").decode("utf-8", "replace"),
            time.monotonic() - started,
            str(ctx.root),
        )
    return Outcome(
        argv,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        time.monotonic() - started,
        str(ctx.root),
    )


def error_format_problems(o: Outcome) -> list[str]:
    """A refusal: a non-empty message, one line (plus at most one hint line), short."""
    lines = [line for line in o.err.splitlines() if line.strip()]
    if not lines:
        return [f"exit {o.rc} without any error message on stderr"]
    problems = []
    if len(lines) > 2:
        problems.append(
            f"the error is {len(lines)} lines, not one (+ one hint line): "
            f"{' | '.join(line.strip()[:70] for line in lines[:4])}"
        )
    # the temporary working directory's path counts as "." (a user's own path is short)
    first = lines[0].replace(o.cwd, ".") if o.cwd else lines[0]
    if len(first) > MAX_FIRST_LINE:
        problems.append(
            f"the error's first line is {len(first)} characters (> 300, with the working "
            "directory's path counted as '.')"
        )
    return problems


def common_problems(o: Outcome, timeout: float) -> list[str]:
    if o.rc is None:
        return [f"hung: no answer within {timeout:.0f} s"]
    problems = []
    if o.rc < 0:
        problems.append(f"crashed: killed by signal {_signal_name(o.rc)}")
    if o.rc == 3:
        problems.append("exit 3 (internal error)")
    both = o.out + "\n" + o.err
    if "Traceback" in both:
        problems.append("a Python traceback was printed")
    if "internal error" in both.lower():
        problems.append("'internal error' was printed")
    if "--json" in o.argv and o.out.strip() and o.rc in (0, 1, 2) and o.json() is None:
        problems.append("--json: stdout is not exactly one JSON document")
    return problems


EXPECTS = ("ok", "usage", "error", "clean", "refused")


@dataclass
class Case:
    """One hostile invocation. `expect`:
    - ok: exit 0 (a legitimate input must still work);
    - usage: exit 2 with a one-line error (bad input, nothing ran);
    - error: exit 1 or 2 (a refusal or a run that did not complete), a one-line error on 2;
    - clean: exit 0, 1 or 2 (an absurd input that may be accepted), a one-line error on 2;
    - refused: like error, and a `--json` run object (exit 1) must say why.
    """

    id: str
    args: Sequence[str]
    setup: Setup = std
    expect: str = "usage"
    readonly: bool = False  # every file under data/ keeps its bytes and mtime; nothing is added
    preserve: bool = False  # every table of {db} keeps its rows (new tables allowed)
    same_db: bool = False  # {db} keeps exactly its tables and rows
    timeout: float = TIMEOUT
    skip: str | None = None
    stdin: bytes | None = None
    extra: Callable[[Ctx, Outcome], list[str]] | None = None
    group: str = ""
    # a case that may block without using the CPU (a FIFO): run with the others like it, at once
    concurrent: bool = False
    steps: Sequence[Sequence[str]] = field(default_factory=tuple)  # commands before `args`

    def __post_init__(self) -> None:
        assert self.expect in EXPECTS, self.expect


def expectation_problems(case: Case, o: Outcome) -> list[str]:
    if o.rc is None or o.rc < 0:
        return []
    rc = o.rc
    problems = []
    if case.expect == "ok":
        if rc != 0:
            problems.append(f"exit {rc}, expected 0 (a legitimate input must work)")
    elif case.expect == "usage":
        if rc != 2:
            problems.append(f"exit {rc}, expected 2 (bad input is a usage error)")
        if rc == 2 or o.err.strip():  # a run that ended with a JSON object has said its piece
            problems += error_format_problems(o)
    elif case.expect in ("error", "refused"):
        if rc == 0:
            problems.append("exit 0: the input was accepted, expected a refusal or a failed run")
        elif rc == 2 or (rc == 1 and o.err.strip()):
            problems += error_format_problems(o)
        if case.expect == "refused" and rc == 1:
            data = o.json()
            if not isinstance(data, dict):
                problems.append("the failed run printed no run JSON")
            elif data.get("status") not in ("failed", "needs_attention"):
                problems.append(f"run status {data.get('status')!r}, expected failed")
            elif not str(data.get("message") or "").strip():
                problems.append("the failed run gives no reason")
    elif case.expect == "clean":
        if rc not in (0, 1, 2):
            problems.append(f"exit {rc}, expected 0, 1 or 2")
        elif rc != 0 and (rc == 2 or o.err.strip()):
            problems += error_format_problems(o)
    return problems


def execute_case(case: Case, root: Path, templates: Templates, env: dict[str, str]) -> list[str]:
    """Run the case; the list of every rule it breaks (empty: it passed)."""
    ctx = Ctx(root, templates, env)
    try:
        case.setup(ctx)
        for step in case.steps:  # preparation commands (their own outcome is not judged)
            invoke(ctx, step, TIMEOUT)
        db = root / ctx.vars["db"] if "db" in ctx.vars else None
        before_files = snapshot(ctx.data) if case.readonly else {}
        before_tables = table_state(db) if db and (case.preserve or case.same_db) else {}
        o = invoke(ctx, case.args, case.timeout, case.stdin)
        problems = common_problems(o, case.timeout) + expectation_problems(case, o)
        if case.readonly:
            changed = snapshot_diff(before_files, snapshot(ctx.data))
            if changed:
                problems.append("a read-only command modified its inputs: " + "; ".join(changed))
        if db and (case.preserve or case.same_db) and isinstance(before_tables, dict):
            after = table_state(db)
            problems += _table_problems(before_tables, after, exact=case.same_db)
        if case.extra is not None:
            problems += case.extra(ctx, o)
        if problems:
            problems.append(f"command: {o.command}")
            problems.append(f"exit {o.rc} after {o.seconds:.1f} s; {o.head()}")
        return problems
    finally:
        ctx.close()


BOOKKEEPING = frozenset({"_dm_publish_log", "_dm_staging_log"})


def _table_problems(
    before: dict[str, str], after: dict[str, str] | str, *, exact: bool
) -> list[str]:
    if isinstance(after, str):
        return [f"the database can no longer be read: {after}"]
    problems = []
    # DataMorph's own bookkeeping: one row per publish, written in the publish's transaction
    before = {k: v for k, v in before.items() if k not in BOOKKEEPING}
    after = {k: v for k, v in after.items() if k not in BOOKKEEPING}
    for name, digest in before.items():
        if name not in after:
            problems.append(f"table {name} was dropped or renamed")
        elif after[name] != digest:
            problems.append(f"table {name} was changed")
    if exact:
        added = sorted(set(after) - set(before))
        if added:
            problems.append(f"the database gained tables: {', '.join(added)}")
    return problems


# ---------------------------------------------------------------------------------------------
# Extra checks used by several groups.


def no_files_named(*names: str) -> Callable[[Ctx, Outcome], list[str]]:
    """None of `names` may appear anywhere under the working directory (outside the artifacts,
    which keep a copy of the code), and DuckDB must not have installed an extension."""

    def check(ctx: Ctx, o: Outcome) -> list[str]:
        problems = []
        for path in ctx.root.rglob("*"):
            if "artifacts" in path.parts:
                continue
            if path.name in names:
                problems.append(f"the code wrote {ctx.rel(path)}")
        if (ctx.root / "home" / ".duckdb" / "extensions").exists():
            problems.append("an extension was installed under ~/.duckdb/extensions")
        return problems

    return check


def no_file(*relative: str) -> Callable[[Ctx, Outcome], list[str]]:
    def check(ctx: Ctx, o: Outcome) -> list[str]:
        return [f"{r} was created" for r in relative if (ctx.root / r).exists()]

    return check


def store_rows(store: Path) -> dict[str, int] | str:
    db = store / "runs.db"
    if not db.is_file():
        return "missing"
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            names = [
                n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
        finally:
            con.close()
    except sqlite3.Error as error:
        return f"unreadable: {error}"


def seeded_bytes(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)
