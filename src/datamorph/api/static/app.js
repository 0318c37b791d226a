// The DataMorph page: plan a request, confirm it, watch the run, read its code, checks and result.
// Plain script, no build step. Server data only ever goes in through textContent (never HTML),
// and the event stream is read with fetch so it can carry the bearer token.
"use strict";

const TERMINAL = new Set(["completed", "failed", "needs_attention", "interrupted", "cancelled"]);
// A run's steps are named after its statuses (planning, checking... completed).
const STATUSES = new Set(["planning", "checking", "generating", "executing", "validating",
  "remediating", "publishing", ...TERMINAL]);
const TOKEN_KEY = "datamorph-token";
const state = { token: sessionStorage.getItem(TOKEN_KEY), plan: null, runId: null, stream: null };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(text(child)));
  }
  return node;
}

function text(value) {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function show(id, visible) { $(id).hidden = !visible; }

function showError(message) {
  $("error").textContent = message || "";
  show("error", Boolean(message));
}

// ---- the API -----------------------------------------------------------------------------------

function headers(json) {
  const result = {};
  if (json) result["Content-Type"] = "application/json";
  if (state.token) result.Authorization = "Bearer " + state.token;
  return result;
}

async function api(path, body) {
  const options = body === undefined
    ? { headers: headers(false) }
    : { method: "POST", headers: headers(true), body: JSON.stringify(body) };
  const response = await fetch(path, options);
  if (response.status === 401) askForToken();
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.message || `${response.status} ${response.statusText}`);
  return data;
}

function askForToken() {
  show("token-form", true);
  $("token").focus();
}

// ---- planning ----------------------------------------------------------------------------------

function requestBody() {
  const body = { user_prompt: $("prompt").value.trim() };
  const target = $("target").value.trim();
  if (target) body.target_table = target;
  return body;
}

async function planRequest(event) {
  event.preventDefault();
  showError(null);
  const button = $("plan-button");
  button.disabled = true;
  button.textContent = "Planning…";
  try {
    const body = requestBody();
    const planned = await api("/api/plan", body);
    state.plan = { body, spec: planned.spec };
    renderPlan(planned);
  } catch (error) {
    show("plan", false);
    showError(error.message);
  } finally {
    button.disabled = false;
    button.textContent = "Plan";
  }
}

function renderPlan(planned) {
  $("plan").classList.remove("confirmed");
  $("plan-state").textContent = "";
  $("plan-steps").replaceChildren(...planned.explanation.map((line) => el("li", {}, line)));
  $("plan-reading").replaceChildren(...(planned.reading || []).map((line) => el("li", {}, line)));
  show("plan-reading-box", (planned.reading || []).length > 0);
  $("plan-meta").textContent =
    `planned by the ${planned.planner} planner in ${Math.round(planned.seconds * 1000)} ms`;
  $("plan-spec").textContent = JSON.stringify(planned.spec, null, 2);
  show("plan", true);
  $("confirm-button").focus();
}

async function confirmPlan() {
  if (!state.plan) return;
  showError(null);
  $("confirm-button").disabled = true;
  try {
    // The confirmed spec itself is sent: the run executes exactly what was shown.
    const started = await api("/start", { ...state.plan.body, spec: state.plan.spec });
    $("plan").classList.add("confirmed");
    $("plan-state").textContent = "(confirmed)";
    watch(started.run_id);
  } catch (error) {
    showError(error.message);
  } finally {
    $("confirm-button").disabled = false;
  }
}

async function resumeRun() {
  if (!state.runId) return;
  showError(null);
  $("resume-button").disabled = true;
  try {
    const resumed = await api(`/api/runs/${encodeURIComponent(state.runId)}/resume`, {});
    show("resume-row", false);
    const runId = resumed.run_id;
    // the same run: follow its events after the ones already shown
    const seen = $("steps").children.length;
    follow(runId, seen);
  } catch (error) {
    showError(error.message);
  } finally {
    $("resume-button").disabled = false;
  }
}

