"""The HTML of `datamorph docs`: one self-contained page (its CSS and script inline, nothing
fetched), readable from file:// on a machine with no network.

Every text that comes from the project, the database or the last build goes through `_e`
(HTML-escaped, quotes too, so it is safe in attributes): a description holding `<script>` is
shown, never run. The script reads only the page's own nodes; no project text is put into it.

The lineage graph is laid out here, no library: one column per dependency depth (sources at
the left), each column ordered by the mean position of its nodes' upstreams so that edges
cross less, and edges drawn as curves from a node's right side to its downstream's left.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

from datamorph.project.docs import NOT_BUILT, ModelDoc, ProjectDocs, SourceDoc

NODE_H, V_GAP, H_GAP, PAD = 30, 14, 70, 16
CHAR_W = 7.2  # about one character of the graph's 12 px sans-serif font


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def anchor(kind: str, name: str) -> str:
    """The id of a model's or source's section (`model-orders`): the graph links to it."""
    return f"{kind}-{name}"


def _href(kind: str, name: str) -> str:
    return "#" + quote(anchor(kind, name), safe="")


def render(docs: ProjectDocs) -> str:
    return "".join(
        [
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{_e(docs.name)} · DataMorph docs</title>\n<style>{_CSS}</style>\n",
            "</head>\n<body>\n",
            _header(docs),
            '<main>\n<nav id="index"><input id="filter" type="search" '
            'placeholder="filter models" aria-label="filter models">\n<ul>',
            "".join(
                f'<li data-model="{_e(m.name)}"><a href="{_href("model", m.name)}">'
                f"{_e(m.name)}</a></li>"
                for m in docs.models
            ),
            '</ul></nav>\n<div id="content">\n',
            '<section id="lineage"><h2>Lineage</h2>',
            '<p class="meta">Sources at the left, each model right of what it reads. '
            "Click a node to go to it.</p>\n",
            lineage_svg(docs),
            '<p class="meta legend">Green: built by the last build · amber: built with a '
            "warning, or skipped · red: failed · dashed: not in the last build · grey: a "
            "source table.</p></section>\n",
            "".join(_model(m, docs.dialect) for m in docs.models),
            '<h2 id="sources">Source tables</h2>\n',
            "".join(_source(s) for s in docs.sources) or '<p class="meta">None.</p>',
            "</div>\n</main>\n",
            f"<script>{_SCRIPT}</script>\n</body>\n</html>\n",
        ]
    )


def _header(docs: ProjectDocs) -> str:
    parts = [
        f"<header><h1>{_e(docs.name)}</h1>",
        f'<p class="meta">{len(docs.models)} models, {len(docs.sources)} source tables · '
        f"database <code>{_e(docs.database)}</code> ({_e(docs.dialect)}) · "
        f"written {_e(docs.generated_at)}</p>",
    ]
    if docs.last_build is not None:
        seconds = docs.last_build.get("elapsed_time")
        took = f" in {seconds:.2f} s" if isinstance(seconds, int | float) else ""
        parts.append(
            f'<p class="meta">Last build: {_e(docs.last_build.get("generated_at"))}{took}'
            " (target/run_results.json)</p>"
        )
    else:
        parts.append('<p class="meta">Not built yet: no target/run_results.json.</p>')
    if docs.catalog_problem:
        parts.append(
            f'<p class="warning">The database could not be read ({_e(docs.catalog_problem)}): '
            "columns are those the specs compile to.</p>"
        )
    return "".join(parts) + "</header>\n"


def _links(kind: str, names: list[str]) -> str:
    if not names:
        return '<span class="meta">none</span>'
    return ", ".join(f'<a href="{_href(kind, n)}">{_e(n)}</a>' for n in names)


def _status(model: ModelDoc) -> tuple[str, str]:
    """The model's last build status (a CSS class) and a line about it."""
    result = model.status
    if result is None:
        return "none", "not in the last build"
    status = str(result.get("status", "none"))
    parts = [status]
    if result.get("message"):
        parts.append(str(result["message"]))
    timing = result.get("timing") or []
    if timing and isinstance(timing[0], dict) and timing[0].get("completed_at"):
        parts.append(f"at {timing[0]['completed_at']}")
    if result.get("run_id"):
        parts.append(f"run {result['run_id']}")
    return status, " · ".join(parts)


