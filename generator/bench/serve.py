"""Time a real ``mkdocs serve``, run as ``make serve`` runs it: edit one seed, and wait for the
line "Reloading browsers" that MkDocs logs once the rebuilt site is ready for the browser."""

from __future__ import annotations

import os
import queue
import re
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import ROOT

SERVE_RECIPE = re.compile(r"^serve:.*\n\t(?P<command>.*)$", re.MULTILINE)
ADDRESS_OPTIONS = ("--dev-addr", "-a")
FAILURE = re.compile(r"^(ERROR|CRITICAL)\b|Traceback|An error happened during the rebuild")
SETTLE_S = 0.8  # after a reload, longer than MkDocs' polling interval (0.5 s): nothing stays pending


def serve_options(makefile: Path = ROOT / "Makefile") -> list[str]:
    """Return the options ``make serve`` gives ``mkdocs serve``, without its address."""
    match = SERVE_RECIPE.search(makefile.read_text(encoding="utf-8"))
    if match is None or "mkdocs serve" not in match.group("command"):
        raise ValueError(f"{makefile}: no 'serve' target running 'mkdocs serve'")
    words = shlex.split(match.group("command"))
    kept, address_value = [], False
    for word in words[words.index("serve") + 1:]:
        if not address_value and word not in ADDRESS_OPTIONS and not word.startswith("--dev-addr="):
            kept.append(word)
        address_value = word in ADDRESS_OPTIONS  # the next word is the address
    return kept


def free_port() -> int:
    """Return a TCP port of this machine that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ServeProcess:
    """A running ``mkdocs serve`` whose log lines arrive, with their times, on a queue."""

    process: subprocess.Popen
    port: int
    lines: queue.Queue = field(default_factory=queue.Queue)
    log: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, config: Path, port: int | None = None, env: dict | None = None,
              timeout: float = 1800) -> ServeProcess:
        """Start ``mkdocs serve -f config`` with the options of ``make serve``; wait until it serves."""
        port = port or free_port()
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr",
                   f"127.0.0.1:{port}", *serve_options()]
        process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                                   cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
        served = cls(process, port)
        threading.Thread(target=served.read_lines, daemon=True).start()
        try:
            served.wait_for("Serving on", timeout)
        except BaseException:
            served.stop()
            raise
        return served

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def read_lines(self) -> None:
        """Queue every line MkDocs logs with the time it arrived (runs in a thread)."""
        for line in self.process.stderr:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
        self.lines.put((time.perf_counter(), None))

    def wait_for(self, text: str, timeout: float = 600, errors: bool = False) -> float:
        """Return the time the next line containing ``text`` arrived; fail on an error line, unless
        ``errors`` are expected."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                when, line = self.lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise TimeoutError(f"mkdocs serve: no {text!r} within {timeout} s:\n" + self.tail()) from None
            if line is None:
                raise RuntimeError(f"mkdocs serve stopped before {text!r}:\n" + self.tail())
            self.log.append(line)
            if FAILURE.search(line) and not errors:
                raise RuntimeError("mkdocs serve failed:\n" + self.tail())
            if text in line:
                return when

    def drain(self) -> None:
        """Read the lines logged so far (a settled server logs none while waiting)."""
        while True:
            try:
                _, line = self.lines.get_nowait()
            except queue.Empty:
                return
            if line is not None:
                self.log.append(line)

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log[-lines:])

    def stop(self) -> None:
        """Stop the server (as Ctrl-C would) and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def timed_reload(server: ServeProcess, change) -> dict:
    """Make a change on disk and time it until the browsers are told to reload."""
    time.sleep(SETTLE_S)
    server.drain()
    start = time.perf_counter()
    change()
    detected = server.wait_for("Detected file changes")
    reloaded = server.wait_for("Reloading browsers")
    return {"seconds": round(reloaded - start, 3), "detect_s": round(detected - start, 3),
            "rebuild_s": round(reloaded - detected, 3)}


def time_edit_kind(server: ServeProcess, edit, seeds: list[Path]) -> dict:
    """Edit each of ``seeds`` in turn and undo it, timing every reload."""
    reloads = []
    for seed in seeds:
        undo = []
        reloads.append(timed_reload(server, lambda: undo.append(edit(seed))))  # noqa: B023
        reloads.append(timed_reload(server, lambda: undo[0]()))  # noqa: B023
    times = [reload["seconds"] for reload in reloads]
    return {"median_s": round(statistics.median(times), 3), "max_s": max(times),
            "detect_median_s": round(statistics.median(r["detect_s"] for r in reloads), 3),
            "rebuild_median_s": round(statistics.median(r["rebuild_s"] for r in reloads), 3),
            "rebuild_max_s": max(r["rebuild_s"] for r in reloads), "reloads": reloads}


def measure_serve(config: Path, seeds_dir: Path, kinds: dict, rounds: int = 3) -> dict:
    """Serve the site as ``make serve`` does; time edit -> "Reloading browsers" for each kind of edit."""
    start = time.perf_counter()
    server = ServeProcess.start(config)
    first = time.perf_counter() - start
    try:
        seeds = sorted(Path(seeds_dir).glob("*.txt"))
        chosen = [seeds[(i + 1) * len(seeds) // (rounds + 1)] for i in range(rounds)]
        timed = {name: time_edit_kind(server, edit, chosen) for name, edit in kinds.items()}
    finally:
        server.stop()
    return {"command": "mkdocs serve " + " ".join(serve_options()), "first_build_s": round(first, 2),
            "kinds": timed}
