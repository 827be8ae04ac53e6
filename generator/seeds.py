"""Find and read seed articles, their sidecars and the editorial data files (the only reads)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .models import Diagnostic, SeedFile

ARTICLE_SUFFIX = ".txt"
SIDECAR_SUFFIXES = (".yml", ".yaml")
DATA_FILES = ("entities.yml", "glossary.yml")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# A paragraph is a few kilobytes; a longer line is a page saved without line breaks or a blob.
MAX_LINE_BYTES = 100_000


@dataclass(frozen=True)
class SeedFolder:
    """Everything read from the seeds folder."""

    seeds: tuple[SeedFile, ...]
    data: dict[str, str]  # editorial data file name -> text
    diagnostics: tuple[Diagnostic, ...]


def read_seed_folder(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SeedFolder:
    """Read every seed, sidecar and data file of ``folder`` in name order."""
    if not folder.is_dir():
        problem = Diagnostic(str(folder), "seeds folder not found")
        return SeedFolder((), {}, (problem,))
    seeds, diagnostics = [], []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.suffix == ARTICLE_SUFFIX and path.is_file() and not path.name.startswith("."):
            seed, problems = read_seed(path, max_bytes)
            diagnostics.extend(problems)
            if seed is not None:
                seeds.append(seed)
    diagnostics.extend(find_stray_files(folder))
    data = {name: (folder / name).read_text(encoding="utf-8", errors="replace")
            for name in DATA_FILES if (folder / name).is_file()}
    return SeedFolder(tuple(seeds), data, tuple(diagnostics))


def read_seed(path: Path, max_bytes: int) -> tuple[SeedFile | None, list[Diagnostic]]:
    """Read one seed and its sidecar; refuse files over the size limit."""
    if shown_name(path) != path.name:
        return None, [Diagnostic(shown_name(path), "file name is not valid UTF-8; rename it")]
    size = path.stat().st_size
    if size > max_bytes:
        message = (f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                   "(raise max_seed_bytes if this is really one article)")
        return None, [Diagnostic(path.name, message)]
    data = path.read_bytes()
    number, length = longest_line(data)
    if length > MAX_LINE_BYTES:
        message = (f"a line of {length:,} bytes, over the {MAX_LINE_BYTES:,}-byte limit for one line "
                   "(a page saved without line breaks?)")
        return None, [Diagnostic(path.name, message, line=number)]
    sidecar = find_sidecar(path)
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


def find_sidecar(path: Path) -> Path | None:
    """Return the ``<stem>.yml`` (or ``.yaml``) beside a seed, if any."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def find_stray_files(folder: Path) -> list[Diagnostic]:
    """Warn about sidecars without an article and files that are not seeds."""
    stray = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") and path.suffix == ARTICLE_SUFFIX and path.is_file():
            stray.append(Diagnostic(shown_name(path), "ignored: a hidden file (its name starts with '.'); "
                                    "rename it to build it", severity="warning"))
        if path.name.startswith(".") or path.is_dir() or path.name in DATA_FILES:
            continue
        if path.suffix in SIDECAR_SUFFIXES and not path.with_suffix(ARTICLE_SUFFIX).is_file():
            stray.append(Diagnostic(shown_name(path), "sidecar without an article "
                                    f"(expected {shown_name(path.with_suffix(ARTICLE_SUFFIX))})", severity="warning"))
        elif path.suffix not in SIDECAR_SUFFIXES + (ARTICLE_SUFFIX,):
            stray.append(Diagnostic(shown_name(path), "ignored: seeds are .txt files", severity="warning"))
    return stray
