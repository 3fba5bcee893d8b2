"""Hand-built events and reports for the reconcile tests (no extraction involved)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sitrep import taxonomy
from sitrep.model import Actor, Claim, Event, Place
from sitrep.reconcile import Report

COAST_TOWN = Place(
    "Jablah",
    country="Syria",
    admin1="Latakia",
    latitude=35.36,
    longitude=35.92,
    geo_precision=1,
    geonames_id=1,
)
PORT_CITY = Place(
    "Latakia",
    country="Syria",
    admin1="Latakia",
    latitude=35.52,
    longitude=35.79,
    geo_precision=1,
    geonames_id=2,
)
NORTH_CITY = Place(
    "Aleppo",
    country="Syria",
    admin1="Aleppo",
    latitude=36.20,
    longitude=37.16,
    geo_precision=1,
    geonames_id=3,
)
COAST_PROVINCE = Place(
    "Latakia Governorate", country="Syria", admin1="Latakia", latitude=35.61, longitude=35.98, geo_precision=3
)
COUNTRYWIDE = Place("northern Syria", country="Syria", geo_precision=3)
STATE = Actor("Military Forces of Syria (2024-)", taxonomy.STATE_FORCES, "Syria")
MILITIA = Actor("Pro-Assad Militia (Syria)", taxonomy.POLITICAL_MILITIAS, "Syria")
UNIDENTIFIED = Actor("Unidentified Armed Group (Syria)", taxonomy.POLITICAL_MILITIAS, "Syria")
CIVILIANS = Actor("Civilians (Syria)", taxonomy.CIVILIANS, "Syria")
CLASH_DAY = date(2025, 3, 6)


def event(
    article: str,
    number: int = 0,
    *,
    sub_event_type: str = "Armed clash",
    day: date | None = CLASH_DAY,
    precision: int | None = 1,
    place: Place | None = COAST_TOWN,
    actors: Sequence[Actor] = (STATE, MILITIA),
    claims: Sequence[Claim] = (),
) -> Event:
    return Event(
        article_id=article,
        event_id=f"{article}-e{number}",
        event_type=taxonomy.event_type_of(sub_event_type),
        sub_event_type=sub_event_type,
        event_date=day,
        time_precision=precision if day else None,
        actor1=actors[0] if actors else None,
        actor2=actors[1] if len(actors) > 1 else None,
        place=place,
        claims=[replace(claim, article_id=article) for claim in claims],
        sources=sorted({c.claimant for c in claims if c.claimant}),
    )


def report(
    event: Event, text: str, published: date | None = date(2025, 3, 7), outlet: str | None = None
) -> Report:
    return Report(event, text, published, outlet)


def claim(
    figure: int,
    category: str = "total",
    qualifier: str = "exact",
    claimant: str | None = None,
    kind: str = "killed",
) -> Claim:
    return Claim(
        figure=figure, category=category, kind=kind, qualifier=qualifier, low=figure, claimant=claimant
    )
