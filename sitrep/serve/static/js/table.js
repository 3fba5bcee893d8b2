// The sortable, paged table of events. Sorting happens in the API, so it covers every page.

import { fill, h } from "./dom.js";
import { EMPTY, day, fatalities, number, place } from "./format.js";

function dot(colour) {
  const element = h("span", { class: "swatch" });
  element.style.background = colour || "#607d8b";
  return element;
}

function badges(record) {
  return [
    record.alleged && h("span", { class: "badge alleged" }, "alleged"),
    record.historical && h("span", { class: "badge historical" }, "historical"),
    record.status !== "machine" && h("span", { class: `badge status-${record.status}` }, record.status),
  ];
}

const COLUMNS = [
  { label: "Date", sort: "event_date", cell: (record) => day(record.event_date) },
  {
    label: "Event", sort: "sub_event_type",
    cell: (record, colours) => h("span", { class: "event-cell" }, dot(colours.get(record.event_type)),
      h("span", {}, record.sub_event_type, h("small", {}, record.event_type))),
  },
  { label: "Location", sort: "location", cell: (record) => place(record) },
  {
    label: "Actors", sort: "actor1",
    cell: (record) => h("span", {}, record.actor1 || EMPTY,
      record.actor2 ? h("small", {}, `vs ${record.actor2}`) : null),
  },
  { label: "Deaths", sort: "fatalities", numeric: true, cell: (record) => fatalities(record) },
  { label: "Flags", cell: (record) => badges(record) },
  { label: "Source", cell: (record) => h("span", { class: "source-cell" }, record.source || EMPTY) },
];

export function drawTable(table, page, { sort, colours, selected, onSort, onSelect }) {
  const descending = sort.startsWith("-");
  const sortKey = sort.replace(/^-/, "");
  fill(table.tHead, h("tr", {}, COLUMNS.map((column) => {
    if (!column.sort) return h("th", { scope: "col" }, column.label);
    const active = column.sort === sortKey;
    const button = h("button", { type: "button", class: "sort" }, column.label,
      h("span", { class: "arrow", "aria-hidden": "true" }, active ? (descending ? "▼" : "▲") : "↕"));
    button.addEventListener("click", () => onSort(active && !descending ? `-${column.sort}` : column.sort));
    return h("th", {
      scope: "col", class: column.numeric ? "numeric" : null,
      "aria-sort": active ? (descending ? "descending" : "ascending") : "none",
    }, button);
  })));
  if (!page.events.length) {
    fill(table.tBodies[0], h("tr", {}, h("td", { colspan: COLUMNS.length, class: "empty" }, "No events match these filters.")));
    return;
  }
  fill(table.tBodies[0], page.events.map((record) => {
    const row = h("tr", {
      tabindex: 0, class: record.event_id === selected ? "selected" : null,
      dataset: { eventId: record.event_id },
    }, COLUMNS.map((column) => h("td", { class: column.numeric ? "numeric" : null }, column.cell(record, colours))));
    row.addEventListener("click", () => onSelect(record.event_id));
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") onSelect(record.event_id); });
    return row;
  }));
}

export function drawPager(element, page, onPage) {
  const first = page.total ? (page.page - 1) * page.page_size + 1 : 0;
  const last = Math.min(page.total, page.page * page.page_size);
  const previous = h("button", { type: "button", class: "button ghost", disabled: page.page <= 1 }, "‹ Previous");
  const next = h("button", { type: "button", class: "button ghost", disabled: page.total_exact && last >= page.total }, "Next ›");
  previous.addEventListener("click", () => onPage(page.page - 1));
  next.addEventListener("click", () => onPage(page.page + 1));
  const total = `${number(page.total)}${page.total_exact ? "" : "+"}`;  // listings count up to a limit
  fill(element, h("span", {}, `${number(first)}–${number(last)} of ${total}`), previous, next);
}
