// The incident panel: what the reports of one happening agree on, its reconciled death toll with every
// figure reported (revised ones struck through) and how the toll changed, and each report with a link to
// the event it was extracted as, where every field's evidence is highlighted in the article.

import { api } from "./api.js";
import { fill, h, safeUrl } from "./dom.js";
import { EMPTY, day, fatalities, number, place, text } from "./format.js";
import { wireSidePanel } from "./side_panel.js";

const FIELDS = [
  ["event_date", "Date"], ["time_precision", "Date precision"],
  ["event_type", "Event type"], ["sub_event_type", "Sub-event type"],
  ["actor1", "Actor 1"], ["actor2", "Actor 2"],
  ["location", "Location"], ["admin2", "Admin2"], ["admin1", "Admin1"], ["country", "Country"],
  ["fatalities", "Deaths (best)"], ["fatalities_low", "Deaths (low)"], ["fatalities_high", "Deaths (high)"],
  ["fatalities_by_category", "Deaths by category"], ["injured", "Injured"],
  ["flags", "To check"], ["sources", "Sources"], ["number_of_sources", "Articles"],
];
// What each reconciliation flag asks an analyst to look at (sitrep.reconcile.casualties and .incident).
const FLAGS = {
  figures_disagree: "reported death tolls do not overlap",
  breakdown_mismatch: "a breakdown of the dead does not add up to its report's total",
  toll_revised: "a source revised its toll in a later article",
  vague_figures_only: "only vague figures (\"dozens\")",
  types_disagree: "reports code different event types",
  dates_disagree: "reports give different days",
};

export class IncidentPanel {
  constructor({ taxonomy, onClose, onReport }) {
    this.taxonomy = taxonomy;
    this.onClose = onClose;
    this.onReport = onReport;
    this.element = document.getElementById("incident-panel");
    wireSidePanel(this.element, {
      closeButton: "incident-close", copyButton: "incident-copy", onClose: () => this.onClose(),
    });
  }

  async open(incidentId) {
    const detail = await api(`/api/incidents/${encodeURIComponent(incidentId)}`);
    const articles = new Map(detail.reports.map((report) => [report.article.id, report.article]));
    this.renderHeader(detail.incident, detail.reports.length);
    this.renderFields(detail.incident);
    this.renderClaims(detail.claims, articles);
    this.renderToll(detail.history, articles);
    this.renderReports(detail.reports);
    this.show();
  }

  show() {
    this.element.hidden = false;
  }

  hide() {
    this.element.hidden = true;
  }

  renderHeader(incident, reports) {
    document.getElementById("incident-kicker").textContent =
      `Incident · ${reports} ${reports === 1 ? "report" : "reports"} · ${incident.event_type}`;
    document.getElementById("incident-title").textContent = incident.sub_event_type;
    const where = place(incident) === EMPTY ? "place unknown" : place(incident);
    document.getElementById("incident-subtitle").textContent = `${day(incident.event_date)} · ${where}`;
  }

  display(name, value) {
    if (value === null || value === undefined || value === "") return EMPTY;
    if (name === "event_date") return day(value);
    if (name === "time_precision") return `${value} · ${this.taxonomy.time_precision[value] ?? "?"}`;
    if (name === "fatalities_by_category") {
      const parts = Object.entries(value).map(([category, count]) => `${category.replaceAll("_", " ")} ${number(count)}`);
      return parts.join(", ") || EMPTY;
    }
    if (name === "flags") return value.length ? h("ul", { class: "flags" }, value.map((flag) => h("li", {}, FLAGS[flag] || flag))) : "none";
    if (name === "sources") return value.join("; ") || EMPTY;
    return typeof value === "number" ? number(value) : text(value);
  }

  renderFields(incident) {
    const rows = FIELDS.map(([name, label]) => {
      const shown = this.display(name, incident[name]);
      return h("tr", { dataset: { field: name } }, h("th", { scope: "row" }, label),
        h("td", {}, h("span", { class: shown === EMPTY ? "muted" : null }, shown)));
    });
    fill(document.getElementById("incident-fields"), h("tbody", {}, rows));
  }

  renderClaims(claims, articles) {
    const box = document.getElementById("incident-claims");
    if (!claims.length) {
      fill(box, h("h3", {}, "Reported figures"), h("p", { class: "hint" }, "No report gives a figure."));
      return;
    }
    const items = claims.map((claim) => {
      const range = claim.low !== null || claim.high !== null ? ` (${claim.low ?? "?"}–${claim.high ?? "…"})` : "";
      const what = `${number(claim.figure)}${range} ${claim.category.replaceAll("_", " ")} ${claim.kind}`;
      const article = articles.get(claim.article_id);
      return h("li", { class: claim.superseded ? "superseded" : null, dataset: { eventId: claim.event_id } },
        h("strong", {}, what), ` ${claim.qualifier.replaceAll("_", " ")}`,
        ` — ${claim.claimant || "claimant not named"}`,
        h("small", {}, [article ? articleLine(article) : claim.article_id,
          claim.superseded ? h("span", { class: "badge" }, "revised later by the same source") : null]));
    });
    fill(box, h("h3", {}, "Reported figures"), h("ul", { class: "claims" }, items));
  }

  renderToll(history, articles) {
    const items = history.map((revision) => {
      const article = articles.get(revision.article_id);
      return h("li", {},
        h("div", { class: "who" }, revision.as_of ? day(revision.as_of) : "undated", " · ",
          article ? article.title || article.id : revision.article_id),
        h("div", {}, "Deaths ", h("strong", {}, fatalities({
          fatalities: revision.best, fatalities_low: revision.low, fatalities_high: revision.high,
        }))));
    });
    fill(document.getElementById("incident-toll"), h("h3", {}, "Death toll over time"),
      items.length ? h("ol", { class: "history" }, items) : h("p", { class: "hint" }, "No toll reported."));
  }

  renderReports(reports) {
    const items = reports.map(({ event, article, evidence_text: sentences }) => {
      const url = safeUrl(article.url);
      const link = h("a", { href: `?event=${encodeURIComponent(event.event_id)}`, class: "button small",
        dataset: { eventId: event.event_id } }, "Evidence in the article");
      link.addEventListener("click", (click) => {
        click.preventDefault();
        this.onReport(event.event_id);
      });
      return h("li", { dataset: { eventId: event.event_id } },
        h("h4", {}, url ? h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" },
          article.title || "Untitled article") : article.title || "Untitled article"),
        h("p", { class: "meta" }, articleLine(article)),
        h("p", {}, h("strong", {}, event.sub_event_type), ` · ${place(event)} · deaths ${fatalities(event)}`,
          event.status !== "machine" ? h("span", { class: `badge status-${event.status}` }, event.status) : null),
        sentences ? h("blockquote", {}, sentences) : null,
        link);
    });
    fill(document.getElementById("incident-reports"), items);
  }
}

function articleLine(article) {
  return [article.source, article.published ? day(article.published) : "publication date unknown"]
    .filter(Boolean).join(" · ");
}
