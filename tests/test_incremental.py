"""A preview rebuild reuses what it can, and its pages are exactly those of a fresh build."""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

import pytest

from conftest import SEEDS
from generator.pipeline import Cache, Options, collector_paused, generate


def forget_everything() -> None:
    """Clear every function cache of the generator, as a new process would start."""
    for module in [module for name, module in sys.modules.items() if name.startswith("generator.")]:
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def edit_title(seeds: Path) -> None:
    seed = sorted(seeds.glob("*.txt"))[1]
    text = seed.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    seed.write_text(text.replace(first, first + " (diperbarui)", 1), encoding="utf-8")


def add_quote_and_date(seeds: Path) -> None:
    seed = sorted(seeds.glob("*.txt"))[2]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nPada 14 Februari 2025, Peskov berkata, "
                    "\"Kami masih harus menyelesaikan rinciannya.\"\n", encoding="utf-8")


def add_sidecar_note(seeds: Path) -> None:
    seed = sorted(seeds.glob("*.txt"))[0]
    (seeds / f"{seed.stem}.yml").write_text("summary: Ringkasan dari editor.\n", encoding="utf-8")


def describe_peskov(seeds: Path) -> None:
    entities = seeds / "entities.yml"
    entities.write_text(entities.read_text(encoding="utf-8").replace(
        "name: Dmitry Peskov", "name: Dmitry S. Peskov", 1), encoding="utf-8")


def remove_a_seed(seeds: Path) -> None:
    sorted(seeds.glob("*.txt"))[3].unlink()


@pytest.mark.parametrize("edit", [edit_title, add_quote_and_date, add_sidecar_note, describe_peskov,
                                  remove_a_seed])
@pytest.mark.parametrize("page_rows", [150, 2], ids=["one-page", "split"])
def test_a_rebuild_after_an_edit_equals_a_fresh_build(tmp_path, edit, page_rows):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    options, cache = Options(seeds, page_rows=page_rows, site_url="https://example.org/digest/"), Cache()
    _, before = generate(options, cache)
    edit(seeds)
    _, rebuilt = generate(options, cache)
    forget_everything()
    _, fresh = generate(options)
    assert rebuilt == fresh
    assert rebuilt != before  # the edit shows


def test_an_unchanged_rebuild_reuses_every_page(tmp_path):
    options, cache = Options(SEEDS, page_rows=2), Cache()
    _, first = generate(options, cache)
    _, second = generate(options, cache)
    assert second == first
    reused = [path for (path, text), (_, again) in zip(first, second) if again is text]
    assert len(reused) == len(first)


def test_the_pipeline_pauses_the_collector_and_restores_it():
    assert gc.isenabled()
    generate(Options(SEEDS))
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
