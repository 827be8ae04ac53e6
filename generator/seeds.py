"""Find and read seed articles, their sidecars and the editorial data files (the only reads)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Container, Mapping

from .memo import Memo
from .models import Diagnostic, SeedFile

ARTICLE_SUFFIX = ".txt"
SIDECAR_SUFFIXES = (".yml", ".yaml")
DATA_FILES = ("entities.yml", "glossary.yml", "stories.yml")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# A paragraph is a few kilobytes; a longer line is a page saved without line breaks or a blob.
MAX_LINE_BYTES = 100_000


@dataclass(frozen=True)
class SeedFolder:
    """Everything read from the seeds folder."""

    seeds: tuple[SeedFile, ...]
    data: dict[str, str]  # editorial data file name -> text
    diagnostics: tuple[Diagnostic, ...]


def read_seed_folder(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, memo: Memo | None = None) -> SeedFolder:
    """Read every seed, sidecar and data file of ``folder`` in name order.

    ``memo``, kept across the rebuilds of a preview, reads again only the seeds whose file or
    sidecar changed (by size, modification and change times, and inode), as ``make`` would.
    """
    if not folder.is_dir():
        problem = Diagnostic(str(folder), "seeds folder not found")
        return SeedFolder((), {}, (problem,))
    memo = memo if memo is not None else Memo()
    # One listing for the whole folder: pathlib's is_file() and stat() per seed and sidecar cost
    # more than the reading.
    entries = {entry.name: entry for entry in os.scandir(folder)}
    listing = {name: file_kind(entry) for name, entry in entries.items()}
    files = {name for name, kind in listing.items() if kind == "file"}
    seeds, diagnostics = [], []
    for name in sorted(files):
        if name.endswith(ARTICLE_SUFFIX) and not name.startswith("."):
            versions = tuple(signature(entries[file]) for file in (name, *sidecar_names(name)) if file in files)
            seed, problems = memo.get(("seed", name), (versions, max_bytes),
                                      lambda: read_seed(folder / name, max_bytes, files))  # noqa: B023
            diagnostics.extend(problems)
            if seed is not None:
                seeds.append(seed)
    diagnostics.extend(find_stray_files(listing))
    data = {name: (folder / name).read_text(encoding="utf-8", errors="replace")
            for name in DATA_FILES if name in files}
    return SeedFolder(tuple(seeds), data, tuple(diagnostics))


def read_seed(path: Path, max_bytes: int, files: Container[str]) -> tuple[SeedFile | None, list[Diagnostic]]:
    """Read one seed and its sidecar (looked up among ``files``); refuse files over the size limit."""
    if shown_name(path) != path.name:
        return None, [Diagnostic(shown_name(path), "file name is not valid UTF-8; rename it")]
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            message = (f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                       "(raise max_seed_bytes if this is really one article)")
            return None, [Diagnostic(path.name, message)]
        data = handle.read()
    number, length = longest_line(data)
    if length > MAX_LINE_BYTES:
        message = (f"a line of {length:,} bytes, over the {MAX_LINE_BYTES:,}-byte limit for one line "
                   "(a page saved without line breaks?)")
        return None, [Diagnostic(path.name, message, line=number)]
    sidecar = find_sidecar(path, files)
    sidecar_text = None
    if sidecar is not None:
        sidecar_text = sidecar.read_bytes()[:max_bytes].decode("utf-8", errors="replace")
    seed = SeedFile(
        name=path.name,
        data=data,
        sidecar_name=sidecar.name if sidecar else None,
        sidecar_text=sidecar_text,
    )
    return seed, []


def shown_name(path: Path) -> str:
    """Return the file name as text; bytes that are not UTF-8 (from another system) become U+FFFD."""
    return os.fsencode(path.name).decode("utf-8", errors="replace")


def longest_line(data: bytes) -> tuple[int, int]:
    """Return the 1-based number and the length in bytes of the longest line."""
    lengths = [len(line) for line in data.splitlines()] or [0]
    longest = max(range(len(lengths)), key=lengths.__getitem__)
    return longest + 1, lengths[longest]


def find_sidecar(path: Path, files: Container[str]) -> Path | None:
    """Return the ``<stem>.yml`` (or ``.yaml``) beside a seed, if ``files`` has one."""
    return next((path.with_name(name) for name in sidecar_names(path.name) if name in files), None)


def sidecar_names(seed_name: str) -> tuple[str, ...]:
    """Return the names a seed's sidecar may have, in the order they are looked for."""
    stem = seed_name[:-len(ARTICLE_SUFFIX)]
    return tuple(stem + suffix for suffix in SIDECAR_SUFFIXES)


def signature(entry: os.DirEntry) -> tuple[str, int, int, int, int]:
    """Identify one version of a file without reading it."""
    status = entry.stat()
    return entry.name, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


def file_kind(entry: os.DirEntry) -> str:
    """Return "file", "folder" or "other" (a broken link, a pipe) for one entry of a folder."""
    return "file" if entry.is_file() else "folder" if entry.is_dir() else "other"


def find_stray_files(listing: Mapping[str, str]) -> list[Diagnostic]:
    """Warn about sidecars without an article and files that are not seeds (``listing``: the
    folder's names with their ``file_kind``)."""
    stray = []
    for name in sorted(listing):
        stem, suffix = os.path.splitext(name)
        kind = listing[name]
        if name.startswith(".") and suffix == ARTICLE_SUFFIX and kind == "file":
            stray.append(Diagnostic(shown_name(Path(name)), "ignored: a hidden file (its name starts with '.'); "
                                    "rename it to build it", severity="warning"))
        if name.startswith(".") or kind == "folder" or name in DATA_FILES:
            continue
        article = stem + ARTICLE_SUFFIX
        if suffix in SIDECAR_SUFFIXES and listing.get(article) != "file":
            stray.append(Diagnostic(shown_name(Path(name)), "sidecar without an article "
                                    f"(expected {shown_name(Path(article))})", severity="warning"))
        elif suffix not in SIDECAR_SUFFIXES + (ARTICLE_SUFFIX,):
            stray.append(Diagnostic(shown_name(Path(name)), "ignored: seeds are .txt files", severity="warning"))
    return stray
