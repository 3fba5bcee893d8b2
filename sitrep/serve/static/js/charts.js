// The weekly timeline (stacked bars of events by type, a line of deaths) and the ranked bar lists.

import { fill, h, svg } from "./dom.js";
import { compact, number, shortDay } from "./format.js";

const HEIGHT = 200;
const MARGIN = { top: 12, right: 40, bottom: 26, left: 34 };
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Every week (Monday, ISO date) from the first to the last of `rows`, with per-type counts and deaths. */
function weeksOf(rows) {
  const byWeek = new Map();
  for (const row of rows) {
    const week = byWeek.get(row.week) || { week: row.week, types: new Map(), events: 0, fatalities: 0 };
    week.types.set(row.event_type, (week.types.get(row.event_type) || 0) + row.events);
    week.events += row.events;
    week.fatalities += row.fatalities;
    byWeek.set(row.week, week);
  }
  const known = [...byWeek.keys()].sort();
  if (!known.length) return [];
  const weeks = [];
  for (let t = Date.parse(known[0]); t <= Date.parse(known.at(-1)); t += WEEK_MS) {
    const iso = new Date(t).toISOString().slice(0, 10);
    weeks.push(byWeek.get(iso) || { week: iso, types: new Map(), events: 0, fatalities: 0 });
  }
  return weeks;
}

/** A round axis for values up to `max`: whole steps of 1, 2 or 5 times a power of ten, at most `count` of them. */
function axis(max, count) {
  const rough = Math.max(1, max / count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return { top, ticks };
}

export function drawTimeline(element, rows, colours, { onWeek, undated = 0 }) {
  const weeks = weeksOf(rows);
  if (!weeks.length) {
    fill(element, h("p", { class: "empty" }, "No dated events match these filters."));
    return;
  }
  const width = Math.max(element.clientWidth, 280);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const events = axis(Math.max(...weeks.map((week) => week.events)), 4);
  const deaths = axis(Math.max(...weeks.map((week) => week.fatalities)), 4);
  const maxEvents = events.top;
  const maxDeaths = deaths.top;
  const band = plotWidth / weeks.length;
  const barWidth = Math.max(2, Math.min(38, band * 0.7));
  const x = (index) => MARGIN.left + band * index + band / 2;
  const yEvents = (value) => MARGIN.top + plotHeight - (value / maxEvents) * plotHeight;
  const yDeaths = (value) => MARGIN.top + plotHeight - (value / maxDeaths) * plotHeight;

  const chart = svg("svg", { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img",
    "aria-label": "Events and deaths per week" });
  for (const value of events.ticks) {
    chart.append(svg("line", { class: "grid", x1: MARGIN.left, x2: width - MARGIN.right, y1: yEvents(value), y2: yEvents(value) }));
    chart.append(svg("text", { class: "axis", x: MARGIN.left - 6, y: yEvents(value) + 4, "text-anchor": "end" }, compact(value)));
  }
  for (const value of deaths.ticks) {
    chart.append(svg("text", { class: "axis deaths", x: width - MARGIN.right + 6, y: yDeaths(value) + 4 }, compact(value)));
  }
  const labelEvery = Math.ceil(48 / band);
  weeks.forEach((week, index) => {
    const group = svg("g", { class: "week", tabindex: 0, role: "button",
      "aria-label": `Week of ${shortDay(week.week)}: ${week.events} events, ${week.fatalities} deaths` });
    group.append(svg("title", {}, `Week of ${shortDay(week.week)}\n${week.events} events · ${week.fatalities} deaths\n`
      + [...week.types].map(([type, count]) => `${type}: ${count}`).join("\n")));
    group.append(svg("rect", { class: "hit", x: MARGIN.left + band * index, y: MARGIN.top, width: band, height: plotHeight }));
    let top = yEvents(0);
    for (const [type, colour] of colours) {
      const count = week.types.get(type);
      if (!count) continue;
      const barHeight = (count / maxEvents) * plotHeight;
      top -= barHeight;
      group.append(svg("rect", { x: x(index) - barWidth / 2, y: top, width: barWidth, height: barHeight, fill: colour }));
    }
    group.addEventListener("click", () => onWeek(week.week));
    group.addEventListener("keydown", (event) => { if (event.key === "Enter") onWeek(week.week); });
    chart.append(group);
    if (index % labelEvery === 0) {
      chart.append(svg("text", { class: "axis", x: x(index), y: HEIGHT - 8, "text-anchor": "middle" }, shortDay(week.week)));
    }
  });
  const points = weeks.map((week, index) => `${x(index)},${yDeaths(week.fatalities)}`);
  chart.append(svg("polyline", { class: "deaths-line", points: points.join(" ") }));
  weeks.forEach((week, index) => {
    if (week.fatalities) chart.append(svg("circle", { class: "deaths-dot", cx: x(index), cy: yDeaths(week.fatalities), r: 3 }));
  });
  const present = new Set(rows.map((row) => row.event_type));
  const shown = [...colours].filter(([type]) => present.has(type));
  const legend = h("div", { class: "timeline-legend" }, shown.map(([type, colour]) => {
    const swatch = h("span", { class: "swatch" });
    swatch.style.background = colour;
    return h("span", {}, swatch, type);
  }), h("span", {}, h("span", { class: "swatch line" }), "Deaths (right axis)"));
  const note = undated ? h("p", { class: "hint" }, `${undated} undated ${undated === 1 ? "event" : "events"} not shown.`) : null;
  fill(element, chart, legend, note);
}

/** A ranked list of rows as horizontal bars; clicking a row calls `onPick(row)`. */
export function drawBars(element, rows, { label, onPick, empty }) {
  if (!rows.length) {
    fill(element, h("li", { class: "empty" }, empty));
    return;
  }
  const max = Math.max(...rows.map((row) => row.events));
  fill(element, rows.slice(0, 6).map((row) => {
    const bar = h("span", { class: "bar" });
    bar.style.width = `${(row.events / max) * 100}%`;
    const button = h("button", { type: "button", title: label(row) },
      h("span", { class: "name" }, label(row)),
      h("span", { class: "value" }, `${number(row.events)} · ${number(row.fatalities)} deaths`),
      h("span", { class: "track" }, bar));
    button.addEventListener("click", () => onPick(row));
    return h("li", {}, button);
  }));
}
