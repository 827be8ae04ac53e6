"""ingest/seeds.py: which files are seeds, sidecars and data; size limit; stray files."""

from generator.ingest.seeds import read_seed_folder


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
