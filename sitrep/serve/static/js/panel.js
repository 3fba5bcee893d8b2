// The event panel: every coded field beside the article, each field's evidence highlighted in the text
// (click a field and its span scrolls into view; click highlighted text and its field lights up), the
// review form for analysts, and the history of corrections.

import { ApiError, api } from "./api.js";
import { fill, h, safeUrl } from "./dom.js";
import { EMPTY, day, number, place, stamp, text } from "./format.js";
import { wireSidePanel } from "./side_panel.js";

const FIELDS = [
  ["event_date", "Date"], ["time_precision", "Date precision"],
  ["event_type", "Event type"], ["sub_event_type", "Sub-event type"],
  ["actor1", "Actor 1"], ["inter1", "Actor 1 type"], ["assoc_actor_1", "Associated with actor 1"],
  ["actor2", "Actor 2"], ["inter2", "Actor 2 type"], ["assoc_actor_2", "Associated with actor 2"],
  ["location", "Location"], ["admin2", "Admin2"], ["admin1", "Admin1"], ["country", "Country"],
  ["latitude", "Latitude"], ["longitude", "Longitude"], ["geo_precision", "Location precision"],
  ["geonames_id", "GeoNames id"],
  ["fatalities", "Deaths (best)"], ["fatalities_low", "Deaths (low)"], ["fatalities_high", "Deaths (high)"],
  ["fatalities_by_category", "Deaths by category"], ["injured", "Injured"],
  ["source", "Sources"], ["notes", "Notes"], ["alleged", "Alleged"], ["historical", "Historical"],
  ["confidence", "Confidence"], ["status", "Review status"],
];
const LABELS = new Map(FIELDS);
const INTEGER_FIELDS = new Set(["fatalities", "fatalities_low", "fatalities_high", "injured", "geonames_id"]);
const DECIMAL_FIELDS = new Set(["latitude", "longitude"]);
const BOOLEAN_FIELDS = new Set(["alleged", "historical"]);
const CODED_FIELDS = { time_precision: "time_precision", geo_precision: "geo_precision", inter1: "actor_types", inter2: "actor_types" };
const WIDE_FIELDS = new Set(["source", "notes"]);
const ALWAYS_TEXT = new Set(["assoc_actor_1", "assoc_actor_2", "source", "notes"]); // "" when empty, never null

export class EventPanel {
  constructor({ taxonomy, identity, onClose, onChanged, onArticle }) {
    this.taxonomy = taxonomy;
    this.identity = identity;
    this.onClose = onClose;
    this.onChanged = onChanged;
    this.onArticle = onArticle;
    this.element = document.getElementById("panel");
    this.marks = [];
    this.current = null;
    wireSidePanel(this.element, {
      closeButton: "panel-close", copyButton: "panel-copy", onClose: () => this.onClose(),
    });
  }

  async open(eventId) {
    const [detail, trail] = await Promise.all([
      api(`/api/events/${encodeURIComponent(eventId)}`),
      api(`/api/events/${encodeURIComponent(eventId)}/history`),
    ]);
    this.current = detail;
    this.element.hidden = false;
    this.renderHeader(detail.event);
    this.renderArticle(detail.article, detail.event);
    this.renderFields(detail.event);
    this.renderClaims(detail.event);
    this.renderReview(detail.event);
    this.renderHistory(trail.history);
  }

  close() {
    this.element.hidden = true;
    this.current = null;
  }

  renderHeader(record) {
    document.getElementById("panel-kicker").textContent = record.event_type;
    document.getElementById("panel-title").textContent = record.sub_event_type;
    const where = place(record) === EMPTY ? "place unknown" : place(record);
    document.getElementById("panel-subtitle").textContent = `${day(record.event_date)} · ${where}`;
  }

