"""Python standard-library failures provoked for real: files, imports, parsing, code bugs.

Sockets, HTTP and TLS are in `python_network.py`; memory, devices, time budgets, locks and
permissions in `python_system.py`; pyarrow and pandas in `python_libs.py`. `harvest()` here
runs them all. Labelling decisions:
- a path that exists but is the wrong kind (a file where a directory is expected, or the
  reverse) is `configuration_error`: the configured path cannot work;
- a missing environment variable (KeyError on os.environ) is `configuration_error`, while a
  KeyError on the program's own dict is `code_defect`: same exception, different intent;
- parsing a value out of input data (int(), float(), strptime, json, csv, gzip...) that is not
  what it claims to be is `data_corruption`; a config file that does not parse (TOML, INI) is
  `configuration_error`; unbounded recursion is `code_defect`.
"""

from __future__ import annotations

import codecs
import configparser
import csv
import datetime as dt
import gzip
import importlib
import io
import json
import locale
import os
import pickle
import subprocess
import tomllib
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

from corpus.common import Recorder, python_code, workdir, world_writable
from datamorph.monitor.taxonomy import Category

C = Category
Cases = list[tuple[str, Category, list[Callable[[], object]]]]

LATIN1 = "customer_id,name,city\n1,Zoë Müller,Köln\n2,François,Paris\n".encode("latin-1")
CP1252 = "sku,description\nA-1,“smart” lamp – 40W\n".encode("cp1252")


