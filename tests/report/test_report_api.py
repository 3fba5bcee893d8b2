"""``GET /api/report``: the report for the dashboard's filters, under the server's security policy."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.serve import create_app
from sitrep.store import Store
from tests.report.support import article, articles


@pytest.fixture(scope="module")
def client(handmade_db: Path) -> Iterator[TestClient]:
    with Store.open(handmade_db, create=False) as store:
        yield TestClient(create_app(store))


def test_the_html_report_is_a_page_that_obeys_the_content_security_policy(client: TestClient) -> None:
    response = client.get("/api/report", params={"date_from": "2025-03-01", "date_to": "2025-03-31"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    policy = response.headers["content-security-policy"]
    assert "style-src 'self'" in policy and "img-src 'self' data:" in policy
    page = response.text
    assert "<style" not in page and "<script" not in page and " style=" not in page
    assert '<link rel="stylesheet" href="/api/report.css">' in page
    assert page.count('<img src="data:image/png;base64,') == 2
    assert "7 incidents were recorded" not in page and "6 incidents were recorded" in page
    stylesheet = client.get("/api/report.css")
    assert stylesheet.status_code == 200 and stylesheet.headers["content-type"].startswith("text/css")


def test_other_formats_download_with_the_same_filters(client: TestClient) -> None:
    query = {"date_from": "2025-03-01", "date_to": "2025-03-31", "country": "Syria"}
    page = client.get("/api/report", params=query).text
    assert (
        'href="/api/report?date_from=2025-03-01&amp;date_to=2025-03-31&amp;country=Syria&amp;format=pdf"'
        in page
    )
    pdf = client.get("/api/report", params={**query, "format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert (
        pdf.headers["content-disposition"] == 'attachment; filename="sitrep-report-2025-03-01-2025-03-31.pdf"'
    )
    markdown = client.get("/api/report", params={**query, "format": "md"})
    assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert markdown.text.startswith("# Situation report: Syria")


def test_further_filters_narrow_the_report_and_are_named_in_it(client: TestClient) -> None:
    response = client.get(
        "/api/report",
        params={"date_from": "2025-03-01", "date_to": "2025-03-31", "event_type": "Battles", "format": "md"},
    )
    assert "*Filter: event type: Battles*" in response.text
    assert "2 incidents were recorded" in response.text


def test_without_dates_the_period_spans_the_matching_incidents(client: TestClient) -> None:
    markdown = client.get("/api/report", params={"country": "Lebanon", "format": "md"}).text
    assert "*20 March 2025 – 20 March 2025 (1 day)" in markdown


def test_an_empty_selection_is_a_short_report(client: TestClient) -> None:
    response = client.get("/api/report", params={"date_from": "2030-01-01", "date_to": "2030-01-31"})
    assert response.status_code == 200
    assert "Nothing was recorded from 1 January 2030 to 31 January 2030." in response.text


def test_bad_requests_are_json_errors(client: TestClient) -> None:
    assert client.get("/api/report", params={"format": "docx"}).status_code == 422
    reversed_period = client.get("/api/report", params={"date_from": "2025-03-31", "date_to": "2025-03-01"})
    assert (
        reversed_period.status_code == 422 and "date_from is after date_to" in reversed_period.json()["error"]
    )


def test_markup_in_stored_text_stays_text(tmp_path: Path) -> None:
    hostile = "<script>window.__xss = 1</script>"
    with Store.open(tmp_path / "hostile.db") as store:
        events = articles()[0][1][:1]
        events[0].actor2 = replace(events[0].actor2, name=f"Gunmen {hostile}")
        events[0].sources.append(hostile)
        store.save(article("coast", date(2025, 3, 8), "Outlet <img src=x onerror=alert(1)>"), events)
        client = TestClient(create_app(store))
        page = client.get("/api/report", params={"date_from": "2025-03-01", "date_to": "2025-03-31"}).text
        markdown = client.get(
            "/api/report", params={"date_from": "2025-03-01", "date_to": "2025-03-31", "format": "md"}
        ).text
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page
    assert "<script>" not in markdown and r"\<script\>" in markdown