  display(name, value) {
    if (value === null || value === undefined || value === "") return EMPTY;
    if (name === "event_date") return day(value);
    if (name in CODED_FIELDS) return `${value} · ${this.taxonomy[CODED_FIELDS[name]][value] ?? "?"}`;
    if (DECIMAL_FIELDS.has(name)) return value.toFixed(4);
    if (name === "confidence") return value.toFixed(2);
    if (name === "fatalities_by_category") {
      const parts = Object.entries(value).map(([category, count]) => `${category.replaceAll("_", " ")} ${number(count)}`);
      return parts.join(", ") || EMPTY;
    }
    return typeof value === "number" && name !== "geonames_id" ? number(value) : text(value);
  }

  renderFields(record) {
    const evidence = record.evidence || {};
    const rows = FIELDS.map(([name, label]) => this.fieldRow(name, label, record[name], evidence[name]));
    const others = Object.keys(evidence).filter((name) => !LABELS.has(name));
    const extra = others.map((name) => this.fieldRow(name, `Evidence: ${name.replaceAll("_", " ")}`, null, evidence[name]));
    fill(document.getElementById("fields"), h("tbody", {}, rows, extra));
  }

  fieldRow(name, label, value, spans) {
    const cited = Boolean(spans && spans.length);
    const shown = cited && (value === null || value === undefined) ? "(see text)" : this.display(name, value);
    const cell = cited
      ? h("button", { type: "button", class: "cite", title: "Show the text behind this field" },
        h("span", {}, shown), h("span", { class: "count" }, `¶${spans.length}`))
      : h("span", { class: shown === EMPTY ? "muted" : null }, shown);
    const row = h("tr", { class: cited ? "cited" : null, dataset: { field: name } },
      h("th", { scope: "row" }, label), h("td", {}, cell));
    if (cited) cell.addEventListener("click", () => this.select(name));
    return row;
  }

  renderClaims(record) {
    const box = document.getElementById("claims");
    if (!record.claims.length) {
      fill(box);
      return;
    }
    const items = record.claims.map((claim, index) => {
      const key = `claim:${index}`;
      const range = claim.low !== null || claim.high !== null
        ? ` (${claim.low ?? "?"}–${claim.high ?? "…"})` : "";
      const what = `${number(claim.figure)}${range} ${claim.category.replaceAll("_", " ")} ${claim.kind}`;
      const who = claim.claimant ? ` — ${claim.claimant}` : " — claimant not named";
      const body = h("span", {}, h("strong", {}, what), ` ${claim.qualifier.replaceAll("_", " ")}`, who);
      const cited = claim.span || claim.claimant_span;
      const item = h("li", { dataset: { field: key } },
        cited ? h("button", { type: "button", class: "cite" }, body) : body);
      if (cited) item.querySelector("button").addEventListener("click", () => this.select(key));
      return item;
    });
    fill(box, h("h3", {}, "Reported figures"), h("ul", { class: "claims" }, items));
  }

