"""Feed Material's search parser a generated page without ``html.parser``'s pure-Python tokeniser.

Material's search plugin indexes a page by feeding its HTML to ``Parser``, an ``html.parser``
subclass: on a digest page most of the time goes to tokenising, character by character in Python.
The HTML of a generated page is a small, regular subset: the generator's blocks (every text
escaped by markupsafe) and what Python-Markdown writes. ``tokenise`` reads that subset with one
regular expression and calls the very handlers ``html.parser`` would call, in the same order with
the same arguments (tag and attribute names in lower case, attribute values and text unescaped,
text in one piece between two tags); the sections, and so the index entries, are Material's own.
A page with anything outside the subset (a comment, a declaration, ``<script>`` or ``<style>``
whose text is not HTML, a ``<`` that opens no tag, an attribute written in an unusual way) goes
through ``html.parser`` as before.
"""

from __future__ import annotations

import re
from html import unescape

_TOKEN = re.compile(
    r"""<(?P<name>[a-zA-Z][a-zA-Z0-9]*)"""
    r"""(?P<attrs>(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`/]+))?)*)\s*(?P<close>/?)>"""
    r"""|</(?P<end>[a-zA-Z][a-zA-Z0-9]*)>"""
    r"""|(?P<data>[^<]+)""")
_ATTRIBUTE = re.compile(r"""\s+([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`/]+))?""")
RAW_TEXT = frozenset({"script", "style"})  # html.parser reads their content as text, not tags
# Elements without an end tag (Material's parser keeps none of them in its context).
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def tokenise(html: str) -> list | None:
    """Return the calls ``html.parser`` makes for ``html`` as ``(kind, args)``, or None when
    ``html`` is not in the subset this reads."""
    calls, position = [], 0
    for match in _TOKEN.finditer(html):
        if match.start() != position:
            return None
        position = match.end()
        if match.lastgroup == "data":
            calls.append(("data", (unescape(match.group("data")),)))
        elif match.group("end"):
            calls.append(("end", (match.group("end").lower(),)))
        else:
            tag = match.group("name").lower()
            if tag in RAW_TEXT:
                return None
            attributes = [(name.lower(), read_value(value))
                          for name, value in _ATTRIBUTE.findall(match.group("attrs"))]
            calls.append(("startend" if match.group("close") else "start", (tag, attributes)))
    return calls if position == len(html) else None


def read_value(value: str) -> str | None:
    """Return an attribute's value as ``html.parser`` hands it over: unquoted, unescaped."""
    if not value:
        return None  # an attribute without a value (``findall`` gives "" for the missing group)
    if value[0] in "\"'":
        value = value[1:-1]
    return unescape(value) if value else value


def without_excluded(calls: list) -> list:
    """Return ``calls`` without what lies inside the elements marked ``data-search-exclude``: Material's
    parser ignores their text and tags, so its sections are the same without those calls. An
    excluded element is kept whole when it holds a heading (the parser opens sections for headings
    even there) or an element of its own tag (the parser tells elements apart by tag only: the inner
    one's end tag ends the exclusion)."""
    kept, index, count = [], 0, len(calls)
    while index < count:
        kind, args = calls[index]
        kept.append(calls[index])
        index += 1
        if kind == "start" and args[0] not in VOID and any(name == "data-search-exclude" for name, _ in args[1]):
            end = closing_call(calls, index - 1)
            if end is not None and not any(k in ("start", "startend") and (a[0] in HEADINGS or a[0] == args[0])
                                           for k, a in calls[index:end]):
                index = end  # the end tag itself is kept: the parser closes the element
    return kept


def closing_call(calls: list, start: int) -> int | None:
    """Return the index of the end tag that closes the element opened at ``start``, or None when
    an end tag in between closes something else than the innermost open element (the parser
    ignores such an end tag, and what it leaves open changes what comes after)."""
    open_tags = []
    for index in range(start, len(calls)):
        kind, args = calls[index]
        if kind == "start" and args[0] not in VOID:
            open_tags.append(args[0])
        elif kind == "end":
            if not open_tags or open_tags[-1] != args[0]:
                return None
            open_tags.pop()
            if not open_tags:
                return index
    return None


def feed(parser, calls: list) -> None:
    """Call ``parser``'s handlers as ``html.parser`` would have, then close it as ``feed`` does."""
    handlers = {"data": parser.handle_data, "start": parser.handle_starttag,
                "end": parser.handle_endtag, "startend": parser.handle_startendtag}
    for kind, args in calls:
        handlers[kind](*args)


def index_page(index, page, parser_class) -> None:
    """Add ``page`` to Material's search ``index`` as its ``add_entry_from_context`` does, with the
    parser fed by ``tokenise``; fall back to that method when the page is outside the subset."""
    if (page.meta.get("search") or {}).get("exclude"):
        return  # before reading it: the monthly listings, the largest pages, are excluded
    calls = tokenise(page.content or "")
    if calls is None:
        type(index).add_entry_from_context(index, page)
        return
    parser = parser_class()
    feed(parser, without_excluded(calls))
    parser.close()
    for section in parser.data:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
