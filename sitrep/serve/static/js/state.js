// The view's state lives in the page URL, so a filtered view (and an open event) is a link one can send.

export const FILTERS = [
  "date_from", "date_to", "event_type", "sub_event_type", "actor", "country", "admin1",
  "min_fatalities", "alleged", "historical", "status", "q", "bbox", "article_id",
];
const DEFAULT_SORT = "-event_date";
// What the map shows: incidents (each happening once, however many articles reported it) or every event.
export const LAYERS = ["incidents", "events"];
const DEFAULT_LAYER = "incidents";
export const PAGE_SIZE = 50;

export function readState() {
  const query = new URLSearchParams(window.location.search);
  const filters = new URLSearchParams();
  for (const name of FILTERS) {
    for (const value of query.getAll(name)) if (value !== "") filters.append(name, value);
  }
  return {
    filters,
    sort: query.get("sort") || DEFAULT_SORT,
    page: Math.max(1, Number.parseInt(query.get("page") || "1", 10) || 1),
    event: query.get("event"),
    incident: query.get("incident"),
    layer: LAYERS.includes(query.get("layer")) ? query.get("layer") : DEFAULT_LAYER,
  };
}

export function writeState(state, { push = false } = {}) {
  const query = new URLSearchParams(state.filters);
  if (state.sort !== DEFAULT_SORT) query.set("sort", state.sort);
  if (state.page > 1) query.set("page", String(state.page));
  if (state.event) query.set("event", state.event);
  if (state.incident) query.set("incident", state.incident);
  if (state.layer !== DEFAULT_LAYER) query.set("layer", state.layer);
  const search = query.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ""}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

/** API query parameters for the state's filters, plus extras (sort, page, format...). */
export function apiParams(state, extra = {}) {
  const params = new URLSearchParams(state.filters);
  for (const [name, value] of Object.entries(extra)) params.set(name, String(value));
  return params;
}
