"""Hostile inputs for the fuzz tests: hypothesis strategies, hand-made traps, and a tally of what ran.

Two kinds of generated input. Hypothesis strategies build structured ones (pages, JSONL records, WARC
archives, feeds) and shrink a failure to its smallest form; ``fuzz(name, strategy, check, examples)`` runs a
property over them. ``mutants(seeds, count, seed)`` is a plain mutation fuzzer (bit flips, cuts, splices,
inserted traps) over valid inputs, a hundred times cheaper per input, which carries the bulk of the count.
Both add what they ran to ``TALLY``; ``tests/ingest/conftest.py`` prints the total after the run. Inputs stay
small (kilobytes) so thousands run in seconds; the expensive traps (a 50 MB line, gzip bombs, 100,000
nested divs) are built once, by hand, in ``hostile_files``.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import random
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

T = TypeVar("T")

TALLY: Counter[str] = Counter()  # generated inputs checked, by test
# Reproducible in CI (a failure there fails the same way here), no example database left in the tree.
FUZZ_SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def fuzz(name: str, strategy: st.SearchStrategy[T], check: Callable[[T], None], examples: int) -> int:
    """Run ``check`` on ``examples`` inputs drawn from ``strategy``; the number it saw, also in TALLY."""
    seen = 0

    @settings(FUZZ_SETTINGS, max_examples=examples)
    @given(strategy)
    def run(value: T) -> None:
        nonlocal seen
        seen += 1
        check(value)

    run()
    TALLY[name] += seen
    return seen


def record(name: str, count: int) -> int:
    """Add ``count`` hand-made inputs to TALLY under ``name``."""
    TALLY[name] += count
    return count


# --- good articles -------------------------------------------------------------------------------------

TOWNS = (
    "Aleppo",
    "Homs",
    "Hama",
    "Idlib",
    "Latakia",
    "Tartus",
    "Daraa",
    "Raqqa",
    "Douma",
    "Manbij",
    "Jableh",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def good_report(index: int) -> str:
    """A short wire report that every reader and stage must accept; each index gives a different text."""
    town = TOWNS[index % len(TOWNS)]
    return (
        f"Clashes in {town} leave {index + 3} dead\n\n"
        f"Government forces clashed with armed men in {town} on {WEEKDAYS[index % 7]}, leaving at least "
        f"{index + 3} people dead, according to a war monitor (report {index}). Residents said "
        f"{index % 9 + 2} civilians were wounded when shells hit a market in the town.\n"
    )


# --- traps inside text ---------------------------------------------------------------------------------

# Dates and numbers a scraper brings back that no calendar or count allows.
TRAP_PHRASES = (
    "on 31 February 2025",
    "on February 30",
    "in the year 0",
    "on 0000-00-00",
    "on 9999-99-99",
    "on 29 February 2023",
    "on 32/13/2025",
    "on December 8, 99999",
    "1e308 people were killed",
    "-5 killed",
    "−5 people were killed",
    "10^1000 killed",
    "killed 99999999999999999999999999999999 people",
    "NaN people died",
    "inf civilians were killed",
    "killed ½ of the 3.5 villagers",
    "٣٠ قتيلا",
    "between 40 and 4 people were killed",
    "at least -1 and at most 1e9 dead",
    "killed 0x1F people",
    "killed 1,000,000,000,000 people",
    "killed 12.5.3 people",
    "yesterday, the day before yesterday and last year",
    "on Thursday 31 April",
)
WORDS = (
    "clashes",
    "killed",
    "shelling",
    "airstrike",
    "protest",
    "forces",
    "rebels",
    "in",
    "on",
    "the",
    "dozens",
    "SANA",
    "said",
    "curfew",
    "arrested",
    "wounded",
    "village",
    "Monday",
    "at least",
    "according to",
)
# Characters that break naive text handling: joiners, bidi controls, combining marks, astral planes.
ODD_CHARACTERS = "\u200b\u200d\u202e\u2066\ufeff\u0301\u00a0\u2028\u2029\U0001f4a5\U00010348\u0640ـ\r\t"

trap_phrases = st.sampled_from(TRAP_PHRASES)
odd_text = st.text(alphabet=st.sampled_from(ODD_CHARACTERS) | st.characters(codec="utf-8"), max_size=40)
sentences = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(TOWNS), trap_phrases, odd_text), min_size=1, max_size=25
).map(lambda parts: " ".join(parts) + ".")
report_texts = st.lists(sentences, min_size=1, max_size=8).map(" ".join)


# --- bytes in every encoding ---------------------------------------------------------------------------

ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1256",
    "cp1252",
    "latin-1",
)
ARABIC_REPORT = (  # "Five people were killed in clashes between security forces and gunmen in Jableh ..."
    "قتل خمسة أشخاص في اشتباكات بين قوات الأمن ومسلحين في مدينة جبلة يوم الخميس، وفقا للمرصد السوري."
)


class Encoded(NamedTuple):
    text: str
    encoding: str
    intact: bool  # the bytes are the whole text in ``encoding``, nothing cut or added
    data: bytes


@st.composite
def encoded_texts(draw: st.DrawFn) -> Encoded:
    """A report in one encoding, sometimes cut short, given a byte-order mark or a chunk in another one."""
    text = draw(st.one_of(report_texts, st.just(ARABIC_REPORT), st.integers(0, 50).map(good_report)))
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    mangle = draw(st.sampled_from(("none", "truncate", "mix", "bom")))
    if mangle == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif mangle == "mix":
        data += ARABIC_REPORT.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    elif mangle == "bom":
        data = draw(st.sampled_from((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))) + data
    return Encoded(text, encoding, mangle == "none", data)


hostile_bytes = st.one_of(
    st.binary(max_size=2048),
    encoded_texts().map(lambda sample: sample.data),
    st.binary(max_size=256).map(lambda noise: noise + b"\x00" * 64 + noise),
)


# --- HTML ----------------------------------------------------------------------------------------------

ENTITIES = ("&amp;", "&#0;", "&#xD800;", "&#1114112;", "&bogus;", "<!--", "<![CDATA[")
TAGS = (
    "div",
    "p",
    "span",
    "article",
    "section",
    "table",
    "td",
    "li",
    "script",
    "style",
    "b",
    "a",
    "h1",
    "br",
)


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    """Markup built from random tags around report text: unbalanced, nested, truncated, with entities."""
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(st.sampled_from(TAGS))
        attributes = draw(st.sampled_from(("", ' class="story"', " onload=alert(1)", ' href="javascript:x"')))
        parts.append(f"<{tag}{attributes}>")
        parts.append(draw(st.one_of(sentences, st.sampled_from(ENTITIES))))
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    depth = draw(st.integers(0, 300))
    page = "<html><head><title>News</title></head><body>" + "<div>" * depth + "".join(parts)
    page += "</div>" * draw(st.integers(0, depth))
    page += draw(st.sampled_from(("</body></html>", "", "<scr", "<!--")))
    if draw(st.booleans()):
        page = page[: draw(st.integers(0, len(page)))]
    return page


def nested_html(depth: int, body: str) -> str:
    return "<html><body>" + "<div>" * depth + f"<p>{body}</p>" + "</div>" * depth + "</body></html>"


# --- JSON Lines ----------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(TRAP_PHRASES),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
DATES = (
    "2025-03-07", "2025-03-07T09:30:00+02:00", "31 February 2025", "2025-02-31", "0000-01-01", "9999-99-99",
    "0001-01-01", "9999-12-31", "yesterday", "", " ", "2025-13-01", "20250307", "2025-03-07Z",
)  # fmt: skip
FIELDS = ("id", "text", "html", "published", "title", "url", "source")


@st.composite
def jsonl_records(draw: st.DrawFn) -> dict[str, Any]:
    """A JSON object whose fields may each be right, missing, or of the wrong type."""
    record: dict[str, Any] = {}
    for field in FIELDS:
        choice = draw(st.sampled_from(("missing", "good", "wrong")))
        if choice == "wrong":
            record[field] = draw(json_values)
        elif choice == "good":
            record[field] = draw(_good_field(field))
    return record


def _good_field(field: str) -> st.SearchStrategy[Any]:
    if field in ("text", "html"):
        return report_texts if field == "text" else html_documents()
    if field == "published":
        return st.sampled_from(DATES)
    if field == "id":
        return st.integers(0, 10**6) | st.text(min_size=1, max_size=20)
    if field == "url":
        return st.sampled_from(("https://news.example/a", "http://[::1", "news.example/b?utm_source=x", "::"))
    return st.text(max_size=40)


def jsonl_line(record: Any) -> bytes:
    return json.dumps(record, ensure_ascii=False, allow_nan=True).encode("utf-8", errors="surrogatepass")


# --- WARC archives -------------------------------------------------------------------------------------

CONTENT_TYPES = ("text/html", "text/plain", "application/xhtml+xml", "image/png", "", "text/html; charset=x")
CONTENT_ENCODINGS = ("", "gzip", "deflate", "br", "compress", "identity")


@st.composite
def warc_archives(draw: st.DrawFn) -> bytes:
    """A WARC of a few response records with random statuses, types, encodings and payloads, maybe cut."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=draw(st.booleans()))
    for number in range(draw(st.integers(1, 4))):
        payload = draw(st.one_of(encoded_texts().map(lambda sample: sample.data), st.binary(max_size=300)))
        encoding = draw(st.sampled_from(CONTENT_ENCODINGS))
        if encoding == "gzip" and draw(st.booleans()):
            payload = gzip.compress(payload)
        elif encoding == "deflate" and draw(st.booleans()):
            payload = zlib.compress(payload)
        headers = [("Content-Type", draw(st.sampled_from(CONTENT_TYPES)))]
        if encoding:
            headers.append(("Content-Encoding", encoding))
        status = draw(st.sampled_from(("200 OK", "404 Not Found", "301 Moved", "999 Odd", "2")))
        writer.write_record(
            writer.create_warc_record(
                draw(st.sampled_from((f"https://news.example/{number}", "http://[::1", ""))),
                "response",
                payload=io.BytesIO(payload),
                http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
            )
        )
    data = out.getvalue()
    if draw(st.booleans()):  # by a share: each record's id and date make the length vary from run to run
        data = data[: len(data) * draw(st.integers(0, 999)) // 1000]
    return data


def warc_response(url: str, payload: bytes, headers: tuple[tuple[str, str], ...] = ()) -> bytes:
    """One uncompressed WARC response record of an HTML page, with extra HTTP headers."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http)
    )
    return out.getvalue()


def gzip_bomb(megabytes: int) -> bytes:
    """Gzip of ``megabytes`` MB of zeros (about 1,000 times smaller), compressed a megabyte at a time."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    return b"".join([*(compressor.compress(zeros) for _ in range(megabytes)), compressor.flush()])


# --- feeds ---------------------------------------------------------------------------------------------

FEED_DATES = (
    *("Fri, 07 Mar 2025 09:30:00 +0000", "Mon, 31 Feb 2025 00:00:00 GMT", "Sat, 01 Jan 0000 00:00:00"),
    *("9999-99-99T99:99:99Z", "2025-03-07T09:30:00Z", "Thu, 01 Jan 10000 00:00:00 GMT"),
    *("0000-00-00", "yesterday", ""),
)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed_documents(draw: st.DrawFn) -> bytes:
    """An RSS or Atom document with random entries, dates and bodies; sometimes cut short or with entities."""
    atom = draw(st.booleans())
    entries = []
    for number in range(draw(st.integers(0, 4))):
        title = _escaped(draw(sentences))
        body = _escaped(draw(st.one_of(report_texts, html_documents(), st.just(""))))
        published = draw(st.sampled_from(FEED_DATES))
        link = draw(st.sampled_from((f"https://news.example/{number}", "http://[::1", "", "javascript:x")))
        if atom:
            entries.append(
                f'<entry><id>{number}</id><title>{title}</title><link href="{link}"/>'
                f'<updated>{published}</updated><content type="html">{body}</content></entry>'
            )
        else:
            entries.append(
                f"<item><title>{title}</title><link>{link}</link><pubDate>{published}</pubDate>"
                f"<description>{body}</description></item>"
            )
    if atom:
        document = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{"".join(entries)}</feed>'
    else:
        document = f'<rss version="2.0"><channel><title>Wire</title>{"".join(entries)}</channel></rss>'
    prologue = draw(st.sampled_from(("", '<?xml version="1.0" encoding="utf-8"?>', ENTITY_BOMB)))
    encoding = draw(st.sampled_from(("utf-8", "utf-16", "cp1256")))
    data = (prologue + document).encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


# "Billion laughs": nested XML entities that expand to gigabytes if a parser resolves them.
ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a0 "lol">'
    + "".join(f'<!ENTITY a{level} "{f"&a{level - 1};" * 10}">' for level in range(1, 10))
    + "]>"
)


