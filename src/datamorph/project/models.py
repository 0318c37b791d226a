"""A project's models: one spec per file under `models/` (JSON, or YAML for people who write
them by hand), each named by its file and writing the table of that name.

A model reads other models' tables by name. A source table marked `"ref": true` must be a
model (an error with a did-you-mean otherwise); a source table that happens to be named like
a model is read from that model too, so the order of the build respects it either way. A
relationships test pointing at a model makes that model an upstream as well.

Every problem is one line naming the file (and the line, where the file format keeps it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datamorph.errors import UsageError, did_you_mean
from datamorph.spec import SourceTable, Spec

SUFFIXES = (".json", ".yaml", ".yml")


@dataclass(frozen=True)
class Model:
    """One model: its name (the file's stem and the table it writes), file and spec."""

    name: str
    path: Path
    spec: Spec
    depends_on: tuple[str, ...] = ()
    folder: str = ""  # the path under models/, for `path:` selectors ("staging", "marts/core")

    @property
    def tags(self) -> tuple[str, ...]:
        return self.spec.tags

    @property
    def materialization(self) -> str:
        target = self.spec.target_table
        return "incremental" if target.incremental is not None else target.mode


@dataclass(frozen=True)
class Project:
    """A folder with `datamorph.toml` and its models, in name order."""

    root: Path
    name: str
    models_dir: Path
    models: dict[str, Model] = field(default_factory=dict)

    def model(self, name: str) -> Model:
        found = self.models.get(name)
        if found is None:
            raise UsageError(f"no model '{name}' in {self.models_dir}", hint=_guess(name, self))
        return found

    def children(self) -> dict[str, list[str]]:
        below: dict[str, list[str]] = {name: [] for name in self.models}
        for model in self.models.values():
            for parent in model.depends_on:
                below[parent].append(model.name)
        return below


def load_models(models_dir: Path) -> dict[str, Model]:
    """Every model file under `models_dir`, checked for names and dependencies (not yet for
    cycles: `graph.order` does that)."""
    if not models_dir.is_dir():
        raise UsageError(
            f"the project has no models folder {models_dir}",
            hint="create it and put one spec per file in it (JSON or YAML)",
        )
    files = sorted(p for p in models_dir.rglob("*") if p.suffix.lower() in SUFFIXES)
    seen: dict[str, Path] = {}
    specs: dict[str, tuple[Path, Spec]] = {}
    for path in files:
        hidden = any(part.startswith(".") for part in path.relative_to(models_dir).parts)
        if not path.is_file() or hidden:  # an editor's swap file, a .git folder
            continue
        name = path.stem
        if name in seen:
            raise UsageError(
                f"two models are named '{name}': {seen[name]} and {path}",
                hint="a model is named by its file: rename one",
            )
        seen[name] = path
        specs[name] = (path, read_model(path))
    return {
        name: Model(
            name=name,
            path=path,
            spec=spec,
            depends_on=_upstream(name, _Where(path), spec, specs),
            folder=str(path.parent.relative_to(models_dir)).replace("\\", "/").strip("."),
        )
        for name, (path, spec) in specs.items()
    }


def read_model(path: Path) -> Spec:
    """One model file as a spec; its target table is the file's name."""
    text = path.read_text(encoding="utf-8")
    data = _parse(path, text)
    if not isinstance(data, dict):
        raise UsageError(f"{path}: a model is a mapping of spec fields", hint=_SPEC_HINT)
    target = data.get("target_table")
    if target is None:
        data = {**data, "target_table": {"name": path.stem}}
    elif isinstance(target, dict) and "name" not in target:
        data = {**data, "target_table": {**target, "name": path.stem}}
    spec = _validated(path, text, data)
    if spec.target_table.name != path.stem:
        raise UsageError(
            f"{path}: writes table '{spec.target_table.name}' but the file is named '{path.stem}'",
            hint="a model writes the table of its name: rename the file or the target",
        )
    return spec


_SPEC_HINT = "see the spec contract in the README (source_tables, aggregations, ...)"


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise UsageError(
                f"{path}, line {error.lineno}: not valid JSON: {error.msg}",
                hint="check for a missing comma or quote near that position",
            ) from None
    import yaml

    try:
        return _on_as_written(yaml.safe_load(text))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise UsageError(
            f"{path}{where}: not valid YAML: {error.problem or error.context}",
            hint="YAML is indented with spaces; a list item starts with '- '",
        ) from None
    except yaml.YAMLError as error:
        raise UsageError(f"{path}: not valid YAML: {error}", hint=_SPEC_HINT) from None


def _on_as_written(value: Any) -> Any:
    """YAML 1.1 reads the key `on` (a join's condition) as the boolean true; a person who
    wrote `on:` meant the field."""
    if isinstance(value, dict):
        return {("on" if k is True else k): _on_as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_on_as_written(v) for v in value]
    return value


def _validated(path: Path, text: str, data: dict[str, Any]) -> Spec:
    from pydantic import ValidationError

    from datamorph.spec.model import spec_error_from_validation

    try:
        return Spec.model_validate(data)
    except ValidationError as error:
        line = line_of(text, error.errors()[0]["loc"])
        where = f"{path}, line {line}" if line else str(path)
        raise spec_error_from_validation(error, where) from None


def line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest node of `loc` the file has (YAML positions; JSON is YAML)."""
    import yaml

    try:
        node: Any = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            matches = [(k, v) for k, v in node.value if k.value == part]
            if not matches:
                break
            key, node = matches[0]
            line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


class _Where:
    """`file, line N` of a field of a model file, read only when an error needs it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self, *loc: Any) -> str:
        line = line_of(self.path.read_text(encoding="utf-8"), loc)
        return f"{self.path}, line {line}" if line else str(self.path)


def _upstream(
    name: str, where: _Where, spec: Spec, specs: dict[str, tuple[Path, Spec]]
) -> tuple[str, ...]:
    found: list[str] = []
    steps = {step.name for step in spec.steps}
    tables: list[tuple[tuple[Any, ...], SourceTable]]
    tables = [(("source_tables", i), t) for i, t in enumerate(spec.source_tables)]
    tables += [
        (("steps", i, "source_tables", j), t)
        for i, step in enumerate(spec.steps)
        for j, t in enumerate(step.source_tables)
    ]
    for loc, table in tables:
        if table.name in steps:
            continue
        if table.name == name:
            raise UsageError(
                f"{where(*loc)}: model '{name}' reads its own table",
                hint="an incremental model filters its own new rows: set target_table.incremental",
            )
        if table.name in specs:
            found.append(table.name)
        elif table.is_ref:
            guess = did_you_mean(table.name, list(specs))
            raise UsageError(
                f"{where(*loc)}: ref '{table.name}' is not a model of this project",
                hint=f"did you mean '{guess}'?" if guess else "add models/NAME.json or drop ref",
            )
    for test in spec.tests:
        if test.type == "relationships" and test.to in specs and test.to != name:
            found.append(test.to)
    return tuple(dict.fromkeys(found))


def _guess(name: str, project: Project) -> str:
    guess = did_you_mean(name, list(project.models))
    return f"did you mean '{guess}'?" if guess else "`datamorph ls` lists the models"
