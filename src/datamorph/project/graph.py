"""The project as a graph: the order models build in, and which models a selector picks.

Selectors work as dbt's do, so a team's habits carry over: `name`, `name+` (and everything
downstream), `+name` (and everything upstream), `+name+`, `tag:daily`, `path:staging` (a
folder under models/), and `*` wildcards in names (`stg_*`). Several selectors are a union;
`--exclude` takes the same forms away.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from graphlib import CycleError, TopologicalSorter

from datamorph.errors import UsageError, did_you_mean
from datamorph.project.models import Project


def order(project: Project) -> list[str]:
    """Every model, upstream first (ties by name); a cycle is an error naming it."""
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for name in sorted(project.models):
        sorter.add(name, *sorted(project.models[name].depends_on))
    try:
        sorter.prepare()
    except CycleError as error:
        cycle = list(error.args[1])
        path = project.models[cycle[0]].path
        raise UsageError(
            f"{path}: the models form a cycle: {' -> '.join(reversed(cycle))}",
            hint="a model cannot depend on itself, even through others: break one ref",
        ) from None
    ordered: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        ordered.extend(ready)
        sorter.done(*ready)
    return ordered


def select(project: Project, selectors: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """The models the selectors pick (all without selectors), in build order."""
    chosen_selectors = [s for item in selectors for s in item.split()]
    everything = order(project)
    chosen = set(everything) if not chosen_selectors else set()
    for selector in chosen_selectors:
        chosen |= _one(project, selector)
    for selector in (s for item in exclude for s in item.split()):
        chosen -= _one(project, selector)
    return [name for name in everything if name in chosen]


def upstream(project: Project, name: str) -> set[str]:
    return _walk(name, lambda n: project.models[n].depends_on)


def downstream(project: Project, name: str) -> set[str]:
    children = project.children()
    return _walk(name, lambda n: children[n])


def _one(project: Project, selector: str) -> set[str]:
    if selector.startswith("tag:"):
        tag = selector[4:]
        found = {m.name for m in project.models.values() if tag in m.tags}
        return found or _none(
            project, selector, sorted({t for m in project.models.values() for t in m.tags})
        )
    if selector.startswith("path:"):
        folder = selector[5:].strip("/")
        found = {
            m.name
            for m in project.models.values()
            if m.folder == folder or m.folder.startswith(folder + "/")
        }
        return found or _none(
            project, selector, sorted({m.folder for m in project.models.values()})
        )
    up, down = selector.startswith("+"), selector.endswith("+")
    pattern = selector.strip("+")
    names = {n for n in project.models if fnmatch.fnmatchcase(n, pattern)}
    if not names:
        return _none(project, selector, list(project.models), pattern)
    found = set(names)
    for name in names:
        if up:
            found |= upstream(project, name)
        if down:
            found |= downstream(project, name)
    return found


def _none(project: Project, selector: str, known: list[str], word: str | None = None) -> set[str]:
    guess = did_you_mean(word or selector.partition(":")[2], known)
    raise UsageError(
        f"'{selector}' selects no model of {project.name}",
        hint=f"did you mean '{guess}'?" if guess else "`datamorph ls` lists the models",
    )


def _walk(start: str, next_of: object) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        for other in next_of(stack.pop()):  # type: ignore[operator]
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen
