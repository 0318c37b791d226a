// The metrics panel: GET /api/metrics for the chosen window, shown as a few numbers, bars of the
// runs by status and of the step durations, and the healing tables. Uses app.js's helpers
// (el, api, table, showError); like there, server data only goes in as text.
"use strict";

const percent = (rate) => (rate === null || rate === undefined ? "-" : `${(rate * 100).toFixed(1)}%`);
const seconds = (value) => `${value.toFixed(3)} s`;

async function loadMetrics() {
  try {
    const since = $("metrics-window").value;
    renderMetrics(await api(`/api/metrics?since=${encodeURIComponent(since)}`));
  } catch (error) {
    if (!/token/.test(error.message)) showError(`metrics: ${error.message}`);
  }
}

function renderMetrics(m) {
  if (!m.runs) return placeholder("metrics-body", "No runs in this window.");
  const iterations = m.mean_healing_iterations;
  const figures = el("dl", { class: "figures", id: "metrics-figures" },
    figure("runs", `${m.runs} (${m.finished} finished)`),
    figure("first attempt", `${m.first_attempt.count} · ${percent(m.first_attempt.rate)}`),
    figure("after healing", `${m.after_healing.count} · ${percent(m.after_healing.rate)}`),
    figure("mean healing iterations", iterations === null ? "-" : iterations.toFixed(2)),
    figure("model tokens", `${m.llm.input_tokens + m.llm.output_tokens}`),
    figure("model cost", `$${m.llm.cost_usd.toFixed(4)}`));
  const parts = [figures, statusBars(m)];
  if (m.step_durations.length) parts.push(el("h3", {}, "Durations"), durations(m));
  for (const [title, name, groups] of [
    ["Healing by fault category", "category", m.healing_by_category],
    ["Healing by strategy", "strategy", m.healing_by_strategy]]) {
    if (groups.length) parts.push(el("h3", {}, title), healing(name, groups));
  }
  $("metrics-body").replaceChildren(...parts);
}

function figure(name, value) {
  return el("div", {}, el("dt", {}, name), el("dd", {}, value));
}

function bar(value, max) {
  return el("meter", { min: "0", max: String(max || 1), value: String(value) });
}

function statusBars(m) {
  const rows = Object.entries(m.by_status).map(([status, count]) => [
    el("span", { class: `status ${status}` }, status.replace("_", " ")), count,
    bar(count, m.runs)]);
  return table(["status", "runs", ""], rows, { id: "metrics-status" });
}

function durations(m) {
  const all = [...m.step_durations];
  if (m.run_durations) all.push({ step: "whole run", ...m.run_durations });
  const longest = Math.max(...all.map((d) => d.p90));
  const rows = all.map((d) => [d.step, d.count, seconds(d.p50), seconds(d.p90), seconds(d.p99),
    seconds(d.max), bar(d.p90, longest)]);
  return table(["step", "count", "p50", "p90", "p99", "max", "p90"], rows,
    { id: "metrics-durations" });
}

function healing(name, groups) {
  const rows = groups.map((g) => [g.name, g.decisions, g.verified, g.failed, g.escalated,
    g.pending, percent(g.success_rate)]);
  return table([name, "decisions", "verified", "failed", "escalated", "pending", "success"], rows);
}

document.addEventListener("DOMContentLoaded", () => {
  $("metrics-window").addEventListener("change", loadMetrics);
  loadMetrics();
});
