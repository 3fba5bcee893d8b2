"""What an input is, judged by its content first and its file name second."""

from __future__ import annotations

import json
import re

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

_SNIFF_CHARS = 64 * 1024
# A document that opens like a web page or a fragment of one, possibly after comments.
_HTML_OPENING = re.compile(
    r"\A(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|\?xml|p|div|article|section|main|h[1-6])\b",
    re.I | re.S,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|span|a|article|section|main|header|footer|nav|h[1-6]|li|ul|ol|table|tr|td|script|style|figure"
    r"|img)\b[^<>]{0,2000}>",
    re.I,
)
_ANY_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]{0,2000}>", re.I)
_MIN_BLOCK_TAGS = 3


def content_type(text: str, suffix: str = "") -> str:
    """ "html" when the text is markup (or an .html file with any tag in it), else "text"."""
    head = text[:_SNIFF_CHARS]
    if _HTML_OPENING.match(head) or _has_closed_markup(head):
        return "html"
    if suffix in HTML_SUFFIXES and _ANY_TAG.search(head):
        return "html"
    return "text"


def is_jsonl(head: bytes, suffix: str = "") -> bool:
    """A .jsonl/.ndjson name, or content whose first line is a JSON object."""
    if suffix in JSONL_SUFFIXES:
        return True
    first_line, newline, _ = head.lstrip(b"\xef\xbb\xbf \t\r\n").partition(b"\n")
    if not first_line.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first_line), dict)
    except ValueError:
        return not newline and first_line.startswith(b'{"')  # a first line longer than the sniffed head


def _has_closed_markup(head: str) -> bool:
    tags = _BLOCK_TAG.findall(head)
    return len(tags) >= _MIN_BLOCK_TAGS and any(tag.startswith("</") for tag in tags)
