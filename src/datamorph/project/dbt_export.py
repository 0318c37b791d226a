"""`datamorph export dbt DIR`: the project as a dbt project that `dbt build` runs with the same
results (the dbt-duckdb adapter; dbt-postgres for a PostgreSQL database).

Each model becomes models/<its folder>/<name>.sql: DataMorph's own compiled SELECT, with every
table that is a model replaced by `{{ ref('name') }}` and every other table by
`{{ source(...) }}`. The replacement is done on the sqlglot tree (a placeholder identifier per
table, swapped for the Jinja call after rendering), so aliases and columns are never touched.
The target's mode becomes the materialization: replace -> table, append -> incremental with
the append strategy, merge -> incremental delete+insert on the keys. `delete_when` has no
faithful dbt form (delete+insert only inserts), so such a project is refused, not exported
wrong. The keys and the user's tests become dbt tests: generic ones where dbt's have the same
meaning, singular ones in tests/ otherwise. No secret is ever written: a PostgreSQL profile
reads its password from env_var('PGPASSWORD').
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import yaml
from sqlglot import exp
from sqlglot.dialects.duckdb import DuckDB

from datamorph.errors import UsageError
from datamorph.project import graph
from datamorph.project.models import Model, Project
from datamorph.spec import expressions as ex
from datamorph.spec.user_tests import UserTest

_PLACEHOLDER = re.compile(r'"?(__dm_t\d+__)"?')
_RESERVED = frozenset(DuckDB.Generator.RESERVED_KEYWORDS)  # as codegen/sql.py quotes them
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")  # a literal `{{`, `{%` or `{#` in the SQL itself


@dataclass
class ExportResult:
    directory: Path
    models: list[str] = field(default_factory=list)
    tests: int = 0
    files: list[Path] = field(default_factory=list)
    profile: str = ""


@dataclass
class _Target:
    """Where dbt builds: the profile's adapter, the SQL dialect and the sources' schema (the
    source is named after it: `source('main', 'orders')` says where the table is)."""

    dialect: str
    profile: dict[str, Any]
    source_schema: str
    source_name: str


def export_dbt(
    project: Project, directory: Path, *, database: str | None = None, force: bool = False
) -> ExportResult:
    """Write the dbt project for `project` into `directory` (refused when it holds files,
    unless `force`: then its models/ and tests/ are replaced, nothing else is removed)."""
    from datamorph import config

    directory = directory.resolve()
    if directory == project.models_dir.resolve() or project.models_dir.resolve() in (
        directory.parents
    ):  # its .yml files would be read back as DataMorph models
        raise UsageError(
            f"{directory} is inside the project's models folder",
            hint="export to a folder outside models/, e.g. `datamorph export dbt dbt_project`",
        )
    if directory.exists() and any(directory.iterdir()) and not force:
        raise UsageError(f"{directory} is not empty", hint="choose an empty folder, or --force")
    for model in project.models.values():
        if model.spec.target_table.delete_when is not None:
            raise UsageError(
                f"{model.path}: model '{model.name}' has delete_when, which dbt cannot express "
                "(its delete+insert cannot delete a row without inserting it again)",
                hint="drop delete_when from the model to export it, or keep it in DataMorph",
            )
    names = graph.order(project)  # a cycle is refused here, as by `datamorph build`
    target = _target(project, database or config.default_database())
    schema = _schema(project, names, database)
    result = ExportResult(directory, names, profile=_identifier(project.name))
    files: dict[Path, str] = {}
    sources: dict[str, set[str]] = {}
    model_docs: list[dict[str, Any]] = []
    for name in names:
        model = project.models[name]
        writer = _ModelWriter(project, model, schema, target, sources)
        folder = Path("models", *([model.folder] if model.folder else []))
        files[folder / f"{name}.sql"] = writer.model_sql()
        doc, singular = writer.tests()
        model_docs.append(doc)
        for file_name, text in singular.items():
            files[Path("tests", file_name)] = text
        result.tests += writer.count
    project_file = {"name": result.profile, "version": "1.0.0", "profile": result.profile,
                    "model-paths": ["models"], "test-paths": ["tests"]}  # fmt: skip
    files[Path("dbt_project.yml")] = _yaml(project_file)
    files[Path("profiles.yml")] = _yaml(
        {result.profile: {"target": "dev", "outputs": {"dev": target.profile}}}
    )
    listed = [
        {"name": source, "schema": target.source_schema if source == target.source_name
         else source, "tables": [{"name": t} for t in sorted(tables)]}
        for source, tables in sorted(sources.items())
    ]  # fmt: skip
    files[Path("models", "sources.yml")] = _yaml({"version": 2, "sources": listed})
    files[Path("models", "schema.yml")] = _yaml({"version": 2, "models": model_docs})
    for stale in ("models", "tests"):  # --force: no stale model of an earlier export stays
        shutil.rmtree(directory / stale, ignore_errors=True)
    for relative, text in files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        result.files.append(path)
    return result


def _target(project: Project, database: str) -> _Target:
    from datamorph.engines import parse_database

    location = parse_database(database)
    threads = 1  # one writer per DuckDB file; PostgreSQL users raise it as they like
    if location.engine == "duckdb":
        file = location.target
        if file != ":memory:":
            file = str(Path(file).expanduser().resolve())
        profile: dict[str, Any] = {"type": "duckdb", "path": file, "schema": "main",
                                   "threads": threads}  # fmt: skip
        return _Target("duckdb", profile, "main", "main")
    if location.engine == "postgres":
        url = urlsplit(database)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        # the schema DataMorph reads: ?schema=NAME, else the search_path option, else public
        search_path = re.search(r"search_path=([\w,]+)", unquote(query.get("options", "")))
        schema = query.get("schema") or (search_path.group(1).split(",")[0] if search_path
                                         else "public")  # fmt: skip
        dbname = unquote(url.path.lstrip("/")) or "postgres"
        profile = {
            "type": "postgres",
            "host": url.hostname or query.get("host", "localhost"),
            "port": url.port or int(query.get("port", 5432)),
            "user": unquote(url.username or query.get("user", "postgres")),
            # never the URL's password: dbt reads it from the environment when it runs
            "password": "{{ env_var('PGPASSWORD') }}",
            "dbname": dbname,
            "schema": schema,
            "threads": 4,
        }
        return _Target("postgres", profile, schema, _identifier(schema))
    raise UsageError(
        f"dbt export writes DuckDB and PostgreSQL profiles, not {location.engine}",
        hint="pass --database with a DuckDB file or a postgresql:// URL",
    )


def _schema(project: Project, names: list[str], database: str | None) -> dict[str, dict[str, str]]:
    """The database's tables and columns, and each model's outputs where the database does
    not have its table yet (typed as well as the spec says: dbt needs names, not types)."""
    from datamorph.engines import open_engine
    from datamorph.spec.check import output_types, resolve_query

    engine = open_engine(database, read_only=True)
    try:
        catalog = engine.catalog(samples=0, counts=False)
        schema = {t: dict(c) for t, c in catalog.schema_mapping().items()}
    finally:
        engine.close()
    known = {name.lower() for name in schema}
    for name in names:
        if name.lower() in known:
            continue
        spec = project.models[name].spec
        work = dict(schema)
        for step in spec.steps:
            resolver, resolved = resolve_query(step, work)
            work[step.name] = output_types(resolver, resolved)
        resolver, main = resolve_query(spec, work)
        schema[name] = output_types(resolver, main)
    return schema


class _ModelWriter:
    """One model's .sql file, its entry in schema.yml and its singular tests."""

    def __init__(self, project: Project, model: Model, schema: dict[str, dict[str, str]],
                 target: _Target, sources: dict[str, set[str]]) -> None:  # fmt: skip
        from datamorph.codegen.sql import resolve_or_raise, select_from_resolved

        self.project, self.model, self.spec, self.target = project, model, model.spec, target
        self.sources = sources
        self.count = 0
        resolved = resolve_or_raise(model.spec, schema)
        self.select = select_from_resolved(model.spec, resolved)
        self.outputs = resolved.main.output_names
        self.group_outputs = {n.lower() for n, _ in resolved.main.group_items}
        self.types = {n.lower(): t for n, t in schema.get(model.name, {}).items()}

    # ---- the model -------------------------------------------------------------------------

    def model_sql(self) -> str:
        target = self.spec.target_table
        ctes = {step.name.lower() for step in self.spec.steps}
        body = self._render(self.select.copy(), skip=ctes)
        options = {"materialized": "table"}
        if target.mode != "replace" or target.incremental is not None:
            options["materialized"] = "incremental"
            options["incremental_strategy"] = "append"
        if target.mode == "merge":
            options["incremental_strategy"] = "delete+insert"
        config = ", ".join(f"{k}={v!r}" for k, v in options.items())
        if target.mode == "merge":
            # dbt writes the keys into its DELETE as they are: a reserved word goes quoted
            keys = [_identifier_sql(k, self.target.dialect) for k in target.keys]
            config += f", unique_key={keys[0] if len(keys) == 1 else keys!r}"
        if self.spec.tags:
            config += f", tags={list(self.spec.tags)!r}"
        header = f"{{{{ config({config}) }}}}\n"
        if target.incremental is None:
            return f"{header}\n{body}\n"
        # the filter is on the model's output column, so the query is a sub-query: DataMorph
        # takes the OUTPUT rows above the last high-water mark, whatever the column is made of
        column = exp.column(target.incremental.column, quoted=True).sql(self.target.dialect)
        newest = f"(select max({column}) from {{{{ this }}}})"
        return (
            f"{header}\nselect * from (\n{body}\n) as _dm_new\n{{% if is_incremental() %}}\n"
            f"where {newest} is null or {column} > {newest}\n{{% endif %}}\n"
        )

    def _render(self, tree: exp.Expr, *, skip: Collection[str] = (), this: str = "") -> str:
        """`tree` as SQL with each table a ref() or source(); `this` is the placeholder name
        standing for the model itself (a test's `{{ this }}`)."""
        from datamorph.codegen.sql import render_sql

        jinja: dict[str, str] = {}
        for identifier in tree.find_all(exp.Identifier):  # a column named `order`, in a test
            identifier.set("quoted", identifier.quoted or identifier.name.lower() in _RESERVED)
        for table in list(tree.find_all(exp.Table)):
            name = table.name
            if not name or name.lower() in skip:
                continue
            key = f"__dm_t{len(jinja)}__"
            itself = bool(this) and name == this
            if itself:
                jinja[key] = f"{{{{ ref('{self.model.name}') }}}}"
            else:
                jinja[key] = self._call(name, table.db)
            if not table.alias and not itself:  # keep the name columns are qualified with
                table.set("alias", exp.TableAlias(this=table.this.copy()))
            table.set("this", exp.to_identifier(key))
            table.set("db", None)
            table.set("catalog", None)
        if isinstance(tree, exp.Select):
            text = render_sql(tree, self.target.dialect)
        else:
            text = tree.sql(dialect=self.target.dialect, pretty=True)
        text = _JINJA_OPEN.sub("{{ '{' }}", text)
        return _PLACEHOLDER.sub(lambda m: jinja[m.group(1)], text)

    def _call(self, name: str, schema: str = "") -> str:
        model = {n.lower(): n for n in self.project.models}.get(name.lower())
        if model is not None and not schema:
            return f"{{{{ ref('{model}') }}}}"
        source = _identifier(schema) if schema else self.target.source_name
        self.sources.setdefault(source, set()).add(name)
        return f"{{{{ source('{source}', '{name}') }}}}"

    # ---- the tests -------------------------------------------------------------------------

    def tests(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The model's schema.yml entry (description, columns, generic tests) and its singular
        tests by file name."""
        target = self.spec.target_table
        column_tests: dict[str, list[Any]] = {c.lower(): [] for c in self.outputs}
        singular: dict[str, str] = {}
        keys = list(target.keys)
        if len(keys) == 1:
            column_tests.setdefault(keys[0].lower(), []).append("unique")
        elif keys:
            singular[f"{self.model.name}__keys.sql"] = self._duplicates(keys, "keys", False)
        not_null = {c.lower() for c in target.not_null}
        for key in keys:  # a NULL group key is one group, allowed unless listed in not_null
            if key.lower() not in self.group_outputs or key.lower() in not_null:
                column_tests.setdefault(key.lower(), []).append("not_null")
        for i, test in enumerate(self.spec.tests, start=1):
            generic = self._generic(test)
            if generic is not None:
                for column in test.columns:  # dbt refuses two tests of the same name
                    found = column_tests.setdefault(column.lower(), [])
                    found.extend([generic] if generic not in found else [])
            else:
                singular[f"{self.model.name}__{i}.sql"] = self._singular(test)
        self.count = sum(len(t) for t in column_tests.values()) + len(singular)
        doc: dict[str, Any] = {"name": self.model.name}
        if self.spec.description:
            doc["description"] = self.spec.description
        # quote: dbt's generic tests write the column as named; `order` must be quoted
        doc["columns"] = [{"name": c, **({"quote": True} if c.lower() in _RESERVED else {})}
                          for c in self.outputs]  # fmt: skip
        for column in doc["columns"]:
            if column_tests[column["name"].lower()]:
                column["data_tests"] = column_tests[column["name"].lower()]
        return doc, singular

    def _generic(self, test: UserTest) -> Any:
        """dbt's generic test with the DataMorph test's meaning, or None for a singular one."""
        arguments: dict[str, Any] = {}
        if test.type == "not_null":
            name = "not_null"
        elif test.type == "unique" and len(test.columns) == 1:
            name = "unique"  # both skip NULLs
        elif test.type == "accepted_values":
            values = [v for v in test.values if v is not None]  # DataMorph ignores a NULL
            if not values or len({type(v) for v in values}) > 1 or isinstance(values[0], bool):
                return None
            name, arguments = "accepted_values", {"values": values}
            if not isinstance(values[0], str):
                arguments["quote"] = False
        elif test.type == "relationships" and test.to and test.field:
            call = self._call(test.to).removeprefix("{{ ").removesuffix(" }}")
            name, arguments = "relationships", {"to": call, "field": test.field}
        else:
            return None
        if not arguments and test.severity == "error":
            return name
        body: dict[str, Any] = {"arguments": arguments} if arguments else {}
        if test.severity == "warn":
            body["config"] = {"severity": "warn"}
        return {name: body}

    def _singular(self, test: UserTest) -> str:
        this = exp.to_table("__dm_this__")
        rows = exp.select("*").from_(this)
        if test.type == "unique":
            return self._duplicates(list(test.columns), test.label, True, test.severity)
        if test.type == "accepted_values":
            (column,) = test.columns
            value = exp.column(column, quoted=True)
            known = [exp.convert(v) for v in test.values if v is not None]
            unknown = exp.not_(value.isin(*known)) if known else exp.true()
            tree: exp.Expr = rows.where(exp.and_(value.is_(exp.null()).not_(), unknown))
        elif test.type == "expression_is_true":
            # DataMorph fails a row whose expression IS NOT TRUE: a NULL result fails too
            holds = exp.Paren(this=ex.parse_expression(test.expression or ""))
            tree = rows.where(exp.not_(exp.Is(this=holds, expression=exp.true())))
        elif test.type == "row_count":
            n = exp.column("row_count")
            counted = exp.select(exp.alias_(exp.Count(this=exp.Star()), "row_count")).from_(this)
            outside: list[exp.Expr] = [*([n < test.min] if test.min is not None else []),
                       *([n.copy() > test.max] if test.max is not None else [])]  # fmt: skip
            tree = exp.select("*").from_(counted.subquery("_dm_counted")).where(exp.or_(*outside))
        elif test.type == "freshness":
            tree = self._stale(test, this)
        else:  # sql: the user's SELECT, `{{ this }}` being the model
            tree = test.singular_query("__dm_this__")
        return self._test_file(test.label, tree, test.severity)

    def _stale(self, test: UserTest, this: exp.Table) -> exp.Expr:
        """max(column) older than now - max_age; an empty table or only NULLs fails."""
        (column,) = test.columns
        kind = self.types.get(column.lower(), "").upper()
        seconds = int(test.max_age_delta.total_seconds())
        # a timestamp without a time zone is read as UTC, as DataMorph does
        now = "now()" if "TZ" in kind or "TIME ZONE" in kind else "timezone('UTC', now())"
        if self.target.dialect == "postgres" and now != "now()":
            now = "(now() at time zone 'UTC')"
        bound: exp.Expr = exp.maybe_parse(f"{now} - interval '{seconds} seconds'", dialect="duckdb")
        latest = exp.column("latest")
        newest = exp.select(exp.alias_(exp.Max(this=exp.column(column, quoted=True)), "latest"))
        return (
            exp.select("*")
            .from_(newest.from_(this).subquery("_dm_latest"))
            .where(exp.or_(latest.is_(exp.null()), latest.copy() < bound))
        )

    def _duplicates(
        self, columns: list[str], label: str, skip_nulls: bool, severity: str = "error"
    ) -> str:
        """Combinations of `columns` held by more than one row. The keys' check counts a NULL
        as a value (GROUP BY makes one group of them); a unique test skips NULLs."""
        quoted = [exp.column(c, quoted=True) for c in columns]
        tree = exp.select(*quoted, exp.alias_(exp.Count(this=exp.Star()), "_dm_copies"))
        tree = tree.from_(exp.to_table("__dm_this__"))
        if skip_nulls:
            tree = tree.where(exp.and_(*(c.copy().is_(exp.null()).not_() for c in quoted)))
        tree = tree.group_by(*(c.copy() for c in quoted)).having(exp.Count(this=exp.Star()) > 1)
        return self._test_file(label, tree, severity)

    def _test_file(self, label: str, tree: exp.Expr, severity: str) -> str:
        safe = re.sub(r"[{}%#]", "", " ".join(label.split()))  # a Jinja comment holds no Jinja
        header = f"{{# DataMorph test of {self.model.name}: {safe} #}}\n"
        if severity == "warn":
            header += "{{ config(severity='warn') }}\n"
        return header + self._render(tree, this="__dm_this__") + "\n"


def _identifier_sql(name: str, dialect: str) -> str:
    return exp.to_identifier(name, quoted=name.lower() in _RESERVED).sql(dialect)


def _identifier(name: str) -> str:
    """`name` as a dbt identifier (project, profile and source names): letters, digits, _."""
    cleaned = re.sub(r"\W+", "_", name.strip().lower()).strip("_") or "datamorph"
    return cleaned if not cleaned[0].isdigit() else f"p_{cleaned}"


def _yaml(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, default_flow_style=False, allow_unicode=True)
