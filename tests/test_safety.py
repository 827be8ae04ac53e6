"""Safety guarantees: input text never becomes markup; the writer never loses or leaks a page.

Also holds the helpers the other safety modules share: building a site with MkDocs in a temporary
folder, and auditing its HTML for markup that came from the input.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markdown
import pytest
from mkdocs.utils.meta import get_data

from conftest import ROOT
from generator.config import read_mkdocs_yml
from generator.core.errors import GeneratorError
from generator.render.escape import escape_attribute, escape_markdown, front_matter, markdown_link
from generator.write import MANIFEST, check_out_dir, write_pages

PYTHON = Path(sys.executable)
MKDOCS = PYTHON.parent / "mkdocs"
MARKER = "xss"  # every hostile payload carries it, so anything it reaches can be found

# ----------------------------------------------------------------------------- shared helpers


def markdown_extensions() -> tuple[list, dict]:
    """Return the Markdown extensions and their settings exactly as mkdocs.yml configures them."""
    config = read_mkdocs_yml(ROOT / "mkdocs.yml")
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if settings:
            configs[name] = settings
    return names, configs


@functools.lru_cache(maxsize=1)
def site_markdown() -> markdown.Markdown:
    """One Markdown converter with the site's extensions (reset before each use)."""
    names, configs = markdown_extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs)


def render_markdown(text: str) -> str:
    """Render Markdown with the site's extensions."""
    return site_markdown().reset().convert(text)


def write_config(folder: Path, seeds: Path, docs: Path | None = None, strict: bool = False,
                 out: Path | None = None) -> Path:
    """Write a copy of mkdocs.yml that builds ``seeds`` (and ``docs``) inside ``folder``."""
    docs = docs or folder / "docs"
    if not docs.exists():
        shutil.copytree(ROOT / "docs", docs)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir:.*$", "", text) + f"\ndocs_dir: {docs}\n"
    text = text.replace("custom_dir: generator/render/theme", f"custom_dir: {ROOT / 'generator' / 'render' / 'theme'}")
    text = text.replace("seeds_dir: seeds", f"seeds_dir: {seeds}")
    text = text.replace("strict: false", f"strict: {str(strict).lower()}\n"
                                         f"      out_dir: {out or folder / 'generated'}")
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def build_site(folder: Path, seeds: Path, docs: Path | None = None, strict: bool = False,
               mkdocs_strict: bool = False, env: dict | None = None, site: Path | None = None,
               out: Path | None = None, quiet: bool = False) -> tuple[subprocess.CompletedProcess, Path]:
    """Run ``mkdocs build`` on ``seeds`` into ``folder/site``; return the process and the site."""
    folder.mkdir(parents=True, exist_ok=True)
    config = write_config(folder, seeds, docs, strict, out)
    site = site or folder / "site"
    command = [str(MKDOCS), "build", "-f", str(config), "-d", str(site)] + ["-q"] * quiet
    result = subprocess.run(command + ["--strict"] * mkdocs_strict, capture_output=True, text=True,
                            cwd=folder, env={**os.environ, **(env or {})}, timeout=600)
    return result, site


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m generator`` with ``args``."""
    return subprocess.run([str(PYTHON), "-m", "generator", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                          timeout=600)


def tree_hashes(folder: Path) -> dict[str, str]:
    """Return the sha256 of every file under ``folder``, by relative path."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "data", "poster", "xlink:href",
                  "background", "cite", "longdesc", "manifest", "codebase"}
DANGEROUS_TAGS = {"script", "iframe", "frame", "frameset", "style", "img", "object", "embed",
                  "applet", "base", "link", "meta", "form", "input", "button", "textarea", "select",
                  "svg", "math", "video", "audio", "source", "template", "marquee", "details",
                  "dialog", "portal", "noscript"}
RAW_IN_URL = re.compile(r"[<>\"'`\s]")  # slugs and generated URLs never hold these; input text does
# A relative link to a generated page: its slug may spell input words ("evil-outlet") but holds
# nothing a browser could act on.
SLUG_PATH = re.compile(r"(?:https://example\.github\.io/news-digest/|\.\./|\./)*[a-z0-9][a-z0-9/-]*/?"
                       r"(?:#[a-z0-9-]+)?")
