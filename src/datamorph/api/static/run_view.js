// One run in full: where it ran, its timeline, checks, result preview, code and healing, and
// what each empty panel means for the run's status (a run that ended is never "not yet").
"use strict";

function renderRun(run) {
  setStatus(run.status, run.message);
  const where = [run.engine, run.database, run.target_table && `→ ${run.target_table}`];
  $("run-where").textContent = where.filter(Boolean).join(" · ");
  show("resume-row", run.status === "interrupted");
  show("rerun-button", TERMINAL.has(run.status));
  show("cancel-button", !TERMINAL.has(run.status));
  const empty = emptyStates(run);
  renderTimeline(run.timeline || [], empty.timeline);
  renderChecks(run.validation, empty.checks);
  renderPreview(run.preview, empty.preview);
  renderCode(run.code, empty.code);
  renderHealing(run.healing, empty.healing);
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

// ---- empty states ------------------------------------------------------------------------------

// What each panel says when it has nothing to show, from what the run actually did.
function emptyStates(run) {
  const status = run.status;
  if (status === "queued") {
    const waiting = "Waiting for a free worker.";
    return { timeline: waiting, checks: waiting, preview: waiting, code: waiting,
      healing: "Nothing to heal: the run has not started." };
  }
  if (!TERMINAL.has(status)) {
    return { timeline: "Starting…", checks: "No checks yet: they run once the code has run.",
      preview: "Shown once the run has published its table.",
      code: "No code yet: it is written once the plan is checked.",
      healing: "No healing so far." };
  }
  if (status === "completed") return completedStates(run);
  const where = stoppedIn(run);
  const why = run.message ? `: ${run.message}` : ".";
  const ended = { failed: "failed", needs_attention: "stopped for a person to decide",
    cancelled: "was cancelled", interrupted: "was interrupted" }[status] || status;
  const healing = {
    cancelled: "Healing was not attempted because the run was cancelled.",
    interrupted: "Healing was not attempted because the run was interrupted; resuming continues it.",
    needs_attention: `Healing was not attempted because the run needs a person's decision${why}`,
  }[status] || `Healing was not attempted: the run failed${where}${why}`;
  return {
    timeline: `The run ${ended} before its first step.`,
    checks: `No checks: the run ${ended}${where} before validation.`,
    preview: status === "interrupted"
      ? `Nothing published yet: the run was interrupted${where}; resume it to continue.`
      : `Nothing was published: the run ${ended}${where}.`,
    code: status === "cancelled" ? `Cancelled before code was generated${where}.`
      : status === "interrupted" ? `Interrupted before code was generated${where}.`
        : `Stopped before code was generated${where}.`,
    healing,
  };
}

function completedStates(run) {
  const validated = run.validation_status === "pass";
  return {
    timeline: "No steps were recorded.",
    checks: validated ? "No checks recorded." : "No checks were run: validation was skipped.",
    preview: run.preview_note ? `Published ${run.rows ?? "its"} rows; no preview: ${run.preview_note}.`
      : "No preview.",
    code: "No code was stored for this run.",
    healing: validated ? "No healing needed: the first attempt passed its checks."
      : "No healing needed: the first attempt ran without error.",
  };
}

// " in step executing": the step the run stopped in, from its timeline
function stoppedIn(run) {
  const spans = run.timeline || [];
  const last = spans[spans.length - 1];
  return last && last.outcome !== "finished" ? ` in step ${last.step}` : "";
}

// ---- the panels --------------------------------------------------------------------------------

// A bar per step on one time axis: where it started in the run and how long it took.
function renderTimeline(spans, empty) {
  if (!spans.length) return placeholder("timeline", empty);
  const now = Date.now();
  const starts = spans.map((s) => Date.parse(s.started_at));
  const ends = spans.map((s, i) => (s.seconds === null ? now : starts[i] + s.seconds * 1000));
  const origin = Math.min(...starts);
  const total = Math.max(1, Math.max(...ends) - origin);
  const rows = spans.map((span, i) => {
    const bar = el("span", { class: "bar" });
    bar.style.marginLeft = `${((starts[i] - origin) / total) * 100}%`;  // CSSOM: allowed by the CSP
    bar.style.width = `${Math.max(0.5, ((ends[i] - starts[i]) / total) * 100)}%`;
    return el("li", { class: `span ${span.outcome}`, title: span.outcome },
      el("span", { class: "span-step" }, span.step),
      el("span", { class: "track" }, bar),
      el("span", { class: "span-time" }, duration(span.seconds)));
  });
  $("timeline").replaceChildren(
    el("p", { class: "meta" }, `${spans.length} steps, ${duration(total / 1000)} in all`),
    el("ol", { id: "timeline-spans" }, ...rows));
}

function renderChecks(attempts, empty) {
  if (!attempts.length) return placeholder("checks", empty);
  const latest = attempts[attempts.length - 1];
  const checks = latest.report.checks || [];
  const rows = checks.map((c) => [
    c.name, statusBadge(c.status), compact(c.observed), compact(c.expected), c.message,
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

function renderPreview(preview, empty) {
  if (!preview) return placeholder("preview", empty);
  const note = `${preview.table}: first ${preview.rows.length} rows${preview.truncated ? "" : " (all)"}`;
  $("preview").replaceChildren(el("p", { class: "meta" }, note),
    table(preview.columns, preview.rows, { id: "preview-table" }));
}

function renderCode(attempts, empty) {
  if (!attempts.length) return placeholder("code", empty);
  $("code").replaceChildren(...attempts.map((a) =>
    el("details", a.attempt === attempts.length ? { open: "" } : {},
      el("summary", {}, `attempt ${a.attempt} (${a.name})`), el("pre", {}, a.code))));
}

function renderHealing(iterations, empty) {
  if (!iterations.length) return placeholder("healing", empty);
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
