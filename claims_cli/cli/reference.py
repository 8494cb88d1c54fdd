"""The command-line reference, ``docs/cli.md``, made from every command's ``--help``.

``python -m claims_cli.cli.reference`` rewrites the file; ``--check`` only
says whether it is up to date (exit 1 if not). A test runs the check, so the
reference cannot drift from the commands.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

#: How wide the help is drawn in the reference.
WIDTH = 100
REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_INTRO = """\
# Command-line reference

<!-- Made by `python -m claims_cli.cli.reference` from the commands' own help: edit the
     help text in claims_cli/cli/, then run it again. A test fails when this file is stale. -->

Every command prints this with `--help` (`-h`). Options that take a value show it in capitals
(`FILE`, `TAG`, `N`, `FORMAT`); a wrong value is a usage error (exit 2), said in one line:

```console
$ claims list --format jsn
{usage_error}
```

`-` as a path (`claims validate -`, `claims list -f -`) reads the ledger from standard
input; diagnostics call it `<stdin>`.
"""


def _run(args: list[str]) -> tuple[int, str, str]:
    """``claims ARGS``: its exit code, output and errors."""
    from typer.testing import CliRunner

    from claims_cli.cli import app, register

    register()

    # The toolkit draws help itself, from the process's environment: give it a
    # fixed width and no colour, and keep only the text.
    scrubbed = ("FORCE_COLOR", "GITHUB_ACTIONS", "PY_COLORS", "TERMINAL_WIDTH")
    env: dict[str, str | None] = dict.fromkeys(scrubbed)
    env.update({"COLUMNS": str(WIDTH), "NO_COLOR": "1", "TERM": "dumb"})
    result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _help(args: list[str]) -> str:
    code, text, _ = _run([*args, "--help"])
    if code != 0:
        raise RuntimeError(f"claims {' '.join(args)} --help exited {code}")
    lines = [_ANSI.sub("", line).rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines).rstrip() + "\n"


def command_names() -> list[str]:
    """Every ``claims`` command, in the order ``claims --help`` lists them."""
    import typer

    from claims_cli.cli import app, register

    register()

    return list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def reference() -> str:
    """The text of ``docs/cli.md``."""
    parts = [_INTRO.format(usage_error=_run(["list", "--format", "jsn"])[2].strip())]
    for args in ([], *([name] for name in command_names())):
        title = " ".join(["claims", *args])
        parts.append(f"\n## `{title}`\n\n```text\n{_help(args)}```\n")
    return "".join(parts)


def main(args: list[str]) -> None:
    """Rewrite the reference, or with ``--check`` exit 1 if it is stale."""
    text = reference()
    if args == ["--check"]:
        current = REFERENCE.read_text("utf-8") if REFERENCE.exists() else ""
        if current != text:
            raise SystemExit("docs/cli.md is stale: run python -m claims_cli.cli.reference")
    elif args:
        raise SystemExit("usage: python -m claims_cli.cli.reference [--check]")
    else:
        REFERENCE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
