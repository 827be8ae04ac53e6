"""The built site in a real browser: Debian's Chromium driven by Playwright, served from 127.0.0.1.

Never run ``playwright install``: the tests use /usr/bin/chromium (or $CHROMIUM). Without it
they skip, except in CI (CI=true), where they fail. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() in ("true", "1")
ARTIFACTS = ROOT / "test-artifacts"
BROWSER_DIR = ROOT / "tests" / "browser"
AXE = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1280, "phone": 390}
BLOCKING = ("serious", "critical")


def require(condition: bool, reason: str) -> None:
    """Skip when a browser tool is missing locally; in CI a missing tool is a failure."""
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (CI=true: the browser tests must run)")
        pytest.skip(reason)


class PagesHandler(SimpleHTTPRequestHandler):
    """Serve the site under its site_url path, and 404.html for what is missing, as GitHub Pages does."""

    base = "/"

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.base):
            return str(Path(self.directory) / "missing")
        return super().translate_path("/" + path[len(self.base):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(site: Path):
    """Serve a built site on a free port of 127.0.0.1 in a background thread; yield its URL."""
    from browser.sitebuild import site_settings

    base = urlsplit(site_settings(site.parent)["site_url"]).path or "/"
    handler = functools.partial(type("Handler", (PagesHandler,), {"base": base}), directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}{base}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.exists(), f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    """The axe-core script, installed from tests/browser/package-lock.json when missing."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        require(npm is not None, "npm not found: it installs axe-core (cd tests/browser && npm ci)")
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=BROWSER_DIR,
                                capture_output=True, text=True)
        require(result.returncode == 0 and AXE.is_file(), f"npm ci in tests/browser failed:\n{result.stderr}")
    return AXE.read_text(encoding="utf-8")


@dataclass
class Visit:
    """A page opened in its own browser context, with what went wrong while it loaded."""

    page: object
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser, server):
    """Open site paths; console errors and requests to other hosts are recorded (and blocked)."""
    contexts = []

    def open_page(path: str, width: int = WIDTHS["desktop"], scheme: str = "light") -> Visit:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        result = Visit(page)
        page.on("console", lambda message: message.type == "error" and result.errors.append(message.text))
        page.on("pageerror", lambda error: result.errors.append(str(error)))
        page.route("**/*", functools.partial(only_local, server, result.foreign))
        page.goto(server + path, wait_until="networkidle")
        return result

    yield open_page
    for context in contexts:
        context.close()


def only_local(server: str, foreign: list[str], route) -> None:
    """Let requests to the local server through; record and abort any other."""
    if urlsplit(route.request.url).netloc == urlsplit(server).netloc or route.request.url.startswith("data:"):
        route.continue_()
    else:
        foreign.append(route.request.url)
        route.abort()


@pytest.fixture(scope="module")
def paths(built_site) -> dict[str, str]:
    """One page of each kind: home, an article with a date link, the timeline, an entity."""
    records = json.loads((built_site / "api" / "articles.json").read_text(encoding="utf-8"))
    dated = [r for r in records if r["story_date"]["value"]] or records
    entities = sorted(p.parent.name for p in (built_site / "entities").glob("*/index.html"))
    stories = sorted(p.parent.name for p in (built_site / "stories").glob("*/index.html"))
    assert dated and entities and stories, "the sample site needs articles, entity pages and its story page"
    return {"home": "", "article": f"articles/{dated[0]['slug']}/", "timeline": "timeline/",
            "entity": f"entities/{entities[0]}/", "story": f"stories/{stories[0]}/"}


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("kind", ["home", "article", "timeline", "entity"])
def test_page_loads_cleanly(visit, paths, kind, width):
    opened = visit(paths[kind], WIDTHS[width])
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}.png"), full_page=True)
    assert opened.page.locator("article h1").first.is_visible()
    assert opened.errors == []
    assert opened.foreign == []


def test_date_link_leads_to_its_timeline_entry_and_back(visit, paths, server):
    opened = visit(paths["article"])
    page = opened.page
    link = page.locator("article a[href*='timeline/#']").first
    assert link.count() == 1, "the article has no date linked to the timeline"
    anchor = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/timeline/#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    assert target.count() == 1, f"timeline has no entry #{anchor}"
    assert target.first.is_visible()
    box, viewport = target.first.bounding_box(), page.viewport_size
    assert 0 <= box["y"] < viewport["height"], "the timeline entry is not scrolled into view"
    page.go_back()
    page.wait_for_url(server + paths["article"])
    assert opened.errors == [] and opened.foreign == []


