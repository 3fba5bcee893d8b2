"""The dashboard's Report button, in Debian's chromium: it opens the report of the current filters, and the
report page shows its figures under the server's Content-Security-Policy (a refused style or image would be
a console error)."""

from __future__ import annotations

from typing import TYPE_CHECKING

# The live server, browser and page of the dashboard's browser tests (they skip when chromium is absent).
from tests.serve.test_browser import ARTIFACTS, Server, Watch, browser, page, server, sync_api  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_the_report_button_opens_the_report_of_the_current_filters(
    server: Server,  # noqa: F811
    page: tuple[Page, Watch],  # noqa: F811
) -> None:
    dashboard, watch = page
    dashboard.goto(f"{server.url}/?country=Syria&date_from=2024-01-01")
    dashboard.wait_for_selector("body[data-ready=true]", state="attached")
    button = dashboard.locator("#open-report")
    sync_api.expect(button).to_have_attribute("href", "/api/report?date_from=2024-01-01&country=Syria")
    with dashboard.context.expect_page() as opened:
        button.click()
    report = opened.value
    problems: list[str] = []
    report.on("console", lambda message: message.type == "error" and problems.append(message.text))
    report.wait_for_load_state("load")
    sync_api.expect(report.locator("h1")).to_have_text("Syria")
    sync_api.expect(report.locator("table.incidents tbody tr").first).to_be_visible()
    for figure in ("map", "trend"):
        width = report.locator(f"figure.{figure} img").evaluate("image => image.naturalWidth")
        assert width > 0, figure
    colour = report.locator(".key-figure").first.evaluate("card => getComputedStyle(card).borderTopStyle")
    assert colour == "solid"  # the stylesheet applied: it is served, not inlined
    ARTIFACTS.mkdir(exist_ok=True)
    report.screenshot(path=str(ARTIFACTS / "report-page.png"), full_page=True)
    assert problems == [] and watch.problems == []
