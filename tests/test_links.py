"""urls.py and links.py: the links of HTML blocks carry the URLs MkDocs serves, and every internal
link the generator writes leads to a page it writes and an anchor that page holds."""

from __future__ import annotations

import itertools
import os
import subprocess
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from conftest import SEEDS
from sitelinks import broken_site_links
from generator.core.memo import Memo
from generator.pipeline import Options, errors_of, generate
from generator.render.links import check_links
from generator.render.urls import relative_url

URL_SETTINGS = {"directory-urls": True, "html-urls": False}


def mkdocs_url(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a generated file."""
    return File(path, "/docs", "/site", directory_urls).url if path.endswith(".md") else path


@pytest.mark.parametrize("directory_urls", URL_SETTINGS.values(), ids=URL_SETTINGS.keys())
def test_relative_urls_are_those_mkdocs_writes(sample_pages, directory_urls):
    paths = sorted(path for path in sample_pages if path.endswith(".md"))[::3] + ["index.md", "timeline.json"]
    for page, target in itertools.product([p for p in paths if p.endswith(".md")], paths):
        expected = get_relative_url(mkdocs_url(target, directory_urls), mkdocs_url(page, directory_urls))
        assert relative_url(page, target, directory_urls) == expected, (page, target)
        assert relative_url(page, f"{target}#p1", directory_urls) == (
            "#p1" if page == target else f"{expected}#p1")


@pytest.mark.parametrize("target", ["javascript:alert(1)", "//evil.example/x", "a.md\" onclick=\"x", "a b.md"],
                         ids=["javascript", "protocol-relative", "quote", "space"])
def test_an_html_link_only_points_at_a_generated_file(target):
    with pytest.raises(ValueError, match="unsafe link target"):
        relative_url("articles/a.md", target)


@pytest.mark.parametrize("directory_urls", URL_SETTINGS.values(), ids=URL_SETTINGS.keys())
def test_the_sample_pages_have_no_broken_link(directory_urls):
    digest, pages = generate(Options(SEEDS, directory_urls=directory_urls))
    assert check_links(pages, directory_urls) == [] and errors_of(digest) == []


BREAKS = {
    "html-page": ('href="../../entities/putin/"', 'href="../../entities/nobody/"',
                  "broken link to ../../entities/nobody/: no generated page is there"),
    "html-anchor": ('href="../../timeline/#2025-02-12"', 'href="../../timeline/#2099-01-01"',
                    "broken link to ../../timeline/#2099-01-01: timeline.md has no anchor #2099-01-01"),
    "markdown-page": ("](../timeline.md)", "](../timeline-old.md)",
                      "broken link to ../timeline-old.md: no generated page is there"),
}


@pytest.mark.parametrize("old, new, message", BREAKS.values(), ids=BREAKS.keys())
def test_a_broken_link_is_an_error_naming_page_and_target(sample_pages, old, new, message):
    page = "articles/kremlin-pada-rabu-mengumumkan-bahwa-presiden-rusia-vladimir-putin-telah.md"
    if old.startswith("]("):  # the entity pages link months and the timeline in Markdown: add one
        old, new = "\n## ", f"\n[x]({new[2:-1]})\n\n## "
    assert old in sample_pages[page]
    pages = [(path, text.replace(old, new, 1) if path == page else text) for path, text in sample_pages.items()]
    problems = check_links(pages)
    assert [(d.file, d.message, d.severity) for d in problems] == [(page, message, "error")]


def test_a_rebuild_checks_again_the_pages_that_link_to_a_page_that_lost_an_anchor(sample_pages):
    memo, pages = Memo(), list(sample_pages.items())
    assert check_links(pages, True, memo) == []
    edited = [(path, text.replace('id="2025-02-12"', 'id="2025-02-12-old"') if path == "timeline.md" else text)
              for path, text in pages]
    problems = check_links(edited, True, memo)
    assert problems and all(d.message.endswith("timeline.md has no anchor #2025-02-12") for d in problems)
    assert {d.file for d in problems} >= {path for path, text in pages
                                          if path.startswith("articles/") and "timeline/#2025-02-12" in text}
    assert check_links(pages, True, memo) == []


def test_a_rebuild_finds_the_links_to_a_page_that_is_gone_and_to_one_that_came(sample_pages):
    """Where links lead is remembered per page text; the pages they find are looked up again."""
    memo, pages = Memo(), list(sample_pages.items())
    assert check_links(pages, True, memo) == []
    gone = "entities/putin.md"
    without = [(path, text) for path, text in pages if path != gone]
    problems = check_links(without, True, memo)
    assert problems and all(d.message.endswith("no generated page is there") for d in problems)
    assert {d.file for d in problems} >= {path for path, text in pages if path.startswith("articles/")
                                          and ('href="../../entities/putin/"' in text or "](../entities/putin.md)" in text)}
    assert check_links(pages, True, memo) == []  # back again: nothing broken


def test_a_page_that_writes_a_broken_link_fails_the_build_naming_it(monkeypatch):
    import generator.render.site as site

    monkeypatch.setattr(site, "relative_url", lambda page, target, directory_urls: target.replace(".md", "/"))
    digest, _ = generate(Options(SEEDS))
    broken = [str(d) for d in errors_of(digest)]
    assert broken and all("broken link" in line for line in broken)
    assert any(line.startswith("articles/") and "entities/" in line for line in broken)


@pytest.fixture(scope="module", params=URL_SETTINGS.values(), ids=URL_SETTINGS.keys())
def strict_site(request, tmp_path_factory) -> tuple[Path, list[str]]:
    """The samples split by month (every kind of page), built with ``mkdocs build --strict`` under
    each ``use_directory_urls`` setting; the site and MkDocs' warnings."""
    from browser.sitebuild import MKDOCS, ROOT, write_config

    work = tmp_path_factory.mktemp("links")
    config = write_config(work, SEEDS, "\n      page_rows: 2")
    config.write_text(config.read_text(encoding="utf-8") + f"use_directory_urls: {str(request.param).lower()}\n",
                      encoding="utf-8")
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(work / "site")],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return work / "site", [line for line in result.stderr.splitlines() if line.startswith("WARNING")]


def test_a_strict_build_under_either_url_setting_has_no_warning(strict_site):
    _, warnings = strict_site
    assert warnings == []


def test_every_internal_link_of_the_built_site_leads_to_a_file_and_its_anchor(strict_site):
    site, _ = strict_site
    broken, checked = broken_site_links(site, content_only=True)
    assert checked > 1000 and broken == []
