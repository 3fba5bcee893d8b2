"""The dashboard in Debian's chromium, driven by Playwright, against a live server on 127.0.0.1.

The database holds the hand-made articles of ``support`` and, when the extraction pipeline imports, the
packaged samples (the founding article among them) ingested for real. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
import uvicorn

from sitrep.errors import InputError
from sitrep.serve import create_app
from sitrep.store import Store
from tests.serve.conftest import pipeline_resources, token
from tests.serve.support import fill

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SAMPLES = Path(__file__).resolve().parents[2] / "sitrep" / "data" / "samples"
TIMEOUT_MS = 15_000


@dataclass
class Server:
    url: str
    analyst_token: str
    samples_ingested: bool


@dataclass
class Watch:
    """What a page did that it must not: console errors (CSP refusals too), uncaught errors, dialogs."""

    problems: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ingest_samples(store: Store) -> bool:
    """The packaged samples through the real pipeline; False while the pipeline cannot be imported."""
    resources = pipeline_resources()
    if resources is None:
        return False
    from sitrep.batch import extract_article
    from sitrep.ingest import read_inputs

    stored = 0
    for item in read_inputs([str(SAMPLES)]):
        assert not isinstance(item, InputError), item
        outcome = extract_article(item, resources)
        assert outcome.article is not None, outcome.error
        stored += store.save(outcome.article, outcome.events)
    return stored > 0


@contextmanager
def serving(store: Store) -> Iterator[str]:
    """The app on ``store``, served on a free local port in a thread; yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Store.open(tmp_path_factory.mktemp("browser") / "sitrep.db") as store:
        fill(store)
        ingested = _ingest_samples(store)
        bearer = token(store, "alice", "analyst")["Authorization"].removeprefix("Bearer ")
        with serving(store) as url:
            yield Server(url, bearer, ingested)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    opened = context.new_page()
    watch = Watch()
    opened.on("console", lambda message: message.type == "error" and watch.problems.append(message.text))
    opened.on("pageerror", lambda error: watch.problems.append(f"uncaught: {error}"))
    opened.on("dialog", lambda dialog: (watch.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield opened, watch
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", state="attached")


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def _click_marker(page: Page, event_id: str) -> None:
    """Click an event's marker, opening the clusters in its way (each click zooms in or spiderfies)."""
    marker = page.locator(f'.event-marker[data-event-id="{event_id}"]')
    for _ in range(8):
        if marker.count() and marker.is_visible():
            marker.click()
            return
        page.locator(".cluster").first.click()
        page.wait_for_timeout(700)
    raise AssertionError(f"no marker for {event_id} after opening the clusters")


def test_the_dashboard_shows_map_timeline_and_table(server: Server, page: tuple[Page, Watch]) -> None:
    browser_page, watch = page
    _open(browser_page, server.url)
    expect = sync_api.expect
    expect(browser_page.locator("#events tbody tr")).not_to_have_count(0)
    expect(browser_page.locator(".leaflet-overlay-pane path").first).to_be_attached()
    assert browser_page.locator(".event-marker, .cluster").count() > 0
    expect(browser_page.locator("#timeline svg rect[fill]").first).to_be_visible()
    expect(browser_page.locator(".legend")).to_contain_text("Battles")
    _shot(browser_page, "dashboard.png")
    assert watch.problems == []


def test_a_marker_opens_the_event_with_its_evidence_highlighted(
    server: Server, page: tuple[Page, Watch]
) -> None:
    browser_page, watch = page
    _open(browser_page, f"{server.url}/?admin1=Aleppo&layer=events")  # the map shows incidents by default
    _click_marker(browser_page, "north-1")
    expect = sync_api.expect
    expect(browser_page.locator("#panel-title")).to_have_text("Shelling/artillery/missile attack")
    assert "event=north-1" in browser_page.url
    browser_page.locator('#fields [data-field="fatalities"] button').click()
    active = browser_page.locator("#article-text mark.active")
    expect(active).to_have_text("killing seven civilians")
    expect(active).to_be_in_viewport()
    browser_page.locator('#fields [data-field="event_type"] button').click()
    expect(active).to_have_text("Artillery shelling")  # offsets count code points: the emoji before it is one
    _shot(browser_page, "event-evidence.png")
    assert watch.problems == []


def test_an_analyst_corrects_a_field_and_sees_it_in_the_history(
    server: Server, page: tuple[Page, Watch]
) -> None:
    browser_page, watch = page
    _open(browser_page, f"{server.url}/?event=coast-3")
    expect = sync_api.expect
    expect(browser_page.locator("#review")).to_contain_text("Sign in")
    browser_page.locator("#token-button").click()
    browser_page.locator("#token-form input[name=token]").fill("sitrep_0_wrong")
    browser_page.locator("#token-form button[type=submit]").click()
    expect(browser_page.locator("#token-error")).to_contain_text("not valid")
    browser_page.locator("#token-form input[name=token]").fill(server.analyst_token)
    browser_page.locator("#token-form button[type=submit]").click()
    expect(browser_page.locator("#who")).to_have_text("alice · analyst")
    browser_page.locator("#review-open").click()
    browser_page.locator("#review-form input[name=admin1]").fill("Latakia")
    browser_page.locator("#review-form button[type=submit]").click()
    history = browser_page.locator("#history li")
    expect(history.filter(has_text="Admin1")).to_contain_text(re.compile(r"Tartus\s*→\s*Latakia"))
    expect(history.filter(has_text="Review status")).to_contain_text("corrected")
    expect(history.first).to_contain_text("alice")
    expect(browser_page.locator('#fields [data-field="admin1"]')).to_contain_text("Latakia")
    row = browser_page.locator('#events tbody tr[data-event-id="coast-3"]')
    expect(row).to_contain_text("Latakia")
    _shot(browser_page, "correction-history.png")
    assert len(watch.problems) == 1 and "403" in watch.problems[0]  # the wrong token, refused


def test_an_article_full_of_markup_renders_as_text(server: Server, page: tuple[Page, Watch]) -> None:
    browser_page, watch = page
    _open(browser_page, f"{server.url}/?event=xss-1")
    expect = sync_api.expect
    text = browser_page.locator("#article-text")
    expect(text).to_contain_text("<script>window.__xss = 'script'</script>")
    expect(text).to_contain_text("<a href=\"javascript:window.__xss='link'\">")
    expect(browser_page.locator("#article-meta")).to_contain_text("<img src=x onerror=")
    for area in ("#article-text", "#article-meta", "#fields", "#events", "#map"):
        assert browser_page.locator(f"{area} script, {area} img:not(.leaflet-tile)").count() == 0, area
    assert browser_page.locator("#article-meta a").count() == 0  # the javascript: URL is not a link
    browser_page.locator("#article-text mark").first.click()
    assert browser_page.evaluate("window.__xss") is None
    _shot(browser_page, "xss-inert.png")
    assert watch.problems == []


def test_the_filters_are_a_link_one_can_send(server: Server, page: tuple[Page, Watch]) -> None:
    browser_page, watch = page
    _open(browser_page, server.url)
    browser_page.locator("select[name=event_type]").select_option("Strategic developments")
    expect = sync_api.expect
    expect(browser_page.locator("#events tbody tr").first).to_contain_text("Strategic developments")
    browser_page.locator("th button", has_text="Deaths").click()
    expect(browser_page).to_have_url(re.compile(r"event_type=Strategic\+developments.*sort=fatalities"))
    shared = browser_page.url
    _open(browser_page, shared)
    expect(browser_page.locator("select[name=event_type]")).to_have_value("Strategic developments")
    rows = browser_page.locator("#events tbody tr")
    assert all("Strategic developments" in row for row in rows.all_inner_texts())
    assert watch.problems == []


def test_the_samples_ingested_for_real_show_on_the_map_with_evidence(
    server: Server, page: tuple[Page, Watch]
) -> None:
    if not server.samples_ingested:
        pytest.skip("the extraction pipeline is not importable yet: only hand-made events are served")
    browser_page, watch = page
    found = httpx.get(f"{server.url}/api/events", params={"q": "Jableh", "format": "geojson"}).json()
    located = [feature["id"] for feature in found["features"] if feature["geometry"]]
    assert located, "no event of the founding article was placed on the map"
    _open(browser_page, f"{server.url}/?q=Jableh&layer=events")
    _click_marker(browser_page, located[0])
    sync_api.expect(browser_page.locator("#panel-title")).not_to_be_empty()
    sync_api.expect(browser_page.locator("#article-text")).to_contain_text("Jableh")
    sync_api.expect(browser_page.locator("#article-text mark").first).to_be_visible()
    _shot(browser_page, "founding-article.png")
    assert watch.problems == []


def test_the_api_docs_list_the_endpoints_offline(server: Server, page: tuple[Page, Watch]) -> None:
    browser_page, watch = page
    browser_page.goto(f"{server.url}/docs")
    expect = sync_api.expect
    for path in ("/api/events", "/api/events/{event_id}/history", "/api/stats", "/api/articles"):
        expect(browser_page.locator(".opblock-summary-path", has_text=path).first).to_be_visible()
    _shot(browser_page, "api-docs.png")
    assert watch.problems == []
