"""Find and read seed articles, their sidecars and the editorial data files (the only reads)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Container, Mapping

from ..core.memo import Memo
from ..core.models import Diagnostic, SeedFile, visible_name

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
    Only regular files inside the folder are read: a link may point to another file of the
    folder, never outside it (a Pages workflow would publish whatever it leads to).
    """
    if not folder.is_dir():
        problem = Diagnostic(str(folder), "seeds folder not found")
        return SeedFolder((), {}, (problem,))
    memo = memo if memo is not None else Memo()
    root = os.path.realpath(folder)
    # One listing for the whole folder: pathlib's is_file() and stat() per seed and sidecar cost
    # more than the reading.
    entries = {entry.name: entry for entry in os.scandir(folder)}
    listing = {name: file_kind(entry, root) for name, entry in entries.items()}
    refused = refused_files(listing)
    files = {name for name, kind in listing.items() if kind == "file"}
    seeds, diagnostics = [], list(refused.values())
    for name in sorted(files):
        if is_seed_name(name) and not refused.keys() & {name, *sidecar_names(name)}:
            versions = tuple(signature(entries[file]) for file in (name, *sidecar_names(name)) if file in files)
            seed, problems = memo.get(("seed", name), (versions, max_bytes),
                                      lambda: read_seed(folder / name, max_bytes, files, root))  # noqa: B023
            diagnostics.extend(problems)
            if seed is not None:
                seeds.append(seed)
    diagnostics.extend(find_stray_files(listing))
    data, problems = read_data_files(folder, files, root)
    return SeedFolder(tuple(seeds), data, tuple(sorted(diagnostics + problems, key=by_file)))


def by_file(diagnostic: Diagnostic) -> tuple[str, int]:
    """Order the folder's problems by file, then line."""
    return diagnostic.file, diagnostic.line or 0


def is_seed_name(name: str) -> bool:
    """Tell whether a file name is one of an article (hidden files are not)."""
    return name.endswith(ARTICLE_SUFFIX) and not name.startswith(".")


def read_data_files(folder: Path, files: Container[str], root: str) -> tuple[dict[str, str], list[Diagnostic]]:
    """Read ``entities.yml`` and ``glossary.yml`` where the folder has them."""
    data, problems = {}, []
    for name in DATA_FILES:
        if name in files:
            try:
                data[name] = read_inside(folder / name, root).decode("utf-8", errors="replace")
            except OSError as error:
                problems.append(Diagnostic(name, unreadable(error)))
    return data, problems


def read_seed(path: Path, max_bytes: int, files: Container[str],
              root: str | None = None) -> tuple[SeedFile | None, list[Diagnostic]]:
    """Read one seed and its sidecar (looked up among ``files``); refuse files over the size limit."""
    if shown_name(path) != path.name:
        return None, [Diagnostic(shown_name(path), "file name is not valid UTF-8; rename it")]
    root = root or os.path.realpath(path.parent)
    try:
        data = read_inside(path, root, max_bytes)
    except OSError as error:
        return None, [Diagnostic(path.name, unreadable(error))]
    if len(data) > max_bytes:
        message = (f"file is {os.stat(path).st_size:,} bytes, over the {max_bytes:,}-byte limit "
                   "(raise max_seed_bytes if this is really one article)")
        return None, [Diagnostic(path.name, message)]
    number, length = longest_line(data)
    if length > MAX_LINE_BYTES:
        message = (f"a line of {length:,} bytes, over the {MAX_LINE_BYTES:,}-byte limit for one line "
                   "(a page saved without line breaks?)")
        return None, [Diagnostic(path.name, message, line=number)]
    sidecar = find_sidecar(path, files)
    sidecar_text = None
    if sidecar is not None:
        try:
            sidecar_text = read_inside(sidecar, root, max_bytes)[:max_bytes].decode("utf-8", errors="replace")
        except OSError as error:
            return None, [Diagnostic(sidecar.name, unreadable(error) + f"; {visible_name(path.name)} is skipped")]
    seed = SeedFile(
        name=path.name,
        data=data,
        sidecar_name=sidecar.name if sidecar else None,
        sidecar_text=sidecar_text,
    )
    return seed, []


