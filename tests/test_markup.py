"""markup.py: text in the HTML blocks of a page reaches the reader as text, never as markup."""

from __future__ import annotations

import html
import re

import pytest
from markupsafe import Markup

from generator.core.models import GlossaryTerm
from generator.render.markup import Terms, escape_html, escape_piece, html_block, html_rows, link
from generator.render.site import glossary_terms
from test_safety import HOSTILE, render_markdown, structure, text_of, visible

# Every kind of HTML block the generator writes, with ``{}`` where escaped text goes.
HTML_CONTEXTS = {
    "body-paragraph": '<div class="dg-body">\n<p id="p1">{}</p>\n<ol><li>{}</li></ol>\n</div>',
    "list-item": '<ul class="dg-mentions">\n<li><a href="../x/">{}</a> · {}</li>\n</ul>',
    "table-cell": "<table>\n<thead>\n<tr><th>{}</th></tr>\n</thead>\n<tbody>\n<tr><td>{}</td></tr>\n</tbody>\n</table>",
    "blockquote": '<div class="dg-entity-quotes">\n<blockquote cite="../x/#p1"><p>{}</p><p>— {}</p></blockquote>\n</div>',
    "teaser": '<div class="dg-teaser">\n<h3><a href="../x/">{}</a></h3>\n<p>{}</p>\n</div>',
    "quote": '<div class="dg-body">\n<p id="p2"><q class="dg-quote dg-statement" title="{}">{}</q></p>\n</div>',
}


def rendered(context: str, text: str) -> str:
    """Render an HTML block holding ``text`` (escaped) in every slot, as MkDocs converts a page."""
    return render_markdown("# Page\n\n" + html_block(context.format(*[escape_html(text)] * context.count("{}"))))


@pytest.mark.parametrize("context", HTML_CONTEXTS.values(), ids=HTML_CONTEXTS.keys())
@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_escaped_text_adds_no_markup_in_any_html_block(text, context):
    hostile, plain = rendered(context, text), rendered(context, "word")
    assert structure(hostile) == structure(plain), hostile
    assert visible(text) in text_of(hostile)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_link_keeps_its_generated_target_and_shows_label_and_title_as_text(text):
    out = render_markdown(html_block(f'<p id="p1">{link("../../entities/putin/#p1", text, text)}</p>'))
    assert structure(out) == [("p", ("id",)), ("a", ("href", "title")), ("/a",), ("/p",)]
    anchor = re.search(r'<a href="([^"]*)" title="([^"]*)"', out)
    assert anchor.group(1) == "../../entities/putin/#p1"
    assert html.unescape(anchor.group(2)) == visible(text) and text_of(out) == visible(text)


@pytest.mark.parametrize("fragment", [
    "text first\n<p>x</p>",
    "<span>inline</span>",
    "<p>one</p>\n<p>two</p>",
    "<div>\n<p>x</p>\ntext line\n</div>",
    "<div>\n<p>x</p>\n\n<p>y</p>\n</div>",
    "<div>\n```\n</div>",
], ids=["text-first", "inline-element", "two-elements", "text-line", "blank-line", "fence"])
def test_an_html_block_that_python_markdown_would_not_keep_raw_is_refused(fragment):
    with pytest.raises(ValueError):
        html_block(fragment)


def test_rows_without_any_give_the_empty_text_or_nothing():
    assert html_rows([], "<ul>", "Tidak ada.") == "<p>Tidak ada.</p>"
    assert html_rows([], "<ul>") == ""
    assert html_rows(["<li>a</li>", "<li>b</li>"], '<ul class="x">') == '<ul class="x">\n<li>a</li>\n<li>b</li>\n</ul>'


def test_escaping_drops_control_characters_and_keeps_a_piece_its_edge_spaces():
    assert escape_html(" a\x02b\x03\nc ") == "ab c"
    assert escape_piece(" a <b> ") == " a &lt;b&gt; "
    assert escape_html(escape_html("<b>")) == "&lt;b&gt;"  # escaped once only


@pytest.mark.parametrize("value, expected", [
    ("<b>", "&lt;b&gt;"),
    (Markup("<b>"), "<b>"),  # equal to the text above, and already HTML: never taken from its cache entry
    (1, "1"),
    (True, "True"),  # equal to 1
], ids=["text", "markup-of-the-same-characters", "number", "boolean-equal-to-the-number"])
def test_escaping_a_value_seen_before_as_another_type_gives_its_own_html(value, expected):
    escape_html("<b>"), escape_html(1)
    assert escape_html(value) == expected
    assert isinstance(escape_html(value), Markup)


def test_glossary_terms_are_marked_once_per_scope_longest_first():
    terms = glossary_terms((GlossaryTerm("AS", "Amerika Serikat"), GlossaryTerm("KTT", 'Konferensi "Tingkat" <Tinggi>'),
                            GlossaryTerm("KTT AS", "KTT di AS")))
    seen: set[str] = set()
    first = terms.html("KTT AS, lalu KTT <dan> AS", seen)
    assert first == ('<abbr title="KTT di AS">KTT AS</abbr>, lalu <abbr title="Konferensi &#34;Tingkat&#34; '
                     '&lt;Tinggi&gt;">KTT</abbr> &lt;dan&gt; <abbr title="Amerika Serikat">AS</abbr>')
    assert terms.html("KTT dan AS lagi", seen) == "KTT dan AS lagi"
    assert terms.html("ASEAN bukan AS", set()).count("<abbr") == 1


def test_without_a_glossary_text_is_only_escaped():
    assert Terms(None, {}).html("a <b> KTT", set()) == "a &lt;b&gt; KTT"
