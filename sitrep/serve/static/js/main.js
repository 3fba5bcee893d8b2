// The dashboard: filters bound to the URL drive the map, the timeline, the breakdowns and the table;
// selecting an event (marker, row) opens its panel. The map shows incidents (each happening once, however
// many articles reported it) or events; an incident's panel links each of its reports to the event panel.

import { ApiError, api, apiLink, session } from "./api.js";
import { drawBars, drawTimeline } from "./charts.js";
import { fill, h } from "./dom.js";
import { number } from "./format.js";
import { IncidentPanel } from "./incident_panel.js";
import { EventMap } from "./map.js";
import { EventPanel } from "./panel.js";
import { FILTERS, PAGE_SIZE, apiParams, readState, writeState } from "./state.js";
import { drawPager, drawTable } from "./table.js";

const TYPING_DELAY_MS = 350;
const state = readState();
const form = document.getElementById("filters");
let taxonomy;
let colours;
let map;
let panel;
let incidentPanel;
let identity = null;
let generation = 0;
let lastStats = null;

function notify(message) {
  const notice = document.getElementById("notice");
  notice.hidden = !message;
  notice.textContent = message || "";
}

function explain(error) {
  if (error instanceof ApiError && error.status === 401) {
    return "This server is private: sign in with a token to read its events.";
  }
  return error instanceof ApiError ? error.message : `Could not reach the server (${error.message}).`;
}

// ---- filters <-> form <-> URL

function populateTypes() {
  const typeSelect = form.elements.event_type;
  for (const type of taxonomy.event_types) typeSelect.append(h("option", { value: type.name }, type.name));
  const statusSelect = form.elements.status;
  for (const status of taxonomy.statuses) statusSelect.append(h("option", { value: status }, status));
  populateSubTypes();
}

function populateSubTypes() {
  const chosen = form.elements.event_type.value;
  const groups = taxonomy.event_types.filter((type) => !chosen || type.name === chosen);
  fill(form.elements.sub_event_type, h("option", { value: "" }, "All sub-types"), groups.map((type) =>
    h("optgroup", { label: type.name }, type.sub_event_types.map((sub) => h("option", { value: sub }, sub)))));
}

function syncForm() {
  for (const name of FILTERS) {
    const field = form.elements[name];
    if (field) field.value = state.filters.get(name) || "";
  }
  populateSubTypes();
  form.elements.sub_event_type.value = state.filters.get("sub_event_type") || "";
  form.elements.in_view.checked = state.filters.has("bbox");
}

function readForm() {
  const filters = new URLSearchParams();
  for (const name of FILTERS) {
    const field = form.elements[name];
    if (field && field.value.trim() !== "") filters.set(name, field.value.trim());
  }
  if (form.elements.in_view.checked) filters.set("bbox", map.bbox());
  if (state.filters.has("article_id")) filters.set("article_id", state.filters.get("article_id"));
  return filters;
}

function drawArticleChip() {
  const chip = document.getElementById("article-chip");
  const article = state.filters.get("article_id");
  chip.hidden = !article;
  if (!article) return;
  const clear = h("button", { type: "button", "aria-label": "Show events of every article" }, "✕");
  clear.addEventListener("click", () => showArticle(null));
  fill(chip, h("span", {}, "One article: ", h("code", {}, article)), clear);
}

function showArticle(articleId) {
  if (articleId) state.filters.set("article_id", articleId);
  else state.filters.delete("article_id");
  state.page = 1;
  refresh({ fit: true });
}

function applyFilters() {
  state.filters = readForm();
  state.page = 1;
  refresh();
}

function wireFilters() {
  let typing;
  form.addEventListener("input", (event) => {
    if (event.target.type !== "search" && event.target.type !== "number") return;
    clearTimeout(typing);
    typing = setTimeout(applyFilters, TYPING_DELAY_MS);
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === "event_type") populateSubTypes();
    applyFilters();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    applyFilters();
  });
  form.addEventListener("reset", () => {
    state.filters.delete("article_id");
    setTimeout(() => {
      populateSubTypes();
      applyFilters();
    });
  });
}

