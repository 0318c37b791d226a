// The catalog: the database's tables, their columns, types and (when asked) profiles. A click on
// a table or a column name puts that name into the request, where the cursor is.
"use strict";

async function loadCatalog() {
  const profile = $("catalog-profile").checked;
  try {
    const catalog = await api(`/api/catalog${profile ? "?profile=true" : ""}`);
    renderCatalog(catalog, profile);
  } catch (error) {
    quietError("catalog", error);
  }
}

function renderCatalog(catalog, profile) {
  $("catalog-database").textContent = catalog.database;
  if (!catalog.tables.length) return placeholder("catalog-tables", "The database has no tables.");
  $("catalog-tables").replaceChildren(...catalog.tables.map((t) => {
    const count = t.row_count === null ? "" : ` · ${t.row_count.toLocaleString()} rows`;
    const summary = el("summary", {}, nameButton(t.name, "table"),
      el("span", { class: "meta" }, `${t.columns.length} columns${count}`));
    const columns = t.columns.map((c) => el("li", {},
      nameButton(c.name, "column"), el("span", { class: "type" }, c.type),
      t.primary_key.includes(c.name) ? el("span", { class: "meta" }, " key") : "",
      profile && c.profile ? el("div", { class: "profile meta" }, profileLine(c.profile)) : ""));
    return el("details", { class: "catalog-table", "data-table": t.name }, summary,
      el("ul", { class: "columns-list" }, ...columns));
  }));
}

function nameButton(name, kind) {
  return el("button", { type: "button", class: `name ${kind}`, title: `add ${name} to the request`,
    onclick: (event) => { event.preventDefault(); insertName(name); } }, name);
}

function profileLine(p) {
  const parts = [];
  if (p.distinct_count !== null && p.distinct_count !== undefined) parts.push(`${p.distinct_count} distinct`);
  if (p.null_fraction) parts.push(`${(p.null_fraction * 100).toFixed(1)}% null`);
  if (p.min !== null && p.min !== undefined) parts.push(`${p.min} … ${p.max}`);
  if (p.top_values && p.top_values.length) parts.push(`top: ${p.top_values.slice(0, 5).join(", ")}`);
  return parts.join(" · ") || "no profile";
}

// The name goes where the cursor is, with a space on either side when it needs one.
function insertName(name) {
  const box = $("prompt");
  const start = box.selectionStart ?? box.value.length;
  const end = box.selectionEnd ?? start;
  const before = box.value.slice(0, start);
  const after = box.value.slice(end);
  const lead = before && !/\s$/.test(before) ? " " : "";
  const trail = after && !/^\s/.test(after) ? " " : "";
  box.value = before + lead + name + trail + after;
  const cursor = (before + lead + name).length;
  box.focus();
  box.setSelectionRange(cursor, cursor);
}

function initCatalog() {
  $("catalog-profile").addEventListener("change", loadCatalog);
}