# --- hand-made hostile files ---------------------------------------------------------------------------


ARTICLE, ERROR = "article", "error"


def hostile_files(folder: Path) -> dict[str, tuple[str, ...]]:
    """Write the expensive traps into ``folder``: file name -> what reading it gives, in order (an article
    for each page a reader must keep; an error for each part it must refuse)."""
    folder.mkdir(parents=True, exist_ok=True)
    report = good_report(1)
    gzip_encoded = (("Content-Encoding", "gzip"),)
    files: dict[str, tuple[bytes, tuple[str, ...]]] = {
        "bom-utf8.txt": (codecs.BOM_UTF8 + report.encode(), (ARTICLE,)),
        "utf16-bom.txt": (report.encode("utf-16"), (ARTICLE,)),
        "utf16le-no-bom.txt": (good_report(2).encode("utf-16-le"), (ARTICLE,)),
        "utf16be-no-bom.txt": (good_report(3).encode("utf-16-be"), (ARTICLE,)),
        "utf32.txt": (good_report(4).encode("utf-32"), (ARTICLE,)),
        "arabic-1256.txt": (ARABIC_REPORT.encode("cp1256"), (ARTICLE,)),
        "nested-100k.html": (nested_html(100_000, good_report(5)).encode(), (ARTICLE,)),
        "nul.txt": (report.encode().replace(b" ", b"\x00", 3), (ERROR,)),
        "only-bom.txt": (codecs.BOM_UTF8, (ERROR,)),
        "mixed-encodings.txt": ("Ţarţūs ".encode() * 20 + ARABIC_REPORT.encode("cp1256"), (ERROR,)),
        "one-line-50mb.txt": (b"Clashes continued. " * (50_000_000 // 19 + 1), (ERROR,)),
        "gzip-bomb.txt": (gzip_bomb(50), (ERROR,)),
        "bomb.rss": (gzip_bomb(50), (ERROR,)),
        "bomb.warc": (warc_response("https://news.example/bomb", gzip_bomb(50), gzip_encoded), (ERROR,)),
        "bomb-member.warc.gz": (
            gzip.compress(warc_response("https://news.example/ok", report.encode())) + gzip_bomb(50),
            (ARTICLE, ERROR),
        ),
        "brotli.warc": (
            warc_response("https://news.example/br", b"\x1b\x00garbage", (("Content-Encoding", "br"),)),
            (ERROR,),
        ),
        "entity-bomb.rss": (
            (
                ENTITY_BOMB + '<rss version="2.0"><channel><item><title>t</title>'
                "<link>https://news.example/e</link><description>&a9;</description></item></channel></rss>"
            ).encode(),
            (ARTICLE,),
        ),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: kinds for name, (_, kinds) in files.items()}


# --- a mutation fuzzer for the bulk --------------------------------------------------------------------

# Byte sequences that derail readers: marks, NULs, invalid UTF-8, markup and JSON openings, WARC and feed
# headers, traps in every encoding.
TRAP_BYTES = (
    codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"\x00" * 8,
    b"\xff\xfe\xfd", b"\xc3", b"\xed\xa0\x80", b"<div>" * 50, b"</p>", b"<!--", b"<![CDATA[", b"&#xD800;",
    b"\r\n\r\n", b'{"text": 5}', b'{"text": "', b"\n{", b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n",
    b"<rss><item>", b"\x1f\x8b\x08", b"\\ud800",
    *(phrase.encode(code, "replace") for phrase in TRAP_PHRASES for code in ("utf-8", "utf-16-le", "cp1256")),
)  # fmt: skip


def seed_inputs() -> list[bytes]:
    """Valid inputs of every kind a reader takes, for ``mutants`` to damage."""
    page = "".join(f"<p>{line}</p>" for line in good_report(7).splitlines())
    item = f"<item><title>Clashes</title><link>https://news.example/1</link><description>{good_report(8)}"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{item}</description></item></channel></rss>'
    return [
        good_report(0).encode(),
        good_report(1).encode("utf-16"),
        ARABIC_REPORT.encode("cp1256"),
        f"<html><head><title>Clashes</title></head><body><article>{page}</article></body></html>".encode(),
        b"\n".join(jsonl_line({"text": good_report(n), "published": "2025-03-07"}) for n in range(3)),
        warc_response("https://news.example/warc", good_report(9).encode()),
        gzip.compress(warc_response("https://news.example/gz", good_report(10).encode())),
        feed.encode(),
    ]


def mutants(seeds: Sequence[bytes], count: int, seed: int) -> Iterator[bytes]:
    """``count`` inputs, each a seed input damaged by one to four random mutations; ``seed`` replays them."""
    rng = random.Random(seed)
    for _ in range(count):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 4)):
            _mutate(data, rng, seeds)
        yield bytes(data)


def _mutate(data: bytearray, rng: random.Random, seeds: Sequence[bytes]) -> None:
    at = rng.randint(0, len(data))
    kind = rng.randrange(6)
    if kind == 0 and data:  # flip bits
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == 1:  # insert a trap
        data[at:at] = rng.choice(TRAP_BYTES)
    elif kind == 2:  # cut the rest, or a slice
        del data[at : rng.choice((len(data), at + rng.randint(1, 64)))]
    elif kind == 3:  # splice in a piece of another input
        other = rng.choice(seeds)
        start = rng.randint(0, len(other))
        data[at:at] = other[start : start + rng.randint(1, 256)]
    elif kind == 4:  # random bytes
        data[at:at] = rng.randbytes(rng.randint(1, 32))
    else:  # repeat a slice
        data[at:at] = data[at : at + rng.randint(1, 16)] * rng.randint(2, 50)
