"""Hostile specs: payloads in every place a spec holds an expression (and in its names).

A case is a spec (a dict, the v1 JSON contract of docs/design.md plus `steps` and `qualify`) with
`<<NAME>>` placeholders for the canary paths. `must_refuse`: the run does not complete and
publishes nothing; `must_answer`: the run completes and publishes its target (the controls).
Whatever happens, nothing it publishes or prints holds a canary, and the source tables do not
change.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .sql_cases import MUST_ANSWER, MUST_REFUSE

SPECS_DIR = Path(__file__).resolve().parents[1] / "specs"


@dataclass(frozen=True)
class SpecCase:
    id: str
    spec: dict[str, Any]
    kind: str
    carrier: str
    note: str

    @property
    def target(self) -> str:
        name: str = self.spec["target_table"]["name"]
        return name


def _target(case_id: str) -> str:
    return "h_" + "".join(ch if ch.isalnum() else "_" for ch in case_id)[:55]


ROWS_SPEC: dict[str, Any] = {
    "description": "Completed orders with their customer (a hostile probe)",
    "source_tables": [{"name": "customers", "alias": "c"}, {"name": "orders", "alias": "o"}],
    "join_conditions": [
        {"left": "c", "right": "o", "type": "inner", "on": "c.customer_id = o.customer_id"}
    ],
    "filters": ["o.status = 'completed'"],
    "columns": ["o.order_id", "c.customer_name"],
    "order_by": ["order_id"],
    "limit": 25,
    "target_table": {"name": "x", "keys": ["order_id"]},
}

GROUPED_SPEC: dict[str, Any] = {
    "description": "Completed revenue per country (a hostile probe)",
    "source_tables": [{"name": "customers", "alias": "c"}, {"name": "orders", "alias": "o"}],
    "join_conditions": [
        {"left": "c", "right": "o", "type": "inner", "on": "c.customer_id = o.customer_id"}
    ],
    "filters": ["o.status = 'completed'"],
    "group_by": ["c.country"],
    "aggregations": [{"name": "revenue", "expr": "sum(o.amount)"}],
    "order_by": [{"expr": "revenue", "desc": True}],
    "target_table": {"name": "x", "keys": ["country"]},
}

# value payloads: each yields a secret when evaluated
CORE_PAYLOADS: list[tuple[str, str, str]] = [
    ("current_setting_temp_directory", "current_setting('temp_directory')", "the db's path"),
    ("current_setting_threads", "current_setting('threads')", "engine configuration"),
    ("getvariable", "getvariable('dm_canary')", "session variables"),
    ("getenv", "getenv('DM_CANARY_SECRET')", "environment"),
    ("subquery_read_text", "(SELECT content FROM read_text('<<CANARY_TXT>>'))", "a file"),
    ("subquery_duckdb_settings", "(SELECT string_agg(value, ',') FROM duckdb_settings())", ""),
]

LIGHT_PAYLOADS: list[tuple[str, str, str]] = [
    ("subquery_duckdb_databases", "(SELECT string_agg(path, ',') FROM duckdb_databases())", ""),
    ("current_setting_secret_directory", "current_setting('secret_directory')", "secrets"),
    ("dot_call_setting", "'temp_directory'.current_setting()", "method-call syntax"),
    ("upper_setting", "CURRENT_SETTING('TEMP_DIRECTORY')", "upper case"),
    ("quoted_setting", "\"current_setting\"('temp_directory')", "quoted function name"),
    ("computed_setting", "current_setting('temp' || '_directory')", "computed name"),
    ("lambda_setting", "list_transform(['temp_directory'], lambda s: current_setting(s))[1]", ""),
    ("setting_extension_dir", "current_setting('extension_directory')", ""),
    ("setting_memory_limit", "current_setting('memory_limit')", ""),
    ("dot_call_getenv", "'DM_CANARY_SECRET'.getenv()", ""),
    ("getenv_token", "getenv('DATAMORPH_API_TOKEN')", "the API token"),
    ("subquery_string_table", "(SELECT max(secret) FROM '<<CANARY_CSV>>')", "a path as table"),
    ("subquery_read_csv_relative", "(SELECT max(secret) FROM read_csv_auto('secret.csv'))", ""),
    ("subquery_proc_environ", "(SELECT content FROM read_text('/proc/self/environ'))", ""),
    ("subquery_glob", "(SELECT string_agg(file, ',') FROM glob('<<WATCH_DIR>>/*'))", ""),
    ("subquery_read_parquet", "(SELECT max(secret) FROM read_parquet('<<CANARY_PARQUET>>'))", ""),
    (
        "subquery_other_db",
        "(SELECT max(secret) FROM read_duckdb('<<OTHER_DB>>', table_name='secret'))",
        "",
    ),
    ("subquery_secrets", "(SELECT string_agg(name, ',') FROM duckdb_secrets())", ""),
    (
        "subquery_query_fn",
        "(SELECT max(content) FROM query('SELECT * FROM read_text(''<<CANARY_TXT>>'')'))",
        "",
    ),
    ("subquery_pg_settings", "(SELECT string_agg(setting, ',') FROM pg_catalog.pg_settings)", ""),
    (
        "subquery_information_schema",
        "(SELECT string_agg(table_catalog, ',') FROM information_schema.tables)",
        "",
    ),
    ("subquery_enable_logging", "(SELECT count(*) FROM enable_logging())", "changes state"),
    ("subquery_checkpoint", "(SELECT count(*) FROM checkpoint())", "changes state"),
]

# syntax that tries to end the expression and add a statement or a clause
INJECTIONS: list[tuple[str, str, str]] = [
    ("inject_drop", "1) AS x FROM customers; DROP TABLE payments; --", "stacked DROP"),
    ("inject_attach", "o.order_id; ATTACH '<<WATCH_DIR>>/x.duckdb' AS x", "stacked ATTACH"),
    ("inject_copy", "o.order_id; COPY customers TO '<<WATCH_DIR>>/x.csv'", "stacked COPY"),
    ("inject_comment", "c.customer_name -- ", "a trailing comment"),
    ("inject_quote", "c.customer_name' ; DROP TABLE payments; --", "a stray quote"),
    ("inject_union", "c.customer_name FROM customers UNION SELECT current_setting('threads')", ""),
]


def place(base: dict[str, Any], position: str, expr: str) -> dict[str, Any]:
    """`base` with `expr` in one of the spec's expression slots."""
    spec = copy.deepcopy(base)
    if position == "column":
        spec["columns"] = [*spec["columns"], f"{expr} AS leak"]
    elif position == "transformation":
        spec["transformations"] = [{"name": "leak", "expr": expr}]
        spec["columns"] = [*spec["columns"], "leak"]
    elif position == "filter":
        spec["filters"] = [*spec["filters"], f"length(CAST({expr} AS VARCHAR)) > 0"]
    elif position == "join_on":
        on = spec["join_conditions"][0]["on"]
        spec["join_conditions"][0]["on"] = f"{on} AND {expr} IS NOT NULL"
    elif position == "order_by":
        spec["order_by"] = [{"expr": expr}, "order_id"]
    elif position == "qualify":
        spec["qualify"] = [f"row_number() OVER (ORDER BY {expr}, o.order_id) >= 1"]
    elif position == "group_by":
        spec["group_by"] = [*spec["group_by"], f"{expr} AS leak"]
    elif position == "aggregation":
        spec["aggregations"] = [*spec["aggregations"], {"name": "leak", "expr": f"max({expr})"}]
    elif position == "having":
        spec["having"] = [f"length(CAST({expr} AS VARCHAR)) > 0"]
    elif position == "step_column":
        spec["steps"] = [
            {
                "name": "probe",
                "source_tables": ["customers"],
                "columns": ["customer_id", f"{expr} AS leak"],
            }
        ]
        spec["source_tables"] = [{"name": "probe", "alias": "p"}]
        spec["join_conditions"] = []
        spec["filters"] = []
        spec["columns"] = ["p.customer_id", "p.leak"]
        spec["order_by"] = ["customer_id"]
        spec["target_table"]["keys"] = ["customer_id"]
    elif position == "step_filter":
        spec["steps"] = [
            {
                "name": "probe",
                "source_tables": ["customers"],
                "filters": [f"length(CAST({expr} AS VARCHAR)) > 0"],
                "columns": ["customer_id", "customer_name"],
            }
        ]
        spec["source_tables"] = [{"name": "probe", "alias": "p"}]
        spec["join_conditions"] = []
        spec["filters"] = []
        spec["columns"] = ["p.customer_id", "p.customer_name"]
        spec["order_by"] = ["customer_id"]
        spec["target_table"]["keys"] = ["customer_id"]
    else:
        raise ValueError(position)
    return spec