BAD_SCHEME = re.compile(r"^\s*(?:javascript|data|vbscript)\s*:", re.IGNORECASE)
PAGE_VARYING = {"content", "href", "title", "id", "aria-label", "value", "datetime", "alt"}


def normal_url(value: str) -> str:
    """Drop the relative prefix (``../../``) that differs between pages of different depth."""
    return re.sub(r"^(?:\.\./|\./)+", "", value)


class MarkupAudit(HTMLParser):
    """Collect what in a page could act: scripts, handlers, URL schemes, risky elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.handlers, self.urls = set(), set(), set(), set()
        self.elements, self.comments, self.tainted = set(), [], []
        self.text: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.handlers.add(f"{tag}[{name}={value}]")
            if name in URL_ATTRIBUTES:
                if BAD_SCHEME.match(value):
                    self.urls.add(f"{tag}[{name}={value}]")
                hostile_host = "evil" in value.lower() and not SLUG_PATH.fullmatch(value)
                if hostile_host or RAW_IN_URL.search(value):
                    self.tainted.append(f"<{tag} {name}={value!r}>")
            if MARKER in name.lower():
                self.tainted.append(f"<{tag} {name}>")
        if MARKER in tag.lower():
            self.tainted.append(f"<{tag}>")
        if tag in DANGEROUS_TAGS:
            stable = sorted((n, "" if n in PAGE_VARYING else normal_url(v or "")) for n, v in attrs)
            self.elements.add(f"{tag}{stable}")
        if tag == "script":
            self._script = [normal_url(dict(attrs).get("src") or ""), dict(attrs).get("type") or ""]

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            src, kind, body = self._script[0], self._script[1], "".join(self._script[2:])
            self._script = None
            if kind == "application/ld+json":  # data, not code: valid JSON that cannot end the element
                self.check_json_ld(body)
                return
            body = re.sub(r'"(?:\.\./|\./)+', '"', body)  # __md_scope differs by page depth
            self.scripts.add(src or hashlib.sha256(body.encode()).hexdigest()[:16])
            if MARKER in body.lower():
                self.tainted.append(f"<script>{body[:80]}")

    def check_json_ld(self, body: str) -> None:
        """JSON-LD may carry input text, but only as JSON strings with no raw < or >."""
        try:
            json.loads(body)
        except ValueError:
            self.tainted.append(f"<script ld+json> invalid JSON {body[:80]}")
        if "<" in body or ">" in body:
            self.tainted.append(f"<script ld+json> raw angle bracket {body[:80]}")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        else:
            self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)
        if MARKER in data.lower():
            self.tainted.append(f"<!--{data[:80]}-->")


def audit_site(site: Path) -> MarkupAudit:
    """Audit every HTML page of a built site into one collector."""
    audit = MarkupAudit()
    for page in sorted(site.rglob("*.html")):
        audit.feed(page.read_text(encoding="utf-8"))
        audit.close()
        audit.reset()
        audit._script = None
    return audit


def audit_html(text: str) -> MarkupAudit:
    """Audit one HTML fragment."""
    audit = MarkupAudit()
    audit.feed(text)
    audit.close()
    return audit


def markup_from_input(hostile: MarkupAudit, clean: MarkupAudit) -> list[str]:
    """List what the hostile site has that a clean build of the same theme does not."""
    problems = [f"tainted {item}" for item in hostile.tainted]
    problems += [f"new script {s}" for s in sorted(hostile.scripts - clean.scripts)]
    problems += [f"new handler {h}" for h in sorted(hostile.handlers - clean.handlers)]
    problems += [f"bad url {u}" for u in sorted(hostile.urls - clean.urls)]
    problems += [f"new element {e}" for e in sorted(hostile.elements - clean.elements)
                 if not e.startswith(("meta", "link"))]  # per-page description and canonical
    return problems


# ----------------------------------------------------------------------------- escaping

HOSTILE = {
    "script": "<script>alert('xss')</script>",
    "img-onerror": "<img src=x onerror=alert('xss')>",
    "iframe": "<iframe src='https://evil.example/xss'></iframe>",
    "style": "<style>body{display:none}/*xss*/</style>",
    "svg-onload": "<svg onload=alert('xss')>",
    "html-comment": "before <!-- xss swallowed --> after",
    "html-block": "<div onclick=\"alert('xss')\">xss</div>",
    "cdata": "<![CDATA[xss]]>",
    "processing": "<?php echo 'xss'; ?>",
    "entities": "&lt;script&gt;xss&lt;/script&gt; &#60;b&#62; &amp;",
    "hex-entities": "&#x3C;script&#x3E;xss&#x3C;/script&#x3E;",
    "javascript-link": "[click](javascript:alert('xss'))",
    "data-link": "[x](data:text/html;base64,PHNjcmlwdD4=) xss",
    "autolink": "<https://evil.example/xss> <javascript:alert('xss')>",
    "image": "![xss](https://evil.example/xss.png)",
    "reference": "[xss]: https://evil.example/xss",
    "reference-use": "[xss][1] [1]: javascript:alert(1)",
    "heading": "# xss heading",
    "heading-closed": "xss ###",
    "admonition": "!!! danger \"xss\"",
    "details": "??? note \"xss\"",
    "details-open": "???+ note",
    "blocks": "/// warning | xss",
    "attr-list": "xss {: onclick=\"alert('xss')\" }",
    "attr-list-bare": "xss{ #id .cls onclick=alert(1) }",
    "footnote": "xss[^1] [^1]: note",
    "snippet": "--8<-- \"/etc/passwd\" xss",
    "abbreviation": "*[xss]: <b>bold</b>",
    "table": "| xss | b |",
    "toc": "[TOC] xss",
    "template": "{{ config.extra }} {% include 'xss' %} {# xss #}",
    "emphasis": "**xss** _it_ `code` ~~del~~ ==mark== ^^ins^^",
    "fence": "``` xss",
    "tilde-fence": "~~~ xss",
    "quote": "> xss",
    "numbered": "1. xss",
    "numbered-paren": "2) xss",
    "bullet": "- xss",
    "star": "* xss",
    "plus": "+ xss",
    "definition": ": xss",
    "rule": "***",
    "dashes": "---",
    "setext": "xss\n===",
    "multiline-heading": "xss\n# heading\n<script>alert('xss')</script>",
    "indented-code": "    xss code",
    "backslash": "\\<b>xss\\</b> \\*",
    "line-break": "xss  \nnext",
    "md-in-html": "<div markdown=\"1\">**xss**</div>",
    "placeholder": "a \x02klzzwxh:0000\x03 b \x02wzxhzdk:0\x03 xss",
    "control": "x\x00s\x07s\x1b\x7f",
    "unicode-breaks": "xss\u2028# heading\u2029<b>b</b>\x85- item",
    "math": "$x$ $$xss$$",
    "close-span": "xss</span></p><script>alert(1)</script>",
    "close-attribute": "\" onmouseover=\"alert('xss')\" x=\"",
    "close-single": "' onmouseover='alert(1)' xss",
}

# Every place the templates and inline.py put escaped text, with ``{}`` for the text.
CONTEXTS = {
    "paragraph": "{}",
    "heading1": "# {}",
    "heading2": "## {}",
    "list-item": "- {}",
    "strong-item": "- **{}** — {}",
    "card-row": "!!! abstract \"Kartu\"\n\n    - **Label:** {}",
    "blockquote": "> {}\n>\n> — {}",
    "definition": "{}\n:   {}",
    "span-paragraph": '<p id="p1" markdown="span">{}</p>',
    "span-item": '<ol markdown>\n<li id="p2" value="3" markdown="span">{}</li>\n</ol>',
    "span-heading": '<h2 id="p3" markdown="span">{}</h2>',
    "teaser": '<div class="dg-teaser" markdown>\n### {}\n\n{}\n</div>',
    "after-text": "Lead text {}",
}


def text_of(rendered: str) -> str:
    """Return the visible text of rendered HTML, entities decoded, spaces collapsed."""
    audit = audit_html(re.sub(r'<a class="headerlink"[^>]*>(?:¶|&para;)</a>', "", rendered))
    return " ".join("".join(audit.text).split())


def structure(rendered: str) -> list[tuple]:
    """Return the element structure of rendered HTML: tags and attribute names, in order."""
    shape = []

    class Shape(HTMLParser):
        def handle_starttag(self, tag, attrs):
            shape.append((tag, tuple(sorted(name for name, _ in attrs))))

        def handle_endtag(self, tag):
            shape.append(("/" + tag,))

    Shape().feed(rendered)
    return shape


def visible(text: str) -> str:
    """What the reader should see: the text on one line, without control characters."""
    return " ".join(re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", text).split())


@pytest.mark.parametrize("context", CONTEXTS.values(), ids=CONTEXTS.keys())
@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_escaped_text_adds_no_markup_in_any_template_context(text, context):
    slots = context.count("{}")
    plain = render_markdown(context.format(*["word"] * slots))
    hostile = render_markdown(context.format(*[escape_markdown(text)] * slots))
    assert structure(hostile) == structure(plain), hostile
    assert visible(text) in text_of(hostile)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_link_labels_and_titles_stay_one_link_to_the_generated_target(text):
    link = markdown_link(text, "../entities/vladimir-putin.md#p1", text)
    rendered = render_markdown(f'<p markdown="span">{link}</p>')
    assert structure(rendered) == [("p", ()), ("a", ("href", "title")), ("/a",), ("/p",)]
    anchor = re.search(r'<a href="([^"]*)" title="([^"]*)"', rendered)
    assert anchor.group(1) == "../entities/vladimir-putin.md#p1"
    assert html.unescape(anchor.group(2)) == visible(text)
    assert text_of(rendered) == visible(text)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_attribute_values_stay_inside_their_quotes(text):
    rendered = render_markdown(f'<p markdown="span"><span class="dg-quote" '
                               f'title="{escape_attribute(text)}">q</span></p>')
    assert structure(rendered) == [("p", ()), ("span", ("class", "title")), ("/span",), ("/p",)]
    title = re.search(r'title="([^"]*)"', rendered).group(1)
    assert html.unescape(title) == visible(text)


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html,x", "//evil.example",
                                    "a.md\" onclick=\"x", "a.md) [x](javascript:x", "a b.md",
                                    "https://evil.example"],
                         ids=["javascript", "data", "protocol-relative", "quote", "paren", "space",
                              "external"])
def test_links_only_point_at_generated_pages(target):
    with pytest.raises(ValueError, match="unsafe link target"):
        markdown_link("x", target)


# ----------------------------------------------------------------------------- front matter

META_HOSTILE = {
    "img-title": "<img src=x onerror=alert('xss')>",
    "break-attribute": "\"><script>alert('xss')</script>",
    "close-title": "</title><script>alert('xss')</script>",
    "yaml-document-end": "a\n---\nb\n...\nc",
    "yaml-tag": "!!python/object:os.system xss",
    "mkdocs-env-tag": "!ENV HOME",
    "jinja": "{{ config.site_name }} {% if 1 %}xss{% endif %}",
    "control": "x\x00\x1b[31mss",
}

# How Material prints page meta into <head>: raw, the MkDocs template environment does not escape.
MATERIAL_HEAD = jinja2.Environment(autoescape=False).from_string(
    '<title>{{ meta.title }} - Site</title>\n<meta name="description" content="{{ meta.description }}">'
    '\n<meta name="author" content="{{ meta.author }}">')


@pytest.mark.parametrize("text", META_HOSTILE.values(), ids=META_HOSTILE.keys())
def test_front_matter_values_print_raw_into_head_as_text(text):
    document = front_matter({"title": text, "description": text, "author": text, "tags": [text]})
    body, meta = get_data(str(document) + "\n# Page\n")
    assert body == "# Page\n" and set(meta) == {"title", "description", "author", "tags"}
    head = MATERIAL_HEAD.render(meta=meta)
    assert structure(head) == [("title", ()), ("/title",), ("meta", ("content", "name")),
                               ("meta", ("content", "name"))]
    audit = audit_html(head)
    assert audit.tainted == []
    assert text_of(head.split("</title>")[0] + "</title>") == visible(text) + " - Site"
    content = re.search(r'name="description" content="([^"]*)"', head).group(1)
    assert html.unescape(content) == visible(text)


def test_front_matter_keeps_plain_values_typed():
    _, meta = get_data(front_matter({"title": "KTT Putin–Trump", "date": "2025-02-12",
                                     "tags": ["KTT", "Rusia"], "description": None}))
    assert meta == {"title": "KTT Putin–Trump", "date": "2025-02-12", "tags": ["KTT", "Rusia"]}


# ----------------------------------------------------------------------------- templates


def test_template_values_are_text_not_templates():
    from generator.render.site import environment
    template = environment().from_string("# {{ title }}\n\n{{ body }}\n")
    out = template.render(title="{{ 7 * 7 }} {% raw %}", body="{% for x in range(3) %}x{% endfor %}")
    assert "49" not in out and "xxx" not in out
    assert "&#123;&#123; 7 &#42; 7 &#125;&#125;" in out


def test_templates_never_bypass_the_escaping():
    """No ``|safe``, ``Markup`` or autoescape switch: finalize escapes every ``{{ value }}`` of a
    Markdown template, autoescaping every one of an HTML template (``*.html.j2``)."""
    bypasses = re.compile(r"\|\s*safe\b|Markup\(|autoescape|\{%-?\s*raw\b")
    found = [f"{path.name}: {match.group()}" for path in sorted((ROOT / "generator" / "render" / "templates")
                                                                  .glob("*.j2"))
             for match in bypasses.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


def test_html_templates_are_autoescaped_and_markdown_templates_markdown_escaped():
    from generator.render.site import environment, html_environment, render_template

    assert html_environment().autoescape is True and environment().autoescape is False
    hostile = "<script>alert('xss')</script> *x* [a](javascript:b)"
    html_out = render_template("_problems.html.j2", L={"report_none": "-"}, problems=[hostile], more=0)
    assert "<script>" not in html_out and "&lt;script&gt;" in html_out
    markdown_out = render_template("timeline_period_nav.md.j2", previous=None, following=None, overview="x",
                                   labels={"timeline_all_periods": hostile}, link=lambda target: target,
                                   period_name=str)
    assert "<script>" not in markdown_out and "&#42;x&#42;" in markdown_out


# ----------------------------------------------------------------------------- the writer


def pages_of(version: str, count: int = 40) -> list[tuple[str, str]]:
    """Return a set of pages whose text depends on ``version``."""
    return [(f"articles/page-{n:03}.md", f"# {version} {n}\n" + "x" * 5000) for n in range(count)]


def test_a_failed_rename_leaves_old_or_new_pages_and_the_next_build_repairs(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_pages(out, pages_of("old") + [("gone.md", "only in the old build")])
    old = tree_hashes(out)
    calls = {"n": 0}
    real_replace = os.replace

    def failing_replace(source, target):
        calls["n"] += 1
        if calls["n"] == 15:
            raise OSError("disk full")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_pages(out, pages_of("new"))
    monkeypatch.setattr(os, "replace", real_replace)
    write_pages(tmp_path / "reference", pages_of("new"))
    new = tree_hashes(tmp_path / "reference")
    for path, digest in tree_hashes(out).items():
        if path != MANIFEST:
            assert digest in (old.get(path), new.get(path)), path
    write_pages(out, pages_of("new"))
    assert tree_hashes(out) == new


KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from generator.write import write_pages
    out, version, count, kill_at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    pages = [(f"p/{n:04}.md", f"# {version} {n}\\n" + "y" * 20000) for n in range(count)]
    real_replace, calls = os.replace, [0]

    def replace(source, target):
        calls[0] += 1
        if calls[0] == kill_at:  # die like kill -9: no cleanup, no finally
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(source, target)

    os.replace = replace
    write_pages(out, pages)
""")


