// The map: country outlines shipped with the package (no tile server needed), one marker per located event
// or incident, sized by deaths and coloured by event type, grouped into clusters (a pie of the types) where
// dense. An incident reported by several articles is ringed and shows how many reports it has.

import { h } from "./dom.js";
import { day, fatalities, place } from "./format.js";

const OUTLINES = "/static/vendor/world-atlas/countries-50m.json";
const MAX_ZOOM = 12;
const FIT_MAX_ZOOM = 8;

/** Marker diameter in pixels: area grows with deaths, so 100 deaths is not 100 times 1. */
export function markerSize(deaths) {
  return Math.min(46, 12 + 4 * Math.sqrt(Math.max(0, deaths || 0)));
}

export class EventMap {
  constructor(element, colours, { onSelect, onMove }) {
    const L = window.L;
    this.colours = colours;
    this.onSelect = onSelect;
    this.markers = new Map();
    this.incidentOf = new Map(); // event id -> the incident marker standing for it
    this.selected = null;
    this.map = L.map(element, { minZoom: 2, maxZoom: MAX_ZOOM, zoomSnap: 0.5, worldCopyJump: true });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Outlines: Natural Earth (public domain)");
    this.map.setView([25, 20], 2);
    this.clusters = L.markerClusterGroup({
      maxClusterRadius: 38,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: (cluster) => this.clusterIcon(cluster),
    }).addTo(this.map);
    this.map.on("moveend", () => onMove(this.bbox()));
    this.clusters.on("animationend", () => this.markSelected(this.selected));
    this.legend().addTo(this.map);
    this.outlines = this.drawOutlines();
  }

  async drawOutlines() {
    const response = await fetch(OUTLINES);
    const topology = await response.json();
    const countries = window.topojson.feature(topology, topology.objects.countries);
    for (const country of countries.features) unwrapRings(country.geometry);
    window.L.geoJSON(countries, {
      interactive: false,
      style: { color: "#b3ada3", weight: 0.8, fillColor: "#f6f4ef", fillOpacity: 1 },
    }).addTo(this.map);
  }

  /**
   * Replace the markers with the located features of a GeoJSON FeatureCollection of events or, with
   * kind "incident", of incidents; clicking one calls onSelect(id, kind).
   */
  show(collection, { fit = false, kind = "event" } = {}) {
    const L = window.L;
    this.clusters.clearLayers();
    this.markers.clear();
    this.incidentOf.clear();
    const layers = [];
    for (const feature of collection.features) {
      if (!feature.geometry) continue;
      const [lng, lat] = feature.geometry.coordinates;
      const marker = L.marker([lat, lng], {
        icon: this.eventIcon(feature.id, feature.properties, kind),
        title: describe(feature.properties),
        riseOnHover: true,
      });
      marker.eventType = feature.properties.event_type;
      marker.on("click", () => this.onSelect(feature.id, kind));
      this.markers.set(feature.id, marker);
      for (const eventId of feature.properties.event_ids || []) this.incidentOf.set(eventId, marker);
      layers.push(marker);
    }
    this.clusters.addLayers(layers);
    this.markSelected(this.selected);
    if (fit && layers.length) {
      const bounds = L.latLngBounds(layers.map((marker) => marker.getLatLng()));
      this.map.fitBounds(bounds.pad(0.25), { maxZoom: FIT_MAX_ZOOM });
    }
    return layers.length;
  }

  eventIcon(id, properties, kind) {
    const size = markerSize(properties.fatalities);
    const reports = kind === "incident" ? properties.event_ids.length : 1;
    const dot = h("div", {
      class: reports > 1 ? "event-marker incident-marker" : "event-marker",
      dataset: { [kind === "incident" ? "incidentId" : "eventId"]: id, eventType: properties.event_type },
    }, reports > 1 ? String(reports) : null);
    dot.style.width = `${size}px`;
    dot.style.height = `${size}px`;
    dot.style.background = this.colours.get(properties.event_type) || "#607d8b";
    return window.L.divIcon({ html: dot, className: "event-marker-icon", iconSize: [size, size] });
  }

  clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const counts = new Map();
    for (const marker of children) counts.set(marker.eventType, (counts.get(marker.eventType) || 0) + 1);
    let start = 0;
    const stops = [];
    for (const [type, count] of counts) {
      const end = start + (count / children.length) * 360;
      stops.push(`${this.colours.get(type) || "#607d8b"} ${start}deg ${end}deg`);
      start = end;
    }
    const size = children.length < 10 ? 34 : children.length < 100 ? 42 : 50;
    const ring = h("div", { class: "cluster" }, h("span", {}, String(children.length)));
    ring.style.width = `${size}px`;
    ring.style.height = `${size}px`;
    ring.style.background = `conic-gradient(${stops.join(", ")})`;
    return window.L.divIcon({ html: ring, className: "cluster-icon", iconSize: [size, size] });
  }

  /**
   * Ring the selected event's or incident's marker (an event's incident, on the incident layer), or the
   * cluster holding it; bring it into view without zooming.
   */
  markSelected(id) {
    this.selected = id;
    for (const element of this.map.getContainer().querySelectorAll(".selected")) {
      element.classList.remove("selected");
    }
    const marker = id && (this.markers.get(id) || this.incidentOf.get(id));
    if (!marker) return;
    if (!this.map.getBounds().contains(marker.getLatLng())) this.map.panTo(marker.getLatLng());
    const shown = this.clusters.getVisibleParent(marker);
    shown?.getElement()?.querySelector(".event-marker, .cluster")?.classList.add("selected");
  }

  /** The visible area as min_lon,min_lat,max_lon,max_lat, clamped to the world. */
  bbox() {
    const bounds = this.map.getBounds();
    const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value));
    const wide = bounds.getEast() - bounds.getWest() >= 360;
    const west = wide ? -180 : clamp(bounds.getWest(), 180);
    const east = wide ? 180 : clamp(bounds.getEast(), 180);
    const numbers = [west, clamp(bounds.getSouth(), 90), east, clamp(bounds.getNorth(), 90)];
    return numbers.map((value) => value.toFixed(4)).join(",");
  }

  fitBbox(bbox) {
    const [west, south, east, north] = bbox.split(",").map(Number);
    this.map.fitBounds([[south, west], [north, east]]);
  }

  legend() {
    const control = window.L.control({ position: "bottomleft" });
    control.onAdd = () => {
      const rows = [...this.colours].map(([name, colour]) => {
        const swatch = h("span", { class: "swatch" });
        swatch.style.background = colour;
        return h("li", {}, swatch, name);
      });
      const sizes = [0, 10, 50].map((deaths) => {
        const circle = h("span", { class: "size" });
        const size = markerSize(deaths);
        circle.style.width = `${size}px`;
        circle.style.height = `${size}px`;
        return h("li", { class: "size-row" }, circle, String(deaths));
      });
      const ringed = h("span", { class: "size incident-marker" }, "3");
      const box = h("div", { class: "legend" }, h("h3", {}, "Event type"), h("ul", {}, rows),
        h("h3", {}, "Deaths (marker size)"), h("ul", { class: "sizes" }, sizes),
        h("ul", {}, h("li", { class: "size-row" }, ringed, "incident reported 3 times")));
      window.L.DomEvent.disableClickPropagation(box);
      return box;
    };
    return control;
  }
}

/**
 * Shift longitudes so that no edge of a ring jumps across the antimeridian (Russia, Fiji, Antarctica):
 * otherwise the map draws such an edge as a line around the whole world.
 */
function unwrapRings(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates]
    : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  for (const ring of polygons.flat()) {
    let shift = 0;
    for (let index = 1; index < ring.length; index += 1) {
      const step = ring[index][0] + shift - ring[index - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
      ring[index][0] += shift;
    }
  }
}

function describe(properties) {
  const deaths = fatalities(properties);
  return `${properties.sub_event_type} · ${place(properties)} · ${day(properties.event_date)} · deaths ${deaths}`;
}
