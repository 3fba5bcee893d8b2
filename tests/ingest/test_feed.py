"""RSS and Atom feeds read from files: each entry an article with the feed's link, title and date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest import count_inputs, read_inputs
from sitrep.ingest.feed import is_feed, parse_feed
from sitrep.model import Article

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire</title><link>https://news.example/</link>
<item>
  <title>Clashes in Jableh</title><link>https://news.example/jableh?utm_source=rss</link>
  <guid>jableh-1</guid><pubDate>Fri, 07 Mar 2025 09:30:00 +0000</pubDate>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>Security forces clashed with armed men in Jableh.</p>]]></content:encoded>
</item>
<item>
  <title>Curfew in Homs</title><link>https://news.example/homs</link>
  <pubDate>Sat, 08 Mar 2025 07:00:00 GMT</pubDate>
  <description>A curfew was declared in Homs, SANA said.</description>
</item>
<item><title>Photo gallery</title><link>https://news.example/gallery</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Monitor</title>
<entry><id>tag:monitor.example,2025:1</id><title>Shelling in Idlib</title>
  <link href="https://monitor.example/idlib"/><updated>2025-03-06T12:00:00Z</updated>
  <content type="html">&lt;p&gt;Shelling killed four civilians in Idlib, rescuers said.&lt;/p&gt;</content>
</entry></feed>
"""


def test_rss_entries_are_articles_with_link_title_and_date(tmp_path: Path) -> None:
    feed = tmp_path / "wire.xml"  # not a feed suffix: told by content
    feed.write_text(RSS, encoding="utf-8")
    found = list(read_inputs([str(feed)]))
    first, second, third = found
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.origin == f"{feed}#1" and first.url == "https://news.example/jableh?utm_source=rss"
    assert first.title == "Clashes in Jableh" and first.published == date(2025, 3, 7)
    assert "Security forces clashed" in first.raw and first.content_type == "html"  # content over teaser
    assert second.raw == "A curfew was declared in Homs, SANA said." and second.published == date(2025, 3, 8)
    assert isinstance(third, InputError) and third.origin == f"{feed}#3"


def test_atom_entries_and_folder_walks(tmp_path: Path) -> None:
    (tmp_path / "monitor.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    articles = [item for item in read_inputs([str(tmp_path)]) if isinstance(item, Article)]
    assert [a.url for a in articles] == [
        "https://monitor.example/idlib",
        "https://news.example/jableh?utm_source=rss",
        "https://news.example/homs",
    ]
    assert articles[0].published == date(2025, 3, 6)
    assert count_inputs([str(tmp_path)]) is None  # entries are only known by reading


def test_feed_sniffing_and_entry_keys() -> None:
    assert is_feed(b'<?xml version="1.0"?>\n<!-- wire -->\n<rss version="2.0">')
    assert is_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert not is_feed(b"<html><body><p>Clashes in Homs</p></body></html>")
    keys = [entry.key for entry in parse_feed(RSS.encode(), "wire")]
    assert keys == ["jableh-1", "https://news.example/homs", "https://news.example/gallery"]


def test_a_broken_feed_is_one_error(tmp_path: Path) -> None:
    feed = tmp_path / "broken.rss"
    feed.write_bytes(b"\x00\x01 not xml at all")
    [error] = read_inputs([str(feed)])
    assert isinstance(error, InputError) and error.origin == str(feed)
