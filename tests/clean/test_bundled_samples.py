"""The demo inputs shipped in sitrep/data/samples read and clean without a single error."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

from sitrep.clean import PARAGRAPH_BREAK, clean
from sitrep.ingest import read_inputs
from sitrep.model import Article

SAMPLES = Path(str(resources.files("sitrep").joinpath("data", "samples")))


def cleaned_samples() -> dict[str, Article]:
    items = list(read_inputs([str(SAMPLES)]))
    assert all(isinstance(item, Article) for item in items), items
    return {Path(item.origin).name: clean(item) for item in items}


def test_every_sample_is_read_and_cleaned() -> None:
    names = sorted(cleaned_samples())
    assert names == [
        *(f"fakes-sample.jsonl:{line}" for line in range(1, 6)),
        "jableh-2025-03.txt",
        "raqa-2017-10.html",
    ]


def test_fakes_sample_keeps_the_dataset_ids_titles_and_printed_dates() -> None:
    records = [json.loads(line) for line in (SAMPLES / "fakes-sample.jsonl").read_text().splitlines()]
    articles = [article for name, article in sorted(cleaned_samples().items()) if name.startswith("fakes")]
    assert [article.id for article in articles] == [record["id"] for record in records]
    assert [article.published for article in articles] == [
        date.fromisoformat(r["published"]) for r in records
    ]
    assert len({record["fakes_location"] for record in records}) == 5
    assert all(article.text and article.title and article.source for article in articles)


def test_the_html_sample_loses_its_page_furniture() -> None:
    page = cleaned_samples()["raqa-2017-10.html"]
    paragraphs = page.text.split(PARAGRAPH_BREAK)
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("A US-led coalition air strike killed at least 18 civilians on Tuesday")
    assert paragraphs[1].endswith("Observatory director Rami Abdel Rahman said.")
    assert (page.title, page.source, page.published) == (
        "US-led strike kills 18 civilians in Syrias Raqa Monitor",
        "Ahram Online",
        date(2017, 10, 3),
    )