  renderArticle(article, record) {
    const url = safeUrl(article.url);
    const siblings = h("button", { type: "button", class: "button ghost small" },
      `All ${article.events} ${article.events === 1 ? "event" : "events"} from this article`);
    siblings.addEventListener("click", () => this.onArticle(article.id));
    const meta = [
      h("h3", {}, article.title || "Untitled article"),
      h("p", {}, [article.source, article.published ? day(article.published) : "publication date unknown"]
        .filter(Boolean).join(" · ")),
      article.url ? h("p", { class: "url" }, url
        ? h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, article.url)
        : h("span", { title: "Not an http(s) address: shown as text" }, article.url)) : null,
      siblings,
    ];
    fill(document.getElementById("article-meta"), meta);
    const keyed = { ...(record.evidence || {}) };
    record.claims.forEach((claim, index) => {
      keyed[`claim:${index}`] = [claim.span, claim.claimant_span].filter(Boolean);
    });
    const container = document.getElementById("article-text");
    this.marks = highlight(container, article.text, keyed, (keys) => this.select(keys[0], { fromText: true }));
    container.scrollTop = 0;
  }

  /** Light up one field's spans and its row; scroll the first span (or, from the text, the row) into view. */
  select(key, { fromText = false } = {}) {
    for (const element of this.element.querySelectorAll(".active")) element.classList.remove("active");
    const marks = this.marks.filter((mark) => mark.keys.includes(key)).map((mark) => mark.element);
    for (const mark of marks) mark.classList.add("active");
    const row = this.element.querySelector(`[data-field="${CSS.escape(key)}"]`);
    row?.classList.add("active");
    if (fromText) row?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    else marks[0]?.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  renderReview(record) {
    const box = document.getElementById("review");
    const who = this.identity();
    if (!who || who.role === "reader") {
      fill(box, h("p", { class: "hint" }, who ? `Signed in as ${who.name} (reader): reading only.`
        : "Sign in with an analyst token to correct, verify or reject this event."));
      return;
    }
    const open = h("button", { type: "button", class: "button primary", id: "review-open" }, "Correct this event");
    const verify = h("button", { type: "button", class: "button ghost", id: "review-verify" }, "Mark verified");
    const reject = h("button", { type: "button", class: "button danger", id: "review-reject" }, "Reject event");
    const message = h("p", { class: "review-message", role: "status" });
    open.addEventListener("click", () => this.showForm(record, box, message));
    verify.addEventListener("click", () => this.submit(record.event_id, { status: "verified" }, message));
    reject.addEventListener("click", () => {
      if (window.confirm("Reject this event? It leaves listings, statistics and exports (the history keeps it)."))
        this.submit(record.event_id, { status: "rejected" }, message);
    });
    const restore = record.status === "rejected"
      ? h("button", { type: "button", class: "button ghost" }, "Restore event") : null;
    restore?.addEventListener("click", () => this.submit(record.event_id, { status: "corrected" }, message));
    fill(box, h("h3", {}, "Review"), h("div", { class: "review-actions" }, open, verify, restore || reject), message);
  }

  showForm(record, box, message) {
    const controls = new Map();
    const fields = this.taxonomy.correctable.map((name) => {
      const control = this.control(name, record[name], controls);
      controls.set(name, control);
      return h("label", { class: BOOLEAN_FIELDS.has(name) ? "check" : WIDE_FIELDS.has(name) ? "wide" : null },
        BOOLEAN_FIELDS.has(name) ? [control, LABELS.get(name)] : [LABELS.get(name) || name, control]);
    });
    const save = h("button", { type: "submit", class: "button primary" }, "Save corrections");
    const cancel = h("button", { type: "button", class: "button ghost" }, "Cancel");
    const form = h("form", { class: "review-form", id: "review-form" }, h("div", { class: "grid" }, fields),
      h("div", { class: "review-actions" }, save, cancel), message);
    cancel.addEventListener("click", () => this.renderReview(record));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const changes = {};
      for (const [name, control] of controls) {
        const value = readControl(name, control);
        if (value !== undefined && !same(value, record[name])) changes[name] = value;
      }
      if (!Object.keys(changes).length) {
        message.textContent = "Nothing changed.";
        return;
      }
      this.submit(record.event_id, changes, message);
    });
    fill(box, h("h3", {}, "Correct this event"), form);
    form.querySelector("input, select, textarea")?.focus();
  }

  control(name, value, controls) {
    const options = (pairs, empty) => [empty ? h("option", { value: "" }, EMPTY) : null,
      ...pairs.map(([code, label]) => h("option", { value: code, selected: String(code) === String(value) }, label))];
    const attributes = { name, "aria-label": LABELS.get(name) || name };
    if (name === "event_type") {
      const select = h("select", attributes, options(this.taxonomy.event_types.map((type) => [type.name, type.name])));
      select.addEventListener("change", () => {
        const sub = controls.get("sub_event_type");
        const subs = this.taxonomy.event_types.find((type) => type.name === select.value).sub_event_types;
        fill(sub, subs.map((item) => h("option", { value: item }, item)));
      });
      return select;
    }
    if (name === "sub_event_type") {
      const type = this.taxonomy.event_types.find((item) => item.sub_event_types.includes(value));
      return h("select", attributes, options((type ? type.sub_event_types : []).map((item) => [item, item])));
    }
    if (name in CODED_FIELDS) {
      const codes = Object.entries(this.taxonomy[CODED_FIELDS[name]]).map(([code, label]) => [code, `${code} · ${label}`]);
      return h("select", attributes, options(codes, true));
    }
    if (BOOLEAN_FIELDS.has(name)) return h("input", { ...attributes, type: "checkbox", checked: Boolean(value) });
    if (name === "notes") {
      const area = h("textarea", { ...attributes, rows: 4, maxlength: 20000 });
      area.value = value ?? "";
      return area;
    }
    const input = h("input", {
      ...attributes,
      type: name === "event_date" ? "date" : INTEGER_FIELDS.has(name) || DECIMAL_FIELDS.has(name) ? "number" : "text",
      step: DECIMAL_FIELDS.has(name) ? "any" : INTEGER_FIELDS.has(name) ? "1" : null,
      min: INTEGER_FIELDS.has(name) ? "0" : null,
    });
    input.value = value ?? "";
    return input;
  }

  async submit(eventId, body, message) {
    message.textContent = "Saving…";
    try {
      const result = await api(`/api/events/${encodeURIComponent(eventId)}`, { method: "PATCH", body });
      await this.open(eventId);
      const saved = document.querySelector("#review .review-message");
      if (saved) saved.textContent = `Saved: ${result.changes.map((change) => change.field).join(", ") || "no change"}.`;
      this.onChanged();
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.message : String(error);
      message.classList.add("error");
    }
  }

  renderHistory(trail) {
    const box = document.getElementById("history");
    const items = trail.slice().reverse().map((change) => h("li", {},
      h("div", { class: "who" }, h("strong", {}, change.who), ` · ${stamp(change.when)}`),
      h("div", {}, h("span", { class: "field-name" }, LABELS.get(change.field) || change.field), ": ",
        h("del", {}, this.display(change.field, change.before)), " → ",
        h("ins", {}, this.display(change.field, change.after)))));
    fill(box, h("h3", {}, "History"),
      items.length ? h("ol", { class: "history" }, items) : h("p", { class: "hint" }, "No corrections yet."));
  }
}

