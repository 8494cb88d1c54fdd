"""Reading a ledger's history from git: the one place ``claims`` runs ``git``.

Every call is an argument list given to ``git`` itself, never a shell, with
``--`` before paths and ``--end-of-options`` before revisions, and every
revision is checked (:func:`checked_revision`) before git sees it, so text
from a command line cannot become an option or a command. What fails is a
:class:`GitError` worded for people: not a repository, a revision that is not
there (and, in a shallow clone, how to fetch it), git missing.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: A revision as people write one: a name, a hash, ``HEAD~2``, ``main^``,
#: ``origin/main``, ``v1.0``. No spaces, controls, ``..`` ranges or leading ``-``.
_REVISION = re.compile(r"^(?!-)(?!.*\.\.)[A-Za-z0-9._/@{}^~+-]{1,200}$")
#: Field separator in ``git log`` output: a byte no name or subject holds.
_SEP = "\x1f"


class GitError(Exception):
    """Git could not answer; ``str()`` says why, for ``claims: ...``."""


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit: its hash, author date (ISO 8601), author and subject."""

    hash: str
    date: str
    author: str
    subject: str

    @property
    def short(self) -> str:
        return self.hash[:12]


def checked_revision(revision: str) -> str:
    """``revision`` if it reads as a revision, else a :class:`GitError`."""
    if not _REVISION.match(revision):
        raise GitError(
            f"'{revision}' is not a revision: give a branch, tag or commit (main, HEAD~1, a1b2c3d)"
        )
    return revision


def checked_path(path: str) -> str:
    """A path inside the repository, as git names it (``/``-separated, relative)."""
    parts = PurePosixPath(path.replace(os.sep, "/")).parts
    if not parts or path.startswith("/") or ".." in parts or any("\x00" in p for p in parts):
        raise GitError(f"'{path}' is not a path inside the repository")
    return "/".join(parts)


