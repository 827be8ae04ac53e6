"""Adversarial input: every bad file gets one clear ``file[:line]: reason``, the rest of the digest
still builds, strict mode fails naming every bad file, and nothing from the input becomes markup.

Fixtures are in ``tests/fixtures/adversarial/`` (one file per case, named for it). Binary,
UTF-16, Latin-1, huge and one-line files and odd file names are made at test time.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT
from test_safety import (audit_site, build_site, markup_from_input, run_cli, text_of,
                         tree_hashes)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "adversarial"
GOOD = (FIXTURES / "good_article.txt").read_text(encoding="utf-8")
CONTROL = "legit_structure.txt"  # a good article beside every bad one: the rest still builds
LATIN1 = ("Café owners in São Paulo raise prices\nSÃO PAULO, Feb 12 (Reuters) - The café owner, "
          "señor José Núñez, said prices rose “sharply” this year, and customers noticed it at once.\n")
HUGE_BYTES = 50 * 1024 * 1024


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class Sparse(int):
    """A file of this many bytes made sparse: it takes no disk, and the size limit must refuse it
    before a byte of it is read."""


@dataclass(frozen=True)
class Case:
    files: dict  # name in the seeds folder -> fixture name, bytes, a callable making bytes, or Sparse
    messages: tuple[tuple[str, str], ...]  # (severity, "file[:line]: reason"), exactly
    built: tuple[str, ...] = ()  # seed files that must still become articles
    skipped: tuple[str, ...] = ()  # seed files that must not
    options: dict = field(default_factory=dict)


def error(message: str) -> tuple[str, str]:
    return ("error", message)


def warning(message: str) -> tuple[str, str]:
    return ("warning", message)


CASES = {
    "empty": Case({"empty.txt": "empty.txt"}, (error("empty.txt: empty file"),),
                  skipped=("empty.txt",)),
    "whitespace-only": Case({"whitespace_only.txt": "whitespace_only.txt"},
                            (error("whitespace_only.txt: empty file"),), skipped=("whitespace_only.txt",)),
    "only-boilerplate": Case(
        {"only_boilerplate.txt": "only_boilerplate.txt"},
        (error("only_boilerplate.txt: no article text left after removing boilerplate"),),
        skipped=("only_boilerplate.txt",)),
    "binary": Case({"binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16},
                   (error("binary.txt: binary file, not text"),), skipped=("binary.txt",)),
    "binary-nul": Case({"nul.txt": GOOD.encode("utf-8")[:200] + b"\x00\x00\x01" + b"x" * 200},
                       (error("nul.txt: binary file, not text"),), skipped=("nul.txt",)),
    "latin-1": Case({"latin1.txt": LATIN1.encode("cp1252")},
                    (warning("latin1.txt: not UTF-8: decoded as cp1252; check accented letters and "
                             "quotes"),), built=("latin1.txt",)),
    "utf-16": Case({"utf16.txt": lambda: GOOD.encode("utf-16")},
                   (warning("utf16.txt: not UTF-8: decoded as UTF-16; save it as UTF-8 for other "
                            "tools"),), built=("utf16.txt",)),
    "utf-16-le-without-bom": Case(
        {"utf16le.txt": lambda: GOOD.encode("utf-16-le")},
        (warning("utf16le.txt: not UTF-8: decoded as UTF-16-LE; save it as UTF-8 for other tools"),),
        built=("utf16le.txt",)),
    "huge": Case({"huge.txt": Sparse(HUGE_BYTES)},
                 (error("huge.txt: file is 52,428,800 bytes, over the 2,097,152-byte limit (raise "
                        "max_seed_bytes if this is really one article)"),), skipped=("huge.txt",)),
    "size-limit-configurable": Case(
        {"good.txt": "good_article.txt"},
        (error("good.txt: file is 713 bytes, over the 600-byte limit (raise max_seed_bytes if "
               "this is really one article)"),), skipped=("good.txt",),
        options={"max_seed_bytes": 600}),
    "one-mb-line": Case(
        {"one_line.txt": lambda: b"A page saved without line breaks\n" + b"word and more words. " * 50_000},
        (error("one_line.txt:2: a line of 1,050,000 bytes, over the 100,000-byte limit for one line "
               "(a page saved without line breaks?)"),), skipped=("one_line.txt",)),
    "unbalanced-quotes": Case(
        {"unbalanced_quotes.txt": "unbalanced_quotes.txt"},
        (warning("unbalanced_quotes.txt:4: unbalanced quotation mark: opening \" without a closing "
                 "one (near '\"The two presidents…')"),), built=("unbalanced_quotes.txt",)),
    "file-name-not-utf8": Case(
        {os.fsdecode(b"caf\xe9.txt"): "same_title.txt"},
        (error("caf\ufffd.txt: file name is not valid UTF-8; rename it"),),
        skipped=(os.fsdecode(b"caf\xe9.txt"),)),
    "sidecar-invalid-yaml": Case(
        {"sidecar_invalid_yaml.txt": "good_article.txt", "sidecar_invalid_yaml.yml": "sidecar_invalid_yaml.yml"},
        (error("sidecar_invalid_yaml.yml:3: invalid YAML: expected ',' or ']', but got ':'"),),
        skipped=("sidecar_invalid_yaml.txt",)),
    "sidecar-unknown-field": Case(
        {"sidecar_unknown_field.txt": "good_article.txt",
         "sidecar_unknown_field.yml": "sidecar_unknown_field.yml"},
        (error("sidecar_unknown_field.yml:2: unknown field 'auhtor'; did you mean 'author'?"),),
        skipped=("sidecar_unknown_field.txt",)),
    "sidecar-wrong-type": Case(
        {"sidecar_wrong_type.txt": "good_article.txt", "sidecar_wrong_type.yml": "sidecar_wrong_type.yml"},
        (error("sidecar_wrong_type.yml:2: field 'tags': expected a list of text tags"),),
        skipped=("sidecar_wrong_type.txt",)),
    "sidecar-alias-bomb": Case(
        {"sidecar_alias_bomb.txt": "good_article.txt", "sidecar_alias_bomb.yml": "sidecar_alias_bomb.yml"},
        (error("sidecar_alias_bomb.yml:2: invalid YAML: YAML aliases (*name) are not allowed in digest "
               "files"),), skipped=("sidecar_alias_bomb.txt",)),
    "sidecar-control-character": Case(
        {"sidecar_control.txt": "good_article.txt", "sidecar_control.yml": b"title: ok\nauthor: a\x1bb\n"},
        (error("sidecar_control.yml:2: invalid YAML: character 0x001b is not allowed (a control "
               "character)"),), skipped=("sidecar_control.txt",)),
    "sidecar-impossible-date": Case(
        {"sidecar_impossible_date.txt": "good_article.txt",
         "sidecar_impossible_date.yml": "sidecar_impossible_date.yml"},
        (error("sidecar_impossible_date.yml:2: invalid YAML: '2025-02-30' is not a valid timestamp "
               "(day is out of range for month)"),), skipped=("sidecar_impossible_date.txt",)),
    "sidecar-date-out-of-range": Case(
        {"sidecar_date_out_of_range.txt": "good_article.txt",
         "sidecar_date_out_of_range.yml": "sidecar_date_out_of_range.yml"},
        (error("sidecar_date_out_of_range.yml:2: field 'story_date': expected a date between 1800 "
               "and 2200"),), skipped=("sidecar_date_out_of_range.txt",)),
    "sidecar-python-tag": Case(
        {"sidecar_python_tag.txt": "good_article.txt", "sidecar_python_tag.yml": "sidecar_python_tag.yml"},
        (error("sidecar_python_tag.yml:1: field 'title': expected text, got a list"),),
        skipped=("sidecar_python_tag.txt",)),
    "sidecar-deep-nesting": Case(
        {"sidecar_deep.txt": "good_article.txt",
         "sidecar_deep.yml": lambda: b"tags: " + b"[" * 5000 + b"]" * 5000 + b"\n"},
        (error("sidecar_deep.yml: invalid YAML: lists or mappings nested too deeply"),),
        skipped=("sidecar_deep.txt",)),
    "sidecar-note-anchor-missing": Case(
        {"sidecar_note_anchor_missing.txt": "good_article.txt",
         "sidecar_note_anchor_missing.yml": "sidecar_note_anchor_missing.yml"},
        (error("sidecar_note_anchor_missing.yml:5: note anchor 'a phrase that is nowhere in the "
               "article' is not in the article text of sidecar_note_anchor_missing.txt"),),
        skipped=("sidecar_note_anchor_missing.txt",)),
    "entities-duplicate-ids": Case(
        {"entities.yml": "entities/duplicate_ids.yml", "good.txt": "good_article.txt"},
        (error("entities.yml:9: duplicate id 'vladimir-putin': already defined at line 1"),),
        built=("good.txt",)),
    "entities-shared-alias": Case(
        {"entities.yml": "entities/shared_alias.yml", "good.txt": "good_article.txt"},
        (error("entities.yml:5: 'Presiden Rusia' is a name or alias of both 'vladimir-putin' "
               "(line 1) and 'dmitry-peskov'"),), built=("good.txt",)),
}


def make_file(folder: Path, name: str, source) -> None:
    """Write one seed-folder file from a fixture name, bytes, a callable making bytes, or Sparse."""
    if isinstance(source, Sparse):
        with open(folder / name, "wb") as handle:
            handle.truncate(source)
        return
    data = fixture(source) if isinstance(source, str) else source() if callable(source) else source
    (folder / name).write_bytes(data)


def seeds_for(folder: Path, *cases: Case) -> Path:
    """Make a seeds folder holding the control article and the files of ``cases``."""
    folder.mkdir(parents=True, exist_ok=True)
    make_file(folder, CONTROL, CONTROL)
    for case in cases:
        for name, source in case.files.items():
            make_file(folder, name, source)
    return folder


def digest_of(seeds: Path, **options):
    """Run the whole pipeline (render included) on a seeds folder."""
    from generator.pipeline import Options, generate

    digest, pages = generate(Options(seeds, **options))
    return digest, dict(pages)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input_gets_one_clear_message_and_the_rest_builds(tmp_path, case):
    digest, pages = digest_of(seeds_for(tmp_path / "seeds", case), **case.options)
    found = [(d.severity, str(d)) for d in digest.diagnostics]
    for expected in case.messages:
        assert expected in found
    assert all("\n" not in message for _, message in found)
    built = {a.file for a in digest.articles}
    assert CONTROL in built
    assert set(case.built) <= built
    assert not set(case.skipped) & built
    assert all(f"articles/{a.slug}.md" in pages for a in digest.articles)


def test_utf16_files_are_decoded(tmp_path):
    seeds = seeds_for(tmp_path / "seeds")
    (seeds / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (seeds / "utf16le.txt").write_bytes(GOOD.replace("Kremlin says", "Moscow says").encode("utf-16-le"))
    digest, _ = digest_of(seeds)
    titles = {a.file: a.meta.title.value for a in digest.articles}
    assert titles["utf16.txt"] == "Kremlin says Putin and Trump agreed to keep talking"
    assert titles["utf16le.txt"] == "Moscow says Putin and Trump agreed to keep talking"


def test_two_articles_with_the_same_title_get_unique_slugs(tmp_path):
    seeds = seeds_for(tmp_path / "seeds")
    for name in ("same_title.txt", "same_title_again.txt", "same title (copy).txt"):
        make_file(seeds, name, "same_title.txt")
    digest, pages = digest_of(seeds)
    slugs = sorted(a.slug for a in digest.articles if a.file != CONTROL)
    assert slugs == ["putin-and-trump-speak-by-phone", "putin-and-trump-speak-by-phone-2",
                     "putin-and-trump-speak-by-phone-3"]
    assert all(f"articles/{slug}.md" in pages for slug in slugs)


ODD_NAMES = {
    "spaces": "berita dengan spasi.txt",
    "unicode": "berita-ünïcödé-日本語-😀.txt",
    "dots": "a..b...txt",
    "traversal-like": "a..%2F..%2Fetc%2Fpasswd.txt",
    "markup": "<img src=x onerror=alert('xss')>.txt",
    "quotes": "it's \"quoted\" & {{ x }}.txt",
}


@pytest.mark.parametrize("name", ODD_NAMES.values(), ids=ODD_NAMES.keys())
def test_odd_file_names_build_with_safe_slugs(tmp_path, name):
    seeds = seeds_for(tmp_path / "seeds")
    (seeds / name).write_bytes(fixture("same_title.txt"))
    digest, pages = digest_of(seeds)
    article = next(a for a in digest.articles if a.file == name)
    assert article.slug == "putin-and-trump-speak-by-phone"
    assert [d for d in digest.diagnostics if d.severity == "error"] == []
    assert set(pages) == {path for path in pages if ".." not in path and not path.startswith("/")}


def test_a_hidden_seed_is_named_in_a_warning(tmp_path):
    seeds = seeds_for(tmp_path / "seeds")
    make_file(seeds, "..hidden.txt", "same_title.txt")
    digest, _ = digest_of(seeds)
    assert [str(d) for d in digest.diagnostics] == [
        "..hidden.txt: ignored: a hidden file (its name starts with '.'); rename it to build it"]
    assert [a.file for a in digest.articles] == [CONTROL]


# ----------------------------------------------------------------------------- the whole site

BAD_CASES = [name for name, case in CASES.items() if case.skipped and not case.options]
HOSTILE_FILES = {
    "hostile_body.txt": "hostile_body.txt",
    "hostile_sidecar.txt": "good_article.txt",
    "hostile_sidecar.yml": "sidecar_hostile_values.yml",
    "<img src=x onerror=alert('xss')>.txt": "same_title.txt",
    "entities.yml": "entities/hostile_values.yml",
    "glossary.yml": "glossary/hostile_values.yml",
}


def hostile_seeds(folder: Path) -> Path:
    """Every bad case and every hostile file in one seeds folder (entities and glossary hostile)."""
    seeds = seeds_for(folder, *(CASES[name] for name in BAD_CASES))
    for name, source in HOSTILE_FILES.items():
        make_file(seeds, name, source)
    return seeds


def bad_files() -> set[str]:
    """The file each bad case is reported against."""
    return {message.split(":")[0] for name in BAD_CASES for _, message in CASES[name].messages}


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory) -> Path:
    """The same theme and configuration built from good articles only: the baseline markup."""
    folder = tmp_path_factory.mktemp("clean")
    seeds = seeds_for(folder / "seeds")
    make_file(seeds, "good.txt", "good_article.txt")
    result, site = build_site(folder, seeds)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """Build every bad and hostile case into one site (not strict); hash seeds and docs around it."""
    folder = tmp_path_factory.mktemp("hostile")
    seeds = hostile_seeds(folder / "seeds")
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs)
    before = (tree_hashes(seeds), tree_hashes(docs))
    result, site = build_site(folder, seeds, docs)
    after = (tree_hashes(seeds), tree_hashes(docs))
    return result, site, before, after


def test_a_non_strict_build_succeeds_and_lists_every_bad_file(hostile_build):
    result, site, _, _ = hostile_build
    assert result.returncode == 0, result.stderr
    for name in bad_files():
        assert f"digest: {name}" in result.stderr, name
    report = text_of((site / "report" / "index.html").read_text(encoding="utf-8"))
    for name in BAD_CASES:
        for _, message in CASES[name].messages:
            assert message in report, message


def test_the_rest_of_the_digest_still_builds(hostile_build):
    _, site, _, _ = hostile_build
    pages = {path.parent.name for path in (site / "articles").glob("*/index.html")}
    assert "five-things-to-know-about-the-putin-trump-call" in pages
    assert "putin-and-trump-speak-by-phone" in pages
    assert len(pages) == 4  # control, hostile body, hostile sidecar, hostile file name


# Elements the generator writes for a glossary (abbr, dl) and for quotes, which the clean build lacks.
GENERATED_ONLY_WITH_DATA = {"abbr", "blockquote", "dl", "dt", "dd"}


def test_no_markup_from_the_input_reaches_the_site(hostile_build, clean_site):
    _, site, _, _ = hostile_build
    hostile, clean = audit_site(site), audit_site(clean_site)
    assert markup_from_input(hostile, clean) == []
    assert hostile.tags - clean.tags <= GENERATED_ONLY_WITH_DATA


def test_edit_links_percent_encode_the_seed_file_name(hostile_build):
    _, site, _, _ = hostile_build
    links = re.findall(r'href="([^"]*/edit/main/seeds/[^"]*)"',
                       "".join(p.read_text(encoding="utf-8") for p in (site / "articles").rglob("*.html")))
    assert "https://github.com/example/news-digest/edit/main/seeds/%3Cimg%20src%3Dx%20onerror%3D" \
           "alert%28%27xss%27%29%3E.txt" in links


def test_entity_links_with_markup_are_refused_with_a_message():
    from generator.annotate.entities import parse_entities

    text = (FIXTURES / "entities" / "hostile_values.yml").read_text(encoding="utf-8")
    _, problems = parse_entities(text, "entities.yml")
    assert [str(p).split(":")[:2] for p in problems] == [["entities.yml", "6"]]


def test_hostile_text_is_shown_as_text(hostile_build):
    _, site, _, _ = hostile_build
    pages = [text_of(path.read_text(encoding="utf-8")) for path in (site / "articles").glob("*/index.html")]
    everything = "\n".join(pages)
    for shown in ["<iframe src=\"https://evil.example/xss\"></iframe>",
                  "<!-- xss swallowed --> and everything after the comment must still be shown",
                  "[click here](javascript:alert('xss'))", "{{ config.extra }}",
                  "{% include 'xss' %}", "&lt;script&gt;xss&lt;/script&gt;",
                  "<img src=x onerror=alert('xss')> Kremlin says Putin and Trump agreed to keep talking"]:
        assert shown in everything, shown


def test_seeds_and_docs_are_byte_identical_after_the_build(hostile_build):
    _, _, before, after = hostile_build
    assert after == before


def test_strict_option_fails_naming_every_bad_file(tmp_path):
    seeds = hostile_seeds(tmp_path / "seeds")
    result, _ = build_site(tmp_path, seeds, strict=True)
    assert result.returncode != 0
    failure = result.stderr[result.stderr.index("strict mode"):]
    for name in bad_files():
        assert name in failure, name


def test_mkdocs_strict_fails_naming_every_bad_file(tmp_path):
    seeds = hostile_seeds(tmp_path / "seeds")
    result, _ = build_site(tmp_path, seeds, mkdocs_strict=True)
    assert result.returncode != 0
    for name in bad_files():
        assert f"WARNING -  digest: {name}" in result.stderr, name


def test_check_prints_every_problem_on_one_line_and_fails(tmp_path):
    seeds = hostile_seeds(tmp_path / "seeds")
    result = run_cli("check", "--seeds", str(seeds))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for name in BAD_CASES:
        for severity, message in CASES[name].messages:
            assert f"{severity}: {message}" in lines, message


def test_structure_the_editor_wants_is_emitted_by_the_generator(hostile_build):
    _, site, _, _ = hostile_build
    page = (site / "articles" / "five-things-to-know-about-the-putin-trump-call" / "index.html")
    text = page.read_text(encoding="utf-8")
    items = re.findall(r'<li id="p\d+" value="(\d)">', text)
    assert items == ["1", "2", "3"]
    headings = re.findall(r'<h2 id="p\d+">([^<]*)', text)
    assert headings == ["What was agreed", "What comes next"]


def test_hostile_meta_values_reach_head_as_text(hostile_build):
    _, site, _, _ = hostile_build
    page = next(path for path in (site / "articles").glob("*/index.html")
                if "kremlin-says-putin-and-trump" in path.parent.name)
    head = page.read_text(encoding="utf-8").split("</head>")[0]
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert html.unescape(title).startswith("<img src=x onerror=alert('xss')> Kremlin says Putin")
    description = re.search(r'<meta name="description" content="([^"]*)"', head).group(1)
    assert html.unescape(description).startswith("\"><script>alert('xss')</script> a description")
    author = re.search(r'<meta name="author" content="([^"]*)"', head).group(1)
    assert html.unescape(author) == "</title><script>alert('xss')</script>"


@pytest.fixture(scope="module")
def hostile_feeds(tmp_path_factory):
    """The RSS and JSON feeds of the hostile digest, and the leads they should show."""
    from generator.render.feeds import render_feeds
    from generator.pipeline import Options, generate
    from generator.render.site import labels_for
    from generator.render.views import lead_of

    digest, _ = generate(Options(hostile_seeds(tmp_path_factory.mktemp("feeds") / "seeds")))
    feeds = dict(render_feeds(digest, "https://example.org/", "id", labels_for("id"), lead_of))
    leads = {" ".join(str(a.meta.title.value).split()): " ".join(lead_of(a).split())
             for a in digest.articles}
    return feeds, leads


def test_rss_descriptions_show_input_as_text(hostile_feeds):
    import feedparser

    feeds, leads = hostile_feeds
    entries = feedparser.parse(feeds["feed.xml"]).entries
    assert len(entries) == len(leads)
    for entry in entries:
        shown = html.unescape(entry.summary) if entry.summary_detail.type == "text/html" else entry.summary
        assert shown == leads[entry.title]


def test_rss_titles_and_json_feed_carry_input_as_plain_text(hostile_feeds):
    import json

    import feedparser

    feeds, leads = hostile_feeds
    for entry in feedparser.parse(feeds["feed.xml"]).entries:
        assert entry.title_detail.type == "text/plain" and entry.title in leads
    items = json.loads(feeds["feed.json"])["items"]
    assert {item["title"]: item["content_text"] for item in items} == leads
    assert all("content_html" not in item for item in items)


def test_an_entity_id_that_names_a_generated_page_is_refused_and_the_rest_builds(tmp_path):
    seeds = seeds_for(tmp_path / "seeds")
    (seeds / "entities.yml").write_text("- id: index\n  name: Index Person\n  type: person\n",
                                        encoding="utf-8")
    result = run_cli("build", "--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "error: entities.yml:1: " in result.stderr


def audit_search_index(site: Path):
    """Audit the HTML that Material's search shows: every title and text of the index."""
    import json

    from test_safety import audit_html

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return audit_html("".join(f"<div>{doc.get('title', '')}</div><div>{doc.get('text', '')}</div>"
                              for doc in docs))


def test_the_search_index_holds_input_as_text(hostile_build, clean_site):
    _, site, _, _ = hostile_build
    hostile, clean = audit_search_index(site), audit_search_index(clean_site)
    assert markup_from_input(hostile, clean) == []
    assert hostile.tags <= clean.tags | {"abbr", "ol", "h2"}


def test_the_size_limit_is_set_on_the_command_line(tmp_path):
    seeds = seeds_for(tmp_path / "seeds")
    make_file(seeds, "good.txt", "good_article.txt")
    result = run_cli("check", "--seeds", str(seeds), "--max-bytes", "600")
    assert result.returncode == 1
    assert ("error: good.txt: file is 713 bytes, over the 600-byte limit (raise max_seed_bytes if this "
            "is really one article)") in result.stderr.splitlines()
