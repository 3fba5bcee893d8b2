"""``/api/taxonomy`` (the codes the dashboard's filters and review form offer) and ``/api/me``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from sitrep.serve.corrections import Correction
from sitrep.serve.filters import SORTABLE, STATUSES
from sitrep.serve.security import require
from sitrep.store.review import Identity
from sitrep.taxonomy import (
    ACTOR_TYPES,
    BATTLES,
    EVENT_TYPES,
    EXPLOSIONS,
    GEO_PRECISION,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    TIME_PRECISION,
    VAC,
)

router = APIRouter(prefix="/api", tags=["meta"])

# Map and chart colour of each event type: violence in warm hues, demonstrations in cool ones.
EVENT_COLOURS: dict[str, str] = {
    BATTLES: "#c62828",
    EXPLOSIONS: "#ef6c00",
    VAC: "#6a1b9a",
    RIOTS: "#b8860b",
    PROTESTS: "#1565c0",
    STRATEGIC: "#2e7d32",
}


@router.get("/taxonomy")
def taxonomy() -> dict[str, Any]:
    """ACLED's event types (with sub-event types and a display colour), actor types, precision codes, review
    statuses, sortable columns and the fields a correction may set."""
    return {
        "event_types": [
            {"name": name, "colour": EVENT_COLOURS[name], "sub_event_types": list(subs)}
            for name, subs in EVENT_TYPES.items()
        ],
        "actor_types": dict(ACTOR_TYPES),
        "time_precision": dict(TIME_PRECISION),
        "geo_precision": dict(GEO_PRECISION),
        "statuses": STATUSES,
        "sortable": SORTABLE,
        "correctable": [name for name in Correction.model_fields if name != "status"],
    }


@router.get("/me")
def me(identity: Annotated[Identity, Depends(require("reader"))]) -> dict[str, str]:
    """The name and role of the presented token: how the dashboard checks a token before using it."""
    return {"name": identity.name, "role": identity.role}
