"""Errors a user sees. Each names the input it is about, so one bad page never hides which one it was."""

from __future__ import annotations


class SitrepError(Exception):
    """Base class for errors sitrep reports to the user without a traceback."""


class InputError(SitrepError):
    """One input (a file, a JSONL line, a feed item) that could not be read or has no usable text."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason
