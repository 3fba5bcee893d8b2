"""Event detection: triggers typed into ACLED sub-event types, their arguments, casualties and flags.

>>> events = detect_events(doc)  # doc: a Document with DATE, COUNT, CLAIMANT, PLACE and ACTOR mentions
"""

from sitrep.events.detect import detect_events

__all__ = ["detect_events"]
