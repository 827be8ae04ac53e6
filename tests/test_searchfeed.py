"""Material's search parser fed without html.parser's tokeniser (``searchfeed.py``): the same calls,
so the same sections and index entries; anything outside the subset it reads is refused."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from material.plugins.search.plugin import Parser

from generator.searchfeed import feed, tokenise, without_excluded
from test_rawhtml import body_of, convert, extensions  # noqa: F401 (a fixture)


class Calls(HTMLParser):
    """Record the calls html.parser makes, as Material's parser receives them."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list = []

    def handle_starttag(self, tag, attrs):
        self.calls.append(("start", (tag, attrs)))

    def handle_startendtag(self, tag, attrs):
        self.calls.append(("startend", (tag, attrs)))

    def handle_endtag(self, tag):
        self.calls.append(("end", (tag,)))

    def handle_data(self, data):
        self.calls.append(("data", (data,)))


def calls_of(html: str) -> list:
    parser = Calls()
    parser.feed(html)
    parser.close()
    return parser.calls


def sections(parser) -> list:
    return [(repr(s), s.title, s.text, s.is_excluded()) for s in parser.data]


@pytest.fixture(scope="module")
def sample_contents(sample_pages, extensions):  # noqa: F811
    return {path: convert(body_of(page), extensions, stash=True)[0]
            for path, page in sorted(sample_pages.items()) if path.endswith(".md")}


def test_every_sample_page_is_read_into_the_same_calls_and_sections(sample_contents):
    outside, differing = [], []
    for path, html in sample_contents.items():
        calls = tokenise(html)
        if calls is None:
            outside.append(path)
            continue
        theirs = Parser()
        theirs.feed(html)
        theirs.close()
        if calls != calls_of(html) or sections_fed(calls) != sections(theirs):
            differing.append(path)
    assert (outside, differing) == ([], [])


@pytest.mark.parametrize("html", [
    '<p id="a&amp;b" class="x">Tom &amp; Jerry &#8212; &quot;q&quot; &lt;b&gt;</p>',
    '<P CLASS="Up">text</P>',
    '<details open><summary>s</summary><p>t</p></details>',
    '<p title="">empty value</p>',
    "<p title='single'>q</p>",
    '<p>line<br />break<br>again<hr/></p>',
    '<ul>\n  <li>a</li>\n\n<li> </li></ul>\n',
    '<a href="../x/#p1" title="a/b">slashes</a>',
    'AT&T & co &amp',
    '<p>unclosed <b>bold',
], ids=["entities", "upper-case", "valueless", "empty-value", "single-quotes", "void-tags", "whitespace",
        "slashes-in-values", "bare-ampersands", "unclosed"])
def test_html_in_the_subset_gives_the_calls_html_parser_makes(html):
    assert tokenise(html) == calls_of(html)


@pytest.mark.parametrize("html", [
    "<p>a <!-- note --> b</p>",
    "<!DOCTYPE html><p>x</p>",
    "<script>if (a < b) {}</script>",
    "<style>p > a {}</style>",
    "<p>1 < 2</p>",
    "<p>a <3 b</p>",
    "<my-element>x</my-element>",
    "<a href=../x/>unquoted with slashes</a>",
    "<p class=a=b>x</p>",
    "</p >",
    "<?php x ?>",
    "<p>cut <b",
], ids=["comment", "doctype", "script", "style", "lone-lt", "lt-digit", "custom-element", "unquoted-slash",
        "unquoted-equals", "end-tag-space", "processing-instruction", "cut-tag"])
def test_html_outside_the_subset_is_left_to_html_parser(html):
    assert tokenise(html) is None


EXCLUDED = [
    '<h2 id="a">A</h2><p>kept</p><ul data-search-exclude><li><a href="x">row</a> text</li></ul><p>after</p>',
    '<div data-search-exclude><div data-search-exclude><p>nested</p></div><p>outer</p></div><p>after</p>',
    '<div data-search-exclude><h3 id="inside">heading inside</h3><p>t</p></div><p>after</p>',
    '<div data-search-exclude><p>unclosed <b>bold</p></div><p>after: the parser never closes the div</p>',
    '<ul data-search-exclude><li>one<br>two</li></ul><h2 id="b">B</h2><p>after</p>',
    '<div><h2 id="c">C</h2></div><ul data-search-exclude><li>x</li></ul><p>after</p>',
]


@pytest.mark.parametrize("html", EXCLUDED, ids=["rows", "nested", "heading-inside", "mis-nested", "void-inside",
                                                "after-nested-heading"])
def test_leaving_out_what_search_excludes_gives_the_same_sections(html):
    calls = tokenise(html)
    assert sections_fed(without_excluded(calls)) == sections_fed(calls)


def sections_fed(calls: list) -> list:
    """The sections Material's parser makes of ``calls``."""
    parser = Parser()
    feed(parser, calls)
    parser.close()
    return sections(parser)


def test_the_inside_of_an_excluded_element_is_left_out_only_where_that_changes_nothing():
    calls = tokenise(EXCLUDED[0])
    assert ("data", ("row",)) in calls and ("data", ("row",)) not in without_excluded(calls)
    for kept_whole in (EXCLUDED[2], EXCLUDED[3]):  # a heading inside, mis-nested
        assert without_excluded(tokenise(kept_whole)) == tokenise(kept_whole)
    nested = without_excluded(tokenise(EXCLUDED[1]))  # the inner div goes, the outer (same tag inside) stays
    assert ("data", ("nested",)) not in nested and ("data", ("outer",)) in nested


def test_every_sample_page_gives_the_same_sections_without_its_excluded_parts(sample_contents):
    differing = []
    for path, html in sample_contents.items():
        calls = tokenise(html)
        if sections_fed(without_excluded(calls)) != sections_fed(calls):
            differing.append(path)
    assert differing == []