ROW_POSITIONS = (
    "column",
    "transformation",
    "filter",
    "join_on",
    "order_by",
    "qualify",
    "step_column",
    "step_filter",
)
GROUP_POSITIONS = ("group_by", "aggregation", "having")
LIGHT_POSITIONS = ("column",)


def _case(case_id: str, spec: dict[str, Any], kind: str, carrier: str, note: str) -> SpecCase:
    spec = copy.deepcopy(spec)
    spec["target_table"]["name"] = _target(case_id)
    return SpecCase(case_id, spec, kind, carrier, note)


def expression_cases() -> list[SpecCase]:
    cases = []
    for pid, expr, note in CORE_PAYLOADS:
        for position in ROW_POSITIONS + GROUP_POSITIONS:
            base = GROUPED_SPEC if position in GROUP_POSITIONS else ROWS_SPEC
            spec = place(base, position, expr)
            cases.append(_case(f"spec-{pid}-{position}", spec, MUST_REFUSE, position, note))
    for pid, expr, note in LIGHT_PAYLOADS + INJECTIONS:
        for position in LIGHT_POSITIONS:
            spec = place(ROWS_SPEC, position, expr)
            cases.append(_case(f"spec-{pid}-{position}", spec, MUST_REFUSE, position, note))
    return cases


