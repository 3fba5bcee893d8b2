"""Stable article ids, so re-ingesting the same page changes nothing.

With a URL the id is a hash of the normalised URL ("u-..."): the same story fetched twice, over http or https,
with or without tracking parameters, is one article. Without one it is a hash of the normalised content
("c-..."): the same text in two files, two encodings or two line-ending conventions is one article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

_HASH_CHARS = 16  # 64 bits: collisions stay negligible well past a billion articles
_DEFAULT_PORT = re.compile(r":(?:80|443)$")
_TRACKING_PARAM = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|cmpid|ocid|at_\w+)$", re.I
)
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def article_id(raw: str, url: str | None = None) -> str:
    if url and url.strip():
        return "u-" + _short_hash(normalise_url(url))
    return "c-" + _short_hash(normalise_content(raw))


def normalise_url(url: str) -> str:
    """Host, path and meaningful query of a URL: scheme, "www.", default port, fragment, trackers dropped."""
    url = url.strip()
    if "//" not in url:
        url = "//" + url
    parts = urlsplit(url)
    host = _DEFAULT_PORT.sub("", parts.netloc.lower().rpartition("@")[2]).removeprefix("www.")
    path = quote(unquote(re.sub(r"/{2,}", "/", parts.path)), safe=_PATH_SAFE).rstrip("/")
    query = sorted((key, value) for key, value in parse_qsl(parts.query) if not _TRACKING_PARAM.match(key))
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def normalise_content(text: str) -> str:
    """NFC with every run of whitespace folded to one space: what two copies of one article share."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _short_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:_HASH_CHARS]
