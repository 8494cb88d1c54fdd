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
import json
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

from claims_cli.read.files import (
    ClaimFile,
    DiscoveryError,
    find_claim_files,
    read_claim_file,
    read_stdin,
)
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


# -- discovery: links, loops, and what is in a directory ------------------------

SOURCES = """\
version: 1
sources:
  - id: article
    title: An article
    url: https://example.org/article
    published: "2022-06"
claims:
  - id: first
    claim: The first claim.
    type: statement
    attribution: {source: article, claimant: The author, claimant_type: author}
    confidence: medium
"""


def claim(name: str, confidence: str = "medium") -> str:
    """A file holding one claim, ``name``, citing the source of :data:`SOURCES`."""
    return f"""\
version: 1
claims:
  - id: {name}
    claim: The claim {name}.
    type: statement
    attribution: {{source: article, claimant: The author, claimant_type: author}}
    confidence: {confidence}
"""


MISSPELT = (
    "E204 claims[0].confidence: 'medum' is not one of very-low, low, medium, high, "
    "very-high; did you mean 'medium'?"
)


def test_a_linked_directory_is_read(cli: Cli, write: Write, in_tmp: Path) -> None:
    write("ledger/sources.yaml", SOURCES)
    write("shared/more.yaml", claim("second"))
    os.symlink("../shared", "ledger/shared")
    run = validates(cli, "ledger")
    assert run.exit_code == 0
    assert run.lines == ["No problems: 2 files, 2 claims, 1 source."]
    listed = cli("list", "-f", "ledger", "--format", "json")
    assert sorted(c["id"] for c in json.loads(listed.stdout)) == ["first", "second"]