def _model(model: ModelDoc, dialect: str) -> str:
    status, line = _status(model)
    badge = "" if status == "none" else f' <span class="status {_e(status)}">{_e(status)}</span>'
    rows = f" · {model.row_count:,} rows" if model.row_count is not None else ""
    built = "built" + rows if model.built else NOT_BUILT
    facts = [
        ("file", f"<code>{_e(model.file)}</code>"),
        ("materialized", _e(model.materialization)),
        ("keys", _e(", ".join(model.keys)) or '<span class="meta">none</span>'),
        ("tags", " ".join(f'<span class="tag">{_e(t)}</span>' for t in model.tags)
         or '<span class="meta">none</span>'),
        ("upstream", _links("model", model.upstream)),
        ("downstream", _links("model", model.downstream)),
        ("sources", _links("source", model.sources)),
        ("table", _e(built)),
        ("last build", f'<span class="status {_e(status)}">{_e(line)}</span>'),
    ]  # fmt: skip
    columns = "".join(
        f"<tr><td>{_e(c.name)}</td><td{' class=meta' if c.type == NOT_BUILT else ''}>"
        f"{_e(c.type)}</td></tr>"
        for c in model.columns
    )
    tests = "".join(
        f'<tr><td>{_e(t.label)}</td><td>{_e(t.type)}</td><td class="sev {_e(t.severity)}">'
        f"{_e(t.severity)}</td></tr>"
        for t in model.tests
    )
    sql = (
        f'<pre class="sql"><code>{_e(model.sql)}</code></pre>'
        if model.sql is not None
        else f'<p class="warning">Not compiled: {_e(model.sql_problem)}</p>'
    )
    return (
        f'<section class="model" id="{_e(anchor("model", model.name))}" '
        f'data-model="{_e(model.name)}" data-tags="{_e(" ".join(model.tags))}">'
        f"<h2>{_e(model.name)}{badge}</h2>"
        + (f'<p class="description">{_e(model.description)}</p>' if model.description else "")
        + "<dl>"
        + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
        + "</dl><h3>Columns</h3>"
        + (
            f"<table><thead><tr><th>column</th><th>type</th></tr></thead><tbody>{columns}"
            "</tbody></table>"
            if columns
            else '<p class="meta">Unknown until it compiles.</p>'
        )
        + "<h3>Tests</h3>"
        + (
            "<table><thead><tr><th>test</th><th>type</th><th>severity</th></tr></thead>"
            f"<tbody>{tests}</tbody></table>"
            if tests
            else '<p class="meta">None declared.</p>'
        )
        + f'<h3>SQL <span class="meta">({_e(dialect)})</span></h3>{sql}</section>\n'
    )


def _source(source: SourceDoc) -> str:
    rows = f" · {source.row_count:,} rows" if source.row_count is not None else ""
    found = "in the database" + rows if source.found else "not found in the database"
    columns = "".join(
        f"<tr><td>{_e(c.name)}</td><td>{_e(c.type)}</td></tr>" for c in source.columns
    )
    return (
        f'<section class="source" id="{_e(anchor("source", source.name))}">'
        f'<h3>{_e(source.name)}</h3><p class="meta">{_e(found)} · read by '
        f"{_links('model', source.read_by)}</p>"
        + (
            f"<table><thead><tr><th>column</th><th>type</th></tr></thead><tbody>{columns}"
            "</tbody></table>"
            if columns
            else ""
        )
        + "</section>\n"
    )


# ---- the lineage graph ---------------------------------------------------------------------------


