"""A preview rebuild reuses what it can, and its pages are exactly those of a fresh build."""

from __future__ import annotations

import gc
import shutil
import subprocess
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


def built_before_and_after(options: Options, seeds: Path, edit) -> tuple:
    """Build, ``edit(seeds)``, rebuild with the same cache; return the pages before, the rebuilt
    pages, and the pages of a fresh build (every cache forgotten) of the edited seeds."""
    cache = Cache()
    _, before = generate(options, cache)
    edit(seeds)
    _, rebuilt = generate(options, cache)
    forget_everything()
    _, fresh = generate(options)
    return before, rebuilt, fresh


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


def add_a_seed(seeds: Path) -> None:
    """A new report first in file order: every later article moves one place down."""
    text = sorted(seeds.glob("*.txt"))[0].read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    (seeds / "000-new.txt").write_text(text.replace(first, "Laporan baru: " + first, 1), encoding="utf-8")


def move_the_story_date(seeds: Path) -> None:
    """An article's own news moves to another day: events, months and orders change."""
    seed = sorted(seeds.glob("*.txt"))[1]
    (seeds / f"{seed.stem}.yml").write_text("story_date: 2025-03-20\n", encoding="utf-8")


@pytest.mark.parametrize("edit", [edit_title, add_quote_and_date, add_sidecar_note, describe_peskov,
                                  remove_a_seed, add_a_seed, move_the_story_date])
@pytest.mark.parametrize("page_rows", [150, 2], ids=["one-page", "split"])
def test_a_rebuild_after_an_edit_equals_a_fresh_build(tmp_path, edit, page_rows):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    options = Options(seeds, page_rows=page_rows, site_url="https://example.org/digest/")
    before, rebuilt, fresh = built_before_and_after(options, seeds, edit)
    assert rebuilt == fresh
    assert rebuilt != before  # the edit shows


def test_edits_and_their_undoing_chain_without_drift(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    options, cache = Options(seeds, page_rows=2), Cache()
    _, original = generate(options, cache)
    originals = {path: path.read_bytes() for path in seeds.iterdir()}
    for edit in (edit_title, add_quote_and_date, move_the_story_date):
        edit(seeds)
        generate(options, cache)
    for path in list(seeds.iterdir()):
        if path not in originals:
            path.unlink()
    for path, data in originals.items():
        path.write_bytes(data)
    _, undone = generate(options, cache)
    assert undone == original


def test_a_rebuild_hands_on_unchanged_articles_as_the_same_objects(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    options, cache = Options(seeds), Cache()
    before, _ = generate(options, cache)
    edit_title(seeds)
    after, _ = generate(options, cache)
    edited = sorted(seeds.glob("*.txt"))[1].name
    kept = {a.file for a in after.articles if any(a is b for b in before.articles)}
    assert kept == {a.file for a in before.articles} - {edited}


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


def test_the_first_preview_build_is_kept_out_of_later_collections_once():
    """The pipeline freezes the heap after the first build of a process only: a second call must
    not freeze what later builds make (their garbage cycles would never be collected)."""
    script = ("import gc\nfrom generator.pipeline import keep_out_of_collections\n"
              "keep_out_of_collections()\nfirst = gc.get_freeze_count()\n"
              "later = [[n] for n in range(10000)]\nkeep_out_of_collections()\n"
              "print(first > 0, gc.get_freeze_count() == first)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.stdout.split() == ["True", "True"]
