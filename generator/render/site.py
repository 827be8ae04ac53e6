"""What every page needs: the Jinja2 environments, the labels, the page memo and the ``Site``."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, TypeVar

import jinja2
from markupsafe import Markup

from ..annotate.dates import format_date
from ..annotate.glossary import term_pattern
from ..core.knowledge import load_data
from ..core.memo import Memo
from ..core.models import GlossaryTerm
from ..link.digest import Digest
from .escape import Markdown, escape_attribute, escape_markdown, markdown_link
from .markup import Terms, escape_html, html_block, trusted
from .urls import relative_url
from .views import entity_views

# An http(s) URL that stays one autolink: no space, control or character that Python-Markdown
# reads before autolinks (backticks, backslash escapes, brackets) or that could end it (<, >).
SAFE_URL = re.compile(r"https?://[^\s<>\"`\\\[\]{}|^\x00-\x1f\x7f]+")
T = TypeVar("T")


def labels_for(language: str) -> dict:
    """Return the UI labels of one site language."""
    table = load_data("labels.yml")
    if language not in table:
        raise ValueError(f"unknown site language {language!r}; choose one of {', '.join(table)}")
    return table[language]


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Jinja2 environment whose every ``{{ value }}`` is escaped to Markdown-safe text."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=False,  # Markdown, not HTML: escaping is done by ``finalize`` below
        finalize=lambda value: "" if value is None else escape_markdown(value),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # packaged templates: a stat() per page and per include otherwise
    )
    env.filters["attr"] = escape_attribute
    env.globals["md_link"] = markdown_link
    env.globals["autolink"] = url_value
    return env


@lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    """Jinja2 environment of the HTML fragments (``*.html.j2``): autoescaped, every ``{{ value }}``
    put on one line first (``markup.escape_html``)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=True,
        finalize=lambda value: "" if value is None else escape_html(value),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def render_template(name: str, **context) -> str:
    """Render one template: a Markdown page (``*.md.j2``, ``*.j2``), or an HTML fragment
    (``*.html.j2``), returned as ``Markup`` for the templates it goes into."""
    if name.endswith(".html.j2"):
        return trusted(template(name).render(context).strip("\n"))
    return template(name).render(context)


def render_block(name: str, **context) -> Markdown:
    """Render an HTML fragment template as an HTML block of a Markdown page (``markup.html_block``)."""
    return html_block(render_template(name, **context))


@lru_cache(maxsize=None)
def template(name: str) -> jinja2.Template:
    """Return a compiled template of the environment its name calls for, looked up once: rows are
    rendered tens of thousands of times, and Jinja's own lookup costs a third of a small row."""
    return (html_environment() if name.endswith(".html.j2") else environment()).get_template(name)


@dataclass
class PageMemo:
    """Pages of the previous render by path, with the inputs they were rendered from: a preview
    rebuild after one seed changed renders again only the pages whose inputs differ."""

    scope: tuple = ()  # what every page depends on: language, site URL, knowledge base
    texts: Memo = field(default_factory=Memo)  # pages, and parts of pages, by their inputs
    finished: Memo = field(default_factory=Memo)  # pages with their glossary definitions

    def start(self, scope: tuple) -> None:
        """Begin a render: what the last one made becomes reusable, if it had the same scope."""
        if scope != self.scope:
            self.texts.clear()
            self.finished.clear()
        self.scope = scope

    def page(self, path: str, inputs: tuple, render: Callable[[], T]) -> T:
        """Return the page's previous text if its inputs are equal, else ``render()``."""
        return self.texts.get(path, inputs, render)

    def finish(self, pages: list[tuple[str, str]], abbreviations: Callable[[str], str]) -> list[tuple[str, str]]:
        """Append to each page the definitions of the glossary terms it uses (kept when unchanged)."""
        return [(path, self.finished.get(path, text, lambda: with_definitions(text, abbreviations)))  # noqa: B023
                for path, text in pages]


def with_definitions(text: str, abbreviations: Callable[[str], str]) -> str:
    """Append the definitions of the glossary terms a page's Markdown uses (Markdown abbreviations).
    The lines of HTML blocks, which start with a tag, are left out: Python-Markdown's abbr does not
    look into them, and they mark their terms themselves (``markup.Terms``)."""
    markdown = "\n".join(line for line in text.split("\n") if not line.startswith("<"))
    definitions = abbreviations(markdown)
    return text + ("\n" + definitions if definitions else "")


@dataclass(frozen=True)
class Site:
    """What every page template needs besides its own data."""

    digest: Digest
    labels: dict
    language: str
    memo: PageMemo = field(default_factory=PageMemo)
    directory_urls: bool = True  # MkDocs' use_directory_urls: where each page is served

    def link(self, page: str, target: str) -> str:
        """Return the relative Markdown link from ``page`` to ``target`` (with #anchor)."""
        return page_link(page, target)

    def href(self, page: str, target: str) -> str:
        """Return the URL of ``target`` (a generated file, with #anchor) as an HTML link on ``page``
        writes it: MkDocs rewrites Markdown links, not the ones in HTML blocks."""
        return relative_url(page, target, self.directory_urls)

    @cached_property
    def entity_views(self) -> dict[str, dict[str, tuple]]:
        """What entity pages show of each article (by slug), per entity it names (``entity_views``)."""
        return {article.slug: self.memo.texts.get(("entity views", article.file), article,
                                                  lambda: entity_views(article))  # noqa: B023
                for article in self.digest.articles}

    @cached_property
    def terms(self) -> Terms:
        """The glossary terms, marked as abbreviations in the HTML parts of pages."""
        return glossary_terms(self.digest.glossary)

    def date(self, value: str | None, precision: str = "day") -> str:
        """Format a date (ISO, any precision) for display."""
        if not value:
            return self.labels["no_date"]
        return format_date(str(value)[:10], precision, self.language)


@lru_cache(maxsize=4)
def glossary_terms(glossary: tuple[GlossaryTerm, ...]) -> Terms:
    """Return the matcher of a glossary's terms with their definitions, made once per glossary."""
    return Terms(term_pattern(glossary), {term.term: str(escape_html(term.definition)) for term in glossary})


@lru_cache(maxsize=1 << 17)
def page_link(page: str, target: str) -> str:
    """Return the relative link from ``page`` to ``target`` (with #anchor), cached: pages link to
    the same targets thousands of times."""
    path, _, anchor = target.partition("#")
    return posixpath.relpath(path, posixpath.dirname(page) or ".") + (f"#{anchor}" if anchor else "")


def url_html(url: str | None, label: str | None = None) -> Markup | None:
    """Render an http(s) URL as an HTML link, labelled with ``label`` or the URL; anything else is
    not a link."""
    if not url or not SAFE_URL.fullmatch(str(url)):
        return None
    return trusted(f'<a href="{escape_html(url)}">{escape_html(label or url)}</a>')


def url_value(url: str | None) -> Markdown | None:
    """Render an http(s) URL as a link; anything else is not a link."""
    if not url or not SAFE_URL.fullmatch(str(url)):
        return None
    return Markdown(f"<{url}>")
