"""Projects: a folder with `datamorph.toml` and `models/`, built as a DAG of models.

    project = load_project()                 # from the current directory upwards
    result = build(project, select=["orders+"])

`models.py` reads the model files, `graph.py` orders and selects them, `build.py` runs them
(each one a normal run: validated, published atomically) and `results.py` writes
`target/run_results.json` and `target/manifest.json`.
"""

from __future__ import annotations

from pathlib import Path

from datamorph.errors import UsageError
from datamorph.project.models import Model, Project, load_models

__all__ = ["Model", "Project", "find_root", "load_project"]


def find_root(start: Path | None = None) -> Path | None:
    """The folder of the first `datamorph.toml` from `start` (the current directory) upwards."""
    from datamorph.config_files import PROJECT_FILE, project_file

    if start is None:
        found = project_file()
        return found.parent if found is not None else None
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    return None


def load_project(start: Path | None = None) -> Project:
    """The project around `start` (default: the current directory), its models read."""
    from datamorph import config

    root = find_root(start)
    if root is None:
        raise UsageError(
            "no datamorph.toml here or in any folder above",
            hint="run this inside a project, or create one with `datamorph init`",
        )
    models_dir = config.lookup("project.models").value or root / "models"
    name = config.lookup("project.name").value or root.name
    return Project(root=root, name=name, models_dir=Path(models_dir),
                   models=load_models(Path(models_dir)))  # fmt: skip
