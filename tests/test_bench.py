"""generator/bench/: a deterministic, realistic synthetic corpus, and a bench run that reports every field."""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS
from generator.bench import corpus as synthetic
from generator.bench import previews
from generator.bench import report as bench_report
from generator.annotate.entities import parse_entities
from generator.annotate.glossary import parse_glossary

SIZE = 60


@pytest.fixture(scope="module")
def corpus() -> list[synthetic.SyntheticArticle]:
    return synthetic.build_corpus(SIZE, SEEDS)


@pytest.fixture(scope="module")
def texts(corpus) -> list[str]:
    return [article.raw.decode("utf-8", errors="replace") for article in corpus]


def test_corpus_is_deterministic(corpus):
    again = synthetic.build_corpus(SIZE, SEEDS)
    assert [(a.name, a.raw, a.sidecar) for a in again] == [(a.name, a.raw, a.sidecar) for a in corpus]


def test_article_does_not_depend_on_corpus_size(corpus):
    assert synthetic.build_corpus(10, SEEDS) == corpus[:10]


@pytest.mark.parametrize("marker", [
    "ADVERTISEMENT", "Baca juga:", "Copyright ©", "Pilihan Editor:", "Simak breaking news", "(Reuters) -",
], ids=["ad", "read-also", "copyright", "editor-pick", "promo", "wire-dateline"])
def test_corpus_contains_boilerplate(texts, marker):
    assert any(marker in text for text in texts)


@pytest.mark.parametrize("byline", ["- detikNews", "Penulis ", "Pewarta: ", "By "],
                         ids=["detik", "kompas", "antara", "reuters"])
def test_corpus_contains_bylines(texts, byline):
    assert any(byline in text for text in texts)


def test_corpus_has_quotes_dates_and_many_outlets(corpus, texts):
    assert sum(("“" in t or '"' in t) for t in texts) > SIZE * 0.8
    assert sum(" WIB" in t for t in texts) > SIZE / 2
    assert len({a.outlet for a in corpus}) >= 6
    assert {a.language for a in corpus} == {"id", "en"}
    assert len({a.story_date for a in corpus}) == (SIZE - 1) // synthetic.ARTICLES_PER_DAY + 1


def test_articles_are_about_three_kilobytes(corpus):
    assert 1500 < statistics.mean(len(a.raw) for a in corpus) < 5000


def test_names_are_files_of_their_content(corpus):
    assert len({a.name for a in corpus}) == SIZE
    assert all(a.name.endswith(".txt") and a.name[:5].isdigit() for a in corpus)


@pytest.mark.parametrize("sentence, expected", [
    ("Kremlin pada Rabu (12 Februari 2025) mengumumkan", "Kremlin pada Selasa (4 Maret 2025) mengumumkan"),
    ("pada hari Rabu (12/2) bahwa", "pada hari Selasa (4/3) bahwa"),
    ("Kamis (13/2/2025), Trump", "Selasa (4/3/2025), Trump"),
    ("pada Februari 2022, ketika", "pada Februari 2022, ketika"),
], ids=["long-with-weekday", "short", "short-with-year", "background-month-stays"])
def test_shift_dates(sentence, expected):
    assert synthetic.shift_dates(sentence, dt.date(2025, 3, 4)) == expected


def test_written_corpus_has_valid_knowledge_files(tmp_path):
    articles = synthetic.write_corpus(tmp_path, 30, SEEDS)
    entities, problems = parse_entities((tmp_path / "entities.yml").read_text(encoding="utf-8"),
                                        "entities.yml")
    terms, term_problems = parse_glossary((tmp_path / "glossary.yml").read_text(encoding="utf-8"),
                                          "glossary.yml")
    assert problems == () and term_problems == ()
    assert len(entities) > 20 and len(terms) >= len(synthetic.GLOSSARY)
    assert len(list(tmp_path.glob("*.txt"))) == len(articles) == 30
    assert all((tmp_path / a.name).read_bytes() == a.raw for a in articles)


@pytest.fixture(scope="module")
def report() -> dict:
    """Run the bench command on 20 articles, with MkDocs, the incremental rebuild and ``make serve``."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(ROOT / "mkdocs.yml"), "bench",
         "--seeds", str(SEEDS), "--articles", "20", "--json", "--incremental", "--rounds", "1"],
        capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", [
    "generator.stages_s.read", "generator.stages_s.ingest", "generator.stages_s.annotate",
    "generator.stages_s.link", "generator.stages_s.render", "generator.stages_s.write",
    "generator.generator_s", "generator.articles_per_s", "generator.peak_rss_mb",
    "generator.markdown.article_page_bytes", "generator.abbreviations_bytes_per_page",
    "mkdocs.seconds", "mkdocs.peak_rss_mb", "mkdocs.article_page_bytes", "mkdocs.search_index_bytes",
    "floor.seconds", "floor.article_page_bytes", "floor.search_index_bytes", "ratio",
    "incremental.full_s", "incremental.edited.seconds", "incremental.edited.rewritten",
    "incremental.unchanged.rewritten", "preview.rebuild_after_edit_s", "serve.first_build_s",
])
def test_bench_reports_every_field(report, path):
    value = bench_report.dig(report["results"][0], *path.split("."))
    assert isinstance(value, (int, float)), f"{path}: {value!r}"


@pytest.mark.parametrize("path", ["generator.markdown.largest_pages", "mkdocs.largest_pages"])
def test_bench_lists_the_largest_corpus_pages(report, path):
    pages = bench_report.dig(report["results"][0], *path.split("."))
    assert pages and all(not page.startswith("articles/") and size > 0 for page, size in pages)


def test_bench_reports_machine_and_size(report):
    assert report["machine"]["nproc"] >= 1 and report["machine"]["python"]
    assert report["results"][0]["n"] == 20
    assert report["results"][0]["generator"]["articles"] == 20
    assert report["results"][0]["incremental"]["unchanged"]["rewritten"] == 0


@pytest.mark.parametrize("kind", list(previews.EDIT_KINDS))
def test_bench_times_every_kind_of_edit_and_each_shows(report, kind):
    timed = report["results"][0]["incremental"]["kinds"][kind]
    assert 0 < timed["median_s"] <= timed["max_s"]
    assert len(timed["rewritten"]) == 6 and min(timed["rewritten"]) >= 1  # every edit and undo shows


@pytest.mark.parametrize("kind", list(previews.SERVE_KINDS))
def test_bench_times_make_serve_from_edit_to_reload_for_every_kind_of_edit(report, kind):
    served = report["results"][0]["serve"]
    timed = served["kinds"][kind]
    assert served["command"] == "mkdocs serve --dirty"
    assert len(timed["reloads"]) == 2  # the edit of one seed, and its undoing
    assert all(0 < r["detect_s"] < r["seconds"] <= timed["max_s"] for r in timed["reloads"])
    assert timed["median_s"] <= timed["max_s"]


def test_table_has_one_row_per_size_in_each_table(report):
    text = bench_report.format_report(report)
    rows = [line for line in text.splitlines() if line.startswith("|") and line.split("|")[1].strip() == "20"]
    assert len(rows) == 6  # times, sizes, incremental rebuild, kinds of edit, make serve, its split
