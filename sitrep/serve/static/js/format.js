// How values read on screen: dates, numbers, fatality ranges, flags.

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const stampFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short",
});
const numberFormat = new Intl.NumberFormat("en-GB");
const compactFormat = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });

export const EMPTY = "—";

export function day(iso) {
  return iso ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : EMPTY;
}

export function shortDay(iso) {
  return shortDate.format(new Date(`${iso}T00:00:00Z`));
}

export function stamp(iso) {
  return stampFormat.format(new Date(iso));
}

export function number(value) {
  return value === null || value === undefined ? EMPTY : numberFormat.format(value);
}

/** "950", "12K", "1.2M": for axis labels, where space is short. */
export function compact(value) {
  return compactFormat.format(value);
}

/** "16", "16 (16–30)", "—": best estimate, with the range when there is one. */
export function fatalities(record) {
  const { fatalities: best, fatalities_low: low, fatalities_high: high } = record;
  if (best === null || best === undefined) return EMPTY;
  if (low === null && high === null) return number(best);
  if (low === best && (high === null || high === best)) return high === null ? `${number(best)}+` : number(best);
  return `${number(best)} (${low === null ? "?" : number(low)}–${high === null ? "…" : number(high)})`;
}

export function place(record) {
  const parts = [record.location, record.admin1, record.country].filter(Boolean);
  return [...new Set(parts)].join(", ") || EMPTY;
}

export function text(value) {
  if (value === null || value === undefined || value === "") return EMPTY;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
