"""An analyst's correction of an event: the body of ``PATCH /api/events/{id}``, checked against ACLED's codes.

Only the fields a request names change; ``null`` clears a field where the output contract allows an empty
value. ``status`` records the review outcome: ``rejected`` takes the event out of listings, statistics and
exports; ``verified`` confirms it as coded; any other change marks it ``corrected`` unless a status is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sitrep.store.review import REVIEW_STATUSES
from sitrep.taxonomy import ACTOR_TYPES, EVENT_TYPES, GEO_PRECISION, SUB_EVENT_TYPES, TIME_PRECISION

_NAME = Field(None, max_length=300)
_COUNT = Field(None, ge=0, le=10_000_000)
_JOINED_TEXT = ("assoc_actor_1", "assoc_actor_2", "source", "notes")  # empty string, never null, when cleared
_REQUIRED = ("event_type", "sub_event_type", "alleged", "historical")


class Correction(BaseModel):
    """Fields to set on an event (see ``GET /api/events/{id}`` for their meaning), and the review status."""

    model_config = ConfigDict(extra="forbid")

    event_date: date | None = None
    time_precision: int | None = Field(None, description=f"One of {dict(TIME_PRECISION)}")
    event_type: str | None = None
    sub_event_type: str | None = Field(None, description="Sets event_type too, when that is not given.")
    actor1: str | None = _NAME
    assoc_actor_1: str | None = Field(None, max_length=2000, description="Names joined by '; '.")
    inter1: int | None = Field(None, description=f"One of {dict(ACTOR_TYPES)}")
    actor2: str | None = _NAME
    assoc_actor_2: str | None = Field(None, max_length=2000, description="Names joined by '; '.")
    inter2: int | None = Field(None, description=f"One of {dict(ACTOR_TYPES)}")
    country: str | None = _NAME
    admin1: str | None = _NAME
    admin2: str | None = _NAME
    location: str | None = _NAME
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    geo_precision: int | None = Field(None, description=f"One of {dict(GEO_PRECISION)}")
    geonames_id: int | None = Field(None, ge=0)
    fatalities: int | None = _COUNT
    fatalities_low: int | None = _COUNT
    fatalities_high: int | None = _COUNT
    injured: int | None = _COUNT
    source: str | None = Field(None, max_length=2000)
    notes: str | None = Field(None, max_length=20_000)
    alleged: bool | None = None
    historical: bool | None = None
    status: Literal[*REVIEW_STATUSES] | None = Field(
        None, description="Default: corrected, or verified alone."
    )

    @field_validator("event_type")
    @classmethod
    def _event_type(cls, value: str | None) -> str | None:
        return _one_of(value, EVENT_TYPES, "event type")

    @field_validator("sub_event_type")
    @classmethod
    def _sub_event_type(cls, value: str | None) -> str | None:
        return _one_of(value, SUB_EVENT_TYPES, "sub-event type")

    @field_validator("time_precision")
    @classmethod
    def _time_precision(cls, value: int | None) -> int | None:
        return _one_of(value, TIME_PRECISION, "time precision")

    @field_validator("geo_precision")
    @classmethod
    def _geo_precision(cls, value: int | None) -> int | None:
        return _one_of(value, GEO_PRECISION, "geo precision")

    @field_validator("inter1", "inter2")
    @classmethod
    def _inter(cls, value: int | None) -> int | None:
        return _one_of(value, ACTOR_TYPES, "inter code")

    def changes(self, current: Mapping[str, Any]) -> dict[str, Any]:
        """The column values to write over ``current`` (an event row); ValueError if the result is incoherent.

        A new sub-event type brings its event type along; the event type and sub-event type must agree, and
        the fatality range must hold its best estimate, once the change is applied.
        """
        given = [
            name for name in type(self).model_fields if name in self.model_fields_set and name != "status"
        ]
        wanted = {name: getattr(self, name) for name in given}
        if not wanted and self.status is None:
            raise ValueError("nothing to change: name at least one field or a status")
        for name in _REQUIRED:
            if name in wanted and wanted[name] is None:
                raise ValueError(f"{name} cannot be empty")
        for name in _JOINED_TEXT:
            if name in wanted and wanted[name] is None:
                wanted[name] = ""
        if "sub_event_type" in wanted and "event_type" not in wanted:
            wanted["event_type"] = SUB_EVENT_TYPES[wanted["sub_event_type"]]
        merged = {**current, **wanted}
        if SUB_EVENT_TYPES[merged["sub_event_type"]] != merged["event_type"]:
            raise ValueError(
                f"{merged['sub_event_type']!r} is not a sub-event type of {merged['event_type']!r}"
            )
        _check_range(merged["fatalities_low"], merged["fatalities"], merged["fatalities_high"])
        return wanted


def _one_of(value: Any, known: Any, what: str) -> Any:
    if value is not None and value not in known:
        raise ValueError(f"unknown {what} {value!r}; choose one of {', '.join(map(str, known))}")
    return value


def _check_range(low: int | None, best: int | None, high: int | None) -> None:
    given = [value for value in (low, best, high) if value is not None]
    if given != sorted(given):
        raise ValueError(f"fatalities must satisfy low <= best <= high (got {low}, {best}, {high})")
