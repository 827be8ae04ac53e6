"""ingest/seeds.py: which files are seeds, sidecars and data; size limit; stray files; what may not be read."""

import os
from pathlib import Path

import pytest

from conftest import FIXTURES
from generator.pipeline import Options, generate
from generator.ingest.seeds import DEFAULT_MAX_BYTES, read_seed, read_seed_folder
from generator.render.markup import escape_html


def test_reads_seeds_with_sidecars_and_data_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text("B")
    (tmp_path / "a b ü..x.txt").write_text("A")
    (tmp_path / "b.yml").write_text("title: B\n")
    (tmp_path / "entities.yml").write_text("[]\n")
    folder = read_seed_folder(tmp_path)
    assert [s.name for s in folder.seeds] == ["a b ü..x.txt", "b.txt"]
    assert folder.seeds[1].sidecar_name == "b.yml" and folder.seeds[1].sidecar_text == "title: B\n"
    assert folder.data == {"entities.yml": "[]\n"}
    assert folder.diagnostics == ()


def test_oversized_seed_is_refused_with_its_size(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 2000)
    folder = read_seed_folder(tmp_path, max_bytes=1000)
    assert folder.seeds == ()
    assert str(folder.diagnostics[0]).startswith("big.txt: file is 2,000 bytes, over the 1,000-byte limit")


def test_stray_files_are_warnings(tmp_path):
    (tmp_path / "orphan.yml").write_text("title: x\n")
    (tmp_path / "notes.md").write_text("x")
    messages = [str(d) for d in read_seed_folder(tmp_path).diagnostics]
    assert messages == ["notes.md: ignored: seeds are .txt files",
                        "orphan.yml: sidecar without an article (expected orphan.txt)"]


def test_missing_folder_is_reported(tmp_path):
    folder = read_seed_folder(tmp_path / "nope")
    assert "seeds folder not found" in str(folder.diagnostics[0])


# ----------------------------------------------------------------------------- what may be read

GOOD = (FIXTURES / "adversarial" / "good_article.txt").read_bytes()
SECRET = "RAHASIA-dari-luar-folder"