@dataclass(frozen=True)
class Repository:
    """A git repository: its top-level folder. Every method runs ``git`` there."""

    root: Path

    @classmethod
    def around(cls, start: Path) -> Repository:
        """The repository ``start`` is in, or a :class:`GitError`."""
        out = _git(start, ["rev-parse", "--show-toplevel"], what=f"'{start}'")
        return cls(Path(out.decode("utf-8", "surrogateescape").strip()))

    def run(self, args: Sequence[str], *, what: str = "") -> bytes:
        return _git(self.root, args, what=what)

    def is_shallow(self) -> bool:
        out = self.run(["rev-parse", "--is-shallow-repository"])
        return out.strip() == b"true"

    def shallow_boundaries(self, revision: str = "HEAD") -> list[str]:
        """The shallow clone's boundary commits that ``revision`` reaches, oldest first.

        A boundary commit is one whose parents were not fetched: git shows it
        as a first commit, so what it holds may be older than it. Empty in a
        full clone, or when ``revision``'s history stops before the boundary.
        """
        if not self.is_shallow():
            return []
        where = self.run(["rev-parse", "--git-path", "shallow"]).decode("utf-8", "surrogateescape")
        try:
            listed = (self.root / where.strip()).read_text("ascii").split()
        except (OSError, UnicodeDecodeError):
            return []
        if not listed:
            return []
        reached = self.run(
            ["rev-list", "--reverse", "--end-of-options", checked_revision(revision)]
        ).split()
        boundaries = set(listed)
        return [c for c in (h.decode() for h in reached) if c in boundaries]

    def commit(self, revision: str) -> str:
        """The full hash of ``revision``; a :class:`GitError` that says why when it is missing."""
        revision = checked_revision(revision)
        try:
            out = self.run(
                ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"]
            )
        except GitError:
            hint = (
                "; this is a shallow clone: fetch the revision (git fetch --deepen=N, or "
                "fetch-depth: 0 in actions/checkout)"
                if self.is_shallow()
                else ""
            )
            raise GitError(f"revision '{revision}' is not in this repository{hint}") from None
        return out.decode().strip()

    def merge_base(self, one: str, other: str) -> str:
        """The commit ``one`` and ``other`` last had in common."""
        a, b = self.commit(one), self.commit(other)
        try:
            return self.run(["merge-base", a, b]).decode().strip()
        except GitError:
            hint = "; this is a shallow clone: fetch more history" if self.is_shallow() else ""
            raise GitError(f"'{one}' and '{other}' have no common history{hint}") from None

    def default_branch(self) -> str:
        """The branch pull requests go to: origin's HEAD, else main, else master."""
        try:
            out = self.run(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"])
            return out.decode().strip()
        except GitError:
            pass
        for name in ("main", "master", "origin/main", "origin/master"):
            try:
                self.commit(name)
                return name
            except GitError:
                continue
        raise GitError("no default branch found (main, master or origin's HEAD): name the base")

    def files(self, commit: str, path: str) -> list[str]:
        """The ledger files of ``path`` at ``commit``: the file, or the YAML files below a folder.

        Names starting with ``.`` are skipped, as when reading from disk.
        """
        path = checked_path(path)
        out = self.run(["ls-tree", "-r", "-z", "--name-only", commit, "--", path])
        names = [n for n in out.decode("utf-8", "surrogateescape").split("\x00") if n]
        found = []
        for name in names:
            inside = name[len(path) :].lstrip("/") if name != path else PurePosixPath(name).name
            if name != path and any(part.startswith(".") for part in inside.split("/")):
                continue
            if name == path or name.endswith((".yaml", ".yml")):
                found.append(name)
        return sorted(found)

    def show(self, commit: str, path: str) -> bytes:
        """The bytes of ``path`` at ``commit``."""
        return self.run(["show", f"{commit}:{checked_path(path)}"], what=f"{commit[:12]}:{path}")

    def renames(self, old: str, new: str | None, paths: Sequence[str]) -> dict[str, str]:
        """Files renamed between ``old`` and ``new`` (None: the working tree), new name -> old."""
        args = ["diff", "--name-status", "-z", "-M", old, *([new] if new else [])]
        out = self.run([*args, "--", *(checked_path(p) for p in paths)])
        fields = out.decode("utf-8", "surrogateescape").split("\x00")
        found: dict[str, str] = {}
        n = 0
        while n < len(fields) - 1:
            status = fields[n]
            if status.startswith(("R", "C")):
                found[fields[n + 2]] = fields[n + 1]
                n += 3
            else:
                n += 2
        return found

    def log(self, paths: Sequence[str], *, revision: str = "HEAD") -> list[Commit]:
        """The commits that touched ``paths`` up to ``revision``, newest first."""
        fmt = _SEP.join(("%H", "%aI", "%an", "%s"))
        args = ["log", f"--format={fmt}", "-z", checked_revision(revision), "--"]
        out = self.run([*args, *(checked_path(p) for p in paths)])
        commits = []
        for record in out.decode("utf-8", "replace").split("\x00"):
            if record.strip():
                hash_, day, author, subject = record.strip("\n").split(_SEP, 3)
                commits.append(Commit(hash_, day, author, subject))
        return commits

    def relative(self, path: Path) -> str:
        """``path`` (on disk) as git names it inside this repository."""
        try:
            return checked_path(path.resolve().relative_to(self.root.resolve()).as_posix())
        except ValueError:
            raise GitError(f"'{path}' is not inside the repository at '{self.root}'") from None


def _git(where: Path, args: Sequence[str], *, what: str = "") -> bytes:
    # No pager and no prompt: git runs with its output captured, and stdin
    # closed so that nothing can wait for an answer.
    try:
        done = subprocess.run(
            ["git", "--no-pager", "-c", "core.quotepath=off", *args],
            cwd=where,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"git exited with {done.returncode}"
        if "not a git repository" in reason.lower():
            raise GitError(f"{what or where} is not in a git repository")
        raise GitError(f"git: {reason}" + (f" ({what})" if what else ""))
    return done.stdout
