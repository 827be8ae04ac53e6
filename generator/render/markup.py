"""The single place where untrusted text becomes HTML; ``escape.py`` is its Markdown counterpart.

Where the generator owns a page's structure (article bodies, list rows, tables) it writes HTML,
which Python-Markdown passes through untouched as a raw HTML block: no Markdown character of the
text can act, so only HTML needs escaping, and MkDocs only tokenises the block's tags instead of
running its inline patterns over every link (the README's Performance says what that leaves). Text
is escaped with markupsafe (Jinja's autoescaping), after ``flatten`` has put it on one line and
dropped the control characters some of which are Python-Markdown's own placeholders.

An HTML block reaches a Markdown page only through ``html_block``, which checks the two things that
keep it raw: it is one block-level element from its first line to its last, and every line starts
with a tag, so that no text line can open a code fence (pymdownx.superfences reads fences before
raw HTML is set aside) or end the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from markupsafe import Markup, escape

from .escape import Markdown, flatten

# Block-level elements an HTML block may be made of (Python-Markdown's list, the ones used here).
BLOCK_TAGS = frozenset({"div", "p", "ul", "ol", "table", "blockquote", "figure", "section", "aside", "dl",
                        "nav", "h2", "h3", "h4"})
FIRST_TAG = re.compile(r"<([a-z0-9]+)[\s>]")  # the element a fragment opens with
_TEXT_LINE = re.compile(r"\n(?!<)")  # a line that does not start with a tag (or a blank line)


def escape_html(text: object) -> Markup:
    """Return ``text`` as HTML that shows exactly that text, on one line."""
    if isinstance(text, Markup):
        return text
    if type(text) is str:  # exactly str: Markup and Markdown equal their plain text as keys
        return _escape_text(text)
    return escape(flatten(text))


@lru_cache(maxsize=1 << 17)
def _escape_text(text: str) -> Markup:
    """Escape plain text, cached: every ``{{ value }}`` of a row passes here, and names, titles,
    outlets and URLs recur on thousands of rows (half a million values at 1,000 articles)."""
    return escape(flatten(text))


def escape_piece(text: str) -> Markup:
    """Escape a piece of a paragraph: like ``escape_html``, but it keeps its edge spaces."""
    return escape(flatten(text, strip=False))


def trusted(fragment: str) -> Markup:
    """Mark HTML the generator wrote as safe to put into a template: every text in it was escaped
    by ``escape_html`` or by autoescaping when it was written. The one place a string becomes
    ``Markup``: rendered fragments (rows, bodies) pass through here, never input text."""
    return Markup(fragment)


def html_block(fragment: str) -> Markdown:
    """Hand an HTML fragment to a Markdown page as a raw HTML block (see the module docstring)."""
    text = str(fragment).strip("\n")
    first = FIRST_TAG.match(text)
    if not first or first.group(1) not in BLOCK_TAGS or not one_element(text, first.group(1)):
        raise ValueError(f"not one block-level HTML element: {text[:80]!r}")
    if _TEXT_LINE.search(text):
        raise ValueError(f"an HTML block line starts with text: {text[:80]!r}")
    return Markdown(text)


def one_element(text: str, tag: str) -> bool:
    """Tell whether the element opened at the start of ``text`` closes at its very end, where
    Python-Markdown's raw block ends too."""
    return text.endswith(f"</{tag}>") and element_end(text, 0, tag) == len(text)


def element_end(text: str, start: int, tag: str) -> int | None:
    """Return where the element ``tag`` opened at ``start`` closes, or None when it stays open
    (escaped text holds no ``<``: every tag is the generator's)."""
    depth = 0
    for match in re.compile(rf"<(/?){tag}[\s>]").finditer(text, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return None


def html_rows(rows: Sequence[str], open_tag: str, empty: str | None = None) -> Markdown:
    """Put rendered rows (``<li>``, ``<tr>``...) into one HTML block opened by ``open_tag``
    (``<ul class="dg-mentions">``); without rows, ``empty`` as a paragraph, or nothing."""
    if not rows:
        return html_block(f"<p>{escape_html(empty)}</p>") if empty else Markdown("")
    tag = FIRST_TAG.match(open_tag).group(1)
    return html_block(open_tag + "\n" + "\n".join(rows) + f"\n</{tag}>")


def link(href: str, label: object, title: object = None) -> str:
    """Return a link to a generated page (``href`` from ``Site.href``) with escaped label and title."""
    if title and (hint := escape_html(title)):
        return f'<a href="{escape(href)}" title="{hint}">{escape_html(label)}</a>'
    return f'<a href="{escape(href)}">{escape_html(label)}</a>'


@dataclass(frozen=True)
class Terms:
    """The glossary terms of a digest, to mark as ``<abbr title>`` in HTML text (Python-Markdown's
    abbr extension does not look into raw HTML)."""

    pattern: re.Pattern | None  # every term as a whole word, longest first (``glossary.term_pattern``)
    titles: Mapping[str, str]  # term -> its definition, escaped for an attribute

    def html(self, text: str, seen: set[str]) -> Markup:
        """Escape a piece of text, marking the first mention of each term that is not yet in
        ``seen`` (which it fills: an article body marks each term once)."""
        if self.pattern is None:
            return escape_piece(text)
        text = flatten(text, strip=False)
        out, position = [], 0
        for match in self.pattern.finditer(text):
            term = match.group()
            if term not in seen:
                seen.add(term)
                out.append(f'{escape(text[position:match.start()])}<abbr title="{self.titles[term]}">'
                           f"{escape(term)}</abbr>")
                position = match.end()
        if not out:
            return escape(text)
        out.append(escape(text[position:]))
        return trusted("".join(out))
