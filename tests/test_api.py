from pathlib import Path

import sitrep
from sitrep import taxonomy

SEED = Path(__file__).resolve().parents[1] / "sitrep/data/samples/jableh-2025-03.txt"


def test_extract_one_page_from_python():
    events = sitrep.extract(SEED.read_text(encoding="utf-8"), published="2025-03-07")
    main = max(events, key=lambda event: event.confidence)
    assert (main.event_type, main.sub_event_type) == (taxonomy.BATTLES, "Armed clash")
    record = main.to_record()
    assert record["admin1"] == "Latakia"
    text_spans = record["evidence"]["sub_event_type"]
    assert text_spans and all(start < end for start, end in text_spans)


def test_extract_without_publication_date_never_uses_today():
    events = sitrep.extract("Gunmen killed three villagers in the town of Jablah, Syria, on Tuesday.")
    assert events
    assert all(event.event_date is None for event in events)
