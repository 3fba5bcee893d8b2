"""Column lists of the tabular exports, in one place: ACLED's 31 columns in ACLED's order, then sitrep's;
UCDP GED's columns that sitrep can fill, in GED's order."""

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

# An incident row (``incidents-csv``): ACLED's columns, then what an incident has beyond them.
INCIDENT_EXTRAS: tuple[str, ...] = (
    "fatalities_low",
    "fatalities_high",
    "fatalities_by_category",
    "injured",
    "flags",
    "number_of_sources",
    "geonames_id",
    "event_ids",
    "article_ids",
)

INCIDENT_CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + INCIDENT_EXTRAS

# UCDP GED (codebook 19.1) columns in GED's order, leaving out UCDP's own identifiers and classifications
# (conflict, dyad and actor ids, gwnob, priogrid_gid, region, event_clarity, active_year).
UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "low",
    "best",
    "high",
)
