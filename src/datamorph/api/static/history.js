// The history: runs newest first, filtered on the server (status, database, target, free text)
// and read a page at a time. Each run links to its own URL (#/runs/<id>).
"use strict";

const PAGE_SIZE = 10;
const historyPage = { offset: 0 };

function historyQuery() {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(historyPage.offset) });
  for (const [name, id] of [["status", "filter-status"], ["database", "filter-database"],
    ["target", "filter-target"], ["q", "filter-text"]]) {
    const value = $(id).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function loadHistory() {
  try {
    const page = await api(`/api/runs?${historyQuery()}`);
    renderHistory(page);
  } catch (error) {
    quietError("history", error);
  }
}

function renderHistory(page) {
  const filtered = [...historyQuery().keys()].some((k) => k !== "limit" && k !== "offset");
  const first = page.offset + 1;
  $("page-info").textContent = page.runs.length
    ? `runs ${first}–${page.offset + page.runs.length}${page.has_more ? "" : " (the last)"}` : "";
  $("prev-page").disabled = page.offset === 0;
  $("next-page").disabled = !page.has_more;
  if (!page.runs.length) {
    return placeholder("runs", filtered ? "No run matches these filters." : "No runs yet.");
  }
  const columns = ["started", "status", "request", "database", "table", "rows"];
  const rows = page.runs.map((r) => {
    const link = el("a", { href: runUrl(r.run_id) }, r.prompt || "(spec)");
    const database = el("span", { title: r.database || "" }, baseName(r.database) || "–");
    const cells = [new Date(r.created_at).toLocaleString(), statusBadge(r.status), link,
      database, r.target_table || "–", r.rows ?? "–"];
    const selected = r.run_id === state.runId ? { class: "selected" } : {};
    return el("tr", { ...selected, "data-run": r.run_id, onclick: () => openRun(r.run_id) },
      ...cells.map((cell, i) => el("td", { "data-label": columns[i] }, cell)));
  });
  const head = el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", {}, c))));
  $("runs").replaceChildren(el("div", { class: "table-wrap" },
    el("table", { id: "runs-table" }, head, el("tbody", {}, ...rows))));
}

function baseName(path) {
  if (!path) return "";
  return path.split(/[\\/]/).pop() || path;
}

function initHistory() {
  $("history-filters").addEventListener("submit", (event) => {
    event.preventDefault();
    historyPage.offset = 0;
    loadHistory();
  });
  $("filter-status").addEventListener("change", () => { historyPage.offset = 0; loadHistory(); });
  $("prev-page").addEventListener("click", () => {
    historyPage.offset = Math.max(0, historyPage.offset - PAGE_SIZE);
    loadHistory();
  });
  $("next-page").addEventListener("click", () => {
    historyPage.offset += PAGE_SIZE;
    loadHistory();
  });
}