@pytest.mark.parametrize("kill_at", [1, 2, 3, 100, 201, 202],
                         ids=["before-claim", "after-claim", "after-first-page", "half-way",
                              "before-last-page", "before-manifest"])
def test_a_killed_writer_leaves_old_or_new_pages_and_the_next_build_repairs(tmp_path, kill_at):
    out, reference = tmp_path / "out", tmp_path / "reference"
    script = tmp_path / "writer.py"
    script.write_text(KILL_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(folder: Path, version: str, count: int, kill: int = 0) -> int:
        command = [str(PYTHON), str(script), str(folder), version, str(count), str(kill)]
        return subprocess.run(command, env=env).returncode

    run(out, "old", 300)
    run(reference, "new", 200)
    old, new = tree_hashes(out), tree_hashes(reference)
    assert run(out, "new", 200, kill_at) == -signal.SIGKILL
    for path, digest in tree_hashes(out).items():
        if path != MANIFEST and ".digest-tmp-" not in path:
            assert digest in (old.get(path), new.get(path)), path
    assert run(out, "new", 200) == 0
    assert tree_hashes(out) == new  # stale pages of the old build removed, temp files gone


def test_a_page_written_before_a_crash_and_no_longer_generated_is_removed(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_pages(out, [("a.md", "A")])
    real_replace = os.replace
    calls = {"n": 0}

    def crash_after_first_page(source, target):
        result = real_replace(source, target)
        calls["n"] += 1
        if calls["n"] == 2:  # the claim on the manifest, then the first page
            raise KeyboardInterrupt
        return result

    monkeypatch.setattr(os, "replace", crash_after_first_page)
    with pytest.raises(KeyboardInterrupt):
        write_pages(out, [("a.md", "A"), ("b.md", "B"), ("c.md", "C")])
    monkeypatch.setattr(os, "replace", real_replace)
    assert (out / "b.md").read_text() == "B"
    write_pages(out, [("a.md", "A")])
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "a.md"]


@pytest.mark.parametrize("relation", ["same", "inside", "contains"])
@pytest.mark.parametrize("protected", ["seeds", "docs"])
def test_output_folder_may_not_overlap_seeds_or_docs(tmp_path, relation, protected):
    folder = tmp_path / "project" / protected
    out = {"same": folder, "inside": folder / "generated", "contains": tmp_path / "project"}[relation]
    with pytest.raises(GeneratorError, match=f"overlaps {protected}"):
        check_out_dir(out, {protected: folder})


def test_a_foreign_folder_is_refused_and_left_as_it_was(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.md").write_text("keep")
    (tmp_path / "index.md").write_text("mine")
    before = tree_hashes(tmp_path)
    with pytest.raises(GeneratorError, match="did not write"):
        write_pages(tmp_path, pages_of("new"))
    assert tree_hashes(tmp_path) == before


# ----------------------------------------------------------------------------- end to end


def sample_seeds(folder: Path) -> Path:
    shutil.copytree(ROOT / "seeds", folder)
    return folder


@pytest.mark.parametrize("hand_written, generated", [("index.md", "index.md"),
                                                     ("timeline/index.md", "timeline.md"),
                                                     ("articles/x.md", None)],
                         ids=["same-file", "same-url", "no-clash"])
def test_a_generated_page_may_not_shadow_a_hand_written_one(tmp_path, hand_written, generated):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / hand_written).parent.mkdir(parents=True, exist_ok=True)
    (docs / hand_written).write_text("# Mine\n", encoding="utf-8")
    before = tree_hashes(docs)
    result, _ = build_site(tmp_path, sample_seeds(tmp_path / "seeds"), docs)
    assert tree_hashes(docs) == before
    if generated is None:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode != 0
    assert f"{docs / hand_written} vs generated {generated}" in result.stderr


@pytest.mark.parametrize("where", ["seeds", "docs", "foreign"])
def test_build_refuses_an_output_folder_it_does_not_own(tmp_path, where):
    project = tmp_path / "project"
    seeds = sample_seeds(project / "seeds")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "notes").mkdir()
    (project / "notes" / "keep.md").write_text("keep", encoding="utf-8")
    out = {"seeds": seeds / "generated", "docs": project / "docs" / "generated",
           "foreign": project / "notes"}[where]
    before = tree_hashes(project)
    result = run_cli("--config", str(project / "mkdocs.yml"), "build", "--seeds", str(seeds),
                     "--out", str(out), cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {out}: output folder ")
    assert tree_hashes(project) == before


CLI_KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from generator.__main__ import main
    real_replace, calls, kill_at = os.replace, [0], int(os.environ["KILL_AT"])

    def replace(source, target):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(source, target)

    os.replace = replace
    sys.exit(main(sys.argv[1:]))
""")


def changed_seeds(folder: Path) -> Path:
    """The samples with one article dropped, one edited and one added: a build that changes a lot."""
    seeds = sample_seeds(folder)
    names = sorted(seeds.glob("*.txt"))
    names[0].unlink()
    names[1].write_text(names[1].read_text(encoding="utf-8") + "\nSatu paragraf tambahan.\n",
                        encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "adversarial" / "good_article.txt", seeds / "new.txt")
    return seeds


@pytest.fixture(scope="module")
def cli_builds(tmp_path_factory):
    """Reference outputs of ``python -m generator build`` for the old and the new input."""
    folder = tmp_path_factory.mktemp("cli")
    old_seeds, new_seeds = sample_seeds(folder / "old-seeds"), changed_seeds(folder / "new-seeds")
    for seeds, out in ((old_seeds, folder / "old"), (new_seeds, folder / "new")):
        result = run_cli("build", "--seeds", str(seeds), "--out", str(out))
        assert result.returncode == 0, result.stderr
    return folder, old_seeds, new_seeds


@pytest.mark.parametrize("kill_at", [1, 2, 3, 8, 15, 1000], ids=lambda n: f"rename-{n}")
def test_a_killed_generator_build_leaves_old_or_new_pages_and_the_next_build_repairs(
        tmp_path, cli_builds, kill_at):
    folder, old_seeds, new_seeds = cli_builds
    out = tmp_path / "out"
    shutil.copytree(folder / "old", out)
    old, new = tree_hashes(folder / "old"), tree_hashes(folder / "new")
    script = tmp_path / "kill.py"
    script.write_text(CLI_KILL_SCRIPT)
    killed = subprocess.run([str(PYTHON), str(script), "build", "--seeds", str(new_seeds), "--out",
                             str(out)], cwd=ROOT, capture_output=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "KILL_AT": str(kill_at)})
    if kill_at <= 3:  # the claim and the first pages are always written, so the kill happened
        assert killed.returncode == -signal.SIGKILL
    for path, digest in tree_hashes(out).items():
        if path != MANIFEST and ".digest-tmp-" not in path:
            assert digest in (old.get(path), new.get(path)), path
    result = run_cli("build", "--seeds", str(new_seeds), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert tree_hashes(out) == new


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2, 1.5])
def test_a_generator_build_killed_at_any_moment_is_repaired_by_the_next(tmp_path, cli_builds, delay):
    folder, old_seeds, new_seeds = cli_builds
    out = tmp_path / "out"
    shutil.copytree(folder / "old", out)
    old, new = tree_hashes(folder / "old"), tree_hashes(folder / "new")
    process = subprocess.Popen([str(PYTHON), "-m", "generator", "build", "--seeds", str(new_seeds),
                                "--out", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
    for path, digest in tree_hashes(out).items():
        if path != MANIFEST and ".digest-tmp-" not in path:
            assert digest in (old.get(path), new.get(path)), path
    assert run_cli("build", "--seeds", str(new_seeds), "--out", str(out)).returncode == 0
    assert tree_hashes(out) == new


@pytest.mark.parametrize("inside", ["seeds", "docs"])
def test_the_plugin_refuses_an_out_dir_inside_seeds_or_docs(tmp_path, inside):
    seeds = sample_seeds(tmp_path / "seeds")
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    before = (tree_hashes(seeds), tree_hashes(docs))
    out = {"seeds": seeds, "docs": docs}[inside] / "generated"
    result, _ = build_site(tmp_path, seeds, docs, out=out)
    assert result.returncode != 0
    assert f"digest: {out}: output folder overlaps {inside}_dir" in result.stderr
    assert (tree_hashes(seeds), tree_hashes(docs)) == before


AUDIT_CATCHES = {
    "script": "<script>alert('xss')</script>",
    "handler": "<p onclick=\"x()\">text</p>",
    "javascript-url": "<a href=\"javascript:alert(1)\">x</a>",
    "data-url": "<a href=\"data:text/html,x\">x</a>",
    "img": "<img src=\"x.png\">",
    "iframe": "<iframe src=\"https://evil.example/\"></iframe>",
    "style": "<style>body{}</style>",
    "comment": "<!-- xss -->",
    "raw-url": "<a href=\"https://a.example/<b>\">x</a>",
    "details": "<details><summary>x</summary></details>",
}


@pytest.mark.parametrize("markup", AUDIT_CATCHES.values(), ids=AUDIT_CATCHES.keys())
def test_the_audit_finds_markup_that_came_from_input(markup):
    clean = audit_html("<html><head><script src=\"assets/app.js\"></script></head><p>t</p></html>")
    hostile = audit_html(f"<html><head><script src=\"assets/app.js\"></script></head><p>{markup}</p></html>")
    assert markup_from_input(hostile, clean) != []
    assert markup_from_input(clean, clean) == []


# ----------------------------------------------------------------------------- the seeds folder


SECRET = "RAHASIA-runner-environ"


def seeds_with_a_leak(folder: Path) -> Path:
    """The samples plus a link to a private file outside the seeds folder."""
    seeds = sample_seeds(folder / "seeds")
    private = folder / "private.txt"
    private.write_text(f"Catatan Pribadi\n\n{SECRET} tidak boleh terbit di situs.\n", encoding="utf-8")
    (seeds / "leak.txt").symlink_to(private)
    return seeds


def test_a_link_out_of_the_seeds_folder_never_reaches_the_site(tmp_path):
    seeds = seeds_with_a_leak(tmp_path)
    result, site = build_site(tmp_path, seeds)
    assert result.returncode == 0, result.stderr
    assert "digest: leak.txt: refused: a link that leads outside the seeds folder" in result.stderr
    assert not [path for path in site.rglob("*") if path.is_file() and SECRET.encode() in path.read_bytes()]


@pytest.mark.parametrize("bad", ["empty", "leak"])
def test_a_quiet_strict_mkdocs_build_still_fails_on_a_bad_seed(tmp_path, bad):
    seeds = seeds_with_a_leak(tmp_path) if bad == "leak" else sample_seeds(tmp_path / "seeds")
    if bad == "empty":
        (seeds / "kosong.txt").write_bytes(b"")
    result, site = build_site(tmp_path, seeds, mkdocs_strict=True, quiet=True)
    assert result.returncode != 0
    expected = {"empty": "kosong.txt: empty file", "leak": "leak.txt: refused: a link that leads outside"}[bad]
    assert "digest: strict mode, 1 problem(s):" in result.stderr and expected in result.stderr


@pytest.mark.parametrize("inside", ["docs", "site", "package"])
def test_a_seeds_folder_inside_docs_site_or_the_package_is_refused(tmp_path, inside):
    docs, site = tmp_path / "docs", tmp_path / "site"
    shutil.copytree(ROOT / "docs", docs)
    seeds = {"docs": docs / "seeds", "site": site / "seeds", "package": ROOT / "generator" / "data"}[inside]
    if inside != "package":
        sample_seeds(seeds)
    before = tree_hashes(seeds)
    result, _ = build_site(tmp_path, seeds, docs, site=site)
    assert result.returncode != 0
    name = {"docs": "docs_dir", "site": "site_dir", "package": "the generator package"}[inside]
    assert f"digest: {seeds}: seeds folder lies inside {name} " in result.stderr
    assert tree_hashes(seeds) == before


@pytest.mark.parametrize("inside", ["site", "package"])
def test_the_plugin_refuses_an_out_dir_inside_the_site_or_the_package(tmp_path, inside):
    seeds = sample_seeds(tmp_path / "seeds")
    out = {"site": tmp_path / "site" / "generated", "package": ROOT / "generator" / "generated"}[inside]
    result, _ = build_site(tmp_path, seeds, out=out)
    assert result.returncode != 0
    assert not out.exists()
    name = {"site": "site_dir", "package": "the generator package"}[inside]
    assert f"digest: {out}: output folder overlaps {name} " in result.stderr


@pytest.mark.parametrize("where", ["seeds-in-docs", "seeds-in-site", "out-in-site", "out-in-package"])
def test_the_command_line_refuses_folders_inside_docs_site_or_the_package(tmp_path, where):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    seeds = {"seeds-in-docs": project / "docs" / "seeds", "seeds-in-site": project / "site" / "seeds"}.get(
        where, project / "seeds")
    sample_seeds(seeds)
    out = {"out-in-site": project / "site" / "generated",
           "out-in-package": ROOT / "generator" / "generated"}.get(where, project / "generated")
    result = run_cli("--config", str(project / "mkdocs.yml"), "build", "--seeds", str(seeds),
                     "--out", str(out), cwd=project)
    assert result.returncode == 2
    culprit = seeds if where.startswith("seeds") else out
    assert result.stderr.startswith(f"error: {culprit}: ")
    assert not out.exists()
