"""``make serve`` previews: a real ``mkdocs serve`` with the Makefile's options, after each kind of edit,
holds the very site a fresh ``mkdocs build`` makes of the same files, search index included."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import jinja2
import pytest

from conftest import ROOT, SEEDS
from generator.bench.corpus import write_corpus
from generator.bench.previews import add_dated_quote, add_seed, add_sentence, move_story_date, retitle
from generator.bench.serve import SETTLE_S, ServeProcess, free_port, serve_options
from generator.preview import TemplateCache, environment_signature, remove_outputs
from test_safety import MKDOCS, tree_hashes

EPOCH = {"SOURCE_DATE_EPOCH": "1739404800"}  # the sitemap's dates are the build's
SENTENCE = "Kalimat ini ditambahkan saat penyuntingan."
EVERY_PAGE = "digest: dirty build: "


def write_config(work: Path, name: str, port: int, out_dir: Path, options: str = "", extra: str = "") -> Path:
    """Write a mkdocs.yml for the site in ``work`` whose address is the preview's."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_url:.*$", f"site_url: http://127.0.0.1:{port}/", text)
    text = text.replace("custom_dir: generator/render/theme", f"custom_dir: {ROOT / 'generator/render/theme'}")
    text = text.replace("seeds_dir: seeds", f"seeds_dir: {work / 'seeds'}\n      out_dir: {out_dir}{options}")
    config = work / name
    config.write_text(text + f"\ndocs_dir: {work / 'docs'}\n{extra}", encoding="utf-8")
    return config