def write_inputs() -> None:
    Path("landing/2024").mkdir(parents=True)
    Path("landing/orders.csv").write_text("order_id,amount\n10,25.0\n")
    Path("landing/customers_latin1.csv").write_bytes(LATIN1)
    Path("landing/products_cp1252.csv").write_bytes(CP1252)
    Path("landing/export.gz").write_bytes(b"PK\x03\x04 not gzip at all")
    packed = gzip.compress(bytes(range(256)) * 64)
    Path("landing/partial.json.gz").write_bytes(packed[: len(packed) // 2])
    Path("landing/archive.zip").write_text("order_id,amount\n")


def open_file(path: str, mode: str = "r", encoding: str | None = None) -> Callable[[], object]:
    def attempt() -> object:
        with open(path, mode, encoding=encoding) as handle:
            return handle.read() if "r" in mode else handle.write("x")

    return attempt


def read_text(path: str, encoding: str) -> Callable[[], object]:
    return lambda: Path(path).read_text(encoding=encoding)


def parse(function: Callable[..., object], *args: Any) -> Callable[[], object]:
    return lambda: function(*args)


def read_archive(opener: Callable[[str], Any], path: str) -> object:
    with opener(path) as archive:
        return archive.read() if hasattr(archive, "read") else archive.namelist()


def csv_rows(text: str, **options: Any) -> Callable[[], object]:
    return lambda: list(csv.reader(io.StringIO(text), **options))


def import_name(module: str, name: str | None = None) -> Callable[[], object]:
    def attempt() -> object:
        return importlib.import_module(module) if name is None else _from_import(module, name)

    return attempt


def _from_import(module: str, name: str) -> object:
    namespace: dict[str, object] = {}
    exec(f"from {module} import {name}", namespace)  # the `from x import y` error wording
    return namespace[name]


def run_command(*command: str, timeout: float | None = None) -> Callable[[], object]:
    return lambda: subprocess.run(list(command), capture_output=True, timeout=timeout, check=True)


FILES: Cases = [
    (
        "file_not_found",
        C.MISSING_DEPENDENCY,
        [
            open_file("landing/orders_2024-03-31.csv"),
            open_file("exports/daily/summary.json"),
            lambda: os.listdir("landing/2024/03/31"),
        ],
    ),
    (
        "command_not_found",
        C.MISSING_DEPENDENCY,
        [
            run_command("dbt", "run"),
            run_command("bteq", "-c", "UTF8"),
            run_command("snowsql", "-c", "prod"),
        ],
    ),
    (
        "module_not_found",
        C.MISSING_DEPENDENCY,
        [
            import_name("snowflake.connector"),
            import_name("google.cloud.bigquery"),
            import_name("confluent_kafka"),
        ],
    ),
    (
        "import_name_missing",
        C.MISSING_DEPENDENCY,
        [import_name("json", "dumps_fast"), import_name("csv", "DictReaderV2")],
    ),
    (
        "not_a_directory",
        C.CONFIGURATION_ERROR,
        [lambda: os.listdir("landing/orders.csv"), open_file("landing/orders.csv/part-0.csv")],
    ),
    (
        "is_a_directory",
        C.CONFIGURATION_ERROR,
        [open_file("landing"), open_file("landing/2024", "w")],
    ),
]

DATA: Cases = [
    (
        "unicode_decode",
        C.DATA_CORRUPTION,
        [
            read_text("landing/customers_latin1.csv", "utf-8"),
            read_text("landing/products_cp1252.csv", "utf-8"),
            parse(bytes.decode, b"\xff\xfeo\x00r\x00d\x00", "utf-8"),
        ],
    ),
    (
        "json_decode",
        C.DATA_CORRUPTION,
        [
            parse(json.loads, '{"order_id": 10, "amount": 25.0'),
            parse(json.loads, '{"order_id": 10 "amount": 25.0}'),
            parse(json.loads, ""),
        ],
    ),
    (
        "csv_error",
        C.DATA_CORRUPTION,
        [
            csv_rows('id,name\n1,"Ada" Lovelace\n', strict=True),
            csv_rows('id,name\n1,"Ada\n', strict=True),
            csv_rows('id,note\n1,"' + "x" * 140_000 + "\n"),
        ],
    ),
    (
        "compressed_data",
        C.DATA_CORRUPTION,
        [
            parse(read_archive, gzip.open, "landing/export.gz"),
            parse(read_archive, gzip.open, "landing/partial.json.gz"),
            parse(read_archive, zipfile.ZipFile, "landing/archive.zip"),
            parse(zlib.decompress, b"this is not zlib"),
        ],
    ),
    (
        "value_parse",
        C.DATA_CORRUPTION,
        [
            parse(int, "12,5"),
            parse(int, "ORD-1004"),
            parse(float, "n/a"),
        ],
    ),
    (
        "date_parse",
        C.DATA_CORRUPTION,
        [
            parse(dt.datetime.strptime, "2024-02-30", "%Y-%m-%d"),
            parse(dt.datetime.strptime, "31/12/2024", "%Y-%m-%d"),
            parse(dt.date.fromisoformat, "2024-13-01"),
        ],
    ),
    (
        "xml_parse",
        C.DATA_CORRUPTION,
        [
            parse(ElementTree.fromstring, "<order><id>10</id></orders>"),
            parse(ElementTree.fromstring, "<feed><entry>1</entry>"),
        ],
    ),
    (
        "unpickle",
        C.DATA_CORRUPTION,
        [parse(pickle.loads, b"order_id,amount\n"), parse(pickle.loads, b"\x80\x05\x95")],
    ),
]

CONFIG: Cases = [
    (
        "env_var_missing",
        C.CONFIGURATION_ERROR,
        [lambda: os.environ["DM_WAREHOUSE_URL"], lambda: os.environ["DM_SNOWFLAKE_ACCOUNT"]],
    ),
    (
        "config_file_parse",
        C.CONFIGURATION_ERROR,
        [
            parse(tomllib.loads, "[warehouse]\nurl postgres://db/analytics\n"),
            parse(tomllib.loads, "[run]\nthreads = 4\nthreads = 8\n"),
            lambda: configparser.ConfigParser().read_string("url = postgres://db\n"),
        ],
    ),
    (
        "unknown_time_zone",
        C.CONFIGURATION_ERROR,
        [parse(ZoneInfo, "Europe/Paaris"), parse(ZoneInfo, "US/Pacific Time")],
    ),
    (
        "unknown_encoding",
        C.CONFIGURATION_ERROR,
        [parse(codecs.lookup, "utf-9"), parse(codecs.lookup, "latin-10")],
    ),
    ("unknown_locale", C.CONFIGURATION_ERROR, [parse(locale.setlocale, locale.LC_ALL, "xx_YY")]),
]


def _config() -> dict[str, Any]:
    return {"warehouse": {"url": "duckdb:///w.duckdb"}, "tables": ["orders"], "limit": None}


def _unbound(rows: list[int]) -> int:
    if rows:
        total = sum(rows)
    return total  # the bug under study: unbound when rows is empty


def _recurse(depth: int) -> int:
    return _recurse(depth + 1) + 1


CODE: Cases = [
    (
        "key_error",
        C.CODE_DEFECT,
        [lambda: _config()["warehouse_url"], lambda: _config()["warehouse"]["dsn"]],
    ),
    (
        "type_error",
        C.CODE_DEFECT,
        [
            lambda: 1 + _config()["warehouse"]["url"],
            lambda: _config()["limit"][0],
            lambda: _unbound(),
        ],
    ),
    (
        "attribute_error",
        C.CODE_DEFECT,
        [lambda: _config()["limit"].execute("SELECT 1"), lambda: _config().warehouse],
    ),
    ("name_error", C.CODE_DEFECT, [lambda: eval("spark.table('orders')"), lambda: eval("df")]),
    (
        "index_error",
        C.CODE_DEFECT,
        [lambda: _config()["tables"][1], lambda: ("2024", "03")[2]],
    ),
    ("zero_division", C.CODE_DEFECT, [lambda: 10 / len([]), lambda: 2.5 / 0.0]),
    (
        "unpack_error",
        C.CODE_DEFECT,
        [lambda: _unpack2(("orders", "main", "public")), lambda: _unpack3(("orders", "main"))],
    ),
    ("unbound_local", C.CODE_DEFECT, [lambda: _unbound([])]),
    (
        "syntax_error",
        C.CODE_DEFECT,
        [
            parse(compile, "def build(spark)\n    return spark", "<generated>", "exec"),
            parse(compile, "rows = [1, 2\n", "pipeline.py", "exec"),
        ],
    ),
    ("recursion", C.CODE_DEFECT, [lambda: _recurse(0)]),
]


def _unpack2(parts: tuple[str, ...]) -> tuple[str, str]:
    table, schema = parts
    return table, schema


def _unpack3(parts: tuple[str, ...]) -> tuple[str, str, str]:
    table, schema, catalog = parts
    return table, schema, catalog


def run_cases(recorder: Recorder, cases: Cases) -> None:
    for trigger, category, attempts in cases:
        for attempt in attempts:
            recorder.expect(trigger, category, attempt)


def harvest() -> list[dict[str, Any]]:
    from corpus.triggers import python_libs, python_network, python_system

    recorder = Recorder("python", python_code)
    with workdir("python") as scratch:
        world_writable(scratch)  # the unprivileged attempts run inside it
        write_inputs()
        for cases in (FILES, DATA, CONFIG, CODE):
            run_cases(recorder, cases)
        python_system.run_all(recorder)
        python_libs.run_all(recorder)
    python_network.run_all(recorder)
    return recorder.finish()