# names in the spec: source tables, steps' sources, aliases and the target
HOSTILE_SOURCE_NAMES: list[tuple[str, str]] = [
    ("read_text", "read_text('<<CANARY_TXT>>')"),
    ("string_path", "'<<CANARY_CSV>>'"),
    ("bare_path", "<<CANARY_CSV>>"),
    ("relative_file", "secret.csv"),
    ("duckdb_settings", "duckdb_settings()"),
    ("duckdb_databases_view", "duckdb_databases"),
    ("information_schema", "information_schema.tables"),
    ("system_catalog", "system.main.duckdb_databases"),
    ("pg_catalog", "pg_catalog.pg_settings"),
    ("stacked", "customers; DROP TABLE payments"),
    ("quote_break", 'customers"; DROP TABLE payments; --'),
    ("subquery", "(SELECT current_setting('temp_directory') AS customer_id)"),
    ("other_db", "read_duckdb('<<OTHER_DB>>', table_name='secret')"),
]

STEP_SOURCE_IDS = {"read_text", "string_path", "duckdb_settings", "information_schema", "stacked"}

HOSTILE_TARGETS: list[tuple[str, str]] = [
    ("stacked_drop", "x; DROP TABLE payments"),
    ("quote_break", 'x"; DROP TABLE payments; --'),
    ("other_catalog", "system.main.pwned"),
    ("temp_catalog", "temp.main.pwned"),
    ("file_path", "<<WATCH_DIR>>/pwned.csv"),
    ("string_literal", "'pwned'"),
]