@pytest.fixture
def outside(tmp_path):
    """A private file and folder beside the seeds folder, and the empty seeds folder."""
    private = tmp_path / "private"
    private.mkdir()
    (private / "notes.txt").write_text(f"Judul\n\n{SECRET} adalah teks yang tidak boleh terbit.\n")
    (private / "notes.yml").write_text(f"title: {SECRET}\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    return private, seeds


def messages(folder) -> list[str]:
    return [f"{d.severity}: {d}" for d in folder.diagnostics]


LEAVING = "a link that leads outside the seeds folder; copy the file into the folder instead"


@pytest.mark.parametrize("name", ["leak.txt", "entities.yml", "glossary.yml"])
def test_a_link_to_a_file_outside_is_refused_and_never_read(outside, name):
    private, seeds = outside
    (seeds / name).symlink_to(private / "notes.txt")
    folder = read_seed_folder(seeds)
    assert messages(folder) == [f"error: {name}: refused: {LEAVING}"]
    assert folder.seeds == () and folder.data == {}


def test_a_link_to_a_sidecar_outside_refuses_the_sidecar_and_skips_its_article(outside):
    private, seeds = outside
    (seeds / "berita.txt").write_bytes(GOOD)
    (seeds / "berita.yml").symlink_to(private / "notes.yml")
    folder = read_seed_folder(seeds)
    assert messages(folder) == [f"error: berita.yml: refused: {LEAVING}; berita.txt is skipped until it is fixed"]
    assert folder.seeds == ()


@pytest.mark.parametrize("name, severity", [("arsip.txt", "error: arsip.txt: refused"),
                                            ("arsip", "warning: arsip: ignored")],
                         ids=["named-like-a-seed", "plain-folder-link"])
def test_a_link_to_a_folder_outside_is_refused(outside, name, severity):
    private, seeds = outside
    (seeds / name).symlink_to(private, target_is_directory=True)
    (seeds / "berita.txt").write_bytes(GOOD)
    folder = read_seed_folder(seeds)
    assert messages(folder) == [f"{severity}: {LEAVING}"]
    assert [seed.name for seed in folder.seeds] == ["berita.txt"]


def test_a_link_through_a_relative_path_that_climbs_out_is_refused(outside):
    _, seeds = outside
    (seeds / "naik.txt").symlink_to(Path("..") / "private" / "notes.txt")
    assert messages(read_seed_folder(seeds)) == [f"error: naik.txt: refused: {LEAVING}"]


def test_a_link_inside_the_folder_is_followed(outside):
    _, seeds = outside
    (seeds / "arsip").mkdir()
    (seeds / "arsip" / "asli.txt").write_bytes(GOOD)
    (seeds / "berita.txt").symlink_to(Path("arsip") / "asli.txt")
    (seeds / "salinan.txt").symlink_to(seeds / "berita.txt")
    folder = read_seed_folder(seeds)
    assert folder.diagnostics == ()
    assert [(seed.name, seed.data) for seed in folder.seeds] == [("berita.txt", GOOD), ("salinan.txt", GOOD)]


def test_a_seeds_folder_reached_through_a_link_reads_its_own_files(outside, tmp_path):
    _, seeds = outside
    (seeds / "berita.txt").write_bytes(GOOD)
    (seeds / "lagi.txt").symlink_to("berita.txt")
    (tmp_path / "alias").symlink_to(seeds, target_is_directory=True)
    folder = read_seed_folder(tmp_path / "alias")
    assert folder.diagnostics == () and len(folder.seeds) == 2


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(outside):
    _, seeds = outside
    os.mkfifo(seeds / "pipa.txt")
    os.mkfifo(seeds / "entities.yml")
    (seeds / "berita.txt").write_bytes(GOOD)
    folder = read_seed_folder(seeds)
    assert messages(folder) == ["error: entities.yml: refused: not a regular file but a named pipe (FIFO)",
                                "error: pipa.txt: refused: not a regular file but a named pipe (FIFO)"]
    assert [seed.name for seed in folder.seeds] == ["berita.txt"]


def test_a_link_to_a_device_is_refused(outside):
    _, seeds = outside
    (seeds / "nol.txt").symlink_to("/dev/zero")
    assert messages(read_seed_folder(seeds)) == [f"error: nol.txt: refused: {LEAVING}"]


def test_a_broken_link_is_named(outside):
    _, seeds = outside
    (seeds / "hilang.txt").symlink_to("tidak-ada.txt")
    assert messages(read_seed_folder(seeds)) == ["error: hilang.txt: refused: a link to a file that does not exist"]


def test_a_file_swapped_for_a_link_after_the_listing_is_refused_when_read(outside):
    private, seeds = outside
    (seeds / "berita.txt").symlink_to(private / "notes.txt")
    seed, problems = read_seed(seeds / "berita.txt", DEFAULT_MAX_BYTES, {"berita.txt"}, str(seeds.resolve()))
    assert seed is None and [str(p) for p in problems] == [f"berita.txt: refused: {LEAVING}"]
    os.unlink(seeds / "berita.txt")
    os.mkfifo(seeds / "berita.txt")
    seed, problems = read_seed(seeds / "berita.txt", DEFAULT_MAX_BYTES, {"berita.txt"}, str(seeds.resolve()))
    assert [str(p) for p in problems] == ["berita.txt: refused: not a regular file but a named pipe (FIFO)"]


HIDDEN = {
    "right-to-left-override": ("laporan\u202etxt.exe.txt", "laporan\\u202etxt.exe.txt"),
    "leading-dash": ("-rf.txt", "./-rf.txt"),
    "newline": ("palsu.txt\nerror: lain.txt", "palsu.txt\\nerror: lain.txt"),
}


@pytest.mark.parametrize("name, shown", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_hard_to_see_name_is_shown_escaped_in_messages(outside, name, shown):
    _, seeds = outside
    (seeds / name).write_bytes(b"")
    digest, _ = generate(Options(seeds))
    assert [str(d) for d in digest.diagnostics] == [f"{shown}: empty file"]


@pytest.mark.parametrize("name, shown", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_hard_to_see_name_is_shown_escaped_on_its_page(outside, name, shown):
    _, seeds = outside
    (seeds / name).write_bytes(GOOD)
    digest, pages = generate(Options(seeds))
    [article] = digest.articles
    page = dict(pages)[f"articles/{article.slug}.md"]
    card = next(line for line in page.splitlines() if "sha256:" in line)
    assert escape_html(shown) in card
    assert "\u202e" not in page and "palsu.txt\nerror" not in page
