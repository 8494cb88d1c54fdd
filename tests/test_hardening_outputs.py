"""Outputs never lose a byte the user had: descriptors, inputs, long names, signals."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import GOOD, claims_executable, clean_environ

from claims_cli.write.atomic import OutputIsInput, write_atomic

OLD = b"old bytes\r\nkept \xc3\xa9xactly\n"
posix = pytest.mark.skipif(os.name != "posix", reason="descriptors as paths are POSIX")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- a path that names a descriptor is written through it ---------------------------


@posix
def test_export_to_dev_stdout_appends_to_a_redirected_log(tmp_path: Path) -> None:
    ledger = tmp_path / "claims.yaml"
    ledger.write_text(GOOD, encoding="utf-8")
    log = tmp_path / "log.txt"
    log.write_bytes(OLD)
    with log.open("ab") as append:  # claims export -o /dev/stdout >> log.txt
        done = subprocess.run(
            [claims_executable(), "export", "-F", "jsonl", "-o", "/dev/stdout", "-f", str(ledger)],
            stdout=append,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
            env=clean_environ(),
        )
    assert (done.returncode, done.stderr) == (0, b"")
    data = log.read_bytes()
    assert data.startswith(OLD)
    assert data[len(OLD) :].startswith(b'{"id": "trade-121m"')
    assert leftovers(tmp_path) == []


@posix
@pytest.mark.parametrize("spelling", ["/dev/fd/{fd}", "/proc/self/fd/{fd}", "/dev/fd/./{fd}"])
def test_a_descriptor_path_keeps_what_the_file_holds(tmp_path: Path, spelling: str) -> None:
    if spelling.startswith("/proc") and not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc")
    log = tmp_path / "log.txt"
    log.write_bytes(OLD)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        write_atomic(spelling.format(fd=fd), ["new\n"])
    finally:
        os.close(fd)
    assert log.read_bytes() == OLD + b"new\n"
    assert leftovers(tmp_path) == []


@posix
def test_a_device_is_written_without_being_replaced(tmp_path: Path) -> None:
    write_atomic("/dev/null", ["nothing\n"])
    assert Path("/dev/null").is_char_device()


# -- an output that is an input is refused before anything is written --------------


@pytest.mark.parametrize("spelling", ["same", "dot", "hardlink", "symlink"])
def test_an_output_that_is_an_input_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    monkeypatch.chdir(tmp_path)
    ledger = tmp_path / "claims.yaml"
    ledger.write_bytes(OLD)
    output = {
        "same": str(ledger),
        "dot": "./claims.yaml",
        "hardlink": "linked.yaml",
        "symlink": "pointer.yaml",
    }[spelling]
    if spelling == "hardlink":
        os.link(ledger, output)
    if spelling == "symlink":
        os.symlink(ledger, output)
    with pytest.raises(OutputIsInput) as caught:
        write_atomic(output, ["name,claim\n"], protect=[str(ledger)])
    assert isinstance(caught.value, OSError)
    assert caught.value.errno == errno.EEXIST
    assert caught.value.filename == output
    assert caught.value.strerror == (
        f"it is the input file '{ledger}'; writing it would destroy the ledger "
        "(choose another output)"
    )
    assert ledger.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_other_outputs_are_written_when_inputs_are_protected(tmp_path: Path) -> None:
    ledger = tmp_path / "claims.yaml"
    ledger.write_bytes(OLD)
    out = tmp_path / "report.csv"
    write_atomic(out, ["a\n"], protect=[ledger, tmp_path / "missing.yaml"])
    assert out.read_bytes() == b"a\n"
    assert ledger.read_bytes() == OLD


# -- names at the file system's limit ----------------------------------------------


@pytest.mark.parametrize("length", [250, 255])
def test_a_long_output_name_fits_its_temporary_name(tmp_path: Path, length: int) -> None:
    out = tmp_path / ("r" * (length - 3) + ".md")
    out.write_bytes(OLD)
    write_atomic(out, ["new\n"])
    assert out.read_bytes() == b"new\n"
    assert leftovers(tmp_path) == []


def test_a_long_name_in_another_script_is_cut_on_a_character(tmp_path: Path) -> None:
    out = tmp_path / ("é" * 125 + ".md")  # 254 bytes in UTF-8
    write_atomic(out, ["new\n"])
    assert out.read_bytes() == b"new\n"


def test_a_name_over_the_limit_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        write_atomic(tmp_path / ("r" * 300), ["x"])
    assert caught.value.errno == errno.ENAMETOOLONG
    assert caught.value.strerror == os.strerror(errno.ENAMETOOLONG)


def test_a_nul_in_the_name_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        write_atomic(str(tmp_path / "a\0b"), ["x"])
    assert caught.value.strerror == "a file name cannot contain a NUL character"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_folder_is_an_os_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "report.md").write_bytes(OLD)
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError) as caught:
            write_atomic(folder / "report.md", ["x"])
    finally:
        folder.chmod(0o755)
    assert caught.value.strerror == os.strerror(errno.EACCES)
    assert (folder / "report.md").read_bytes() == OLD


# -- a signal during the write leaves the old file and no temporary file ------------

WRITER = textwrap.dedent(
    """
    import sys, time
    from claims_cli.write.atomic import write_atomic

    def chunks():
        yield "half of the new "
        print("ready", flush=True)
        time.sleep(60)  # blocks until the signal arrives
        yield "report"

    write_atomic(sys.argv[1], chunks())
    """
)


@posix
@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_mid_write_leaves_the_old_file(tmp_path: Path, name: str) -> None:
    signum = getattr(signal, name)
    target = tmp_path / "report.md"
    target.write_bytes(OLD)
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline() == b"ready\n"
            assert len(leftovers(tmp_path)) == 1  # the write is under way
            child.send_signal(signum)
            child.wait(timeout=30)
        finally:
            child.kill()
    assert child.returncode == -signum  # the signal still ends the process
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_export_refuses_to_overwrite_the_file_standard_input_reads(tmp_path: Path) -> None:
    # 'claims export -f - -o claims.yaml < claims.yaml': standard input is the ledger.
    ledger = tmp_path / "claims.yaml"
    ledger.write_text(GOOD, encoding="utf-8")
    before = ledger.read_bytes()
    with ledger.open("rb") as stdin:
        done = subprocess.run(
            [claims_executable(), "export", "-f", "-", "-F", "csv", "-o", str(ledger)],
            stdin=stdin,
            capture_output=True,
            text=True,
            env=clean_environ(),
            timeout=60,
            check=False,
        )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"claims: cannot write '{ledger}': it is the input file '/dev/stdin'; "
        "writing it would destroy the ledger (choose another output)\n"
    )
    assert ledger.read_bytes() == before