def name_cases() -> list[SpecCase]:
    cases = []
    for nid, name in HOSTILE_SOURCE_NAMES:
        spec = copy.deepcopy(ROWS_SPEC)
        spec["source_tables"] = [{"name": name, "alias": "c"}, {"name": "orders", "alias": "o"}]
        cases.append(_case(f"spec-source-{nid}", spec, MUST_REFUSE, "source_table", ""))
        if nid not in STEP_SOURCE_IDS:
            continue
        step = copy.deepcopy(ROWS_SPEC)
        step["steps"] = [
            {"name": "probe", "source_tables": [name], "columns": ["customer_id", "customer_name"]}
        ]
        step["source_tables"] = [{"name": "probe", "alias": "p"}]
        step["join_conditions"], step["filters"] = [], []
        step["columns"] = ["p.customer_id", "p.customer_name"]
        step["order_by"] = ["customer_id"]
        step["target_table"]["keys"] = ["customer_id"]
        cases.append(_case(f"spec-step-source-{nid}", step, MUST_REFUSE, "step_source", ""))
    for tid, target in HOSTILE_TARGETS:
        spec = copy.deepcopy(ROWS_SPEC)
        case = _case(f"spec-target-{tid}", spec, MUST_REFUSE, "target_table", "")
        case.spec["target_table"]["name"] = target
        cases.append(case)
    alias = copy.deepcopy(ROWS_SPEC)
    alias["source_tables"][0]["alias"] = "c, read_text('<<CANARY_TXT>>') AS r"
    cases.append(_case("spec-alias-injection", alias, MUST_REFUSE, "alias", ""))
    return cases


EXAMPLES = ("customer_order_summary", "top_customers_by_month", "unpaid_orders", "category_share")


def control_cases() -> list[SpecCase]:
    """The example specs (their targets renamed) and legitimate expressions that only look
    like attacks: these runs must complete."""
    cases = []
    for name in EXAMPLES:
        path = SPECS_DIR / f"{name}.json"
        spec = json.loads(path.read_text())
        cases.append(_case(f"spec-ok-{path.stem}", spec, MUST_ANSWER, "control", path.name))
    looks = [
        ("literal_words", "'getenv(''PATH'') read_text current_setting' AS note"),
        ("alias_like_function", "c.customer_name AS read_text"),
    ]
    for lid, column in looks:
        spec = copy.deepcopy(ROWS_SPEC)
        spec["columns"] = [*spec["columns"], column]
        cases.append(_case(f"spec-ok-{lid}", spec, MUST_ANSWER, "control", ""))
    for position in ROW_POSITIONS + GROUP_POSITIONS:
        # the slots themselves work: a harmless expression in each one runs and publishes
        base = GROUPED_SPEC if position in GROUP_POSITIONS else ROWS_SPEC
        expr = {"step_column": "upper(customer_name)", "step_filter": "upper(customer_name)"}
        benign = expr.get(position, "upper(c.country)")
        spec = place(base, position, benign)
        cases.append(_case(f"spec-ok-slot-{position}", spec, MUST_ANSWER, "control", benign))
    step = copy.deepcopy(ROWS_SPEC)
    step["steps"] = [
        {
            "name": "probe",
            "source_tables": ["customers"],
            "columns": ["customer_id", "customer_name"],
        }
    ]
    step["source_tables"] = [{"name": "probe", "alias": "p"}]
    step["join_conditions"], step["filters"] = [], []
    step["columns"], step["order_by"] = ["p.customer_id", "p.customer_name"], ["customer_id"]
    step["target_table"]["keys"] = ["customer_id"]
    cases.append(_case("spec-ok-step-source", step, MUST_ANSWER, "control", "a step"))
    return cases


# resource bombs in specs: run through a real subprocess, killed at the bound
BOMBS: list[tuple[str, str]] = [
    ("repeat_per_row", "length(repeat(c.customer_name, 100000000))"),
    ("range_list", "len(range(1000000000))"),
    ("range_table", "(SELECT count(*) FROM range(1000000000000))"),
]


def bomb_cases() -> list[SpecCase]:
    return [
        _case(f"spec-bomb-{bid}", place(ROWS_SPEC, "column", expr), MUST_REFUSE, "resource", "")
        for bid, expr in BOMBS
    ]


def spec_cases() -> list[SpecCase]:
    cases = control_cases() + expression_cases() + name_cases()
    ids = Counter(case.id for case in cases)
    assert max(ids.values()) == 1, [i for i, n in ids.items() if n > 1]
    return cases


def fill(spec: dict[str, Any], fill_text: Any) -> dict[str, Any]:
    """The spec with its placeholders filled by `fill_text` (a str -> str function)."""
    filled: dict[str, Any] = json.loads(fill_text(json.dumps(spec)))
    return filled