function editRequest() {
  show("plan", false);
  $("prompt").focus();
}

// ---- watching a run ----------------------------------------------------------------------------

function watch(runId) {
  if (state.stream) state.stream.abort();
  state.runId = runId;
  $("run-id").textContent = runId;
  $("steps").replaceChildren();
  $("run-status").textContent = "";
  $("run-message").textContent = "";
  show("run", true);
  follow(runId, 0);
}

async function follow(runId, after) {
  const controller = new AbortController();
  state.stream = controller;
  let last = after;
  let ended = false;
  try {
    const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/events?after=${after}`, {
      headers: headers(false), signal: controller.signal,
    });
    if (!response.ok) throw new Error((await response.json().catch(() => ({}))).message);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const message = parseEvent(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (!message || runId !== state.runId) continue;
        if (message.event === "log") {
          const entry = JSON.parse(message.data);
          last = entry.seq;
          addStep(entry);
          refreshSoon(runId);
        } else if (message.event === "end") {
          ended = true;
        }
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return;
    showError(`event stream: ${error.message}`);
  }
  if (runId !== state.runId) return;
  const run = await refresh(runId);
  // A stream cut short (a proxy, a restart) resumes after the last event it delivered.
  if (!ended && run && !TERMINAL.has(run.status)) setTimeout(() => follow(runId, last), 1000);
  loadHistory();
  loadMetrics();  // metrics.js
}

function parseEvent(block) {
  const message = { event: "message", data: "" };
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const at = line.indexOf(":");
    const field = at < 0 ? line : line.slice(0, at);
    const value = at < 0 ? "" : line.slice(at + 1).replace(/^ /, "");
    if (field === "event") message.event = value;
    else if (field === "data") message.data += value;
  }
  return message.data ? message : null;
}

function addStep(entry) {
  const time = new Date(entry.time).toLocaleTimeString();
  const steps = $("steps");
  steps.append(el("li", { class: entry.level },
    el("span", { class: "time" }, time), el("span", { class: "step" }, entry.step), entry.message));
  steps.scrollTop = steps.scrollHeight;  // the newest step stays in view
  if (STATUSES.has(entry.step)) setStatus(entry.step);
}

let refreshTimer = null;
function refreshSoon(runId) {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; refresh(runId); }, 400);
}

async function refresh(runId) {
  try {
    const run = await api(`/api/runs/${encodeURIComponent(runId)}`);
    if (runId === state.runId) renderRun(run);
    return run;
  } catch (error) {
    showError(error.message);
    return null;
  }
}

function setStatus(status, message) {
  if (status) {
    $("run-status").textContent = status.replace("_", " ");
    $("run-status").className = `status ${status}`;
  }
  if (message !== undefined) {
    $("run-message").textContent = message && message !== status ? message : "";
  }
}

// ---- a run in full -----------------------------------------------------------------------------

function renderRun(run) {
  setStatus(run.status, run.message);
  show("resume-row", run.status === "interrupted");
  renderChecks(run.validation);
  renderPreview(run.preview, run.status);
  renderCode(run.code);
  renderHealing(run.healing);
}

function table(columns, rows, attrs = {}) {
  const head = el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", {}, c))));
  const body = el("tbody", {}, ...rows.map((row) => el("tr", {}, ...row.map((v) => el("td", {}, v)))));
  return el("div", { class: "table-wrap" }, el("table", attrs, head, body));
}

function placeholder(id, message) {
  $(id).replaceChildren(el("p", { class: "meta" }, message));
}

function renderChecks(attempts) {
  if (!attempts.length) return placeholder("checks", "No checks yet.");
  const latest = attempts[attempts.length - 1];
  const checks = latest.report.checks || [];
  const rows = checks.map((c) => [
    c.name, el("span", { class: `status ${c.status}` }, c.status),
    compact(c.observed), compact(c.expected), c.message,
  ]);
  $("checks").replaceChildren(
    el("p", { class: "meta" },
      `attempt ${latest.attempt}: ${latest.report.status} (${checks.length} checks)`),
    table(["check", "status", "observed", "expected", "message"], rows,
      { id: "checks-table" }));
}

function compact(value) {
  return Array.isArray(value) ? value.map(text).join(", ") : value;
}

function renderPreview(preview, status) {
  if (!preview) {
    return placeholder("preview", TERMINAL.has(status) ? "Nothing was published."
      : "Shown once the run has published its table.");
  }
  const note = `${preview.table}: first ${preview.rows.length} rows${preview.truncated ? "" : " (all)"}`;
  $("preview").replaceChildren(el("p", { class: "meta" }, note),
    table(preview.columns, preview.rows, { id: "preview-table" }));
}

function renderCode(attempts) {
  if (!attempts.length) return placeholder("code", "No code yet.");
  $("code").replaceChildren(...attempts.map((a) =>
    el("details", a.attempt === attempts.length ? { open: "" } : {},
      el("summary", {}, `attempt ${a.attempt} (${a.name})`), el("pre", {}, a.code))));
}

function renderHealing(iterations) {
  if (!iterations.length) return placeholder("healing", "No healing needed.");
  $("healing").replaceChildren(...iterations.map((it) => {
    const failure = it.analysis.failure || {};
    const changes = (it.analysis.changes_made || []).join("; ");
    const how = it.analysis.regenerated ? "regenerated from the spec" : it.analysis.fixer;
    return el("div", {},
      el("p", {}, el("strong", {}, `iteration ${it.iteration}: `),
        `${failure.kind || "failure"}: ${failure.message || ""}`),
      el("p", { class: "meta" }, `cause: ${it.analysis.root_cause_analysis || "?"}`),
      el("p", { class: "meta" }, `fix (${how || "?"}): ${changes || "none"}`),
      diffBlock(it.diff));
  }));
}

function diffBlock(diff) {
  const pre = el("pre", { class: "diff" });
  for (const line of diff.split("\n")) {
    const kind = line.startsWith("@@") ? "hunk"
      : line.startsWith("+") && !line.startsWith("+++") ? "add"
        : line.startsWith("-") && !line.startsWith("---") ? "del" : "";
    pre.append(el("span", kind ? { class: kind } : {}, line + "\n"));
  }
  return pre;
}

// ---- history -----------------------------------------------------------------------------------

async function loadHistory() {
  try {
    const { runs } = await api("/api/runs?limit=25");
    if (!runs.length) return;
    const rows = runs.map((r) => {
      const when = new Date(r.created_at).toLocaleString();
      const status = el("span", { class: `status ${r.status}` }, r.status.replace("_", " "));
      return el("tr", { onclick: () => watch(r.run_id) },
        el("td", {}, when), el("td", {}, status), el("td", {}, r.prompt || "(spec)"),
        el("td", {}, r.target_table), el("td", {}, r.rows));
    });
    const head = el("thead", {}, el("tr", {},
      ...["started", "status", "request", "table", "rows"].map((c) => el("th", {}, c))));
    $("runs").replaceChildren(el("div", { class: "table-wrap" },
      el("table", { id: "runs-table" }, head, el("tbody", {}, ...rows))));
  } catch (error) {
    if (!/token/.test(error.message)) showError(error.message);
  }
}

// ---- wiring ------------------------------------------------------------------------------------

function useToken(event) {
  event.preventDefault();
  state.token = $("token").value.trim() || null;
  if (state.token) sessionStorage.setItem(TOKEN_KEY, state.token);
  show("token-form", false);
  showError(null);
  loadHistory();
  loadMetrics();
}

document.addEventListener("DOMContentLoaded", () => {
  $("request-form").addEventListener("submit", planRequest);
  $("confirm-button").addEventListener("click", confirmPlan);
  $("edit-button").addEventListener("click", editRequest);
  $("resume-button").addEventListener("click", resumeRun);
  $("token-form").addEventListener("submit", useToken);
  loadHistory();
});
