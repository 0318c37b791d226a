// The incidents: failures the monitor grouped by template, and each decision it took on them
// (category and confidence, strategy, act / escalate / recommend, and how it turned out).
"use strict";

async function loadIncidents() {
  try {
    const status = $("incident-status").value;
    const found = await api(`/api/incidents${status ? `?status=${encodeURIComponent(status)}` : ""}`);
    renderIncidents(found.incidents);
  } catch (error) {
    quietError("incidents", error);
  }
}

function renderIncidents(incidents) {
  if (!incidents.length) {
    return placeholder("incidents-body",
      "No incidents: no run has failed in a way the monitor had to classify.");
  }
  const rows = incidents.map((i) => [
    new Date(i.updated_at).toLocaleString(),
    statusBadge(i.status),
    `${i.category} (${Math.round(i.confidence * 100)}%)`,
    i.strategy || "–",
    i.event_count,
    i.message,
    decisionsList(i.decisions),
  ]);
  $("incidents-body").replaceChildren(table(
    ["updated", "status", "category", "strategy", "events", "message", "decisions"], rows,
    { id: "incidents-table" }));
}

function decisionsList(decisions) {
  if (!decisions.length) return el("span", { class: "meta" }, "none yet");
  return el("ul", { class: "decisions" }, ...decisions.map((d) => {
    const run = d.run_id ? el("a", { href: runUrl(d.run_id) }, d.run_id) : "";
    const took = d.seconds === null ? "" : ` in ${duration(d.seconds)}`;
    return el("li", {}, `${d.action} ${d.strategy} → ${d.outcome}${took} `, run);
  }));
}

function initIncidents() {
  $("incident-status").addEventListener("change", loadIncidents);
}