def test_search_finds_peskov(visit):
    opened = visit("")
    page = opened.page
    query = page.locator(".md-search__input")
    query.click()
    query.press_sequentially("Peskov", delay=20)  # Material searches on key events, not on fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15_000)
    assert results.count() > 0
    assert "peskov" in page.locator(".md-search-result").inner_text().lower()
    assert opened.errors == [] and opened.foreign == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "article", "timeline", "entity", "story"])
def test_no_serious_accessibility_violations(visit, paths, axe_source, kind, scheme):
    opened = visit(paths[kind], scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert opened.page.locator("body").get_attribute("data-md-color-scheme") == expected
    if scheme == "dark":
        ARTIFACTS.mkdir(exist_ok=True)
        opened.page.screenshot(path=str(ARTIFACTS / f"{kind}-desktop-dark.png"), full_page=True)
    blocking = blocking_violations(opened.page, axe_source)
    assert not blocking, "\n".join(blocking)


def blocking_violations(page, axe_source: str) -> list[str]:
    """Run axe-core on the page; describe its serious and critical violations."""
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(str(node["target"][0]) for node in v["nodes"][:5])
            for v in violations if v["impact"] in BLOCKING]


def test_missing_page_shows_the_styled_404_page(visit):
    opened = visit("articles/no-such-article/")
    page = opened.page
    assert page.locator("article h1").inner_text().startswith("404")
    assert page.locator("link[rel=stylesheet]").count() > 0
    assert page.evaluate("document.styleSheets.length") >= 3  # Material and the digest styles loaded
    assert [error for error in opened.errors if "404" not in error] == []
    assert opened.foreign == []


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """Serve a site built from an article whose sidecar is full of markup; yield URL and paths."""
    from browser.sitebuild import build_site, write_hostile_seeds

    work = tmp_path_factory.mktemp("hostile_browser")
    site = build_site(work, write_hostile_seeds(work / "seeds"))
    [record] = json.loads((site / "api" / "articles.json").read_text(encoding="utf-8"))
    with serve(site) as url:
        yield url, {"home": "", "article": f"articles/{record['slug']}/", "feed": "feed.xml"}


@pytest.mark.parametrize("kind", ["home", "article", "feed"])
def test_hostile_text_runs_no_script(browser, hostile_server, kind):
    url, paths = hostile_server
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + paths[kind], wait_until="networkidle")
        page.wait_for_timeout(300)
        assert dialogs == []
        assert page.locator("img[src=x], img[onerror]").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_source_card_with_editor_values_is_accessible(browser, hostile_server, axe_source, scheme):
    """Every source card value of the hostile article comes from its sidecar: "from the editor" badges."""
    url, paths = hostile_server
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(url + paths["article"], wait_until="networkidle")
        assert page.locator(".dg-prov-editor").count() > 0
        blocking = blocking_violations(page, axe_source)
        assert not blocking, "\n".join(blocking)
    finally:
        context.close()


@pytest.fixture(scope="module")
def noted_server(tmp_path_factory):
    """Serve the samples with two editor's notes on one article; yield its URL and the article path."""
    from browser.sitebuild import build_site

    work = tmp_path_factory.mktemp("noted_browser")
    seeds = work / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "000_1cec069715201191.yml").write_text(
        "notes:\n  - anchor: satu setengah jam\n    text: Durasi menurut Kremlin.\n"
        "  - anchor: Donald Trump\n    text: Catatan kedua.\n", encoding="utf-8")
    site = build_site(work, seeds)
    records = json.loads((site / "api" / "articles.json").read_text(encoding="utf-8"))
    slug = next(r["slug"] for r in records if r["file"] == "000_1cec069715201191.txt")
    with serve(site) as url:
        yield url, f"articles/{slug}/"


def test_editor_notes_in_an_html_body_become_material_annotations(browser, noted_server):
    url, path = noted_server
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900})
    try:
        page = context.new_page()
        page.goto(url + path, wait_until="networkidle")
        markers = page.locator(".dg-body .annotate .md-annotation")
        assert markers.count() == 2
        markers.first.click()
        page.locator(".md-tooltip--active, .md-annotation .md-tooltip").first.wait_for(state="visible", timeout=5_000)
        assert "Catatan kedua" in page.locator(".md-annotation .md-tooltip").first.inner_text()
    finally:
        context.close()
