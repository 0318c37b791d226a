"""`datamorph docs`: the project as one static HTML page, `target/docs/index.html`.

    docs = collect(load_project())           # models, sources, columns, SQL, last build
    path, _ = write_docs(load_project())     # the page, written whole

What a model's columns are comes from the database's catalog when its table exists (read
read-only, as `datamorph catalog` reads it): those are the types a reader of the table gets.
A model not built yet shows the names its spec compiles to, typed "not built yet". Its SQL is
compiled against the catalog with every unbuilt upstream model standing in as a table of its
output names, so a fresh project is documented before its first build.

`depths` and `last_build` are shared with the web page's project view (api/routes_project.py).
The HTML itself is `docs_page.py`'s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datamorph.errors import DataMorphError
from datamorph.project import graph
from datamorph.project.models import Model, Project
from datamorph.redact import redact

if TYPE_CHECKING:
    from datamorph.catalog import Catalog

NOT_BUILT = "not built yet"


@dataclass(frozen=True)
class Column:
    name: str
    type: str


@dataclass(frozen=True)
class Test:
    label: str
    type: str
    severity: str


@dataclass
class ModelDoc:
    name: str
    description: str
    file: str
    materialization: str
    keys: list[str]
    tags: list[str]
    upstream: list[str]  # models this one reads (or tests against), built before it
    downstream: list[str]
    sources: list[str]  # tables of the database it reads that no model writes
    columns: list[Column]
    built: bool  # its table exists in the database
    row_count: int | None
    tests: list[Test]
    sql: str | None
    sql_problem: str | None  # why there is no SQL (a spec that does not check)
    depth: int
    status: dict[str, Any] | None  # its entry in the last build's run_results.json


@dataclass
class SourceDoc:
    name: str
    columns: list[Column]
    found: bool
    row_count: int | None
    read_by: list[str]
    depth: int = 0


@dataclass
class ProjectDocs:
    name: str
    database: str  # as it may be shown: no password
    dialect: str
    catalog_problem: str | None  # why the database could not be read (the page says so)
    models: list[ModelDoc]  # in build order
    sources: list[SourceDoc]
    edges: list[tuple[str, str]]  # (upstream, downstream): models and sources by name
    last_build: dict[str, Any] | None = None  # run_results.json's metadata and elapsed time
    generated_at: str = ""


def source_tables(model: Model, project: Project) -> list[str]:
    """The tables `model` reads that no model of the project writes (nor a step of its own)."""
    spec = model.spec
    steps = {step.name for step in spec.steps}
    tables = [*spec.source_tables, *(t for step in spec.steps for t in step.source_tables)]
    names = [t.name for t in tables if t.name not in steps and t.name not in project.models]
    return list(dict.fromkeys(names))


def edges(project: Project) -> list[tuple[str, str]]:
    """Every dependency once: source -> model and model -> model, in build order."""
    found: list[tuple[str, str]] = []
    for name in graph.order(project):
        model = project.models[name]
        found += [(source, name) for source in source_tables(model, project)]
        found += [(upstream, name) for upstream in model.depends_on]
    return list(dict.fromkeys(found))


def depths(project: Project) -> dict[str, int]:
    """The column of each node in a left-to-right drawing: sources 0, a model one more than
    its deepest upstream, so every edge points right."""
    depth: dict[str, int] = {}
    for name in graph.order(project):  # upstream first: parents are placed already
        model = project.models[name]
        for source in source_tables(model, project):
            depth.setdefault(source, 0)
        parents = [depth[d] for d in model.depends_on] + [0]
        depth[name] = max(parents) + 1
    return depth


def last_build(root: Path) -> tuple[dict[str, Any] | None, dict[str, dict[str, Any]]]:
    """The last build's metadata and its result per model, from `target/run_results.json`;
    (None, {}) when there was none, or the file is not one this version wrote."""
    path = root / "target" / "run_results.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        results = {r["name"]: r for r in data["results"] if isinstance(r, dict) and "name" in r}
        meta = dict(data.get("metadata", {})) | {"elapsed_time": data.get("elapsed_time")}
    except (OSError, ValueError, KeyError, TypeError):
        return None, {}
    for result in results.values():  # a message may quote a URL: never shown with a password
        if isinstance(result.get("message"), str):
            result["message"] = redact(result["message"])
    return meta, results


def collect(project: Project, database: str | None = None) -> ProjectDocs:
    """Everything the page shows, read from the project, the database and the last build."""
    from datetime import UTC, datetime

    from datamorph import config
    from datamorph.config import shown_location
    from datamorph.engines import parse_database

    database = database or config.default_database()
    shown = shown_location(parse_database(database).shown)
    catalog, problem = _read_catalog(database)
    # the engine's names are the dialects' (duckdb, postgres, spark)
    dialect = (catalog.dialect if catalog is not None else None) or parse_database(database).engine
    meta, results = last_build(project.root)
    order = graph.order(project)
    depth = depths(project)
    children = project.children()
    schema = _schema(catalog)
    models = [
        _model_doc(project, project.models[name], catalog, schema, dialect, depth, children)
        for name in order
    ]
    for doc in models:
        doc.status = results.get(doc.name)
    return ProjectDocs(
        name=project.name,
        database=shown,
        dialect=dialect,
        catalog_problem=problem,
        models=models,
        sources=_sources(project, catalog, order),
        edges=edges(project),
        last_build=meta,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    )


def write_docs(
    project: Project, out: Path | None = None, database: str | None = None
) -> tuple[Path, ProjectDocs]:
    """Write the page (default `<project>/target/docs/index.html`; a folder: its
    index.html); its path and what it shows."""
    from datamorph.project.docs_page import render

    docs = collect(project, database)
    path = out or project.root / "target" / "docs" / "index.html"
    if path.is_dir():
        path = path / "index.html"
    return write_page(path, render(docs)), docs


def write_page(path: Path, page: str) -> Path:
    """`page` written whole to `path`: a browser reloading never reads half a page."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(page)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _read_catalog(database: str) -> tuple[Catalog | None, str | None]:
    """The database's catalog, read-only; a database that cannot be read is no reason to
    write no documentation: the page says why its columns are the spec's."""
    from datamorph.commands import read_catalog

    try:
        return read_catalog(database), None
    except DataMorphError as error:
        return None, redact(error.one_line())


