"""The demo project `datamorph demo` writes beside the demo database and builds: staging ->
intermediate -> marts over the retail tables, with user tests and one incremental model.

It is written once: a demo project that exists (perhaps edited by its reader) is built as it
is, never overwritten.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from datamorph.project.build import BuildResult, Observer

FOLDER = "demo_project"


def write_demo_project(database: Path) -> Path:
    """The demo project's folder beside `database` (written if it is not there yet)."""
    root = database.parent / FOLDER
    if (root / "datamorph.toml").is_file():
        return root
    template = resources.files("datamorph.demo") / "project"
    with resources.as_file(template) as source:
        shutil.copytree(source, root, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    if database.name != "demo.duckdb":  # the template names the default file
        config = root / "datamorph.toml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace('"../demo.duckdb"', f'"../{database.name}"'))
    return root


def build_demo_project(database: Path, on_model: Observer | None = None) -> BuildResult:
    """Write (once) and build the demo project on `database`."""
    from datamorph.project import load_project
    from datamorph.project.build import build
    from datamorph.project.results import write_build_files

    root = write_demo_project(database)
    project = load_project(root)
    result = build(project, database=str(database), on_model=on_model)
    write_build_files(result, {"select": [], "exclude": [], "fail_fast": False,
                               "full_refresh": False, "threads": None})  # fmt: skip
    return result
