"""Scorers for the gold sets (ACLED notes, UCDP, geoparsing, boilerplate, incidents)."""