function updateDownloads() {
  const sorted = state.layer === "events" ? { sort: state.sort } : {};
  document.getElementById("download-csv").href = apiLink(layerPath(), apiParams(state, { format: "csv", ...sorted }));
  document.getElementById("download-geojson").href = apiLink(layerPath(), apiParams(state, { format: "geojson" }));
  document.getElementById("open-report").href = apiLink("/api/report", apiParams(state));
}

// ---- data

async function refresh({ fit = false } = {}) {
  const mine = ++generation;
  writeState(state);
  updateDownloads();
  drawArticleChip();
  try {
    const [stats, page, collection] = await Promise.all([
      api("/api/stats", { params: apiParams(state) }),
      api("/api/events", { params: apiParams(state, { sort: state.sort, page: state.page, page_size: PAGE_SIZE }) }),
      api(layerPath(), { params: apiParams(state, { format: "geojson" }) }),
    ]);
    if (mine !== generation) return;
    notify(null);
    lastStats = stats;
    drawTotals(stats, collection);
    drawStats(stats);
    drawTable(document.getElementById("events"), page, {
      sort: state.sort, colours, selected: state.event, onSort: sortBy, onSelect: select,
    });
    drawPager(document.getElementById("pager"), page, goToPage);
    map.show(collection, { fit: fit && !state.filters.has("bbox"), kind: state.layer === "incidents" ? "incident" : "event" });
  } catch (error) {
    if (mine === generation) notify(explain(error));
  }
}

function drawTotals(stats, collection) {
  const located = collection.features.filter((feature) => feature.geometry).length;
  fill(document.getElementById("totals"),
    h("span", {}, h("strong", {}, number(stats.events)), " events"),
    h("span", {}, h("strong", {}, number(stats.fatalities)), " deaths"),
    h("span", {}, h("strong", {}, number(located)), ` ${state.layer} on the map`));
}

