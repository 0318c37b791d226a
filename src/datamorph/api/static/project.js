// The project view: GET /api/project when the service runs inside a project (404 outside: the
// tab stays hidden). The graph of models is drawn as `datamorph docs` draws it: one column per
// dependency depth, sources at the left, each column ordered by the mean row of its nodes'
// upstreams so that edges cross less. Models are coloured by their last build's status, and a
// model's run opens in the run view (#/runs/<id>, app.js). Server text goes in as text only.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const GRAPH = { h: 28, vgap: 12, hgap: 60, pad: 12, charW: 7.2 };

function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(text(child)));
  return node;
}

async function loadProject() {
  let response;
  try {
    // optional: 204 outside a project, which the console does not log as an error (a 404 is)
    response = await fetch("/api/project?optional=true", { headers: headers(false) });
  } catch (error) {
    return quietError("project", error);
  }
  if (response.status === 401) return askForToken();
  if (response.status === 204) return showProject(false);  // not a project: no tab
  const data = await response.json().catch(() => ({}));
  showProject(true);
  if (!response.ok) {  // a model file that does not read: say which, draw nothing stale
    $("project-graph").replaceChildren();
    return placeholder("project-models", data.message || `${response.status}`);
  }
  renderProject(data);
}

function showProject(visible) {
  show("project", visible);
  show("project-link", visible);
}

function renderProject(project) {
  $("project-name").textContent = project.name;
  const build = project.last_build;
  $("project-build").textContent = build
    ? `last build ${build.generated_at || ""}${build.elapsed_time === null ? "" : ` in ${duration(build.elapsed_time)}`}`
    : "not built yet";
  if (!project.models.length) {
    $("project-graph").replaceChildren();
    return placeholder("project-models", "The project has no models.");
  }
  $("project-graph").replaceChildren(projectGraph(project));
  const rows = project.models.map((m) => [
    el("span", { class: "model-name" }, m.name),
    m.status ? statusBadge(m.status) : el("span", { class: "meta" }, "not in the last build"),
    m.materialization, m.tags.join(", "), m.depends_on.join(", "),
    m.message || "",
    m.run_id ? el("a", { href: runUrl(m.run_id), class: "run-link" }, m.run_id) : ""]);
  $("project-models").replaceChildren(table(
    ["model", "last build", "materialized", "tags", "upstream", "message", "run"], rows,
    { id: "project-table" }));
}

// (column, row) of every node: columns by depth, rows by the mean row of the upstreams.
function projectLayout(depth, edges) {
  const parents = new Map();
  for (const e of edges) parents.set(e.downstream, [...(parents.get(e.downstream) || []), e.upstream]);
  const row = new Map();
  const place = new Map();
  const deepest = Math.max(...depth.values());
  for (let column = 0; column <= deepest; column++) {
    const weight = (name) => {
      const ups = (parents.get(name) || []).filter((p) => row.has(p)).map((p) => row.get(p));
      return ups.length ? ups.reduce((a, b) => a + b, 0) / ups.length : 0;
    };
    const names = [...depth.keys()].filter((n) => depth.get(n) === column)
      .sort((a, b) => weight(a) - weight(b) || (a < b ? -1 : a > b ? 1 : 0));
    names.forEach((name, index) => { row.set(name, index); place.set(name, [column, index]); });
  }
  return place;
}

function projectGraph(project) {
  const depth = new Map(project.sources.map((s) => [s, 0]));
  for (const m of project.models) depth.set(m.name, m.depth);
  const place = projectLayout(depth, project.edges);
  const longest = Math.max(...[...place.keys()].map((n) => n.length));
  const width = Math.round(Math.min(Math.max(longest * GRAPH.charW + 24, 110), 240));
  const fit = Math.floor((width - 16) / GRAPH.charW);
  const counts = new Map();
  for (const [column] of place.values()) counts.set(column, (counts.get(column) || 0) + 1);
  const tallest = Math.max(...counts.values());
  const columns = Math.max(...counts.keys()) + 1;
  const xy = (name) => {
    const [column, index] = place.get(name);
    const offset = (tallest - counts.get(column)) * (GRAPH.h + GRAPH.vgap) / 2;  // centred
    return [GRAPH.pad + column * (width + GRAPH.hgap), GRAPH.pad + offset + index * (GRAPH.h + GRAPH.vgap)];
  };
  const edges = project.edges.map((e) => {
    const [x1, y1] = xy(e.upstream);
    const [x2, y2] = xy(e.downstream);
    const [sx, sy, ty, mid] = [x1 + width, y1 + GRAPH.h / 2, y2 + GRAPH.h / 2, (x1 + width + x2) / 2];
    return svgEl("path", { class: "edge", "data-from": e.upstream, "data-to": e.downstream,
      d: `M${sx},${sy} C${mid},${sy} ${mid},${ty} ${x2},${ty}` });
  });
  const models = new Map(project.models.map((m) => [m.name, m]));
  const nodes = [...place.keys()].map((name) => {
    const model = models.get(name);
    const [x, y] = xy(name);
    const status = model ? model.status || "none" : "";
    const label = name.length <= fit ? name : name.slice(0, fit - 1) + "…";
    const about = model ? `model ${name}: ${model.status || "not in the last build"}${model.message ? ` · ${model.message}` : ""}` : `source table ${name}`;
    const box = [svgEl("title", {}, about),
      svgEl("rect", { x, y, width, height: GRAPH.h, rx: 5 }),
      svgEl("text", { x: x + 8, y: y + GRAPH.h / 2 + 4 }, label)];
    const attrs = { class: `node ${model ? "model" : "source"} ${status}`.trim(), "data-node": name };
    // a built model opens the run that built it; the others are only drawn
    if (model && model.run_id) return svgEl("a", { ...attrs, href: runUrl(model.run_id) }, ...box);
    return svgEl("g", attrs, ...box);
  });
  const totalW = 2 * GRAPH.pad + columns * width + (columns - 1) * GRAPH.hgap;
  const totalH = 2 * GRAPH.pad + tallest * (GRAPH.h + GRAPH.vgap) - GRAPH.vgap;
  return svgEl("svg", { id: "project-svg", width: totalW, height: totalH,
    viewBox: `0 0 ${totalW} ${totalH}`, role: "img", "aria-label": `models of ${project.name}` },
  svgEl("g", { class: "edges" }, ...edges), svgEl("g", { class: "nodes" }, ...nodes));
}

document.addEventListener("DOMContentLoaded", () => {
  $("project-refresh").addEventListener("click", loadProject);
  loadProject();
});
