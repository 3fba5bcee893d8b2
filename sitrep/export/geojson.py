"""GeoJSON (RFC 7946): a FeatureCollection with one Feature per event (or per incident).

An event with coordinates is a Point ``[longitude, latitude]``; an event whose place sitrep could not locate
is kept, with ``"geometry": null`` as RFC 7946 section 3.2 allows, so a map shows what is known and a
count of the file still counts every event. ``properties`` hold the rest of ``Event.to_record()``; the
coordinates appear only in the geometry. Features are written one by one, so exports of any size stream.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

_COORDINATES = ("latitude", "longitude")


def write(records: Iterable[Mapping[str, Any]], out: TextIO, id_key: str = "event_id") -> int:
    """Write the FeatureCollection, each feature's id the record's ``id_key``; returns the number of
    features."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for record in records:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(feature(record, id_key), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def feature(record: Mapping[str, Any], id_key: str = "event_id") -> dict[str, Any]:
    latitude, longitude = record["latitude"], record["longitude"]
    located = latitude is not None and longitude is not None
    return {
        "type": "Feature",
        "id": record[id_key],
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]} if located else None,
        "properties": {key: value for key, value in record.items() if key not in _COORDINATES},
    }
