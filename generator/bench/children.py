"""Each measurement in a fresh interpreter, with its wall time, CPU time and peak memory (wait4)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .corpus import ROOT
from .previews import measure_incremental, measure_preview
from .timing import measure_generator


@dataclass(frozen=True)
class ChildResult:
    status: int
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str
    cpu_s: float = 0.0  # user + system time of the child


def run_child(command: Sequence[str]) -> ChildResult:
    """Run a command, measuring its wall time and its own peak resident memory (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildResult(process.returncode, seconds, round(usage.ru_maxrss / 1024, 1),
                           out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                           round(usage.ru_utime + usage.ru_stime, 3))


def run_python_child(function: str, *arguments: str) -> tuple[dict, float]:
    """Call ``function`` of this module in a fresh interpreter; return its JSON result and peak RSS."""
    code = ("import sys, json; from generator.bench import children; "
            f"print(json.dumps(children.{function}(*sys.argv[1:])))")
    result = run_child([sys.executable, "-c", code, *arguments])
    if result.status != 0:
        raise RuntimeError(f"bench.{function} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1]), result.peak_rss_mb


def child_generator(seeds_dir: str, out_dir: str, language: str) -> dict:
    """Entry point of the child process that measures the generator."""
    return measure_generator(Path(seeds_dir), Path(out_dir), language)


def child_incremental(seeds_dir: str, out_dir: str, language: str) -> dict:
    """Entry point of the child process that measures an incremental rebuild."""
    return measure_incremental(Path(seeds_dir), Path(out_dir), language)


def child_preview(config: str, seeds_dir: str) -> dict:
    """Entry point of the child process that measures a ``mkdocs serve``-style rebuild."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    return measure_preview(Path(config), Path(seeds_dir))
