"""The HTML blocks of generated pages set aside before Python-Markdown reads them (``rawhtml.py``):
the page converts to the same HTML with the same table of contents, MkDocs' anchor check sees the
same ids, and no text can forge a placeholder."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from browser.sitebuild import MKDOCS, write_config
from generator.rawhtml import RawBlocks, find_anchor_ids, find_blocks

ROOT = Path(__file__).resolve().parent.parent


class AnchorIds(HTMLParser):
    """Collect ids as MkDocs' anchor check does from a page's raw HTML: every id, and <a name>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids |= {value for name, value in attrs if name == "id" or (name == "name" and tag == "a")}


def ids_read_by_html_parser(text: str) -> set[str]:
    parser = AnchorIds()
    parser.feed(text)
    parser.close()
    return parser.ids


@pytest.fixture(scope="module")
def extensions():
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = [name for name in config.markdown_extensions if isinstance(name, str)]
    return names, config.mdx_configs


def convert(text: str, extensions, stash: bool) -> tuple[str, list, RawBlocks]:
    """Convert a page as MkDocs does, with the blocks set aside or not; return HTML, TOC, extension."""
    names, configs = extensions
    raw = RawBlocks()
    raw.start(stash)
    md = markdown.Markdown(extensions=[*names, raw], extension_configs=configs)
    return md.convert(text), md.toc_tokens, raw


def body_of(page: str) -> str:
    """The Markdown of a generated page without its front matter (MkDocs reads that apart)."""
    return re.sub(r"\A---\n.*?\n---\n", "", page, count=1, flags=re.DOTALL)


def test_every_sample_page_converts_to_the_same_html_and_toc(sample_pages, extensions):
    differing = []
    stashed = 0
    for path, page in sorted(sample_pages.items()):
        if not path.endswith(".md"):
            continue
        text = body_of(page)
        html, toc, raw = convert(text, extensions, stash=True)
        stashed += raw.count
        if (html, toc) != convert(text, extensions, stash=False)[:2]:
            differing.append(path)
    assert differing == []
    assert stashed > 50  # the article bodies, cards, rows and tables are set aside


def test_the_ids_of_the_blocks_set_aside_are_those_mkdocs_reads(sample_pages, extensions):
    wrong = {}
    for path, page in sorted(sample_pages.items()):
        if not path.endswith(".md"):
            continue
        text = body_of(page)
        _, _, raw = convert(text, extensions, stash=True)
        lines = text.split("\n")
        for first, end, _ in reversed(list(find_blocks(lines))):
            lines[first:end] = ["placeholder"]
        left_for_mkdocs = ids_read_by_html_parser("\n".join(lines))  # what MkDocs still reads itself
        expected = ids_read_by_html_parser(text)
        if raw.anchor_ids | left_for_mkdocs != expected:
            wrong[path] = (raw.anchor_ids | left_for_mkdocs) ^ expected
    assert wrong == {}


@pytest.mark.parametrize("block, expected", [
    ('<div id="a" class="x"><p id="b">t</p></div>', {"a", "b"}),
    ('<p title="id=x name=y" id="z">t</p>', {"z"}),
    ("<p id='single'>t</p>", {"single"}),
    ('<p id="a&amp;b">t</p>', {"a&b"}),
    ('<ul><li><a name="n" href="#n">x</a><span name="not-an-anchor">y</span></li></ul>', {"n"}),
    ('<p ID="Upper">t</p>', {"Upper"}),
], ids=["nested", "inside-another-value", "single-quotes", "entity", "a-name-only", "upper-case"])
def test_anchor_ids_are_read_as_html_parser_reads_them(block, expected):
    assert find_anchor_ids(block) == expected == ids_read_by_html_parser(block)


