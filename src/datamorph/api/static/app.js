// The DataMorph page: plan a request, confirm it, watch the run, re-run or cancel it. Each run
// has its own URL (#/runs/<id>): back, forward and a shared link show that run. Uses core.js
// (helpers), run_view.js (a run in full), history.js, catalog.js and incidents.js.
// The event stream is read with fetch so it can carry the bearer token.
"use strict";

// ---- per-run URLs ------------------------------------------------------------------------------

const RUN_ROUTE = /^#\/runs\/([^/]+)$/;

function runUrl(runId) { return `#/runs/${encodeURIComponent(runId)}`; }

// A new history entry (back returns to the previous run), unless the run is already shown.
function openRun(runId) {
  if (location.hash === runUrl(runId)) route();
  else location.hash = runUrl(runId);
}

function route() {
  if (location.hash && !location.hash.startsWith("#/")) return;  // an anchor: #catalog...
  const match = RUN_ROUTE.exec(location.hash);
  const runId = match ? decodeURIComponent(match[1]) : null;
  if (runId && runId !== state.runId) watch(runId);
  if (!runId) closeRun();
  document.title = runId ? `DataMorph · run ${runId}` : "DataMorph";
  for (const row of document.querySelectorAll("#runs-table tr[data-run]")) {
    row.classList.toggle("selected", row.dataset.run === runId);
  }
}

function closeRun() {
  if (state.stream) state.stream.abort();
  state.runId = null;
  show("run", false);
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
    openRun(started.run_id);
    loadHistory();
  } catch (error) {
    showError(error.message);
  } finally {
    $("confirm-button").disabled = false;
  }
}

function editRequest() {
  show("plan", false);
  $("prompt").focus();
}

// ---- acting on a run ---------------------------------------------------------------------------

// POST to one of the run's actions; the button is disabled while it is under way.
async function runAction(buttonId, action) {
  if (!state.runId) return null;
  showError(null);
  $(buttonId).disabled = true;
  try {
    return await api(`/api/runs/${encodeURIComponent(state.runId)}/${action}`, {});
  } catch (error) {
    showError(error.message);
    return null;
  } finally {
    $(buttonId).disabled = false;
  }
}

async function resumeRun() {
  const resumed = await runAction("resume-button", "resume");
  if (!resumed) return;
  show("resume-row", false);
  follow(resumed.run_id, $("steps").children.length);  // the same run: after the events shown
}

async function rerunRun() {
  const started = await runAction("rerun-button", "rerun");
  if (started) {
    openRun(started.run_id);
    loadHistory();
  }
}

async function cancelRun() {
  const runId = state.runId;
  const cancelled = await runAction("cancel-button", "cancel");
  if (!cancelled) return;
  $("run-message").textContent = cancelled.message;
  if (cancelled.status === "cancelled") {  // it never started: no stream will say so
    await refresh(runId);
    loadHistory();
  }
}

// ---- watching a run ----------------------------------------------------------------------------

function watch(runId) {
  if (state.stream) state.stream.abort();
  state.runId = runId;
  $("run-id").textContent = runId;
  $("run-where").textContent = "";
  $("steps").replaceChildren();
  $("run-status").textContent = "";
  $("run-status").className = "status";
  $("run-message").textContent = "";
  for (const id of ["timeline", "checks", "preview", "code", "healing"]) placeholder(id, "Loading…");
  show("run", true);
  refresh(runId);
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
    return;
  }
  if (runId !== state.runId) return;
  const run = await refresh(runId);
  // A stream cut short (a proxy, a restart) resumes after the last event it delivered.
  if (!ended && run && !TERMINAL.has(run.status)) setTimeout(() => follow(runId, last), 1000);
  loadHistory();
  loadIncidents();
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
    if (runId === state.runId) showError(error.message);
    return null;
  }
}

// ---- wiring ------------------------------------------------------------------------------------

function useToken(event) {
  event.preventDefault();
  state.token = $("token").value.trim() || null;
  if (state.token) sessionStorage.setItem(TOKEN_KEY, state.token);
  show("token-form", false);
  showError(null);
  loadEverything();
}

function loadEverything() {
  loadHistory();
  loadCatalog();
  loadIncidents();
  loadMetrics();
  loadProject();  // project.js
  route();
}

document.addEventListener("DOMContentLoaded", () => {
  $("request-form").addEventListener("submit", planRequest);
  $("confirm-button").addEventListener("click", confirmPlan);
  $("edit-button").addEventListener("click", editRequest);
  $("resume-button").addEventListener("click", resumeRun);
  $("rerun-button").addEventListener("click", rerunRun);
  $("cancel-button").addEventListener("click", cancelRun);
  $("token-form").addEventListener("submit", useToken);
  initHistory();
  initCatalog();
  initIncidents();
  window.addEventListener("hashchange", route);
  loadHistory();
  loadCatalog();
  loadIncidents();
  route();
});
