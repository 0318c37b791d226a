"""What a build leaves for other tools: `target/run_results.json` (how each model's part of the
build ended) and `target/manifest.json` (the project's models, their specs and the graph),
shaped after dbt's files of the same names so that tools reading those find their way.

Both are written whole to a temporary file and renamed into place: a reader never sees half
a file, and a killed build leaves the previous one.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

from datamorph.project.build import BuildResult
from datamorph.project.models import Project

SCHEMA_VERSION = 1


def unique_id(project: Project, name: str) -> str:
    return f"model.{project.name}.{name}"


def write_build_files(result: BuildResult, args: dict[str, Any]) -> tuple[Path, Path]:
    """Write both files under `<project>/target/`; their paths."""
    invocation = str(uuid.uuid4())
    folder = result.project.root / "target"
    run_results = _write(folder / "run_results.json", run_results_of(result, args, invocation))
    manifest = _write(folder / "manifest.json", manifest_of(result.project, invocation))
    return run_results, manifest


def run_results_of(result: BuildResult, args: dict[str, Any], invocation: str) -> dict[str, Any]:
    project = result.project
    return {
        "metadata": _metadata(project, invocation),
        "args": args,
        "elapsed_time": result.seconds,
        "counts": result.counts(),
        "results": [
            {
                "unique_id": unique_id(project, r.name),
                "name": r.name,
                "status": r.status,
                "message": r.message,
                "run_id": r.run_id,
                "rows": r.rows,
                "validation_status": r.validation,
                "execution_time": r.seconds,
                "timing": _timing(r.started_at, r.completed_at),
            }
            for r in result.results
        ],
    }


def _timing(started_at: str | None, completed_at: str | None) -> list[dict[str, Any]]:
    if started_at is None:
        return []  # skipped: never started
    return [{"name": "run", "started_at": started_at, "completed_at": completed_at}]


def manifest_of(project: Project, invocation: str) -> dict[str, Any]:
    children = project.children()
    nodes = {}
    sources: dict[str, dict[str, Any]] = {}
    for model in project.models.values():
        spec = model.spec
        for table in (*spec.source_tables, *(t for s in spec.steps for t in s.source_tables)):
            if table.name not in project.models and table.name not in {s.name for s in spec.steps}:
                sources.setdefault(f"source.{project.name}.{table.name}", {"name": table.name})
        nodes[unique_id(project, model.name)] = {
            "name": model.name,
            "resource_type": "model",
            "path": str(model.path.relative_to(project.root)),
            "folder": model.folder,
            "description": spec.description,
            "tags": list(model.tags),
            "materialized": model.materialization,
            "target": spec.target_table.name,
            "keys": list(spec.target_table.keys),
            "depends_on": {"nodes": [unique_id(project, d) for d in model.depends_on]},
            "tests": [t.model_dump(mode="json") | {"label": t.label} for t in spec.tests],
            "spec": spec.model_dump(mode="json"),
        }
    return {
        "metadata": _metadata(project, invocation),
        "nodes": nodes,
        "sources": sources,
        "parent_map": {
            unique_id(project, m.name): [unique_id(project, d) for d in m.depends_on]
            for m in project.models.values()
        },
        "child_map": {
            unique_id(project, n): [unique_id(project, c) for c in sorted(kids)]
            for n, kids in children.items()
        },
    }


def _metadata(project: Project, invocation: str) -> dict[str, Any]:
    from datetime import UTC, datetime
    from importlib.metadata import version

    return {
        "schema_version": SCHEMA_VERSION,
        "datamorph_version": version("datamorph"),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "invocation_id": invocation,
        "project_name": project.name,
    }


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2, default=str)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