/** The value a review-form control holds, typed like the record's field; undefined when unreadable. */
function readControl(name, control) {
  if (BOOLEAN_FIELDS.has(name)) return control.checked;
  const raw = control.value.trim();
  if (raw === "") return ALWAYS_TEXT.has(name) ? "" : null;
  if (INTEGER_FIELDS.has(name) || name in CODED_FIELDS) return Number.parseInt(raw, 10);
  if (DECIMAL_FIELDS.has(name)) return Number.parseFloat(raw);
  return raw;
}

function same(a, b) {
  return (a ?? null) === (b ?? null);
}

/**
 * Render `text` into `container` as text nodes and <mark>s, one mark per stretch covered by the same
 * evidence keys. Offsets count Unicode code points, as Python does, so characters outside the Basic
 * Multilingual Plane do not shift the highlights.
 */
function highlight(container, text, spansByKey, onPick) {
  const characters = Array.from(text);
  const cuts = new Set([0, characters.length]);
  const spans = [];
  for (const [key, list] of Object.entries(spansByKey)) {
    for (const [start, end] of list) {
      const from = Math.max(0, Math.min(start, characters.length));
      const to = Math.max(from, Math.min(end, characters.length));
      if (to > from) {
        spans.push({ key, from, to });
        cuts.add(from);
        cuts.add(to);
      }
    }
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const marks = [];
  const pieces = [];
  for (let index = 0; index < bounds.length - 1; index += 1) {
    const [from, to] = [bounds[index], bounds[index + 1]];
    const piece = characters.slice(from, to).join("");
    const keys = [...new Set(spans.filter((span) => span.from <= from && to <= span.to).map((span) => span.key))];
    if (!keys.length) {
      pieces.push(document.createTextNode(piece));
      continue;
    }
    const mark = h("mark", { class: keys.every((key) => key.startsWith("claim:")) ? "evidence claim" : "evidence",
      title: keys.map((key) => LABELS.get(key) || key).join(", ") }, piece);
    mark.addEventListener("click", () => onPick(keys));
    marks.push({ element: mark, keys });
    pieces.push(mark);
  }
  fill(container, pieces);
  return marks;
}
