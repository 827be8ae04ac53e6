"""The single place where untrusted text becomes Markdown, HTML attributes or front matter."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import yaml

# Every character Python-Markdown or its extensions could read as structure becomes a
# numeric entity: the browser shows the character, the Markdown parser sees nothing to act on.
_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "&#92;", "`": "&#96;", "*": "&#42;",
    "_": "&#95;", "[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "|": "&#124;",
    "#": "&#35;", "!": "&#33;", "~": "&#126;", "^": "&#94;", "$": "&#36;", "=": "&#61;",
    '"': "&quot;",
}
_SPECIALS = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
# Characters that only matter at the start of a line (lists, definition lists, quotes,
# pymdownx.details "???" blocks, pymdownx.blocks "///" blocks).
_LINE_START = re.compile(r"^(\s*)([-+:.?/]|\d+[.)])")
_SPACE = re.compile(r"\s+")
# Control characters are never text a reader should see; some are Python-Markdown's own
# placeholders (STX/ETX) and most are invalid in HTML and XML.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Anything flatten() would change besides the ends: most text has none, and one search is cheaper.
_UNFLAT = re.compile(r"[^\S ]|  |[\x00-\x08\x0e-\x1f\x7f]")
_TITLE_SPECIALS = re.compile(r"[()\"'\\\[\]`<>]")  # backticks: code spans run before links

SAFE_TARGET = re.compile(r"[A-Za-z0-9_.#%-][A-Za-z0-9_./#%-]*")  # a relative link, nothing else


class Markdown(str):
    """Markdown produced by the generator itself: safe to emit as it is."""

    def __add__(self, other: str) -> Markdown:
        return Markdown(str(self) + escape_markdown(other))


def escape_markdown(text: object) -> Markdown:
    """Return ``text`` as Markdown that renders as exactly that text, on one line."""
    if isinstance(text, Markdown):
        return text
    return _escape_text(str(text))


@lru_cache(maxsize=1 << 16)
def _escape_text(text: str) -> Markdown:
    """Escape plain text; cached, as titles, outlet and entity names recur on thousands of pages."""
    flat = flatten(text)
    escaped = _SPECIALS.sub(lambda m: _ENTITIES[m.group()], flat)
    escaped = _LINE_START.sub(lambda m: m.group(1) + _entity_prefix(m.group(2)), escaped)
    return Markdown(escaped)


def flatten(text: object, strip: bool = True) -> str:
    """Return ``text`` on one line, without control characters, stripped (unless ``strip`` is
    false: a piece of a paragraph keeps the spaces that part it from its neighbours)."""
    text = str(text)
    if _UNFLAT.search(text):
        text = _SPACE.sub(" ", _CONTROL.sub("", text))
    return text.strip() if strip else text


def _entity_prefix(token: str) -> str:
    """Turn the last character of a line-start token into an entity."""
    return token[:-1] + f"&#{ord(token[-1])};"


def escape_attribute(text: object) -> Markdown:
    """Return text safe inside a double-quoted HTML attribute of generated markup."""
    # _ENTITIES already covers & < > "; escaping with html.escape first would escape twice.
    escaped = _SPECIALS.sub(lambda m: _ENTITIES[m.group()], flatten(text))
    return Markdown(escaped.replace("'", "&#39;"))


def markdown_link(label: object, target: str, title: object = None) -> Markdown:
    """Return a Markdown link to a generated page with an escaped label and title."""
    if not SAFE_TARGET.fullmatch(target):  # relative paths only
        raise ValueError(f"unsafe link target {target!r}")
    text = escape_markdown(label)
    if title and flatten(title):
        return Markdown(f'[{text}]({target} "{escape_link_title(title)}")')
    return Markdown(f"[{text}]({target})")


def escape_link_title(title: object) -> str:
    """Make a Markdown link title safe: Python-Markdown escapes <, > itself, not quotes."""
    flat = flatten(title).replace("&", "&amp;")
    return _TITLE_SPECIALS.sub(lambda m: f"&#{ord(m.group())};", flat)


# The one meta key kept as raw data: main.html prints it inside <script type="application/ld+json">
# with Jinja's ``tojson``, which writes <, >, & and ' as \u003c... so no value can close the
# script; HTML entities there would not be decoded and would reach JSON-LD readers literally.
JSON_LD_KEY = "jsonld"
# libyaml's emitter when PyYAML has it: five times faster on every page's front matter, and it loads
# back to the same values (it only writes characters beyond U+FFFF, such as emoji, as \U escapes).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict) -> Markdown:
    """Return a YAML front matter block with every text value HTML-escaped (JSON-LD excepted)."""
    safe = {key: value if key == JSON_LD_KEY else _escape_meta(value)
            for key, value in meta.items() if value is not None}
    dumped = yaml.dump(safe, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1_000_000)
    return Markdown(f"---\n{dumped}---\n")


def _escape_meta(value: object) -> object:
    """HTML-escape meta text: MkDocs and Material print page meta unescaped."""
    if isinstance(value, str):
        return html.escape(flatten(value), quote=True)
    if isinstance(value, (list, tuple)):
        return [_escape_meta(item) for item in value]
    if isinstance(value, dict):
        return {key: _escape_meta(item) for key, item in value.items()}
    return value
