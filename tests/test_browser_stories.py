"""The corpus site (real articles and the samples, no entities.yml) in a real browser: the front
page of stories, a story page, the stories index, a timeline month with story chips and an
automatic entity page load cleanly and pass axe; screenshots go to test-artifacts/stories/.

Uses Debian's Chromium like tests/test_browser.py (skipped locally without it, failing in CI).
"""

from __future__ import annotations

import pytest

from test_browser import ARTIFACTS, WIDTHS, axe_source, blocking_violations, browser, only_local, serve  # noqa: F401

SHOTS = ARTIFACTS / "stories"
KINDS = ("front", "story", "stories", "timeline", "entity")


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory, corpus_with_samples):
    """Serve the corpus site built with mkdocs build --strict; yield its URL."""
    from browser.sitebuild import build_site

    with serve(build_site(tmp_path_factory.mktemp("corpus_browser"), corpus_with_samples)) as url:
        yield url


@pytest.fixture(scope="module")
def corpus_paths(corpus_digest) -> dict[str, str]:
    """One page of each kind: a story of several outlets (the one of the most articles outside the
    samples), the timeline month of its first event, and the automatic person quoted most."""
    samples = {story.id for story in corpus_digest.stories if any(f.startswith("00") for f in story.files)}
    story = max((s for s in corpus_digest.stories if s.id not in samples), key=lambda s: (len(s.files), s.id))
    event = next(e for e in corpus_digest.events if any(source.slug in story.slugs for source in e.sources))
    quoted = max((entity for entity in corpus_digest.knowledge.entities if entity.automatic and entity.type == "person"),
                 key=lambda entity: (len(corpus_digest.statements.get(entity.id, ())), entity.id))
    assert len(story.files) >= 3 and corpus_digest.statements.get(quoted.id)
    return {"front": "", "story": f"stories/{story.id}/", "stories": "stories/",
            "timeline": corpus_digest.timeline_pages.page_of(event.date).removesuffix(".md") + "/",
            "entity": f"entities/{quoted.id}/"}


@pytest.fixture
def open_corpus_page(browser, corpus_server):  # noqa: F811 - the fixture of test_browser
    """Open a page of the corpus site; console errors and requests to other hosts are recorded."""
    contexts = []

    def open_page(path: str, width: int = WIDTHS["desktop"], scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        errors, foreign = [], []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route("**/*", lambda route: only_local(corpus_server, foreign, route))
        page.goto(corpus_server + path, wait_until="networkidle")
        return page, errors, foreign

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("kind", ["front", "story", "entity"])
def test_story_site_pages_load_cleanly_and_are_screenshotted(open_corpus_page, corpus_paths, kind):
    page, errors, foreign = open_corpus_page(corpus_paths[kind])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{kind}.png"), full_page=True)
    page.screenshot(path=str(SHOTS / f"{kind}-top.png"))  # the first screen, as a reader opens it
    assert page.locator("article h1").first.is_visible()
    assert errors == [] and foreign == []


def test_a_story_page_shows_its_articles_timeline_and_comparison(open_corpus_page, corpus_paths):
    page, errors, _ = open_corpus_page(corpus_paths["story"], WIDTHS["phone"])
    page.screenshot(path=str(SHOTS / "story-phone.png"), full_page=True)
    for anchor in ("story-articles", "story-timeline", "story-coverage", "matrix"):
        assert page.locator(f"[id='{anchor}']").count() == 1, anchor
    assert page.locator(".dg-event").count() > 0 and page.locator(".dg-coverage-matrix table").count() == 1
    assert page.locator("article a[href*='articles/']").count() >= 3
    assert errors == []


def test_a_story_chip_on_the_timeline_leads_to_its_story(open_corpus_page, corpus_paths, corpus_server):
    page, errors, _ = open_corpus_page(corpus_paths["timeline"])
    chip = page.locator(".dg-story-chip").first
    target = chip.get_attribute("href")
    chip.click()
    page.wait_for_load_state("networkidle")
    assert "/stories/" in page.url and target.rstrip("/").rsplit("/", 1)[-1] in page.url
    assert page.locator("[id='story-articles']").count() == 1
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_accessibility_violations_on_the_story_site(open_corpus_page, corpus_paths, axe_source,  # noqa: F811
                                                                kind, scheme):
    page, _, _ = open_corpus_page(corpus_paths[kind], scheme=scheme)
    blocking = blocking_violations(page, axe_source)
    assert not blocking, "\n".join(blocking)

