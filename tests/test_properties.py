"""Property-based safety: random text, Markdown-looking text and sidecars never crash the
pipeline and never turn into markup."""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.core.errors import SourceError
from generator.render.escape import escape_attribute, escape_markdown, front_matter, markdown_link
from generator.core.models import SeedFile
from generator.ingest.sidecar import SIDECAR_FIELDS, parse_sidecar
from test_safety import CONTEXTS, render_markdown, structure, text_of, visible

# Modest by default so the suite stays fast; SAFETY_EXAMPLES=2000 makes a long bug hunt.
EXAMPLES = int(os.environ.get("SAFETY_EXAMPLES", "100"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PIPELINE_SETTINGS = settings(max_examples=max(1, EXAMPLES * 2 // 5), deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of Markdown, HTML, Jinja and YAML syntax, so random text often looks like markup.
TOKENS = [
    "#", "##", "###", "*", "**", "_", "__", "`", "```", "~~~", "<", ">", "</", "/>", "<script>",
    "</script>", "<img src=x onerror=alert(1)>", "<iframe>", "<style>", "<!--", "-->", "<div markdown>",
    "</div>", "<p>", "</p>", "<span>", "</span>", "[", "]", "(", ")", "![", "](", "javascript:",
    "data:", "vbscript:", "http://evil.example/x", "{:", "{", "}", "{#x .y onclick=z}", "|", "---",
    "===", "***", "1.", "2)", "-", "+", ":", ":   ", "!!!", "???", "???+", "///", "--8<--", "*[",
    "]:", "[^1]", "[^1]:", "[TOC]", "&", "&lt;", "&#60;", "&#x3C;", "&amp;", "{{", "}}", "{%", "%}",
    "{#", "#}", "\\", "\n", "\n\n", "    ", "\t", "  \n", '"', "'", "“", "”", "‘", "’", "«", "»", "—",
    "$", "$$", "^", "~", "=", "\x00", "\x02", "\x03", "\u2028", "\xa0", "onerror=", "on", "x",
    "Putin", "Trump", "Peskov", "Kremlin", "kata", "said", "Rabu (12/2/2025)", "12 Februari 2025",
    "February 12, 2025", "Jakarta -", "MOSCOW (Reuters) -", "Baca juga:", "ADVERTISEMENT",
]
WORDS = st.sampled_from(TOKENS) | st.text(min_size=1, max_size=12)
MARKDOWNISH = st.lists(WORDS, min_size=1, max_size=60).map(lambda parts: " ".join(parts))
ANY_TEXT = st.text(max_size=400)


# ----------------------------------------------------------------------------- escaping


@SETTINGS
@given(text=ANY_TEXT | MARKDOWNISH, context=st.sampled_from(sorted(CONTEXTS)))
def test_escaped_random_text_renders_as_that_text(text, context):
    template = CONTEXTS[context]
    slots = template.count("{}")
    plain = render_markdown(template.format(*["word"] * slots))
    rendered = render_markdown(template.format(*[escape_markdown(text)] * slots))
    if not visible(text):
        return  # an empty value leaves an empty element, which Markdown may drop
    assert structure(rendered) == structure(plain)
    assert visible(text) in text_of(rendered)


@SETTINGS
@given(label=ANY_TEXT | MARKDOWNISH, title=ANY_TEXT | MARKDOWNISH)
def test_random_link_labels_and_titles_make_one_link(label, title):
    if not visible(label):
        return
    rendered = render_markdown(f'<p markdown="span">{markdown_link(label, "a.md#p1", title)}</p>')
    attributes = ("href", "title") if visible(title) else ("href",)
    assert structure(rendered) == [("p", ()), ("a", attributes), ("/a",), ("/p",)]
    assert text_of(rendered) == visible(label)


@SETTINGS
@given(text=ANY_TEXT | MARKDOWNISH)
def test_random_attribute_values_stay_in_their_attribute(text):
    rendered = render_markdown(f'<p markdown="span"><span title="{escape_attribute(text)}">q</span></p>')
    assert structure(rendered) == [("p", ()), ("span", ("title",)), ("/span",), ("/p",)]
    assert html.unescape(re.search(r'title="([^"]*)"', rendered).group(1)) == visible(text)


@SETTINGS
@given(values=st.dictionaries(st.sampled_from(["title", "description", "author", "seed_file"]),
                              ANY_TEXT | MARKDOWNISH, min_size=1))
def test_random_front_matter_is_valid_yaml_with_escaped_values(values):
    body, meta = get_data(str(front_matter(values)) + "\nbody\n")
    assert body == "body\n"
    assert set(meta) == set(values)
    for key, value in values.items():
        assert not set(str(meta[key])) & set("<>\"")
        assert html.unescape(str(meta[key])) == visible(value)


# ----------------------------------------------------------------------------- sidecars

YAML_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                | ANY_TEXT | MARKDOWNISH | st.dates() | st.datetimes())
YAML_VALUES = st.recursive(YAML_SCALARS, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)
SIDECAR_KEYS = st.sampled_from(SIDECAR_FIELDS + ("titel", "anchor", "text", "<script>", "{{ x }}"))
SIDECAR_DATA = st.dictionaries(SIDECAR_KEYS, YAML_VALUES, max_size=8)
NOTES = st.lists(st.fixed_dictionaries({"anchor": ANY_TEXT | MARKDOWNISH, "text": ANY_TEXT | MARKDOWNISH}),
                 max_size=3).map(lambda notes: {"notes": notes})
TEXT = ANY_TEXT | MARKDOWNISH
# Mostly well-typed sidecars, so validation passes and the values reach the pages.
TYPED_SIDECAR = st.fixed_dictionaries({}, optional={
    "title": TEXT, "summary": TEXT, "author": TEXT, "outlet": TEXT, "original_source": TEXT,
    "section": TEXT, "dateline": TEXT, "tags": st.lists(TEXT, max_size=3),
    "language": st.sampled_from(["id", "en", "fr"]),
    "url": st.sampled_from(["https://example.com/a", "http://x.example/?a=1&b=<2>", "javascript:x"])
    | st.text(max_size=30).map(lambda tail: "https://example.com/" + tail),
    "published": st.dates() | st.datetimes(timezones=st.timezones() | st.none()) | TEXT,
    "story_date": st.dates() | TEXT})
SIDECAR_TEXT = (SIDECAR_DATA.map(lambda data: yaml.safe_dump(data, allow_unicode=True))
                | TYPED_SIDECAR.map(lambda data: yaml.safe_dump(data, allow_unicode=True))
                | NOTES.map(lambda data: yaml.safe_dump(data, allow_unicode=True))
                | ANY_TEXT | MARKDOWNISH)


@SETTINGS
@given(text=SIDECAR_TEXT)
def test_random_sidecars_are_accepted_or_refused_with_file_and_reason(text):
    try:
        parse_sidecar(text, "s.yml")
    except SourceError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.file == "s.yml" and diagnostic.message
            assert "\n" not in str(diagnostic)


# ----------------------------------------------------------------------------- the pipeline

GENERATED_TAGS = {"p", "a", "ins", "del", "span", "h1", "h2", "h3", "ul", "ol", "li", "div", "strong", "code",
                  "blockquote", "dl", "dt", "dd", "abbr", "em", "sup", "hr", "table", "thead",
                  "tbody", "tr", "th", "td", "br", "time", "small", "section", "nav", "details",
                  "summary", "q"}
GENERATED_ATTRIBUTES = {"id", "class", "href", "title", "value", "datetime", "start", "open",
                        "lang", "dir", "colspan", "rowspan", "aria-label", "aria-hidden", "role", "cite",
                        "data-search-exclude"}
SAFE_HREF = re.compile(r"^(?:https?://[^\s<>\"']+|[A-Za-z0-9_.#%-][A-Za-z0-9_./#%-]*|#[\w.:-]*)$")


class PageAudit(HTMLParser):
    """Collect every element, attribute and link of a page, and the text under each id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.by_id, self._open = [], {}, []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in GENERATED_TAGS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name not in GENERATED_ATTRIBUTES:
                self.problems.append(f"attribute {name}= on <{tag}>")
            if name in ("href", "cite") and not SAFE_HREF.match(value or ""):
                self.problems.append(f"link {value!r}")
        if tag in ("br", "hr"):
            return
        skip = "dg-speaker" in (attributes.get("class") or "") or "headerlink" in (attributes.get("class") or "")
        self._skip += skip
        self._open.append((tag, attributes.get("id"), skip))
        if attributes.get("id"):
            self.by_id.setdefault(attributes["id"], [])

    def handle_endtag(self, tag):
        while self._open:
            open_tag, _, skip = self._open.pop()
            self._skip -= skip
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._skip:
            return
        for _, element_id, _ in self._open:
            if element_id:
                self.by_id[element_id].append(data)


def render_page(markdown_text: str) -> str:
    """Render one generated page as MkDocs would (front matter off, site extensions on)."""
    body, _ = get_data(markdown_text)
    return render_markdown(body)


NOTE_MARKER = re.compile(r"\(\d+\)")


def squeeze(text: str) -> str:
    """Drop every space: the renderer may add or fold spaces around generated spans."""
    return re.sub(r"\s+", "", text)


def run_pipeline(seeds: list[SeedFile], data: dict | None = None):
    """Build the digest of in-memory seeds and render its pages."""
    from generator.pipeline import build_digest
    from generator.render.pages import render_site
    from generator.ingest.seeds import SeedFolder

    digest = build_digest(SeedFolder(tuple(seeds), data or {}, ()))
    return digest, render_site(digest, "id")


def assert_no_markup_from_input(digest, pages) -> None:
    """Every block reaches its page as text, and no page holds markup the generator did not write."""
    internal = [str(d) for d in digest.diagnostics if "internal error" in d.message]
    assert internal == []
    pages = dict(pages)
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        audit = PageAudit()
        audit.feed(render_page(text))
        assert audit.problems == [], path
        if path.startswith("articles/"):
            article = next(a for a in digest.articles if f"articles/{a.slug}.md" == path)
            for block in article.blocks:
                # Editor's notes add markers "(1)" between words: compare the texts without them.
                shown = NOTE_MARKER.sub("", squeeze("".join(audit.by_id.get(block.anchor, []))))
                assert NOTE_MARKER.sub("", squeeze(visible(block.text))) in shown, (block.anchor, block.text)


def seed_of(body: str, name: str = "random.txt", sidecar: str | None = None) -> SeedFile:
    return SeedFile(name, body.encode("utf-8", "surrogatepass"), "random.yml" if sidecar else None,
                    sidecar)


GOOD = ("Kremlin says Putin and Trump agreed to keep talking\n"
        "MOSCOW, Feb 12 (Reuters) - Russian President Vladimir Putin and U.S. President Donald Trump "
        "spoke by telephone for about one and a half hours on Wednesday, the Kremlin said.\n")


@PIPELINE_SETTINGS
@given(text=ANY_TEXT)
def test_random_text_never_crashes_the_pipeline_nor_becomes_markup(text):
    digest, pages = run_pipeline([seed_of(text), seed_of(GOOD, "good.txt")])
    assert_no_markup_from_input(digest, pages)
    assert any(a.file == "good.txt" for a in digest.articles)


@PIPELINE_SETTINGS
@given(lines=st.lists(MARKDOWNISH, min_size=1, max_size=12))
def test_random_markdown_looking_text_never_becomes_markup(lines):
    digest, pages = run_pipeline([seed_of(GOOD + "\n".join(lines))])
    assert_no_markup_from_input(digest, pages)


@PIPELINE_SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_crash_the_pipeline(data):
    digest, pages = run_pipeline([SeedFile("bytes.txt", data), seed_of(GOOD, "good.txt")])
    assert_no_markup_from_input(digest, pages)
    assert any(a.file == "good.txt" for a in digest.articles)


@PIPELINE_SETTINGS
@given(sidecar=SIDECAR_TEXT)
def test_random_sidecars_never_crash_the_pipeline_nor_become_markup(sidecar):
    digest, pages = run_pipeline([seed_of(GOOD, sidecar=sidecar)])
    assert_no_markup_from_input(digest, pages)
    for article in digest.articles:
        rendered = render_page(dict(pages)[f"articles/{article.slug}.md"])
        if article.meta.title.value and visible(article.meta.title.value):
            heading = re.search(r"<h1[^>]*>.*?</h1>", rendered, re.S).group()
            assert text_of(heading) == visible(article.meta.title.value)


@PIPELINE_SETTINGS
@given(names=st.lists(st.fixed_dictionaries({
    "id": st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8})?", fullmatch=True),
    "name": MARKDOWNISH, "type": st.sampled_from(["person", "organisation", "place", "other"]),
    "description": ANY_TEXT | MARKDOWNISH, "aliases": st.lists(MARKDOWNISH, max_size=2)}), max_size=4),
    terms=st.lists(st.fixed_dictionaries({"term": MARKDOWNISH, "definition": ANY_TEXT | MARKDOWNISH}),
                   max_size=3))
def test_random_editorial_data_never_crashes_the_pipeline_nor_becomes_markup(names, terms):
    data = {"entities.yml": yaml.safe_dump(names, allow_unicode=True),
            "glossary.yml": yaml.safe_dump(terms, allow_unicode=True)}
    digest, pages = run_pipeline([seed_of(GOOD + " ".join(n["name"] for n in names))], data)
    assert_no_markup_from_input(digest, pages)
