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
    root = find_root(start)
    if root is None:
        raise UsageError(
            "no datamorph.toml here or in any folder above",
            hint="run this inside a project, or create one with `datamorph init`",
        )
    settings = _settings(root, start)
    models_dir = Path(str(settings.get("project.models") or root / "models"))
    name = str(settings.get("project.name") or root.name)
    return Project(root=root, name=name, models_dir=models_dir, models=load_models(models_dir))


def init_project(folder: Path, database: str | None = None) -> Path:
    """A new project in `folder`: datamorph.toml and an empty models/; its file's path."""
    from datamorph.config_files import PROJECT_FILE

    path = folder / PROJECT_FILE
    if path.exists():
        raise UsageError(f"{path} exists: {folder} is a project already", hint="datamorph ls")
    folder.mkdir(parents=True, exist_ok=True)
    name = "".join(c if c.isalnum() or c == "_" else "_" for c in folder.resolve().name)
    lines = ["# DataMorph project: `datamorph build` runs the models in models/", ""]
    if database:  # a relative path is read against this file's folder
        lines.append(f"database = {json_string(database)}")
    lines += ["", "[project]", f"name = {json_string(name or 'project')}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    (folder / "models").mkdir(exist_ok=True)
    return path


def json_string(text: str) -> str:
    """A TOML basic string (JSON's escaping is TOML's for these characters)."""
    import json

    return json.dumps(text)


def _settings(root: Path, start: Path | None) -> dict[str, object]:
    """The project settings: layered as every setting is (environment and flags over the
    file) for the current directory's project; read from its own file for another one."""
    from datamorph import config
    from datamorph.config_files import PROJECT_FILE, read_file

    if start is None:
        return {k: config.lookup(k).value for k in ("project.models", "project.name")}
    return read_file(root / PROJECT_FILE)
