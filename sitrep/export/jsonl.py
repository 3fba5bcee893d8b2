"""JSON Lines: one ``Event.to_record()`` dict per line, the same contract ``sitrep extract`` prints."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO


def write(records: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write one JSON object per line (UTF-8 text, not escaped); returns the number of lines."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
