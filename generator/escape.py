"""The single place where untrusted text becomes Markdown, HTML attributes or front matter."""

from __future__ import annotations

import html
import re

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
# Characters that only matter at the start of a line (lists, definition lists, quotes).
_LINE_START = re.compile(r"^(\s*)([-+:.]|\d+[.)])")
_SPACE = re.compile(r"\s+")
_TITLE_SPECIALS = re.compile(r"[()\"'\\\[\]]")


class Markdown(str):
    """Markdown produced by the generator itself: safe to emit as it is."""

    def __add__(self, other: str) -> Markdown:
        return Markdown(str(self) + escape_markdown(other))


def escape_markdown(text: object) -> Markdown:
    """Return ``text`` as Markdown that renders as exactly that text, on one line."""
    if isinstance(text, Markdown):
        return text
    flat = _SPACE.sub(" ", str(text)).strip()
    escaped = _SPECIALS.sub(lambda m: _ENTITIES[m.group()], flat)
    escaped = _LINE_START.sub(lambda m: m.group(1) + _entity_prefix(m.group(2)), escaped)
    return Markdown(escaped)


def _entity_prefix(token: str) -> str:
    """Turn the last character of a line-start token into an entity."""
    return token[:-1] + f"&#{ord(token[-1])};"


def escape_attribute(text: object) -> Markdown:
    """Return text safe inside a double-quoted HTML attribute of generated markup."""
    flat = _SPACE.sub(" ", str(text)).strip()
    return Markdown(_SPECIALS.sub(lambda m: _ENTITIES[m.group()], html.escape(flat, quote=True)
                                  .replace("&amp;", "\x00")).replace("\x00", "&amp;"))


def markdown_link(label: object, target: str, title: object = None) -> Markdown:
    """Return a Markdown link to a generated page with an escaped label and title."""
    if not re.fullmatch(r"[A-Za-z0-9_./#%-]+", target):
        raise ValueError(f"unsafe link target {target!r}")
    text = escape_markdown(label)
    if title:
        return Markdown(f'[{text}]({target} "{escape_link_title(title)}")')
    return Markdown(f"[{text}]({target})")


def escape_link_title(title: object) -> str:
    """Make a Markdown link title safe: Python-Markdown escapes <, > itself, not quotes."""
    flat = _SPACE.sub(" ", str(title)).strip().replace("&", "&amp;")
    return _TITLE_SPECIALS.sub(lambda m: f"&#{ord(m.group())};", flat)


def front_matter(meta: dict) -> Markdown:
    """Return a YAML front matter block with every text value HTML-escaped."""
    safe = {key: _escape_meta(value) for key, value in meta.items() if value is not None}
    dumped = yaml.safe_dump(safe, allow_unicode=True, sort_keys=False, width=1_000_000)
    return Markdown(f"---\n{dumped}---\n")


def _escape_meta(value: object) -> object:
    """HTML-escape meta text: MkDocs and Material print page meta unescaped."""
    if isinstance(value, str):
        return html.escape(_SPACE.sub(" ", value).strip(), quote=True)
    if isinstance(value, (list, tuple)):
        return [_escape_meta(item) for item in value]
    if isinstance(value, dict):
        return {key: _escape_meta(item) for key, item in value.items()}
    return value
