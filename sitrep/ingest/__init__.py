"""Readers that turn files, folders, stdin, JSONL, WARC archives, RSS/Atom feeds and strings into raw
Articles (``text`` empty until clean).

``read_inputs(["news/", "feed.jsonl", "-"])`` yields an Article for each input it can read and an InputError
(naming the input and the reason) for each it cannot, and always goes on to the next input.
"""

from __future__ import annotations

from sitrep.ingest.build import article_from_string
from sitrep.ingest.files import MAX_ARTICLE_BYTES, count_inputs, read_inputs

__all__ = ["MAX_ARTICLE_BYTES", "article_from_string", "count_inputs", "read_inputs"]
