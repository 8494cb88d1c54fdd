"""Red team: nothing in a ledger is skipped in silence, and no file is read loosely.

Each case names what a hostile or unlucky file system does and asserts the
exact message a user sees, with no traceback. Tests run as root, where file
permissions do not stop a read, so an unreadable file is made by having
``os.open`` fail in-process as it would for another user. A named pipe would
block a run forever if it were opened for reading, so every run that meets
one is under a deadline that fails the test instead of hanging the suite.
"""

from __future__ import annotations

import errno
import io
import os
import resource
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import GOOD, Cli, Run, claims_executable, clean_environ

from claims_cli.read.files import ClaimFile, read_claim_file, read_stdin
from claims_cli.read.yaml_events import LoadError, read_document

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file kinds")

Write = Callable[[str, "str | bytes"], Path]

FIFO_HINT = (
    "cannot read a named pipe (FIFO): claim files must be regular files; "
    "to read a stream, name '-' and send it to standard input"
)
LOOKUP_REFUSAL = (
    "claims: the claim files have 1 error; fix them first ('claims validate' gives the full report)"
)
#: Each command that reads a ledger, and the line it ends on when one file cannot be read.
COMMANDS: list[tuple[list[str], str]] = [
    (["list"], LOOKUP_REFUSAL),
    (["show", "trade-121m"], LOOKUP_REFUSAL),
    (["sources"], LOOKUP_REFUSAL),
    (["stats"], LOOKUP_REFUSAL),
    (["export", "-F", "json"], "claims: not exported: the ledger has 1 error"),
]