@pytest.mark.parametrize("text, elements", [
    ('<div class="a">\n<p>x</p>\n</div>', 1),
    ('<div class="a">\n<p>x</p>\n</div><div class="b">\n<p>y<br>z</p>\n</div>', 2),
    ('<ul>\n<li>a</li>\n</ul>\n<div id="d">\n<p>t</p>\n</div><p>z</p>', 3),
    ('<div><div>a</div></div><div>b</div>', 2),
], ids=["one", "two-on-one-line", "three-mixed", "nested"])
def test_a_run_of_block_elements_is_set_aside_whole(text, elements, extensions):
    page = f"# T\n\n{text}\n\nend\n\n{text}\n"
    html, toc, raw = convert(page, extensions, stash=True)
    assert raw.count == 2
    assert (html, toc) == convert(page, extensions, stash=False)[:2]
    assert [len(found) for _, _, found in find_blocks(page.split("\n"))] == [elements, elements]


@pytest.mark.parametrize("text", [
    '<div class="a">\n<p>x</p>\n</div>  <div class="b">\n<p>y</p>\n</div>',
    '<div class="a">\n<p>x</p>\n</div><span>y</span>',
    '<span class="dg-meta">5 artikel</span>',
    '<div class="a">\n<p>x</p>\n</div>\ntext after the block',
    'text before\n<div class="a">\n<p>x</p>\n</div>',
    '<div class="a" markdown>\n**bold**\n</div>',
    '<div class="a">\n<p>x</p>',
], ids=["spaces-between", "inline-after", "inline-element", "text-line-after", "text-line-before", "markdown-attribute",
        "unclosed"])
def test_a_run_that_is_not_one_block_is_left_to_python_markdown(text, extensions):
    html, toc, raw = convert(f"# T\n\n{text}\n\nend\n", extensions, stash=True)
    assert raw.count == 0
    assert (html, toc) == convert(f"# T\n\n{text}\n\nend\n", extensions, stash=False)[:2]


@pytest.mark.parametrize("forged", [
    "\x02wzxhzdk:0\x03", "\x02wzxhzdk:1\x03", "wzxhzdk:0", "&#2;wzxhzdk:0&#3;",
], ids=["placeholder", "next-placeholder", "without-marks", "as-entities"])
def test_text_cannot_forge_a_placeholder(forged, extensions):
    block = '<div class="dg-body">\n<p id="p1">the block</p>\n</div>'
    text = f"# T\n\n{forged}\n\n{block}\n\nafter {forged}\n"
    html, _, raw = convert(text, extensions, stash=True)
    assert raw.count == 1
    assert html.count("the block") == 1
    assert html == convert(text, extensions, stash=False)[0]


def test_the_anchor_check_still_sees_the_ids_inside_generated_blocks(tmp_path, sample_pages):
    """Links from a hand-written page to an id inside a generated page's HTML block, to a heading
    and to raw HTML of its own pass MkDocs' anchor check; a missing anchor is still reported."""
    slug = next(path[len("articles/"):-3] for path, page in sorted(sample_pages.items())
                if path.startswith("articles/") and 'id="p1"' in page)
    docs = tmp_path / "docs"
    subprocess.run(["cp", "-r", str(ROOT / "docs"), str(docs)], check=True)
    (docs / "links.md").write_text(
        f"# Links\n\n<div id=\"mine\">x</div>\n\n[p1](articles/{slug}.md#p1) [own](#mine) "
        f"[related](articles/{slug}.md#related) [bad](articles/{slug}.md#p999)\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    config = write_config(work, ROOT / "seeds")
    text = config.read_text(encoding="utf-8").replace(f"docs_dir: {ROOT / 'docs'}", f"docs_dir: {docs}")
    config.write_text(text + "validation:\n  anchors: warn\n", encoding="utf-8")
    result = subprocess.run([str(MKDOCS), "build", "-f", str(config), "-d", str(work / "site")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    anchors = [line for line in result.stderr.splitlines() if "contains a link" in line]
    assert anchors == [f"WARNING -  Doc file 'links.md' contains a link 'articles/{slug}.md#p999', "
                       f"but the doc 'articles/{slug}.md' does not contain an anchor '#p999'."], result.stderr