def layout(depth: dict[str, int], edges: list[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """(column, row) of each node: columns by depth, rows by the mean row of the upstreams."""
    parents: dict[str, list[str]] = {}
    for up, down in edges:
        parents.setdefault(down, []).append(up)
    row: dict[str, float] = {}
    place: dict[str, tuple[int, int]] = {}
    for column in range(max(depth.values(), default=-1) + 1):
        names = [n for n in depth if depth[n] == column]

        def weight(name: str) -> tuple[float, str]:
            ups = [row[p] for p in parents.get(name, []) if p in row]
            return (sum(ups) / len(ups) if ups else 0.0, name)

        for index, name in enumerate(sorted(names, key=weight)):
            row[name] = index
            place[name] = (column, index)
    return place


def lineage_svg(docs: ProjectDocs) -> str:
    depth = {s.name: s.depth for s in docs.sources} | {m.name: m.depth for m in docs.models}
    place = layout(depth, docs.edges)
    if not place:
        return '<p class="meta">No models.</p>'
    width = int(min(max(max(len(n) for n in place) * CHAR_W + 24, 110), 240))
    fit = int((width - 16) / CHAR_W)
    columns = max(c for c, _ in place.values()) + 1
    tallest = max(sum(1 for c, _ in place.values() if c == k) for k in range(columns))

    def xy(name: str) -> tuple[float, float]:
        column, index = place[name]
        count = sum(1 for c, _ in place.values() if c == column)
        offset = (tallest - count) * (NODE_H + V_GAP) / 2  # each column centred
        return PAD + column * (width + H_GAP), PAD + offset + index * (NODE_H + V_GAP)

    paths = []
    for up, down in docs.edges:
        (x1, y1), (x2, y2) = xy(up), xy(down)
        x1, y1, y2 = x1 + width, y1 + NODE_H / 2, y2 + NODE_H / 2
        middle = (x1 + x2) / 2
        paths.append(
            f'<path class="edge" data-from="{_e(up)}" data-to="{_e(down)}" '
            f'd="M{x1:.0f},{y1:.0f} C{middle:.0f},{y1:.0f} '
            f'{middle:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"/>'
        )
    status = {m.name: _status(m)[0] for m in docs.models}
    nodes = []
    for name in place:
        kind = "model" if name in status else "source"
        x, y = xy(name)
        label = name if len(name) <= fit else name[: fit - 1] + "…"
        nodes.append(
            f'<a class="node {kind} {_e(status.get(name, ""))}" href="{_href(kind, name)}" '
            f'data-node="{_e(name)}"><title>{_e(kind)} {_e(name)}</title>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{width}" height="{NODE_H}" rx="5"/>'
            f'<text x="{x + 8:.0f}" y="{y + NODE_H / 2 + 4:.0f}">{_e(label)}</text></a>'
        )
    total_w = 2 * PAD + columns * width + (columns - 1) * H_GAP
    total_h = 2 * PAD + tallest * (NODE_H + V_GAP) - V_GAP
    return (
        f'<div class="graph"><svg id="lineage-graph" xmlns="http://www.w3.org/2000/svg" '
        f'width="{total_w}" height="{total_h}" viewBox="0 0 {total_w} {total_h}" role="img" '
        f'aria-label="lineage of {_e(docs.name)}"><g class="edges">{"".join(paths)}</g>'
        f'<g class="nodes">{"".join(nodes)}</g></svg></div>'
    )


_CSS = """
:root { --ink: #1d2330; --muted: #667085; --line: #d9dee7; --wash: #f5f7fa;
  --accent: #2454d6; --pass: #137a3a; --fail: #b42318; --warn: #9a6700;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
body { margin: 0; background: var(--wash); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 0.8rem 1.5rem; }
header h1 { margin: 0; font-size: 1.4rem; }
header p { margin: 0.2rem 0; }
main { display: grid; grid-template-columns: 14rem minmax(0, 1fr); gap: 1rem;
  padding: 1rem 1.5rem; }
#index { position: sticky; top: 1rem; align-self: start; max-height: 90vh; overflow: auto; }
#index input { width: 100%; box-sizing: border-box; padding: 0.4rem; font: inherit; }
#index ul { list-style: none; padding: 0; margin: 0.5rem 0; }
#index li { margin: 0.15rem 0; overflow-wrap: anywhere; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px;
  padding: 0.8rem 1.1rem; margin-bottom: 1rem; }
section:target { border-color: var(--accent); box-shadow: 0 0 0 2px #c9d6fb; }
h2 { font-size: 1.15rem; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
h3 { font-size: 0.95rem; margin: 0.9rem 0 0.3rem; }
a { color: var(--accent); }
.meta { color: var(--muted); }
.warning { color: var(--warn); }
dl { display: grid; grid-template-columns: 8rem minmax(0, 1fr); gap: 0.15rem 0.8rem; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: 0.9rem; min-width: 50%; }
th, td { text-align: left; padding: 0.25rem 0.6rem; border-bottom: 1px solid var(--line); }
th { background: var(--wash); }
pre { background: var(--wash); border: 1px solid var(--line); border-radius: 4px;
  padding: 0.6rem 0.8rem; overflow-x: auto; font-size: 0.85rem; }
.tag { background: #eef3ff; border-radius: 999px; padding: 0 0.5rem; margin-right: 0.3rem; }
.status { font-size: 0.85rem; font-weight: normal; padding: 0.05rem 0.5rem; border-radius: 999px;
  background: var(--wash); }
.status.success { color: var(--pass); background: #e7f5ec; }
.status.warn, .status.skipped { color: var(--warn); background: #fff4d6; }
.status.fail, .status.error { color: var(--fail); background: #fdecea; }
.sev.error { color: var(--fail); }
.sev.warn { color: var(--warn); }
.graph { overflow-x: auto; }
svg .edge { fill: none; stroke: #98a2b3; stroke-width: 1.5; }
svg .node rect { fill: #fff; stroke: var(--accent); stroke-width: 1.5; }
svg .node.source rect { fill: var(--wash); stroke: #98a2b3; }
svg .node.none rect { stroke-dasharray: 4 3; }
svg .node.success rect { fill: #e7f5ec; stroke: var(--pass); }
svg .node.warn rect, svg .node.skipped rect { fill: #fff4d6; stroke: var(--warn); }
svg .node.fail rect, svg .node.error rect { fill: #fdecea; stroke: var(--fail); }
svg .node text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg .node:hover rect { stroke-width: 3; }
svg .node.dim { opacity: 0.25; }
@media (max-width: 800px) { main { grid-template-columns: minmax(0, 1fr); }
  #index { position: static; max-height: none; } }
"""

# Filters the models by name, tag or description; only the page's own nodes are read.
_SCRIPT = """
"use strict";
document.getElementById("filter").addEventListener("input", (event) => {
  const words = event.target.value.trim().toLowerCase();
  const shown = new Set();
  for (const section of document.querySelectorAll("section.model")) {
    const text = (section.dataset.model + " " + section.dataset.tags + " " +
      (section.querySelector(".description") || { textContent: "" }).textContent).toLowerCase();
    const hit = !words || text.includes(words);
    section.hidden = !hit;
    if (hit) shown.add(section.dataset.model);
  }
  for (const item of document.querySelectorAll("#index li")) {
    item.hidden = !shown.has(item.dataset.model);
  }
  for (const node of document.querySelectorAll("svg .node.model")) {
    node.classList.toggle("dim", !shown.has(node.dataset.node));
  }
});
"""