@contextmanager
def deadline(seconds: int = 10) -> Iterator[None]:
    """Fail, rather than hang, when a run blocks (on a named pipe, say)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: something blocked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def shown(error: LoadError) -> str:
    """The diagnostic as ``claims validate`` prints it."""
    d = error.diagnostic
    return f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}"


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.output


def validates(cli: Cli, *args: object) -> Run:
    with deadline():
        run = cli("validate", *args)
    no_traceback(run)
    return run


# -- files that are not regular files -----------------------------------------


def test_a_named_pipe_named_directly_is_refused_without_waiting(cli: Cli, in_tmp: Path) -> None:
    os.mkfifo("pipe.yaml")
    run = validates(cli, "pipe.yaml")
    assert run.exit_code == 1
    assert run.lines == [
        f"pipe.yaml:1:1: E119 {FIFO_HINT}",
        "Found 1 error and 0 warnings in 1 file, 0 claims, 0 sources.",
    ]


@pytest.mark.parametrize(("command", "last_line"), COMMANDS)
def test_every_command_refuses_a_named_pipe_without_waiting(
    cli: Cli, in_tmp: Path, command: list[str], last_line: str
) -> None:
    os.mkfifo("pipe.yaml")
    with deadline():
        run = cli(*command, "-f", "pipe.yaml")
    no_traceback(run)
    assert run.exit_code == 1
    assert run.output.splitlines() == [f"pipe.yaml:1:1: E119 {FIFO_HINT}", last_line]


def test_a_named_pipe_in_claims_file_is_refused(cli: Cli, in_tmp: Path) -> None:
    os.mkfifo("pipe.yaml")
    with deadline():
        run = cli("validate", env={"CLAIMS_FILE": "pipe.yaml"})
    assert run.exit_code == 1
    assert run.lines[0] == f"pipe.yaml:1:1: E119 {FIFO_HINT}"


def test_a_device_named_directly_is_refused(cli: Cli) -> None:
    run = validates(cli, os.devnull)
    assert run.exit_code == 1
    assert run.lines == [
        f"{os.devnull}:1:1: E119 cannot read a character device: claim files must be regular files",
        "Found 1 error and 0 warnings in 1 file, 0 claims, 0 sources.",
    ]


def test_a_socket_named_directly_is_refused(cli: Cli, in_tmp: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("live.yaml")  # relative: socket paths are short
        run = validates(cli, "live.yaml")
    assert run.exit_code == 1
    assert run.lines[0] == (
        "live.yaml:1:1: E119 cannot read a socket: claim files must be regular files; "
        "to read a stream, name '-' and send it to standard input"
    )


def test_a_directory_read_as_a_file_is_refused(tmp_path: Path) -> None:
    # Discovery walks directories, so only a swap between looking and reading gets here.
    with pytest.raises(LoadError) as caught:
        read_document(str(tmp_path), "ledger.yaml", max_bytes=1000)
    assert shown(caught.value) == (
        "ledger.yaml:1:1: E119 cannot read a directory: claim files must be regular files"
    )


def test_a_pipe_swapped_in_after_the_look_is_refused_when_opened(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = write("c.yaml", GOOD)
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    real_stat = os.stat

    def looks_regular(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        # The name was a regular file when looked at, and is a pipe when opened.
        return real_stat(regular if os.fspath(path) == str(pipe) else path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", looks_regular)
    with deadline(), pytest.raises(LoadError) as caught:
        read_document(str(pipe), "pipe.yaml", max_bytes=1000)
    assert shown(caught.value) == f"pipe.yaml:1:1: E119 {FIFO_HINT}"


# -- files that cannot be read ------------------------------------------------


def _failing(monkeypatch: pytest.MonkeyPatch, name: str, target: Path, error: OSError) -> None:
    """``os.<name>`` fails with ``error`` for ``target`` (by path or by its descriptor)."""
    real = getattr(os, name)
    descriptors: set[int] = set()
    real_open = os.open

    def tracking_open(path: Any, *args: Any, **kwargs: Any) -> int:
        descriptor = real_open(path, *args, **kwargs)
        if os.fspath(path) == str(target):
            descriptors.add(descriptor)
        return descriptor

    def fail(first: Any, *args: Any, **kwargs: Any) -> Any:
        if first in descriptors or (
            isinstance(first, str | Path) and os.fspath(first) == str(target)
        ):
            raise error
        return real(first, *args, **kwargs)

    if name != "open":
        monkeypatch.setattr(os, "open", tracking_open)
    monkeypatch.setattr(os, name, fail)


def test_an_unreadable_file_is_e100(
    cli: Cli, write: Write, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("c.yaml", GOOD)
    before = path.read_bytes()
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    _failing(monkeypatch, "open", in_tmp / "c.yaml", denied)
    run = validates(cli, "c.yaml")
    assert run.exit_code == 1
    assert run.lines == [
        "c.yaml:1:1: E100 cannot read file: Permission denied",
        "Found 1 error and 0 warnings in 1 file, 0 claims, 0 sources.",
    ]
    assert path.read_bytes() == before


@pytest.mark.parametrize(("command", "last_line"), COMMANDS)
def test_every_command_reports_an_unreadable_file(
    cli: Cli,
    write: Write,
    in_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    last_line: str,
) -> None:
    write("c.yaml", GOOD)
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    _failing(monkeypatch, "open", in_tmp / "c.yaml", denied)
    run = cli(*command, "-f", "c.yaml")
    no_traceback(run)
    assert run.exit_code == 1
    assert run.output.splitlines() == [
        "c.yaml:1:1: E100 cannot read file: Permission denied",
        last_line,
    ]


def test_a_failing_read_is_e100(
    cli: Cli, write: Write, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("c.yaml", GOOD)
    _failing(monkeypatch, "read", in_tmp / "c.yaml", OSError(errno.EIO, os.strerror(errno.EIO)))
    run = validates(cli, "c.yaml")
    assert run.exit_code == 1
    assert run.lines[0] == "c.yaml:1:1: E100 cannot read file: Input/output error"


# -- reading what the file holds, within the limit ------------------------------


def test_a_large_limit_reserves_no_memory_for_a_small_file(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("c.yaml", GOOD)
    asked: list[int] = []
    real_read = os.read

    def counting(descriptor: int, size: int) -> bytes:
        asked.append(size)
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "read", counting)
    doc = read_document(str(path), "c.yaml", max_bytes=1 << 30)
    assert doc.data["version"] == 1
    # The size the file gave and a byte more, then one small read that finds the end.
    assert asked == [len(GOOD.encode()) + 1, 1 << 16]


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("c.yaml", "version: 1\n")
    real_read = os.read

    def growing(descriptor: int, size: int) -> bytes:
        with path.open("ab") as grow:  # someone appends as we read
            grow.write(b"# more\n" * 50)
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "read", growing)
    with pytest.raises(LoadError) as caught:
        read_document(str(path), "c.yaml", max_bytes=100)
    assert shown(caught.value) == "c.yaml:1:1: E111 file is over the 100 bytes limit"


def test_standard_input_is_read_as_it_comes() -> None:
    asked: list[int] = []

    class Stream(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            asked.append(-1 if size is None else size)
            return super().read(size)

    files = read_stdin([ClaimFile(Path("-"), "<stdin>")], Stream(GOOD.encode()), 1 << 30)
    assert files[0].content == GOOD.encode()
    assert asked == [1 << 16, 1 << 16]


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.EIO, os.strerror(errno.EIO)), "Input/output error"),
        (OSError(errno.EISDIR, os.strerror(errno.EISDIR)), "Is a directory"),
        (ValueError("I/O operation on closed file."), "it is closed"),
    ],
)
def test_standard_input_that_cannot_be_read_is_e100(error: Exception, message: str) -> None:
    class Broken(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise error

    files = read_stdin([ClaimFile(Path("-"), "<stdin>")], Broken(), 1000)
    with pytest.raises(LoadError) as caught:
        read_claim_file(files[0], max_bytes=1000)
    assert shown(caught.value) == f"<stdin>:1:1: E100 cannot read standard input: {message}"


def _under_memory_cap() -> None:
    cap = 600 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits as Linux keeps them")
@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_1g_limit_reads_a_small_ledger_under_a_memory_cap(write: Write, source: str) -> None:
    # The real process is the point: memory is bounded for the whole run.
    path = write("c.yaml", GOOD)
    with path.open("rb") as stdin:
        done = subprocess.run(
            [claims_executable(), "validate", str(path) if source == "file" else "-"],
            stdin=stdin,
            capture_output=True,
            text=True,
            env=clean_environ(CLAIMS_MAX_FILE_SIZE="1G"),
            preexec_fn=_under_memory_cap,
            timeout=120,
            check=False,
        )
    assert done.stderr == ""
    assert done.stdout == "No problems: 1 file, 1 claim, 1 source.\n"
    assert done.returncode == 0
