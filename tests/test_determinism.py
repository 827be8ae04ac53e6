"""Deterministic output: the same input gives byte-identical Markdown, whatever the hash seed or the
number of processes, and with SOURCE_DATE_EPOCH an identical site (sitemap.xml.gz and the search
index included), wherever it is built."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from generator.bench.corpus import write_corpus
from generator.pipeline import POOL_MIN_SEEDS
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


@pytest.fixture(scope="module")
def many_seeds(tmp_path_factory) -> Path:
    """Every bad and hostile case, the samples and synthetic articles: enough seeds for the pool."""
    folder = tmp_path_factory.mktemp("many")
    seeds = hostile_seeds(folder / "seeds")
    write_corpus(folder / "synthetic", POOL_MIN_SEEDS + 20, ROOT / "seeds")
    for path in [*(folder / "synthetic").glob("*.*"), *(ROOT / "seeds").glob("*.*")]:
        if path.name not in ("entities.yml", "glossary.yml"):
            shutil.copy(path, seeds / path.name)
    return seeds


def test_one_process_or_several_write_identical_markdown(tmp_path, many_seeds):
    for name, workers, seed in (("one", "1", "1"), ("pool", "2", "4242")):
        result = run_cli("build", "--seeds", str(many_seeds), "--out", str(tmp_path / name),
                         env={"DIGEST_WORKERS": workers, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
    assert differences(tree_hashes(tmp_path / "one"), tree_hashes(tmp_path / "pool")) == []


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_cold_build_of_many_seeds_ingests_in_a_pool_with_the_same_pages(monkeypatch, many_seeds, method):
    from generator import pipeline

    monkeypatch.setattr(pipeline, "pool_context", lambda: multiprocessing.get_context(method))
    watch = pipeline.Stopwatch()
    digest, pooled = pipeline.generate(pipeline.Options(many_seeds, workers=2), stopwatch=watch)
    assert "pool" in watch.seconds
    assert any(d.severity == "error" for d in digest.diagnostics)  # bad seeds came back as errors
    assert pooled == pipeline.generate(pipeline.Options(many_seeds, workers=1))[1]


def test_a_few_new_seeds_stay_in_this_process():
    from generator import pipeline

    watch = pipeline.Stopwatch()
    pipeline.generate(pipeline.Options(ROOT / "seeds", workers=2), stopwatch=watch)
    assert "pool" not in watch.seconds and watch.seconds["ingest"] > 0


@pytest.mark.parametrize("setting, expected", [("1", 1), ("3", 3), ("", None), ("many", None)],
                         ids=["one", "three", "unset", "not-a-number"])
def test_digest_workers_sets_the_number_of_processes(monkeypatch, setting, expected):
    from generator.pipeline import MAX_WORKERS, worker_count

    monkeypatch.setenv("DIGEST_WORKERS", setting)
    cores = min(MAX_WORKERS, len(os.sched_getaffinity(0)))
    assert worker_count() == (expected or cores)
    assert worker_count(2) == 2  # an explicit number wins


def test_workers_are_forked_only_from_a_single_threaded_process():
    import threading

    from generator.pipeline import pool_context

    if threading.active_count() == 1:
        assert pool_context().get_start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert pool_context().get_start_method() in ("forkserver", "spawn")  # as under mkdocs serve
    finally:
        stop.set()
        thread.join()
