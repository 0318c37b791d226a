"""The hostile CLI cases, by group. Each builder returns `Case`s; `all_cases()` is the battery.

Placeholders in arguments are filled from the case's working directory: {db} (data/shop.duckdb,
a small DuckDB file built with the duckdb package), {spec} (a valid spec over it), {code} (a
valid SELECT), {x} (the hostile input of the case), {csv} (a small CSV), {run_id} (a real run
in the copied run store).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cli_cases import (
    FIFO_TIMEOUT,
    HEAVY_TIMEOUT,
    IS_ROOT,
    MB,
    PROMPT,
    ROOT_SKIP,
    SPEC,
    TZ_SPEC,
    Case,
    Ctx,
    Outcome,
    Setup,
    compose,
    no_file,
    no_files_named,
    put,
    seeded_bytes,
    spec_file,
    std,
    store_rows,
)

SPEC_JSON = json.dumps(SPEC)
CSV = "customer_id,customer_name,city\n7,Dee,Lima\n8,Eve,Kyiv\n"


def with_csv(ctx: Ctx) -> None:
    ctx.put("csv", "more.csv", CSV)


def std_csv(ctx: Ctx) -> None:
    std(ctx)
    with_csv(ctx)


def mutate(change: Callable[[dict[str, Any]], Any]) -> Callable[[], Any]:
    """A copy of the valid spec changed by `change` (which may return a replacement)."""

    def build() -> Any:
        spec = copy.deepcopy(SPEC)
        replaced = change(spec)
        return spec if replaced is None else replaced

    return build


def setitem(path: str, value: Any) -> Callable[[], Any]:
    """The valid spec with the value at `a.b.0.c` replaced (a missing key is added)."""

    def change(spec: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = spec
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate(change)


def delitem(path: str) -> Callable[[], Any]:
    def change(spec: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = spec
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        del node[last]

    return mutate(change)


def _compile(var: str = "spec") -> list[str]:
    return ["compile", "-s", "{" + var + "}", "-d", "{db}"]


def _run(var: str = "spec") -> list[str]:
    return ["run", "-s", "{" + var + "}", "-d", "{db}", "--json"]


def _validate(var: str = "spec") -> list[str]:
    return ["validate", "-s", "{" + var + "}", "-t", "totals_check", "-d", "{db}"]


# ---------------------------------------------------------------------------------------------
# Spec files that are not JSON, not UTF-8, empty, binary, huge, deep.


def _deep_array() -> str:
    return "[" * 100_000 + "]" * 100_000


def _deep_object() -> str:
    return '{"a": ' * 100_000 + "1" + "}" * 100_000


def _huge_string() -> str:
    return json.dumps({**SPEC, "description": "x" * (50 * MB)})


def _huge_array() -> bytes:
    return b"[" + b"0," * (25 * MB) + b"0]"


SPEC_FILES: list[tuple[str, Callable[[], bytes | str], str, bool]] = [
    # (kind, content, expect, heavy)
    ("invalid_json", lambda: '{"version": 1,', "usage", False),
    ("trailing_garbage", lambda: SPEC_JSON + " and more", "usage", False),
    ("deep_array_100000", _deep_array, "usage", True),
    ("deep_object_100000", _deep_object, "usage", True),
    (
        "invalid_utf8",
        lambda: b'{"version": 1, "description": "caf\xe9 \xff\xfe\xc3("}',
        "usage",
        False,
    ),
    ("utf16_bom", lambda: SPEC_JSON.encode("utf-16"), "clean", False),
    ("utf8_bom", lambda: b"\xef\xbb\xbf" + SPEC_JSON.encode(), "clean", False),
    ("empty", lambda: b"", "usage", False),
    ("binary_random", lambda: seeded_bytes(4096), "usage", False),
    ("huge_50mb_garbage", lambda: b"x" * (50 * MB), "usage", True),
    ("huge_50mb_description", _huge_string, "clean", True),
    ("huge_50mb_array", _huge_array, "usage", True),
    ("nan_literal", lambda: SPEC_JSON[:-1] + ', "version": NaN}', "usage", False),
    ("infinite_number", lambda: '{"version": 1e999999}', "usage", False),
    ("int_5000_digits", lambda: '{"version": 1' + "0" * 5000 + "}", "usage", False),
    ("raw_control_chars", lambda: '{"version": 1, "description": "a\x01\x02b"}', "usage", False),
    (
        "lone_surrogate",
        lambda: SPEC_JSON[:-1] + ', "description": "bad \\ud800 text"}',
        "clean",
        False,
    ),
]
# every kind goes through `compile`; these also through `validate` / `run`
SPEC_FILES_ALSO: dict[str, tuple[str, ...]] = {
    "invalid_utf8": ("validate", "run"),
    "utf16_bom": ("run",),
    "deep_object_100000": ("run",),
    "binary_random": ("run",),
    "huge_50mb_garbage": ("run",),
    "lone_surrogate": ("run",),
}


def spec_file_cases() -> list[Case]:
    cases = []
    for kind, content, expect, heavy in SPEC_FILES:
        setup = compose(std, put("x", "hostile.json", content))
        timeout = HEAVY_TIMEOUT if heavy else 30.0
        commands = [("compile", _compile("x"), True)]
        also = SPEC_FILES_ALSO.get(kind, ())
        if "validate" in also:
            commands.append(("validate", _validate("x"), True))
        if "run" in also:
            commands.append(("run", _run("x"), False))
        for name, args, readonly in commands:
            cases.append(
                Case(
                    f"spec_file-{kind}-{name}",
                    args,
                    setup,
                    expect=expect,
                    readonly=readonly,
                    preserve=not readonly,
                    timeout=timeout,
                )
            )
    return cases


# ---------------------------------------------------------------------------------------------
# JSON of the wrong shape, wrong types, unknown and missing fields.

SHAPES: list[tuple[str, Callable[[], Any], str]] = [
    ("top_list", lambda: [SPEC], "usage"),
    ("top_number", lambda: 42, "usage"),
    ("top_empty_object", lambda: {}, "usage"),
    ("source_tables_string", setitem("source_tables", "customers"), "usage"),
    ("source_tables_empty", setitem("source_tables", []), "usage"),
    ("target_string", setitem("target_table", "customer_totals"), "usage"),
    ("version_string", setitem("version", "1"), "usage"),
    ("version_2", setitem("version", 2), "usage"),
    # a single string for a list is the model's documented shorthand
    ("filters_string", setitem("filters", "o.amount > 0"), "clean"),
    ("join_type_cross", setitem("join_conditions.0.type", "cross"), "usage"),
    # "yes" is a boolean in pydantic's lax mode
    ("order_desc_string", setitem("order_by", [{"expr": "total_amount", "desc": "yes"}]), "clean"),
    ("unknown_top_field", setitem("colour", "red"), "usage"),
    ("unknown_proto_field", setitem("__proto__", {"admin": True}), "usage"),
    ("missing_version", delitem("version"), "clean"),
    ("missing_source_tables", delitem("source_tables"), "usage"),
    ("missing_target_name", delitem("target_table.name"), "usage"),
]


def spec_shape_cases() -> list[Case]:
    cases = []
    for i, (kind, data, expect) in enumerate(SHAPES):
        setup = compose(std, spec_file("x", data))
        if i % 6 == 0:  # every sixth shape through `compile`, all through `run`
            cases.append(
                Case(f"spec_shape-{kind}-compile", _compile("x"), setup, expect, readonly=True)
            )
        cases.append(Case(f"spec_shape-{kind}-run", _run("x"), setup, expect, preserve=True))
    return cases


# ---------------------------------------------------------------------------------------------
# Enormous strings, unicode names, quotes, semicolons, newlines, SQL injection.

INJECT = "; DROP TABLE orders; --"
VALUES: list[tuple[str, Callable[[], Any], str, bool]] = [
    # (kind, spec, expect, also through compile)
    ("source_name_1mb", setitem("source_tables.0.name", "c" * MB), "usage", True),
    ("target_name_1mb", setitem("target_table.name", "t" * MB), "clean", False),
    (
        "filter_or_chain_50000",
        setitem("filters", ["o.amount > 0 OR " * 50_000 + "TRUE"]),
        "clean",
        False,
    ),
    (
        "aggregation_plus_chain_100000",
        setitem("aggregations.0.expr", "sum(" + "+".join(["o.amount"] * 100_000) + ")"),
        "clean",
        False,
    ),
    (
        "filter_parens_5000",
        setitem("filters", ["(" * 5000 + "o.amount > 0" + ")" * 5000]),
        "clean",
        True,
    ),
    # the spec allows letters, digits and underscores in names: a clear refusal is fine
    ("target_unicode", setitem("target_table.name", "résumé_客户_total"), "clean", False),
    ("source_unicode_unknown", setitem("source_tables.0.name", "客户"), "usage", False),
    ("target_semicolon_drop", setitem("target_table.name", "t" + INJECT), "clean", False),
    ("target_quote_drop", setitem("target_table.name", 't"' + INJECT), "clean", False),
    ("target_newline", setitem("target_table.name", "tot\nals"), "clean", False),
    ("target_markup", setitem("target_table.name", "tot[/]als"), "clean", True),
    (
        "source_semicolon_drop",
        setitem("source_tables.0.name", "customers" + INJECT),
        "usage",
        False,
    ),
    ("source_markup", setitem("source_tables.0.name", "[/]customers"), "usage", True),
    (
        "group_by_drop",
        setitem("group_by", ["c.customer_id" + INJECT, "c.customer_name"]),
        "usage",
        False,
    ),
    ("filter_drop", setitem("filters", ["1 = 1" + INJECT]), "usage", True),
    ("aggregation_name_drop", setitem("aggregations.0.name", 'total"' + INJECT), "clean", False),
    (
        "aggregation_attach",
        setitem("aggregations.0.expr", "sum(o.amount)); ATTACH 'other.duckdb' AS x; SELECT (1"),
        "usage",
        False,
    ),
    (
        "join_on_drop",
        setitem("join_conditions.0.on", "c.customer_id = o.customer_id" + INJECT),
        "usage",
        False,
    ),
]


def spec_value_cases() -> list[Case]:
    cases = []
    leaks = no_files_named("leak.csv", "other.duckdb")
    for kind, data, expect, also_compile in VALUES:
        setup = compose(std, spec_file("x", data))
        heavy = HEAVY_TIMEOUT if kind.endswith("mb") else 30.0
        cases.append(
            Case(
                f"spec_value-{kind}-run",
                _run("x"),
                setup,
                expect,
                preserve=True,
                timeout=heavy,
                extra=leaks,
            )
        )
        if also_compile:
            cases.append(
                Case(
                    f"spec_value-{kind}-compile",
                    _compile("x"),
                    setup,
                    "clean" if kind.startswith("target") or "name" in kind else expect,
                    readonly=True,
                    timeout=heavy,
                )
            )
    return cases


# ---------------------------------------------------------------------------------------------
# Paths: missing, directories, FIFOs, 5000 characters, newlines, NUL-like escapes.


def _path_kind(kind: str, ext: str) -> Setup:
    def setup(ctx: Ctx) -> None:
        std(ctx)
        with_csv(ctx)
        if kind == "missing":
            ctx.put("x", f"nope{ext}")
        elif kind == "directory":
            (ctx.data / f"adir{ext}").mkdir()
            ctx.put("x", f"adir{ext}")
        elif kind == "fifo":
            os.mkfifo(ctx.data / f"fifo{ext}")
            ctx.put("x", f"fifo{ext}")
        elif kind == "long_5000":
            ctx.vars["x"] = "data/" + "a" * 5000 + ext
        elif kind == "newlines":
            ctx.vars["x"] = f"data/new\nline\nname{ext}"
        elif kind == "nul_like":
            ctx.vars["x"] = f"data/a\\0b%00c\\x00d{ext}"
        else:
            raise AssertionError(kind)

    return setup


PATH_KINDS = ["missing", "directory", "fifo", "long_5000", "newlines", "nul_like"]
NUL_LIKE_SLOTS = {"catalog_database", "compile_spec", "load_file"}
PATH_SLOTS: list[tuple[str, str, list[str], bool]] = [
    # (slot, extension, args, read-only command)
    ("catalog_database", ".duckdb", ["catalog", "-d", "{x}"], True),
    ("load_database", ".duckdb", ["load", "{csv}", "-t", "more", "-d", "{x}"], False),
    ("compile_spec", ".json", ["compile", "-s", "{x}", "-d", "{db}"], True),
    ("run_code", ".sql", ["run", "-s", "{spec}", "-d", "{db}", "--code", "{x}", "--json"], False),
    ("load_file", ".csv", ["load", "{x}", "-t", "more", "-d", "{db}"], False),
]
EXTRA_FIFO_SLOTS: list[tuple[str, str, list[str], bool]] = [
    ("run_database", ".duckdb", ["run", "-s", "{spec}", "-d", "{x}", "--json"], True),
    ("plan_database", ".duckdb", ["plan", PROMPT, "-d", "{x}"], True),
    ("validate_database", ".duckdb", ["validate", "-s", "{spec}", "-t", "t", "-d", "{x}"], True),
    ("validate_spec", ".json", ["validate", "-s", "{x}", "-t", "totals_check", "-d", "{db}"], True),
    ("run_source", ".csv", ["run", "-s", "{spec}", "-d", "{db}", "--source", "orders={x}"], False),
]


def path_cases() -> list[Case]:
    cases = []
    for kind in PATH_KINDS:
        slots = PATH_SLOTS + (EXTRA_FIFO_SLOTS if kind == "fifo" else [])
        for slot, ext, args, readonly in slots:
            if kind == "nul_like" and slot not in NUL_LIKE_SLOTS:
                continue
            expect = "usage"
            if slot == "load_database" and kind in ("missing", "newlines", "nul_like"):
                expect = "clean"  # `load` creates a database that does not exist yet
            cases.append(
                Case(
                    f"path-{kind}-{slot}",
                    args,
                    _path_kind(kind, ext),
                    expect,
                    readonly=readonly or kind == "fifo",
                    preserve=not readonly,
                    timeout=FIFO_TIMEOUT if kind == "fifo" else 30.0,
                    concurrent=kind == "fifo",
                )
            )
    return cases


# ---------------------------------------------------------------------------------------------
# Database files that are not DuckDB databases.


def _db_kind(kind: str) -> Setup:
    def setup(ctx: Ctx) -> None:
        std(ctx)
        with_csv(ctx)
        real = ctx.t.shop.read_bytes()
        path = ctx.data / "x.duckdb"
        if kind == "text":
            path.write_text("this is not a database\n")
        elif kind == "zero_byte":
            path.write_bytes(b"")
        elif kind == "truncated_4k":
            path.write_bytes(real[:4096])
        elif kind == "truncated_half":
            path.write_bytes(real[: len(real) // 2])
        elif kind == "corrupt_blocks":
            body = bytearray(real)
            body[12288:65536] = seeded_bytes(65536 - 12288)
            path.write_bytes(bytes(body))
        elif kind == "sqlite":
            shutil.copy(ctx.t.sqlite, path)
        elif kind == "wal_garbage":
            shutil.copy(ctx.t.shop, path)
            (ctx.data / "x.duckdb.wal").write_bytes(seeded_bytes(8192))
        else:
            raise AssertionError(kind)
        ctx.vars["x"] = ctx.rel(path)

    return setup


DB_KINDS = [
    "text",
    "zero_byte",
    "truncated_4k",
    "truncated_half",
    "corrupt_blocks",
    "sqlite",
    "wal_garbage",
]
DB_KINDS_RUN = {"text", "zero_byte", "truncated_4k", "sqlite", "wal_garbage"}


def db_kind_cases() -> list[Case]:
    cases = []
    commands: list[tuple[str, list[str], bool]] = [
        ("catalog_json", ["catalog", "-d", "{x}", "--json"], True),
        ("plan", ["plan", PROMPT, "-d", "{x}"], True),
        ("run", ["run", "-s", "{spec}", "-d", "{x}", "--json"], False),
        ("load", ["load", "{csv}", "-t", "more", "-d", "{x}"], False),
    ]
    for kind in DB_KINDS:
        for name, args, readonly in commands:
            if name == "plan" and kind not in ("text", "zero_byte"):
                continue
            if name == "run" and kind not in DB_KINDS_RUN:
                continue
            tolerant = kind in ("zero_byte", "wal_garbage")
            cases.append(
                Case(
                    f"db_kind-{kind}-{name}",
                    args,
                    _db_kind(kind),
                    "clean" if tolerant else "usage",
                    # a read-only command never writes; nothing may clobber a non-DuckDB file
                    readonly=readonly or not tolerant,
                    extra=no_files_named("sqlite_scanner.duckdb_extension"),
                )
            )
    return cases


# ---------------------------------------------------------------------------------------------
# Read-only and unreadable files.


def _chmod(var: str, mode: int) -> Setup:
    def setup(ctx: Ctx) -> None:
        ctx.chmod(ctx.root / ctx.vars[var], mode)

    return setup


def permission_cases() -> list[Case]:
    ro = compose(std, _chmod("db", 0o444))
    ro_dir = compose(std, _chmod("db", 0o444), lambda ctx: ctx.chmod(ctx.data, 0o555))
    cases = [
        Case("perm-db_444-catalog", ["catalog", "-d", "{db}"], ro, "ok", readonly=True),
        Case(
            "perm-db_444-catalog_json", ["catalog", "-d", "{db}", "--json"], ro, "ok", readonly=True
        ),
        Case("perm-db_444-plan", ["plan", PROMPT, "-d", "{db}"], ro, "ok", readonly=True),
        Case("perm-db_444-compile", _compile(), ro, "ok", readonly=True),
        Case("perm-db_444-validate", _validate(), ro, "ok", readonly=True),
        Case("perm-db_444_dir_555-catalog", ["catalog", "-d", "{db}"], ro_dir, "ok", readonly=True),
        Case("perm-db_444_dir_555-validate", _validate(), ro_dir, "ok", readonly=True),
        Case(
            "perm-db_444-run",
            _run(),
            ro,
            "error",
            readonly=True,
            skip=ROOT_SKIP if IS_ROOT else None,
        ),
        Case(
            "perm-db_444-load",
            ["load", "{csv}", "-t", "more", "-d", "{db}"],
            compose(ro, with_csv),
            "error",
            readonly=True,
            skip=ROOT_SKIP if IS_ROOT else None,
        ),
    ]
    unreadable: list[tuple[str, str, list[str]]] = [
        ("spec_000", "spec", _compile()),
        ("db_000", "db", ["catalog", "-d", "{db}"]),
        ("code_000", "code", ["run", "-s", "{spec}", "-d", "{db}", "--code", "{code}"]),
        ("csv_000", "csv", ["load", "{csv}", "-t", "more", "-d", "{db}"]),
    ]
    for kind, var, args in unreadable:
        cases.append(
            Case(
                f"perm-{kind}",
                args,
                compose(std_csv, _chmod(var, 0o000)),
                "usage",
                preserve=True,
                skip=ROOT_SKIP if IS_ROOT else None,
            )
        )
    return cases


# ---------------------------------------------------------------------------------------------
# --set engine settings.

SETTINGS: list[tuple[str, str, str]] = [
    ("threads_9999", "threads=9999", "clean"),
    ("threads_minus_1", "threads=-1", "error"),
    ("memory_abc", "memory_limit=abc", "error"),
    ("memory_1_byte", "memory_limit=1B", "clean"),
    ("unknown_key", "no_such_setting=1", "error"),
    ("empty_value", "threads=", "usage"),
    ("no_equals", "threads", "usage"),
    ("empty", "", "usage"),
    ("value_drop", "threads=1" + INJECT, "error"),
    ("key_5000", "k" * 5000 + "=1", "error"),
    ("value_100k", "memory_limit=" + "9" * 100_000, "error"),
]


def set_cases() -> list[Case]:
    return [
        Case(f"set-{kind}", [*_run(), "--set", value], std, expect, preserve=True)
        for kind, value, expect in SETTINGS
    ]


# ---------------------------------------------------------------------------------------------
# --code files: binary, empty, huge, not SQL, and statements that write or reach outside.

CODE: list[tuple[str, Callable[[], bytes | str]]] = [
    ("binary", lambda: seeded_bytes(4096)),
    ("empty", lambda: b""),
    ("huge_50mb_comment", lambda: "SELECT 1 AS x -- " + "z" * (50 * MB) + "\n"),
    ("not_sql_prose", lambda: "Please compute the total per customer, thanks!\n"),
    ("invalid_utf8", lambda: b"SELECT '\xff\xfe' AS x"),
    ("drop", lambda: "DROP TABLE customers;"),
    ("copy_to", lambda: "COPY customers TO 'leak.csv';"),
    ("install", lambda: "INSTALL httpfs;"),
    ("attach", lambda: "ATTACH 'other.duckdb' AS o; CREATE TABLE o.t AS SELECT 1 AS x;"),
    ("select_then_drop", lambda: "SELECT 1 AS x; DROP TABLE customers;"),
    ("select_into", lambda: "SELECT * INTO leak_table FROM customers"),
    ("export_database", lambda: "EXPORT DATABASE 'leak_dir'"),
    ("query_function_drop", lambda: "SELECT * FROM query('DROP TABLE customers')"),
]
# these also run without healing, where the refusal itself must be the answer
CODE_NO_HEALING = {"drop", "copy_to", "install", "attach"}


def code_cases() -> list[Case]:
    cases = []
    leaks = no_files_named("leak.csv", "other.duckdb", "leak_dir")
    for kind, content in CODE:
        setup = compose(std, put("x", "hostile.sql", content))
        timeout = HEAVY_TIMEOUT if "huge" in kind else 30.0
        args = [*_run(), "--code", "{x}"]
        cases.append(
            Case(
                f"code-{kind}",
                args,
                setup,
                "refused",
                same_db=True,
                timeout=timeout,
                extra=leaks,
            )
        )
        if kind in CODE_NO_HEALING:
            cases.append(
                Case(
                    f"code-{kind}-no_healing",
                    [*args, "--max-iterations", "0"],
                    setup,
                    "refused",
                    same_db=True,
                    extra=leaks,
                )
            )
    return cases


# ---------------------------------------------------------------------------------------------
# The run store: `runs list --limit`, `runs show` / `logs` / `rerun` with hostile ids.


def store_unchanged(ctx: Ctx, o: Outcome) -> list[str]:
    after = store_rows(ctx.root / ".datamorph")
    before = ctx.vars.get("store_rows")
    if before is not None and json.dumps(after) != before:
        return [f"the run store changed: {before} -> {json.dumps(after)}"]
    return []


def with_store(ctx: Ctx) -> None:
    std(ctx)
    ctx.store()
    ctx.vars["run_prefix"] = ctx.t.run_id[:15]
    ctx.vars["store_rows"] = json.dumps(store_rows(ctx.root / ".datamorph"))


LIMITS: list[tuple[str, list[str], str]] = [
    ("limit_minus_1", ["--limit", "-1"], "usage"),
    ("limit_zero", ["--limit", "0"], "clean"),
    ("limit_20_digits", ["--limit", "99999999999999999999"], "clean"),
    ("limit_minus_20_digits", ["--limit", "-99999999999999999999"], "usage"),
    ("limit_int64_max_plus_1", ["--limit", "9223372036854775808"], "clean"),
    ("limit_abc", ["--limit", "abc"], "usage"),
    ("limit_float", ["--limit", "1.5"], "usage"),
    ("status_bogus", ["--status", "bogus"], "usage"),
    ("status_markup", ["--status", "[/]"], "usage"),
    ("limit_json_minus_1", ["--limit", "-1", "--json"], "usage"),
]


def runs_list_cases() -> list[Case]:
    return [
        Case(
            f"runs_list-{kind}", ["runs", "list", *args], with_store, expect, extra=store_unchanged
        )
        for kind, args, expect in LIMITS
    ]


RUN_IDS: list[tuple[str, str]] = [
    ("long_60000", "a" * 60_000),
    ("empty", ""),
    ("shell_subst", "$(touch pwned)"),
    ("percent", "%"),
    ("traversal", "../../../etc/passwd"),
    ("newlines", "abc\ndef\nghi"),
    ("markup", "[/]"),
    ("sql_injection", "' OR '1'='1"),
]


def run_id_cases() -> list[Case]:
    cases = []
    pwned = no_file("pwned")
    both = _both(store_unchanged, pwned)
    for kind, value in RUN_IDS:
        cases.append(Case(f"runs_show-{kind}", ["runs", "show", value], with_store, extra=both))
    for kind in ("long_60000", "markup", "newlines"):
        value = dict(RUN_IDS)[kind]
        cases.append(Case(f"runs_logs-{kind}", ["runs", "logs", value], with_store, extra=both))
    for kind in ("long_60000", "traversal"):
        value = dict(RUN_IDS)[kind]
        cases.append(
            Case(
                f"runs_rerun-{kind}",
                ["runs", "rerun", value],
                with_store,
                preserve=True,
                extra=pwned,
            )
        )
    return cases


def _both(*checks: Callable[[Ctx, Outcome], list[str]]) -> Callable[[Ctx, Outcome], list[str]]:
    def check(ctx: Ctx, o: Outcome) -> list[str]:
        return [p for c in checks for p in c(ctx, o)]

    return check


# ---------------------------------------------------------------------------------------------
# A damaged run store (each in its own working directory).


def _store_kind(kind: str) -> Setup:
    def setup(ctx: Ctx) -> None:
        std(ctx)
        home = ctx.root / ".datamorph"
        runs_db = home / "runs.db"
        if kind == "home_is_file":
            home.write_text("not a directory\n")
            return
        store = ctx.store()
        real = runs_db.read_bytes()
        for suffix in ("-wal", "-shm"):
            Path(f"{runs_db}{suffix}").unlink(missing_ok=True)
        if kind == "corrupt_random":
            runs_db.write_bytes(seeded_bytes(65536))
        elif kind == "zero_byte":
            runs_db.write_bytes(b"")
        elif kind == "truncated":
            runs_db.write_bytes(real[:4096])
        elif kind == "wrong_schema":
            runs_db.unlink()
            with sqlite3.connect(runs_db) as con:
                con.execute("CREATE TABLE runs(x TEXT)")
                con.execute("INSERT INTO runs VALUES ('y')")
            con.close()
        elif kind == "is_directory":
            runs_db.unlink()
            runs_db.mkdir()
        elif kind == "wal_garbage":
            Path(f"{runs_db}-wal").write_bytes(seeded_bytes(16384))
        elif kind == "fifo":
            runs_db.unlink()
            os.mkfifo(runs_db)
        elif kind == "artifacts_is_file":
            shutil.rmtree(store / "artifacts")
            (store / "artifacts").write_text("oops\n")
        elif kind == "read_only_444":
            ctx.chmod(runs_db, 0o444)
            ctx.chmod(store, 0o555)
        else:
            raise AssertionError(kind)

    return setup


STORE_KINDS = [
    "corrupt_random",
    "zero_byte",
    "truncated",
    "wrong_schema",
    "is_directory",
    "home_is_file",
    "wal_garbage",
    "fifo",
    "artifacts_is_file",
    "read_only_444",
]


STORE_KINDS_LIST_ONLY = {"zero_byte", "wal_garbage", "truncated", "is_directory", "wrong_schema"}
STORE_KINDS_RUN = {
    "corrupt_random",
    "wrong_schema",
    "home_is_file",
    "fifo",
    "artifacts_is_file",
    "read_only_444",
}


def says_what_to_do(ctx: Ctx, o: Outcome) -> list[str]:
    if o.rc not in (None, 0) and o.err.strip() and "hint" not in o.err.lower():
        return ["the error does not say what to do (no hint)"]
    return []


def store_cases() -> list[Case]:
    cases = []
    commands: list[tuple[str, list[str]]] = [
        ("runs_list", ["runs", "list"]),
        ("runs_show", ["runs", "show", "{run_id}"]),
        ("run", _run()),
    ]
    for kind in STORE_KINDS:
        tolerant = kind in ("zero_byte", "wal_garbage")
        for name, args in commands:
            if name == "runs_show" and kind in STORE_KINDS_LIST_ONLY:
                continue
            if name == "run" and kind not in STORE_KINDS_RUN:
                continue
            expect = "clean" if tolerant else "error"
            if kind == "artifacts_is_file" and name.startswith("runs_"):
                expect = "clean"  # listing and showing runs never read the artifact files
            cases.append(
                Case(
                    f"store-{kind}-{name}",
                    args,
                    _store_kind(kind),
                    expect,
                    preserve=True,
                    timeout=FIFO_TIMEOUT if kind == "fifo" else 30.0,
                    concurrent=kind == "fifo",
                    skip=ROOT_SKIP if IS_ROOT and kind == "read_only_444" else None,
                    extra=says_what_to_do,
                )
            )
    for kind in ("corrupt_random", "home_is_file", "fifo"):
        cases.append(
            Case(
                f"store-{kind}-plan",
                ["plan", PROMPT, "-d", "{db}"],
                _store_kind(kind),
                "error",
                readonly=True,
                timeout=FIFO_TIMEOUT if kind == "fifo" else 30.0,
                concurrent=kind == "fifo",
                extra=says_what_to_do,
            )
        )
    cases.append(  # the catalog does not need the run store at all
        Case(
            "store-corrupt_random-catalog",
            ["catalog", "-d", "{db}"],
            _store_kind("corrupt_random"),
            "ok",
            readonly=True,
        )
    )
    return cases


# ---------------------------------------------------------------------------------------------
# `load`: empty, header-only, mismatched, existing tables, odd files and odd table names.


def _load(name: str, content: Callable[[], bytes | str] | bytes | str) -> Setup:
    return compose(std, put("x", name, content))


def _deep_json() -> str:
    return '[{"a": ' + "[" * 100_000 + "1" + "]" * 100_000 + "}]"


def _wide_csv() -> str:
    header = ",".join(f"c{i}" for i in range(10_000))
    return header + "\n" + ",".join("1" for _ in range(10_000)) + "\n"


LOAD_FILES: list[tuple[str, str, Callable[[], bytes | str], str]] = [
    ("empty_csv", "empty.csv", lambda: b"", "usage"),
    ("header_only_csv", "header.csv", lambda: "a,b,c\n", "clean"),
    ("invalid_utf8_csv", "latin.csv", lambda: b"name,city\ncaf\xe9,\xff\xfe\n", "clean"),
    ("utf16_csv", "wide.csv", lambda: "a,b\n1,2\n".encode("utf-16"), "clean"),
    ("columns_10000", "wide10k.csv", _wide_csv, "clean"),
    ("header_injection", "inj.csv", lambda: 'id,"x"";DROP TABLE orders;--"\n1,2\n', "clean"),
    ("deep_json_100000", "deep.json", _deep_json, "clean"),
    ("txt_extension", "data.txt", lambda: CSV, "usage"),
    ("xlsx_extension", "book.xlsx", lambda: seeded_bytes(512), "usage"),
]


def load_cases() -> list[Case]:
    cases = []
    for kind, name, content, expect in LOAD_FILES:
        cases.append(
            Case(
                f"load-{kind}",
                ["load", "{x}", "-t", "landing", "-d", "{db}"],
                _load(name, content),
                expect,
                preserve=True,
                timeout=HEAVY_TIMEOUT if "deep" in kind or "10000" in kind else 30.0,
            )
        )
    mism = _load("mism.csv", "x,y,z\n1,2,3\n")
    wrong_type = _load("types.csv", "customer_id,customer_name,city\nabc,Zed,Nowhere\n")
    extra_col = _load("extra.csv", "customer_id,customer_name,city,vip\n9,Fay,Baku,true\n")
    cases += [
        Case(
            "load-append_mismatched_columns",
            ["load", "{x}", "-t", "customers", "--append", "-d", "{db}"],
            mism,
            "error",
            preserve=True,
        ),
        Case(
            "load-append_wrong_types",
            ["load", "{x}", "-t", "customers", "--append", "-d", "{db}"],
            wrong_type,
            "error",
            preserve=True,
        ),
        Case(
            "load-append_extra_column",
            ["load", "{x}", "-t", "customers", "--append", "-d", "{db}"],
            extra_col,
            "clean",
            preserve=False,
        ),
        Case(
            "load-replace_existing_source",
            ["load", "{x}", "-t", "customers", "-d", "{db}"],
            mism,
            "clean",
        ),
        Case(
            "load-replace_empty_over_source",
            ["load", "{x}", "-t", "orders", "-d", "{db}"],
            _load("e.csv", b""),
            "usage",
            preserve=True,
        ),
    ]
    names: list[tuple[str, str, str]] = [
        ("empty", "", "usage"),
        ("quote_drop", 'x"' + INJECT, "clean"),
        ("reserved_dm", "_dm_stage_x", "usage"),
        ("long_10000", "t" * 10_000, "clean"),
        ("newline", "t\nu", "clean"),
        ("unicode", "客户表", "ok"),
        ("markup", "[/]t", "clean"),
    ]
    for kind, table, expect in names:
        cases.append(
            Case(
                f"load-table_{kind}",
                ["load", "{csv}", "-t", table, "-d", "{db}"],
                std_csv,
                expect,
                preserve=True,
            )
        )
    return cases


# ---------------------------------------------------------------------------------------------
# --target: existing tables DataMorph did not publish, odd names.


def target_cases() -> list[Case]:
    cases = []
    existing = [
        ("customers", "customers"),
        ("orders", "orders"),
        ("upper_customers", "CUSTOMERS"),
        ("schema_customers", "main.customers"),
        ("totals_check", "totals_check"),
    ]
    for kind, name in existing:
        cases.append(
            Case(f"target-existing_{kind}", [*_run(), "--target", name], std, "usage", same_db=True)
        )
    cases.append(
        Case(
            "target-existing_in_spec",
            _run("x"),
            compose(std, spec_file("x", setitem("target_table.name", "orders"))),
            "usage",
            same_db=True,
        )
    )
    odd = [
        ("reserved_dm", "_dm_stage_x", "usage"),
        ("quote_drop", 'x"' + INJECT, "clean"),
        ("markup", "[/]", "clean"),
        ("long_5000", "t" * 5000, "clean"),
    ]
    for kind, name, expect in odd:
        cases.append(
            Case(f"target-{kind}", [*_run(), "--target", name], std, expect, preserve=True)
        )
    cases.append(
        Case(
            "target-plan_existing_customers",
            ["plan", PROMPT, "-d", "{db}", "--target", "customers"],
            std,
            "usage",
            readonly=True,
        )
    )
    return cases


# ---------------------------------------------------------------------------------------------
# `datamorph query`: SQL that reads files, settings or other databases, writes, or runs away.

QUERIES: list[tuple[str, str, str]] = [
    ("read_text_environ", "SELECT content FROM read_text('/proc/self/environ')", "usage"),
    ("read_csv_lateral", "SELECT * FROM customers, LATERAL read_csv('data/more.csv')", "usage"),
    ("string_table", "SELECT * FROM 'data/more.csv'", "usage"),
    ("query_fn", "SELECT * FROM query('SELECT 1')", "usage"),
    ("glob", "SELECT * FROM glob('*')", "usage"),
    ("current_setting", "SELECT current_setting('temp_directory') AS t", "usage"),
    ("getenv", "SELECT getenv('HOME') AS h", "usage"),
    ("settings_table", "SELECT * FROM duckdb_settings()", "usage"),
    ("secrets", "SELECT * FROM duckdb_secrets()", "usage"),
    ("pragma", "PRAGMA database_list", "usage"),
    ("attach", "ATTACH 'data/other.duckdb' AS o", "usage"),
    ("copy", "COPY customers TO 'data/leak.csv'", "usage"),
    ("drop", "DROP TABLE customers", "usage"),
    ("select_then_drop", "SELECT 1 AS x; DROP TABLE customers", "usage"),
    ("select_into", "SELECT * INTO leak FROM customers", "usage"),
    ("set", "SET enable_external_access = true", "usage"),
    ("range_bomb", "SELECT len(range(1000000000)) AS n", "usage"),
    ("repeat_bomb", "SELECT repeat('x', 1000000000) AS s", "usage"),
    ("system_catalog", "SELECT * FROM information_schema.tables", "usage"),
    ("other_catalog", "SELECT * FROM system.main.duckdb_tables", "usage"),
    ("unknown_table", "SELECT * FROM no_such_table", "usage"),
    ("not_sql", "hello there", "usage"),
    ("huge_120k", "SELECT 1 AS x -- " + "z" * 120_000, "usage"),  # an argument's limit: 128 KiB
    ("nested_5000", "SELECT " + "(" * 5000 + "1" + ")" * 5000 + " AS x", "usage"),
    ("cross_join_timeout", "SELECT count(*) FROM orders a, orders b, orders c, orders d", "clean"),
    ("control_count", "SELECT count(*) AS n FROM customers", "ok"),
    ("control_cte", "WITH t AS (SELECT * FROM customers) SELECT count(*) AS n FROM t", "ok"),
]


def query_cases() -> list[Case]:
    leaks = no_files_named("leak.csv", "other.duckdb", "leak")
    cases = []
    for kind, sql, expect in QUERIES:
        args = ["query", sql, "-d", "{db}", "--json"]
        if kind == "cross_join_timeout":
            args += ["--timeout", "2"]
        cases.append(
            Case(f"query-{kind}", args, std_csv, expect, readonly=True, same_db=True, extra=leaks)
        )
    cases.append(
        Case(
            "query-from_file_drop",
            ["query", "--file", "{x}", "-d", "{db}"],
            compose(std, put("x", "q.sql", "DROP TABLE customers")),
            "usage",
            same_db=True,
        )
    )
    cases.append(
        Case(
            "query-from_file_50mb",
            ["query", "--file", "{x}", "-d", "{db}"],
            compose(std, put("x", "q.sql", lambda: "SELECT 1 AS x -- " + "z" * (50 * MB))),
            "usage",
            same_db=True,
        )
    )
    return cases


# ---------------------------------------------------------------------------------------------
# Empty option values.


def empty_value_cases() -> list[Case]:
    rows: list[tuple[str, list[str], str, bool]] = [
        ("catalog_database", ["catalog", "-d", ""], "usage", True),
        ("compile_spec", ["compile", "-s", "", "-d", "{db}"], "usage", True),
        (
            "compile_dialect",
            ["compile", "-s", "{spec}", "-d", "{db}", "--dialect", ""],
            "usage",
            True,
        ),
        ("validate_table", ["validate", "-s", "{spec}", "-t", "", "-d", "{db}"], "usage", True),
        ("run_spec", ["run", "-s", "", "-d", "{db}"], "usage", False),
        ("run_database", ["run", "-s", "{spec}", "-d", ""], "usage", False),
        ("run_code", [*_run(), "--code", ""], "usage", False),
        ("run_target", [*_run(), "--target", ""], "usage", False),
        ("run_engine", [*_run(), "--engine", ""], "usage", False),
        ("plan_prompt", ["plan", "", "-d", "{db}"], "usage", True),
        ("run_prompt", ["run", "", "-d", "{db}"], "usage", False),
        ("load_file", ["load", "", "-t", "more", "-d", "{db}"], "usage", False),
        ("load_table", ["load", "{csv}", "-t", "", "-d", "{db}"], "usage", False),
    ]
    return [
        Case(f"empty-{kind}", args, std_csv, expect, readonly=ro, preserve=not ro)
        for kind, args, expect, ro in rows
    ]


# ---------------------------------------------------------------------------------------------
# TIMESTAMPTZ and other types the catalog must show: normal inputs that must work.


def _tz(ctx: Ctx) -> None:
    std(ctx)
    ctx.copy("db", ctx.t.shop_tz, "shop_tz.duckdb")
    ctx.put("x", "tz_spec.json", json.dumps(TZ_SPEC))


def _exotic(ctx: Ctx) -> None:
    std(ctx)
    ctx.copy("db", ctx.t.exotic, "exotic.duckdb")


def types_cases() -> list[Case]:
    rows: list[tuple[str, Setup, list[str], bool]] = [
        ("tz-catalog_json", _tz, ["catalog", "-d", "{db}", "--json"], True),
        ("tz-catalog_profile", _tz, ["catalog", "-d", "{db}", "--profile"], True),
        ("tz-catalog_json_profile", _tz, ["catalog", "-d", "{db}", "--json", "--profile"], True),
        ("tz-plan", _tz, ["plan", PROMPT, "-d", "{db}"], True),
        ("tz-run_english", _tz, ["run", PROMPT, "-d", "{db}", "--yes"], False),
        ("tz-run_spec", _tz, ["run", "-s", "{x}", "-d", "{db}", "--json"], False),
        ("tz-compile", _tz, ["compile", "-s", "{x}", "-d", "{db}"], True),
        ("tz-validate", _tz, _validate(), True),
        ("exotic-catalog_json", _exotic, ["catalog", "-d", "{db}", "--json"], True),
        (
            "exotic-catalog_json_profile",
            _exotic,
            ["catalog", "-d", "{db}", "--json", "--profile"],
            True,
        ),
    ]
    cases = [
        Case(f"types-{kind}", args, setup, "ok", readonly=ro, preserve=not ro)
        for kind, setup, args, ro in rows
    ]
    cases.append(
        Case(
            "types-exotic-plan",
            ["plan", "number of readings per kind", "-d", "{db}"],
            _exotic,
            "clean",
            readonly=True,
        )
    )
    return cases


# ---------------------------------------------------------------------------------------------
# Requests in English that are hostile.

PROMPTS: list[tuple[str, str, bool]] = [
    # (kind, prompt, also run it)
    ("long_100k", "customers " * 10_000, False),
    ("sql_injection", "orders'; DROP TABLE orders; --", True),
    ("newlines", "number of orders\nper city\n\n", False),
    ("emoji_rtl", "number of orders 😀 per \u202ecity", False),
    ("punctuation_only", "!!! ??? ... ;;;", False),
    ("markup", "[/] number of orders per [bold]city", True),
]


def prompt_cases() -> list[Case]:
    cases = []
    for kind, prompt, also_run in PROMPTS:
        cases.append(
            Case(f"prompt-{kind}-plan", ["plan", prompt, "-d", "{db}"], std, "clean", readonly=True)
        )
        if also_run:
            cases.append(
                Case(
                    f"prompt-{kind}-run",
                    ["run", prompt, "-d", "{db}", "--json"],
                    std,
                    "clean",
                    preserve=True,
                )
            )
    return cases


# ---------------------------------------------------------------------------------------------
# User text that reaches the terminal: rich markup must be printed, not interpreted.


def _markup_db(ctx: Ctx) -> None:
    std(ctx)
    import duckdb

    con = duckdb.connect(str(ctx.root / ctx.vars["db"]))
    try:
        con.execute('CREATE TABLE "[/]odd[bold]" ("[/red]col" INTEGER, "x[/]" VARCHAR)')
        con.execute("INSERT INTO \"[/]odd[bold]\" VALUES (1, '[/]value')")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def markup_cases() -> list[Case]:
    return [
        Case(
            "markup-catalog_of_odd_names",
            ["catalog", "-d", "{db}"],
            _markup_db,
            "ok",
            readonly=True,
        ),
        Case(
            "markup-catalog_json_of_odd_names",
            ["catalog", "-d", "{db}", "--json"],
            _markup_db,
            "ok",
            readonly=True,
        ),
        Case(
            "markup-validate_table",
            ["validate", "-s", "{spec}", "-t", "[/]", "-d", "{db}"],
            std,
            "usage",
            readonly=True,
        ),
        Case(
            "markup-compile_dialect",
            ["compile", "-s", "{spec}", "-d", "{db}", "--dialect", "[/]"],
            std,
            "usage",
            readonly=True,
        ),
        Case("markup-run_engine", [*_run(), "--engine", "[/x]"], std, "usage", preserve=True),
        Case(
            "markup-classify",
            ["classify", "[/] permission denied [bold]"],
            std,
            "ok",
            readonly=True,
        ),
        Case(
            "markup-database_path",
            ["catalog", "-d", "data/[/]x.duckdb"],
            std,
            "usage",
            readonly=True,
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Other arguments: numbers out of range, unknown names, URLs, the service.


def args_cases() -> list[Case]:
    rows: list[tuple[str, list[str], str, float]] = [
        ("unknown_command", ["frobnicate"], "usage", 30.0),
        ("unknown_option", ["catalog", "--frobnicate"], "usage", 30.0),
        ("max_iterations_21", [*_run(), "--max-iterations", "21"], "usage", 30.0),
        ("max_iterations_abc", [*_run(), "--max-iterations", "abc"], "usage", 30.0),
        ("engine_postgres", [*_run(), "--engine", "postgres"], "usage", 30.0),
        ("database_http_url", ["catalog", "-d", "http://example.com/x.duckdb"], "usage", 30.0),
        ("database_motherduck", ["catalog", "-d", "md:my_db"], "usage", 30.0),
        ("database_empty_url", ["catalog", "-d", "duckdb://"], "usage", 30.0),
        ("codegen_llm_without_model", [*_run(), "--codegen", "llm"], "usage", 30.0),
        ("llm_unknown_provider", [*_run(), "--llm", "bogus:model"], "usage", 30.0),
        ("source_no_equals", [*_run(), "--source", "orders"], "usage", 30.0),
        ("serve_public_without_token", ["serve", "--host", "0.0.0.0", "-d", "{db}"], "usage", 15.0),
    ]
    return [
        Case(f"args-{kind}", args, std, expect, preserve=True, timeout=timeout)
        for kind, args, expect, timeout in rows
    ]


# ---------------------------------------------------------------------------------------------
# Controls: legitimate inputs still work, and read-only commands leave the database alone.


def _odd_paths(ctx: Ctx) -> None:
    std(ctx)
    ctx.put("x", "my spec é.json", json.dumps(SPEC))
    ctx.put("y", "new\nline.json", json.dumps(SPEC))


def _good_files(ctx: Ctx) -> None:
    std_csv(ctx)
    ctx.put("x", "done.sql", GOOD_SQL_WITH_COMMENT)
    ctx.put("y", "append.csv", "customer_id,customer_name,city\n9,Fay,Baku\n")


GOOD_SQL_WITH_COMMENT = (
    "-- the totals\nSELECT c.customer_id, c.customer_name, SUM(o.amount) AS total_amount\n"
    "FROM customers AS c LEFT JOIN orders AS o ON c.customer_id = o.customer_id\n"
    "GROUP BY c.customer_id, c.customer_name; -- done\n"
)


def control_cases() -> list[Case]:
    ro: list[tuple[str, list[str], Setup]] = [
        ("catalog", ["catalog", "-d", "{db}"], std),
        ("catalog_json", ["catalog", "-d", "{db}", "--json"], std),
        ("catalog_url", ["catalog", "-d", "duckdb:///data/shop.duckdb"], std),
        ("plan", ["plan", PROMPT, "-d", "{db}"], std),
        ("plan_json", ["plan", PROMPT, "-d", "{db}", "--json"], std),
        ("validate", _validate(), std),
        ("compile_spec_with_newline_in_name", _compile("y"), _odd_paths),
        ("runs_list", ["runs", "list"], with_store),
        ("runs_show", ["runs", "show", "{run_id}"], with_store),
        ("runs_show_prefix", ["runs", "show", "{run_prefix}"], with_store),
        ("runs_logs", ["runs", "logs", "{run_id}"], with_store),
    ]
    ro += [(f"compile_{d}", [*_compile(), "--dialect", d], std) for d in ("duckdb",)]
    cases = [Case(f"control-{kind}", args, setup, "ok", readonly=True) for kind, args, setup in ro]
    rw: list[tuple[str, list[str], Setup]] = [
        ("run_spec", _run(), std),
        ("run_english", ["run", PROMPT, "-d", "{db}", "--yes"], std),
        ("run_code", [*_run(), "--code", "{code}", "--max-iterations", "0"], std),
        (
            "run_code_with_trailing_comment",
            [*_run(), "--code", "{x}", "--max-iterations", "0"],
            _good_files,
        ),
        ("run_target_fresh", [*_run(), "--target", "fresh_totals"], std),
        ("load_csv", ["load", "{csv}", "-t", "landing", "-d", "{db}"], _good_files),
        (
            "load_new_database",
            ["load", "{csv}", "-t", "landing", "-d", "data/new.duckdb"],
            _good_files,
        ),
    ]
    cases += [Case(f"control-{kind}", args, setup, "ok", preserve=True) for kind, args, setup in rw]
    cases.append(  # appending changes `customers`, by request
        Case(
            "control-load_append",
            ["load", "{y}", "-t", "customers", "--append", "-d", "{db}"],
            _good_files,
            "ok",
        )
    )
    cases.append(  # a target DataMorph published itself may be replaced by the next run
        Case("control-run_twice_same_target", _run(), std, "ok", preserve=True, steps=[_run()])
    )
    return cases


def all_cases() -> list[Case]:
    groups = {
        "spec_file": spec_file_cases,
        "spec_shape": spec_shape_cases,
        "spec_value": spec_value_cases,
        "path": path_cases,
        "db_kind": db_kind_cases,
        "perm": permission_cases,
        "set": set_cases,
        "code": code_cases,
        "runs_list": runs_list_cases,
        "runs_id": run_id_cases,
        "store": store_cases,
        "load": load_cases,
        "target": target_cases,
        "empty": empty_value_cases,
        "types": types_cases,
        "prompt": prompt_cases,
        "markup": markup_cases,
        "args": args_cases,
        "control": control_cases,
        "query": query_cases,
    }
    cases = []
    for group, build in groups.items():
        for case in build():
            case.group = group
            cases.append(case)
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    return cases
