"""The report as Markdown, HTML and PDF; the PDF's pages rendered to PNG (poppler's pdftoppm) and read.

Pages go to test-artifacts/ so a person can look at them too.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sitrep.report import Report, Scope, build_report, render
from sitrep.report.charts import LAND, SEA
from sitrep.serve.meta_api import EVENT_COLOURS
from sitrep.store import Store

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DEMO_PERIOD = (date(2014, 1, 1), date(2014, 12, 31))
DPI = 100


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} (Debian's poppler-utils) is not installed")
    return found


def report_of(db: Path, scope: Scope) -> Report:
    with Store.open(db, create=False) as store, store.engine.connect() as conn:
        return build_report(conn, scope, store.where)


@pytest.fixture(scope="module")
def demo_report(demo_db: Path) -> Report:
    return report_of(demo_db, Scope(*DEMO_PERIOD))


@pytest.fixture(scope="module")
def demo_pdf(demo_report: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render(demo_report, "pdf").content)
    return path


def pages_of(pdf: Path, name: str) -> list[np.ndarray]:
    """The PDF's pages as RGB arrays, also saved as test-artifacts/<name>-<n>.png."""
    prefix = pdf.with_suffix("")
    subprocess.run([poppler("pdftoppm"), "-r", str(DPI), "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(pdf.parent.glob(f"{prefix.name}-*.png"))
    ARTIFACTS.mkdir(exist_ok=True)
    for number, page in enumerate(pages, start=1):
        shutil.copy(page, ARTIFACTS / f"{name}-{number}.png")
    return [np.asarray(Image.open(page).convert("RGB")) for page in pages]


def text_of(pdf: Path) -> list[str]:
    """Each page's text, white space collapsed."""
    text = subprocess.run(
        [poppler("pdftotext"), str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def share_of(page: np.ndarray, colour: str) -> float:
    """The share of a page's pixels painted exactly ``colour`` (#rrggbb)."""
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return float(np.all(page == rgb, axis=-1).mean())


def test_the_demo_report_builds_in_every_format(demo_report: Report, demo_pdf: Path) -> None:
    assert not demo_report.empty
    markdown = render(demo_report, "md").content.decode()
    for heading in ("Headline figures", "Map of incidents", "Weekly trend", "Top incidents by fatalities"):
        assert f"## {heading}" in markdown
    assert "## Sources" in markdown and "## Methods and uncertainty" in markdown
    html = render(demo_report, "html").content.decode()
    images = dict(re.findall(r'<figure class="(\w+)"><img src="data:image/png;base64,([^"]+)"', html))
    assert set(images) == {"map", "trend"}
    for encoded in images.values():
        assert base64.b64decode(encoded).startswith(b"\x89PNG")
    assert "<style>" in html and 'table class="incidents"' in html
    assert demo_pdf.read_bytes().startswith(b"%PDF-")


def test_the_pdf_pages_show_the_map_the_chart_and_the_incident_table(
    demo_report: Report, demo_pdf: Path
) -> None:
    pages = pages_of(demo_pdf, "report-demo")
    texts = text_of(demo_pdf)
    assert len(pages) == len(texts) >= 2
    # The map: land and sea fill a good part of a page, in the map's own colours.
    assert any(share_of(page, LAND) > 0.03 and share_of(page, SEA) > 0.002 for page in pages)
    # The chart: opaque bars in the colours of the period's event types (map markers are translucent).
    types = {row.event_type for row in demo_report.incidents}
    chart_page = next(n for n, text in enumerate(texts) if "WEEKLY TREND" in text)
    for event_type in types:
        assert share_of(pages[chart_page], EVENT_COLOURS[event_type]) > 0.0002, event_type
    # The table: its header and a row per top incident, with date and toll.
    table_text = " ".join(texts[chart_page:])
    assert "TOP INCIDENTS BY FATALITIES" in table_text
    assert all(f" {header} " in table_text for header in ("DATE", "TYPE", "FATALITIES", "SUMMARY"))
    for position, row in enumerate(demo_report.top(), start=1):
        day = f"{row.event_date.day} {row.event_date:%b %Y}"
        assert re.search(rf"\b{position} ~?{day}\b", table_text), (position, day)
        if row.fatalities is not None:
            assert f"{row.fatalities:,}" in table_text


def test_an_empty_region_gives_a_short_report_in_every_format(handmade_db: Path, tmp_path: Path) -> None:
    report = report_of(handmade_db, Scope(date(2025, 3, 1), date(2025, 3, 31), country="Narnia"))
    assert report.empty
    said = "Nothing was recorded in Narnia from 1 March 2025 to 31 March 2025."
    markdown = render(report, "md").content.decode()
    assert said in markdown and "## Top incidents" not in markdown and "![" not in markdown
    assert said in render(report, "html").content.decode()
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(render(report, "pdf").content)
    texts = text_of(pdf)
    assert len(texts) == 1 and said in texts[0]


def test_an_empty_period_says_what_the_region_holds(handmade_db: Path) -> None:
    report = report_of(handmade_db, Scope(date(2025, 4, 1), date(2025, 4, 30), country="Syria"))
    markdown = render(report, "md").content.decode()
    assert "Nothing was recorded in Syria from 1 April 2025 to 30 April 2025." in markdown
    assert "In the 30 days before, 5 incidents were recorded." in markdown
    assert "The database holds incidents in Syria dated from 15 February 2025 to 28 March 2025." in markdown
