// What every part of the page shares: building nodes, calling the API, small formatters.
// Plain script, no build step; loaded first. Server data only ever goes in through
// textContent (never HTML).
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

function statusBadge(status) {
  return el("span", { class: `status ${status}` }, status.replace("_", " "));
}

// 0.0123 -> "12 ms", 3.4 -> "3.40 s", 75 -> "1 min 15 s"
function duration(seconds) {
  if (seconds === null || seconds === undefined) return "…";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(2)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function table(columns, rows, attrs = {}) {
  const head = el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", {}, c))));
  const body = el("tbody", {}, ...rows.map((row) => el("tr", {}, ...row.map((v) => el("td", {}, v)))));
  return el("div", { class: "table-wrap" }, el("table", attrs, head, body));
}

function placeholder(id, message) {
  $(id).replaceChildren(el("p", { class: "meta empty" }, message));
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

// Errors of background loads: a missing token is asked for once, not shouted about.
function quietError(prefix, error) {
  if (!/token/.test(error.message)) showError(prefix ? `${prefix}: ${error.message}` : error.message);
}
