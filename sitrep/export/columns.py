"""Column lists of the tabular exports, in one place: ACLED's 31 columns in ACLED's order, then sitrep's."""

from __future__ import annotations

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# sitrep's own fields, after ACLED's so a tool reading ACLED files by position still works.
SITREP_EXTRAS: tuple[str, ...] = (
    "fatalities_low",
    "fatalities_high",
    "confidence",
    "alleged",
    "historical",
    "article_id",
    "geonames_id",
)

ACLED_CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + SITREP_EXTRAS
