"""escape.py: text reaches the reader as text, never as markup."""

import markdown
import pytest

from generator.render.escape import (Markdown, escape_attribute, escape_markdown, front_matter,
                              markdown_link)

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "def_list", "toc", "footnotes",
              "tables", "pymdownx.details", "pymdownx.superfences"]

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "html-comment": "before <!-- swallowed --> after",
    "link": "[click](javascript:alert(1))",
    "image": "![x](http://evil.example/x.png)",
    "reference": "[a]: http://evil.example",
    "heading": "# Not a heading",
    "admonition": "!!! danger \"x\"",
    "attr-list": "text {: onclick=alert(1) }",
    "footnote": "text[^1]",
    "snippet": "--8<-- \"/etc/passwd\"",
    "abbr": "*[HTML]: Hijacked",
    "table": "| a | b |",
    "template": "{{ config }} {% include x %}",
    "emphasis": "**bold** _it_ `code`",
    "entity": "&lt;script&gt; &amp;",
    "list": "1. first",
    "bullet": "- item",
    "quote": "> quoted",
}


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_escaped_text_renders_as_one_plain_paragraph(text):
    html = render(escape_markdown(text))
    assert html.startswith("<p>") and html.endswith("</p>")
    assert html.count("<") == 2, html  # only the <p> and </p> tags


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_escaped_text_inside_generated_span_shows_the_same_text(text):
    import html as html_module
    out = render(f'<p markdown="span">{escape_markdown(text)}</p>')
    inner = out.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in inner
    assert html_module.unescape(inner) == " ".join(text.split())


def test_generated_markdown_is_not_escaped_twice():
    link = markdown_link("Putin", "../entities/putin.md")
    assert escape_markdown(link) is link
    assert isinstance(Markdown("a") + "<b>", Markdown)
    assert str(Markdown("a") + "<b>") == "a&lt;b&gt;"


def test_link_title_with_quotes_and_brackets_stays_one_link():
    link = markdown_link("x", "a.md", 'He said "(no)" <b>[1]')
    out = render(f'<p markdown="span">{link}</p>')
    assert out.count("<a ") == 1 and "<b>" not in out


def test_unsafe_link_targets_are_refused():
    with pytest.raises(ValueError):
        markdown_link("x", "javascript:alert(1)")


def test_attribute_escaping_closes_no_attribute():
    assert '"' not in escape_attribute('"><script>')
    assert "<" not in escape_attribute('"><script>')


def test_front_matter_values_are_html_escaped():
    text = front_matter({"title": "<img src=x onerror=alert(1)>", "description": '"><script>'})
    assert "<" not in text and '"><' not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