function drawStats(stats) {
  drawTimeline(document.getElementById("timeline"), stats.by_week, colours, {
    undated: stats.undated_events,
    onWeek: (monday) => {
      const sunday = new Date(Date.parse(monday) + 6 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      form.elements.date_from.value = monday;
      form.elements.date_to.value = sunday;
      applyFilters();
    },
  });
  drawBars(document.getElementById("by-admin1"), stats.by_admin1, {
    label: (row) => (row.country ? `${row.admin1}, ${row.country}` : row.admin1),
    empty: "No province known for these events.",
    onPick: (row) => { form.elements.admin1.value = row.admin1; applyFilters(); },
  });
  drawBars(document.getElementById("by-actor"), stats.by_actor, {
    label: (row) => row.actor,
    empty: "No actor named for these events.",
    onPick: (row) => { form.elements.actor.value = row.actor; applyFilters(); },
  });
}

function sortBy(sort) {
  state.sort = sort;
  state.page = 1;
  refresh();
}

function goToPage(page) {
  state.page = page;
  refresh();
  document.getElementById("events").scrollIntoView({ block: "start", behavior: "smooth" });
}

/** Open an event's panel; from an incident's report list, closing it goes back to the incident. */
async function select(eventId, { fromIncident = false } = {}) {
  state.event = eventId;
  if (eventId && !fromIncident) state.incident = null;
  writeState(state, { push: true });
  for (const row of document.querySelectorAll("#events tbody tr")) {
    row.classList.toggle("selected", row.dataset.eventId === eventId);
  }
  if (!eventId) {
    panel.close();
    map.markSelected(state.incident);
    if (state.incident) incidentPanel.show();
    return;
  }
  incidentPanel.hide();
  map.markSelected(eventId);
  try {
    await panel.open(eventId);
  } catch (error) {
    notify(explain(error));
  }
}

function layerPath() {
  return state.layer === "incidents" ? "/api/incidents" : "/api/events";
}

async function selectIncident(incidentId) {
  state.incident = incidentId;
  state.event = null;
  writeState(state, { push: true });
  panel.close();
  map.markSelected(incidentId);
  if (!incidentId) {
    incidentPanel.hide();
    return;
  }
  try {
    await incidentPanel.open(incidentId);
  } catch (error) {
    notify(explain(error));
  }
}

function drawLayerToggle() {
  for (const button of document.querySelectorAll("#layer-toggle button")) {
    button.setAttribute("aria-pressed", String(button.dataset.layer === state.layer));
  }
}

function wireLayerToggle() {
  for (const button of document.querySelectorAll("#layer-toggle button")) {
    button.addEventListener("click", () => {
      if (button.dataset.layer === state.layer) return;
      state.layer = button.dataset.layer;
      drawLayerToggle();
      refresh();
    });
  }
  drawLayerToggle();
}

/** The panels the URL asks for: an incident's, an event's over it, or none. */
async function openFromState() {
  if (state.incident) await incidentPanel.open(state.incident).catch((error) => notify(explain(error)));
  else incidentPanel.hide();
  if (state.event) await select(state.event, { fromIncident: Boolean(state.incident) });
  else panel.close();
}

// ---- session

function drawSession() {
  const who = document.getElementById("who");
  const button = document.getElementById("token-button");
  who.textContent = identity ? `${identity.name} · ${identity.role}` : "";
  button.textContent = identity ? "Sign out" : "Sign in";
}

async function restoreSession() {
  if (!session.token) return;
  try {
    identity = await api("/api/me");
  } catch {
    session.token = null;
    identity = null;
  }
}

function wireSession() {
  const dialog = document.getElementById("token-dialog");
  const tokenForm = document.getElementById("token-form");
  const error = document.getElementById("token-error");
  document.getElementById("token-button").addEventListener("click", () => {
    if (identity) {
      session.token = null;
      identity = null;
      drawSession();
      refreshAfterSession();
      return;
    }
    error.textContent = "";
    tokenForm.reset();
    dialog.showModal();
  });
  document.getElementById("token-cancel").addEventListener("click", () => dialog.close());
  tokenForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = tokenForm.elements.token.value.trim();
    try {
      identity = await api("/api/me", { token });
    } catch (failure) {
      error.textContent = failure instanceof ApiError && failure.status === 403
        ? "This token is not valid." : explain(failure);
      return;
    }
    session.token = token;
    dialog.close();
    drawSession();
    refreshAfterSession();
  });
}

function refreshAfterSession() {
  refresh({ fit: lastStats === null });
  if (state.event) panel.open(state.event).catch((error) => notify(explain(error)));
}

// ---- start

async function start() {
  try {
    taxonomy = await api("/api/taxonomy");
  } catch (error) {
    notify(explain(error));
    return;
  }
  colours = new Map(taxonomy.event_types.map((type) => [type.name, type.colour]));
  populateTypes();
  syncForm();
  wireFilters();
  await restoreSession();
  drawSession();
  wireSession();
  map = new EventMap(document.getElementById("map"), colours, {
    onSelect: (id, kind) => (kind === "incident" ? selectIncident(id) : select(id)),
    onMove: (bbox) => {
      if (!form.elements.in_view.checked || bbox === state.filters.get("bbox")) return;
      state.filters.set("bbox", bbox);
      state.page = 1;
      refresh();
    },
  });
  panel = new EventPanel({
    taxonomy,
    identity: () => identity,
    onClose: () => select(null),
    onChanged: () => refresh(),
    onArticle: (articleId) => showArticle(articleId),
  });
  incidentPanel = new IncidentPanel({
    taxonomy,
    onClose: () => selectIncident(null),
    onReport: (eventId) => select(eventId, { fromIncident: true }),
  });
  wireLayerToggle();
  if (state.filters.has("bbox")) map.fitBbox(state.filters.get("bbox"));
  window.addEventListener("popstate", () => {
    Object.assign(state, readState());
    syncForm();
    drawLayerToggle();
    refresh();
    openFromState();
  });
  window.addEventListener("resize", () => { if (lastStats) drawStats(lastStats); });
  await refresh({ fit: true });
  await openFromState();
  document.body.dataset.ready = "true";
}

start();