def _schema(catalog: Catalog | None) -> dict[str, dict[str, str]]:
    return catalog.schema_mapping() if catalog is not None else {}


def _model_doc(
    project: Project,
    model: Model,
    catalog: Catalog | None,
    schema: dict[str, dict[str, str]],
    dialect: str,
    depth: dict[str, int],
    children: dict[str, list[str]],
) -> ModelDoc:
    from datamorph.codegen.sql import SQL_DIALECTS, compile_sql
    from datamorph.spec.check import resolve_spec

    spec = model.spec
    resolved = resolve_spec(spec, schema)
    problems = resolved.problems  # the main query's and its steps' and tests'
    sql, sql_problem, outputs = None, None, list(spec.columns or ())
    if problems:
        sql_problem = "; ".join(f"{p.path}: {p.message}" for p in problems[:3])
    else:
        outputs = resolved.main.output_names
        try:
            sql = compile_sql(spec, schema, dialect if dialect in SQL_DIALECTS else "duckdb")
        except DataMorphError as error:
            sql_problem = error.one_line()
    table = catalog.table(model.name) if catalog and catalog.has_table(model.name) else None
    if table is not None:
        columns = [Column(c.name, c.type) for c in table.columns]
    else:  # downstream models compile against its outputs, of types no one knows yet
        columns = [Column(name, NOT_BUILT) for name in outputs]
        schema[model.name] = {name: "unknown" for name in outputs}
    return ModelDoc(
        name=model.name,
        description=spec.description,
        file=model.path.relative_to(project.root).as_posix(),
        materialization=model.materialization,
        keys=list(spec.target_table.keys),
        tags=list(model.tags),
        upstream=list(model.depends_on),
        downstream=sorted(children.get(model.name, [])),
        sources=source_tables(model, project),
        columns=columns,
        built=table is not None,
        row_count=table.row_count if table is not None else None,
        tests=[Test(t.label, t.type, t.severity) for t in spec.tests],
        sql=sql,
        sql_problem=redact(sql_problem) if sql_problem else None,
        depth=depth[model.name],
        status=None,
    )


def _sources(project: Project, catalog: Catalog | None, order: list[str]) -> list[SourceDoc]:
    readers: dict[str, list[str]] = {}
    for name in order:
        for source in source_tables(project.models[name], project):
            readers.setdefault(source, []).append(name)
    found = []
    for name in sorted(readers):
        table = catalog.table(name) if catalog and catalog.has_table(name) else None
        columns = [Column(c.name, c.type) for c in table.columns] if table else []
        found.append(SourceDoc(name, columns, table is not None,
                               table.row_count if table else None, readers[name]))  # fmt: skip
    return found