def read_inside(path: Path, root: str, limit: int | None = None) -> bytes:
    """Read a regular file of the seeds folder, at most ``limit + 1`` bytes; refuse anything else.

    The listing already refused links that leave the folder and pipes or devices; this checks
    again at the moment of reading, so a file swapped for a link in between is refused too.
    """
    target = str(path)
    if path.is_symlink():
        target = os.path.realpath(path)
        if not is_inside(target, root):
            raise RefusedFile(OUTSIDE_REASON)
    # O_NOFOLLOW: the last step is never a link (it was resolved above); O_NONBLOCK: a pipe
    # swapped in opens without waiting for a writer, and is then refused as not a regular file.
    descriptor = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise RefusedFile(special_reason(mode))
        return handle.read() if limit is None else handle.read(limit + 1)


class RefusedFile(OSError):
    """A file of the seeds folder that may not be read (it leaves the folder, or is not a file)."""


def unreadable(error: OSError) -> str:
    """Say why a file could not be read, in the words of the listing's refusals."""
    if isinstance(error, RefusedFile):
        return f"refused: {error}"
    return f"cannot be read ({error.strerror or error})"


OUTSIDE_REASON = "a link that leads outside the seeds folder; copy the file into the folder instead"
BROKEN_REASON = "a link to a file that does not exist"


def is_inside(target: str, root: str) -> bool:
    """Tell whether a resolved path lies in the resolved folder ``root`` (or is it)."""
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def special_reason(mode: int) -> str:
    """Name a kind of file that is not a regular file."""
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a folder" if stat.S_ISDIR(mode) else "a special file")
    return f"not a regular file but {kind}"


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


def file_kind(entry: os.DirEntry, root: str) -> str:
    """Return "file", "folder", or why an entry of the folder may not be read.

    Only links are resolved (a real path inside the folder needs no check), so a listing of
    thousands of seeds stays one ``stat`` per entry.
    """
    try:
        mode = entry.stat().st_mode
    except OSError:
        return BROKEN_REASON if entry.is_symlink() else "cannot be read"
    if entry.is_symlink() and not is_inside(os.path.realpath(entry.path), root):
        return OUTSIDE_REASON
    return "file" if stat.S_ISREG(mode) else "folder" if stat.S_ISDIR(mode) else special_reason(mode)


def refused_files(listing: Mapping[str, str]) -> dict[str, Diagnostic]:
    """Name every entry that would be read (seed, sidecar, data file) but may not be; a link
    elsewhere that nothing reads is only a warning."""
    refused = {}
    for name, kind in listing.items():
        if kind in ("file", "folder"):
            continue
        stem, suffix = os.path.splitext(name)
        article = stem + ARTICLE_SUFFIX
        if suffix in SIDECAR_SUFFIXES and listing.get(article) == "file" and name not in DATA_FILES:
            refused[name] = Diagnostic(shown_name(Path(name)), f"refused: {kind}; "
                                       f"{visible_name(shown_name(Path(article)))} is skipped until it is fixed")
        elif is_seed_name(name) or name in DATA_FILES:
            refused[name] = Diagnostic(shown_name(Path(name)), f"refused: {kind}")
        elif not name.startswith("."):
            refused[name] = Diagnostic(shown_name(Path(name)), f"ignored: {kind}", severity="warning")
    return refused


def find_stray_files(listing: Mapping[str, str]) -> list[Diagnostic]:
    """Warn about sidecars without an article and files that are not seeds (``listing``: the
    folder's names with their ``file_kind``; entries that are neither file nor folder were
    reported by ``refused_files``)."""
    stray = []
    for name in sorted(listing):
        stem, suffix = os.path.splitext(name)
        kind = listing[name]
        if kind not in ("file", "folder"):
            continue
        if name.startswith(".") and suffix == ARTICLE_SUFFIX and kind == "file":
            stray.append(Diagnostic(shown_name(Path(name)), "ignored: a hidden file (its name starts with '.'); "
                                    "rename it to build it", severity="warning"))
        if name.startswith(".") or kind == "folder" or name in DATA_FILES:
            continue
        article = stem + ARTICLE_SUFFIX
        if suffix in SIDECAR_SUFFIXES and listing.get(article) != "file":
            stray.append(Diagnostic(shown_name(Path(name)), "sidecar without an article "
                                    f"(expected {visible_name(shown_name(Path(article)))})", severity="warning"))
        elif suffix not in SIDECAR_SUFFIXES + (ARTICLE_SUFFIX,):
            stray.append(Diagnostic(shown_name(Path(name)), "ignored: seeds are .txt files", severity="warning"))
    return stray
