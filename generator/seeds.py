"""Find and read seed articles, their sidecars and the editorial data files (the only reads)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .models import Diagnostic, SeedFile

ARTICLE_SUFFIX = ".txt"
SIDECAR_SUFFIXES = (".yml", ".yaml")
DATA_FILES = ("entities.yml", "glossary.yml")
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


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
    size = path.stat().st_size
    if size > max_bytes:
        message = (f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                   "(raise max_seed_bytes if this is really one article)")
        return None, [Diagnostic(path.name, message)]
    sidecar = find_sidecar(path)
    sidecar_text = None
    if sidecar is not None:
        sidecar_text = sidecar.read_bytes()[:max_bytes].decode("utf-8", errors="replace")
    seed = SeedFile(
        name=path.name,
        data=path.read_bytes(),
        sidecar_name=sidecar.name if sidecar else None,
        sidecar_text=sidecar_text,
    )
    return seed, []


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
        if path.name.startswith(".") or path.is_dir() or path.name in DATA_FILES:
            continue
        if path.suffix in SIDECAR_SUFFIXES and not path.with_suffix(ARTICLE_SUFFIX).is_file():
            stray.append(Diagnostic(path.name, "sidecar without an article "
                                    f"(expected {path.stem}{ARTICLE_SUFFIX})", severity="warning"))
        elif path.suffix not in SIDECAR_SUFFIXES + (ARTICLE_SUFFIX,):
            stray.append(Diagnostic(path.name, "ignored: seeds are .txt files", severity="warning"))
    return stray
