"""The careful writer: atomic, changed-only, manifest-tracked writes into the output folder."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Mapping, Sequence

from .core.errors import GeneratorError
from .core.memo import Memo
from .core.models import Diagnostic

MANIFEST = ".digest-manifest.json"
TEMP_PREFIX = ".digest-tmp-"


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def write_pages(out_dir: Path, pages: Sequence[tuple[str, str | bytes]], memo: Memo | None = None) -> WriteReport:
    """Write ``pages`` under ``out_dir``; remove only pages this writer wrote before.

    ``memo``, kept across the rebuilds of a preview, hashes again only the pages whose text changed.
    """
    out_dir = Path(out_dir)
    memo = memo if memo is not None else Memo()
    previous = read_manifest(out_dir)
    remove_temporary_files(out_dir)
    contents = {check_path(path): text for path, text in unique_pages(pages)}
    hashes = {path: memo.get(path, text, lambda: hashlib.sha256(as_bytes(text)).hexdigest())  # noqa: B023
              for path, text in contents.items()}
    changed = [path for path in contents
               if previous.get(path) != hashes[path] or not os.path.isfile(os.path.join(out_dir, path))]
    if changed:
        # Claim the pages before writing them, hash unknown: a build killed half-way leaves a
        # manifest that names every page it may have written, so the next build rewrites them
        # and can remove the ones it no longer generates.
        write_manifest(out_dir, {**previous, **dict.fromkeys(changed, "")})
    written = []
    for path in changed:
        write_atomic(out_dir / path, as_bytes(contents[path]))
        written.append(path)
    removed = [path for path in sorted(previous) if path not in contents]
    for path in removed:
        remove_page(out_dir, path)
    write_manifest(out_dir, hashes)
    return WriteReport(tuple(written), len(contents) - len(written), tuple(removed))


def write_manifest(out_dir: Path, hashes: dict[str, str]) -> None:
    """Record the pages this writer owns and the hash of what it wrote."""
    # One line per page, by json's C encoder (``indent`` would take its Python one).
    write_atomic(out_dir / MANIFEST, json.dumps(dict(sorted(hashes.items())), separators=(",\n", ": ")).encode())


PACKAGE_DIR = Path(__file__).resolve().parent


def check_seeds_dir(seeds_dir: Path, protected: Mapping[str, Path]) -> None:
    """Refuse a seeds folder that is or lies inside a protected folder: MkDocs would publish the
    raw seeds from docs, and wipe them with the built site."""
    seeds = Path(seeds_dir).resolve()
    for name, folder in protected.items():
        folder = Path(folder).resolve()
        if seeds == folder or folder in seeds.parents:
            raise GeneratorError(Diagnostic(str(seeds_dir), f"seeds folder lies inside {name} {folder}; "
                                            "keep the articles in a folder of their own"))


def check_out_dir(out_dir: Path, protected: Mapping[str, Path]) -> None:
    """Refuse an output folder that is, contains or lies inside a protected folder."""
    out = Path(out_dir).resolve()
    for name, folder in protected.items():
        folder = Path(folder).resolve()
        if out == folder or out in folder.parents or folder in out.parents:
            raise GeneratorError(Diagnostic(str(out_dir), f"output folder overlaps {name} {folder}; "
                                            "generated pages must live in a folder of their own"))


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Return what the last build wrote; refuse a non-empty folder this writer does not own."""
    manifest = out_dir / MANIFEST
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            return {check_path(path): str(digest) for path, digest in data.items()}
        except (ValueError, AttributeError, GeneratorError):
            pass  # a damaged manifest: rewrite everything, delete nothing
        return {}
    if out_dir.exists() and any(out_dir.iterdir()):
        raise GeneratorError(Diagnostic(
            str(out_dir), "output folder holds files the generator did not write (no "
            f"{MANIFEST}); refusing to write there. Choose an empty or new folder."))
    return {}


def unique_pages(pages: Sequence[tuple[str, str | bytes]]) -> list[tuple[str, str | bytes]]:
    """Refuse two pages with the same path."""
    seen = set()
    for path, _ in pages:
        if path in seen:
            raise GeneratorError(Diagnostic(path, "two generated pages share this path"))
        seen.add(path)
    return list(pages)


@lru_cache(maxsize=1 << 16)
def check_path(path: str) -> str:
    """Return a normalised relative path, refusing anything that leaves the folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in path:
        raise GeneratorError(Diagnostic(path, "unsafe output path (absolute or leaves the folder)"))
    return pure.as_posix()


def as_bytes(text: str | bytes) -> bytes:
    """Encode page text as UTF-8."""
    return text if isinstance(text, bytes) else text.encode("utf-8")


def write_atomic(target: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so readers see the old or the new file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_temporary_files(out_dir: Path) -> None:
    """Delete the temporary files a killed build left behind (only this writer makes them)."""
    for folder, _, names in os.walk(out_dir):  # nothing when the folder does not exist yet
        for name in names:
            if name.startswith(TEMP_PREFIX):
                Path(folder, name).unlink(missing_ok=True)


def remove_page(out_dir: Path, path: str) -> None:
    """Delete a stale page and the folders it leaves empty."""
    target = out_dir / path
    target.unlink(missing_ok=True)
    for parent in target.parents:
        if parent == out_dir or not parent.is_relative_to(out_dir):
            break
        try:
            parent.rmdir()
        except OSError:
            break
