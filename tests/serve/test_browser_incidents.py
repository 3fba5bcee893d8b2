"""The dashboard's incident layer in Debian's chromium: incidents on the map by default, an incident's panel
listing every report, each report opening its event's evidence view, and the event layer a click away."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from sitrep.store import Store
from tests.serve.support import fill, save_follow_up
from tests.serve.test_browser import (  # the browser and page fixtures, and how the browser tests drive it
    Watch,
    _click_marker,
    _open,
    _shot,
    browser,  # noqa: F401
    page,  # noqa: F401
    serving,
    sync_api,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hand-made articles and a second report of the coast clash: one incident of two reports."""
    with Store.open(tmp_path_factory.mktemp("incidents") / "sitrep.db") as store:
        fill(store)
        save_follow_up(store)
        with serving(store) as served:
            yield served


def _clash_incident(url: str) -> str:
    import httpx

    found = httpx.get(f"{url}/api/incidents", params={"sub_event_type": "Armed clash"}).json()
    return found["incidents"][0]["incident_id"]


def test_the_map_shows_incidents_and_toggles_to_events(url: str, page: tuple[Page, Watch]) -> None:  # noqa: F811
    browser_page, watch = page
    _open(browser_page, url)
    expect = sync_api.expect
    expect(browser_page.locator('#layer-toggle [data-layer="incidents"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(browser_page.locator("#totals")).to_contain_text("incidents on the map")
    browser_page.locator('#layer-toggle [data-layer="events"]').click()
    expect(browser_page).to_have_url(re.compile(r"layer=events"))
    expect(browser_page.locator("#totals")).to_contain_text("events on the map")
    _click_marker(browser_page, "north-1")
    expect(browser_page.locator("#panel-title")).to_have_text("Shelling/artillery/missile attack")
    assert watch.problems == []


def test_an_incident_lists_every_report_with_a_link_to_its_evidence(
    url: str,
    page: tuple[Page, Watch],  # noqa: F811
) -> None:
    browser_page, watch = page
    incident = _clash_incident(url)
    _open(browser_page, f"{url}/?admin1=Tartus")
    marker = browser_page.locator(f'.event-marker[data-incident-id="{incident}"]')
    for _ in range(8):  # open the clusters in the way, as the event browser tests do
        if marker.count() and marker.is_visible():
            break
        browser_page.locator(".cluster").first.click()
        browser_page.wait_for_timeout(700)
    expect = sync_api.expect
    expect(marker).to_have_text("2")  # two reports
    marker.click()
    expect(browser_page.locator("#incident-kicker")).to_contain_text("2 reports")
    reports = browser_page.locator("#incident-reports > li")
    expect(reports).to_have_count(2)
    expect(reports.first).to_contain_text("Fighting on the coast")
    expect(browser_page.locator("#incident-claims li.superseded")).to_contain_text("23")
    expect(browser_page.locator("#incident-toll li")).to_have_count(2)
    expect(browser_page.locator("#incident-fields")).to_contain_text("revised")
    assert f"incident={incident}" in browser_page.url
    _shot(browser_page, "incident-panel.png")
    reports.nth(1).locator("a[data-event-id]").click()
    expect(browser_page.locator("#panel-title")).to_have_text("Armed clash")
    expect(browser_page.locator("#incident-panel")).to_be_hidden()
    expect(browser_page.locator("#article-text")).to_contain_text("rose to 31")
    browser_page.locator('#fields [data-field="location"] button').click()
    expect(browser_page.locator("#article-text mark.active")).to_have_text("Baniyas")
    browser_page.locator("#panel-close").click()
    expect(browser_page.locator("#incident-panel")).to_be_visible()
    browser_page.go_back()
    expect(browser_page.locator("#panel-title")).to_have_text("Armed clash")
    assert watch.problems == []
