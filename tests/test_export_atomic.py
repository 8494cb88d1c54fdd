"""Atomic file replacement: the old file survives any failure, byte for byte."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claims_cli.write.atomic import write_atomic

OLD = b"old report\r\nwith CRLF and \xc3\xa9\n"


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.md"
    path.write_bytes(OLD)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_the_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_atomic(path, ["a,b\r\n", "é,\n"])
    assert path.read_bytes() == "a,b\r\né,\n".encode()
    assert leftovers(tmp_path) == []


def test_replaces_an_existing_file(old_file: Path) -> None:
    write_atomic(old_file, ["new"])
    assert old_file.read_bytes() == b"new"
    assert leftovers(old_file.parent) == []


def _failing_chunks() -> Iterator[str]:
    yield "the first half of a report\n"
    raise RuntimeError("the exporter failed half-way")


def test_a_failure_while_writing_leaves_the_old_file(old_file: Path) -> None:
    with pytest.raises(RuntimeError, match="half-way"):
        write_atomic(old_file, _failing_chunks())
    assert old_file.read_bytes() == OLD
    assert leftovers(old_file.parent) == []


def test_an_interrupt_while_writing_leaves_the_old_file(old_file: Path) -> None:
    def interrupted() -> Iterator[str]:
        yield "part"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(old_file, interrupted())
    assert old_file.read_bytes() == OLD
    assert leftovers(old_file.parent) == []


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failing_disk_leaves_the_old_file(
    old_file: Path, step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(f"claims_cli.write.atomic.os.{step}", fail)
    with pytest.raises(OSError, match="No space"):
        write_atomic(old_file, ["new text"])
    monkeypatch.undo()
    assert old_file.read_bytes() == OLD
    assert leftovers(old_file.parent) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_an_existing_file_keeps_its_permissions(old_file: Path) -> None:
    old_file.chmod(0o640)
    write_atomic(old_file, ["new"])
    assert stat.S_IMODE(old_file.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.md", ["x"])
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_a_symbolic_link_is_followed(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, ["new"])
    assert link.is_symlink()
    assert target.read_text() == "new"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, ["one\n", "two\n"])
    reader.join(timeout=10)
    assert received == [b"one\ntwo\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