@pytest.mark.parametrize("link", ["sub/up", "sub/deeper/top", "self"])
def test_a_link_back_to_a_parent_is_cut_without_a_word(
    cli: Cli, write: Write, in_tmp: Path, link: str
) -> None:
    # Everything the link leads to is read already: nothing is lost, nothing read twice.
    write("ledger/sources.yaml", SOURCES)
    write("ledger/sub/b.yaml", claim("second"))
    (in_tmp / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(os.path.relpath(in_tmp / "ledger", (in_tmp / link).parent), link)
    run = validates(cli, "ledger")
    assert run.exit_code == 0
    assert run.lines == ["No problems: 2 files, 2 claims, 1 source."]


def test_links_that_lead_to_each_other_end(cli: Cli, write: Write, in_tmp: Path) -> None:
    write("ledger/sources.yaml", SOURCES)
    write("one/b.yaml", claim("second"))
    write("two/c.yaml", claim("third"))
    os.symlink("../two", "one/to-two")
    os.symlink("../one", "two/to-one")
    os.symlink("../one", "ledger/one")
    run = validates(cli, "ledger")
    assert run.exit_code == 0
    assert run.lines == ["No problems: 3 files, 3 claims, 1 source."]


def test_a_directory_reached_by_two_links_is_read_once_by_its_own_path(
    cli: Cli, write: Write, in_tmp: Path
) -> None:
    write("ledger/sources.yaml", SOURCES)
    write("ledger/real/bad.yaml", claim("second", "medum"))
    os.symlink("real", "ledger/a-link")
    os.symlink("real", "ledger/z-link")
    run = validates(cli, "ledger")
    assert run.exit_code == 1
    assert run.lines == [
        f"ledger/real/bad.yaml:7:17: {MISSPELT}",
        "Found 1 error and 0 warnings in 2 files, 2 claims, 1 source.",
    ]


def test_a_directory_outside_reached_by_two_links_is_named_by_the_first(
    cli: Cli, write: Write, in_tmp: Path
) -> None:
    write("ledger/sources.yaml", SOURCES)
    write("outside/bad.yaml", claim("second", "medum"))
    os.symlink("../outside", "ledger/b-link")
    os.symlink("../outside", "ledger/a-link")
    run = validates(cli, "ledger")
    assert run.lines == [
        f"ledger/a-link/bad.yaml:7:17: {MISSPELT}",
        "Found 1 error and 0 warnings in 2 files, 2 claims, 1 source.",
    ]


def test_a_linked_file_is_read_once_by_its_own_path(cli: Cli, write: Write, in_tmp: Path) -> None:
    write("ledger/sources.yaml", SOURCES)
    write("ledger/real.yaml", claim("second", "medum"))
    write("elsewhere/third.yaml", claim("third"))
    os.symlink("real.yaml", "ledger/a-link.yaml")
    os.symlink("../elsewhere/third.yaml", "ledger/third.yml")
    expected = [
        f"ledger/real.yaml:7:17: {MISSPELT}",
        "Found 1 error and 0 warnings in 3 files, 3 claims, 1 source.",
    ]
    assert validates(cli, "ledger").lines == expected
    # Named again, through a link or not, it is still one file.
    assert validates(cli, "ledger", "ledger/a-link.yaml", "ledger/real.yaml").lines == expected


def test_a_broken_link_is_e100(cli: Cli, write: Write, in_tmp: Path) -> None:
    write("ledger/sources.yaml", SOURCES)
    os.symlink("missing.yaml", "ledger/gone.yaml")
    run = validates(cli, "ledger")
    assert run.exit_code == 1
    assert run.lines == [
        "ledger/gone.yaml:1:1: E100 cannot read file: broken symbolic link to 'missing.yaml'",
        "Found 1 error and 0 warnings in 2 files, 1 claim, 1 source.",
    ]
    named = validates(cli, "ledger/gone.yaml")
    assert named.exit_code == 1
    assert named.lines[0] == run.lines[0]


def test_a_link_loop_is_e100(cli: Cli, write: Write, in_tmp: Path) -> None:
    write("ledger/sources.yaml", SOURCES)
    os.symlink("two.yaml", "ledger/one.yaml")
    os.symlink("one.yaml", "ledger/two.yaml")
    run = validates(cli, "ledger")
    assert run.lines == [
        "ledger/one.yaml:1:1: E100 cannot read file: Too many levels of symbolic links",
        "ledger/two.yaml:1:1: E100 cannot read file: Too many levels of symbolic links",
        "Found 2 errors and 0 warnings in 3 files, 1 claim, 1 source.",
    ]


def test_pipes_sockets_and_devices_in_a_directory_are_e119(
    cli: Cli, write: Write, in_tmp: Path
) -> None:
    write("ledger/sources.yaml", SOURCES)
    os.mkfifo("ledger/pipe.yaml")
    os.symlink(os.devnull, "ledger/null.yml")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("ledger/live.yaml")
        run = validates(cli, "ledger")
    assert run.exit_code == 1
    assert run.lines == [
        "ledger/live.yaml:1:1: E119 cannot read a socket: claim files must be regular files; "
        "to read a stream, name '-' and send it to standard input",
        "ledger/null.yml:1:1: E119 cannot read a character device: claim files must be "
        "regular files",
        f"ledger/pipe.yaml:1:1: E119 {FIFO_HINT}",
        "Found 3 errors and 0 warnings in 4 files, 1 claim, 1 source.",
    ]


def test_names_without_a_claim_suffix_are_not_claim_files(
    cli: Cli, write: Write, in_tmp: Path
) -> None:
    write("ledger/sources.yaml", SOURCES)
    write("ledger/notes.txt", "not a claim file\n")
    os.mkfifo("ledger/pipe")
    os.symlink("nowhere", "ledger/old")
    run = validates(cli, "ledger")
    assert run.lines == ["No problems: 1 file, 1 claim, 1 source."]


def test_hidden_files_and_folders_are_skipped(cli: Cli, write: Write, in_tmp: Path) -> None:
    write("ledger/sources.yaml", SOURCES)
    write("ledger/.git/config.yaml", "not: [valid")
    write("ledger/.venv/lib/site.yml", "not: [valid")
    write("ledger/.draft.yaml", "not: [valid")
    os.mkfifo("ledger/.pipe.yaml")
    assert validates(cli, "ledger").lines == ["No problems: 1 file, 1 claim, 1 source."]
    # Named, a hidden file is read like any other.
    assert validates(cli, "ledger/.draft.yaml").lines[0] == (
        "ledger/.draft.yaml:2:1: E101 YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence)"
    )


def test_a_deep_tree_is_walked(cli: Cli, write: Write, in_tmp: Path) -> None:
    write("ledger/sources.yaml", SOURCES)
    folders: list[Path] = []
    try:
        deep = Path("ledger")
        for _ in range(1100):  # deeper than the interpreter's recursion limit
            deep /= "d"
            deep.mkdir()
            folders.append(deep)
        (deep / "b.yaml").write_text(claim("second"), encoding="utf-8")
        assert validates(cli, "ledger").lines == ["No problems: 2 files, 2 claims, 1 source."]
    finally:
        # Removed here, bottom up: a recursive clean-up of old test folders would fail on it.
        if folders:
            (folders[-1] / "b.yaml").unlink(missing_ok=True)
        for folder in reversed(folders):
            folder.rmdir()


def test_a_directory_that_cannot_be_listed_stops_the_run(
    cli: Cli, write: Write, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("ledger/sources.yaml", SOURCES)
    write("ledger/private/b.yaml", claim("second"))
    real_scandir = os.scandir

    def denied(path: Any) -> Any:
        if os.fspath(path).endswith("private"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    run = validates(cli, "ledger")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == "claims: cannot read directory 'ledger/private': Permission denied\n"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a" * 300 + ".yaml", "cannot open '{name}': File name too long"),
        ("c.yaml/inside.yaml", "cannot open '{name}': Not a directory"),
        ("missing.yaml", "no such file or directory: '{name}'"),
    ],
)
def test_a_path_that_cannot_be_opened_is_a_usage_error(
    cli: Cli, write: Write, in_tmp: Path, name: str, message: str
) -> None:
    write("c.yaml", GOOD)
    run = validates(cli, name)
    assert run.exit_code == 2
    assert run.stderr == f"claims: {message.format(name=name)}\n"


def test_a_nul_in_a_path_is_a_discovery_error(in_tmp: Path) -> None:
    with pytest.raises(DiscoveryError) as caught:
        find_claim_files(["c\0.yaml"])
    assert str(caught.value) == (
        "cannot open 'c\\x00.yaml': a file name cannot contain a NUL character"
    )


@pytest.mark.parametrize("kind", ["broken link", "pipe"])
def test_the_nearest_claims_yaml_is_used_whatever_it_is(
    cli: Cli, write: Write, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    # A parent's ledger is not read in its place: that would pass in silence.
    write("claims.yaml", GOOD)
    (in_tmp / "sub").mkdir()
    monkeypatch.chdir(in_tmp / "sub")
    if kind == "pipe":
        os.mkfifo("claims.yaml")
        expected = f"claims.yaml:1:1: E119 {FIFO_HINT}"
    else:
        os.symlink("gone.yaml", "claims.yaml")
        expected = "claims.yaml:1:1: E100 cannot read file: broken symbolic link to 'gone.yaml'"
    run = validates(cli)
    assert run.exit_code == 1
    assert run.lines[0] == expected
