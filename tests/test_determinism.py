"""Deterministic output: the same input gives byte-identical Markdown, and with SOURCE_DATE_EPOCH
an identical site (sitemap.xml.gz and the search index included), wherever it is built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from test_adversarial import hostile_seeds
from test_safety import build_site, run_cli, tree_hashes

EPOCH = {"SOURCE_DATE_EPOCH": "1739404800"}  # 2025-02-13


def copy_seeds(folder: Path) -> Path:
    """Copy the sample seeds (and their editorial data) to ``folder``."""
    shutil.copytree(ROOT / "seeds", folder)
    return folder


def differences(first: dict, second: dict) -> list[str]:
    return sorted(path for path in first.keys() | second.keys() if first.get(path) != second.get(path))


@pytest.mark.parametrize("source", ["samples", "adversarial"])
def test_two_generator_builds_write_identical_markdown(tmp_path, source):
    seeds = copy_seeds(tmp_path / "seeds") if source == "samples" else hostile_seeds(tmp_path / "seeds")
    for name, seed in (("one", "1"), ("two", "4242")):
        result = run_cli("build", "--seeds", str(seeds), "--out", str(tmp_path / name),
                         env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
    assert differences(tree_hashes(tmp_path / "one"), tree_hashes(tmp_path / "two")) == []


def test_generating_twice_in_one_process_gives_the_same_pages(tmp_path):
    from generator.pipeline import Options, generate

    seeds = copy_seeds(tmp_path / "seeds")
    assert generate(Options(seeds))[1] == generate(Options(seeds))[1]


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """The sample site built twice with SOURCE_DATE_EPOCH, in different folders and hash seeds."""
    sites = []
    for name, seed in (("first", "1"), ("second", "4242")):
        folder = tmp_path_factory.mktemp(name)
        result, site = build_site(folder, copy_seeds(folder / "seeds"),
                                  env={**EPOCH, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        sites.append(site)
    return sites


def test_two_site_builds_with_source_date_epoch_are_identical(two_sites):
    first, second = two_sites
    assert differences(tree_hashes(first), tree_hashes(second)) == []


@pytest.mark.parametrize("path", ["sitemap.xml", "sitemap.xml.gz", "search/search_index.json",
                                  "api/articles.json"])
def test_indexes_sitemaps_and_feeds_are_identical(two_sites, path):
    first, second = two_sites
    assert (first / path).is_file()
    assert (first / path).read_bytes() == (second / path).read_bytes()


def test_no_build_folder_path_leaks_into_the_site(two_sites):
    first, _ = two_sites
    build_folder = str(first.parent)
    leaks = [path.relative_to(first).as_posix() for path in first.rglob("*")
             if path.is_file() and build_folder.encode() in path.read_bytes()]
    assert leaks == []
