"""Set the generator's HTML blocks aside before Python-Markdown and MkDocs tokenise them.

A generated page carries most of its content as raw HTML blocks (``render/markup.html_block``).
Python-Markdown keeps such a block as it is, but only after ``html.parser`` (pure Python) has read
every tag of it to find where it ends, and MkDocs reads the whole page with ``html.parser`` once
more to collect the ids its anchor check needs. This Markdown extension stores each block in
Python-Markdown's own stash first, as its raw-HTML preprocessor would, so both only see the stash's
placeholder, and it collects the block's ids itself for MkDocs.

A run of lines is set aside only when Python-Markdown would keep it raw anyway, by the rule
``html_block`` enforces: after a blank line (or at the start), every line starts with a tag, the
first tag opens a block-level element that closes at the very end of the run, and a blank line (or
the end) follows. Python-Markdown's placeholders are made of two control characters that it strips
from every page before this runs, and that the generator's escaping never writes, so no input text
can forge one.
"""

from __future__ import annotations

import html
import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .render.markup import BLOCK_TAGS, FIRST_TAG, element_end

# After ``normalize_whitespace`` (30) and the fenced code blocks of superfences (25), before MkDocs'
# id collector (21) and Python-Markdown's raw HTML preprocessor (20).
PRIORITY = 22
_MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown\b")  # md_in_html: the block is Markdown inside
# A start tag and its attributes, read as html.parser reads them (escaped text holds no ``<``).
_START_TAG = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)([^>]*)>")
# One attribute after another, a quoted value read whole (so nothing inside it looks like a name).
_ATTRIBUTE = re.compile(r"""\s*([^\s/>=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")


class RawBlocks(Extension):
    """The Markdown extension: active for the pages the plugin marks, one page at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False
        self.anchor_ids: set[str] = set()  # the ids of the blocks set aside in the last page
        self.count = 0  # how many blocks the last page had set aside

    def start(self, active: bool) -> None:
        """Prepare for the next page MkDocs converts; set its blocks aside only when ``active``."""
        self.active, self.anchor_ids, self.count = active, set(), 0

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(StashBlocks(md, self), "digest_raw_blocks", PRIORITY)


class StashBlocks(Preprocessor):
    """Replace each HTML block of a generated page by a placeholder of Python-Markdown's stash."""

    def __init__(self, md, extension: RawBlocks) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        if not self.extension.active:
            return lines
        out, start = [], 0
        for first, end, elements in find_blocks(lines):
            out.extend(lines[start:first])
            # What Python-Markdown keeps of elements a blank line follows: each on its own lines.
            out.append(self.md.htmlStash.store("\n".join(elements) + "\n"))
            self.extension.anchor_ids |= find_anchor_ids("\n".join(lines[first:end]))
            self.extension.count += 1
            start = end
        out.extend(lines[start:])
        return out


def find_blocks(lines: list[str]):
    """Yield ``(first, end, elements)``: the line ranges of the HTML blocks Python-Markdown would
    keep raw, with the block-level elements each is made of."""
    index, count = 0, len(lines)
    while index < count:
        if not lines[index].startswith("<") or (index and lines[index - 1]):
            index += 1
            continue
        end = index + 1
        while end < count and lines[end].startswith("<"):
            end += 1
        if end == count or not lines[end]:
            elements = split_elements("\n".join(lines[index:end]))
            if elements:
                yield index, end, elements
        index = end


def split_elements(text: str) -> list[str] | None:
    """Split ``text`` into the block-level elements it is made of from its start to its end, one
    after another (the next opening on the line the last closes, or on the next line); return None
    when it is anything else (text outside an element, an inline element, one left open)."""
    if _MARKDOWN_ATTRIBUTE.search(text):
        return None
    elements, position = [], 0
    while True:
        first = FIRST_TAG.match(text, position)
        if not first or first.group(1) not in BLOCK_TAGS:
            return None
        end = element_end(text, position, first.group(1))
        if end is None:
            return None
        elements.append(text[position:end])
        if end == len(text):
            return elements
        position = end + 1 if text[end] == "\n" else end


def find_anchor_ids(block: str) -> set[str]:
    """Return the ids MkDocs' anchor check collects from raw HTML: every ``id``, and ``name`` of ``<a>``."""
    found = set()
    for tag in _START_TAG.finditer(block):
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            name, value = attribute.group(1).lower(), attribute.group(2)
            if value is not None and (name == "id" or (name == "name" and tag.group(1).lower() == "a")):
                found.add(html.unescape(value[1:-1] if value[:1] in "\"'" and len(value) > 1 else value))
    return found
