"""Run one command as a real process and measure its wall time and peak memory.

Peak memory is the child's own maximum resident set size, from ``wait4``'s
resource usage for that one process (``ru_maxrss``, KiB on Linux), so one
command's peak is never mixed with another's as the cumulative
``RUSAGE_CHILDREN`` would be.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: ``ru_maxrss`` is in KiB on Linux and in bytes on macOS.
_RSS_UNIT = 1 if sys.platform == "darwin" else 1024


@dataclass(frozen=True)
class Sample:
    """One run: seconds of wall time and of CPU time, peak resident bytes, the exit code.

    On a loaded machine the wall time includes waiting for a core; the CPU
    time (user + system) of a one-threaded command does not.
    """

    seconds: float
    cpu_seconds: float
    peak_bytes: int
    exit_code: int
    stderr_tail: str


def run(
    command: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    timeout: float = 3600.0,
) -> Sample:
    """Run ``command`` to completion, its standard output thrown away, and measure it."""
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=dict(env),
            cwd=cwd,
        )
        try:
            status, usage = _wait(process, started + timeout)
        except BaseException:
            # Interrupted: leave no measured command running behind.
            process.kill()
            process.wait()
            raise
        seconds = time.perf_counter() - started
        stderr.seek(0, os.SEEK_END)
        stderr.seek(max(0, stderr.tell() - 600))
        tail = stderr.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, cpu, usage.ru_maxrss * _RSS_UNIT, status, tail)


def _wait(process: subprocess.Popen[bytes], deadline: float) -> tuple[int, resource.struct_rusage]:
    # Block in wait4 (no polling, so no sleep adds to the time); a timer kills
    # a child that overruns.
    timer = threading.Timer(max(0.0, deadline - time.perf_counter()), process.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    # Tell Popen the child is reaped, so it never waits for it again.
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage
