"""Hand-made articles and events for the API and browser tests, with spans found in their own text.

Three articles: fighting on a coast (several events in one town, so markers cluster), shelling and a
protest in the north (its text opens with an emoji, so offsets must count code points), and a page full of
markup and ``javascript:`` links that must stay inert wherever it is shown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sitrep.model import Actor, Article, Claim, Event, Fatalities, Place, Span
from sitrep.store import Store
from sitrep.taxonomy import (
    BATTLES,
    CIVILIANS,
    EXPLOSIONS,
    POLITICAL_MILITIAS,
    PROTESTERS,
    PROTESTS,
    STATE_FORCES,
    STRATEGIC,
    VAC,
)

STATE = Actor("Military Forces of Syria (2024-)", STATE_FORCES, "Syria")
GUNMEN = Actor("Unidentified Armed Group (Syria)", POLITICAL_MILITIAS, "Syria")
CIVILIANS_SY = Actor("Civilians (Syria)", CIVILIANS, "Syria")
PROTESTERS_SY = Actor("Protesters (Syria)", PROTESTERS, "Syria")
SOHR = "Syrian Observatory for Human Rights"

COAST_TEXT = (
    "Clashes broke out on Thursday between government security forces and gunmen loyal to the former regime "
    "in the coastal town of Baniyas, the Syrian Observatory for Human Rights said. At least 23 people were "
    "killed, among them 9 members of the security forces.\n\n"
    "Residents said helicopters allegedly bombed farms outside Baniyas. A curfew was declared across Tartus "
    "province on Friday, the state news agency SANA reported. Security forces detained a former army officer "
    "accused of ordering killings.\n\n"
    "Rebels took control of Damascus in December after a swift offensive."
)
NORTH_TEXT = (
    "🔴 BREAKING: Artillery shelling struck a residential district of Aleppo on Sunday, killing seven "
    "civilians and wounding 15, the Syrian Civil Defence said.\n\n"
    "In Idlib, hundreds of people protested peacefully on Saturday against rising bread prices."
)
XSS_TEXT = (
    "Gunmen attacked a village near Homs on Friday <script>window.__xss = 'script'</script> and killed three "
    "farmers <img src=x onerror=\"window.__xss='img'\">, a local monitor said.\n\n"
    "Read more: <a href=\"javascript:window.__xss='link'\">the full report</a>."
)
XSS_ACTOR = "Unidentified Armed Group (Syria) <img src=x onerror=\"window.__xss='actor'\">"


def span(text: str, phrase: str) -> Span:
    """The span of the first occurrence of ``phrase`` in ``text`` (in code points, like every offset)."""
    start = text.index(phrase)
    return Span(start, start + len(phrase))


def article(article_id: str, text: str, published: date, **metadata: str) -> Article:
    return Article(
        id=article_id,
        raw=text,
        text=text,
        published=published,
        origin=f"tests/{article_id}.txt",
        title=metadata.get("title", f"Report {article_id}"),
        url=metadata.get("url", f"https://news.example.org/{article_id}"),
        source=metadata.get("source", "Example News"),
    )


def place(name: str, admin1: str, latitude: float, longitude: float, precision: int = 1) -> Place:
    return Place(name, "Syria", "SY", admin1, None, latitude, longitude, geo_precision=precision)


def coast_events(text: str = COAST_TEXT) -> list[Event]:
    baniyas = place("Baniyas", "Tartus", 35.1825, 35.9486)
    clash = Event(
        "coast",
        "coast-1",
        BATTLES,
        "Armed clash",
        date(2025, 3, 6),
        1,
        actor1=STATE,
        actor2=GUNMEN,
        place=baniyas,
        fatalities=Fatalities(23, 23, None, {"total": 23, "state_forces": 9}),
        claims=[
            Claim(
                23,
                "total",
                qualifier="at_least",
                low=23,
                claimant=SOHR,
                article_id="coast",
                span=span(text, "At least 23 people were killed"),
                claimant_span=span(text, SOHR),
            ),
            Claim(
                9,
                "state_forces",
                claimant=SOHR,
                article_id="coast",
                span=span(text, "9 members of the security forces"),
                claimant_span=span(text, SOHR),
            ),
        ],
        sources=[SOHR],
        notes="Clashes between security forces and gunmen in Baniyas; at least 23 killed.",
        confidence=0.82,
    )
    clash.cite("event_type", span(text, "Clashes broke out"))
    clash.cite("event_date", span(text, "on Thursday"))
    clash.cite("actor1", span(text, "government security forces"))
    clash.cite("actor2", span(text, "gunmen loyal to the former regime"))
    clash.cite("location", span(text, "Baniyas"))
    clash.cite("fatalities", span(text, "At least 23 people were killed"))
    clash.cite("source", span(text, SOHR))
    strike = Event(
        "coast",
        "coast-2",
        EXPLOSIONS,
        "Air/drone strike",
        date(2025, 3, 6),
        2,
        actor1=STATE,
        place=place("Baniyas", "Tartus", 35.1825, 35.9486, precision=2),
        sources=["Residents"],
        notes="Helicopters allegedly bombed farms outside Baniyas.",
        alleged=True,
        confidence=0.55,
    )
    strike.cite("event_type", span(text, "helicopters allegedly bombed"))
    strike.cite("alleged", span(text, "allegedly"))
    curfew = Event(
        "coast",
        "coast-3",
        STRATEGIC,
        "Other",
        date(2025, 3, 7),
        1,
        actor1=STATE,
        place=place("Tartus", "Tartus", 34.8890, 35.8866, precision=3),
        sources=["SANA"],
        notes="Curfew declared across Tartus province.",
        confidence=0.7,
    )
    curfew.cite("event_type", span(text, "A curfew was declared"))
    curfew.cite("location", span(text, "Tartus province"))
    curfew.cite("source", span(text, "SANA"))
    arrest = Event(
        "coast",
        "coast-4",
        STRATEGIC,
        "Arrests",
        date(2025, 3, 7),
        2,
        actor1=STATE,
        notes="Security forces detained a former army officer.",
        confidence=0.6,
    )
    arrest.cite("event_type", span(text, "detained"))
    takeover = Event(
        "coast",
        "coast-5",
        BATTLES,
        "Non-state actor overtakes territory",
        None,
        None,
        place=place("Damascus", "Damascus", 33.5102, 36.2913),
        notes="Rebels took Damascus.",
        historical=True,
        confidence=0.5,
    )
    takeover.cite("historical", span(text, "in December"))
    return [clash, strike, curfew, arrest, takeover]


def north_events(text: str = NORTH_TEXT) -> list[Event]:
    shelling = Event(
        "north",
        "north-1",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        date(2025, 2, 23),
        1,
        actor2=CIVILIANS_SY,
        place=place("Aleppo", "Aleppo", 36.2021, 37.1343),
        fatalities=Fatalities(7, 7, 7, {"civilians": 7}, injured=15),
        sources=["Syrian Civil Defence"],
        claims=[
            Claim(
                7,
                "civilians",
                claimant="Syrian Civil Defence",
                article_id="north",
                span=span(text, "killing seven civilians"),
                claimant_span=span(text, "Syrian Civil Defence"),
            )
        ],
        notes="Artillery shelling hit a residential district of Aleppo, killing seven civilians.",
        confidence=0.9,
    )
    shelling.cite("event_type", span(text, "Artillery shelling"))
    shelling.cite("location", span(text, "Aleppo"))
    shelling.cite("fatalities", span(text, "killing seven civilians"))
    protest = Event(
        "north",
        "north-2",
        PROTESTS,
        "Peaceful protest",
        date(2025, 2, 22),
        1,
        actor1=PROTESTERS_SY,
        place=place("Idlib", "Idlib", 35.9306, 36.6339),
        fatalities=Fatalities(0, 0, 0),
        notes="Hundreds protested against bread prices in Idlib.",
        confidence=0.75,
    )
    protest.cite("event_type", span(text, "protested peacefully"))
    protest.cite("location", span(text, "Idlib"))
    return [shelling, protest]


def xss_events(text: str = XSS_TEXT) -> list[Event]:
    attack = Event(
        "xss",
        "xss-1",
        VAC,
        "Attack",
        date(2025, 2, 28),
        1,
        actor1=Actor(XSS_ACTOR, POLITICAL_MILITIAS, "Syria"),
        actor2=CIVILIANS_SY,
        place=place("Homs", "Homs", 34.7324, 36.7137),
        fatalities=Fatalities(3, 3, 3, {"civilians": 3}),
        sources=["<script>window.__xss='source'</script>"],
        notes="Gunmen killed three farmers <img src=x onerror=\"window.__xss='notes'\">",
        confidence=0.6,
    )
    attack.cite("event_type", span(text, "Gunmen attacked"))
    attack.cite("fatalities", span(text, "killed three farmers <img src=x onerror=\"window.__xss='img'\">"))
    attack.cite("location", span(text, "Homs"))
    return [attack]


def fill(store: Store) -> None:
    """Save the three hand-made articles and their events."""
    store.save(article("coast", COAST_TEXT, date(2025, 3, 7), title="Fighting on the coast"), coast_events())
    store.save(article("north", NORTH_TEXT, date(2025, 2, 24), title="Shelling in Aleppo"), north_events())
    store.save(
        article(
            "xss",
            XSS_TEXT,
            date(2025, 3, 1),
            title="<img src=x onerror=\"window.__xss='title'\">Attack report",
            url="javascript:window.__xss='url'",
            source="<script>window.__xss='outlet'</script>",
        ),
        xss_events(),
    )


def filled_store(path: Path) -> Store:
    store = Store.open(path)
    fill(store)
    return store


FOLLOW_TEXT = (
    "The toll of Thursday's clashes in Baniyas between security forces and gunmen loyal to the former "
    f"regime rose to 31, the {SOHR} said."
)


def follow_up_events() -> list[Event]:
    """The coast clash again, a day later, its toll revised by the same monitor."""
    clash = replace(
        coast_events()[0],
        article_id="follow",
        event_id="follow-1",
        evidence={},
        fatalities=Fatalities(31, 31, None, {"total": 31}),
        claims=[
            Claim(
                31,
                "total",
                low=31,
                claimant=SOHR,
                article_id="follow",
                span=span(FOLLOW_TEXT, "rose to 31"),
                claimant_span=span(FOLLOW_TEXT, SOHR),
            )
        ],
    )
    clash.cite("event_type", span(FOLLOW_TEXT, "clashes"))
    clash.cite("location", span(FOLLOW_TEXT, "Baniyas"))
    return [clash]


def save_follow_up(store: Store) -> None:
    """A second article on the coast clash: with the coast's report, one incident of two reports."""
    store.save(article("follow", FOLLOW_TEXT, date(2025, 3, 8), source="Other Wire"), follow_up_events())