class Preview:
    """A site in a folder of its own, served by ``mkdocs serve`` as ``make serve`` runs it."""

    def __init__(self, work: Path, page_rows: int | None = None, extra: str = ""):
        self.work, self.port, self.extra = work, free_port(), extra
        self.options = f"\n      page_rows: {page_rows}" if page_rows else ""
        self.config = self.write_config("mkdocs.yml", work / "generated")
        (work / "tmp").mkdir()
        self.server = ServeProcess.start(self.config, port=self.port,
                                         env={**EPOCH, "TMPDIR": str(work / "tmp")})
        self.site = next((work / "tmp").glob("mkdocs_*"))
        self.original = self.fresh_build()

    def write_config(self, name: str, out_dir: Path) -> Path:
        return write_config(self.work, name, self.port, out_dir, self.options, self.extra)

    def reload(self, change, until: str = "Reloading browsers") -> list[str]:
        """Make a change and wait for the browsers' reload; return the digest's log lines of it."""
        time.sleep(SETTLE_S)  # longer than MkDocs' polling: the last change is behind us
        self.server.drain()
        start = len(self.server.log)
        change()
        self.server.wait_for(until, errors=until != "Reloading browsers")
        return [line for line in self.server.log[start:] if EVERY_PAGE in line]

    def fresh_build(self) -> dict[str, str]:
        """Build the same files with ``mkdocs build`` into a new folder; return its tree's hashes."""
        config = self.write_config("fresh.yml", self.work / "fresh-generated")
        site = self.work / "fresh-site"
        shutil.rmtree(site, ignore_errors=True)
        result = subprocess.run([str(MKDOCS), "build", "-q", "-f", str(config), "-d", str(site)],
                                capture_output=True, text=True, cwd=self.work, timeout=600,
                                env={**os.environ, **EPOCH, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode == 0, result.stderr
        return tree_hashes(site)

    def differences(self, expected: dict[str, str]) -> list[str]:
        served = tree_hashes(self.site)
        return sorted(path for path in served.keys() | expected.keys() if served.get(path) != expected.get(path))

    def search_index(self) -> dict:
        return json.loads((self.site / "search" / "search_index.json").read_text(encoding="utf-8"))


def copy_samples(work: Path) -> Path:
    shutil.copytree(SEEDS, work / "seeds")
    shutil.copytree(ROOT / "docs", work / "docs")
    return work


def synthetic(work: Path) -> Path:
    write_corpus(work / "seeds", 40, SEEDS)
    shutil.copytree(ROOT / "docs", work / "docs")
    return work


@pytest.fixture(scope="module")
def previews(tmp_path_factory):
    """One preview per corpus, started when a test first needs it."""
    started: dict[str, Preview] = {}

    def preview(corpus: str) -> Preview:
        if corpus not in started:
            work = tmp_path_factory.mktemp(corpus)
            if corpus == "samples":
                started[corpus] = Preview(copy_samples(work))
            else:
                started[corpus] = Preview(synthetic(work), page_rows=4)  # pages split by month
        return started[corpus]
    yield preview
    for preview_ in started.values():
        preview_.server.stop()


def seed_of(preview: Preview, index: int = 1) -> Path:
    seeds = sorted((preview.work / "seeds").glob("*.txt"))
    return seeds[index * len(seeds) // 5]


# Each edit returns its undo; MkDocs renders again only what the edit changed.
def edit_seed(edit):
    def apply(preview: Preview):
        return edit(seed_of(preview))
    apply.__name__ = edit.__name__
    return apply


def remove_seed(preview: Preview):
    seed = seed_of(preview, 3)
    data = seed.read_bytes()
    seed.unlink()
    return lambda: seed.write_bytes(data)


def describe_an_entity(preview: Preview):
    entities = preview.work / "seeds" / "entities.yml"
    data = entities.read_bytes()
    entities.write_text(data.decode("utf-8").replace("\n  description: ", "\n  description: (diperiksa) ", 1),
                        encoding="utf-8")
    return lambda: entities.write_bytes(data)


def edit_a_hand_written_page(preview: Preview):
    about = preview.work / "docs" / "about.md"
    data = about.read_bytes()
    about.write_text(data.decode("utf-8") + "\nParagraf baru dari editor.\n", encoding="utf-8")
    return lambda: about.write_bytes(data)


def add_a_hand_written_page(preview: Preview):
    page = preview.work / "docs" / "catatan.md"
    page.write_text("# Catatan\n\nHalaman baru dari editor.\n", encoding="utf-8")
    return page.unlink


def change_the_configuration(preview: Preview):
    def write(extra: str) -> None:
        preview.extra = extra
        preview.write_config("mkdocs.yml", preview.work / "generated")
    write("copyright: Hak cipta diubah saat pratinjau.\n")
    return lambda: write("")


PARTIAL = [edit_seed(add_sentence), edit_seed(add_dated_quote), edit_seed(retitle), edit_seed(move_story_date),
           edit_seed(add_seed), remove_seed, describe_an_entity, edit_a_hand_written_page]
FULL = [add_a_hand_written_page, change_the_configuration]
CASES = ([pytest.param("samples", edit, False, id=f"samples-{edit.__name__}") for edit in PARTIAL]
         + [pytest.param("samples", edit, True, id=f"samples-{edit.__name__}") for edit in FULL]
         + [pytest.param("synthetic", edit, False, id=f"synthetic-{edit.__name__}") for edit in
            (edit_seed(add_sentence), edit_seed(add_dated_quote), edit_seed(retitle), edit_seed(add_seed),
             remove_seed)])


@pytest.mark.parametrize("corpus, edit, every_page", CASES)
def test_a_preview_after_an_edit_and_its_undoing_equals_a_fresh_build(previews, corpus, edit, every_page):
    preview = previews(corpus)
    undo = []
    logged = preview.reload(lambda: undo.append(edit(preview)))
    edited = preview.fresh_build()
    assert preview.differences(edited) == []
    assert edited != preview.original  # the edit shows
    assert any("every page rendered again" in line for line in logged) == every_page, logged
    preview.reload(undo[0])
    assert preview.differences(preview.original) == []


def test_the_search_index_keeps_every_page_once_and_only_the_current_text(previews):
    preview = previews("samples")
    undo = []
    preview.reload(lambda: undo.append(add_sentence(seed_of(preview))))
    edited = preview.search_index()
    preview.reload(undo[0])
    undone = preview.search_index()
    for index in (edited, undone):
        locations = [entry["location"] for entry in index["docs"]]
        assert len(locations) == len(set(locations))
        pages = {location.split("#")[0] for location in locations}
        assert {"", "about/", "timeline/"} <= pages
        assert sum(location.startswith("articles/") and "#" not in location for location in locations) == 5
    assert sum(SENTENCE in entry["text"] for entry in edited["docs"]) == 1
    assert not any(SENTENCE in entry["text"] for entry in undone["docs"])


def test_make_serve_runs_mkdocs_serve_dirty():
    assert serve_options() == ["--dirty"]


def test_after_a_failed_rebuild_the_next_renders_every_page(tmp_path):
    """A strict build that fails at its end has written its pages: the next may trust nothing."""
    preview = Preview(copy_samples(tmp_path), extra="strict: true\n")
    try:
        undo = []
        preview.reload(lambda: undo.append(add_sentence(seed_of(preview))))
        about = preview.work / "docs" / "about.md"
        data = about.read_bytes()
        preview.reload(lambda: about.write_text(data.decode() + "\n[Hilang](tidak-ada.md)\n", encoding="utf-8"),
                       until="An error happened during the rebuild")
        logged = preview.reload(lambda: (about.write_bytes(data), undo[0]()))
        assert any("every page rendered again" in line for line in logged), logged
        assert preview.differences(preview.original) == []
    finally:
        preview.server.stop()


def render_with(cache: TemplateCache, source: str, **settings) -> str:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}), **settings)
    env.bytecode_cache = cache
    return env.get_template("page.html").render(name="Peskov")


def test_a_kept_compiled_template_is_compiled_again_once_edited():
    cache = TemplateCache()
    assert render_with(cache, "Halo {{ name }}") == "Halo Peskov"
    assert len(cache.compiled) == 1
    assert render_with(cache, "Hai {{ name }}!") == "Hai Peskov!"


def test_environments_that_compile_differently_keep_apart():
    plain = jinja2.Environment()
    assert environment_signature(plain) == environment_signature(jinja2.Environment())
    assert environment_signature(plain) != environment_signature(jinja2.Environment(trim_blocks=True))
    assert environment_signature(plain) != environment_signature(jinja2.Environment(extensions=["jinja2.ext.i18n"]))


def test_only_outputs_inside_the_site_folder_are_removed(tmp_path):
    site, outside = tmp_path / "site", tmp_path / "keep.html"
    (site / "articles" / "lama").mkdir(parents=True)
    (site / "articles" / "lama" / "index.html").write_text("lama", encoding="utf-8")
    outside.write_text("bukan milik situs", encoding="utf-8")
    remove_outputs(str(site), [str(site / "articles" / "lama" / "index.html"), str(outside)])
    assert outside.is_file()
    assert not (site / "articles").exists() and site.is_dir()  # the folders left empty go too
