"""write.py: atomic, changed-only, manifest-tracked writes that never touch foreign files."""

import pytest

from generator.core.errors import GeneratorError
from generator.write import MANIFEST, write_pages


def test_writes_then_skips_unchanged_and_removes_only_its_own_stale_pages(tmp_path):
    out = tmp_path / "out"
    first = write_pages(out, [("a.md", "A"), ("sub/b.md", "B")])
    assert sorted(first.written) == ["a.md", "sub/b.md"]
    (out / "editor-note.txt").write_text("mine")  # a file the writer did not create
    second = write_pages(out, [("a.md", "A2")])
    assert second.written == ("a.md",) and second.removed == ("sub/b.md",)
    assert (out / "a.md").read_text() == "A2"
    assert not (out / "sub").exists()
    assert (out / "editor-note.txt").read_text() == "mine"


def test_unchanged_pages_are_not_rewritten(tmp_path):
    write_pages(tmp_path / "o", [("a.md", "A")])
    before = (tmp_path / "o" / "a.md").stat().st_mtime_ns
    report = write_pages(tmp_path / "o", [("a.md", "A")])
    assert report.written == () and report.unchanged == 1
    assert (tmp_path / "o" / "a.md").stat().st_mtime_ns == before


def test_a_deleted_page_is_repaired_on_the_next_build(tmp_path):
    write_pages(tmp_path / "o", [("a.md", "A")])
    (tmp_path / "o" / "a.md").unlink()
    assert write_pages(tmp_path / "o", [("a.md", "A")]).written == ("a.md",)


def test_refuses_a_folder_with_files_it_did_not_write(tmp_path):
    (tmp_path / "precious.md").write_text("keep me")
    with pytest.raises(GeneratorError, match="did not write"):
        write_pages(tmp_path, [("a.md", "A")])
    assert (tmp_path / "precious.md").read_text() == "keep me"
    assert not (tmp_path / MANIFEST).exists()


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "a/../../b.md", "a\\b.md"],
                         ids=["parent", "absolute", "nested-parent", "backslash"])
def test_refuses_paths_outside_the_folder(tmp_path, path):
    with pytest.raises(GeneratorError, match="unsafe output path"):
        write_pages(tmp_path / "o", [(path, "x")])


def test_refuses_two_pages_with_one_path(tmp_path):
    with pytest.raises(GeneratorError, match="share this path"):
        write_pages(tmp_path / "o", [("a.md", "1"), ("a.md", "2")])


def test_no_temporary_files_are_left(tmp_path):
    write_pages(tmp_path / "o", [("a.md", "A"), ("b/c.md", "C")])
    leftovers = [p.name for p in (tmp_path / "o").rglob(".digest-tmp-*")]
    assert leftovers == []
