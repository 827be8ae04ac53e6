"""The command line: build, check and inspect give the same pipeline without MkDocs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, SEEDS

META_FIELDS = ("title", "outlet", "original_source", "author", "published", "story_date", "section",
               "dateline", "language")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          cwd=ROOT)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    result = run("inspect", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_inspect_json_has_the_documented_shape(records):
    assert [r["file"] for r in records] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for record in records:
        for name in META_FIELDS:
            assert set(record[name]) == {"value", "provenance"}
            assert record[name]["provenance"] in (None, "text", "editor", "inferred")
            assert (record[name]["value"] is None) == (record[name]["provenance"] is None)
        assert isinstance(record["word_count"], int) and record["word_count"] > 100
        assert all(set(r) == {"line", "text", "reason"} for r in record["removed"])
        assert all(set(e) == {"id", "name", "type", "count"} for e in record["entities"])
        assert all(set(q) == {"text", "speaker", "attribution", "paragraph", "kind", "cluster"}
                   for q in record["quotes"])
        assert all(set(d) == {"text", "value", "precision"} for d in record["dates"])


@pytest.mark.parametrize("seed, title, outlet, author, published", [
    ("000", None, "ETIndonesia", "jhon", None),
    ("001", "Rusia Ungkap KTT Putin-Trump Segera, Persiapan Dua Negara Dimulai!", "Podme", "Guntur Wibowo",
     None),
    ("002", "Rusia: Pertemuan Putin-Trump Perlu Diadakan Segera", "detikNews", "Rita Uli Hutapea",
     "2025-02-13T17:57:00+07:00"),
    ("003", "Trump Sebut Amerika Serikat dan Russia Segera Negosiasi Akhiri Perang Ukraina", "Koran Jakarta",
     None, None),
    ("004", "Trump Isyaratkan Pertemuan Segera dengan Putin di Tengah Upaya Akhiri Konflik Ukraina", None,
     None, None),
], ids=["000", "001", "002", "003", "004"])
def test_inspect_gives_the_sample_metadata(records, seed, title, outlet, author, published):
    record = next(r for r in records if r["file"].startswith(seed))
    if title is None:
        assert record["title"]["provenance"] == "inferred" and record["title"]["value"]
    else:
        assert record["title"] == {"value": title, "provenance": "text"}
    assert record["outlet"]["value"] == outlet
    assert record["author"]["value"] == author
    assert record["published"]["value"] == published


@pytest.mark.parametrize("seed, story_date", [("000", "2025-02-12"), ("001", "2025-02-12"),
                                              ("002", "2025-02-13"), ("003", "2025-02-12"), ("004", None)],
                         ids=["000", "001", "002", "003", "004"])
def test_story_dates_of_the_samples(records, seed, story_date):
    record = next(r for r in records if r["file"].startswith(seed))
    assert record["story_date"]["value"] == story_date


def test_check_passes_on_the_samples():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "5 articles, 0 errors" in result.stdout


def test_check_fails_naming_the_bad_file(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "kosong.txt").write_text("  \n\n", encoding="utf-8")
    result = run("check", "--seeds", str(seeds))
    assert result.returncode == 1
    assert "error: kosong.txt: empty file" in result.stderr
    assert "5 articles, 1 errors" in result.stdout


@pytest.mark.parametrize("value", ["lots", "0", "-3", "2.5", "true"])
def test_a_bad_page_rows_setting_is_named_without_a_traceback(tmp_path, value):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nplugins:\n  - digest:\n      page_rows: {value}\n", encoding="utf-8")
    result = run("--config", str(config), "check", "--seeds", str(SEEDS))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{config}: digest option 'page_rows' must be a whole number of at least 1" in result.stderr


def test_page_rows_from_mkdocs_yml_splits_the_pages(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - digest:\n      page_rows: 2\n", encoding="utf-8")
    result = run("--config", str(config), "build", "--seeds", str(SEEDS), "--out", str(tmp_path / "tree"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tree" / "archive").is_dir() and (tmp_path / "tree" / "timeline").is_dir()


def test_build_writes_the_markdown_tree_anywhere(tmp_path):
    result = run("build", "--out", str(tmp_path / "tree"))
    assert result.returncode == 0, result.stderr
    written = {p.relative_to(tmp_path / "tree").as_posix() for p in (tmp_path / "tree").rglob("*.md")}
    assert {"index.md", "timeline.md", "quotes.md", "glossary.md", "entities/index.md"} <= written
    assert len([p for p in written if p.startswith("articles/")]) == 5


def test_inspect_reads_any_folder_of_articles():
    result = run("inspect", "--json", "--seeds", str(FIXTURES / "articles"))
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) >= 10
    assert all(r["title"]["value"] for r in records)
