"""The demo project `datamorph demo` writes beside the demo database and builds: staging ->
intermediate -> marts over a copy of the retail tables, with user tests and one incremental
model.

It is written once: a demo project that exists (perhaps edited by its reader) is built as it
is, never overwritten.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from datamorph.project.build import BuildResult, Observer

FOLDER = "demo_project"


WAREHOUSE = "warehouse.duckdb"


def write_demo_project(database: Path) -> Path:
    """The demo project's folder beside `database` (written if it is not there yet), with its
    own copy of the database: the demo database keeps only the demo's tables, so what is
    planned against it from English does not change with the project's."""
    root = database.parent / FOLDER
    if not (root / "datamorph.toml").is_file():
        template = resources.files("datamorph.demo") / "project"
        with resources.as_file(template) as source:
            shutil.copytree(source, root, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    if not (root / WAREHOUSE).exists():
        shutil.copy(database, root / WAREHOUSE)
    return root


def build_demo_project(database: Path, on_model: Observer | None = None) -> BuildResult:
    """Write (once) and build the demo project on `database`."""
    from datamorph.project import load_project
    from datamorph.project.build import build
    from datamorph.project.results import write_build_files

    root = write_demo_project(database)
    project = load_project(root)
    result = build(project, database=str(root / WAREHOUSE), on_model=on_model)
    write_build_files(result, {"select": [], "exclude": [], "fail_fast": False,
                               "full_refresh": False, "threads": None})  # fmt: skip
    return result
